#pragma once
// Image-level and threshold metrics of the anomaly-detection protocol (MVTec AD / VisA).
//
// Conventions shared by every function here:
// - labels: 0 = normal, 1 = anomalous; any other value throws cada::Error.
// - scores: higher = more anomalous; a sample is predicted anomalous when score >= threshold.
// - scores and labels must have the same, non-zero length, and no score may be NaN; otherwise
//   cada::Error is thrown naming the function and the problem.
// - Ties: samples with equal scores are never split. Every curve has one point per distinct
//   score value, so tied samples switch from "normal" to "anomalous" together (as in sklearn).
//
// The values match scikit-learn (roc_curve with drop_intermediate=False, roc_auc_score,
// precision_recall_curve, average_precision_score) up to floating-point rounding.
// All functions are pure and thread-safe.
#include <limits>
#include <vector>

namespace cada::metrics {

// ROC curve at every distinct score, by decreasing threshold. The first point is (0, 0) with
// threshold +inf; the last is (1, 1) at the smallest score.
// Throws cada::Error unless both classes are present.
struct RocCurve {
    std::vector<double> fpr, tpr, thresholds;
};
RocCurve rocCurve(const std::vector<double>& scores, const std::vector<int>& labels);

// Area under the ROC curve (trapezoid rule over rocCurve). Because ties are grouped, it equals
// the Mann-Whitney probability P(s+ > s-) + 0.5 P(s+ = s-); it is computed with exact integer
// pair counts. Throws cada::Error unless both classes are present.
double auroc(const std::vector<double>& scores, const std::vector<int>& labels);

// Precision-recall curve as sklearn's precision_recall_curve: thresholds increasing (one per
// distinct score), precision[i] / recall[i] at thresholds[i], plus a final point
// (precision 1, recall 0) that has no threshold, so precision.size() == thresholds.size() + 1.
// Needs at least one anomalous sample (recall is undefined otherwise); normal samples are
// optional. Throws cada::Error when there is no anomalous sample.
struct PrCurve {
    std::vector<double> precision, recall, thresholds;
};
PrCurve prCurve(const std::vector<double>& scores, const std::vector<int>& labels);

// sklearn average_precision_score: sum over distinct thresholds of (R_n - R_{n-1}) * P_n,
// a step integral (no interpolation). Same input requirements as prCurve.
double averagePrecision(const std::vector<double>& scores, const std::vector<int>& labels);

// Best F1 over the distinct thresholds (anomalous when score >= threshold), with the precision
// and recall at that threshold. When several thresholds reach the same best F1, the lowest one
// is returned (as anomalib's F1Max, which takes the first argmax along increasing thresholds).
// Same input requirements as prCurve.
struct F1Max {
    double f1 = 0, threshold = 0, precision = 0, recall = 0;
};
F1Max f1Max(const std::vector<double>& scores, const std::vector<int>& labels);

// Counts at one threshold. The ratios follow sklearn's zero_division=0: a ratio whose
// denominator is zero (e.g. precision when nothing is predicted anomalous) is 0, never NaN.
struct Confusion {
    int tp = 0, fp = 0, tn = 0, fn = 0;
    double precision() const;      // tp / (tp + fp)
    double recall() const;         // tp / (tp + fn)
    double f1() const;             // 2 tp / (2 tp + fp + fn)
    double falseAlarmRate() const; // fp / (fp + tn)
};
// Any class balance is accepted (one class only is fine).
Confusion confusionAt(const std::vector<double>& scores, const std::vector<int>& labels,
                      double threshold);

// The smallest threshold t such that the fraction of normal scores >= t is <= rate.
// With n normal scores sorted in decreasing order s_0 >= s_1 >= ..., at most k = floor(rate * n)
// of them may be flagged, so t is the double just above s_k (std::nextafter towards +inf):
// every t <= s_k would flag at least k + 1 of them. With ties at s_k fewer than k are flagged
// (ties are never split). floor() tolerates 1e-9 of rounding so that e.g. rate 0.29 with
// n = 100 allows 29 and not 28. rate must be in [0, 1); normalScores must be non-empty and
// contain no NaN; otherwise cada::Error.
double thresholdForFalseAlarmRate(const std::vector<double>& normalScores, double rate);

// Pooled AUROC after every group's normals are brought onto one distribution: each score is
// replaced by the mid-rank empirical distribution function of its own group's normal scores,
// F_g(s) = (#{normal n of g : n < s} + #{n == s} / 2) / #normals of g. This is what a perfect
// per-type alignment achieves in CADA's sense (every type's normals score alike, so one threshold
// gives every type the same false-alarm rate); it needs the labels of the very samples it ranks,
// so it is a reference for evaluation, not a method. A group without normal samples cannot be
// equalised and its samples are left out. groups must have the scores' length; the remaining
// samples must hold both labels, otherwise cada::Error (as auroc).
double equalisedNormalsAuroc(const std::vector<double>& scores, const std::vector<int>& labels,
                             const std::vector<int>& groups);

// The three headline image metrics at once. Unlike the functions above it does not throw when
// only one class is present (as happens for a per-class split with no defective image): all
// three values are then NaN, because AUROC is undefined and AP / F1-max are undefined (no
// anomalous sample) or trivially 1 (no normal sample), and a trivial 1 would inflate means.
// Callers averaging per-class values should skip NaN. Malformed input (size mismatch, label
// not 0/1, NaN score) still throws cada::Error.
struct ImageMetrics {
    double auroc = std::numeric_limits<double>::quiet_NaN();
    double ap = std::numeric_limits<double>::quiet_NaN();
    double f1max = std::numeric_limits<double>::quiet_NaN();
};
ImageMetrics imageMetrics(const std::vector<double>& scores, const std::vector<int>& labels);

} // namespace cada::metrics
