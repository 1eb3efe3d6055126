#pragma once
// The workstation's main window: creates the panels and wires them; each panel is its own class.
//
// Flow: openModel() loads a model file off the GUI thread; openFolder() scans a folder off the
// GUI thread; as soon as both are there the batch is scored by the ScoreWorker, results stream
// into the ImageListModel, and batchFinished() fires at the end (also after cancel or failure).
#include <QMainWindow>

#include <map>
#include <memory>
#include <optional>

namespace cada {
class Model;
namespace project {
struct ProjectSnapshot;
}
} // namespace cada

class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QCheckBox;
class QComboBox;

namespace cada::ui {

class RecentMenu;

class EvaluationPanel;
class GroupsPanel;
class ProjectController;
class ReviewBandControl;
class ReviewController;
class HistogramPanel;
class ImageFilterProxy;
class ImageListModel;
class ImagePanel;
class ImageTableView;
class ScoreWorker;
class SummaryPanel;
class ThresholdControl;
class ThumbnailLoader;
class TrainDialog;
struct ScoredImage;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Both return at once; the work happens on worker threads.
    void openModel(const QString& path);
    void openFolder(const QString& folder);
    void setThreshold(double threshold);
    double threshold() const;
    // Selects the N-th row of the (sorted, filtered) list; false when out of range.
    bool selectRow(int row);
    // The current image as a row of imageModel(), -1 when none; selecting one that the
    // filters hide fails.
    int currentSourceRow() const;
    bool selectSourceRow(int row);
    void setReviewBand(std::optional<double> lower);

    // Projects: shows an opened project (images, scores, groups and names, selection,
    // threshold, review band) without scoring; adoptModel gives it the project's model for
    // heatmaps, keeping the project's threshold and group names.
    void showProject(const cada::project::ProjectSnapshot& project);
    void adoptModel(std::shared_ptr<cada::Model> model, const QString& path,
                    const std::map<int, QString>& groupNames);
    void setProjectTitle(const QString& projectFile);
    void showNotice(const QString& text);

    QString folder() const { return m_folder; }
    QString modelPath() const { return m_modelPath; }
    std::shared_ptr<cada::Model> model() const { return m_model; }
    QStringList groupNames() const;
    ImageFilterProxy* filterProxy() const { return m_proxy; }
    ImageTableView* tableView() const { return m_table; }
    ProjectController* projects() const { return m_projects; }
    ReviewController* review() const { return m_review; }
    EvaluationPanel* evaluationPanel() const { return m_evaluation; }
    SummaryPanel* summaryPanel() const { return m_summary; }
    ThresholdControl* thresholdControl() const { return m_threshold; }

    ImageListModel* imageModel() const { return m_images; }
    ImagePanel* imagePanel() const { return m_imagePanel; }
    HistogramPanel* histogramPanel() const { return m_histogram; }
    ThumbnailLoader* thumbnailLoader() const { return m_thumbnails; }
    bool isScoring() const;
    // True while the map of the current image is being recomputed (it was evicted from the cache).
    bool isRescoring() const;

    // Opens the (non-blocking) train dialog; a model it saves is opened here.
    TrainDialog* showTrainDialog();
    void showPreferences();

  signals:
    void modelLoaded(const QString& path);
    void folderLoaded(int imageCount);
    void batchFinished();
    void errorOccurred(const QString& message);

  protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

  private:
    void createActions();
    void createDocks();
    void createStatusBar();
    void chooseModel();
    void chooseFolder();
    void startScoring();
    void onResult(int row, const ScoredImage& result);
    void onBatchEnded(const QString& message);
    void onCurrentRowChanged();
    void rescoreMap(int row);
    void onRescoreEnded();
    void stepSelection(int delta);
    void updateStatus();
    void showFailures();                 // every image that could not be scored, with its reason
    void showListMenu(const QPoint& at); // the image list's context menu
    void updateReference();              // Compare: the current image's group's normal beside it
    void commitThreshold(double threshold);
    QString modelSettingsPrefix() const;
    void saveModelSettings();

    std::shared_ptr<cada::Model> m_model;
    QString m_modelPath;
    QStringList m_pendingPaths;
    QString m_folder;

    ImageListModel* m_images = nullptr;
    ImageFilterProxy* m_proxy = nullptr;
    ThumbnailLoader* m_thumbnails = nullptr;
    ScoreWorker* m_worker = nullptr;
    ScoreWorker* m_rescoreWorker = nullptr; // one image whose map was evicted
    int m_rescoreRow = -1;
    bool m_startAfterRescore = false; // a model is used by one thread at a time

    ImageTableView* m_table = nullptr;
    ImagePanel* m_imagePanel = nullptr;
    HistogramPanel* m_histogram = nullptr;
    GroupsPanel* m_groups = nullptr;
    EvaluationPanel* m_evaluation = nullptr;
    SummaryPanel* m_summary = nullptr;
    ProjectController* m_projects = nullptr;
    ReviewController* m_review = nullptr;
    ReviewBandControl* m_band = nullptr;
    QComboBox* m_reviewFilter = nullptr;
    ThresholdControl* m_threshold = nullptr;
    QLineEdit* m_nameFilter = nullptr;
    QCheckBox* m_flaggedOnly = nullptr;
    QLabel* m_notice = nullptr;

    QLabel* m_flaggedLabel = nullptr;
    QLabel* m_modelLabel = nullptr;
    QLabel* m_hoverLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    RecentMenu* m_recentFolders = nullptr;
    RecentMenu* m_recentModels = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_reviewMenu = nullptr;
    int m_errorCount = 0;
    QString m_firstError;
};

} // namespace cada::ui
