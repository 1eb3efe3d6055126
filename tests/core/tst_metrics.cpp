// Metrics of the anomaly-detection protocol: every expected value is computed independently
// (by hand, by the pairwise definition, by brute force, or by the reference AUPRO beside this
// test), never taken from the implementation under test.
#include "MetricsChecks.h"

#include "cada/Error.h"
#include "cada/metrics/Clustering.h"
#include "cada/metrics/Metrics.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <QObject>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace cada::metrics;

namespace {

// sum (R_n - R_{n-1}) P_n with P and R counted directly at every distinct threshold.
double bruteForceAveragePrecision(const std::vector<double>& scores, const std::vector<int>& labels)
{
    std::vector<double> thresholds = scores;
    std::sort(thresholds.begin(), thresholds.end(), std::greater<double>());
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
    int positives = 0;
    for (int l : labels)
        positives += l;
    double ap = 0, previousRecall = 0;
    for (double t : thresholds) {
        int tp = 0, predicted = 0;
        for (std::size_t i = 0; i < scores.size(); ++i) {
            if (scores[i] >= t) {
                ++predicted;
                tp += labels[i];
            }
        }
        const double recall = double(tp) / positives;
        ap += (recall - previousRecall) * double(tp) / predicted;
        previousRecall = recall;
    }
    return ap;
}

// Random scores drawn from only a few values, so that most samples tie with others.
void randomTieHeavy(std::mt19937& rng, std::vector<double>& scores, std::vector<int>& labels)
{
    std::uniform_int_distribution<int> size(2, 60), value(0, 4), label(0, 1);
    const int n = size(rng);
    scores.assign(std::size_t(n), 0);
    labels.assign(std::size_t(n), 0);
    for (int i = 0; i < n; ++i) {
        scores[std::size_t(i)] = value(rng) * 0.25;
        labels[std::size_t(i)] = label(rng);
    }
    labels[0] = 0; // both classes present
    labels[1] = 1;
}

// The Rand index adjusted for chance from its combinatorial definition (Hubert & Arabie 1985):
// (Index - Expected) / (Max - Expected) with C(n, 2) pair counts over the contingency table.
double combinatorialAri(const std::vector<int>& a, const std::vector<int>& b)
{
    std::map<int, std::map<int, double>> table;
    std::map<int, double> rows, columns;
    for (std::size_t i = 0; i < a.size(); ++i) {
        table[a[i]][b[i]] += 1;
        rows[a[i]] += 1;
        columns[b[i]] += 1;
    }
    auto choose2 = [](double m) { return m * (m - 1) / 2; };
    double index = 0, sumRows = 0, sumColumns = 0;
    for (const auto& row : table)
        for (const auto& cell : row.second)
            index += choose2(cell.second);
    for (const auto& row : rows)
        sumRows += choose2(row.second);
    for (const auto& column : columns)
        sumColumns += choose2(column.second);
    const double expected = sumRows * sumColumns / choose2(double(a.size()));
    const double maximum = 0.5 * (sumRows + sumColumns);
    return (index - expected) / (maximum - expected);
}

} // namespace

class TestMetrics : public QObject {
    Q_OBJECT

  private slots:
    void aurocHandCases();
    void aurocEqualsPairwiseOnTieHeavyVectors();
    void rocCurveMatchesSklearnExample();
    void averagePrecisionHandCases();
    void averagePrecisionMatchesBruteForce();
    void prCurveMatchesSklearnExample();
    void f1MaxSmallCases();
    void confusionAtSmallCase();
    void thresholdForFalseAlarmRateCases();
    void equalisedNormalsAurocHandCase();
    void imageMetricsAndOneClassNaN();
    void imageLevelErrors();
    void adjustedRandIndexCases();
    void adjustedRandIndexMatchesCombinatorialDefinition();
};

void TestMetrics::aurocHandCases()
{
    // Pairs (pos, neg): (0.35, 0.1) win, (0.35, 0.4) loss, (0.8, 0.1) win, (0.8, 0.4) win: 3/4.
    VERIFY_NEAR(auroc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.75, 1e-15);
    // Positives {1, 1, 0}, negatives {1, 0}. Pairs: (1,1) tie 0.5, (1,0) win 1, twice over,
    // (0,1) loss 0, (0,0) tie 0.5: (0.5 + 1 + 0.5 + 1 + 0 + 0.5) / 6 = 3.5 / 6 = 7/12.
    // Trapezoid over (0,0), (1/2, 2/3), (1, 1) gives 1/6 + 5/12 = 7/12 too.
    VERIFY_NEAR(auroc({1, 1, 1, 0, 0}, {1, 0, 1, 0, 1}), 7.0 / 12.0, 1e-15);
    // All scores equal: every pair ties, 0.5.
    VERIFY_NEAR(auroc({2, 2, 2, 2}, {0, 1, 0, 1}), 0.5, 1e-15);
    // Perfectly inverted ranking.
    VERIFY_NEAR(auroc({3, 4, 1, 2}, {0, 0, 1, 1}), 0.0, 1e-15);
}

void TestMetrics::aurocEqualsPairwiseOnTieHeavyVectors()
{
    std::mt19937 rng(12345);
    std::vector<double> scores;
    std::vector<int> labels;
    for (int trial = 0; trial < 500; ++trial) {
        randomTieHeavy(rng, scores, labels);
        VERIFY_NEAR(auroc(scores, labels), pairwiseAuroc(scores, labels), 1e-12);
        // The trapezoid over the returned curve must agree as well.
        const RocCurve roc = rocCurve(scores, labels);
        double area = 0;
        for (std::size_t k = 1; k < roc.fpr.size(); ++k)
            area += (roc.fpr[k] - roc.fpr[k - 1]) * 0.5 * (roc.tpr[k] + roc.tpr[k - 1]);
        VERIFY_NEAR(area, pairwiseAuroc(scores, labels), 1e-12);
    }
}

void TestMetrics::rocCurveMatchesSklearnExample()
{
    // sklearn roc_curve docs: y = [1, 1, 2, 2] (pos_label 2), scores [0.1, 0.4, 0.35, 0.8].
    const RocCurve roc = rocCurve({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1});
    const std::vector<double> fpr{0, 0, 0.5, 0.5, 1}, tpr{0, 0.5, 0.5, 1, 1};
    const std::vector<double> thresholds{std::numeric_limits<double>::infinity(), 0.8, 0.4, 0.35,
                                         0.1};
    QCOMPARE(roc.fpr, fpr);
    QCOMPARE(roc.tpr, tpr);
    QCOMPARE(roc.thresholds, thresholds);
    // Ties share one point.
    const RocCurve tied = rocCurve({1, 1, 1, 0, 0}, {1, 0, 1, 0, 1});
    QCOMPARE(tied.thresholds.size(), std::size_t(3));
    VERIFY_NEAR(tied.fpr[1], 0.5, 1e-15);
    VERIFY_NEAR(tied.tpr[1], 2.0 / 3.0, 1e-15);
}

void TestMetrics::averagePrecisionHandCases()
{
    // sklearn docs: thresholds 0.8 (P 1, R 0.5), 0.4 (P 0.5, R 0.5), 0.35 (P 2/3, R 1),
    // 0.1 (P 0.5, R 1): AP = 0.5 * 1 + 0 + 0.5 * 2/3 + 0 = 5/6.
    VERIFY_NEAR(averagePrecision({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 5.0 / 6.0, 1e-15);
    // Tie case: threshold 1 flags three samples, two anomalous: P 2/3, R 2/3; threshold 0 flags
    // all: P 3/5, R 1. AP = 2/3 * 2/3 + 1/3 * 3/5 = 4/9 + 1/5 = 29/45.
    VERIFY_NEAR(averagePrecision({1, 1, 1, 0, 0}, {1, 0, 1, 0, 1}), 29.0 / 45.0, 1e-15);
    // No normal sample: precision is 1 everywhere.
    VERIFY_NEAR(averagePrecision({0.2, 0.7}, {1, 1}), 1.0, 1e-15);
}

void TestMetrics::averagePrecisionMatchesBruteForce()
{
    std::mt19937 rng(777);
    std::vector<double> scores;
    std::vector<int> labels;
    for (int trial = 0; trial < 300; ++trial) {
        randomTieHeavy(rng, scores, labels);
        VERIFY_NEAR(averagePrecision(scores, labels), bruteForceAveragePrecision(scores, labels),
                    1e-12);
    }
}

void TestMetrics::prCurveMatchesSklearnExample()
{
    // sklearn precision_recall_curve docs (full curve, increasing thresholds).
    const PrCurve pr = prCurve({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1});
    const std::vector<double> thresholds{0.1, 0.35, 0.4, 0.8};
    const std::vector<double> recall{1, 1, 0.5, 0.5, 0};
    const std::vector<double> precision{0.5, 2.0 / 3.0, 0.5, 1, 1};
    QCOMPARE(pr.thresholds, thresholds);
    QCOMPARE(pr.recall, recall);
    QCOMPARE(pr.precision.size(), precision.size());
    for (std::size_t i = 0; i < precision.size(); ++i)
        VERIFY_NEAR(pr.precision[i], precision[i], 1e-15);
}

void TestMetrics::f1MaxSmallCases()
{
    // F1 at 0.8: 2/3, at 0.4: 1/2, at 0.35: 2 * (2/3) * 1 / (2/3 + 1) = 0.8, at 0.1: 2/3.
    const F1Max best = f1Max({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1});
    VERIFY_NEAR(best.f1, 0.8, 1e-15);
    QCOMPARE(best.threshold, 0.35);
    VERIFY_NEAR(best.precision, 2.0 / 3.0, 1e-15);
    VERIFY_NEAR(best.recall, 1.0, 1e-15);
    // Ties in F1: thresholds 4 (P 1, R 1/2) and 1 (P 1/2, R 1) both give 2/3; the lowest wins.
    const F1Max tie = f1Max({4, 3, 2, 1}, {1, 0, 0, 1});
    VERIFY_NEAR(tie.f1, 2.0 / 3.0, 1e-15);
    QCOMPARE(tie.threshold, 1.0);
    VERIFY_NEAR(tie.precision, 0.5, 1e-15);
    VERIFY_NEAR(tie.recall, 1.0, 1e-15);
    // Tied scores are never split: at threshold 1 both tied samples count.
    const F1Max grouped = f1Max({1, 1, 0}, {1, 0, 0});
    VERIFY_NEAR(grouped.f1, 2.0 / 3.0, 1e-15); // P 1/2, R 1
    QCOMPARE(grouped.threshold, 1.0);
}

void TestMetrics::confusionAtSmallCase()
{
    // >= 0.35 flags 0.4 (normal), 0.35 and 0.8 (anomalous); 0.1 stays normal.
    const Confusion c = confusionAt({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}, 0.35);
    QCOMPARE(c.tp, 2);
    QCOMPARE(c.fp, 1);
    QCOMPARE(c.tn, 1);
    QCOMPARE(c.fn, 0);
    VERIFY_NEAR(c.precision(), 2.0 / 3.0, 1e-15);
    VERIFY_NEAR(c.recall(), 1.0, 1e-15);
    VERIFY_NEAR(c.f1(), 0.8, 1e-15);
    VERIFY_NEAR(c.falseAlarmRate(), 0.5, 1e-15);
    // Nothing flagged: zero-division ratios are 0, not NaN.
    const Confusion none = confusionAt({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}, 5.0);
    QCOMPARE(none.tp + none.fp, 0);
    QCOMPARE(none.precision(), 0.0);
    QCOMPARE(none.f1(), 0.0);
    QCOMPARE(none.fn, 2);
    // One class only is accepted.
    const Confusion normalsOnly = confusionAt({1, 2, 3}, {0, 0, 0}, 2);
    QCOMPARE(normalsOnly.fp, 2);
    QCOMPARE(normalsOnly.recall(), 0.0);
    VERIFY_NEAR(normalsOnly.falseAlarmRate(), 2.0 / 3.0, 1e-15);
}

void TestMetrics::equalisedNormalsAurocHandCase()
{
    // Group 0: normals {1, 2}, defect 3. Group 1: normals {10, 20}, defects 15 and 10. Group 2
    // has a defect but no normal, so it is left out. Mid-rank ECDFs of each group's normals:
    // 1 -> 0.25, 2 -> 0.75, 3 -> 1; 10 -> 0.25, 20 -> 0.75, 15 -> 0.5, defect 10 -> 0.25.
    // Pairs (defect, normal) over the normals {0.25, 0.75, 0.25, 0.75}: 1 wins 4; 0.5 wins 2;
    // 0.25 ties 2 (1) and loses 2: (4 + 2 + 1) / 12.
    const std::vector<double> scores{1, 2, 3, 10, 20, 15, 10, 100};
    const std::vector<int> labels{0, 0, 1, 0, 0, 1, 1, 1};
    const std::vector<int> groups{0, 0, 0, 1, 1, 1, 1, 2};
    VERIFY_NEAR(equalisedNormalsAuroc(scores, labels, groups), 7.0 / 12.0, 1e-15);
    // The raw scores rank differently: without group 2, 3 beats 1 and 2; 15 beats 1, 2, 10;
    // 10 beats 1, 2 and ties 10: (2 + 3 + 2.5) / 12.
    VERIFY_NEAR(auroc({1, 2, 3, 10, 20, 15, 10}, {0, 0, 1, 0, 0, 1, 1}), 7.5 / 12.0, 1e-15);
    // A monotone change of one group's scores does not move it.
    VERIFY_NEAR(equalisedNormalsAuroc({1, 2, 3, 1e3, 2e3, 1.5e3, 1e3, 100}, labels, groups),
                7.0 / 12.0, 1e-15);
    QVERIFY(throwsCadaErrorContaining(
        [&] {
            equalisedNormalsAuroc(scores, labels, {0, 1});
        },
        "every score needs its group"));
    // With the same number of normals in every group (and no ties among them) it is the mean of
    // the groups' own AUROCs weighted by their defects: 4 groups, 10 normals each, 3-12 defects.
    std::mt19937 rng(7);
    std::vector<double> s;
    std::vector<int> l, g;
    double weighted = 0;
    int defects = 0;
    for (int group = 0; group < 4; ++group) {
        std::normal_distribution<double> normal(group * 3.0, 1.0 + group),
            defect(group * 3.0 + 1.5, 1.0 + group);
        std::vector<double> gs;
        std::vector<int> gl;
        const int d = 3 + 3 * group;
        for (int k = 0; k < 10 + d; ++k) {
            gs.push_back(k < 10 ? normal(rng) : defect(rng));
            gl.push_back(k < 10 ? 0 : 1);
        }
        weighted += d * auroc(gs, gl);
        defects += d;
        s.insert(s.end(), gs.begin(), gs.end());
        l.insert(l.end(), gl.begin(), gl.end());
        g.insert(g.end(), gs.size(), group);
    }
    VERIFY_NEAR(equalisedNormalsAuroc(s, l, g), weighted / defects, 1e-12);
    // Only group 2 holds defects and it has no normals: nothing anomalous is left to rank.
    QVERIFY(throwsCadaErrorContaining(
        [&] {
            equalisedNormalsAuroc({1, 2, 3}, {0, 0, 1}, {0, 0, 2});
        },
        "AUROC"));
}

void TestMetrics::thresholdForFalseAlarmRateCases()
{
    const std::vector<double> normals{0.5, 0.1, 0.9, 0.3, 1.0, 0.2, 0.7, 0.4, 0.8, 0.6};
    auto flaggedFraction = [&](double t) {
        int flagged = 0;
        for (double s : normals)
            flagged += s >= t;
        return double(flagged) / double(normals.size());
    };
    // 20 % of 10: two may be flagged (0.9, 1.0); the threshold sits just above 0.8.
    const double t20 = thresholdForFalseAlarmRate(normals, 0.2);
    QVERIFY(t20 > 0.8 && t20 <= 0.9);
    QCOMPARE(t20, std::nextafter(0.8, 2.0));
    QCOMPARE(flaggedFraction(t20), 0.2);
    QVERIFY(flaggedFraction(std::nextafter(t20, 0.0)) > 0.2); // smallest such threshold
    // Rate 0: just above the largest normal score.
    QCOMPARE(thresholdForFalseAlarmRate(normals, 0.0), std::nextafter(1.0, 2.0));
    // 25 % of 10 = 2.5: still two.
    QCOMPARE(thresholdForFalseAlarmRate(normals, 0.25), std::nextafter(0.8, 2.0));
    // 0.3 * 10 is 3.0000000000000004 and 0.29 * 100 is 28.999999999999996 in doubles.
    QCOMPARE(thresholdForFalseAlarmRate(normals, 0.3), std::nextafter(0.7, 2.0));
    std::vector<double> hundred;
    for (int i = 1; i <= 100; ++i)
        hundred.push_back(i);
    QCOMPARE(thresholdForFalseAlarmRate(hundred, 0.29), std::nextafter(71.0, 200.0));
    // Ties are not split: half of [1, 1, 1, 0] would be 2, but flagging any 1 flags three.
    const double tied = thresholdForFalseAlarmRate({1, 1, 1, 0}, 0.5);
    QCOMPARE(tied, std::nextafter(1.0, 2.0));
    // Invalid rates.
    QVERIFY(throwsCadaErrorContaining([&] { thresholdForFalseAlarmRate(normals, 1.0); }, "rate"));
    QVERIFY(throwsCadaErrorContaining([&] { thresholdForFalseAlarmRate(normals, -0.1); }, "rate"));
    QVERIFY(throwsCadaErrorContaining([&] { thresholdForFalseAlarmRate({}, 0.1); }, "normal"));
}

void TestMetrics::imageMetricsAndOneClassNaN()
{
    const ImageMetrics m = imageMetrics({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1});
    VERIFY_NEAR(m.auroc, 0.75, 1e-15);
    VERIFY_NEAR(m.ap, 5.0 / 6.0, 1e-15);
    VERIFY_NEAR(m.f1max, 0.8, 1e-15);
    const ImageMetrics normalsOnly = imageMetrics({0.1, 0.4}, {0, 0});
    QVERIFY(std::isnan(normalsOnly.auroc) && std::isnan(normalsOnly.ap) &&
            std::isnan(normalsOnly.f1max));
    const ImageMetrics defectsOnly = imageMetrics({0.1, 0.4}, {1, 1});
    QVERIFY(std::isnan(defectsOnly.auroc) && std::isnan(defectsOnly.ap) &&
            std::isnan(defectsOnly.f1max));
    // Malformed input still throws.
    QVERIFY(throwsCadaErrorContaining([] { imageMetrics({0.1, 0.4}, {0}); }, "2 scores"));
}

void TestMetrics::imageLevelErrors()
{
    QVERIFY(throwsCadaErrorContaining([] { auroc({0.1, 0.2, 0.3}, {0, 1}); }, "3 scores but 2"));
    QVERIFY(throwsCadaErrorContaining([] { averagePrecision({0.1}, {0, 1}); }, "labels"));
    QVERIFY(throwsCadaErrorContaining([] { confusionAt({0.1}, {0, 1}, 0.5); }, "labels"));
    QVERIFY(throwsCadaErrorContaining([] { auroc({0.1, 0.2}, {0, 2}); }, "label 1 is 2"));
    QVERIFY(throwsCadaErrorContaining(
        [] {
            auroc({0.1, std::numeric_limits<double>::quiet_NaN()}, {0, 1});
        },
        "NaN"));
    QVERIFY(throwsCadaErrorContaining([] { auroc({}, {}); }, "no samples"));
    // Missing classes, with the counts in the message.
    QVERIFY(throwsCadaErrorContaining(
        [] {
            auroc({0.1, 0.2}, {0, 0});
        },
        "found 2 normal and 0 anomalous"));
    QVERIFY(throwsCadaErrorContaining(
        [] {
            rocCurve({0.1, 0.2}, {1, 1});
        },
        "found 0 normal and 2 anomalous"));
    QVERIFY(throwsCadaErrorContaining([] { averagePrecision({0.1, 0.2}, {0, 0}); }, "anomalous"));
    QVERIFY(throwsCadaErrorContaining([] { f1Max({0.1, 0.2}, {0, 0}); }, "anomalous"));
    QVERIFY(throwsCadaErrorContaining([] { prCurve({0.1, 0.2}, {0, 0}); }, "anomalous"));
}

void TestMetrics::adjustedRandIndexCases()
{
    // sklearn docs.
    VERIFY_NEAR(adjustedRandIndex({0, 0, 1, 1}, {0, 0, 1, 2}), 0.5714285714285714, 1e-12);
    VERIFY_NEAR(adjustedRandIndex({0, 0, 1, 1}, {0, 1, 0, 1}), -0.5, 1e-12);
    VERIFY_NEAR(adjustedRandIndex({0, 0, 1, 1}, {1, 1, 0, 0}), 1.0, 1e-15);
    VERIFY_NEAR(adjustedRandIndex({0, 0, 1, 2}, {0, 0, 1, 1}), 0.5714285714285714, 1e-12);
    VERIFY_NEAR(adjustedRandIndex({0, 0, 0, 0}, {0, 1, 2, 3}), 0.0, 1e-15);
    // Identical partitions under arbitrary relabelling, negative labels included.
    VERIFY_NEAR(adjustedRandIndex({3, 3, 7, -1, 7, 3}, {10, 10, -5, 4, -5, 10}), 1.0, 1e-15);
    // Special cases sklearn defines as 1.
    VERIFY_NEAR(adjustedRandIndex({}, {}), 1.0, 1e-15);
    VERIFY_NEAR(adjustedRandIndex({5}, {2}), 1.0, 1e-15);
    VERIFY_NEAR(adjustedRandIndex({1, 1, 1}, {4, 4, 4}), 1.0, 1e-15);
    VERIFY_NEAR(adjustedRandIndex({0, 1, 2}, {2, 0, 1}), 1.0, 1e-15);
    QVERIFY(throwsCadaErrorContaining([] { adjustedRandIndex({0, 1}, {0}); }, "2 samples"));
}

void TestMetrics::adjustedRandIndexMatchesCombinatorialDefinition()
{
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> size(3, 80), groups(2, 6);
    for (int trial = 0; trial < 200; ++trial) {
        const int n = size(rng);
        std::uniform_int_distribution<int> ga(0, groups(rng) - 1), gb(-1, groups(rng) - 2);
        std::vector<int> a(static_cast<std::size_t>(n), 0), b(static_cast<std::size_t>(n), 0);
        for (int i = 0; i < n; ++i) {
            a[std::size_t(i)] = ga(rng);
            b[std::size_t(i)] = i % 3 == 0 ? a[std::size_t(i)] : gb(rng); // partly agreeing
        }
        a[0] = 0; // avoid the degenerate all-one-group draws for the closed form
        a[1] = 1;
        b[0] = 0;
        b[1] = 1;
        const double expected = combinatorialAri(a, b);
        if (std::isnan(expected)) // 0/0: both all singletons; sklearn defines it as 1
            QCOMPARE(adjustedRandIndex(a, b), 1.0);
        else
            VERIFY_NEAR(adjustedRandIndex(a, b), expected, 1e-12);
        VERIFY_NEAR(adjustedRandIndex(b, a), adjustedRandIndex(a, b), 1e-15);
    }
}

QTEST_APPLESS_MAIN(TestMetrics)

#include "tst_metrics.moc"
