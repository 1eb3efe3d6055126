#include "review/ReviewBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QKeyEvent>
#include <QLineEdit>
#include <QToolButton>

#include "batch/ImageListModel.h"

namespace cada::ui {

using cada::project::Decision;

ReviewBar::ReviewBar(QWidget* parent) : QWidget(parent)
{
    m_decision = new QLabel(this);
    m_note = new QLineEdit(this);
    m_note->installEventFilter(this);
    m_note->setObjectName(QStringLiteral("reviewNote"));
    m_note->setPlaceholderText(
        tr("Note on this image (saved when you press Return or leave the field)"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const auto addButton = [this, layout](const QString& text, const QString& tip, Decision d) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setFocusPolicy(Qt::NoFocus); // the keys must keep reaching the window's shortcuts
        connect(b, &QToolButton::clicked, this, [this, d] { emit decisionRequested(d); });
        layout->addWidget(b);
    };
    addButton(tr("OK"), tr("Mark the image OK (O)"), Decision::Ok);
    addButton(tr("Defective"), tr("Mark the image defective (D)"), Decision::Defective);
    addButton(tr("Unsure"), tr("Mark the image unsure (U)"), Decision::Unsure);
    layout->addWidget(m_decision);
    layout->addWidget(m_note, 1);
    connect(m_note, &QLineEdit::editingFinished, this, [this] {
        if (m_note->text() == m_shownNote)
            return;
        m_shownNote = m_note->text();
        emit noteEdited(m_shownNote);
    });
    setReview(Decision::None, {}, {}, false);
}

void ReviewBar::setReview(Decision decision, const QString& note, const QString& reviewer,
                          bool enabled)
{
    setEnabled(enabled);
    if (decision == Decision::None)
        m_decision->setText(enabled ? tr("Not reviewed") : QString());
    else if (reviewer.isEmpty())
        m_decision->setText(ImageListModel::decisionText(decision));
    else
        m_decision->setText(tr("%1 (%2)").arg(ImageListModel::decisionText(decision), reviewer));
    m_shownNote = note;
    if (m_note->text() != note)
        m_note->setText(note);
}

bool ReviewBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_note && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        m_note->setText(m_shownNote); // editingFinished then sees no change
        m_note->clearFocus();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

QString ReviewBar::note() const
{
    return m_note->text();
}

} // namespace cada::ui
