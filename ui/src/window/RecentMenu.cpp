#include "window/RecentMenu.h"

#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace cada::ui {

namespace {
constexpr int kMaxRecent = 8;
}

RecentMenu::RecentMenu(QMenu* parent, const QString& title, const QString& settingsKey,
                       std::function<void(const QString&)> open)
    : QObject(parent), m_menu(parent->addMenu(title)), m_key(settingsKey), m_open(std::move(open))
{
    // Rebuilt when shown, so that an entry that disappeared meanwhile is disabled.
    connect(m_menu, &QMenu::aboutToShow, this, &RecentMenu::rebuild);
    rebuild();
}

QStringList RecentMenu::paths() const
{
    return QSettings().value(m_key).toStringList();
}

void RecentMenu::add(const QString& path)
{
    QStringList list = paths();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecent)
        list.removeLast();
    QSettings().setValue(m_key, list);
    rebuild();
}

void RecentMenu::rebuild()
{
    m_menu->clear();
    const QStringList list = paths();
    for (const QString& p : list) {
        QAction* a = m_menu->addAction(p, this, [this, p] { m_open(p); });
        a->setEnabled(QFileInfo::exists(p));
    }
    m_menu->setEnabled(!list.isEmpty());
}

} // namespace cada::ui
