#pragma once
// The workstation's main window.
#include <QMainWindow>

class QTableWidget;
class QLabel;

namespace cada::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    // Scans `folder` in the background and lists its images; returns at once.
    void openFolder(const QString& folder);

signals:
    void folderLoaded(int imageCount);

private:
    void chooseFolder();

    QTableWidget* m_table = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace cada::ui
