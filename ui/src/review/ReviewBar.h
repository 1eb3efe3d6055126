#pragma once
// The review strip under the image: the current image's decision, buttons for OK / defective /
// unsure (the keys O, D, U do the same through the Review menu) and a note field. The note is
// reported once, when editing finishes (Return or focus leaves) and only if it changed.
#include <QWidget>

#include "ProjectTypes.h"

class QLabel;
class QLineEdit;
class QToolButton;

namespace cada::ui {

class ReviewBar : public QWidget {
    Q_OBJECT
  public:
    explicit ReviewBar(QWidget* parent = nullptr);

    // Shows the review state of the current image; disabled when nothing can be reviewed.
    void setReview(cada::project::Decision decision, const QString& note, const QString& reviewer,
                   bool enabled);
    QString note() const;
    QLineEdit* noteEdit() const { return m_note; }

  signals:
    void decisionRequested(cada::project::Decision decision);
    void noteEdited(const QString& note);

  protected:
    // Escape in the note field cancels the edit: the saved note comes back, nothing is saved.
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    QLabel* m_decision = nullptr;
    QLineEdit* m_note = nullptr;
    QString m_shownNote;
};

} // namespace cada::ui
