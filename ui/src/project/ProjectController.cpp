#include "project/ProjectController.h"

#include <utility>

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QtConcurrent>

#include "batch/ImageListModel.h"
#include "session/InspectionSession.h"
#include "window/PreferencesDialog.h"
#include "window/RecentMenu.h"
#include "ProjectBuilder.h"
#include "project/ProjectPrompts.h"
#include "project/ReportExport.h"
#include "cada/Error.h"
#include "cada/Progress.h"
#include "cada/model/Model.h"
#include "cada/io/Dataset.h"
#include "window/WorkerError.h"

namespace cada::ui {

using namespace cada::project;

namespace {

QString errorText(const std::exception& e)
{
    return workerErrorText(e);
}
} // namespace

// What a worker read from a project file.
struct ProjectController::Opened {
    ProjectSnapshot snapshot;
    QStringList missing;
    QString oldRoot;
};

ProjectController::ProjectController(InspectionSession* session, QWidget* dialogParent)
    : QObject(session), m_session(session), m_dialogParent(dialogParent)
{
    connect(session, &InspectionSession::folderLoaded, this, &ProjectController::closeProject);
    connect(session, &InspectionSession::currentRowChanged, this,
            &ProjectController::setSelectedRow);
    connect(session, &InspectionSession::thresholdCommitted, this,
            &ProjectController::commitThreshold);
    connect(session, &InspectionSession::reviewBandChanged, this,
            &ProjectController::setReviewBand);
    m_selectionTimer.setSingleShot(true);
    m_selectionTimer.setInterval(400);
    connect(&m_selectionTimer, &QTimer::timeout, this, &ProjectController::flushSelection);
    m_reportExport = new ReportExport(this);
    connect(
        m_reportExport, &ReportExport::written, this,
        [this](const QString& dir, int overlays, const QStringList& problems) {
            m_export->setEnabled(bool(m_store));
            emit notice(
                overlays == 0
                    ? tr("Report written to %1 (no heatmap overlays: the model is not "
                         "available or nothing is flagged).")
                          .arg(dir)
                    : tr("Report written to %1 with %n overlay(s).", nullptr, overlays).arg(dir));
            emit reportWritten(dir, problems);
        });
    connect(m_reportExport, &ReportExport::cancelled, this, [this] {
        m_export->setEnabled(bool(m_store));
        emit notice(tr("Report export cancelled."));
    });
    connect(m_reportExport, &ReportExport::failed, this, [this](const QString& message) {
        m_export->setEnabled(bool(m_store));
        fail(tr("Export report"), message);
    });
}

ProjectController::~ProjectController()
{
    if (m_store && m_pendingSelection >= 0) {
        try {
            m_store->setSelectedImage(m_pendingSelection);
        } catch (const std::exception&) {
            // The window is going away; a lost selection is not worth more than that.
        }
    }
    delete m_reportExport; // cancels a running export and waits for it, before the store goes
}

void ProjectController::addFileActions(QMenu* file)
{
    QAction* create =
        file->addAction(tr("&New project..."), this, &ProjectController::chooseNewProject);
    create->setShortcut(QKeySequence::New);
    create->setToolTip(tr("Save the scored images, scores, groups and threshold as a project"));
    QAction* open =
        file->addAction(tr("Open &project..."), this, &ProjectController::chooseOpenProject);
    open->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    m_recent = new RecentMenu(file, tr("Recent projects"), QStringLiteral("recent/projects"),
                              [this](const QString& p) { openProject(p); });
    m_export = file->addAction(tr("&Export report..."), this, &ProjectController::chooseExportDir);
    m_export->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_checkIntegrity =
        file->addAction(tr("Check project &integrity"), this, &ProjectController::checkIntegrity);
    m_checkIntegrity->setToolTip(
        tr("Run SQLite's full integrity check on the project file (opening runs a quick one)"));
    enableProjectActions(false);
}

QString ProjectController::fileName() const
{
    return m_store ? m_store->fileName() : QString();
}

void ProjectController::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

void ProjectController::enableProjectActions(bool enabled)
{
    m_export->setEnabled(enabled);
    m_checkIntegrity->setEnabled(enabled);
}

void ProjectController::checkIntegrity()
{
    if (!m_store)
        return;
    const QString file = m_store->fileName();
    m_checkIntegrity->setEnabled(false);
    emit statusMessage(tr("Checking the project file..."));
    QtConcurrent::run([file] { return ProjectStore::integrityProblems(file); })
        .then(
            this,
            [this, file](const QStringList& problems) {
                m_checkIntegrity->setEnabled(bool(m_store));
                emit statusMessage({});
                emit integrityChecked(file, problems);
                const QString name = QFileInfo(file).fileName();
                auto* box =
                    problems.isEmpty()
                        ? new QMessageBox(QMessageBox::Information, tr("Project integrity"),
                                          tr("%1 passed SQLite's full integrity check.").arg(name),
                                          QMessageBox::Ok, m_dialogParent)
                        : new QMessageBox(QMessageBox::Warning, tr("Project integrity"),
                                          tr("%1 is damaged. Open a backup copy of it (a .vN.bak "
                                             "file beside it is one), or create the project again "
                                             "from its images.")
                                              .arg(name),
                                          QMessageBox::Ok, m_dialogParent);
                if (!problems.isEmpty())
                    box->setDetailedText(problems.join(QLatin1Char('\n')));
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
            })
        .onFailed(this, [this](const std::exception& e) {
            m_checkIntegrity->setEnabled(bool(m_store));
            emit statusMessage({});
            fail(tr("Project integrity"), errorText(e));
        });
}

void ProjectController::fail(const QString& title, const QString& message)
{
    emit errorOccurred(message);
    auto* box =
        new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, m_dialogParent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void ProjectController::chooseNewProject()
{
    const QString file = QFileDialog::getSaveFileName(
        m_dialogParent, tr("New project"), {}, tr("CADA projects (*.cadaproj);;All files (*)"));
    if (file.isEmpty())
        return;
    newProject(QFileInfo(file).suffix().isEmpty() ? file + QStringLiteral(".cadaproj") : file);
}

void ProjectController::chooseOpenProject()
{
    const QString file = QFileDialog::getOpenFileName(
        m_dialogParent, tr("Open project"), {}, tr("CADA projects (*.cadaproj);;All files (*)"));
    if (!file.isEmpty())
        openProject(file);
}

void ProjectController::chooseExportDir()
{
    const QString dir =
        QFileDialog::getExistingDirectory(m_dialogParent, tr("Export report to folder"));
    if (!dir.isEmpty())
        exportReport(dir);
}

void ProjectController::newProject(const QString& fileIn)
{
    ImageListModel* images = m_session->images();
    const auto model = m_session->model();
    if (m_busy || m_session->isScoring()) {
        fail(tr("New project"),
             tr("Wait until the running batch or project operation has finished."));
        return;
    }
    if (!model || images->rowCount() == 0 || images->scoredCount() < images->rowCount()) {
        fail(tr("New project"),
             tr("A project is made from a fully scored batch: open a model and a folder "
                "first and let scoring finish."));
        return;
    }
    // Everything the worker needs is copied here, on the GUI thread.
    std::vector<ImageRecord> records;
    records.reserve(std::size_t(images->rowCount()));
    for (int r = 0; r < images->rowCount(); ++r) {
        records.push_back(images->image(r).toRecord());
    }
    NewProject project;
    project.file = QFileInfo(fileIn).absoluteFilePath();
    // Hashed on the worker below.
    project.model = modelRecord(*model, m_session->modelPath(), Alignment::Cada, false);
    const QStringList names = m_session->groupNames();
    for (int g = 0; g < names.size(); ++g)
        project.groupNames[g] = names[g];
    project.threshold = m_session->threshold();
    project.reviewBand = images->reviewBand();
    const int current = m_session->currentRow();
    project.selectedPath = current >= 0 ? QDir::cleanPath(images->path(current)) : QString();
    const QString folder = m_session->folder();
    const QString file = project.file;

    setBusy(true);
    emit notice(tr("Creating project %1 ...").arg(QFileInfo(file).fileName()));
    QtConcurrent::run([=]() mutable {
        // Layout labels (MVTec AD / VisA) for the evaluation; a folder without labels has none.
        addLayoutLabels(folder, records, project);
        addContentHashes(records);
        project.model.sha256 = ProjectStore::fileSha256(project.model.path);
        writeProject(project, std::move(records)); // the user confirmed replacing `file`
        auto store = ProjectStore::open(file);
        return store->snapshot();
    })
        .then(this,
              [this, file](ProjectSnapshot snapshot) {
                  setBusy(false);
                  flushSelection();
                  try {
                      m_store = ProjectStore::open(file);
                  } catch (const std::exception& e) {
                      fail(tr("New project"), errorText(e));
                      return;
                  }
                  adoptSnapshot(std::move(snapshot), false);
                  m_recent->add(file);
                  emit notice(tr("Project %1 created.").arg(QFileInfo(file).fileName()));
                  emit projectOpened(file);
              })
        .onFailed(this, [this](const std::exception& e) {
            setBusy(false);
            fail(tr("New project"), errorText(e));
        });
}

void ProjectController::openProject(const QString& fileIn)
{
    if (m_busy || m_session->isScoring()) {
        fail(tr("Open project"),
             tr("Wait until the running batch or project operation has finished."));
        return;
    }
    const QString file = QFileInfo(fileIn).absoluteFilePath();
    setBusy(true);
    QtConcurrent::run([file] {
        // Migration (if any), reading 10,000 rows and checking that every file is still there
        // take time: a worker's own connection does it.
        auto store = ProjectStore::open(file);
        Opened opened;
        opened.snapshot = store->snapshot();
        opened.missing = store->missingImages();
        if (!opened.missing.isEmpty())
            opened.oldRoot = store->suggestedOldRoot();
        return opened;
    }).then(this, [this, file](const Opened& opened) {
          finishOpen(file, opened, true);
      }).onFailed(this, [this](const std::exception& e) {
        setBusy(false);
        fail(tr("Open project"), errorText(e));
    });
}

void ProjectController::finishOpen(const QString& file, const Opened& opened, bool mayRelocate)
{
    if (mayRelocate && !opened.missing.isEmpty()) {
        const QString newRoot =
            m_prompt ? m_prompt(opened.oldRoot, opened.missing)
                     : askRelocationFolder(m_dialogParent, opened.oldRoot, opened.missing);
        if (!newRoot.isEmpty()) {
            const QString oldRoot = opened.oldRoot;
            QtConcurrent::run([file, oldRoot, newRoot] {
                auto store = ProjectStore::open(file);
                const RelocationResult result = store->relocate(oldRoot, QDir::cleanPath(newRoot));
                Opened again;
                again.snapshot = store->snapshot();
                again.missing = store->missingImages();
                return std::make_pair(again, result);
            })
                .then(this,
                      [this, file](const std::pair<Opened, RelocationResult>& done) {
                          const RelocationResult& r = done.second;
                          if (!r.missing.isEmpty() || !r.mismatched.isEmpty())
                              emit notice(
                                  tr("Relocated %n image(s); %1 not found, %2 with other content.",
                                     nullptr, r.relocated)
                                      .arg(r.missing.size())
                                      .arg(r.mismatched.size()));
                          finishOpen(file, done.first, false);
                      })
                .onFailed(this, [this](const std::exception& e) {
                    setBusy(false);
                    fail(tr("Relocate images"), errorText(e));
                });
            return;
        }
    }
    setBusy(false);
    flushSelection();
    try {
        m_store = ProjectStore::open(file);
    } catch (const std::exception& e) {
        fail(tr("Open project"), errorText(e));
        return;
    }
    adoptSnapshot(opened.snapshot, true);
    m_recent->add(file);
    if (!opened.missing.isEmpty())
        emit notice(tr("%n image(s) of this project are not at their recorded place.", nullptr,
                       int(opened.missing.size())));
    loadProjectModel();
    emit projectOpened(file);
}

void ProjectController::adoptSnapshot(ProjectSnapshot snapshot, bool showInWindow)
{
    m_indexOfId.clear();
    for (int i = 0; i < int(snapshot.images.size()); ++i)
        m_indexOfId.insert(snapshot.images[std::size_t(i)].id, i);
    m_snapshot = std::make_shared<const ProjectSnapshot>(std::move(snapshot));
    if (showInWindow) {
        m_session->showProject(*m_snapshot);
    } else {
        // The session is already on screen: only the project ids are new.
        ImageListModel* images = m_session->images();
        QHash<QString, int> rowOfPath;
        for (int r = 0; r < images->rowCount(); ++r)
            rowOfPath.insert(QDir::cleanPath(images->path(r)), r);
        for (const ImageRecord& rec : m_snapshot->images)
            images->setImageId(rowOfPath.value(rec.path, -1), rec.id);
    }
    enableProjectActions(true);
    emit snapshotChanged(m_snapshot);
}

void ProjectController::loadProjectModel()
{
    const ModelRecord model = m_snapshot->model;
    if (model.path.isEmpty() || !QFileInfo::exists(model.path)) {
        emit notice(
            tr("The project's model %1 is not available: scores are shown, heatmaps are not.")
                .arg(model.path));
        return;
    }
    emit modelLoadingChanged(true);
    QtConcurrent::run([model] {
        // A model file changed since the project was made would draw heatmaps that do not match
        // the stored scores.
        if (!model.sha256.isEmpty() && ProjectStore::fileSha256(model.path) != model.sha256)
            throw Error("The model file '" + model.path.toStdString() +
                        "' changed since the project was created; heatmaps are not shown.");
        return std::shared_ptr<Model>(Model::load(model.path.toStdString()));
    })
        .then(this,
              [this, path = model.path, file = m_snapshot->file](std::shared_ptr<Model> loaded) {
                  emit modelLoadingChanged(false);
                  if (!m_snapshot || m_snapshot->file != file)
                      return; // another project was opened meanwhile
                  m_session->adoptModel(std::move(loaded), path, m_snapshot->groupNames);
              })
        .onFailed(this, [this](const std::exception& e) {
            emit modelLoadingChanged(false);
            emit notice(errorText(e));
        });
}

int ProjectController::indexOfImage(qint64 id) const
{
    return m_indexOfId.value(id, -1);
}

void ProjectController::updateSnapshot(const std::function<void(ProjectSnapshot&)>& change)
{
    auto next = std::make_shared<ProjectSnapshot>(*m_snapshot);
    change(*next);
    m_snapshot = std::move(next);
    emit snapshotChanged(m_snapshot);
}

bool ProjectController::recordDecision(int row, Decision decision, const QString& note)
{
    ImageListModel* images = m_session->images();
    if (!m_store || row < 0 || row >= images->rowCount())
        return false;
    const qint64 id = images->imageId(row);
    const int index = indexOfImage(id);
    if (index < 0)
        return false;
    if (PreferencesDialog::reviewerName().isEmpty() && !m_reviewerAsked) {
        m_reviewerAsked = true;
        const QString name =
            (m_reviewerPrompt ? m_reviewerPrompt() : askReviewerName(m_dialogParent)).trimmed();
        if (!name.isEmpty())
            PreferencesDialog::setReviewerName(name);
    }
    DecisionRecord record;
    try {
        record = m_store->recordDecision(id, decision, note, PreferencesDialog::reviewerName());
    } catch (const std::exception& e) {
        fail(tr("Review decision"), errorText(e));
        return false;
    }
    images->setReview(row, record.decision, record.note, record.reviewer, record.time);
    updateSnapshot([&](ProjectSnapshot& s) {
        ImageRecord& im = s.images[std::size_t(index)];
        im.decision = record.decision;
        im.note = record.note;
        im.reviewer = record.reviewer;
        im.decidedAt = record.time;
    });
    return true;
}

void ProjectController::commitThreshold(double threshold)
{
    if (!m_store || threshold == m_snapshot->threshold)
        return;
    try {
        m_store->setThreshold(threshold);
    } catch (const std::exception& e) {
        fail(tr("Threshold"), errorText(e));
        return;
    }
    updateSnapshot([&](ProjectSnapshot& s) {
        s.threshold = threshold;
        s.thresholdHistory.push_back({threshold, QDateTime::currentDateTimeUtc()});
    });
}

void ProjectController::setReviewBand(std::optional<double> lower)
{
    if (!m_store || lower == m_snapshot->session.reviewBandLower)
        return;
    try {
        m_store->setReviewBand(lower);
    } catch (const std::exception& e) {
        fail(tr("Review band"), errorText(e));
        return;
    }
    updateSnapshot([&](ProjectSnapshot& s) { s.session.reviewBandLower = lower; });
}

void ProjectController::setSelectedRow(int row)
{
    ImageListModel* images = m_session->images();
    if (!m_store || row < 0 || row >= images->rowCount())
        return;
    const qint64 id = images->imageId(row);
    if (id < 0 || id == m_snapshot->session.selectedImageId)
        return;
    m_pendingSelection = id;
    m_selectionTimer.start();
    // Not published: the selection does not change any number shown elsewhere.
    auto next = std::make_shared<ProjectSnapshot>(*m_snapshot);
    next->session.selectedImageId = id;
    m_snapshot = std::move(next);
}

void ProjectController::flushSelection()
{
    m_selectionTimer.stop();
    const qint64 id = std::exchange(m_pendingSelection, -1);
    if (!m_store || id < 0)
        return;
    try {
        m_store->setSelectedImage(id);
    } catch (const std::exception& e) {
        emit notice(errorText(e)); // losing the selection is not worth a dialog
    }
}

void ProjectController::setGroupName(int group, const QString& name)
{
    if (!m_store || name.isEmpty())
        return;
    const auto it = m_snapshot->groupNames.find(group);
    if (it != m_snapshot->groupNames.end() && it->second == name)
        return;
    try {
        m_store->setGroupName(group, name);
    } catch (const std::exception& e) {
        fail(tr("Group names"), errorText(e));
        return;
    }
    updateSnapshot([&](ProjectSnapshot& s) { s.groupNames[group] = name; });
}

void ProjectController::exportReport(const QString& dir)
{
    if (!m_store || isExporting()) {
        fail(tr("Export report"), isExporting()
                                      ? tr("A report is being written already.")
                                      : tr("Create or open a project first (File > New project)."));
        return;
    }
    m_export->setEnabled(false);
    m_reportExport->start(m_snapshot, dir, m_dialogParent);
}

void ProjectController::closeProject()
{
    if (!m_store)
        return;
    flushSelection();
    m_store.reset();
    m_snapshot.reset();
    m_indexOfId.clear();
    enableProjectActions(false);
    emit snapshotChanged(nullptr);
}

void ProjectController::cancelExport()
{
    m_reportExport->cancel();
}

bool ProjectController::isExporting() const
{
    return m_reportExport->isRunning();
}

bool ProjectController::storeRescoredBatch()
{
    const auto model = m_session->model();
    if (!m_store || !model)
        return false;
    ModelRecord record;
    std::vector<ImageRecord> rows;
    try {
        record = modelRecord(*model, m_session->modelPath(), Alignment::Cada);
        const ImageListModel* images = m_session->images();
        for (int r = 0; r < images->rowCount(); ++r) {
            if (images->imageId(r) < 0 || !images->isScored(r))
                continue;
            ImageRecord rec = images->image(r).toRecord();
            rec.id = images->imageId(r);
            rec.modelVersion = record.version;
            rec.modelSha256 = record.sha256;
            rows.push_back(rec);
        }
        m_store->replaceScores(record, rows);
    } catch (const std::exception& e) {
        fail(tr("Store new scores"), errorText(e));
        return false;
    }
    updateSnapshot([&](ProjectSnapshot& s) {
        s.model = record;
        for (const ImageRecord& rec : rows) {
            const int index = indexOfImage(rec.id);
            if (index < 0)
                continue;
            s.images[std::size_t(index)].setScoresFrom(rec);
        }
    });
    return true;
}

} // namespace cada::ui
