#pragma once
// The status bar: flagged / scored / failed counts, the model in use, the pixel under the mouse
// (or the last batch's outcome), and the running batch's progress with its Cancel button. It
// follows the InspectionSession by itself.
#include <QStatusBar>

class QLabel;
class QProgressBar;
class QPushButton;

namespace cada::ui {

class InspectionSession;

class SessionStatusBar : public QStatusBar {
    Q_OBJECT
  public:
    explicit SessionStatusBar(InspectionSession* session, QWidget* parent = nullptr);

    void setHoverText(const QString& text);
    // The project's scores are shown before its model is loaded.
    void setProjectModel(const QString& modelPath);
    void updateCounts();

  private:
    InspectionSession* m_session;
    QLabel* m_flagged = nullptr;
    QLabel* m_model = nullptr;
    QLabel* m_hover = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
};

} // namespace cada::ui
