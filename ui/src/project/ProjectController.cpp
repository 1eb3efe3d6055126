#include "project/ProjectController.h"

#include <utility>

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QtConcurrent>

#include "batch/ImageListModel.h"
#include "session/InspectionSession.h"
#include "window/PreferencesDialog.h"
#include "window/RecentMenu.h"
#include "ReportWriter.h"
#include "cada/Error.h"
#include "cada/Progress.h"
#include "cada/model/Model.h"
#include "cada/io/Dataset.h"

namespace cada::ui {

using namespace cada::project;

namespace {

void removeDatabaseFiles(const QString& file)
{
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(file + suffix);
}

QString errorText(const std::exception& e)
{
    return QString::fromStdString(e.what());
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
    if (m_exportProgress)
        m_exportProgress->cancel();
    m_exportDone.waitForFinished();
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
    ModelRecord modelRecord;
    modelRecord.path = m_session->modelPath();
    modelRecord.method = QString::fromStdString(methodName(model->info().method));
    modelRecord.alignment = QStringLiteral("cada");
    modelRecord.imageSize = model->info().imageSize;
    modelRecord.defaultThreshold = model->defaultThreshold(Alignment::Cada);
    std::map<int, QString> groupNames;
    const QStringList names = m_session->groupNames();
    for (int g = 0; g < names.size(); ++g)
        groupNames[g] = names[g];
    const double threshold = m_session->threshold();
    const std::optional<double> band = images->reviewBand();
    const int current = m_session->currentRow();
    const QString selectedPath = current >= 0 ? QDir::cleanPath(images->path(current)) : QString();
    const QString folder = m_session->folder();
    const QString file = QFileInfo(fileIn).absoluteFilePath();

    setBusy(true);
    emit notice(tr("Creating project %1 ...").arg(QFileInfo(file).fileName()));
    QtConcurrent::run([=]() mutable {
        // Layout labels (MVTec AD / VisA) for the evaluation; a folder without labels has none.
        QString root = folder, layout = QStringLiteral("folder");
        try {
            const io::Dataset ds = io::scanDataset(folder.toStdString(), io::Layout::Auto);
            root = QDir::cleanPath(QString::fromStdString(ds.root.string()));
            layout = QString::fromStdString(io::layoutName(ds.layout));
            QHash<QString, const io::DatasetRecord*> byPath;
            for (const auto& r : ds.records)
                byPath.insert(QDir::cleanPath(QString::fromStdString(r.path.string())), &r);
            for (ImageRecord& rec : records)
                if (const io::DatasetRecord* r = byPath.value(rec.path)) {
                    rec.className = QString::fromStdString(r->className);
                    rec.groundTruth = r->label == io::Label::Normal      ? 0
                                      : r->label == io::Label::Anomalous ? 1
                                                                         : -1;
                }
        } catch (const Error&) {
            // The images are still there; only the labels are lost.
        }
        for (ImageRecord& rec : records) {
            try {
                rec.sha256 = ProjectStore::fileSha256(rec.path);
                rec.sizeBytes = QFileInfo(rec.path).size();
            } catch (const Error& e) {
                if (rec.error.isEmpty())
                    rec.error = QString::fromUtf8(e.what());
            }
        }
        modelRecord.sha256 = ProjectStore::fileSha256(modelRecord.path);
        const QString part = file + QStringLiteral(".part");
        removeDatabaseFiles(part);
        try {
            auto store = ProjectStore::create(part, root, layout);
            store->setModel(modelRecord);
            store->addImages(records);
            for (const auto& [g, name] : groupNames)
                store->setGroupName(g, name);
            store->setThreshold(threshold);
            store->setReviewBand(band);
            for (const ImageRecord& rec : records)
                if (rec.path == selectedPath)
                    store->setSelectedImage(rec.id);
        } catch (...) {
            removeDatabaseFiles(part);
            throw;
        }
        // The user confirmed replacing an existing file in the save dialog.
        removeDatabaseFiles(file);
        if (!QFile::rename(part, file)) {
            removeDatabaseFiles(part);
            throw Error("Cannot move the new project into place at '" + file.toStdString() +
                        "'. Check that the folder is writable.");
        }
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
        const QString newRoot = askRelocation(opened.oldRoot, opened.missing);
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

QString ProjectController::askRelocation(const QString& oldRoot, const QStringList& missing)
{
    if (m_prompt)
        return m_prompt(oldRoot, missing);
    QMessageBox box(
        QMessageBox::Question, tr("Images moved"),
        tr("%n image(s) of this project are no longer in %1. Were they moved to another folder?",
           nullptr, int(missing.size()))
            .arg(oldRoot),
        QMessageBox::NoButton, m_dialogParent);
    QPushButton* relocate = box.addButton(tr("Choose new folder..."), QMessageBox::AcceptRole);
    box.addButton(tr("Open as it is"), QMessageBox::RejectRole);
    box.exec();
    if (box.clickedButton() != relocate)
        return {};
    return QFileDialog::getExistingDirectory(
        m_dialogParent, tr("Folder that now holds %1").arg(QFileInfo(oldRoot).fileName()));
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

QString ProjectController::askReviewerName()
{
    return QInputDialog::getText(
        m_dialogParent, tr("Reviewer name"),
        tr("Your name is recorded with each review decision (File > Preferences changes it):"));
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
        const QString name = (m_reviewerPrompt ? m_reviewerPrompt() : askReviewerName()).trimmed();
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
    if (!m_store || m_exporting) {
        fail(tr("Export report"), m_exporting
                                      ? tr("A report is being written already.")
                                      : tr("Create or open a project first (File > New project)."));
        return;
    }
    m_exporting = true;
    m_export->setEnabled(false);
    auto snapshot = m_snapshot;
    auto dialog =
        new QProgressDialog(tr("Writing the report..."), tr("Cancel"), 0, 0, m_dialogParent);
    dialog->setWindowTitle(tr("Export report"));
    dialog->setWindowModality(Qt::NonModal);
    dialog->setMinimumDuration(300);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    m_exportDialog = dialog;
    QPointer<QProgressDialog> guard(dialog);
    m_exportProgress = std::make_shared<cada::Progress>([this, guard](const ProgressEvent& e) {
        const QString stage = QString::fromStdString(e.stage);
        const int done = int(e.done), total = int(e.total);
        QMetaObject::invokeMethod(
            this,
            [guard, stage, done, total] {
                if (!guard)
                    return;
                guard->setLabelText(stage);
                guard->setMaximum(total);
                guard->setValue(done);
            },
            Qt::QueuedConnection);
    });
    auto progress = m_exportProgress;
    connect(dialog, &QProgressDialog::canceled, this, [progress] { progress->cancel(); });

    const auto finish = [this, guard] {
        m_exporting = false;
        m_export->setEnabled(bool(m_store));
        if (guard)
            guard->deleteLater();
        m_exportDialog = nullptr;
    };
    auto future = QtConcurrent::run([snapshot, dir, progress] {
        // A model of its own: the window's model serves its scoring worker, one thread at a time.
        std::unique_ptr<Model> model;
        const ModelRecord& m = snapshot->model;
        if (!m.path.isEmpty() && QFileInfo::exists(m.path) &&
            (m.sha256.isEmpty() || ProjectStore::fileSha256(m.path) == m.sha256))
            model = Model::load(m.path.toStdString());
        return writeReport(*snapshot, model.get(), dir, *progress);
    });
    m_exportDone =
        future; // the worker itself: the destructor waits for it, not for the GUI continuation
    future
        .then(this,
              [this, dir, finish](const ReportFiles& files) {
                  finish();
                  emit notice(
                      files.overlayDir.isEmpty() || files.overlays == 0
                          ? tr("Report written to %1 (no heatmap overlays: the model is not "
                               "available "
                               "or nothing is flagged).")
                                .arg(dir)
                          : tr("Report written to %1 with %n overlay(s).", nullptr, files.overlays)
                                .arg(dir));
                  emit reportWritten(dir, files.problems);
              })
        .onFailed(this,
                  [this, finish](const cada::Cancelled&) {
                      finish();
                      emit notice(tr("Report export cancelled."));
                  })
        .onFailed(this, [this, finish](const std::exception& e) {
            finish();
            fail(tr("Export report"), errorText(e));
        });
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
    if (m_exportProgress)
        m_exportProgress->cancel();
}

} // namespace cada::ui
