#pragma once
// JSON forms of the public model types, for the model file's header.
#include <nlohmann/json.hpp>

#include "cada/detect/Model.h"
#include "cada/detect/TrainConfig.h"

namespace cada {

nlohmann::json toJson(const TrainConfig& c);
TrainConfig trainConfigFromJson(const nlohmann::json& j);
nlohmann::json toJson(const ModelInfo& i);
ModelInfo infoFromJson(const nlohmann::json& j);
nlohmann::json toJson(const ImplicitGroup& g);
ImplicitGroup groupFromJson(const nlohmann::json& j);
nlohmann::json toJson(const CalibrationRecord& r);
CalibrationRecord calibrationFromJson(const nlohmann::json& j);

} // namespace cada
