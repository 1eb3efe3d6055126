#pragma once
// The implicit classes found by the model: representative thumbnail, image count and flagged
// count in the current batch. Double-click renames a group; names are stored in QSettings keyed
// by the model file, so they survive restarts without rewriting the model. Selecting a group
// emits groupSelected (ImageFilterProxy::AllGroups for the "All groups" entry).
#include <QWidget>

#include <map>
#include <vector>

#include "cada/model/Model.h"

class QListWidget;
class QListWidgetItem;
class QTimer;
class QUndoCommand;

namespace cada::ui {

class ImageListModel;
class ThumbnailLoader;

class GroupsPanel : public QWidget {
    Q_OBJECT
  public:
    GroupsPanel(ImageListModel* images, ThumbnailLoader* thumbnails, QWidget* parent = nullptr);

    // Shows the groups of the model stored at modelPath, with names from QSettings; `names`
    // (a project's group names) take precedence over both QSettings and the model.
    void setGroups(const std::vector<cada::ImplicitGroup>& groups, const QString& modelPath,
                   const std::map<int, QString>& names = {});
    QStringList groupNames() const; // index = group id
    void refreshCounts();
    // Renames a group as the editor does (settings, list, groupNamesChanged, groupRenamed).
    void renameGroup(int group, const QString& name);
    // An undoable rename (Edit > Undo) of a rename the user made in the editor: the first redo
    // does nothing, undo restores `previous`.
    QUndoCommand* renameCommand(int group, const QString& previous, const QString& name);

  signals:
    void groupSelected(int group);
    void groupNamesChanged(const QStringList& names);
    // Whenever a group is renamed (not when groups are set): by the user or by renameGroup.
    void groupRenamed(int group, const QString& name);
    // Only for a rename the user made in the editor.
    void userRenamed(int group, const QString& previous, const QString& name);

  private:
    QString settingsKey(int group) const;
    void onItemChanged(QListWidgetItem* item);
    void updateIcons();

    ImageListModel* m_images;
    ThumbnailLoader* m_thumbnails;
    QListWidget* m_list = nullptr;
    QTimer* m_countTimer = nullptr;
    std::vector<cada::ImplicitGroup> m_groups;
    QStringList m_names;
    QString m_modelPath;
    bool m_filling = false;
};

} // namespace cada::ui
