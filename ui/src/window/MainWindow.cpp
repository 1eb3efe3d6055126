#include "window/MainWindow.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QToolBar>
#include <QUndoStack>

#include "plots/EvaluationPanel.h"
#include "plots/GroupsPanel.h"
#include "plots/HistogramPanel.h"
#include "batch/ImageFilterProxy.h"
#include "batch/ImageListPane.h"
#include "batch/ImageListModel.h"
#include "heatmap/ImagePanel.h"
#include "batch/ImageTableView.h"
#include "heatmap/ImageView.h"
#include "window/HelpMenu.h"
#include "window/PreferencesDialog.h"
#include "window/RecentMenu.h"
#include "window/SessionStatusBar.h"
#include "project/ProjectController.h"
#include "ProjectTypes.h"
#include "review/ReviewBandControl.h"
#include "review/ReviewController.h"
#include "plots/SummaryPanel.h"
#include "plots/ThresholdControl.h"
#include "batch/ThumbnailLoader.h"
#include "session/InspectionSession.h"
#include "training/TeachController.h"
#include "training/TrainDialog.h"
#include "cada/Error.h"
#include "cada/model/Model.h"

namespace cada::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("CADA Inspect"));
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);

    m_session = new InspectionSession(this);
    m_images = m_session->images();
    m_proxy = m_session->proxy();

    m_list = new ImageListPane(m_session, this);

    m_imagePanel = new ImagePanel(this);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_list);
    splitter->addWidget(m_imagePanel);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({560, 540});
    setCentralWidget(splitter);

    m_projects = new ProjectController(m_session, this);
    m_review = new ReviewController(m_session, m_projects, m_imagePanel->reviewBar());
    m_teach = new TeachController(m_session, m_projects, this);
    createActions();
    createDocks();
    createStatusBar();
    addHelpMenu(this);

    connect(m_list, &ImageListPane::emptied, m_imagePanel->view(), &ImageView::clear);
    m_exportHeatmap = new QAction(tr("Export heatmap as PNG..."), this);
    connect(m_exportHeatmap, &QAction::triggered, this,
            [this] { m_imagePanel->view()->exportHeatmap(); });
    connect(m_list, &ImageListPane::contextMenuAboutToShow, this,
            [this] { m_exportHeatmap->setEnabled(m_imagePanel->view()->hasOverlay()); });
    {
        auto* separator = new QAction(this);
        separator->setSeparator(true);
        m_list->setContextActions(QList<QAction*>{m_exportHeatmap, separator}
                                  << m_reviewMenu->actions());
    }
    connect(m_images, &ImageListModel::flaggedCountChanged, this, &MainWindow::updateStatus);
    connect(m_threshold, &ThresholdControl::thresholdChanged, m_session,
            &InspectionSession::setThreshold);
    connect(m_histogram, &HistogramPanel::thresholdDragged, m_session,
            &InspectionSession::setThreshold);
    // Projects record finished threshold changes only (slider released, not every tick).
    connect(m_threshold, &ThresholdControl::thresholdCommitted, m_session,
            &InspectionSession::commitThreshold);
    connect(m_histogram, &HistogramPanel::thresholdDragFinished, m_session,
            &InspectionSession::commitThreshold);
    connect(m_evaluation, &EvaluationPanel::thresholdRequested, this, [this](double t) {
        m_session->setThreshold(t);
        m_session->commitThreshold(t);
    });
    connect(m_band, &ReviewBandControl::bandChanged, m_session, &InspectionSession::setReviewBand);
    connect(m_projects, &ProjectController::snapshotChanged, m_evaluation,
            &EvaluationPanel::setSnapshot);
    connect(m_projects, &ProjectController::errorOccurred, this, &MainWindow::errorOccurred);
    connect(m_projects, &ProjectController::notice, this, &MainWindow::showNotice);
    connect(m_projects, &ProjectController::statusMessage, this, [this](const QString& text) {
        if (text.isEmpty())
            statusBar()->clearMessage();
        else
            statusBar()->showMessage(text);
    });
    connect(m_projects, &ProjectController::projectOpened, this, &MainWindow::setProjectTitle);
    connect(m_projects, &ProjectController::modelLoadingChanged, this, [this](bool loading) {
        m_imagePanel->view()->setBusyText(
            loading ? tr("Loading the project's model for the heatmaps...") : QString());
    });
    connect(m_review, &ReviewController::notice, this, &MainWindow::showNotice);
    connect(m_teach, &TeachController::notice, this, &MainWindow::showNotice);
    m_teach->setSelection([this] {
        QList<int> rows;
        for (const QModelIndex& index : m_list->table()->selectionModel()->selectedRows())
            rows << m_proxy->mapToSource(index).row();
        return rows;
    });
    connect(m_groups, &GroupsPanel::groupRenamed, m_projects, &ProjectController::setGroupName);
    connect(m_groups, &GroupsPanel::userRenamed, this,
            [this](int group, const QString& previous, const QString& name) {
                m_review->undoStack()->push(m_groups->renameCommand(group, previous, name));
            });
    connect(m_histogram, &HistogramPanel::binClicked, this, [this](const QList<int>& rows) {
        m_proxy->setRowSubset(rows);
        showNotice(
            tr("Showing the %n image(s) of one histogram bin. <a href=\"clear\">Show all</a>",
               nullptr, int(rows.size())));
    });
    connect(m_groups, &GroupsPanel::groupSelected, m_proxy, &ImageFilterProxy::setGroup);
    connect(m_groups, &GroupsPanel::groupNamesChanged, m_images, &ImageListModel::setGroupNames);
    connect(m_imagePanel->view(), &ImageView::hoverTextChanged, m_status,
            &SessionStatusBar::setHoverText);
    connect(m_imagePanel->view(), &ImageView::loadFailed, this,
            [this](const QString&, const QString& message) { showNotice(message); });
    connect(m_imagePanel, &ImagePanel::displaySettingsChanged, this,
            &MainWindow::saveModelSettings);
    connect(m_imagePanel, &ImagePanel::compareToggled, this, &MainWindow::updateReference);
    connectSession();
    m_imagePanel->setColormap(PreferencesDialog::defaultColormap());

    resize(1280, 800);
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openModel = file->addAction(tr("Open &model..."), this, &MainWindow::chooseModel);
    openModel->setShortcut(QKeySequence(tr("Ctrl+M")));
    m_recentModels = new RecentMenu(file, tr("Recent models"), QStringLiteral("recent/models"),
                                    [this](const QString& p) { this->openModel(p); });
    file->addAction(m_teach->returnAction());
    QAction* trainModel =
        file->addAction(tr("&Train new model..."), this, [this] { showTrainDialog(); });
    trainModel->setShortcut(QKeySequence(tr("Ctrl+T")));
    QAction* openFolder = file->addAction(tr("&Open folder..."), this, &MainWindow::chooseFolder);
    openFolder->setShortcut(QKeySequence::Open);
    m_recentFolders = new RecentMenu(file, tr("Recent folders"), QStringLiteral("recent/folders"),
                                     [this](const QString& p) { this->openFolder(p); });
    file->addSeparator();
    m_projects->addFileActions(file);
    file->addSeparator();
    QAction* preferences =
        file->addAction(tr("P&references..."), this, &MainWindow::showPreferences);
    preferences->setMenuRole(QAction::PreferencesRole);
    preferences->setShortcut(QKeySequence::Preferences);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_review->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_review->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence::Redo, QKeySequence(tr("Ctrl+Shift+Z"))});
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* next = view->addAction(tr("&Next image"), this, [this] { m_list->stepSelection(+1); });
    next->setShortcuts({QKeySequence(Qt::Key_N), QKeySequence(Qt::Key_PageDown)});
    QAction* previous =
        view->addAction(tr("&Previous image"), this, [this] { m_list->stepSelection(-1); });
    previous->setShortcuts({QKeySequence(Qt::Key_P), QKeySequence(Qt::Key_PageUp)});
    m_reviewMenu = menuBar()->addMenu(tr("&Review"));
    m_review->addActions(m_reviewMenu);
    m_teach->addActions(m_reviewMenu);

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->addAction(openModel);
    bar->addAction(openFolder);
    bar->addSeparator();
    m_threshold = new ThresholdControl(this);
    bar->addWidget(m_threshold);
    m_band = new ReviewBandControl(this);
    bar->addWidget(m_band);
    m_viewMenu = view;
}

void MainWindow::createDocks()
{
    m_histogram = new HistogramPanel(this);
    m_histogram->setSource(m_images);
    auto* histDock = new QDockWidget(tr("Score histogram"), this);
    histDock->setObjectName(QStringLiteral("histogramDock"));
    histDock->setWidget(m_histogram);
    addDockWidget(Qt::BottomDockWidgetArea, histDock);

    m_groups = new GroupsPanel(m_images, m_session->thumbnails(), this);
    auto* groupDock = new QDockWidget(tr("Groups"), this);
    groupDock->setObjectName(QStringLiteral("groupsDock"));
    groupDock->setWidget(m_groups);
    addDockWidget(Qt::LeftDockWidgetArea, groupDock);
    resizeDocks({groupDock}, {300},
                Qt::Horizontal); // room for "N images, M flagged (K in training)"
    m_evaluation = new EvaluationPanel(this);
    auto* evalDock = new QDockWidget(tr("Evaluation"), this);
    evalDock->setObjectName(QStringLiteral("evaluationDock"));
    evalDock->setWidget(m_evaluation);
    tabifyDockWidget(histDock, evalDock); // beside the histogram, not narrowing the image
    m_summary = new SummaryPanel(m_images, this);
    auto* summaryDock = new QDockWidget(tr("Summary"), this);
    summaryDock->setObjectName(QStringLiteral("summaryDock"));
    summaryDock->setWidget(m_summary);
    tabifyDockWidget(histDock, summaryDock);
    histDock->raise();
    resizeDocks({histDock}, {240}, Qt::Vertical); // the list and the image keep most of the height
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_imagePanel->fitAction());
    m_viewMenu->addAction(m_imagePanel->actualSizeAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(histDock->toggleViewAction());
    m_viewMenu->addAction(groupDock->toggleViewAction());
    m_viewMenu->addAction(evalDock->toggleViewAction());
    m_viewMenu->addAction(summaryDock->toggleViewAction());
}

void MainWindow::createStatusBar()
{
    m_status = new SessionStatusBar(m_session, this);
    setStatusBar(m_status);
}

void MainWindow::chooseModel()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open model"), {},
                                                      tr("CADA models (*.cada);;All files (*)"));
    if (!path.isEmpty())
        openModel(path);
}

void MainWindow::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open image folder"));
    if (!folder.isEmpty())
        openFolder(folder);
}

void MainWindow::connectSession()
{
    InspectionSession* session = m_session;
    connect(session, &InspectionSession::modelChanged, this, &MainWindow::onModelChanged);
    connect(session, &InspectionSession::modelLoaded, this, [this](const QString& path) {
        m_recentModels->add(path);
        restoreDisplaySettings();
        emit modelLoaded(path);
    });
    connect(session, &InspectionSession::modelFailed, this,
            [this](const QString& message) { warn(tr("Open model"), message); });
    connect(session, &InspectionSession::folderLoaded, this,
            [this](const QString& folder, int count) {
                onFolderLoaded(folder);
                emit folderLoaded(count);
            });
    connect(session, &InspectionSession::folderFailed, this, [this](const QString& message) {
        updateStatus();
        warn(tr("Open folder"), message);
    });
    connect(session, &InspectionSession::projectShown, this, &MainWindow::onProjectShown);
    connect(session, &InspectionSession::errorOccurred, this, &MainWindow::errorOccurred);
    connect(session, &InspectionSession::notice, this, &MainWindow::showNotice);
    connect(session, &InspectionSession::batchEnded, this, &MainWindow::onBatchEnded);
    connect(session, &InspectionSession::batchFailed, this,
            [this](const QString& message) { warn(tr("Scoring failed"), message); });
    connect(session, &InspectionSession::mapBusyChanged, this, [this](bool busy) {
        m_imagePanel->view()->setBusyText(busy ? tr("Computing the heatmap...") : QString());
    });
    connect(session, &InspectionSession::mapFailed, this, &MainWindow::showNotice);
    connect(session, &InspectionSession::thresholdChanged, this, &MainWindow::onThresholdChanged);
    connect(session, &InspectionSession::reviewBandChanged, m_band, &ReviewBandControl::setBand);
    connect(session, &InspectionSession::currentRowChanged, this, &MainWindow::showCurrent);
}

void MainWindow::warn(const QString& title, const QString& message)
{
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::openModel(const QString& path)
{
    m_session->openModel(path);
}

void MainWindow::openFolder(const QString& folder)
{
    m_session->openFolder(folder);
}

void MainWindow::onModelChanged(const QString& path, const std::map<int, QString>& groupNames)
{
    const auto model = m_session->model();
    m_threshold->setDefaultThreshold(model->defaultThreshold(cada::Alignment::Cada));
    m_groups->setGroups(model->groups(), path, groupNames);
    m_histogram->setGroups(model->groups());
    m_summary->setGroups(model->groups());
    updateStatus();
}

void MainWindow::restoreDisplaySettings()
{
    m_imagePanel->restoreSettings(m_session->modelSettingsPrefix(),
                                  PreferencesDialog::defaultColormap());
}

void MainWindow::onFolderLoaded(const QString& folder)
{
    m_recentFolders->add(QFileInfo(folder).absoluteFilePath());
    m_list->hideNotice();
    m_imagePanel->view()->clear();
    setWindowTitle(tr("CADA Inspect - %1").arg(folder));
    updateStatus();
    QTimer::singleShot(0, m_list->table(), &ImageTableView::requestVisibleThumbnails);
}

bool MainWindow::isScoring() const
{
    return m_session->isScoring();
}

bool MainWindow::isRescoring() const
{
    return m_session->isRescoring();
}

void MainWindow::onBatchEnded()
{
    m_histogram->rebuildNow();
    m_groups->refreshCounts();
    m_list->table()->requestVisibleThumbnails();
    updateStatus();
    emit batchFinished();
}

void MainWindow::setThreshold(double threshold)
{
    m_session->setThreshold(threshold);
}

void MainWindow::onThresholdChanged(double threshold)
{
    m_threshold->setThreshold(threshold);
    m_histogram->setThreshold(threshold);
    m_imagePanel->view()->setThreshold(threshold);
    m_evaluation->setThreshold(threshold);
    m_band->setSuggestedLower(threshold * 0.8);
}

void MainWindow::setReviewBand(std::optional<double> lower)
{
    m_session->setReviewBand(lower);
}

int MainWindow::currentSourceRow() const
{
    return m_session->currentRow();
}

bool MainWindow::selectSourceRow(int row)
{
    return m_session->select(row);
}

QString MainWindow::folder() const
{
    return m_session->folder();
}

QString MainWindow::modelPath() const
{
    return m_session->modelPath();
}

std::shared_ptr<cada::Model> MainWindow::model() const
{
    return m_session->model();
}

ImageFilterProxy* MainWindow::filterProxy() const
{
    return m_proxy;
}

ImageListModel* MainWindow::imageModel() const
{
    return m_images;
}

ThumbnailLoader* MainWindow::thumbnailLoader() const
{
    return m_session->thumbnails();
}

void MainWindow::setProjectTitle(const QString& projectFile)
{
    setWindowTitle(tr("CADA Inspect - %1").arg(QFileInfo(projectFile).fileName()));
}

void MainWindow::onProjectShown(const cada::project::ProjectSnapshot& project)
{
    m_list->hideNotice();
    m_status->setProjectModel(project.model.path);
    std::map<int, QString> names = project.groupNames;
    for (const auto& rec : project.images)
        if (rec.ok() && rec.group >= 0)
            names.try_emplace(rec.group, QString());
    std::vector<cada::ImplicitGroup> groups;
    for (const auto& [id, name] : names) {
        cada::ImplicitGroup g;
        g.id = id;
        g.name = name.toStdString();
        groups.push_back(g);
    }
    m_threshold->setDefaultThreshold(project.model.defaultThreshold);
    m_groups->setGroups(groups, project.model.path, project.groupNames);
    m_histogram->setGroups(groups);
    m_summary->setGroups(groups);
    m_imagePanel->view()->clear();
    m_histogram->rebuildNow();
    m_groups->refreshCounts();
    updateStatus();
    QTimer::singleShot(0, m_list->table(), &ImageTableView::requestVisibleThumbnails);
}

double MainWindow::threshold() const
{
    return m_session->threshold();
}

bool MainWindow::selectRow(int row)
{
    return m_list->selectRow(row);
}

ImageTableView* MainWindow::tableView() const
{
    return m_list->table();
}

void MainWindow::showCurrent(int row)
{
    if (row < 0)
        return;
    const ScoredImage& im = m_images->image(row);
    m_imagePanel->view()->setImage(im.path, m_images->alignedMap(row), im.score);
    updateReference();
}

void MainWindow::updateReference()
{
    ImageView* view = m_imagePanel->view();
    const int row = currentSourceRow();
    if (!m_imagePanel->comparing() || row < 0) {
        view->setReference({}, {});
        return;
    }
    const auto model = m_session->model();
    const ScoredImage& im = m_images->image(row);
    QString path;
    if (model && im.ok() && im.group >= 0)
        for (const auto& g : model->groups())
            if (g.id == im.group)
                path = QString::fromStdString(g.representative);
    if (path.isEmpty() || path == im.path) {
        view->setReference({}, model ? tr("No normal reference for this image (unknown type or "
                                          "no group)")
                                     : tr("No normal reference without the model"));
        return;
    }
    view->setReference(
        path,
        tr("Normal of %1: %2").arg(m_images->groupName(im.group), QFileInfo(path).fileName()));
}

TrainDialog* MainWindow::showTrainDialog()
{
    auto* dialog = new TrainDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TrainDialog::modelSaved, this, [this](const QString& path) {
        if (isScoring()) {
            showNotice(tr("The new model was saved to %1. Cancel the running batch, then open it.")
                           .arg(path));
            return;
        }
        openModel(path);
        m_session->rescoreWithNextModel(); // the open batch
    });
    dialog->open();
    return dialog;
}

void MainWindow::showPreferences()
{
    auto* dialog = new PreferencesDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this] {
        if (m_session->modelPath().isEmpty())
            m_imagePanel->setColormap(PreferencesDialog::defaultColormap());
    });
    dialog->open();
}

void MainWindow::updateStatus()
{
    m_status->updateCounts();
    const int total = m_images->rowCount();
    const bool model = bool(m_session->model());
    // Started empty, the window says what to do first; controls that need scores wait for them.
    const bool project = m_projects->hasProject();
    m_imagePanel->view()->setPlaceholder(
        total == 0 && !model
            ? tr("To start: open a model (File > Open model, %1) or train one (File > Train new "
                 "model, %2), then open a folder of images (%3) or drop one here.")
                  .arg(QKeySequence(tr("Ctrl+M")).toString(QKeySequence::NativeText),
                       QKeySequence(tr("Ctrl+T")).toString(QKeySequence::NativeText),
                       QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText))
        : total == 0 ? tr("Open a folder of images (%1) or drop one here.")
                           .arg(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText))
        : !model && !project ? tr("Open a model (File > Open model) to score these images.")
                             : tr("Select an image in the list."));
    const bool scores = model || project;
    m_threshold->setEnabled(scores);
    m_band->setEnabled(scores);
}

void MainWindow::showNotice(const QString& text)
{
    m_list->showNotice(text);
}

void MainWindow::saveModelSettings()
{
    if (m_session->modelPath().isEmpty())
        return;
    m_imagePanel->saveSettings(m_session->modelSettingsPrefix());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_session->cancelScoring();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls()) {
        const QFileInfo info(url.toLocalFile());
        if (info.isDir())
            openFolder(info.absoluteFilePath());
        else if (info.isFile())
            openModel(info.absoluteFilePath());
    }
    event->acceptProposedAction();
}

} // namespace cada::ui
