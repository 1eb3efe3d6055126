#pragma once
// Projects in the workstation: New project (from the current session), Open project, recent
// projects, relocation of moved images, Export report, and every write of the session to the
// project store (decisions, notes, committed thresholds, review band, selection, group names).
//
// Threading: the ProjectStore of the open project lives on the GUI thread; each write is one
// short transaction, committed before the call returns (store contract), so a killed process
// loses no committed decision. Creating a project (hashing every image), reading a project
// (snapshot, missing-file check), relocating and writing reports run on worker threads, each
// with its own store connection; results come back with QFuture::then(this, ...).
//
// snapshot() is a read-only copy of the project kept in step with every write (copy on write),
// so workers (evaluation, reports) can read it while the GUI goes on changing the project.
#include <QFuture>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

#include "ProjectStore.h"
#include "ProjectTypes.h"

class QAction;
class QMenu;
class QWidget;

namespace cada {
class Progress;
}

namespace cada::ui {

class InspectionSession;
class RecentMenu;
class ReportExport;

class ProjectController : public QObject {
    Q_OBJECT
  public:
    // Dialogs open over `dialogParent`; the project follows the session (a folder opened there
    // closes the project).
    ProjectController(InspectionSession* session, QWidget* dialogParent);
    ~ProjectController() override; // cancels a running export and waits for it

    // Adds New project, Open project, Recent projects, Export report and Check project integrity
    // to `file`.
    void addFileActions(QMenu* file);

    bool hasProject() const { return bool(m_store); }
    QString fileName() const;
    cada::project::ProjectStore* store() const { return m_store.get(); }
    std::shared_ptr<const cada::project::ProjectSnapshot> snapshot() const { return m_snapshot; }
    bool isBusy() const { return m_busy; }
    bool isExporting() const;

    // All return at once; projectOpened / reportWritten / errorOccurred follow.
    // newProject: stores the current, fully scored session; an existing `file` is replaced
    // only after the new project is complete.
    void newProject(const QString& file);
    void openProject(const QString& file);
    void exportReport(const QString& dir);
    void cancelExport();
    // SQLite's full integrity check of the open project, on a worker with its own read-only
    // connection; integrityChecked follows, and a message box says what was found.
    void checkIntegrity();
    // Forgets the open project (the window shows something else now); nothing is written.
    void closeProject();

    // Asked when images of an opened project are missing: returns the folder they are now in,
    // or an empty string to open the project as it is. The default asks the user (modal: the
    // user must decide); tests replace it.
    using RelocationPrompt =
        std::function<QString(const QString& oldRoot, const QStringList& missing)>;
    void setRelocationPrompt(RelocationPrompt prompt) { m_prompt = std::move(prompt); }
    // Asked once, at the first decision, when no reviewer name is set: returns the name to
    // record (stored in the preferences), or an empty string to record the decision without one.
    // The default asks the user; tests replace it.
    using ReviewerPrompt = std::function<QString()>;
    void setReviewerPrompt(ReviewerPrompt prompt) { m_reviewerPrompt = std::move(prompt); }

    // Writes to the open project (no-ops without one). Each is one committed transaction.
    bool recordDecision(int row, cada::project::Decision decision, const QString& note);
    void commitThreshold(double threshold);
    void setReviewBand(std::optional<double> lower);
    void setSelectedRow(int row);
    void setGroupName(int group, const QString& name);
    // After the session's batch was scored again with another model version (teaching): its
    // scores and the model replace the project's, each image recording the version.
    bool storeRescoredBatch();

  signals:
    void projectOpened(const QString& file);
    void snapshotChanged(std::shared_ptr<const cada::project::ProjectSnapshot> snapshot);
    void busyChanged(bool busy);
    void reportWritten(const QString& dir, const QStringList& problems);
    void errorOccurred(const QString& message);
    void integrityChecked(const QString& file, const QStringList& problems);
    // True while the opened project's model loads in the background (no heatmaps yet).
    void modelLoadingChanged(bool loading);
    void notice(const QString& text);        // for the user to read; not an error dialog
    void statusMessage(const QString& text); // a passing state; empty when it ends

  private:
    struct Opened;
    void chooseNewProject();
    void chooseOpenProject();
    void chooseExportDir();
    void enableProjectActions(bool enabled);
    void setBusy(bool busy);
    void fail(const QString& title, const QString& message);
    void finishOpen(const QString& file, const Opened& opened, bool mayRelocate);
    void adoptSnapshot(cada::project::ProjectSnapshot snapshot, bool showInWindow);
    void loadProjectModel();
    // Applies `change` to a copy of the snapshot and publishes the copy.
    void updateSnapshot(const std::function<void(cada::project::ProjectSnapshot&)>& change);
    // Writes a pending selection now (each write is a synchronous transaction; stepping through
    // images with N/P would otherwise write, and wait for the disk, on every key press).
    void flushSelection();
    int indexOfImage(qint64 id) const;

    InspectionSession* m_session;
    QWidget* m_dialogParent;
    QTimer m_selectionTimer; // debounces selection writes
    qint64 m_pendingSelection = -1;
    std::unique_ptr<cada::project::ProjectStore> m_store;
    std::shared_ptr<const cada::project::ProjectSnapshot> m_snapshot;
    QHash<qint64, int> m_indexOfId;
    RelocationPrompt m_prompt;
    ReviewerPrompt m_reviewerPrompt;
    bool m_reviewerAsked = false; // once per session, also when the user leaves it empty
    RecentMenu* m_recent = nullptr;
    QAction* m_export = nullptr;
    QAction* m_checkIntegrity = nullptr;
    bool m_busy = false;
    ReportExport* m_reportExport = nullptr;
};

} // namespace cada::ui
