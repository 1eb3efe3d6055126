#include "ProjectEvaluation.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace cada::project {

QString groundTruthName(GroundTruth source)
{
    switch (source) {
    case GroundTruth::Layout:
        return QStringLiteral("layout");
    case GroundTruth::Review:
        return QStringLiteral("review");
    case GroundTruth::Auto:
        break;
    }
    return QStringLiteral("auto");
}

namespace {

int labelOf(const ImageRecord& r, GroundTruth source)
{
    if (source == GroundTruth::Layout)
        return r.groundTruth;
    switch (r.decision) {
    case Decision::Ok:
        return 0;
    case Decision::Defective:
        return 1;
    default:
        return -1;
    }
}

double meanSkippingNan(const std::vector<double>& values)
{
    double sum = 0;
    int n = 0;
    for (double v : values)
        if (!std::isnan(v)) {
            sum += v;
            ++n;
        }
    return n ? sum / n : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

std::optional<double> Evaluation::thresholdForFalseAlarmRate(double rate) const
{
    std::vector<double> normals;
    for (std::size_t i = 0; i < scores.size(); ++i)
        if (labels[i] == 0)
            normals.push_back(scores[i]);
    if (normals.empty())
        return std::nullopt;
    return metrics::thresholdForFalseAlarmRate(normals, rate);
}

Evaluation evaluate(const ProjectSnapshot& project, double threshold, GroundTruth source)
{
    Evaluation e;
    if (source == GroundTruth::Auto) {
        const bool layout = std::any_of(project.images.begin(), project.images.end(),
                                        [](const ImageRecord& r) { return r.groundTruth >= 0; });
        source = layout ? GroundTruth::Layout : GroundTruth::Review;
    }
    e.source = source;
    e.threshold = threshold;

    std::map<int, std::pair<std::vector<double>, std::vector<int>>> byGroup;
    for (const ImageRecord& r : project.images) {
        const int label = labelOf(r, source);
        if (label < 0 || !r.ok())
            continue;
        e.imageIds.push_back(r.id);
        e.scores.push_back(r.score);
        e.labels.push_back(label);
        (label ? e.anomalous : e.normal)++;
        byGroup[r.group].first.push_back(r.score);
        byGroup[r.group].second.push_back(label);
    }
    if (e.empty())
        return e;

    e.atThreshold = metrics::confusionAt(e.scores, e.labels, threshold);
    e.pooled = metrics::imageMetrics(e.scores, e.labels);
    if (e.anomalous > 0)
        e.bestF1 = metrics::f1Max(e.scores, e.labels);
    if (e.bothClasses())
        e.roc = metrics::rocCurve(e.scores, e.labels);

    std::vector<double> aurocs, aps, f1s;
    for (const auto& [group, data] : byGroup) {
        GroupEvaluation g;
        g.group = group;
        g.name = project.groupName(group);
        g.labelled = int(data.first.size());
        g.anomalous = int(std::count(data.second.begin(), data.second.end(), 1));
        g.metrics = metrics::imageMetrics(data.first, data.second);
        g.atThreshold = metrics::confusionAt(data.first, data.second, threshold);
        aurocs.push_back(g.metrics.auroc);
        aps.push_back(g.metrics.ap);
        f1s.push_back(g.metrics.f1max);
        e.perGroup.push_back(g);
    }
    e.meanPerGroup.auroc = meanSkippingNan(aurocs);
    e.meanPerGroup.ap = meanSkippingNan(aps);
    e.meanPerGroup.f1max = meanSkippingNan(f1s);
    return e;
}

} // namespace cada::project
