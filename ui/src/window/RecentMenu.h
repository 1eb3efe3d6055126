#pragma once
// A "Recent ..." submenu kept in QSettings: the most recent first, at most eight, an entry whose
// file or folder is gone shown disabled. One instance per list (models, folders, projects).
#include <QObject>
#include <QString>

#include <functional>

class QMenu;

namespace cada::ui {

class RecentMenu : public QObject {
    Q_OBJECT
  public:
    // Adds the submenu `title` to `parent`; choosing an entry calls `open` with its path.
    RecentMenu(QMenu* parent, const QString& title, const QString& settingsKey,
               std::function<void(const QString&)> open);

    void add(const QString& path); // moves it to the top
    QStringList paths() const;
    QMenu* menu() const { return m_menu; }

  private:
    void rebuild();

    QMenu* m_menu;
    QString m_key;
    std::function<void(const QString&)> m_open;
};

} // namespace cada::ui
