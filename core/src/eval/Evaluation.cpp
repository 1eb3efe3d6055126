#include "cada/eval/Evaluation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "cada/Error.h"
#include "cada/io/ImageLoader.h"
#include "cada/metrics/Clustering.h"
#include "cada/metrics/Metrics.h"
#include "cada/metrics/PixelMetrics.h"

namespace cada {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Item {
    std::string cls;
    int label = 0;
    double raw = 0, uCada = 0, gCada = 1;
    int group = -1;
    bool unknown = false;
    cv::Mat rawMap; // at pixel size
    cv::Mat mask;   // CV_8U at pixel size; empty for a defective image without a usable mask
};

MetricSet computeMetrics(const std::vector<const Item*>& items,
                         const std::vector<std::pair<double, double>>& stats)
{
    MetricSet m;
    std::vector<double> scores;
    std::vector<int> labels;
    std::vector<cv::Mat> maps, masks;
    for (size_t i = 0; i < items.size(); ++i) {
        const auto [u, g] = stats[i];
        scores.push_back(Model::align(items[i]->raw, u, g));
        labels.push_back(items[i]->label);
        // A defective image without its mask cannot say which of its pixels are defective.
        if (items[i]->mask.empty())
            continue;
        maps.push_back((items[i]->rawMap - u) / std::max(g - u, 1e-9));
        masks.push_back(items[i]->mask);
    }
    const auto im = metrics::imageMetrics(scores, labels);
    m.imageAuroc = im.auroc;
    m.imageAp = im.ap;
    m.imageF1max = im.f1max;
    bool anyDefectPixel = false, anyNormalPixel = false;
    for (const auto& mk : masks) {
        const int nz = cv::countNonZero(mk);
        anyDefectPixel |= nz > 0;
        anyNormalPixel |= nz < mk.rows * mk.cols;
    }
    if (anyDefectPixel && anyNormalPixel) {
        m.pixelAuroc = metrics::pixelAuroc(maps, masks);
        m.aupro = metrics::aupro(maps, masks, 0.3);
    } else {
        m.pixelAuroc = m.aupro = kNaN;
    }
    return m;
}

MetricSet meanOf(const std::map<std::string, MetricSet>& perClass)
{
    MetricSet out;
    auto avg = [&](double MetricSet::*field) {
        double sum = 0;
        int n = 0;
        for (const auto& [c, m] : perClass)
            if (!std::isnan(m.*field)) {
                sum += m.*field;
                ++n;
            }
        return n ? sum / n : kNaN;
    };
    out.imageAuroc = avg(&MetricSet::imageAuroc);
    out.imageAp = avg(&MetricSet::imageAp);
    out.imageF1max = avg(&MetricSet::imageF1max);
    out.pixelAuroc = avg(&MetricSet::pixelAuroc);
    out.aupro = avg(&MetricSet::aupro);
    return out;
}

nlohmann::json orNull(double x)
{
    return std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x);
}

nlohmann::json toJson(const MetricSet& m)
{
    return {{"image_auroc", orNull(m.imageAuroc)},
            {"image_ap", orNull(m.imageAp)},
            {"image_f1max", orNull(m.imageF1max)},
            {"pixel_auroc", orNull(m.pixelAuroc)},
            {"aupro", orNull(m.aupro)}};
}

// Counts and rates at the threshold; a rate without images to count is null.
nlohmann::json toJson(const metrics::Confusion& c)
{
    auto rate = [](int k, int n) { return n > 0 ? nlohmann::json(double(k) / n) : nullptr; };
    return {{"normals", c.fp + c.tn},
            {"false_alarms", c.fp},
            {"false_alarm_rate", rate(c.fp, c.fp + c.tn)},
            {"defective", c.tp + c.fn},
            {"caught", c.tp},
            {"recall", rate(c.tp, c.tp + c.fn)}};
}

} // namespace

EvalReport evaluate(const Model& model, const io::Dataset& dataset, const EvalOptions& options,
                    Progress& progress)
{
    const auto test = dataset.select(io::Split::Test);
    if (test.empty())
        throw Error("Dataset '" + dataset.root.string() + "' has no test images (layout " +
                    io::layoutName(dataset.layout) +
                    "). Evaluation needs an MVTec AD or VisA layout with a test split.");
    EvalReport report;
    report.root = dataset.root.string();
    report.layout = io::layoutName(dataset.layout);
    report.classes = dataset.classes();
    if (options.pixelSize < 0 || options.pixelSize > 2048)
        throw Error("The pixel-metric resolution " + std::to_string(options.pixelSize) +
                    " is out of range (0 for the model's image size, or 1 to 2048).");
    const int pixelSize = options.pixelSize > 0 ? options.pixelSize : model.config().imageSize;

    std::vector<std::filesystem::path> paths;
    for (const auto& r : test)
        paths.push_back(r.path);
    ScoreOptions so;
    so.alignment = Alignment::Cada;
    so.keepMaps = true;
    std::vector<Item> items;
    int withoutMask = 0;
    const auto t0 = std::chrono::steady_clock::now();
    model.score(paths, so, progress, [&](size_t i, ImageResult& r) {
        if (!r.ok()) {
            ++report.nFailed;
            report.notes.push_back(r.path.string() + ": " + r.error);
            return;
        }
        Item it;
        it.cls = test[i].className;
        it.label = test[i].label == io::Label::Anomalous ? 1 : 0;
        it.raw = r.rawScore;
        it.uCada = r.uHat;
        it.gCada = r.gammaHat;
        it.group = r.group;
        it.unknown = r.unknownType;
        cv::resize(r.rawMap, it.rawMap, cv::Size(pixelSize, pixelSize), 0, 0, cv::INTER_AREA);
        if (it.label == 0) {
            it.mask = cv::Mat::zeros(pixelSize, pixelSize, CV_8U);
        } else if (test[i].maskPath.empty()) {
            ++withoutMask;
        } else {
            try {
                it.mask = io::loadMask(test[i].maskPath, cv::Size(pixelSize, pixelSize));
            } catch (const Error& e) {
                report.notes.push_back(std::string(e.what()) +
                                       " The image is left out of the pixel metrics.");
            }
        }
        items.push_back(std::move(it));
    });
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (withoutMask > 0)
        report.notes.push_back(std::to_string(withoutMask) +
                               " defective test images have no ground-truth mask; they count in "
                               "the image metrics and are left out of the pixel metrics.");
    report.nTest = int(items.size());
    report.scoreImagesPerSecond = seconds > 0 ? double(paths.size()) / seconds : 0;
    report.fitSeconds = model.info().fitSeconds;
    report.targetFalseAlarmRate = model.config().targetFalseAlarmRate;
    if (items.empty())
        throw Error("No test image of '" + dataset.root.string() + "' could be scored.");

    // Oracle statistics: per true class, from the calibration normals of that class.
    std::map<std::string, std::pair<double, double>> oracle;
    {
        std::map<std::string, std::vector<const CalibrationRecord*>> byClass;
        for (const auto& c : model.calibration())
            if (!c.className.empty())
                byClass[c.className].push_back(&c);
        for (const auto& [cls, recs] : byClass) {
            double u = 0, g = 0;
            for (const auto* r : recs) {
                u += r->mapMean;
                g += r->mapMax;
            }
            oracle[cls] = {u / double(recs.size()), g / double(recs.size())};
        }
    }
    // The oracle's threshold is set as the model's own: on the calibration normals, aligned with
    // their class's statistics, at the training's target false-alarm rate.
    double oracleThreshold = kNaN;
    {
        std::vector<double> aligned;
        for (const auto& c : model.calibration())
            if (oracle.count(c.className)) {
                const auto [u, g] = oracle.at(c.className);
                aligned.push_back(Model::align(c.rawScore, u, g));
            }
        if (!aligned.empty())
            oracleThreshold =
                metrics::thresholdForFalseAlarmRate(aligned, model.config().targetFalseAlarmRate);
    }
    const auto global = model.globalStatistics();

    for (const Alignment a : options.alignments) {
        const std::string name = alignmentName(a);
        if (a == Alignment::Oracle) {
            bool complete = true;
            for (const auto& it : items)
                complete &= oracle.count(it.cls) > 0;
            if (!complete) {
                report.notes.push_back(
                    "oracle skipped: the model's calibration images carry no class for some test "
                    "class (train on an MVTec AD or VisA layout to enable it).");
                continue;
            }
        }
        auto statsOf = [&](const Item& it) -> std::pair<double, double> {
            switch (a) {
            case Alignment::None:
                return global;
            case Alignment::Cada:
                return {it.uCada, it.gCada};
            case Alignment::Oracle:
                return oracle.at(it.cls);
            }
            return global;
        };
        AlignmentReport ar;
        std::vector<const Item*> all;
        std::vector<std::pair<double, double>> stats;
        for (const auto& it : items) {
            all.push_back(&it);
            stats.push_back(statsOf(it));
        }
        ar.pooled = computeMetrics(all, stats);
        for (const auto& cls : report.classes) {
            std::vector<const Item*> sub;
            std::vector<std::pair<double, double>> st;
            for (const auto& it : items)
                if (it.cls == cls) {
                    sub.push_back(&it);
                    st.push_back(statsOf(it));
                }
            if (!sub.empty())
                ar.perClass[cls] = computeMetrics(sub, st);
        }
        ar.meanPerClass = meanOf(ar.perClass);
        ar.atThreshold.userThreshold = a == Alignment::Cada && options.threshold.has_value();
        ar.atThreshold.threshold = ar.atThreshold.userThreshold ? *options.threshold
                                   : a == Alignment::Oracle     ? oracleThreshold
                                                                : model.defaultThreshold(a);
        std::map<std::string, std::pair<std::vector<double>, std::vector<int>>> byClass;
        for (size_t i = 0; i < items.size(); ++i) {
            auto& [scores, labels] = byClass[items[i].cls];
            scores.push_back(Model::align(items[i].raw, stats[i].first, stats[i].second));
            labels.push_back(items[i].label);
        }
        for (const auto& [cls, data] : byClass) {
            const auto c = metrics::confusionAt(data.first, data.second, ar.atThreshold.threshold);
            ar.atThreshold.perClass[cls] = c;
            ar.atThreshold.pooled.tp += c.tp;
            ar.atThreshold.pooled.fp += c.fp;
            ar.atThreshold.pooled.tn += c.tn;
            ar.atThreshold.pooled.fn += c.fn;
        }
        report.alignments[name] = ar;
    }

    // Implicit classes against the true ones.
    std::map<std::string, int> classId;
    std::vector<int> truth, found;
    for (const auto& it : items) {
        classId.emplace(it.cls, int(classId.size()));
        truth.push_back(classId[it.cls]);
        found.push_back(it.group);
        report.unknownType += it.unknown ? 1 : 0;
    }
    report.k = int(model.groups().size());
    report.ari = metrics::adjustedRandIndex(truth, found);

    // The problem CADA solves: unaligned scores of normal images differ by class.
    std::map<std::string, std::pair<double, int>> normal;
    for (const auto& it : items)
        if (it.label == 0) {
            normal[it.cls].first += it.raw;
            normal[it.cls].second += 1;
        }
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    for (const auto& [cls, sum] : normal) {
        const double mean = sum.first / sum.second;
        report.normalMeanRawScore[cls] = mean;
        lo = std::min(lo, mean);
        hi = std::max(hi, mean);
    }
    report.normalMeanRatio = !normal.empty() && lo > 0 ? hi / lo : kNaN;

    // What a perfect alignment would give: every class's test normals on one distribution.
    if (!normal.empty()) {
        std::vector<double> raw;
        std::vector<int> labels;
        for (const auto& it : items) {
            raw.push_back(it.raw);
            labels.push_back(it.label);
        }
        try {
            report.equalisedNormalsAuroc = metrics::equalisedNormalsAuroc(raw, labels, truth);
        } catch (const Error&) {
            // No defective image in a class that has normals: the reference is undefined.
        }
    }
    return report;
}

std::string toJsonText(const EvalReport& r)
{
    nlohmann::json j;
    j["dataset"] = {{"root", r.root},
                    {"layout", r.layout},
                    {"classes", r.classes},
                    {"n_test", r.nTest},
                    {"n_failed", r.nFailed}};
    for (const auto& [name, a] : r.alignments) {
        nlohmann::json per = nlohmann::json::object();
        for (const auto& [cls, m] : a.perClass)
            per[cls] = toJson(m);
        nlohmann::json flaggedPerClass = nlohmann::json::object();
        for (const auto& [cls, f] : a.atThreshold.perClass)
            flaggedPerClass[cls] = toJson(f);
        j["alignments"][name] = {
            {"pooled", toJson(a.pooled)},
            {"mean_per_class", toJson(a.meanPerClass)},
            {"per_class", per},
            {"at_threshold",
             {{"threshold", orNull(a.atThreshold.threshold)},
              {"threshold_from", a.atThreshold.userThreshold ? "user" : "model"},
              {"target_false_alarm_rate", r.targetFalseAlarmRate},
              {"pooled", toJson(a.atThreshold.pooled)},
              {"per_class", flaggedPerClass}}}};
    }
    j["implicit_classes"] = {{"k", r.k}, {"ari", r.ari}, {"unknown_type", r.unknownType}};
    j["timing"] = {{"fit_s", r.fitSeconds}, {"score_images_per_s", r.scoreImagesPerSecond}};
    j["score_scale"] = {{"normal_mean_raw_score_per_class", r.normalMeanRawScore},
                        {"max_over_min", orNull(r.normalMeanRatio)},
                        {"equalised_normals_image_auroc", orNull(r.equalisedNormalsAuroc)}};
    j["notes"] = r.notes;
    return j.dump(2);
}

std::string toTable(const EvalReport& r)
{
    std::ostringstream out;
    auto fmt = [](double v) {
        std::ostringstream s;
        if (std::isnan(v))
            s << "   -  ";
        else
            s << std::fixed << std::setprecision(3) << v;
        return s.str();
    };
    out << "Dataset " << r.root << " (" << r.layout << "), " << r.classes.size() << " classes, "
        << r.nTest << " test images\n\n";
    out << std::left << std::setw(8) << "align" << std::setw(16) << "scope"
        << "  img-AUROC  img-AP  img-F1max  pix-AUROC  AUPRO\n";
    for (const auto& entry : r.alignments) {
        const std::string& name = entry.first; // not a structured binding: lambdas capture it
        const AlignmentReport& a = entry.second;
        auto row = [&](const std::string& scope, const MetricSet& m) {
            out << std::left << std::setw(8) << name << std::setw(16) << scope << "  "
                << fmt(m.imageAuroc) << "      " << fmt(m.imageAp) << "   " << fmt(m.imageF1max)
                << "      " << fmt(m.pixelAuroc) << "      " << fmt(m.aupro) << "\n";
        };
        row("pooled", a.pooled);
        row("mean/class", a.meanPerClass);
    }
    out << "\nPer-class image AUROC:\n";
    for (const auto& cls : r.classes) {
        out << "  " << std::left << std::setw(16) << cls;
        for (const auto& [name, a] : r.alignments) {
            const auto it = a.perClass.find(cls);
            out << name << " "
                << (it == a.perClass.end() ? std::string("  -  ") : fmt(it->second.imageAuroc))
                << "  ";
        }
        out << "\n";
    }
    out << "\nAt each alignment's threshold (the model's default, set at " << std::setprecision(3)
        << 100.0 * r.targetFalseAlarmRate
        << " % false alarms on the calibration normals, unless given):\n";
    auto percent = [](int k, int n) {
        std::ostringstream s;
        s << k << "/" << n;
        if (n > 0)
            s << " (" << std::fixed << std::setprecision(1) << 100.0 * k / n << " %)";
        return s.str();
    };
    for (const auto& [name, a] : r.alignments) {
        const auto& p = a.atThreshold;
        double lo = 1, hi = 0;
        for (const auto& [cls, f] : p.perClass)
            if (f.fp + f.tn > 0) {
                lo = std::min(lo, f.falseAlarmRate());
                hi = std::max(hi, f.falseAlarmRate());
            }
        out << "  " << std::left << std::setw(8) << name << "threshold " << fmt(p.threshold)
            << (p.userThreshold ? " (given)" : "") << ", normals flagged "
            << percent(p.pooled.fp, p.pooled.fp + p.pooled.tn) << ", defects caught "
            << percent(p.pooled.tp, p.pooled.tp + p.pooled.fn);
        if (hi >= lo)
            out << ", false alarms per class " << std::fixed << std::setprecision(1) << 100 * lo
                << "-" << 100 * hi << " %";
        out << "\n";
    }
    out << "\nPooled image AUROC with every class's test normals equalised (a reference that "
           "uses the test labels, not a method): "
        << fmt(r.equalisedNormalsAuroc) << "\n";
    out << "\nImplicit classes: k = " << r.k << ", ARI = " << fmt(r.ari)
        << ", unknown type: " << r.unknownType << "\n";
    out << "Normal-image raw score, max/min over classes: " << fmt(r.normalMeanRatio) << "\n";
    out << "Fit " << std::fixed << std::setprecision(1) << r.fitSeconds << " s, scoring "
        << r.scoreImagesPerSecond << " images/s\n";
    for (const auto& n : r.notes)
        out << "note: " << n << "\n";
    return out.str();
}

} // namespace cada
