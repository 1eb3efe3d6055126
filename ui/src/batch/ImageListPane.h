#pragma once
// The image list as the user works with it: the name, flagged and review filters, a notice line
// (skipped files, failed images with a Details link, a histogram bin shown alone), the table, and
// its context menu. The table's current row is the session's current image, both ways.
#include <QList>
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace cada::ui {

class ImageTableView;
class InspectionSession;

class ImageListPane : public QWidget {
    Q_OBJECT
  public:
    explicit ImageListPane(InspectionSession* session, QWidget* parent = nullptr);

    ImageTableView* table() const { return m_table; }
    // Selects the N-th row of the (sorted, filtered) list; false when out of range.
    bool selectRow(int row);
    void stepSelection(int delta);
    void showNotice(const QString& text);
    void hideNotice();
    // Every image that could not be scored, with its reason.
    void showFailures();
    // Added below the pane's own entries in the list's context menu.
    void setContextActions(const QList<QAction*>& actions) { m_contextActions = actions; }

  signals:
    // The filters hide every image: the viewer has nothing to show.
    void emptied();
    // The context menu is about to open (its actions can update their state).
    void contextMenuAboutToShow();

  private:
    void followFilter();
    void showMenu(const QPoint& at);

    InspectionSession* m_session;
    ImageTableView* m_table = nullptr;
    QLineEdit* m_nameFilter = nullptr;
    QCheckBox* m_flaggedOnly = nullptr;
    QComboBox* m_reviewFilter = nullptr;
    QLabel* m_notice = nullptr;
    QList<QAction*> m_contextActions;
};

} // namespace cada::ui
