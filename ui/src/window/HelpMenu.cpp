#include "window/HelpMenu.h"

#include <QAbstractButton>
#include <QAction>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "cada/Version.h"

namespace cada::ui {
namespace {

void collect(const QList<QAction*>& actions, QStringList& out)
{
    for (QAction* a : actions) {
        if (a->menu()) {
            collect(a->menu()->actions(), out);
            continue;
        }
        QStringList keys;
        for (const QKeySequence& k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        if (!keys.isEmpty())
            out << keys.join(QStringLiteral(", ")) + QLatin1Char('\t') +
                       a->text().remove(QLatin1Char('&')).remove(QStringLiteral("..."));
    }
}

void showShortcuts(QMainWindow* window)
{
    const QStringList lines = shortcutList(window);
    auto* dialog = new QDialog(window);
    dialog->setWindowTitle(QCoreApplication::translate("cada::ui::HelpMenu", "Keyboard shortcuts"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto* table = new QTableWidget(int(lines.size()), 2, dialog);
    table->setHorizontalHeaderLabels({QCoreApplication::translate("cada::ui::HelpMenu", "Keys"),
                                      QCoreApplication::translate("cada::ui::HelpMenu", "Action")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int r = 0; r < lines.size(); ++r) {
        const QStringList cells = lines[r].split(QLatin1Char('\t'));
        table->setItem(r, 0, new QTableWidgetItem(cells.value(0)));
        table->setItem(r, 1, new QTableWidgetItem(cells.value(1)));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog->resize(520, 480);
    dialog->open();
}

void showAbout(QMainWindow* window)
{
    const QString device =
        cada::cudaAvailable()
            ? QCoreApplication::translate("cada::ui::HelpMenu", "CUDA (%n device(s))", nullptr,
                                          cada::cudaDeviceCount())
            : QCoreApplication::translate(
                  "cada::ui::HelpMenu",
                  "CPU (this build of LibTorch has no CUDA, or no CUDA device is present)");
    QMessageBox::about(
        window, QCoreApplication::translate("cada::ui::HelpMenu", "About CADA Inspect"),
        QCoreApplication::translate(
            "cada::ui::HelpMenu",
            "<h3>CADA Inspect %1</h3>"
            "<p>Visual anomaly detection across many product types with one model and one "
            "threshold (class-agnostic distribution alignment).</p>"
            "<p>Qt %2<br>LibTorch %3<br>OpenCV %4<br>Compute device: %5</p>")
            .arg(QString::fromStdString(cada::programVersion()), QString::fromLatin1(qVersion()),
                 QString::fromStdString(cada::torchVersion()),
                 QString::fromStdString(cada::openCvVersion()), device));
}

} // namespace

QStringList shortcutList(QWidget* window)
{
    QStringList out;
    if (auto* main = qobject_cast<QMainWindow*>(window))
        collect(main->menuBar()->actions(), out);
    collect(window->actions(), out);
    for (QWidget* child : window->findChildren<QWidget*>()) // panels' own window-wide keys
        collect(child->actions(), out);
    for (QAbstractButton* b : window->findChildren<QAbstractButton*>())
        if (!b->shortcut().isEmpty())
            out << b->shortcut().toString(QKeySequence::NativeText) + QLatin1Char('\t') +
                       (b->toolTip().isEmpty() ? b->text() : b->toolTip());
    out.removeDuplicates();
    return out;
}

QString documentationFolder()
{
    const QString installed = QDir(QCoreApplication::applicationDirPath())
                                  .filePath(QStringLiteral("../share/doc/cada-inspect"));
    if (QFileInfo::exists(installed + QStringLiteral("/README.md")))
        return QDir::cleanPath(installed);
    return QStringLiteral(CADA_DOCS_DIR);
}

void addHelpMenu(QMainWindow* window)
{
    QMenu* help =
        window->menuBar()->addMenu(QCoreApplication::translate("cada::ui::HelpMenu", "&Help"));
    QAction* keys =
        help->addAction(QCoreApplication::translate("cada::ui::HelpMenu", "&Keyboard shortcuts"),
                        window, [window] { showShortcuts(window); });
    keys->setShortcut(QKeySequence::HelpContents);
    help->addAction(QCoreApplication::translate("cada::ui::HelpMenu", "&Documentation"), window,
                    [] { QDesktopServices::openUrl(QUrl::fromLocalFile(documentationFolder())); });
    help->addSeparator();
    help->addAction(QCoreApplication::translate("cada::ui::HelpMenu", "&About CADA Inspect"),
                    window, [window] { showAbout(window); });
}

} // namespace cada::ui
