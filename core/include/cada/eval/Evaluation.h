#pragma once
// `cada eval`: scores a dataset's test split once and reports the field's metrics for every
// alignment mode, pooled over all classes (the absolute-unified headline, one threshold), as the
// mean over classes, and per class.
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "cada/Progress.h"
#include "cada/detect/Model.h"
#include "cada/io/Dataset.h"

namespace cada {

struct MetricSet {
    static constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();
    double imageAuroc = kUndefined, imageAp = kUndefined, imageF1max = kUndefined,
           pixelAuroc = kUndefined, aupro = kUndefined;
};

struct AlignmentReport {
    MetricSet pooled, meanPerClass;
    std::map<std::string, MetricSet> perClass;
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
    std::map<std::string, double> normalMeanRawScore; // per class, test normals, unaligned
    double normalMeanRatio = 0;                       // max / min of the above
    std::vector<std::string> notes;                   // e.g. why oracle was skipped
};

struct EvalOptions {
    std::vector<Alignment> alignments{Alignment::None, Alignment::Cada, Alignment::Oracle};
    int pixelSize = 128; // maps and masks are compared at this resolution (0: model size)
};

EvalReport evaluate(const Model& model, const io::Dataset& dataset, const EvalOptions& options,
                    Progress& progress);
std::string toJsonText(const EvalReport& report);
// The readable table the CLI prints.
std::string toTable(const EvalReport& report);

} // namespace cada
