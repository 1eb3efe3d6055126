// The review workflow and projects in the workstation: opening a project restores threshold,
// selection, group names and scores without a model file; keyboard review writes decisions that
// survive reopening; review filters and the review band; the evaluation panel shows the numbers
// of cada::project::evaluate / cada::metrics and its Best-F1 button sets that threshold;
// relocation of moved images; New project from a scored session.
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
#include "ReviewFixtures.h"
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
using namespace review_fixtures;

class TstReviewWorkflow : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        cada::ui::PreferencesDialog::setReviewerName(QStringLiteral("Ann"));
    }
    void openRestoresSessionWithoutModel();
    void selectionWritesAreDebounced();
    void keyboardReviewSurvivesReopen();
    void reviewFiltersCount();
    void reviewBandVerdictsAndQueue();
    void evaluationPanelMatchesMetrics();
    void relocatesMovedImages();
    void newProjectFromScoredSession();
};

void TstReviewWorkflow::openRestoresSessionWithoutModel()
{
    QTemporaryDir dir;
    const QString file = makeProject(dir.path(), 40);
    qint64 selectedId = -1;
    std::vector<ImageRecord> stored;
    {
        auto store = ProjectStore::open(file);
        stored = store->images();
        selectedId = stored[17].id;
        store->setSelectedImage(selectedId);
        store->setThreshold(0.73);
        store->setGroupName(2, QStringLiteral("Washers"));
        store->setReviewBand(0.4);
    }
    MainWindow w;
    QVERIFY(openIn(w, file));
    QVERIFY(!w.isScoring());
    QVERIFY(!w.model()); // the model file does not exist: nothing was rescored
    QCOMPARE(w.threshold(), 0.73);
    QCOMPARE(w.imageModel()->reviewBand(), std::optional<double>(0.4));
    QCOMPARE(w.imageModel()->groupName(0), QStringLiteral("Bolts"));
    QCOMPARE(w.imageModel()->groupName(2), QStringLiteral("Washers"));
    QCOMPARE(w.imageModel()->rowCount(), 40);
    QCOMPARE(w.imageModel()->imageId(w.currentSourceRow()), selectedId);
    for (const ImageRecord& r : stored) {
        const int row = w.imageModel()->rowOfImageId(r.id);
        QVERIFY(row >= 0);
        QCOMPARE(w.imageModel()->image(row).score, r.score);
        QCOMPARE(w.imageModel()->image(row).rawScore, r.rawScore);
        QCOMPARE(w.imageModel()->image(row).group, r.group);
        QCOMPARE(w.imageModel()->image(row).unknownType, r.unknownType);
    }
    // Threshold changes are written when committed, not per tick.
    const auto before = ProjectStore::open(file)->thresholdHistory().size();
    w.setThreshold(0.61);
    w.setThreshold(0.62);
    QCOMPARE(ProjectStore::open(file)->thresholdHistory().size(), before);
    emit w.thresholdControl()->thresholdCommitted(0.62);
    QCOMPARE(ProjectStore::open(file)->threshold(), 0.62);
    QCOMPARE(ProjectStore::open(file)->thresholdHistory().size(), before + 1);
}

// Stepping through images writes the selection once it settles (each write is a synchronous
// transaction), and closing the project writes a pending one.
void TstReviewWorkflow::selectionWritesAreDebounced()
{
    QTemporaryDir dir;
    const QString file = makeProject(dir.path(), 20);
    MainWindow w;
    QVERIFY(openIn(w, file));
    const qint64 before = ProjectStore::open(file)->session().selectedImageId;
    for (int row = 3; row <= 9; ++row)
        QVERIFY(w.selectRow(row));
    const qint64 last = w.imageModel()->imageId(w.currentSourceRow());
    QVERIFY(last != before);
    // No event loop has run yet: nothing was written.
    QCOMPARE(ProjectStore::open(file)->session().selectedImageId, before);
    QTRY_COMPARE(ProjectStore::open(file)->session().selectedImageId, last);

    QVERIFY(w.selectRow(12));
    const qint64 pending = w.imageModel()->imageId(w.currentSourceRow());
    w.projects()->closeProject();
    QCOMPARE(ProjectStore::open(file)->session().selectedImageId, pending);
}

void TstReviewWorkflow::keyboardReviewSurvivesReopen()
{
    QTemporaryDir dir;
    const QString file = makeProject(dir.path(), 30);
    QMap<qint64, Decision> expected;
    QString notedPath;
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(openIn(w, file));
        auto* table = w.tableView();
        table->setFocus();
        QVERIFY(w.selectRow(0));
        const struct {
            Qt::Key key;
            Decision decision;
        } steps[] = {{Qt::Key_D, Decision::Defective},
                     {Qt::Key_O, Decision::Ok},
                     {Qt::Key_U, Decision::Unsure}};
        for (const auto& step : steps) {
            const int row = w.currentSourceRow();
            QVERIFY(row >= 0);
            QCOMPARE(w.imageModel()->decision(row), Decision::None);
            QTest::keyClick(table, step.key);
            QCOMPARE(w.imageModel()->decision(row), step.decision);
            // Committed at once: another connection sees it.
            const ImageRecord rec = ProjectStore::open(file)->image(w.imageModel()->imageId(row));
            QCOMPARE(rec.decision, step.decision);
            QCOMPARE(rec.reviewer, QStringLiteral("Ann"));
            expected[rec.id] = step.decision;
            QTest::keyClick(table,
                            step.key == Qt::Key_O ? Qt::Key_J : Qt::Key_Space); // next unreviewed
            QVERIFY(w.currentSourceRow() != row);
        }
        // The note is saved when editing finishes.
        const int row = w.currentSourceRow();
        QLineEdit* note = w.imagePanel()->reviewBar()->noteEdit();
        note->setFocus();
        QTest::keyClicks(note, QStringLiteral("scratch near the edge"));
        QTest::keyClick(note, Qt::Key_Return);
        const ImageRecord rec = ProjectStore::open(file)->image(w.imageModel()->imageId(row));
        QCOMPARE(rec.note, QStringLiteral("scratch near the edge"));
        QCOMPARE(w.imageModel()->index(row, ImageListModel::NoteColumn).data().toString(),
                 rec.note);
        notedPath = rec.path;
        // Typing in the note field is not a decision.
        QCOMPARE(rec.decision, Decision::None);
        // Escape cancels an edit: the saved note comes back and nothing is written.
        note->setFocus();
        QTest::keyClicks(note, QStringLiteral(", half-typed"));
        QTest::keyClick(note, Qt::Key_Escape);
        QCOMPARE(note->text(), QStringLiteral("scratch near the edge"));
        QCOMPARE(ProjectStore::open(file)->image(w.imageModel()->imageId(row)).note,
                 QStringLiteral("scratch near the edge"));
    }
    MainWindow again;
    QVERIFY(openIn(again, file));
    auto* images = again.imageModel();
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const int row = images->rowOfImageId(it.key());
        QCOMPARE(images->decision(row), it.value());
        QCOMPARE(images->index(row, ImageListModel::DecisionColumn).data().toString(),
                 ImageListModel::decisionText(it.value()));
    }
    QCOMPARE(images->note(images->rowOfPath(notedPath)), QStringLiteral("scratch near the edge"));
}

void TstReviewWorkflow::reviewFiltersCount()
{
    QTemporaryDir dir;
    const QString file = makeProject(dir.path(), 60);
    const double threshold = 0.7;
    {
        auto store = ProjectStore::open(file);
        store->setThreshold(threshold);
        const auto images = store->images();
        for (std::size_t i = 0; i < images.size(); i += 4)
            store->recordDecision(images[i].id, i % 8 == 0 ? Decision::Ok : Decision::Defective, {},
                                  QStringLiteral("t"));
        store->recordDecision(images[1].id, Decision::Unsure, {}, QStringLiteral("t"));
    }
    const auto images = ProjectStore::open(file)->images();
    int unreviewed = 0, reviewed = 0, disagreements = 0, unknown = 0;
    for (const ImageRecord& r : images) {
        (r.decision == Decision::None ? unreviewed : reviewed) += 1;
        unknown += r.unknownType;
        // Verdict (unknown type is no claim) against decision.
        if (!r.unknownType) {
            const bool flagged = r.score >= threshold;
            disagreements += (flagged && r.decision == Decision::Ok) ||
                             (!flagged && r.decision == Decision::Defective);
        }
    }
    QVERIFY(disagreements > 0 && unknown > 0 && reviewed > 0);
    MainWindow w;
    QVERIFY(openIn(w, file));
    ImageFilterProxy* proxy = w.filterProxy();
    QCOMPARE(proxy->rowCount(), 60);
    proxy->setReviewFilter(ImageFilterProxy::Unreviewed);
    QCOMPARE(proxy->rowCount(), unreviewed);
    proxy->setReviewFilter(ImageFilterProxy::Reviewed);
    QCOMPARE(proxy->rowCount(), reviewed);
    proxy->setReviewFilter(ImageFilterProxy::Disagreements);
    QCOMPARE(proxy->rowCount(), disagreements);
    proxy->setReviewFilter(ImageFilterProxy::UnknownTypes);
    QCOMPARE(proxy->rowCount(), unknown);
    // A new decision moves an image between the filters at once.
    proxy->setReviewFilter(ImageFilterProxy::Unreviewed);
    QVERIFY(w.selectRow(0));
    QVERIFY(w.review()->decide(Decision::Ok));
    QCOMPARE(proxy->rowCount(), unreviewed - 1);
}

void TstReviewWorkflow::reviewBandVerdictsAndQueue()
{
    QTemporaryDir dir;
    const QString file = makeProject(dir.path(), 50);
    MainWindow w;
    QVERIFY(openIn(w, file));
    const double threshold = 0.8, lower = 0.55;
    w.setThreshold(threshold);
    w.setReviewBand(lower);
    auto* images = w.imageModel();
    int inBand = 0;
    for (int r = 0; r < images->rowCount(); ++r) {
        const auto& im = images->image(r);
        const ImageListModel::Verdict expected = im.unknownType ? ImageListModel::UnknownType
                                                 : im.score >= threshold ? ImageListModel::Defective
                                                 : im.score >= lower     ? ImageListModel::Review
                                                                         : ImageListModel::Ok;
        QCOMPARE(images->verdict(r), expected);
        inBand += expected == ImageListModel::Review;
    }
    QVERIFY(inBand >= 2);
    // The band is the default review queue: next unreviewed visits every band image first.
    QVERIFY(w.selectRow(0));
    QSet<int> visited;
    for (int k = 0; k < inBand; ++k) {
        QVERIFY(w.review()->nextUnreviewed());
        const int row = w.currentSourceRow();
        QCOMPARE(images->verdict(row), ImageListModel::Review);
        visited.insert(row);
        QVERIFY(w.review()->decide(Decision::Ok));
    }
    QCOMPARE(visited.size(), inBand);
    QVERIFY(w.review()->nextUnreviewed());
    QVERIFY(images->verdict(w.currentSourceRow()) != ImageListModel::Review);
    // Switching the band off restores the plain verdicts.
    w.setReviewBand(std::nullopt);
    for (int r = 0; r < images->rowCount(); ++r)
        QVERIFY(images->verdict(r) != ImageListModel::Review);
    // The band is stored with the project.
    w.projects()->setReviewBand(lower);
    QCOMPARE(ProjectStore::open(file)->session().reviewBandLower, std::optional<double>(lower));
}

void TstReviewWorkflow::evaluationPanelMatchesMetrics()
{
    QTemporaryDir dir;
    const QString file = makeProject(dir.path(), 90);
    MainWindow w;
    QVERIFY(openIn(w, file));
    auto* panel = w.evaluationPanel();
    QVERIFY(waitEvaluated(w));
    QCOMPARE(panel->groundTruth(), GroundTruth::Layout); // the project has layout labels

    const ProjectSnapshot snapshot = ProjectStore::open(file)->snapshot();
    std::vector<double> scores;
    std::vector<int> labels;
    for (const ImageRecord& r : snapshot.images) {
        scores.push_back(r.score);
        labels.push_back(r.groundTruth);
    }
    const Evaluation reference = evaluate(snapshot, w.threshold(), GroundTruth::Layout);
    const Evaluation& shown = panel->evaluation();
    const auto c = cada::metrics::confusionAt(scores, labels, w.threshold());
    QCOMPARE(shown.atThreshold.tp, c.tp);
    QCOMPARE(shown.atThreshold.fp, c.fp);
    QCOMPARE(shown.atThreshold.tn, c.tn);
    QCOMPARE(shown.atThreshold.fn, c.fn);
    QCOMPARE(shown.pooled.auroc, cada::metrics::auroc(scores, labels));
    QCOMPARE(shown.pooled.ap, cada::metrics::averagePrecision(scores, labels));
    QCOMPARE(shown.pooled.auroc, reference.pooled.auroc);
    QCOMPARE(shown.perGroup.size(), reference.perGroup.size());
    for (std::size_t g = 0; g < shown.perGroup.size(); ++g) {
        QCOMPARE(shown.perGroup[g].metrics.auroc, reference.perGroup[g].metrics.auroc);
        QCOMPARE(shown.perGroup[g].metrics.ap, reference.perGroup[g].metrics.ap);
        // The group's false alarms and caught defects at the threshold, counted here.
        int falseAlarms = 0, normals = 0, caught = 0, defective = 0;
        for (const ImageRecord& r : snapshot.images)
            if (r.group == shown.perGroup[g].group) {
                const bool flagged = r.score >= w.threshold();
                (r.groundTruth == 1 ? caught : falseAlarms) += flagged ? 1 : 0;
                (r.groundTruth == 1 ? defective : normals) += 1;
            }
        QCOMPARE(shown.perGroup[g].atThreshold.fp, falseAlarms);
        QCOMPARE(shown.perGroup[g].atThreshold.tp, caught);
        // The table shows them in the group's row (after the pooled and the mean rows).
        auto* table = panel->findChild<QTableWidget*>(QStringLiteral("groupsTable"));
        QVERIFY(table);
        const int row = 2 + int(g);
        QCOMPARE(table->item(row, 0)->text(), shown.perGroup[g].name);
        QCOMPARE(table->item(row, 3)->text(),
                 QStringLiteral("%1 / %2").arg(falseAlarms).arg(normals));
        QCOMPARE(table->item(row, 4)->text(), QStringLiteral("%1 / %2").arg(caught).arg(defective));
    }
    QCOMPARE(panel->figure(QStringLiteral("precision")), QString::number(c.precision(), 'f', 4));
    QCOMPARE(panel->figure(QStringLiteral("recall")), QString::number(c.recall(), 'f', 4));
    QCOMPARE(panel->figure(QStringLiteral("f1")), QString::number(c.f1(), 'f', 4));
    QCOMPARE(panel->figure(QStringLiteral("misses")), QString::number(c.fn));
    QCOMPARE(panel->figure(QStringLiteral("tp")), QString::number(c.tp));
    QCOMPARE(panel->figure(QStringLiteral("fp")), QString::number(c.fp));

    // Best F1 sets the threshold (and commits it to the project).
    const double best = cada::metrics::f1Max(scores, labels).threshold;
    auto* button = panel->findChild<QPushButton*>(QStringLiteral("bestF1"));
    QVERIFY(button && button->isEnabled());
    button->click();
    QCOMPARE(w.threshold(), best);
    QCOMPARE(ProjectStore::open(file)->threshold(), best);
    QVERIFY(waitEvaluated(w));
    const auto atBest = cada::metrics::confusionAt(scores, labels, best);
    QCOMPARE(panel->evaluation().atThreshold.tp, atBest.tp);
    QCOMPARE(panel->evaluation().atThreshold.fp, atBest.fp);

    // Target false-alarm rate: the panel's spin box is in percent.
    std::vector<double> normals;
    for (std::size_t i = 0; i < scores.size(); ++i)
        if (labels[i] == 0)
            normals.push_back(scores[i]);
    auto* rate = panel->findChild<QDoubleSpinBox*>();
    QVERIFY(rate);
    rate->setValue(10.0);
    panel->findChild<QPushButton*>(QStringLiteral("falseAlarmRate"))->click();
    QCOMPARE(w.threshold(), cada::metrics::thresholdForFalseAlarmRate(normals, 0.10));

    // Ground truth from review decisions: only decided images count.
    const auto rows = ProjectStore::open(file)->images();
    QVERIFY(w.selectSourceRow(w.imageModel()->rowOfImageId(rows[0].id)));
    QVERIFY(w.review()->decide(Decision::Defective));
    QVERIFY(w.selectSourceRow(w.imageModel()->rowOfImageId(rows[1].id)));
    QVERIFY(w.review()->decide(Decision::Ok));
    panel->setGroundTruth(GroundTruth::Review);
    QVERIFY(waitEvaluated(w));
    QCOMPARE(int(panel->evaluation().scores.size()), 2);
    QCOMPARE(panel->evaluation().pooled.auroc,
             cada::metrics::auroc({rows[0].score, rows[1].score}, {1, 0}));

    // Cost of one evaluation of 10,000 images (printed; the panel runs it on a worker anyway).
    ProjectSnapshot big;
    QRandomGenerator rng(3);
    for (int i = 0; i < 10000; ++i) {
        ImageRecord r;
        r.id = i;
        r.scored = true;
        r.score = rng.generateDouble();
        r.group = i % 8;
        r.groundTruth = i % 5 == 0;
        big.images.push_back(r);
    }
    QElapsedTimer timer;
    timer.start();
    const Evaluation e = evaluate(big, 0.5, GroundTruth::Layout);
    qInfo("evaluate() on 10,000 images: %lld ms", qint64(timer.elapsed()));
    QVERIFY(!e.empty());
}

void TstReviewWorkflow::relocatesMovedImages()
{
    QTemporaryDir dir;
    const QString file = makeProject(dir.path(), 12);
    QVERIFY(QDir().rename(dir.path() + QStringLiteral("/images"),
                          dir.path() + QStringLiteral("/moved")));
    MainWindow w;
    QString askedFor;
    w.projects()->setRelocationPrompt([&](const QString& oldRoot, const QStringList& missing) {
        askedFor = oldRoot;
        return missing.size() == 12 ? dir.path() + QStringLiteral("/moved") : QString();
    });
    QSignalSpy opened(w.projects(), &cada::ui::ProjectController::projectOpened);
    w.projects()->openProject(file);
    QVERIFY(QTest::qWaitFor([&] { return !opened.isEmpty(); }, 60000));
    QCOMPARE(askedFor, dir.path() + QStringLiteral("/images"));
    QVERIFY(ProjectStore::open(file)->missingImages().isEmpty());
    for (int r = 0; r < w.imageModel()->rowCount(); ++r)
        QVERIFY(w.imageModel()->path(r).startsWith(dir.path() + QStringLiteral("/moved/")));
}

void TstReviewWorkflow::newProjectFromScoredSession()
{
    QTemporaryDir dir;
    const auto tiny = cada::test::makeTinyModel(dir.path());
    MainWindow w;
    QSignalSpy finished(&w, &MainWindow::batchFinished);
    QSignalSpy loaded(&w, &MainWindow::modelLoaded);
    w.openModel(tiny.modelPath);
    QVERIFY(QTest::qWaitFor([&] { return !loaded.isEmpty(); }, 120000));
    w.openFolder(tiny.dataDir);
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 240000));
    QTRY_VERIFY_WITH_TIMEOUT(!w.isRescoring(), 60000);
    w.setThreshold(0.9);
    QVERIFY(w.selectRow(2));
    const QString selectedPath = w.imageModel()->path(w.currentSourceRow());

    const QString file = dir.path() + QStringLiteral("/session.cadaproj");
    QSignalSpy opened(w.projects(), &cada::ui::ProjectController::projectOpened);
    w.projects()->newProject(file);
    QVERIFY(QTest::qWaitFor([&] { return !opened.isEmpty(); }, 120000));
    QVERIFY(w.projects()->hasProject());

    auto store = ProjectStore::open(file);
    QCOMPARE(store->threshold(), 0.9);
    QCOMPARE(store->model().path, QFileInfo(tiny.modelPath).absoluteFilePath());
    QCOMPARE(store->model().sha256, ProjectStore::fileSha256(tiny.modelPath));
    QCOMPARE(QDir::cleanPath(store->image(store->session().selectedImageId).path),
             QDir::cleanPath(selectedPath));
    const auto records = store->images();
    QCOMPARE(int(records.size()), w.imageModel()->rowCount());
    int labelled = 0;
    for (const ImageRecord& r : records) {
        const int row = w.imageModel()->rowOfImageId(r.id);
        QVERIFY(row >= 0);
        QCOMPARE(r.score, w.imageModel()->image(row).score);
        QCOMPARE(r.group, w.imageModel()->image(row).group);
        QVERIFY(!r.sha256.isEmpty());
        labelled += r.groundTruth >= 0;
    }
    QCOMPARE(labelled, int(records.size())); // MVTec layout: every test image is labelled
    // Decisions go straight into the new project.
    QVERIFY(w.review()->decide(Decision::Defective));
    QCOMPARE(
        ProjectStore::open(file)->image(w.imageModel()->imageId(w.currentSourceRow())).decision,
        Decision::Defective);

    // Export report on a worker: CSV, JSON, PDF and overlays of the flagged images.
    const QString out = dir.path() + QStringLiteral("/report");
    QSignalSpy written(w.projects(), &cada::ui::ProjectController::reportWritten);
    w.projects()->exportReport(out);
    QVERIFY(w.projects()->isExporting());
    QVERIFY(QTest::qWaitFor([&] { return !written.isEmpty(); }, 240000));
    for (const char* name : {"report.csv", "report.json", "report.pdf"})
        QVERIFY2(QFileInfo::exists(out + QLatin1Char('/') + QLatin1String(name)), name);
}

QTEST_MAIN(TstReviewWorkflow)
#include "tst_review_workflow.moc"
