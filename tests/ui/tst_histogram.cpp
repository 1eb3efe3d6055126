// HistogramPanel: per-group bin counts equal counts computed here; a click on a bin selects
// exactly that bin's images; false-reject rate; raw/aligned switch.
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>

#include "plots/HistogramPanel.h"
#include "plots/SummaryPanel.h"

#include <QTableWidget>
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
    void binsAdaptAndTheViewZoomsToTheThreshold();
    void summaryCountsEachGroup();
    void normalAndDefectiveApart();

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

// The demo's case: most scores in [0, 12], a few strong defects at 24-39. Automatic bins keep the
// bulk's shape (bins narrower than one unit), "Fit threshold" zooms to the bulk and the threshold
// without the far scores, "All scores" shows them again, a drag pans without listing a bin, and
// the raw view says why it has no threshold line.
void TstHistogram::binsAdaptAndTheViewZoomsToTheThreshold()
{
    QVector<double> values;
    ImageListModel model;
    QStringList paths;
    for (int i = 0; i < 205; ++i)
        paths << QStringLiteral("/x/%1.png").arg(i);
    model.setImages(paths);
    for (int i = 0; i < 205; ++i) {
        ScoredImage s;
        s.path = paths[i];
        s.group = i % 3;
        s.score = i < 200 ? 12.0 * ((i * 37) % 200) / 200.0 : 24.0 + 3.0 * (i - 200);
        s.rawScore = s.score;
        values << s.score;
        model.setResult(i, s);
    }
    const int bins = cada::ui::suggestedBins(values);
    QVERIFY2((values.last() - 0.0) / bins < 1.0, qPrintable(QString::number(bins)));
    HistogramPanel panel;
    panel.resize(900, 400);
    panel.setSource(&model);
    panel.setThreshold(9.0);
    panel.rebuildNow();
    QCOMPARE(panel.histogram().bins, bins);
    panel.fitThresholdRegion();
    const QCPRange fitted = panel.plot()->xAxis->range();
    QVERIFY(fitted.contains(9.0) && fitted.contains(0.5) && !fitted.contains(24.0));
    panel.rebuildNow(); // results streaming in keep the user's range
    QCOMPARE(panel.plot()->xAxis->range().upper, fitted.upper);
    panel.showAllScores();
    QVERIFY(panel.plot()->xAxis->range().contains(36.0));

    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.plot()->replot();
    QSignalSpy clicked(&panel, &HistogramPanel::binClicked);
    const int y = int(panel.plot()->yAxis->coordToPixel(0.5));
    const int x = int(panel.plot()->xAxis->coordToPixel(3.0));
    QTest::mousePress(panel.plot(), Qt::LeftButton, {}, QPoint(x, y));
    QTest::mouseMove(panel.plot(), QPoint(x + 60, y));
    QTest::mouseRelease(panel.plot(), Qt::LeftButton, {}, QPoint(x + 60, y));
    QCOMPARE(clicked.count(), 0);

    auto rawNoteVisible = [&panel] {
        for (int i = 0; i < panel.plot()->itemCount(); ++i)
            if (auto* text = qobject_cast<QCPItemText*>(panel.plot()->item(i)))
                return text->visible();
        return false;
    };
    QVERIFY(!rawNoteVisible());
    panel.setMode(HistogramPanel::Mode::Raw);
    QVERIFY(rawNoteVisible());
}

// The batch summary against counts made here: per group and in total, images, flagged (at the
// threshold), reviewed, unknown type, and the calibration normals' false-reject rate.
void TstHistogram::summaryCountsEachGroup()
{
    ImageListModel model;
    QStringList paths;
    for (int i = 0; i < 30; ++i)
        paths << QStringLiteral("/s/%1.png").arg(i);
    model.setImages(paths);
    for (int i = 0; i < 30; ++i) {
        ScoredImage s;
        s.path = paths[i];
        s.group = i % 3;
        s.score = i / 10.0; // 0.0 .. 2.9
        s.unknownType = i == 4;
        model.setResult(i, s);
    }
    model.setThreshold(1.5);
    model.setReview(7, cada::project::Decision::Ok, {}, QStringLiteral("a"), {});
    std::vector<cada::ImplicitGroup> groups(3);
    for (int g = 0; g < 3; ++g) {
        groups[g].id = g;
        groups[g].calibrationScores = {0.5, 1.0, 1.6, 2.0}; // half at or above 1.5
    }
    cada::ui::SummaryPanel panel(&model);
    panel.setGroups(groups);
    panel.refresh();
    QTableWidget* t = panel.table();
    QCOMPARE(t->rowCount(), 4);
    for (int g = 0; g < 3; ++g) {
        int images = 0, flagged = 0, reviewed = 0, unknown = 0;
        for (int i = 0; i < 30; ++i)
            if (i % 3 == g) {
                ++images;
                flagged += i == 4 || i / 10.0 >= 1.5; // an unknown type is always flagged
                reviewed += i == 7;
                unknown += i == 4;
            }
        QCOMPARE(t->item(g, cada::ui::SummaryPanel::Images)->text().toInt(), images);
        QCOMPARE(t->item(g, cada::ui::SummaryPanel::Flagged)->text().toInt(), flagged);
        QCOMPARE(t->item(g, cada::ui::SummaryPanel::Reviewed)->text().toInt(), reviewed);
        QCOMPARE(t->item(g, cada::ui::SummaryPanel::Unknown)->text().toInt(), unknown);
        QCOMPARE(t->item(g, cada::ui::SummaryPanel::FalseRejects)->text(),
                 QStringLiteral("50.0 %"));
    }
    QCOMPARE(t->item(3, cada::ui::SummaryPanel::Images)->text().toInt(), 30);
    QCOMPARE(t->item(3, cada::ui::SummaryPanel::Flagged)->text().toInt(), model.flaggedCount());
}

// By label: a review decision decides, else the layout's label; each label is one series.
void TstHistogram::normalAndDefectiveApart()
{
    ImageListModel model;
    QStringList paths;
    for (int i = 0; i < 20; ++i)
        paths << QStringLiteral("/l/%1.png").arg(i);
    model.setImages(paths);
    QVector<int> layout;
    for (int i = 0; i < 20; ++i) {
        ScoredImage s;
        s.path = paths[i];
        s.group = i % 2;
        s.score = i / 4.0;
        model.setResult(i, s);
        layout << (i < 8 ? 0 : i < 16 ? 1 : -1); // 8 normal, 8 anomalous, 4 unknown
    }
    model.setGroundTruth(layout);
    using cada::project::Decision;
    model.setReview(0, Decision::Defective, {}, QStringLiteral("a"), {}); // overrides "normal"
    model.setReview(9, Decision::Ok, {}, QStringLiteral("a"), {});        // overrides "anomalous"
    model.setReview(17, Decision::Unsure, {}, QStringLiteral("a"), {});
    HistogramPanel panel;
    panel.setSource(&model);
    panel.setColouring(HistogramPanel::Colouring::Labels);
    const Histogram& h = panel.histogram();
    using L = ImageListModel::Label;
    QCOMPARE(h.group(int(L::Normal))->total, 8);    // 7 by layout + 1 reviewed OK
    QCOMPARE(h.group(int(L::Defective))->total, 8); // 7 by layout + 1 reviewed defective
    QCOMPARE(h.group(int(L::Unsure))->total, 1);
    QCOMPARE(h.group(int(L::Unlabelled))->total, 3);
    const auto& defectiveBins = h.group(int(L::Defective))->rows;
    QVERIFY(std::any_of(defectiveBins.begin(), defectiveBins.end(),
                        [](const QList<int>& bin) { return bin.contains(0); }));
    QVERIFY(panel.legendText(int(L::Normal)).startsWith(QStringLiteral("Normal")));
    panel.setColouring(HistogramPanel::Colouring::Groups);
    QCOMPARE(panel.histogram().group(0)->total, 10);
    QCOMPARE(panel.histogram().group(1)->total, 10);
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
