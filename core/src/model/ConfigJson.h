#pragma once
// JSON forms of the public model types, for the model file's header.
#include <nlohmann/json.hpp>

#include "cada/model/Model.h"
#include "cada/model/TrainConfig.h"

namespace cada {

// Limits a model file must respect (training refuses more): larger inputs run for minutes and take
// gigabytes per batch; more threads than this only stall the process.
inline constexpr int kMaxImageSize = 1024;
inline constexpr int kMaxThreads = 1024;

// The first setting out of range, as "image size 20 (a multiple of 16 from 32 to 1024)", or empty.
// Training refuses such a configuration; so does loading, so that a crafted model file cannot
// hang or exhaust the machine.
std::string trainConfigProblem(const TrainConfig& c);

nlohmann::json toJson(const TrainConfig& c);
// Throws cada::Error when trainConfigProblem finds one.
TrainConfig trainConfigFromJson(const nlohmann::json& j);
nlohmann::json toJson(const ModelInfo& i);
ModelInfo infoFromJson(const nlohmann::json& j);
nlohmann::json toJson(const ImplicitGroup& g);
ImplicitGroup groupFromJson(const nlohmann::json& j);
nlohmann::json toJson(const CalibrationRecord& r);
CalibrationRecord calibrationFromJson(const nlohmann::json& j);

} // namespace cada
