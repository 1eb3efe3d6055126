// ScoreWorker: results stream in order of completion on the GUI thread, match the synchronous
// core, per-image errors arrive as results, exactly one terminal signal, cancel works.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

#include "batch/ScoreWorker.h"
#include "TinyModel.h"

using cada::ui::ScoredImage;
using cada::ui::ScoreWorker;

class TstScoreWorker : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void streamsEveryResult();
    void cancelEndsWithOneTerminalSignal();
    void refusesSecondJob();

  private:
    QTemporaryDir m_dir;
    cada::test::TinyModel m_tiny;
    std::shared_ptr<cada::Model> m_model;
};

void TstScoreWorker::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_tiny = cada::test::makeTinyModel(m_dir.path());
    m_model = cada::Model::load(m_tiny.modelPath.toStdString(), "cpu");
    QVERIFY(m_tiny.testImages.size() >= 8);
}

void TstScoreWorker::streamsEveryResult()
{
    QStringList paths = m_tiny.testImages;
    paths.insert(2, m_dir.path() + QStringLiteral("/missing.png")); // one bad image must not abort
    ScoreWorker worker;
    QThread* guiThread = QThread::currentThread();
    QVector<ScoredImage> got(paths.size());
    QVector<int> seen(paths.size(), 0);
    bool terminalSeen = false, resultAfterTerminal = false;
    connect(&worker, &ScoreWorker::resultReady, this, [&](int i, const ScoredImage& r) {
        QCOMPARE(QThread::currentThread(), guiThread);
        resultAfterTerminal |= terminalSeen;
        got[i] = r;
        ++seen[i];
    });
    QSignalSpy finished(&worker, &ScoreWorker::finished);
    QSignalSpy failed(&worker, &ScoreWorker::failed);
    QSignalSpy progress(&worker, &ScoreWorker::progress);
    connect(&worker, &ScoreWorker::finished, this, [&] { terminalSeen = true; });
    QVERIFY(worker.start(m_model, paths));
    QVERIFY(worker.isRunning());
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 240000));
    QCOMPARE(failed.count(), 0);
    QVERIFY(!worker.isRunning());
    QVERIFY(!resultAfterTerminal);
    QVERIFY(progress.count() > 0);
    for (int i = 0; i < paths.size(); ++i)
        QCOMPARE(seen[i], 1);
    QVERIFY(!got[2].ok());
    QVERIFY(got[2].error.contains(QStringLiteral("missing.png")));

    // Same numbers as the synchronous core call.
    std::vector<std::filesystem::path> files;
    for (const QString& p : m_tiny.testImages)
        files.emplace_back(p.toStdString());
    cada::Progress p;
    const auto direct = m_model->score(files, {}, p);
    for (int i = 0, j = 0; i < paths.size(); ++i) {
        if (i == 2)
            continue;
        const auto& d = direct[std::size_t(j++)];
        QCOMPARE(got[i].path, QString::fromStdString(d.path.string()));
        // Batches differ (the bad image shifts them), so float reductions may differ in the last
        // bits.
        QVERIFY2(std::abs(got[i].score - d.score) <= 1e-4 * std::max(1.0, std::abs(d.score)),
                 qPrintable(QStringLiteral("%1 vs %2").arg(got[i].score).arg(d.score)));
        QVERIFY(std::abs(got[i].rawScore - d.rawScore) <=
                1e-4 * std::max(1.0, std::abs(d.rawScore)));
        QCOMPARE(got[i].group, d.group);
        QVERIFY(!got[i].alignedMap.empty());
        QCOMPARE(got[i].alignedMap.type(), CV_32F);
    }
}

void TstScoreWorker::cancelEndsWithOneTerminalSignal()
{
    QStringList many;
    for (int k = 0; k < 20; ++k)
        many += m_tiny.testImages;
    ScoreWorker worker;
    QSignalSpy finished(&worker, &ScoreWorker::finished);
    QSignalSpy cancelled(&worker, &ScoreWorker::cancelled);
    QSignalSpy failed(&worker, &ScoreWorker::failed);
    QSignalSpy results(&worker, &ScoreWorker::resultReady);
    QVERIFY(worker.start(m_model, many));
    worker.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count() + cancelled.count() + failed.count(), 1, 60000);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(cancelled.count(), 1);
    QVERIFY(results.count() < many.size());
    QVERIFY(!worker.isRunning());
    QTest::qWait(50);
    QCOMPARE(finished.count() + cancelled.count(), 1);
}

void TstScoreWorker::refusesSecondJob()
{
    ScoreWorker worker;
    QSignalSpy finished(&worker, &ScoreWorker::finished);
    QVERIFY(!worker.start(nullptr, m_tiny.testImages));
    QVERIFY(worker.start(m_model, m_tiny.testImages.mid(0, 2)));
    QVERIFY(!worker.start(m_model, m_tiny.testImages));
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 120000));
    QCOMPARE(finished.count(), 1);
}

QTEST_MAIN(TstScoreWorker)
#include "tst_scoreworker.moc"
