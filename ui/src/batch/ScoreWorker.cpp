#include "batch/ScoreWorker.h"

#include <QMetaObject>
#include <QtConcurrent>

#include <filesystem>

namespace cada::ui {

ScoreWorker::ScoreWorker(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<cada::ui::ScoredImage>();
}

ScoreWorker::~ScoreWorker()
{
    cancel();
    waitForWorker();
}

void ScoreWorker::cancel()
{
    if (m_progress)
        m_progress->cancel();
}

void ScoreWorker::waitForWorker()
{
    m_future.waitForFinished();
}

void ScoreWorker::onProgress(const cada::ProgressEvent& event)
{
    // Runs on the worker thread. ETA from the rate within the current stage.
    if (event.stage != m_stage) {
        m_stage = event.stage;
        m_stageClock.start();
    }
    double eta = -1.0;
    if (event.total > 0 && event.done > 0 && m_stageClock.isValid()) {
        const double perStep = double(m_stageClock.elapsed()) / 1000.0 / double(event.done);
        eta = perStep * double(event.total - event.done);
    }
    const QString stage = QString::fromStdString(event.stage);
    const qint64 done = event.done, total = event.total;
    QMetaObject::invokeMethod(
        this, [this, done, total, stage, eta] { emit progress(done, total, stage, eta); },
        Qt::QueuedConnection);
}

void ScoreWorker::finish(Outcome outcome, const QString& message)
{
    // Queued after every result of this job, so the terminal signal is always the last one.
    QMetaObject::invokeMethod(
        this,
        [this, outcome, message] {
            m_running = false;
            switch (outcome) {
            case Outcome::Finished:
                emit finished();
                break;
            case Outcome::Cancelled:
                emit cancelled();
                break;
            case Outcome::Failed:
                emit failed(message);
                break;
            }
        },
        Qt::QueuedConnection);
}

void ScoreWorker::launch(std::function<void()> job)
{
    m_running = true;
    m_stage.clear();
    m_stageClock.invalidate();
    m_progress =
        std::make_unique<cada::Progress>([this](const cada::ProgressEvent& e) { onProgress(e); });
    m_future = QtConcurrent::run([this, job = std::move(job)] {
        try {
            job();
            finish(Outcome::Finished, {});
        } catch (const cada::Cancelled&) {
            finish(Outcome::Cancelled, {});
        } catch (const std::exception& e) {
            finish(Outcome::Failed, QString::fromStdString(e.what()));
        } catch (...) {
            finish(Outcome::Failed, tr("Unexpected error in the worker thread."));
        }
    });
}

bool ScoreWorker::start(std::shared_ptr<const cada::Model> model, const QStringList& paths,
                        const cada::ScoreOptions& options)
{
    if (m_running || !model)
        return false;
    std::vector<std::filesystem::path> files;
    files.reserve(std::size_t(paths.size()));
    for (const QString& p : paths)
        files.emplace_back(p.toStdString());
    launch([this, model = std::move(model), files = std::move(files), options] {
        model->score(files, options, *m_progress,
                     [this](std::size_t index, cada::ImageResult& result) {
                         ScoredImage scored = ScoredImage::fromResult(result);
                         const int row = int(index);
                         QMetaObject::invokeMethod(
                             this, [this, row, scored] { emit resultReady(row, scored); },
                             Qt::QueuedConnection);
                     });
    });
    return true;
}

bool ScoreWorker::train(const std::vector<cada::TrainingImage>& images,
                        const cada::TrainConfig& config, const QStringList& sourceFolders,
                        const QString& savePath)
{
    if (m_running)
        return false;
    std::vector<std::string> folders;
    for (const QString& f : sourceFolders)
        folders.push_back(f.toStdString());
    const std::string target = savePath.toStdString();
    launch([this, images, config, folders, target] {
        std::shared_ptr<cada::Model> model =
            cada::Model::train(images, config, *m_progress, folders);
        if (!target.empty()) {
            // begin() is the last cancellation checkpoint: after it the file is written whole.
            m_progress->begin("Saving model", 0);
            model->save(target);
        }
        QMetaObject::invokeMethod(
            this, [this, model] { emit trained(model); }, Qt::QueuedConnection);
    });
    return true;
}

} // namespace cada::ui
