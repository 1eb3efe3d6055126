#pragma once
// Keyboard-driven review: O / D / U record OK / defective / unsure for the current image, Space
// or J jumps to the next unreviewed image, the ReviewBar's note is saved when editing finishes.
// Every decision goes through ProjectController::recordDecision (committed before it returns),
// with the reviewer name from the preferences.
//
// Next unreviewed walks the list in its current order (sort and filters apply), starting after
// the current row and wrapping: first the unreviewed images inside the review band (verdict
// Review, the default review queue), then any other unreviewed scored image.
#include <QObject>

#include "ProjectTypes.h"

class QMenu;
class QUndoStack;

namespace cada::ui {

class InspectionSession;
class ProjectController;
class ReviewBar;

class ReviewController : public QObject {
    Q_OBJECT
  public:
    // Decides for the session's current image, records through `projects`, shows it in `bar`.
    ReviewController(InspectionSession* session, ProjectController* projects, ReviewBar* bar);

    // Adds the review actions (with their shortcuts) to `menu`; they act on the whole window.
    void addActions(QMenu* menu);

    // Records `decision` for the current image; false without a project or current image.
    bool decide(cada::project::Decision decision);
    // Selects the next unreviewed image; false when none is left.
    bool nextUnreviewed();
    // Shows the current image's review state in the ReviewBar.
    void refreshBar();
    // Decisions made here (and group renames), for Edit > Undo / Redo (Ctrl+Z, Ctrl+Shift+Z). An undo records the
    // previous decision again: the project's history keeps every step. Cleared when another
    // project opens.
    QUndoStack* undoStack() const { return m_undo; }
    // Records `decision` for the image with this project id, wherever its row is now.
    bool applyDecision(qint64 imageId, cada::project::Decision decision);

  signals:
    void notice(const QString& text);

  private:
    void saveNote(const QString& note);
    int findNextUnreviewed(bool bandOnly) const;

    InspectionSession* m_session;
    ProjectController* m_projects;
    ReviewBar* m_bar;
    QUndoStack* m_undo;
};

} // namespace cada::ui
