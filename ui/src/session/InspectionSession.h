#pragma once
// What the workstation is inspecting: the model, the folder (or project) of images, their scores,
// the threshold and review band, the current image, and the workers that score them. Widgets show
// it and controllers (projects, review) change it through here; none of them needs the window.
//
// Flow: openModel() loads a model file off the GUI thread; openFolder() scans a folder off the
// GUI thread; as soon as both are there the batch is scored by a ScoreWorker, results stream into
// images(), and batchEnded() fires at the end (also after cancel or failure). A map evicted from
// the bounded cache is recomputed by a second worker, never beside the batch (a model serves one
// thread at a time).
#include <QObject>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>

namespace cada {
class Model;
namespace project {
struct ProjectSnapshot;
}
} // namespace cada

namespace cada::ui {

class ImageFilterProxy;
class ImageListModel;
class ScoreWorker;
class ThumbnailLoader;
struct ScoredImage;

class InspectionSession : public QObject {
    Q_OBJECT
  public:
    explicit InspectionSession(QObject* parent = nullptr);
    ~InspectionSession() override;

    ImageListModel* images() const { return m_images; }
    ImageFilterProxy* proxy() const { return m_proxy; } // the list as shown: sorted, filtered
    ThumbnailLoader* thumbnails() const { return m_thumbnails; }

    std::shared_ptr<cada::Model> model() const { return m_model; }
    QString modelPath() const { return m_modelPath; }
    QString folder() const { return m_folder; }
    double threshold() const;
    QStringList groupNames() const; // index = group id
    bool isScoring() const;
    bool isRescoring() const; // the current image's map is being recomputed

    // Both return at once; modelLoaded / folderLoaded or errorOccurred follow.
    void openModel(const QString& path);
    void openFolder(const QString& folder);
    // Scores every image of the open batch again once the next model opened is loaded.
    void rescoreWithNextModel();
    void cancelScoring();

    void setThreshold(double threshold);    // live (slider ticks)
    void commitThreshold(double threshold); // finished changes; projects record these
    void setReviewBand(std::optional<double> lower);

    // The current image, as a row of images(); -1 when none.
    int currentRow() const { return m_currentRow; }
    void setCurrentRow(int row);
    // Asks the views to make `row` current; false when the filters hide it.
    bool select(int row);

    // Projects: shows an opened project (images, scores, review, threshold, band) without
    // scoring; adoptModel gives it the project's model for heatmaps.
    void showProject(const cada::project::ProjectSnapshot& project);
    void adoptModel(std::shared_ptr<cada::Model> model, const QString& path,
                    const std::map<int, QString>& groupNames);

    // Where per-model preferences (threshold, display) are kept in QSettings.
    QString modelSettingsPrefix() const;

  signals:
    void modelLoading(const QString& path);
    // A model is in use now (opened, or adopted from a project with its group names).
    void modelChanged(const QString& path, const std::map<int, QString>& groupNames);
    void modelLoaded(const QString& path); // by openModel
    void modelFailed(const QString& message);
    void folderScanning(const QString& folder);
    void folderLoaded(const QString& folder, int imageCount);
    void folderFailed(const QString& message);
    void projectShown(const cada::project::ProjectSnapshot& project);

    void batchStarted(int imageCount);
    void progress(qint64 done, qint64 total, const QString& stage, double eta);
    void resultArrived(int row);
    void batchEnded(const QString& message, bool complete); // complete: every image scored
    void batchFailed(const QString& message);
    // The current image's map: being recomputed (busy), or back.
    void mapBusyChanged(bool busy);
    void mapFailed(const QString& message);

    void thresholdChanged(double threshold);
    void thresholdCommitted(double threshold);
    void reviewBandChanged(std::optional<double> lower);
    void currentRowChanged(int row);
    void selectRequested(int row);
    // Something the user should read (a skipped file, a failed image); not an error dialog.
    void notice(const QString& text);
    void errorOccurred(const QString& message);

  private:
    void startScoring();
    void onResult(int row, const ScoredImage& result);
    void onBatchEnded(const QString& message, bool complete);
    void rescoreMap(int row);
    void onRescoreEnded();
    void resetErrors();

    std::shared_ptr<cada::Model> m_model;
    QString m_modelPath;
    QStringList m_pendingPaths;
    QString m_folder;
    int m_currentRow = -1;

    ImageListModel* m_images = nullptr;
    ImageFilterProxy* m_proxy = nullptr;
    ThumbnailLoader* m_thumbnails = nullptr;
    ScoreWorker* m_worker = nullptr;
    ScoreWorker* m_rescoreWorker = nullptr; // one image whose map was evicted
    int m_rescoreRow = -1;
    bool m_startAfterRescore = false;
    int m_errorCount = 0;
    QString m_firstError;
};

} // namespace cada::ui
