// The review keys and helpers of the workstation: undo and redo of decisions, the reviewer's name
// asked once, what an empty window says, the Help menu's shortcut list, filters that never leave
// the viewer on a hidden image, and the integrity check of the open project.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QMenuBar>
#include <QtTest>
#include "plots/EvaluationPanel.h"
#include "batch/ImageFilterProxy.h"
#include "batch/ImageListModel.h"
#include "heatmap/ImagePanel.h"
#include "heatmap/ImageView.h"
#include "window/HelpMenu.h"
#include "batch/ImageTableView.h"
#include "window/MainWindow.h"
#include "window/PreferencesDialog.h"
#include "project/ProjectController.h"
#include "ProjectEvaluation.h"
#include "ProjectStore.h"
#include "review/ReviewBar.h"
#include "review/ReviewController.h"
#include "plots/ThresholdControl.h"
#include "TinyModel.h"
#include "cada/metrics/Metrics.h"
using namespace cada::project;
using cada::ui::ImageFilterProxy;
using cada::ui::ImageListModel;
using cada::ui::MainWindow;

#include "ReviewFixtures.h"

using namespace review_fixtures;

class TstReviewKeys : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        cada::ui::PreferencesDialog::setReviewerName(QStringLiteral("Ann"));
    }
    void decisionsUndoAndRedo();
    void anEmptyWindowSaysWhatToDoFirst();
    void reviewerNameIsAskedOnce();
    void helpMenuListsTheShortcutsInForce();
    void filterNeverLeavesTheViewerOnAHiddenImage();
    void integrityCheckRunsOnTheOpenProject();
};

// Ctrl+Z takes a decision back (the project records the previous state again), Ctrl+Shift+Z
// makes it again, wherever the image's row is now.
void TstReviewKeys::decisionsUndoAndRedo()
{
    QTemporaryDir dir;
    const QString file = makeProject(dir.path(), 8);
    MainWindow w;
    QVERIFY(openIn(w, file));
    QVERIFY(w.selectRow(2));
    const int row = w.currentSourceRow();
    const qint64 id = w.imageModel()->imageId(row);
    QVERIFY(w.review()->decide(Decision::Defective));
    QVERIFY(w.review()->decide(Decision::Ok));
    QCOMPARE(w.imageModel()->decision(row), Decision::Ok);
    QAction* undo = nullptr;
    QAction* redo = nullptr;
    for (QAction* a : w.findChildren<QAction*>()) {
        if (a->shortcuts().contains(QKeySequence(QKeySequence::Undo)))
            undo = a;
        if (a->shortcuts().contains(QKeySequence(QStringLiteral("Ctrl+Shift+Z"))))
            redo = a;
    }
    QVERIFY(undo && redo);
    QVERIFY(w.selectRow(5)); // undo acts on the image decided, not on the current one
    undo->trigger();
    QCOMPARE(w.imageModel()->decision(row), Decision::Defective);
    undo->trigger();
    QCOMPARE(w.imageModel()->decision(row), Decision::None);
    QVERIFY(!undo->isEnabled());
    redo->trigger();
    QCOMPARE(w.imageModel()->decision(row), Decision::Defective);
    QCOMPARE(ProjectStore::open(file)->image(id).decision, Decision::Defective);
}

// Started empty, the window says to open or train a model and open a folder, and the threshold
// controls wait for scores; an opened project enables them.
void TstReviewKeys::anEmptyWindowSaysWhatToDoFirst()
{
    MainWindow w;
    QVERIFY2(w.imagePanel()->view()->placeholder().contains(QStringLiteral("open a model")),
             qPrintable(w.imagePanel()->view()->placeholder()));
    QVERIFY(!w.thresholdControl()->isEnabled());
    QTemporaryDir dir;
    QVERIFY(openIn(w, makeProject(dir.path(), 6)));
    QTRY_VERIFY(w.thresholdControl()->isEnabled());
}

// With no reviewer name set, the first decision asks for one (once), stores it in the
// preferences and records it; later decisions do not ask again.
void TstReviewKeys::reviewerNameIsAskedOnce()
{
    cada::ui::PreferencesDialog::setReviewerName(QString());
    QTemporaryDir dir;
    const QString file = makeProject(dir.path(), 6);
    MainWindow w;
    int asked = 0;
    w.projects()->setReviewerPrompt([&asked] {
        ++asked;
        return QStringLiteral("  Bea ");
    });
    QVERIFY(openIn(w, file));
    QVERIFY(w.selectRow(0));
    QVERIFY(w.review()->decide(Decision::Ok));
    QVERIFY(w.selectRow(1));
    QVERIFY(w.review()->decide(Decision::Defective));
    QCOMPARE(asked, 1);
    QCOMPARE(cada::ui::PreferencesDialog::reviewerName(), QStringLiteral("Bea"));
    for (const ImageRecord& r : ProjectStore::open(file)->images())
        if (r.decision != Decision::None)
            QCOMPARE(r.reviewer, QStringLiteral("Bea"));
    cada::ui::PreferencesDialog::setReviewerName(QStringLiteral("Ann"));
}

// Help lists the shortcuts the window really has (menus and buttons), and finds the docs.
void TstReviewKeys::helpMenuListsTheShortcutsInForce()
{
    MainWindow w;
    QStringList menus;
    for (QAction* a : w.menuBar()->actions())
        menus << a->text();
    QCOMPARE(menus.last(), QStringLiteral("&Help"));
    const QStringList keys = cada::ui::shortcutList(&w);
    const auto has = [&keys](const QString& key, const QString& what) {
        for (const QString& line : keys)
            if (line.startsWith(key + QLatin1Char('\t')) && line.contains(what))
                return true;
        return false;
    };
    QVERIFY2(has(QStringLiteral("N, PgDown"), QStringLiteral("Next image")),
             qPrintable(keys.join('|')));
    QVERIFY2(has(QStringLiteral("H"), QStringLiteral("heatmap")), qPrintable(keys.join('|')));
    QVERIFY2(has(QStringLiteral("O"), QStringLiteral("OK")), qPrintable(keys.join('|')));
    QVERIFY(QFileInfo::exists(cada::ui::documentationFolder() + QStringLiteral("/method.md")));
}

// Typing a name filter that hides the current image moves the selection (and the viewer) to an
// image the filter shows; a filter that shows nothing clears the viewer.
void TstReviewKeys::filterNeverLeavesTheViewerOnAHiddenImage()
{
    QTemporaryDir dir;
    const QString file = makeProject(dir.path(), 30);
    MainWindow w;
    QVERIFY(openIn(w, file));
    QVERIFY(w.selectSourceRow(
        w.imageModel()->rowOfPath(QStringLiteral("%1/images/img00003.png").arg(dir.path()))));
    w.filterProxy()->setNameFilter(QStringLiteral("img0001"));
    QTRY_VERIFY(w.currentSourceRow() >= 0);
    const QString shown = w.imageModel()->path(w.currentSourceRow());
    QVERIFY2(QFileInfo(shown).fileName().startsWith(QStringLiteral("img0001")), qPrintable(shown));
    QCOMPARE(w.imagePanel()->view()->path(), shown);
    w.filterProxy()->setNameFilter(QStringLiteral("no such image"));
    QTRY_COMPARE(w.imagePanel()->view()->path(), QString());
}

// File > Check project integrity runs off the GUI thread on the open project and reports a sound
// file as sound; it is disabled without a project.
void TstReviewKeys::integrityCheckRunsOnTheOpenProject()
{
    QTemporaryDir dir;
    const QString file = makeProject(dir.path(), 12);
    MainWindow w;
    QAction* check = nullptr;
    for (QAction* a : w.findChildren<QAction*>())
        if (a->text().remove('&') == QStringLiteral("Check project integrity"))
            check = a;
    QVERIFY(check);
    QVERIFY(!check->isEnabled());
    QVERIFY(openIn(w, file));
    QVERIFY(check->isEnabled());
    QSignalSpy checked(w.projects(), &cada::ui::ProjectController::integrityChecked);
    check->trigger();
    QVERIFY(QTest::qWaitFor([&] { return !checked.isEmpty(); }, 60000));
    QCOMPARE(checked.first().at(0).toString(), QFileInfo(file).absoluteFilePath());
    QCOMPARE(checked.first().at(1).toStringList(), QStringList());
    QTRY_VERIFY(check->isEnabled());
}

QTEST_MAIN(TstReviewKeys)
#include "tst_review_keys.moc"
