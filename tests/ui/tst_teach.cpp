// Learning from review in the workstation: Teach as normal and Learn this type make a new model
// version from images reviewed OK, the batch is rescored and the effect shown before it is kept
// (the project then records the version per image) or the parent is restored; an image reviewed
// defective is never taught, far-above images need a confirmation, cancel writes nothing.
#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "ProjectStore.h"
#include "TinyModel.h"
#include "batch/ImageListModel.h"
#include "cada/model/Model.h"
#include "project/ProjectController.h"
#include "review/ReviewController.h"
#include "training/TeachController.h"
#include "window/MainWindow.h"
#include "window/PreferencesDialog.h"

using cada::project::Decision;
using cada::project::ProjectStore;
using cada::ui::MainWindow;
using cada::ui::TeachController;

namespace {

// A window with the tiny model, its test images scored, and a project of them.
bool openScoredProject(MainWindow& w, const cada::test::TinyModel& tiny, const QString& file)
{
    QSignalSpy finished(&w, &MainWindow::batchFinished);
    QSignalSpy loaded(&w, &MainWindow::modelLoaded);
    w.openModel(tiny.modelPath);
    if (!QTest::qWaitFor([&] { return !loaded.isEmpty(); }, 120000))
        return false;
    w.openFolder(tiny.dataDir);
    if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, 240000))
        return false;
    QSignalSpy opened(w.projects(), &cada::ui::ProjectController::projectOpened);
    w.projects()->newProject(file);
    return QTest::qWaitFor([&] { return !opened.isEmpty(); }, 120000) &&
           QTest::qWaitFor([&] { return !w.isRescoring(); }, 60000);
}

bool decide(MainWindow& w, int row, Decision d)
{
    return w.selectSourceRow(row) && w.review()->decide(d);
}

QStringList versionFiles(const QString& dir)
{
    return QDir(dir).entryList({QStringLiteral("*.v*.cada")}, QDir::Files);
}

} // namespace

class TstTeach : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        cada::ui::PreferencesDialog::setReviewerName(QStringLiteral("Ann"));
    }
    void teachFalseAlarmKeepThenReturn();
    void guardRailsAndCancel();
    void learnNewType();
    void workerFailureKeepsTheEngineMessage();
};

void TstTeach::teachFalseAlarmKeepThenReturn()
{
    QTemporaryDir dir;
    const auto tiny = cada::test::makeTinyModel(dir.path());
    MainWindow w;
    const QString file = dir.filePath(QStringLiteral("p.cadaproj"));
    QVERIFY(openScoredProject(w, tiny, file));
    auto* images = w.imageModel();
    // The highest-scoring normal: the false alarm a reviewer marks OK.
    int row = -1;
    for (int r = 0; r < images->rowCount(); ++r)
        if (images->path(r).contains(QStringLiteral("/good/")) &&
            (row < 0 || images->image(r).score > images->image(row).score))
            row = r;
    QVERIFY(row >= 0);
    const QString taught = images->path(row);
    const double before = images->image(row).rawScore;
    std::map<QString, double> scoresBefore;
    for (int r = 0; r < images->rowCount(); ++r)
        scoresBefore[images->path(r)] = images->image(r).score;
    QVERIFY(decide(w, row, Decision::Ok));

    TeachController* teach = w.teaching();
    teach->setConfirmation([](const QString&) { return true; });
    std::optional<TeachController::Effect> shown;
    teach->setDecision([&](const TeachController::Effect& e) {
        shown = e;
        return true;
    });
    QSignalSpy effect(teach, &TeachController::effectShown);
    QVERIFY(teach->teach({row}, cada::UpdateReason::FalseAlarms));
    QVERIFY(QTest::qWaitFor([&] { return !effect.isEmpty(); }, 240000));

    // A new version beside the parent, recording what was taught, by whom and from what.
    const QString v2 = dir.filePath(QStringLiteral("model.v2.cada"));
    QCOMPARE(w.modelPath(), QFileInfo(v2).absoluteFilePath());
    const auto model = cada::Model::load(v2.toStdString());
    QCOMPARE(model->info().version, 2);
    QCOMPARE(int(model->info().history.size()), 1);
    const auto& update = model->info().history.front();
    QCOMPARE(QString::fromStdString(update.added.at(0).path), taught);
    QCOMPARE(QString::fromStdString(update.reviewer), QStringLiteral("Ann"));
    QCOMPARE(QString::fromStdString(update.parentSha256), ProjectStore::fileSha256(tiny.modelPath));

    // The effect: every image counted before and after, and the threshold of each version.
    QVERIFY(shown.has_value());
    QCOMPARE(shown->version, 2);
    int imagesBefore = 0, imagesAfter = 0;
    for (const auto& [id, g] : shown->groups) {
        imagesBefore += g.imagesBefore;
        imagesAfter += g.imagesAfter;
    }
    QCOMPARE(imagesBefore, images->rowCount());
    QCOMPARE(imagesAfter, images->rowCount());
    QCOMPARE(shown->thresholdAfter, model->defaultThreshold(cada::Alignment::Cada));

    // Taught, the image's patches are among the model's normals: its distance to them falls.
    // (Its aligned score need not: with 4 normals per type here, one more moves the type's
    // calibration statistics too; tst_update checks the threshold on a larger set.)
    const int rowNow = images->rowOfImageId(images->imageId(row));
    QVERIFY2(
        images->image(rowNow).rawScore < before,
        qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(images->image(rowNow).rawScore)));
    // Kept: the project holds version 2's scores, each saying so.
    {
        auto store = ProjectStore::open(file);
        QCOMPARE(store->model().version, 2);
        QCOMPARE(store->model().sha256, ProjectStore::fileSha256(v2));
        for (const auto& rec : store->images()) {
            QCOMPARE(rec.modelVersion, 2);
            QCOMPARE(rec.score, images->image(images->rowOfImageId(rec.id)).score);
        }
        // The review decision survives the rescore.
        QCOMPARE(store->image(images->imageId(row)).decision, Decision::Ok);
    }

    // Return to version 1: its scores come back, exactly, in the window and the project.
    QSignalSpy returned(teach, &TeachController::returned);
    QVERIFY(teach->returnToPrevious());
    QVERIFY(QTest::qWaitFor([&] { return !returned.isEmpty(); }, 240000));
    QCOMPARE(w.modelPath(), QFileInfo(tiny.modelPath).absoluteFilePath());
    for (int r = 0; r < images->rowCount(); ++r)
        QCOMPARE(images->image(r).score, scoresBefore.at(images->path(r)));
    auto store = ProjectStore::open(file);
    QCOMPARE(store->model().version, 1);
    for (const auto& rec : store->images())
        QCOMPARE(rec.modelVersion, 1);
}

void TstTeach::guardRailsAndCancel()
{
    QTemporaryDir dir;
    const auto tiny = cada::test::makeTinyModel(dir.path());
    MainWindow w;
    QVERIFY(openScoredProject(w, tiny, dir.filePath(QStringLiteral("p.cadaproj"))));
    auto* images = w.imageModel();
    TeachController* teach = w.teaching();
    QStringList asked;
    teach->setConfirmation([&](const QString& q) {
        asked << q;
        return false;
    });
    // Defective images are refused before anything is asked; unreviewed ones are left out.
    QList<int> defects;
    for (int r = 0; r < images->rowCount() && defects.size() < 6; ++r)
        if (!images->path(r).contains(QStringLiteral("/good/")))
            defects << r;
    QVERIFY(decide(w, defects[0], Decision::Defective));
    QVERIFY(!teach->teach({defects[0], defects[1]}, cada::UpdateReason::FalseAlarms));
    QVERIFY(asked.isEmpty());
    const auto refused = teach->plan({defects[0], defects[1]});
    QCOMPARE(refused.defective, 1);
    QCOMPARE(refused.notOk, 1);
    QVERIFY(refused.rows.isEmpty());

    // Defects marked OK by mistake: those far above the threshold are named in the question.
    const double limit =
        cada::Model::farAboveLimit(w.model()->defaultThreshold(cada::Alignment::Cada));
    QList<int> ok = defects.mid(1), expectedFar;
    for (int r : ok) {
        QVERIFY(decide(w, r, Decision::Ok));
        if (!images->image(r).unknownType && images->image(r).score > limit)
            expectedFar << r;
    }
    const auto plan = teach->plan(ok);
    QCOMPARE(plan.rows, ok);
    QCOMPARE(plan.farAbove, expectedFar);
    QVERIFY(!teach->teach(ok, cada::UpdateReason::FalseAlarms)); // declined
    QCOMPARE(asked.size(), 1);
    for (int r : expectedFar)
        QVERIFY(asked.front().contains(QFileInfo(images->path(r)).fileName()));
    QVERIFY(versionFiles(dir.path()).isEmpty());

    // Cancelled at once: no new version, the model in use unchanged.
    teach->setConfirmation([](const QString&) { return true; });
    QSignalSpy notice(teach, &TeachController::notice);
    QVERIFY(teach->teach(ok, cada::UpdateReason::FalseAlarms));
    teach->cancel();
    QVERIFY(QTest::qWaitFor([&] { return !teach->isRunning(); }, 120000));
    QVERIFY(!notice.isEmpty());
    QVERIFY(notice.last().at(0).toString().contains(QStringLiteral("cancelled")));
    QVERIFY(versionFiles(dir.path()).isEmpty());
    QCOMPARE(w.modelPath(), QFileInfo(tiny.modelPath).absoluteFilePath());

    // A failure on the worker reaches the user with the engine's message, naming the file.
    const QString gone = QString::fromStdString(w.model()->calibration().front().path);
    QVERIFY(QFile::remove(gone));
    QSignalSpy failed(teach, &TeachController::failed);
    QVERIFY(teach->teach(ok, cada::UpdateReason::FalseAlarms));
    QVERIFY(QTest::qWaitFor([&] { return !failed.isEmpty(); }, 120000));
    QVERIFY2(failed.first().at(0).toString().contains(gone),
             qPrintable(failed.first().at(0).toString()));
    QVERIFY(versionFiles(dir.path()).isEmpty());
}

void TstTeach::learnNewType()
{
    QTemporaryDir dir;
    const auto tiny = cada::test::makeTinyModel(dir.path(), QStringLiteral("pcb"));
    MainWindow w;
    QVERIFY(openScoredProject(w, tiny, dir.filePath(QStringLiteral("p.cadaproj"))));
    auto* images = w.imageModel();
    TeachController* teach = w.teaching();
    // The left-out type is unknown to the model; a reviewer marks its normals OK.
    const QList<int> unknown = teach->unknownTypeRows();
    int pcb = 0, okMarked = 0;
    for (int r : unknown)
        pcb += images->path(r).contains(QStringLiteral("/pcb/"));
    QVERIFY2(pcb * 2 > unknown.size(), "most unknown-type images are of the left-out type");
    for (int r : unknown)
        if (images->path(r).contains(QStringLiteral("/pcb/test/good/"))) {
            QVERIFY(decide(w, r, Decision::Ok));
            ++okMarked;
        }
    QVERIFY(okMarked >= 2);
    const auto groupsBefore = w.model()->groups().size();
    teach->setConfirmation([](const QString&) { return true; });
    std::optional<TeachController::Effect> shown;
    teach->setDecision([&](const TeachController::Effect& e) {
        shown = e;
        return true;
    });
    QSignalSpy effect(teach, &TeachController::effectShown);
    QVERIFY(teach->teach(unknown, cada::UpdateReason::NewType));
    QVERIFY(QTest::qWaitFor([&] { return !effect.isEmpty(); }, 240000));
    const auto model = w.model();
    QCOMPARE(model->info().version, 2);
    QVERIFY(model->info().history.front().reason == cada::UpdateReason::NewType);
    QCOMPARE(int(model->info().history.front().added.size()), okMarked);
    // A new group for the new type; its normals are no longer of an unknown type.
    QCOMPARE(model->groups().size(), groupsBefore + 1);
    QVERIFY(shown.has_value());
    QVERIFY2(
        shown->unknownAfter < shown->unknownBefore,
        qPrintable(QStringLiteral("%1 -> %2").arg(shown->unknownBefore).arg(shown->unknownAfter)));
    const int newGroup = model->groups().back().id;
    QVERIFY(shown->groups.count(newGroup) == 1);
    QVERIFY(shown->groups.at(newGroup).imagesAfter > 0);
    QCOMPARE(shown->groups.at(newGroup).imagesBefore, 0);
}

// QtConcurrent hands a worker's cada::Error on wrapped ("std::exception"); the window shows the
// engine's own message, which names the file.
void TstTeach::workerFailureKeepsTheEngineMessage()
{
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("damaged.cada"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(512, 'x'));
    f.close();
    MainWindow w;
    QSignalSpy error(&w, &MainWindow::errorOccurred);
    w.openModel(bad);
    QVERIFY(QTest::qWaitFor([&] { return !error.isEmpty(); }, 60000));
    const QString message = error.first().at(0).toString();
    QVERIFY2(message.contains(bad) && !message.contains(QStringLiteral("std::exception")),
             qPrintable(message));
}

QTEST_MAIN(TstTeach)
#include "tst_teach.moc"
