#include "model/ConfigJson.h"

#include "cada/Error.h"

namespace cada {
std::string trainConfigProblem(const TrainConfig& c)
{
    const auto n = [](auto v) { return std::to_string(v); };
    const auto within = [](double v, double lo, double hi) { return v >= lo && v <= hi; };
    if (c.imageSize < 32 || c.imageSize > kMaxImageSize || c.imageSize % 16 != 0)
        return "image size " + n(c.imageSize) + " (a multiple of 16 from 32 to " +
               n(kMaxImageSize) + ")";
    if (c.threads < 0 || c.threads > kMaxThreads)
        return "threads " + n(c.threads) + " (0 for all cores, up to " + n(kMaxThreads) + ")";
    if (c.batchSize < 1 || c.batchSize > 1024)
        return "batch size " + n(c.batchSize) + " (1 to 1024)";
    if (!(c.coresetRatio > 0 && c.coresetRatio <= 1))
        return "coreset ratio " + n(c.coresetRatio) + " (above 0, at most 1)";
    if (c.maxBank < 64 || c.maxBank > 100'000'000)
        return "memory bank cap " + n(c.maxBank) + " (64 to 100000000 patches)";
    if (c.maxCandidates < 1)
        return "candidate cap " + n(c.maxCandidates) + " (at least 1)";
    if (c.projectionDim < 0 || c.searchLists < 0 || c.searchProbes < 0)
        return "a negative projection size, list count or probe count";
    if (c.epochs < 1 || c.epochs > 100'000)
        return "epochs " + n(c.epochs) + " (1 to 100000)";
    if (!within(c.learningRate, 1e-9, 10))
        return "learning rate " + n(c.learningRate) + " (above 0, at most 10)";
    if (!within(c.calibrationFraction, 0.01, 0.9))
        return "calibration fraction " + n(c.calibrationFraction) + " (0.01 to 0.9)";
    if (c.maxCalibration < 0)
        return "calibration cap " + n(c.maxCalibration) + " (0 for all, or more)";
    if (!(c.targetFalseAlarmRate > 0 && c.targetFalseAlarmRate < 1))
        return "false-alarm rate " + n(c.targetFalseAlarmRate) + " (above 0, below 1)";
    if (c.maxGroups < 1 || c.maxGroups > 1000)
        return "group limit " + n(c.maxGroups) + " (1 to 1000)";
    if (c.forcedGroups < 0 || c.forcedGroups > 1000)
        return "forced group count " + n(c.forcedGroups) + " (0 for automatic, up to 1000)";
    return {};
}

nlohmann::json toJson(const TrainConfig& c)
{
    return {{"method", methodName(c.method)},
            {"backbone",
             {{"kind", c.backbone.kind},
              {"torchscript_path", c.backbone.torchScriptPath},
              {"mean", c.backbone.mean},
              {"std", c.backbone.std},
              {"seed", c.backbone.seed},
              {"log_floor", c.backbone.logFloor}}},
            {"image_size", c.imageSize},
            {"device", c.device},
            {"threads", c.threads},
            {"batch_size", c.batchSize},
            {"seed", c.seed},
            {"coreset_ratio", c.coresetRatio},
            {"projection_dim", c.projectionDim},
            {"max_bank", c.maxBank},
            {"max_candidates", c.maxCandidates},
            {"search_lists", c.searchLists},
            {"search_probes", c.searchProbes},
            {"epochs", c.epochs},
            {"learning_rate", c.learningRate},
            {"calibration_fraction", c.calibrationFraction},
            {"max_calibration", c.maxCalibration},
            {"target_false_alarm_rate", c.targetFalseAlarmRate},
            {"max_groups", c.maxGroups},
            {"forced_groups", c.forcedGroups},
            {"top_percent_score", c.topPercentScore}};
}

TrainConfig trainConfigFromJson(const nlohmann::json& j)
{
    TrainConfig c;
    c.method = parseMethod(j.at("method"));
    const auto& b = j.at("backbone");
    c.backbone.kind = b.at("kind");
    c.backbone.torchScriptPath = b.value("torchscript_path", "");
    c.backbone.mean = b.at("mean").get<std::array<float, 3>>();
    c.backbone.std = b.at("std").get<std::array<float, 3>>();
    c.backbone.seed = b.value("seed", std::uint64_t(0));
    c.backbone.logFloor = b.value("log_floor", 1e-3); // the floor before it was stored
    c.imageSize = j.at("image_size");
    c.device = j.value("device", "auto");
    c.threads = j.value("threads", 0);
    c.batchSize = j.value("batch_size", 8);
    c.seed = j.value("seed", std::uint64_t(0));
    c.coresetRatio = j.value("coreset_ratio", 0.1);
    c.projectionDim = j.value("projection_dim", 0);
    c.maxBank = j.value("max_bank", TrainConfig{}.maxBank);
    c.maxCandidates = j.value("max_candidates", TrainConfig{}.maxCandidates);
    c.searchLists = j.value("search_lists", 0);
    c.searchProbes = j.value("search_probes", 0); // older files were calibrated with exact search
    c.epochs = j.value("epochs", 30);
    c.learningRate = j.value("learning_rate", 0.005);
    c.calibrationFraction = j.value("calibration_fraction", 0.2);
    c.maxCalibration = j.value("max_calibration", 0); // older files calibrated every image
    c.targetFalseAlarmRate = j.value("target_false_alarm_rate", 0.01);
    c.maxGroups = j.value("max_groups", 10);
    c.forcedGroups = j.value("forced_groups", 0);
    c.topPercentScore = j.value("top_percent_score", false);
    if (const std::string problem = trainConfigProblem(c); !problem.empty())
        throw Error("its configuration is out of range: " + problem + ". Re-train the model");
    return c;
}

nlohmann::json toJson(const ModelInfo& i)
{
    return {{"method", methodName(i.method)},
            {"backbone", i.backbone},
            {"device", i.device},
            {"image_size", i.imageSize},
            {"trained_at", i.trainedAt},
            {"train_images", i.trainImages},
            {"calibration_images", i.calibrationImages},
            {"calibration_method", i.calibrationMethod},
            {"source_folders", i.sourceFolders},
            {"skipped_images", i.skippedImages},
            {"fit_seconds", i.fitSeconds},
            {"calibration_seconds", i.calibrationSeconds},
            {"bank_patches", i.bankPatches},
            {"threshold", i.threshold},
            {"threshold_none", i.thresholdNone}};
}

ModelInfo infoFromJson(const nlohmann::json& j)
{
    ModelInfo i;
    i.method = parseMethod(j.at("method"));
    i.backbone = j.value("backbone", "");
    i.device = j.value("device", "");
    i.imageSize = j.at("image_size");
    i.trainedAt = j.value("trained_at", "");
    i.trainImages = j.value("train_images", 0);
    i.calibrationImages = j.value("calibration_images", 0);
    i.calibrationMethod = j.value("calibration_method", "");
    i.sourceFolders = j.value("source_folders", std::vector<std::string>{});
    i.skippedImages = j.value("skipped_images", std::vector<std::string>{});
    i.fitSeconds = j.value("fit_seconds", 0.0);
    i.calibrationSeconds = j.value("calibration_seconds", 0.0);
    i.bankPatches = j.value("bank_patches", std::int64_t(0));
    i.threshold = j.at("threshold");
    i.thresholdNone = j.at("threshold_none");
    return i;
}

nlohmann::json toJson(const ImplicitGroup& g)
{
    return {{"id", g.id},
            {"name", g.name},
            {"count", g.count},
            {"representative", g.representative},
            {"calibration_scores", g.calibrationScores},
            {"calibration_raw_scores", g.calibrationRawScores}};
}

ImplicitGroup groupFromJson(const nlohmann::json& j)
{
    ImplicitGroup g;
    g.id = j.at("id");
    g.name = j.value("name", "");
    g.count = j.value("count", 0);
    g.representative = j.value("representative", "");
    g.calibrationScores = j.value("calibration_scores", std::vector<double>{});
    g.calibrationRawScores = j.value("calibration_raw_scores", std::vector<double>{});
    return g;
}

nlohmann::json toJson(const CalibrationRecord& r)
{
    return {{"path", r.path},          {"class", r.className},    {"map_mean", r.mapMean},
            {"map_max", r.mapMax},     {"raw_score", r.rawScore}, {"u_hat", r.uHat},
            {"gamma_hat", r.gammaHat}, {"group", r.group}};
}

CalibrationRecord calibrationFromJson(const nlohmann::json& j)
{
    CalibrationRecord r;
    r.path = j.value("path", "");
    r.className = j.value("class", "");
    r.mapMean = j.at("map_mean");
    r.mapMax = j.at("map_max");
    r.rawScore = j.at("raw_score");
    r.uHat = j.value("u_hat", 0.0);
    r.gammaHat = j.value("gamma_hat", 1.0);
    r.group = j.value("group", -1);
    return r;
}

} // namespace cada
