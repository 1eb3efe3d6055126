#include "model/ConfigJson.h"

#include <tuple>
#include <type_traits>

#include "cada/Error.h"

namespace cada {
namespace {

// One stored field: its key, its member, and whether every file has it. Each type lists its fields
// once; writing and reading both walk that list.
template <class T, class V> struct Field {
    const char* key;
    V T::*member;
    bool required;
};
template <class T, class V> constexpr Field<T, V> required(const char* key, V T::*member)
{
    return {key, member, true};
}
template <class T, class V> constexpr Field<T, V> optional(const char* key, V T::*member)
{
    return {key, member, false};
}

template <class T, class Fields> void writeFields(nlohmann::json& j, const T& v, const Fields& f)
{
    j = nlohmann::json::object();
    std::apply([&](const auto&... field) { ((j[field.key] = v.*(field.member)), ...); }, f);
}

// A missing optional key takes its value from `older`: what files without the key meant.
template <class T, class Fields>
void readFields(const nlohmann::json& j, T& v, const T& older, const Fields& f)
{
    auto read = [&](const auto& field) {
        auto& dst = v.*(field.member);
        using V = std::decay_t<decltype(dst)>;
        if (field.required || j.contains(field.key))
            dst = j.at(field.key).template get<V>();
        else
            dst = older.*(field.member);
    };
    std::apply([&](const auto&... field) { (read(field), ...); }, f);
}

const auto backboneFields = std::make_tuple(
    required("kind", &BackboneConfig::kind),
    optional("torchscript_path", &BackboneConfig::torchScriptPath),
    required("mean", &BackboneConfig::mean), required("std", &BackboneConfig::std),
    optional("seed", &BackboneConfig::seed), optional("log_floor", &BackboneConfig::logFloor));

const auto trainConfigFields = std::make_tuple(
    required("method", &TrainConfig::method), required("backbone", &TrainConfig::backbone),
    required("image_size", &TrainConfig::imageSize), optional("device", &TrainConfig::device),
    optional("threads", &TrainConfig::threads), optional("batch_size", &TrainConfig::batchSize),
    optional("seed", &TrainConfig::seed), optional("coreset_ratio", &TrainConfig::coresetRatio),
    optional("projection_dim", &TrainConfig::projectionDim),
    optional("max_bank", &TrainConfig::maxBank),
    optional("max_candidates", &TrainConfig::maxCandidates),
    optional("search_lists", &TrainConfig::searchLists),
    optional("search_probes", &TrainConfig::searchProbes), optional("epochs", &TrainConfig::epochs),
    optional("learning_rate", &TrainConfig::learningRate),
    optional("calibration_fraction", &TrainConfig::calibrationFraction),
    optional("max_calibration", &TrainConfig::maxCalibration),
    optional("target_false_alarm_rate", &TrainConfig::targetFalseAlarmRate),
    optional("max_groups", &TrainConfig::maxGroups),
    optional("forced_groups", &TrainConfig::forcedGroups),
    optional("top_percent_score", &TrainConfig::topPercentScore));

// What files without a key meant where that differs from today's default.
TrainConfig olderTrainConfig()
{
    TrainConfig c;
    c.backbone.logFloor = 1e-3; // the floor before it was stored
    c.searchProbes = 0;         // calibrated with an exact search
    c.epochs = 30;
    c.maxCalibration = 0; // every image was calibrated
    c.maxGroups = 10;
    return c;
}

const auto addedImageFields =
    std::make_tuple(required("path", &AddedImage::path), required("sha256", &AddedImage::sha256));

const auto updateFields = std::make_tuple(
    required("time", &ModelUpdate::time), required("reason", &ModelUpdate::reason),
    optional("reviewer", &ModelUpdate::reviewer),
    required("parent_sha256", &ModelUpdate::parentSha256),
    optional("parent_path", &ModelUpdate::parentPath), required("added", &ModelUpdate::added));

const auto infoFields = std::make_tuple(
    required("method", &ModelInfo::method), optional("backbone", &ModelInfo::backbone),
    optional("device", &ModelInfo::device), required("image_size", &ModelInfo::imageSize),
    optional("trained_at", &ModelInfo::trainedAt),
    optional("train_images", &ModelInfo::trainImages),
    optional("calibration_images", &ModelInfo::calibrationImages),
    optional("calibration_method", &ModelInfo::calibrationMethod),
    optional("source_folders", &ModelInfo::sourceFolders),
    optional("skipped_images", &ModelInfo::skippedImages),
    optional("fit_seconds", &ModelInfo::fitSeconds),
    optional("calibration_seconds", &ModelInfo::calibrationSeconds),
    optional("bank_patches", &ModelInfo::bankPatches), required("threshold", &ModelInfo::threshold),
    required("threshold_none", &ModelInfo::thresholdNone), optional("version", &ModelInfo::version),
    optional("parent_sha256", &ModelInfo::parentSha256), optional("history", &ModelInfo::history),
    optional("fit_images", &ModelInfo::fitImages));

const auto groupFields =
    std::make_tuple(required("id", &ImplicitGroup::id), optional("name", &ImplicitGroup::name),
                    optional("count", &ImplicitGroup::count),
                    optional("representative", &ImplicitGroup::representative),
                    optional("calibration_scores", &ImplicitGroup::calibrationScores),
                    optional("calibration_raw_scores", &ImplicitGroup::calibrationRawScores));

const auto calibrationFields = std::make_tuple(
    optional("path", &CalibrationRecord::path), optional("class", &CalibrationRecord::className),
    required("map_mean", &CalibrationRecord::mapMean),
    required("map_max", &CalibrationRecord::mapMax),
    required("raw_score", &CalibrationRecord::rawScore),
    optional("u_hat", &CalibrationRecord::uHat),
    optional("gamma_hat", &CalibrationRecord::gammaHat),
    optional("group", &CalibrationRecord::group), optional("owner", &CalibrationRecord::owner));

CalibrationRecord olderCalibrationRecord()
{
    CalibrationRecord r;
    r.owner = CalibrationRecord::kOwnerUnknown;
    return r;
}

} // namespace

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

void to_json(nlohmann::json& j, Method m)
{
    j = methodName(m);
}
void from_json(const nlohmann::json& j, Method& m)
{
    m = parseMethod(j.get<std::string>());
}

void to_json(nlohmann::json& j, UpdateReason r)
{
    j = updateReasonName(r);
}
void from_json(const nlohmann::json& j, UpdateReason& r)
{
    r = parseUpdateReason(j.get<std::string>());
}

void to_json(nlohmann::json& j, const BackboneConfig& c)
{
    writeFields(j, c, backboneFields);
}
void from_json(const nlohmann::json& j, BackboneConfig& c)
{
    readFields(j, c, olderTrainConfig().backbone, backboneFields);
}

void to_json(nlohmann::json& j, const TrainConfig& c)
{
    writeFields(j, c, trainConfigFields);
}
void from_json(const nlohmann::json& j, TrainConfig& c)
{
    readFields(j, c, olderTrainConfig(), trainConfigFields);
    if (const std::string problem = trainConfigProblem(c); !problem.empty())
        throw Error("its configuration is out of range: " + problem + ". Re-train the model");
}

void to_json(nlohmann::json& j, const AddedImage& a)
{
    writeFields(j, a, addedImageFields);
}
void from_json(const nlohmann::json& j, AddedImage& a)
{
    readFields(j, a, AddedImage{}, addedImageFields);
}

void to_json(nlohmann::json& j, const ModelUpdate& u)
{
    writeFields(j, u, updateFields);
}
void from_json(const nlohmann::json& j, ModelUpdate& u)
{
    readFields(j, u, ModelUpdate{}, updateFields);
}

void to_json(nlohmann::json& j, const ModelInfo& i)
{
    writeFields(j, i, infoFields);
}
void from_json(const nlohmann::json& j, ModelInfo& i)
{
    readFields(j, i, ModelInfo{}, infoFields);
}

void to_json(nlohmann::json& j, const ImplicitGroup& g)
{
    writeFields(j, g, groupFields);
}
void from_json(const nlohmann::json& j, ImplicitGroup& g)
{
    readFields(j, g, ImplicitGroup{}, groupFields);
}

void to_json(nlohmann::json& j, const CalibrationRecord& r)
{
    writeFields(j, r, calibrationFields);
}
void from_json(const nlohmann::json& j, CalibrationRecord& r)
{
    readFields(j, r, olderCalibrationRecord(), calibrationFields);
}

} // namespace cada
