#include "MainWindow.h"

#include <QFileDialog>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableWidget>
#include <QtConcurrent>

#include "cada/Error.h"
#include "cada/io/Dataset.h"

namespace cada::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("CADA Inspect"));
    m_table = new QTableWidget(0, 4, this);
    m_table->setHorizontalHeaderLabels({tr("File"), tr("Class"), tr("Split"), tr("Label")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    setCentralWidget(m_table);
    m_status = new QLabel(tr("Open a folder of images (File > Open folder)."), this);
    statusBar()->addWidget(m_status, 1);

    auto* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open folder..."), QKeySequence::Open, this, &MainWindow::chooseFolder);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    resize(1100, 700);
}

void MainWindow::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open image folder"));
    if (!folder.isEmpty())
        openFolder(folder);
}

void MainWindow::openFolder(const QString& folder)
{
    m_status->setText(tr("Scanning %1 ...").arg(folder));
    const std::string path = folder.toStdString();
    QtConcurrent::run([path] { return io::scanDataset(path); })
        .then(this,
              [this](const io::Dataset& ds) {
                  m_table->setRowCount(int(ds.records.size()));
                  for (int row = 0; row < int(ds.records.size()); ++row) {
                      const auto& r = ds.records[size_t(row)];
                      const QStringList cells{QString::fromStdString(r.relativePath),
                                              QString::fromStdString(r.className),
                                              QString::fromStdString(io::splitName(r.split)),
                                              QString::fromStdString(io::labelName(r.label))};
                      for (int c = 0; c < cells.size(); ++c)
                          m_table->setItem(row, c, new QTableWidgetItem(cells[c]));
                  }
                  m_status->setText(tr("%n image(s), layout %1, %2 problem(s)", nullptr, int(ds.records.size()))
                                        .arg(QString::fromStdString(io::layoutName(ds.layout)))
                                        .arg(ds.problems.size()));
                  emit folderLoaded(int(ds.records.size()));
              })
        .onFailed(this, [this](const cada::Error& e) {
            m_status->setText(tr("Could not open the folder."));
            QMessageBox::warning(this, tr("Open folder"), QString::fromStdString(e.what()));
        });
}

} // namespace cada::ui
