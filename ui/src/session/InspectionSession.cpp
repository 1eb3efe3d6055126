#include "session/InspectionSession.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSettings>
#include <QtConcurrent>

#include "ProjectTypes.h"
#include "batch/ImageFilterProxy.h"
#include "batch/ImageListModel.h"
#include "batch/ScoreWorker.h"
#include "batch/ThumbnailLoader.h"
#include "cada/io/Dataset.h"
#include "cada/model/Model.h"
#include "window/EngineMessages.h"
#include "window/WorkerError.h"

namespace cada::ui {

namespace {

cada::ScoreOptions withMaps()
{
    cada::ScoreOptions options;
    options.alignment = cada::Alignment::Cada;
    options.keepMaps = true;
    return options;
}

} // namespace

InspectionSession::InspectionSession(QObject* parent) : QObject(parent)
{
    m_images = new ImageListModel(this);
    m_thumbnails = new ThumbnailLoader(48, this);
    m_images->setThumbnailLoader(m_thumbnails);
    m_proxy = new ImageFilterProxy(this);
    m_proxy->setSourceModel(m_images);
    m_worker = new ScoreWorker(this);
    m_rescoreWorker = new ScoreWorker(this);

    connect(m_worker, &ScoreWorker::resultReady, this, &InspectionSession::onResult);
    connect(m_worker, &ScoreWorker::progress, this, &InspectionSession::progress);
    connect(m_worker, &ScoreWorker::finished, this,
            [this] { onBatchEnded(tr("Scoring finished."), true); });
    connect(m_worker, &ScoreWorker::cancelled, this,
            [this] { onBatchEnded(tr("Scoring cancelled."), false); });
    connect(m_worker, &ScoreWorker::failed, this, [this](const QString& english) {
        const QString message = localizedEngineMessage(english);
        onBatchEnded(tr("Scoring failed."), false);
        emit errorOccurred(message);
        emit batchFailed(message);
    });
    connect(m_rescoreWorker, &ScoreWorker::resultReady, this,
            [this](int, const ScoredImage& result) {
                if (m_rescoreRow < 0 || m_rescoreRow >= m_images->rowCount() ||
                    m_images->path(m_rescoreRow) != result.path)
                    return; // the batch was replaced meanwhile
                m_images->restoreMap(m_rescoreRow, result.alignedMap);
            });
    connect(m_rescoreWorker, &ScoreWorker::finished, this, &InspectionSession::onRescoreEnded);
    connect(m_rescoreWorker, &ScoreWorker::cancelled, this, &InspectionSession::onRescoreEnded);
    connect(m_rescoreWorker, &ScoreWorker::failed, this, [this](const QString& message) {
        emit mapFailed(tr("The heatmap could not be recomputed: %1").arg(message));
        onRescoreEnded();
    });
}

InspectionSession::~InspectionSession()
{
    m_worker->cancel();
    m_rescoreWorker->cancel();
}

double InspectionSession::threshold() const
{
    return m_images->threshold();
}

QStringList InspectionSession::groupNames() const
{
    return m_images->groupNames();
}

bool InspectionSession::isScoring() const
{
    return m_worker->isRunning();
}

bool InspectionSession::isRescoring() const
{
    return m_rescoreWorker->isRunning();
}

void InspectionSession::openModel(const QString& path)
{
    if (isScoring()) {
        emit notice(tr("Cancel the running batch before opening another model."));
        return;
    }
    emit modelLoading(path);
    QtConcurrent::run(
        [path] { return std::shared_ptr<cada::Model>(cada::Model::load(path.toStdString())); })
        .then(this,
              [this, path](std::shared_ptr<cada::Model> model) {
                  m_model = std::move(model);
                  m_modelPath = QFileInfo(path).absoluteFilePath();
                  const double def = m_model->defaultThreshold(cada::Alignment::Cada);
                  emit modelChanged(m_modelPath, {});
                  setThreshold(QSettings()
                                   .value(modelSettingsPrefix() + QStringLiteral("threshold"), def)
                                   .toDouble());
                  emit modelLoaded(m_modelPath);
                  if (!m_pendingPaths.isEmpty())
                      startScoring();
              })
        .onFailed(this, [this](const std::exception& e) {
            const QString message = workerErrorText(e);
            emit errorOccurred(message);
            emit modelFailed(message);
        });
}

void InspectionSession::openFolder(const QString& folder)
{
    if (isScoring()) {
        emit notice(tr("Cancel the running batch before opening another folder."));
        return;
    }
    emit folderScanning(folder);
    const std::string root = folder.toStdString();
    QtConcurrent::run([root] {
        // A plain folder is inspected whole; of an MVTec AD / VisA layout only the test split
        // (training normals and ground-truth masks are not what a reviewer inspects).
        cada::io::Dataset dataset = cada::io::scanDataset(root, cada::io::Layout::Auto);
        if (dataset.layout != cada::io::Layout::Folder) {
            auto test = dataset.select(cada::io::Split::Test);
            if (!test.empty())
                dataset.records = std::move(test);
        }
        return dataset;
    })
        .then(this,
              [this, folder](const cada::io::Dataset& dataset) {
                  QStringList paths;
                  paths.reserve(qsizetype(dataset.records.size()));
                  for (const auto& r : dataset.records)
                      paths << QString::fromStdString(r.path.string());
                  m_folder = folder;
                  resetErrors();
                  m_proxy->setRowSubset({});
                  m_currentRow = -1;
                  m_images->setImages(paths, folder);
                  QVector<int> labels;
                  for (const auto& r : dataset.records)
                      labels << (r.label == cada::io::Label::Normal      ? 0
                                 : r.label == cada::io::Label::Anomalous ? 1
                                                                         : -1);
                  m_images->setGroundTruth(labels);
                  emit folderLoaded(folder, int(paths.size()));
                  std::vector<const cada::io::ScanProblem*> skipped;
                  for (const auto& p : dataset.problems)
                      if (p.skipped) // notes about scored images (a missing mask) are not shown
                          skipped.push_back(&p);
                  if (!skipped.empty())
                      emit notice(tr("%n entry(ies) skipped while scanning; first: %1", nullptr,
                                     int(skipped.size()))
                                      .arg(QString::fromStdString(skipped.front()->path.string() +
                                                                  ": " + skipped.front()->reason)));
                  m_pendingPaths = paths;
                  if (m_model)
                      startScoring();
              })
        .onFailed(this, [this](const std::exception& e) {
            const QString message = workerErrorText(e);
            emit errorOccurred(message);
            emit folderFailed(message);
        });
}

void InspectionSession::rescoreWithNextModel()
{
    if (m_folder.isEmpty() || m_images->rowCount() == 0)
        return;
    m_pendingPaths.clear();
    for (int r = 0; r < m_images->rowCount(); ++r)
        m_pendingPaths << m_images->path(r);
}

void InspectionSession::cancelScoring()
{
    m_worker->cancel();
}

void InspectionSession::startScoring()
{
    if (!m_model || m_pendingPaths.isEmpty())
        return;
    if (m_rescoreWorker->isRunning()) {
        m_startAfterRescore = true;
        m_rescoreWorker->cancel();
        return;
    }
    if (m_pendingPaths.size() != m_images->rowCount())
        m_images->setImages(m_pendingPaths, m_folder);
    resetErrors();
    if (!m_worker->start(m_model, m_pendingPaths, withMaps()))
        return;
    m_pendingPaths.clear();
    emit batchStarted(m_images->rowCount());
}

void InspectionSession::onResult(int row, const ScoredImage& result)
{
    m_images->setResult(row, result);
    if (!result.ok()) {
        if (m_errorCount++ == 0)
            m_firstError = localizedEngineMessage(result.error);
        emit notice(tr("%n image(s) could not be scored; first: %1", nullptr, m_errorCount)
                        .arg(m_firstError.toHtmlEscaped()) +
                    QStringLiteral(" <a href=\"failures\">%1</a>").arg(tr("Details")));
    }
    emit resultArrived(row);
    // The first result of a batch is shown at once, so the view is not empty while scoring.
    if (m_currentRow < 0 && m_proxy->rowCount() > 0)
        select(m_proxy->mapToSource(m_proxy->index(0, 0)).row());
    else if (m_currentRow == row)
        setCurrentRow(row);
}

void InspectionSession::onBatchEnded(const QString& message, bool complete)
{
    emit batchEnded(message, complete);
    // A map evicted while the batch ran can be recomputed now.
    const int row = m_currentRow;
    if (row >= 0 && row < m_images->rowCount() && m_images->alignedMap(row).empty() &&
        m_images->isScored(row) && m_images->image(row).ok())
        rescoreMap(row);
}

void InspectionSession::resetErrors()
{
    m_errorCount = 0;
    m_firstError.clear();
}

void InspectionSession::setThreshold(double threshold)
{
    m_images->setThreshold(threshold);
    if (!m_modelPath.isEmpty()) // remembered per model
        QSettings().setValue(modelSettingsPrefix() + QStringLiteral("threshold"), threshold);
    emit thresholdChanged(threshold);
}

void InspectionSession::commitThreshold(double threshold)
{
    emit thresholdCommitted(threshold);
}

void InspectionSession::setReviewBand(std::optional<double> lower)
{
    m_images->setReviewBand(lower);
    emit reviewBandChanged(lower);
}

void InspectionSession::setCurrentRow(int row)
{
    m_currentRow = row >= 0 && row < m_images->rowCount() ? row : -1;
    emit currentRowChanged(m_currentRow);
    if (m_currentRow < 0)
        return;
    const ScoredImage& im = m_images->image(m_currentRow);
    if (m_images->alignedMap(m_currentRow).empty() && m_images->isScored(m_currentRow) && im.ok())
        rescoreMap(m_currentRow);
}

bool InspectionSession::select(int row)
{
    if (row < 0 || row >= m_images->rowCount())
        return false;
    if (!m_proxy->mapFromSource(m_images->index(row, 0)).isValid())
        return false;
    emit selectRequested(row);
    return m_currentRow == row;
}

void InspectionSession::showProject(const cada::project::ProjectSnapshot& project)
{
    using cada::project::ImageRecord;
    m_rescoreWorker->cancel();
    m_pendingPaths.clear();
    m_folder = project.imagesRoot;
    resetErrors();
    m_proxy->setRowSubset({});
    // The project's model is loaded in the background (adoptModel); until then no other model
    // may draw heatmaps for these scores.
    m_model.reset();
    m_modelPath = project.model.path;

    QVector<ScoredImage> rows;
    QVector<ImageListModel::RowReview> reviews;
    rows.reserve(qsizetype(project.images.size()));
    reviews.reserve(qsizetype(project.images.size()));
    for (const ImageRecord& rec : project.images) {
        rows << ScoredImage::fromRecord(rec);
        reviews << ImageListModel::RowReview{rec.id, rec.decision, rec.note, rec.reviewer,
                                             rec.decidedAt};
    }
    m_currentRow = -1;
    m_images->setScoredImages(rows, project.imagesRoot, reviews);
    QVector<int> labels;
    for (const ImageRecord& rec : project.images)
        labels << rec.groundTruth;
    m_images->setGroundTruth(labels);
    setThreshold(project.threshold);
    setReviewBand(project.session.reviewBandLower);
    emit projectShown(project);
    const int selected = m_images->rowOfImageId(project.session.selectedImageId);
    if (selected < 0 || !select(selected))
        if (m_proxy->rowCount() > 0)
            select(m_proxy->mapToSource(m_proxy->index(0, 0)).row());
}

void InspectionSession::adoptModel(std::shared_ptr<cada::Model> model, const QString& path,
                                   const std::map<int, QString>& groupNames)
{
    if (isScoring())
        return;
    m_model = std::move(model);
    m_modelPath = path;
    emit modelChanged(m_modelPath, groupNames);
    if (m_currentRow >= 0)
        setCurrentRow(m_currentRow); // the current image's heatmap can be computed now
}

QString InspectionSession::modelSettingsPrefix() const
{
    const QByteArray hash =
        QCryptographicHash::hash(m_modelPath.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return QStringLiteral("models/%1/").arg(QString::fromLatin1(hash));
}

void InspectionSession::rescoreMap(int row)
{
    // The map cache is bounded, so the map of an image seen long ago may be gone; scoring one
    // image again brings it back. Never next to the batch: a model serves one thread at a time.
    if (!m_model || isScoring() || m_rescoreWorker->isRunning())
        return;
    m_rescoreRow = row;
    if (m_rescoreWorker->start(m_model, {m_images->path(row)}, withMaps()))
        emit mapBusyChanged(true);
}

void InspectionSession::onRescoreEnded()
{
    const int done = m_rescoreRow;
    m_rescoreRow = -1;
    emit mapBusyChanged(false);
    if (m_startAfterRescore) {
        m_startAfterRescore = false;
        startScoring();
        return;
    }
    const int row = m_currentRow;
    if (row < 0)
        return;
    // Show the restored map; if the selection moved meanwhile, serve the new row. A row whose
    // rescore gave no map is not retried (that would loop).
    if (row != done || !m_images->alignedMap(row).empty())
        setCurrentRow(row);
}

} // namespace cada::ui
