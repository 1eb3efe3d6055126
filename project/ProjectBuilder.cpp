#include "ProjectBuilder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include "ProjectStore.h"
#include "cada/Error.h"
#include "cada/model/Model.h"

namespace cada::project {
namespace {

std::vector<io::DatasetRecord> selectRecords(const io::Dataset& ds, const QString& split)
{
    const bool hasSplits = ds.layout == io::Layout::MVTec || ds.layout == io::Layout::VisA;
    if (split == QLatin1String("all") || (split == QLatin1String("auto") && !hasSplits))
        return ds.records;
    if (split == QLatin1String("test") || split == QLatin1String("auto"))
        return ds.select(io::Split::Test);
    if (split == QLatin1String("train"))
        return ds.select(io::Split::Train);
    throw Error("Unknown split '" + split.toStdString() + "'; use auto, all, train or test.");
}

void removeDatabaseFiles(const QString& file)
{
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(file + suffix);
}

} // namespace

CreateSummary createProject(const Model& model, const QString& modelPath,
                            const CreateOptions& options, Progress& progress)
{
    if (options.alignment == Alignment::Oracle)
        throw Error("A project stores what the workstation shows; use the none or cada alignment "
                    "(oracle needs "
                    "class labels and is available in 'cada eval').");
    const QString file = QFileInfo(options.projectFile).absoluteFilePath();
    if (QFileInfo::exists(file))
        throw Error("Cannot create the project '" + file.toStdString() +
                    "': the file already exists. Choose another name or delete it first.");
    const io::Dataset ds = io::scanDataset(options.imagesDir.toStdString(), options.layout);
    const std::vector<io::DatasetRecord> records = selectRecords(ds, options.split);
    if (records.empty())
        throw Error("No images to score in '" + options.imagesDir.toStdString() + "' (split " +
                    options.split.toStdString() + ").");

    CreateSummary summary;
    for (const auto& p : ds.problems)
        summary.scanProblems << QString::fromStdString(p.path.string() + ": " + p.reason);

    ScoreOptions so;
    so.alignment = options.alignment;
    so.keepMaps = false;
    summary.threshold = model.defaultThreshold(options.alignment);

    std::vector<ImageRecord> rows(records.size()); // by index: the sink may run out of order
    std::vector<std::filesystem::path> paths;
    for (const auto& r : records)
        paths.push_back(r.path);
    model.score(paths, so, progress, [&](std::size_t i, ImageResult& result) {
        const io::DatasetRecord& rec = records[i];
        ImageRecord& row = rows[i];
        row.path = QDir::cleanPath(QString::fromStdString(rec.path.string()));
        row.folder = QFileInfo(row.path).absolutePath();
        // A project stores paths as text: a name that is not UTF-8 would come back as another
        // name, so such an image is reported instead of being stored under a wrong path.
        const std::string& native = rec.path.native();
        if (QString::fromUtf8(native.data(), qsizetype(native.size())).toUtf8().toStdString() !=
            native)
            result.error = "the file name is not valid UTF-8 text; rename the file to store "
                           "it in a project";
        row.className = QString::fromStdString(rec.className);
        row.groundTruth = rec.label == io::Label::Normal      ? 0
                          : rec.label == io::Label::Anomalous ? 1
                                                              : -1;
        try {
            row.sha256 = ProjectStore::fileSha256(row.path);
            row.sizeBytes = QFileInfo(row.path).size();
        } catch (const Error& e) {
            if (result.ok())
                result.error = e.what();
        }
        row.setResult(result);
        if (result.ok()) {
            summary.flagged += row.score >= summary.threshold;
        } else {
            ++summary.failed;
        }
        summary.labelled += row.groundTruth >= 0;
    });
    progress.throwIfCancelled();

    NewProject project;
    project.file = file;
    project.imagesRoot = QDir::cleanPath(QString::fromStdString(ds.root.string()));
    project.layout = QString::fromStdString(io::layoutName(ds.layout));
    project.model = modelRecord(model, modelPath, options.alignment);
    for (const ImplicitGroup& g : model.groups())
        project.groupNames[g.id] = QString::fromStdString(g.name);
    project.threshold = summary.threshold;
    writeProject(project, rows);
    summary.images = int(rows.size());
    return summary;
}

ModelRecord modelRecord(const Model& model, const QString& path, Alignment alignment, bool hash)
{
    ModelRecord m;
    m.path = QFileInfo(path).absoluteFilePath();
    if (hash)
        m.sha256 = ProjectStore::fileSha256(path);
    m.method = QString::fromStdString(methodName(model.info().method));
    m.alignment = QString::fromStdString(alignmentName(alignment));
    m.imageSize = model.info().imageSize;
    m.defaultThreshold = model.defaultThreshold(alignment);
    m.version = model.info().version;
    return m;
}

void writeProject(const NewProject& project, std::vector<ImageRecord> images)
{
    for (ImageRecord& rec : images)
        if (rec.scored && rec.modelSha256.isEmpty()) {
            rec.modelSha256 = project.model.sha256;
            rec.modelVersion = project.model.version;
        }
    const QString part = project.file + QStringLiteral(".part");
    removeDatabaseFiles(part);
    try {
        {
            auto store = ProjectStore::create(part, project.imagesRoot, project.layout);
            store->setModel(project.model);
            store->addImages(images); // assigns the ids
            for (const auto& [g, name] : project.groupNames)
                store->setGroupName(g, name);
            store->setThreshold(project.threshold);
            store->setReviewBand(project.reviewBand);
            for (const ImageRecord& rec : images)
                if (!project.selectedPath.isEmpty() && rec.path == project.selectedPath)
                    store->setSelectedImage(rec.id);
        } // closing the last connection checkpoints the WAL into the file
        removeDatabaseFiles(project.file);
        if (!QFile::rename(part, project.file))
            throw Error("Cannot move the new project into place at '" + project.file.toStdString() +
                        "'. Check that the folder is writable.");
    } catch (...) {
        removeDatabaseFiles(part);
        throw;
    }
}

void addLayoutLabels(const QString& folder, std::vector<ImageRecord>& images, NewProject& project)
{
    project.imagesRoot = folder;
    project.layout = QStringLiteral("folder");
    try {
        const io::Dataset ds = io::scanDataset(folder.toStdString(), io::Layout::Auto);
        project.imagesRoot = QDir::cleanPath(QString::fromStdString(ds.root.string()));
        project.layout = QString::fromStdString(io::layoutName(ds.layout));
        QHash<QString, const io::DatasetRecord*> byPath;
        for (const auto& r : ds.records)
            byPath.insert(QDir::cleanPath(QString::fromStdString(r.path.string())), &r);
        for (ImageRecord& rec : images)
            if (const io::DatasetRecord* r = byPath.value(rec.path)) {
                rec.className = QString::fromStdString(r->className);
                rec.groundTruth = r->label == io::Label::Normal      ? 0
                                  : r->label == io::Label::Anomalous ? 1
                                                                     : -1;
            }
    } catch (const Error&) {
        // The images are still there; only the labels are lost.
    }
}

void addContentHashes(std::vector<ImageRecord>& images)
{
    for (ImageRecord& rec : images) {
        try {
            rec.sha256 = ProjectStore::fileSha256(rec.path);
            rec.sizeBytes = QFileInfo(rec.path).size();
        } catch (const Error& e) {
            if (rec.error.isEmpty())
                rec.error = QString::fromUtf8(e.what());
        }
    }
}

} // namespace cada::project
