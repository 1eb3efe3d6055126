// HistogramPanel: per-group bin counts equal counts computed here; a click on a bin selects
// exactly that bin's images; false-reject rate; raw/aligned switch.
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>

#include "plots/HistogramPanel.h"
#include "batch/ImageListModel.h"

using namespace cada::ui;

class TstHistogram : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void binCountsPerGroup_data();
    void binCountsPerGroup();
    void clickSelectsBin();
    void falseRejectRate();

  private:
    QVector<ScoredImage> m_truth;
    ImageListModel m_model;
};

void TstHistogram::initTestCase()
{
    QRandomGenerator rng(7);
    QStringList paths;
    for (int i = 0; i < 3000; ++i) {
        ScoredImage s;
        s.path = QStringLiteral("/b/%1.png").arg(i);
        if (i % 300 == 0) {
            s.error = QStringLiteral("unreadable");
        } else {
            s.group = i % 4 == 3 ? -1 : i % 4;
            s.score = (s.group + 1) * 0.4 + rng.generateDouble();
            s.rawScore = std::exp(s.group + rng.generateDouble());
        }
        paths << s.path;
        m_truth << s;
    }
    m_model.setImages(paths);
    for (int i = 0; i < m_truth.size(); ++i)
        m_model.setResult(i, m_truth[i]);
}

void TstHistogram::binCountsPerGroup_data()
{
    QTest::addColumn<bool>("raw");
    QTest::newRow("aligned") << false;
    QTest::newRow("raw") << true;
}

void TstHistogram::binCountsPerGroup()
{
    QFETCH(bool, raw);
    HistogramPanel panel;
    panel.setSource(&m_model);
    panel.setThreshold(1.3);
    panel.setMode(raw ? HistogramPanel::Mode::Raw : HistogramPanel::Mode::Aligned);
    panel.setBinCount(25);
    const Histogram& h = panel.histogram();
    QCOMPARE(h.bins, 25);

    QMap<int, QVector<int>> expected;
    for (const auto& s : m_truth) {
        if (!s.ok())
            continue;
        const double v = raw ? s.rawScore : s.score;
        QVector<int>& counts = expected[s.group];
        if (counts.isEmpty())
            counts.fill(0, h.bins);
        const int bin = std::clamp(int(std::floor((v - h.low) / h.binWidth)), 0, h.bins - 1);
        ++counts[bin];
    }
    QCOMPARE(h.groups.size(), expected.size());
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const GroupHistogram* g = h.group(it.key());
        QVERIFY(g);
        QCOMPARE(g->counts, it.value());
        QCOMPARE(g->total, std::accumulate(it.value().begin(), it.value().end(), 0));
        QVERIFY(panel.legendText(it.key()).contains(QString::number(g->total)));
    }
    // Every value lies inside the plotted range (no clamping hides outliers).
    for (const auto& s : m_truth)
        if (s.ok()) {
            const double v = raw ? s.rawScore : s.score;
            QVERIFY(v >= h.low && v < h.low + h.bins * h.binWidth);
        }
    // One graph per group (no calibration shown).
    QCOMPARE(panel.plot()->graphCount(), int(expected.size()));
}

void TstHistogram::clickSelectsBin()
{
    HistogramPanel panel;
    panel.resize(800, 400);
    panel.setSource(&m_model);
    panel.setThreshold(0.0); // the lowest score: the draggable line is far from the clicked bin
    panel.setBinCount(20);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.plot()->replot();
    const Histogram& h = panel.histogram();
    const int bin = 7;
    QSignalSpy spy(&panel, &HistogramPanel::binClicked);
    const double centre = h.binLeft(bin) + h.binWidth / 2;
    const QPoint at(int(panel.plot()->xAxis->coordToPixel(centre)),
                    int(panel.plot()->yAxis->coordToPixel(1.0)));
    QTest::mouseClick(panel.plot(), Qt::LeftButton, {}, at);
    QCOMPARE(spy.count(), 1);
    QList<int> rows = spy.first().first().value<QList<int>>();
    QList<int> expected;
    for (int r = 0; r < m_truth.size(); ++r)
        if (m_truth[r].ok() && h.binOf(m_truth[r].score) == bin)
            expected << r;
    std::sort(rows.begin(), rows.end());
    QVERIFY(!expected.isEmpty());
    QCOMPARE(rows, expected);
}

void TstHistogram::falseRejectRate()
{
    const std::vector<double> normals{0.1, 0.5, 0.9, 1.0, 1.2};
    QCOMPARE(cada::ui::falseRejectRate(normals, 1.0), 0.4);
    QCOMPARE(cada::ui::falseRejectRate(normals, 2.0), 0.0);
    QVERIFY(std::isnan(cada::ui::falseRejectRate({}, 1.0)));

    HistogramPanel panel;
    panel.setSource(&m_model);
    cada::ImplicitGroup g;
    g.id = 0;
    g.calibrationScores = normals;
    g.calibrationRawScores = normals;
    panel.setGroups({g});
    panel.setThreshold(1.0);
    panel.setCalibrationVisible(true);
    QVERIFY2(panel.legendText(0).contains(QStringLiteral("40.0 %")),
             qPrintable(panel.legendText(0)));
}

QTEST_MAIN(TstHistogram)
#include "tst_histogram.moc"
