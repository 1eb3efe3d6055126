#include "plots/GroupsPanel.h"

#include <QCryptographicHash>
#include <QLineEdit>
#include <QListWidget>
#include <QStyledItemDelegate>
#include <QSettings>
#include <QPointer>
#include <QTimer>
#include <QUndoCommand>
#include <QVBoxLayout>

#include "batch/ImageFilterProxy.h"
#include "batch/ImageListModel.h"
#include "batch/ThumbnailLoader.h"

namespace cada::ui {

namespace {
constexpr int GroupIdRole = Qt::UserRole + 1;
constexpr int NameRole = Qt::UserRole + 2;

// A QListWidgetItem keeps one text for display and edit; the display text has the counts on a
// second line, so the editor is given the bare name instead.
class GroupNameDelegate : public QStyledItemDelegate {
  public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override
    {
        if (auto* line = qobject_cast<QLineEdit*>(editor))
            line->setText(index.data(NameRole).toString());
        else
            QStyledItemDelegate::setEditorData(editor, index);
    }
    void updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const override
    {
        // One line high, on the first text line, not stretched over the two-line item.
        QStyledItemDelegate::updateEditorGeometry(editor, option, index);
        QRect r = editor->geometry();
        r.setHeight(std::min(r.height(), editor->sizeHint().height()));
        editor->setGeometry(r);
    }
};
} // namespace

GroupsPanel::GroupsPanel(ImageListModel* images, ThumbnailLoader* thumbnails, QWidget* parent)
    : QWidget(parent), m_images(images), m_thumbnails(thumbnails)
{
    m_list = new QListWidget(this);
    m_list->setIconSize(QSize(thumbnails->side(), thumbnails->side()));
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_list->setItemDelegate(new GroupNameDelegate(m_list));
    m_list->setToolTip(tr("Implicit classes found by the model. Double-click to rename."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    m_countTimer = new QTimer(this);
    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(100);
    connect(m_countTimer, &QTimer::timeout, this, &GroupsPanel::refreshCounts);
    // Throttled, not debounced: while the threshold is dragged the counts follow every 100 ms
    // instead of waiting for the drag to pause.
    connect(images, &ImageListModel::flaggedCountChanged, this, [this] {
        if (!m_countTimer->isActive())
            m_countTimer->start();
    });
    connect(images, &QAbstractItemModel::modelReset, m_countTimer, qOverload<>(&QTimer::start));
    connect(thumbnails, &ThumbnailLoader::thumbnailReady, this, &GroupsPanel::updateIcons);
    connect(m_list, &QListWidget::itemChanged, this, &GroupsPanel::onItemChanged);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (!m_filling)
            emit groupSelected(item ? item->data(GroupIdRole).toInt()
                                    : ImageFilterProxy::AllGroups);
    });
}

QString GroupsPanel::settingsKey(int group) const
{
    const QByteArray hash =
        QCryptographicHash::hash(m_modelPath.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return QStringLiteral("models/%1/groupNames/%2").arg(QString::fromLatin1(hash)).arg(group);
}

void GroupsPanel::setGroups(const std::vector<cada::ImplicitGroup>& groups,
                            const QString& modelPath, const std::map<int, QString>& names)
{
    m_groups = groups;
    m_modelPath = modelPath;
    QSettings settings;
    m_names.clear();
    for (const auto& g : groups) {
        while (m_names.size() <= g.id)
            m_names << QString();
        const auto given = names.find(g.id);
        const QString stored = given != names.end() && !given->second.isEmpty()
                                   ? given->second
                                   : settings.value(settingsKey(g.id)).toString();
        // The model's own default name ("Group N") is shown translated; a name given in the
        // model file by a user is shown as it is.
        const QString modelName = QString::fromStdString(g.name);
        const bool defaultName =
            modelName.isEmpty() || modelName == QStringLiteral("Group %1").arg(g.id + 1);
        m_names[g.id] = !stored.isEmpty() ? stored
                        : !defaultName    ? modelName
                                          : tr("Group %1").arg(g.id + 1);
    }
    QStringList representatives;
    for (const auto& g : groups)
        if (!g.representative.empty())
            representatives << QString::fromStdString(g.representative);
    m_thumbnails->requestKept(representatives); // the list's own requests must not drop them
    refreshCounts();
    emit groupNamesChanged(m_names);
}

QStringList GroupsPanel::groupNames() const
{
    return m_names;
}

void GroupsPanel::refreshCounts()
{
    QVector<int> counts(int(m_names.size()) + 1, 0), flagged(int(m_names.size()) + 1, 0);
    int unknown = 0, unknownFlagged = 0;
    for (int r = 0; r < m_images->rowCount(); ++r) {
        if (!m_images->isScored(r) || !m_images->image(r).ok())
            continue;
        const int g = m_images->image(r).group;
        const bool f = m_images->isFlagged(r);
        if (g >= 0 && g < m_names.size()) {
            ++counts[g];
            flagged[g] += f;
        } else {
            ++unknown;
            unknownFlagged += f;
        }
    }
    const int current = m_list->currentItem() ? m_list->currentItem()->data(GroupIdRole).toInt()
                                              : ImageFilterProxy::AllGroups;
    // The same groups as shown: only their texts change (no flicker, icons kept, cheap enough to
    // follow a threshold drag).
    QVector<int> ids{ImageFilterProxy::AllGroups};
    for (const auto& g : m_groups)
        ids << g.id;
    if (unknown > 0)
        ids << -1;
    bool sameItems = m_list->count() == ids.size();
    for (int i = 0; sameItems && i < ids.size(); ++i)
        sameItems = m_list->item(i)->data(GroupIdRole).toInt() == ids[i];
    m_filling = true;
    if (!sameItems)
        m_list->clear();
    int next = 0;
    auto add = [this, current, sameItems, &next](int id, const QString& text, const QString& name,
                                                 bool editable) {
        if (sameItems) {
            QListWidgetItem* item = m_list->item(next++);
            if (item->data(Qt::DisplayRole).toString() != text)
                item->setData(Qt::DisplayRole, text);
            if (item->data(NameRole).toString() != name)
                item->setData(NameRole, name);
            return;
        }
        auto* item = new QListWidgetItem(text, m_list);
        item->setData(GroupIdRole, id);
        item->setData(NameRole, name);
        item->setData(Qt::DisplayRole, text);
        if (editable)
            item->setFlags(item->flags() | Qt::ItemIsEditable);
        if (id == current)
            m_list->setCurrentItem(item);
    };
    add(ImageFilterProxy::AllGroups,
        tr("All groups\n%n image(s), %1 flagged", nullptr, m_images->rowCount())
            .arg(m_images->flaggedCount()),
        {}, false);
    for (const auto& g : m_groups)
        add(g.id,
            g.count > 0
                ? tr("%1\n%n image(s), %2 flagged\n%3 in training", nullptr, counts.value(g.id))
                      .arg(m_names.value(g.id))
                      .arg(flagged.value(g.id))
                      .arg(g.count)
                // a project opened without its model: training counts are unknown
                : tr("%1\n%n image(s), %2 flagged", nullptr, counts.value(g.id))
                      .arg(m_names.value(g.id))
                      .arg(flagged.value(g.id)),
            m_names.value(g.id), true);
    if (unknown > 0)
        add(-1, tr("Unknown\n%n image(s), %1 flagged", nullptr, unknown).arg(unknownFlagged), {},
            false);
    m_filling = false;
    if (!sameItems)
        updateIcons();
}

void GroupsPanel::updateIcons()
{
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem* item = m_list->item(i);
        const int id = item->data(GroupIdRole).toInt();
        const auto it = std::find_if(m_groups.begin(), m_groups.end(),
                                     [id](const auto& g) { return g.id == id; });
        if (it == m_groups.end())
            continue;
        const QPixmap p = m_thumbnails->thumbnail(QString::fromStdString(it->representative));
        if (!p.isNull() && item->icon().isNull()) {
            m_filling = true;
            item->setIcon(QIcon(p));
            m_filling = false;
        }
    }
}

void GroupsPanel::onItemChanged(QListWidgetItem* item)
{
    if (m_filling)
        return;
    const int id = item->data(GroupIdRole).toInt();
    // After an edit the item's text is the new name alone.
    const QString name = item->text().section(QLatin1Char('\n'), 0, 0).trimmed();
    if (id < 0 || id >= m_names.size() || name.isEmpty() || name == m_names[id])
        return;
    const QString previous = m_names[id];
    renameGroup(id, name);
    emit userRenamed(id, previous, name);
}

void GroupsPanel::renameGroup(int group, const QString& name)
{
    if (group < 0 || group >= m_names.size() || name.isEmpty())
        return;
    m_names[group] = name;
    QSettings().setValue(settingsKey(group), name);
    emit groupNamesChanged(m_names);
    emit groupRenamed(group, name);
    QTimer::singleShot(0, this, &GroupsPanel::refreshCounts);
}

namespace {

class RenameGroupCommand : public QUndoCommand {
  public:
    RenameGroupCommand(GroupsPanel* panel, int group, QString previous, QString name)
        : QUndoCommand(GroupsPanel::tr("Rename group to %1").arg(name)), m_panel(panel),
          m_group(group), m_previous(std::move(previous)), m_name(std::move(name))
    {
    }
    void redo() override
    {
        if (std::exchange(m_applied, true) && m_panel) // the editor applied it the first time
            m_panel->renameGroup(m_group, m_name);
    }
    void undo() override
    {
        if (m_panel)
            m_panel->renameGroup(m_group, m_previous);
    }

  private:
    QPointer<GroupsPanel> m_panel;
    int m_group;
    QString m_previous, m_name;
    bool m_applied = false;
};

} // namespace

QUndoCommand* GroupsPanel::renameCommand(int group, const QString& previous, const QString& name)
{
    return new RenameGroupCommand(this, group, previous, name);
}

} // namespace cada::ui
