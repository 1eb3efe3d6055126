// Regression: the rename editor of a group showed the two-line display text (name and counts);
// it must show the bare name, and committing it renames the group (persisted in QSettings).
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTranslator>
#include <QUndoStack>
#include <QtTest>

#include "plots/GroupsPanel.h"
#include "batch/ImageListModel.h"
#include "batch/ThumbnailLoader.h"

class TstGroupRenameEditor : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear(); // test-mode settings persist between runs
    }
    void editorShowsBareName();
    void defaultModelNamesAreTranslated();
    void countsFollowAThresholdDrag();
};

namespace {
// Groups numbered 0, 1, ... with the given names and image counts.
std::vector<cada::ImplicitGroup> makeGroups(std::vector<std::pair<std::string, int>> namesAndCounts)
{
    std::vector<cada::ImplicitGroup> groups;
    for (const auto& [name, count] : namesAndCounts) {
        cada::ImplicitGroup g;
        g.id = int(groups.size());
        g.name = name;
        g.count = count;
        groups.push_back(g);
    }
    return groups;
}
} // namespace

// Dragging the threshold changes the flagged count many times a second: the groups list follows
// while the drag goes on (throttled), not only once it pauses, and keeps its items (no rebuild).
void TstGroupRenameEditor::countsFollowAThresholdDrag()
{
    cada::ui::ImageListModel images;
    QStringList paths;
    for (int i = 0; i < 100; ++i)
        paths << QStringLiteral("/x/%1.png").arg(i);
    images.setImages(paths);
    for (int i = 0; i < 100; ++i) {
        cada::ui::ScoredImage s;
        s.path = paths[i];
        s.group = i % 2;
        s.score = i / 10.0;
        images.setResult(i, s);
    }
    cada::ui::ThumbnailLoader thumbnails(16);
    cada::ui::GroupsPanel panel(&images, &thumbnails);
    panel.setGroups(makeGroups({{"Plates", 50}, {"Carpets", 50}}),
                    QStringLiteral("/tmp/tst_group_counts.cada"));
    auto* list = panel.findChild<QListWidget*>();
    QTRY_VERIFY(list->count() == 3);
    QListWidgetItem* all = list->item(0);
    const QString before = all->text();
    QStringList seen;
    for (int step = 0; step < 20; ++step) { // 20 changes, 40 ms apart: 800 ms of dragging
        images.setThreshold(10.0 - step * 0.4);
        QTest::qWait(40);
        seen << all->text();
    }
    QCOMPARE(list->item(0), all); // the same item, updated in place
    // Within 4 changes (160 ms) the list shows a new count, and it keeps changing.
    QVERIFY2(seen.mid(0, 4).filter(before).size() < 4, qPrintable(seen.join(QLatin1Char('|'))));
    seen.removeDuplicates();
    QVERIFY2(seen.size() >= 4, qPrintable(seen.join(QLatin1Char('|'))));
}

void TstGroupRenameEditor::editorShowsBareName()
{
    cada::ui::ImageListModel images;
    cada::ui::ThumbnailLoader thumbnails(16);
    cada::ui::GroupsPanel panel(&images, &thumbnails);
    const auto groups = makeGroups({{"Plates", 5}, {"Carpets", 7}});
    panel.setGroups(groups, QStringLiteral("/tmp/tst_group_rename_editor.cada"));
    panel.resize(300, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    auto* list = panel.findChild<QListWidget*>();
    QVERIFY(list);
    QListWidgetItem* item = list->item(1); // row 0 is "All groups"
    QVERIFY(item->text().contains(QLatin1Char('\n')));
    list->editItem(item);
    QPointer<QLineEdit> editor;
    QTRY_VERIFY((editor = list->findChild<QLineEdit*>()) != nullptr);
    QCOMPARE(editor->text(), QStringLiteral("Plates"));
    QVERIFY(editor->height() < 2 * editor->sizeHint().height());

    QSignalSpy renamed(&panel, &cada::ui::GroupsPanel::groupNamesChanged);
    QSignalSpy byUser(&panel, &cada::ui::GroupsPanel::userRenamed);
    editor->setText(QStringLiteral("Steel plates"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(renamed.count(), 1);
    QCOMPARE(panel.groupNames().value(0), QStringLiteral("Steel plates"));
    QTRY_VERIFY(list->item(1)->text().startsWith(QStringLiteral("Steel plates\n")));
    QCOMPARE(byUser.count(), 1);
    QCOMPARE(byUser.first().at(1).toString(), QStringLiteral("Plates"));

    // Undoable: Edit > Undo restores the old name everywhere a rename goes, Redo the new one.
    QUndoStack undo;
    QSignalSpy applied(&panel, &cada::ui::GroupsPanel::groupRenamed);
    undo.push(panel.renameCommand(0, QStringLiteral("Plates"), QStringLiteral("Steel plates")));
    QCOMPARE(applied.count(), 0); // the editor already applied it
    undo.undo();
    QCOMPARE(panel.groupNames().value(0), QStringLiteral("Plates"));
    QCOMPARE(applied.last().at(1).toString(), QStringLiteral("Plates"));
    QTRY_VERIFY(list->item(1)->text().startsWith(QStringLiteral("Plates\n")));
    undo.redo();
    QCOMPARE(panel.groupNames().value(0), QStringLiteral("Steel plates"));
    QCOMPARE(applied.count(), 2);

    // Persisted: a new panel for the same model file shows the new name.
    cada::ui::GroupsPanel again(&images, &thumbnails);
    again.setGroups(groups, QStringLiteral("/tmp/tst_group_rename_editor.cada"));
    QCOMPARE(again.groupNames().value(0), QStringLiteral("Steel plates"));
}

// A trained model names its groups "Group N"; the panel shows them in the UI language, while a
// name a user gave is shown as it is.
void TstGroupRenameEditor::defaultModelNamesAreTranslated()
{
    QTranslator de;
    QVERIFY(de.load(QStringLiteral(":/i18n/cada_de.qm")));
    QVERIFY(QCoreApplication::installTranslator(&de));
    cada::ui::ImageListModel images;
    cada::ui::ThumbnailLoader thumbnails(16);
    cada::ui::GroupsPanel panel(&images, &thumbnails);
    // The second is not this group's default name ("Group 2") but a user's.
    const auto groups = makeGroups({{"Group 1", 0}, {"Group 1", 0}});
    panel.setGroups(groups, QStringLiteral("/tmp/tst_group_default_names.cada"));
    QCoreApplication::removeTranslator(&de);
    QCOMPARE(panel.groupNames().value(0), QStringLiteral("Gruppe 1"));
    QCOMPARE(panel.groupNames().value(1), QStringLiteral("Group 1"));
}

QTEST_MAIN(TstGroupRenameEditor)
#include "tst_group_rename_editor.moc"
