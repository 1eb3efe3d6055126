#pragma once
// Evaluation of a project against ground truth, with the core's metrics (cada::metrics): this
// file only selects the labelled images, it computes no metric itself.
//
// Ground truth: the layout's labels stored at project creation (MVTec AD / VisA), or the review
// decisions (OK = normal, defective = anomalous; unsure and unreviewed images are left out).
// Auto uses the layout when any image has a layout label, the decisions otherwise.
// Pure functions of a snapshot: safe on any thread.
#include <QString>

#include <limits>
#include <optional>
#include <vector>

#include "ProjectTypes.h"
#include "cada/metrics/Metrics.h"

namespace cada::project {

enum class GroundTruth { Auto, Layout, Review };
QString groundTruthName(GroundTruth source); // "auto", "layout", "review"

struct GroupEvaluation {
    int group = -1;
    QString name;
    int labelled = 0, anomalous = 0;
    metrics::ImageMetrics metrics;  // NaN when the group lacks one of the classes
    metrics::Confusion atThreshold; // the group's normals flagged (fp) and defects caught (tp)
};

struct Evaluation {
    GroundTruth source = GroundTruth::Auto; // the one actually used (never Auto once evaluated)
    std::vector<qint64> imageIds;           // labelled, successfully scored images
    std::vector<double> scores;             // their aligned scores
    std::vector<int> labels;                // 0 normal, 1 anomalous
    int anomalous = 0, normal = 0;

    double threshold = 0;
    metrics::Confusion atThreshold;        // at `threshold`
    metrics::ImageMetrics pooled;          // NaN unless both classes are present
    std::optional<metrics::F1Max> bestF1;  // needs an anomalous image
    std::optional<metrics::RocCurve> roc;  // needs both classes
    std::vector<GroupEvaluation> perGroup; // by group id
    metrics::ImageMetrics meanPerGroup;    // mean over groups with both classes (NaN skipped)

    bool empty() const { return scores.empty(); }
    bool bothClasses() const { return anomalous > 0 && normal > 0; }
    // Threshold with at most `rate` of the labelled normals flagged; nullopt without normals.
    std::optional<double> thresholdForFalseAlarmRate(double rate) const;
};

// `threshold`: the operating point for atThreshold (usually the snapshot's threshold).
Evaluation evaluate(const ProjectSnapshot& project, double threshold,
                    GroundTruth source = GroundTruth::Auto);

} // namespace cada::project
