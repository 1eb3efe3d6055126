#pragma once
// The Help menu: keyboard shortcuts (read from the window's own actions and buttons, so the list
// is always the one in force), the documentation, and About (versions of the program and its
// libraries, the compute device).
#include <QString>

class QMainWindow;
class QWidget;

namespace cada::ui {

void addHelpMenu(QMainWindow* window);

// Every shortcut of `window`: its actions (menus included) and its buttons, as "keys\ttext"
// lines in the order of the menus, for the shortcut list (and its test).
QStringList shortcutList(QWidget* window);

// The documentation's folder: the installed one beside the program, else the source tree's.
QString documentationFolder();

} // namespace cada::ui
