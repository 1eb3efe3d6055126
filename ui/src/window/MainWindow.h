#pragma once
// The workstation's main window: creates the panels, menus and status bar and wires them to the
// InspectionSession (what is inspected, scored and selected), the ProjectController and the
// ReviewController. Each panel is its own class; the window holds no inspection state itself.
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

class QAction;
class QLabel;
class QMenu;

namespace cada::ui {

class RecentMenu;
class SessionStatusBar;

class EvaluationPanel;
class GroupsPanel;
class ProjectController;
class ReviewBandControl;
class ReviewController;
class TeachController;
class HistogramPanel;
class ImageFilterProxy;
class ImageListModel;
class ImageListPane;
class ImagePanel;
class ImageTableView;
class InspectionSession;
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
    void showNotice(const QString& text);

    InspectionSession* session() const { return m_session; }
    QString folder() const;
    QString modelPath() const;
    std::shared_ptr<cada::Model> model() const;
    ImageFilterProxy* filterProxy() const;
    ImageTableView* tableView() const;
    ProjectController* projects() const { return m_projects; }
    ReviewController* review() const { return m_review; }
    TeachController* teaching() const { return m_teach; }
    EvaluationPanel* evaluationPanel() const { return m_evaluation; }
    SummaryPanel* summaryPanel() const { return m_summary; }
    ThresholdControl* thresholdControl() const { return m_threshold; }

    ImageListModel* imageModel() const;
    ImagePanel* imagePanel() const { return m_imagePanel; }
    HistogramPanel* histogramPanel() const { return m_histogram; }
    ThumbnailLoader* thumbnailLoader() const;
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
    void connectSession();
    void chooseModel();
    void chooseFolder();
    void onModelChanged(const QString& path, const std::map<int, QString>& groupNames);
    void onFolderLoaded(const QString& folder);
    void onProjectShown(const cada::project::ProjectSnapshot& project);
    void onBatchEnded();
    void onThresholdChanged(double threshold);
    void showCurrent(int row); // the session's current image in the viewer
    void setProjectTitle(const QString& projectFile);
    void updateStatus();
    void updateReference(); // Compare: the current image's group's normal beside it
    void restoreDisplaySettings();
    void saveModelSettings();
    void warn(const QString& title, const QString& message);

    InspectionSession* m_session = nullptr;
    ImageListModel* m_images = nullptr;  // the session's
    ImageFilterProxy* m_proxy = nullptr; // the session's

    ImageListPane* m_list = nullptr;
    QAction* m_exportHeatmap = nullptr;
    ImagePanel* m_imagePanel = nullptr;
    HistogramPanel* m_histogram = nullptr;
    GroupsPanel* m_groups = nullptr;
    EvaluationPanel* m_evaluation = nullptr;
    SummaryPanel* m_summary = nullptr;
    ProjectController* m_projects = nullptr;
    ReviewController* m_review = nullptr;
    TeachController* m_teach = nullptr;
    ReviewBandControl* m_band = nullptr;
    ThresholdControl* m_threshold = nullptr;

    SessionStatusBar* m_status = nullptr;
    RecentMenu* m_recentFolders = nullptr;
    RecentMenu* m_recentModels = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_reviewMenu = nullptr;
};

} // namespace cada::ui
