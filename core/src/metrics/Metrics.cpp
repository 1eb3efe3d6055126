#include "cada/metrics/Metrics.h"

#include "cada/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <string>

namespace cada::metrics {

namespace {

// One point per distinct score, by decreasing score: cumulative counts of samples with
// score >= threshold. Every curve is derived from this, so they all group ties the same way.
struct Step {
    double threshold;
    std::int64_t tp;
    std::int64_t fp;
};

struct Steps {
    std::vector<Step> steps;
    std::int64_t positives = 0;
    std::int64_t negatives = 0;
};

void validate(const std::vector<double>& scores, const std::vector<int>& labels,
              const char* function)
{
    if (scores.size() != labels.size())
        throw Error(std::string(function) + ": got " + std::to_string(scores.size()) +
                    " scores but " + std::to_string(labels.size()) +
                    " labels; give exactly one label per score.");
    if (scores.empty())
        throw Error(std::string(function) +
                    ": no samples were given; evaluate at least one image.");
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] != 0 && labels[i] != 1)
            throw Error(std::string(function) + ": label " + std::to_string(i) + " is " +
                        std::to_string(labels[i]) +
                        "; labels must be 0 (normal) or 1 (anomalous).");
        if (std::isnan(scores[i]))
            throw Error(std::string(function) + ": score " + std::to_string(i) +
                        " is NaN; the detector produced an invalid score for that sample.");
    }
}

Steps buildSteps(const std::vector<double>& scores, const std::vector<int>& labels,
                 const char* function)
{
    validate(scores, labels, function);
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });

    Steps result;
    std::int64_t tp = 0, fp = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (labels[order[i]] == 1)
            ++tp;
        else
            ++fp;
        const bool lastOfGroup = i + 1 == order.size() || scores[order[i + 1]] != scores[order[i]];
        if (lastOfGroup)
            result.steps.push_back({scores[order[i]], tp, fp});
    }
    result.positives = tp;
    result.negatives = fp;
    return result;
}

std::string classCounts(const Steps& s)
{
    return "found " + std::to_string(s.negatives) + " normal and " + std::to_string(s.positives) +
           " anomalous";
}

void requireBothClasses(const Steps& s, const char* function)
{
    if (s.positives == 0 || s.negatives == 0)
        throw Error(std::string(function) +
                    " needs at least one normal (label 0) and one anomalous (label 1) sample; " +
                    classCounts(s) + ". Add test images of the missing kind.");
}

void requirePositives(const Steps& s, const char* function)
{
    if (s.positives == 0)
        throw Error(std::string(function) + " needs at least one anomalous (label 1) sample; " +
                    classCounts(s) + ". Add defective test images.");
}

// Twice the area under the ROC curve times positives * negatives, in integers: each step adds
// a trapezoid dFp * (tpBefore + tpAfter) / 2. Integers keep it exact; the sum is bounded by
// 2 * P * N, which fits in 64 bits for any realistic sample count.
double aurocFromSteps(const Steps& s)
{
    std::uint64_t twiceArea = 0;
    std::int64_t prevTp = 0, prevFp = 0;
    for (const Step& step : s.steps) {
        twiceArea += static_cast<std::uint64_t>(step.fp - prevFp) *
                     static_cast<std::uint64_t>(step.tp + prevTp);
        prevTp = step.tp;
        prevFp = step.fp;
    }
    return static_cast<double>(twiceArea) /
           (2.0 * static_cast<double>(s.positives) * static_cast<double>(s.negatives));
}

double averagePrecisionFromSteps(const Steps& s)
{
    double ap = 0, prevRecall = 0;
    for (const Step& step : s.steps) {
        const double recall = double(step.tp) / double(s.positives);
        const double precision = double(step.tp) / double(step.tp + step.fp);
        ap += (recall - prevRecall) * precision;
        prevRecall = recall;
    }
    return ap;
}

F1Max f1MaxFromSteps(const Steps& s)
{
    F1Max best;
    bool found = false;
    // Steps run by decreasing threshold; ">=" lets a later (lower) threshold win ties.
    for (const Step& step : s.steps) {
        const double f1 = 2.0 * double(step.tp) / double(step.tp + step.fp + s.positives);
        if (!found || f1 >= best.f1) {
            found = true;
            best.f1 = f1;
            best.threshold = step.threshold;
            best.precision = double(step.tp) / double(step.tp + step.fp);
            best.recall = double(step.tp) / double(s.positives);
        }
    }
    return best;
}

double ratio(int num, int den)
{
    return den == 0 ? 0.0 : double(num) / double(den);
}

} // namespace

RocCurve rocCurve(const std::vector<double>& scores, const std::vector<int>& labels)
{
    const Steps s = buildSteps(scores, labels, "ROC curve");
    requireBothClasses(s, "ROC curve");
    RocCurve curve;
    curve.fpr.reserve(s.steps.size() + 1);
    curve.tpr.reserve(s.steps.size() + 1);
    curve.thresholds.reserve(s.steps.size() + 1);
    curve.fpr.push_back(0);
    curve.tpr.push_back(0);
    curve.thresholds.push_back(std::numeric_limits<double>::infinity());
    for (const Step& step : s.steps) {
        curve.fpr.push_back(double(step.fp) / double(s.negatives));
        curve.tpr.push_back(double(step.tp) / double(s.positives));
        curve.thresholds.push_back(step.threshold);
    }
    return curve;
}

double auroc(const std::vector<double>& scores, const std::vector<int>& labels)
{
    const Steps s = buildSteps(scores, labels, "AUROC");
    requireBothClasses(s, "AUROC");
    return aurocFromSteps(s);
}

PrCurve prCurve(const std::vector<double>& scores, const std::vector<int>& labels)
{
    const Steps s = buildSteps(scores, labels, "Precision-recall curve");
    requirePositives(s, "Precision-recall curve");
    PrCurve curve;
    // sklearn's order: increasing threshold, i.e. the steps reversed.
    for (auto it = s.steps.rbegin(); it != s.steps.rend(); ++it) {
        curve.precision.push_back(double(it->tp) / double(it->tp + it->fp));
        curve.recall.push_back(double(it->tp) / double(s.positives));
        curve.thresholds.push_back(it->threshold);
    }
    curve.precision.push_back(1.0);
    curve.recall.push_back(0.0);
    return curve;
}

double averagePrecision(const std::vector<double>& scores, const std::vector<int>& labels)
{
    const Steps s = buildSteps(scores, labels, "Average precision");
    requirePositives(s, "Average precision");
    return averagePrecisionFromSteps(s);
}

F1Max f1Max(const std::vector<double>& scores, const std::vector<int>& labels)
{
    const Steps s = buildSteps(scores, labels, "F1-max");
    requirePositives(s, "F1-max");
    return f1MaxFromSteps(s);
}

double Confusion::precision() const
{
    return ratio(tp, tp + fp);
}

double Confusion::recall() const
{
    return ratio(tp, tp + fn);
}

double Confusion::f1() const
{
    return ratio(2 * tp, 2 * tp + fp + fn);
}

double Confusion::falseAlarmRate() const
{
    return ratio(fp, fp + tn);
}

Confusion confusionAt(const std::vector<double>& scores, const std::vector<int>& labels,
                      double threshold)
{
    validate(scores, labels, "Confusion matrix");
    Confusion c;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const bool predicted = scores[i] >= threshold;
        if (labels[i] == 1)
            ++(predicted ? c.tp : c.fn);
        else
            ++(predicted ? c.fp : c.tn);
    }
    return c;
}

double thresholdForFalseAlarmRate(const std::vector<double>& normalScores, double rate)
{
    if (!(rate >= 0.0 && rate < 1.0))
        throw Error("Threshold for a false-alarm rate: the rate is " + std::to_string(rate) +
                    "; it must be at least 0 and below 1 (e.g. 0.01 for 1 %).");
    if (normalScores.empty())
        throw Error("Threshold for a false-alarm rate: no normal scores were given; it needs "
                    "scores of defect-free images.");
    for (std::size_t i = 0; i < normalScores.size(); ++i)
        if (std::isnan(normalScores[i]))
            throw Error("Threshold for a false-alarm rate: normal score " + std::to_string(i) +
                        " is NaN; the detector produced an invalid score for that image.");

    const std::size_t n = normalScores.size();
    // rate < 1 means at least one normal score stays below the threshold; the clamp keeps
    // that true when the rounding tolerance pushes a rate just below 1 up to n.
    const auto allowed =
        std::min(n - 1, static_cast<std::size_t>(std::floor(rate * double(n) + 1e-9)));
    std::vector<double> sorted = normalScores;
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(allowed), sorted.end(),
                     std::greater<double>());
    return std::nextafter(sorted[allowed], std::numeric_limits<double>::infinity());
}

double equalisedNormalsAuroc(const std::vector<double>& scores, const std::vector<int>& labels,
                             const std::vector<int>& groups)
{
    validate(scores, labels, "Equalised-normals AUROC");
    if (groups.size() != scores.size())
        throw Error("Equalised-normals AUROC: " + std::to_string(groups.size()) + " groups for " +
                    std::to_string(scores.size()) + " scores; every score needs its group.");
    std::map<int, std::vector<double>> normals;
    for (std::size_t i = 0; i < scores.size(); ++i)
        if (labels[i] == 0)
            normals[groups[i]].push_back(scores[i]);
    for (auto& [g, n] : normals)
        std::sort(n.begin(), n.end());
    std::vector<double> equalised;
    std::vector<int> kept;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const auto it = normals.find(groups[i]);
        if (it == normals.end())
            continue;
        const auto& n = it->second;
        const auto below = std::lower_bound(n.begin(), n.end(), scores[i]) - n.begin();
        const auto notAbove = std::upper_bound(n.begin(), n.end(), scores[i]) - n.begin();
        equalised.push_back(0.5 * double(below + notAbove) / double(n.size()));
        kept.push_back(labels[i]);
    }
    return auroc(equalised, kept);
}

ImageMetrics imageMetrics(const std::vector<double>& scores, const std::vector<int>& labels)
{
    const Steps s = buildSteps(scores, labels, "Image metrics");
    ImageMetrics m;
    if (s.positives == 0 || s.negatives == 0)
        return m;
    m.auroc = aurocFromSteps(s);
    m.ap = averagePrecisionFromSteps(s);
    m.f1max = f1MaxFromSteps(s).f1;
    return m;
}

} // namespace cada::metrics
