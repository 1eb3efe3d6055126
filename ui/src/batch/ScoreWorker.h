#pragma once
// Thin QObject adapter that runs cada::Model::score (and Model::train) on a worker thread.
//
// Contract:
//  - start()/train() return at once; they refuse (return false) while a job is running.
//  - Every signal is emitted on the thread that owns this object (the GUI thread), in order:
//    any number of resultReady/progress, then exactly one of finished, cancelled, failed.
//  - cancel() is a direct call to cada::Progress::cancel() (an atomic flag), safe from any thread;
//    the core stops within about a second and the job ends with cancelled().
//  - Every exception thrown by the core becomes failed(message); nothing escapes the worker.
//  - The destructor cancels a running job and waits for it, so the Model outlives its use.
#include <QElapsedTimer>
#include <QFuture>
#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

#include "batch/ScoredImage.h"
#include "cada/Progress.h"
#include "cada/model/Model.h"

namespace cada::ui {

class ScoreWorker : public QObject {
    Q_OBJECT
  public:
    explicit ScoreWorker(QObject* parent = nullptr);
    ~ScoreWorker() override;

    // Scores `paths` with `model`; results arrive with their index into `paths`.
    bool start(std::shared_ptr<const cada::Model> model, const QStringList& paths,
               const cada::ScoreOptions& options = {});
    // Trains a model; trained(model) is emitted before finished(). With a savePath the model is
    // saved there on the worker thread (atomically) before trained(); a cancel that arrives
    // before the save starts leaves no file, and cancel during the save is ignored.
    bool train(const std::vector<cada::TrainingImage>& images, const cada::TrainConfig& config,
               const QStringList& sourceFolders, const QString& savePath = {});

    bool isRunning() const { return m_running; }
    void cancel();
    // Blocks until the worker thread has returned (queued signals may still be pending).
    void waitForWorker();

  signals:
    void resultReady(int index, const cada::ui::ScoredImage& result);
    // stage is the core's stage name; etaSeconds < 0 when unknown.
    void progress(qint64 done, qint64 total, const QString& stage, double etaSeconds);
    void trained(std::shared_ptr<cada::Model> model);
    void finished();
    void cancelled();
    void failed(const QString& message);

  private:
    enum class Outcome { Finished, Cancelled, Failed };
    void onProgress(const cada::ProgressEvent& event);
    void finish(Outcome outcome, const QString& message);
    void launch(std::function<void()> job);

    std::unique_ptr<cada::Progress> m_progress;
    QFuture<void> m_future;
    bool m_running = false;
    QElapsedTimer m_stageClock; // worker-thread only
    std::string m_stage;        // worker-thread only
};

} // namespace cada::ui
