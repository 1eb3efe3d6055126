#pragma once
// `cada eval`: scores a dataset's test split once and reports the field's metrics for every
// alignment mode, pooled over all classes (the absolute-unified headline, one threshold), as the
// mean over classes, and per class.
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cada/Progress.h"
#include "cada/model/Model.h"
#include "cada/io/Dataset.h"
#include "cada/metrics/Metrics.h"

namespace cada {

struct MetricSet {
    static constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();
    double imageAuroc = kUndefined, imageAp = kUndefined, imageF1max = kUndefined,
           pixelAuroc = kUndefined, aupro = kUndefined;
};

// What one threshold does to a mixed batch, pooled and per class: the model's default for the
// alignment (set on the calibration normals at the training's target false-alarm rate), or for
// `cada` the user's (EvalOptions::threshold). The
// spread of the per-class false-alarm rates is what a single threshold gets wrong without
// alignment.
struct OperatingPoint {
    double threshold = MetricSet::kUndefined;
    bool userThreshold = false; // EvalOptions::threshold rather than the model's default
    metrics::Confusion pooled;  // fp: normals flagged, tp: defective images caught
    std::map<std::string, metrics::Confusion> perClass;
};

struct AlignmentReport {
    MetricSet pooled, meanPerClass;
    std::map<std::string, MetricSet> perClass;
    OperatingPoint atThreshold;
};

struct EvalReport {
    std::string root, layout;
    std::vector<std::string> classes;
    int nTest = 0, nFailed = 0;
    std::map<std::string, AlignmentReport> alignments; // keyed by "none" | "cada" | "oracle"
    int k = 0;
    double ari = 0;
    int unknownType = 0;
    double fitSeconds = 0, scoreImagesPerSecond = 0;
    double targetFalseAlarmRate = 0; // the training's, at which the default thresholds are set
    std::map<std::string, double> normalMeanRawScore; // per class, test normals, unaligned
    double normalMeanRatio = 0;                       // max / min of the above
    // Pooled image AUROC with every class's test normals equalised (metrics::equalisedNormalsAuroc
    // on the raw scores): what a perfect alignment would give; NaN when no class has normals.
    double equalisedNormalsAuroc = MetricSet::kUndefined;
    std::vector<std::string> notes; // e.g. why oracle was skipped
};

struct EvalOptions {
    std::vector<Alignment> alignments{Alignment::None, Alignment::Cada, Alignment::Oracle};
    int pixelSize = 128; // maps and masks are compared at this resolution (0: model size)
    // The threshold at which `cada`'s operating point is counted; unset: the model's default.
    std::optional<double> threshold;
};

EvalReport evaluate(const Model& model, const io::Dataset& dataset, const EvalOptions& options,
                    Progress& progress);
std::string toJsonText(const EvalReport& report);
// The readable table the CLI prints.
std::string toTable(const EvalReport& report);

} // namespace cada
