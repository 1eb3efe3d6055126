#include "ProjectBuilder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

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

    const QString part = file + QStringLiteral(".part");
    removeDatabaseFiles(part);
    try {
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
        {
            auto store = ProjectStore::create(
                part, QDir::cleanPath(QString::fromStdString(ds.root.string())),
                QString::fromStdString(io::layoutName(ds.layout)));
            ModelRecord m;
            m.path = QFileInfo(modelPath).absoluteFilePath();
            m.sha256 = ProjectStore::fileSha256(modelPath);
            m.method = QString::fromStdString(methodName(model.info().method));
            m.alignment = QString::fromStdString(alignmentName(options.alignment));
            m.imageSize = model.info().imageSize;
            m.defaultThreshold = summary.threshold;
            store->setModel(m);
            store->addImages(rows);
            for (const ImplicitGroup& g : model.groups())
                store->setGroupName(g.id, QString::fromStdString(g.name));
            store->setThreshold(summary.threshold);
        } // closing the last connection checkpoints the WAL into the file
        if (!QFile::rename(part, file))
            throw Error("Cannot move the new project into place at '" + file.toStdString() +
                        "'. Check that the folder is writable.");
        summary.images = int(rows.size());
    } catch (...) {
        removeDatabaseFiles(part);
        throw;
    }
    return summary;
}

} // namespace cada::project
