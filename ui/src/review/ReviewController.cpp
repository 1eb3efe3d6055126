#include "review/ReviewController.h"

#include <QFileInfo>
#include <QUndoStack>

#include <QAction>
#include <QMenu>

#include "batch/ImageFilterProxy.h"
#include "batch/ImageListModel.h"
#include "session/InspectionSession.h"
#include "project/ProjectController.h"
#include "review/ReviewBar.h"

namespace cada::ui {

using cada::project::Decision;

namespace {

// One decision, undoable: undo records the decision the image had before, redo this one again.
class DecisionCommand : public QUndoCommand {
  public:
    DecisionCommand(ReviewController* review, qint64 imageId, Decision before, Decision after,
                    const QString& text)
        : QUndoCommand(text), m_review(review), m_imageId(imageId), m_before(before), m_after(after)
    {
    }
    void undo() override { m_review->applyDecision(m_imageId, m_before); }
    void redo() override
    {
        if (m_done) // the decision was recorded when the command was made
            m_review->applyDecision(m_imageId, m_after);
        m_done = true;
    }

  private:
    ReviewController* m_review;
    qint64 m_imageId;
    Decision m_before, m_after;
    bool m_done = false;
};

} // namespace

ReviewController::ReviewController(InspectionSession* session, ProjectController* projects,
                                   ReviewBar* bar)
    : QObject(session), m_session(session), m_projects(projects), m_bar(bar)
{
    connect(session, &InspectionSession::currentRowChanged, this, &ReviewController::refreshBar);
    connect(bar, &ReviewBar::decisionRequested, this, [this](Decision d) { decide(d); });
    connect(bar, &ReviewBar::noteEdited, this, &ReviewController::saveNote);
    connect(projects, &ProjectController::projectOpened, this, &ReviewController::refreshBar);
    m_undo = new QUndoStack(this);
    connect(projects, &ProjectController::projectOpened, m_undo, &QUndoStack::clear);
}

void ReviewController::addActions(QMenu* menu)
{
    const auto add = [this, menu](const QString& text, const QList<QKeySequence>& keys, auto slot) {
        QAction* a = menu->addAction(text, this, slot);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        return a;
    };
    add(tr("Mark &OK"), {QKeySequence(Qt::Key_O)}, [this] { decide(Decision::Ok); });
    add(tr("Mark &defective"), {QKeySequence(Qt::Key_D)}, [this] { decide(Decision::Defective); });
    add(tr("Mark &unsure"), {QKeySequence(Qt::Key_U)}, [this] { decide(Decision::Unsure); });
    add(tr("&Clear decision"), {QKeySequence(Qt::Key_Backspace)},
        [this] { decide(Decision::None); });
    menu->addSeparator();
    add(tr("Next &unreviewed image"), {QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_J)},
        [this] { nextUnreviewed(); });
}

bool ReviewController::decide(Decision decision)
{
    const int row = m_session->currentRow();
    if (!m_projects->hasProject()) {
        emit notice(
            tr("Review decisions are saved in a project: create one with File > New project."));
        return false;
    }
    if (row < 0)
        return false;
    ImageListModel* images = m_session->images();
    const Decision before = images->decision(row);
    if (!m_projects->recordDecision(row, decision, images->note(row)))
        return false;
    if (before != decision)
        m_undo->push(new DecisionCommand(
            this, images->imageId(row), before, decision,
            tr("%1: %2").arg(QFileInfo(images->path(row)).fileName(),
                             decision == Decision::None ? tr("decision cleared")
                                                        : ImageListModel::decisionText(decision))));
    refreshBar();
    return true;
}

bool ReviewController::applyDecision(qint64 imageId, Decision decision)
{
    ImageListModel* images = m_session->images();
    const int row = images->rowOfImageId(imageId);
    if (row < 0 || !m_projects->recordDecision(row, decision, images->note(row)))
        return false;
    refreshBar();
    return true;
}

void ReviewController::saveNote(const QString& note)
{
    const int row = m_session->currentRow();
    if (!m_projects->hasProject() || row < 0)
        return;
    ImageListModel* images = m_session->images();
    if (note == images->note(row))
        return;
    m_projects->recordDecision(row, images->decision(row), note);
}

int ReviewController::findNextUnreviewed(bool bandOnly) const
{
    const ImageFilterProxy* proxy = m_session->proxy();
    const ImageListModel* images = m_session->images();
    const int n = proxy->rowCount();
    const int currentSource = m_session->currentRow();
    int start = 0;
    if (currentSource >= 0) {
        const QModelIndex p = proxy->mapFromSource(images->index(currentSource, 0));
        start = p.isValid() ? p.row() + 1 : 0;
    }
    for (int k = 0; k < n; ++k) {
        const int proxyRow = (start + k) % n;
        const int row = proxy->mapToSource(proxy->index(proxyRow, 0)).row();
        if (images->decision(row) != Decision::None || !images->isScored(row))
            continue;
        if (!bandOnly || images->verdict(row) == ImageListModel::Review)
            return row;
    }
    return -1;
}

bool ReviewController::nextUnreviewed()
{
    int row = findNextUnreviewed(true);
    if (row < 0)
        row = findNextUnreviewed(false);
    if (row < 0) {
        emit notice(tr("Every image in the list has been reviewed."));
        return false;
    }
    return m_session->select(row);
}

void ReviewController::refreshBar()
{
    ReviewBar* bar = m_bar;
    const int row = m_session->currentRow();
    const ImageListModel* images = m_session->images();
    if (row < 0 || !m_projects->hasProject()) {
        bar->setReview(Decision::None, {}, {}, false);
        return;
    }
    bar->setReview(images->decision(row), images->note(row), images->reviewer(row),
                   images->imageId(row) >= 0);
}

} // namespace cada::ui
