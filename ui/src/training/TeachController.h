#pragma once
// Learning from review in the workstation (Review > Teach as normal, Review > Learn this type,
// File > Return to previous model version).
//
// Teaching takes images reviewed OK in the open project, runs cada::Model::update from the model
// file on a worker (progress dialog, Cancel leaves no file), and saves the new version beside its
// parent as "<name>.v<N>.cada". The batch is then rescored with it and the effect is shown per
// group (images flagged before -> after, unknown types, the default threshold) before the user
// keeps it or returns to the parent. A kept version's scores go into the project with the version
// that computed them.
//
// Guard rails: an image reviewed defective is never taught; images not reviewed OK are left out;
// images of a known type scoring far above the threshold (cada::Model::farAboveLimit) need a
// confirmation.
#include <QFuture>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>

#include "cada/model/Model.h"

class QAction;
class QMenu;
class QProgressDialog;
class QWidget;

namespace cada {
class Progress;
}

namespace cada::ui {

class InspectionSession;
class ProjectController;

class TeachController : public QObject {
    Q_OBJECT
  public:
    TeachController(InspectionSession* session, ProjectController* projects, QWidget* dialogParent);
    ~TeachController() override; // cancels a running update and waits for it

    void addActions(QMenu* review);                    // Teach as normal, Learn this type
    QAction* returnAction() const { return m_return; } // for the File menu
    // The rows (of the session's images) the user has selected in the list.
    void setSelection(std::function<QList<int>()> selectedRows)
    {
        m_selected = std::move(selectedRows);
    }

    // Which images a teach would use, and which it leaves out and why.
    struct Plan {
        QList<int> rows;     // reviewed OK, scored: taught
        QList<int> farAbove; // of `rows`: a known type far above the threshold (confirm)
        int defective = 0;   // reviewed defective: refused
        int notOk = 0;       // not reviewed, unsure, or not scored: left out
    };
    Plan plan(const QList<int>& rows) const;
    QList<int> unknownTypeRows() const; // every unknown-type image of the batch

    // Starts an update with `rows` (asks as the guard rails say); false when nothing started.
    bool teach(const QList<int>& rows, cada::UpdateReason reason);
    void cancel();
    bool isRunning() const { return m_running; }
    // Opens the current model's parent (its recorded path, when the file is unchanged) and
    // rescores the batch with it.
    bool returnToPrevious();

    // Asked before teaching images far above the threshold, and to keep or return after the
    // rescore; the defaults ask the user, tests replace them.
    using Confirm = std::function<bool(const QString& question)>;
    void setConfirmation(Confirm confirm) { m_confirm = std::move(confirm); }
    struct GroupEffect {
        QString name;
        int imagesBefore = 0, imagesAfter = 0;
        int flaggedBefore = 0, flaggedAfter = 0;
    };
    struct Effect {
        int version = 0;
        double thresholdBefore = 0, thresholdAfter = 0;
        int unknownBefore = 0, unknownAfter = 0;
        std::map<int, GroupEffect> groups; // by group id
    };
    using Decide = std::function<bool(const Effect& effect)>; // true: keep the new version
    void setDecision(Decide decide) { m_decide = std::move(decide); }

  signals:
    void modelSaved(const QString& path); // the new version, before the rescore
    void effectShown(const Effect& effect, bool kept);
    void returned(const QString& parentPath);
    void notice(const QString& text);
    void failed(const QString& message);

  private:
    struct Counts {
        double threshold = 0;
        int unknown = 0;
        std::map<int, std::pair<int, int>> groups; // id -> images, flagged
    };
    Counts countBatch() const;
    void onBatchEnded(bool complete);
    void updateActions();
    bool askToKeep(const Effect& effect);
    QString nextVersionPath(const QString& base, int version) const;
    QList<int> selectedRows() const;

    InspectionSession* m_session;
    ProjectController* m_projects;
    QWidget* m_dialogParent;
    std::function<QList<int>()> m_selected;
    Confirm m_confirm;
    Decide m_decide;
    QAction* m_teach = nullptr;
    QAction* m_learn = nullptr;
    QAction* m_return = nullptr;
    bool m_running = false;
    std::shared_ptr<cada::Progress> m_progress;
    QFuture<void> m_done; // the worker itself: the destructor waits for it
    QProgressDialog* m_dialog = nullptr;
    // After a save: the batch before, waiting for the rescore with the new version.
    enum class Waiting { Nothing, Effect, Return } m_waiting = Waiting::Nothing;
    Counts m_before;
    QString m_parentPath;
    int m_newVersion = 0;
};

} // namespace cada::ui
