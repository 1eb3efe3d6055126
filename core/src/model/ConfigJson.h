#pragma once
// JSON forms of the public model types, for the model file's header: nlohmann's to_json/from_json
// (found by argument-dependent lookup), so `nlohmann::json(config)` and `j.get<TrainConfig>()`
// work.
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

// A key missing from an older file reads as the value such files meant (not always today's
// default: an older file without "search_probes" was calibrated with an exact search).
void to_json(nlohmann::json& j, Method m);
void from_json(const nlohmann::json& j, Method& m);
void to_json(nlohmann::json& j, UpdateReason r);
void from_json(const nlohmann::json& j, UpdateReason& r);
void to_json(nlohmann::json& j, const BackboneConfig& c);
void from_json(const nlohmann::json& j, BackboneConfig& c);
void to_json(nlohmann::json& j, const TrainConfig& c);
void from_json(const nlohmann::json& j, TrainConfig& c); // throws cada::Error: trainConfigProblem
void to_json(nlohmann::json& j, const AddedImage& a);
void from_json(const nlohmann::json& j, AddedImage& a);
void to_json(nlohmann::json& j, const ModelUpdate& u);
void from_json(const nlohmann::json& j, ModelUpdate& u);
void to_json(nlohmann::json& j, const ModelInfo& i);
void from_json(const nlohmann::json& j, ModelInfo& i);
void to_json(nlohmann::json& j, const ImplicitGroup& g);
void from_json(const nlohmann::json& j, ImplicitGroup& g);
void to_json(nlohmann::json& j, const CalibrationRecord& r);
void from_json(const nlohmann::json& j, CalibrationRecord& r);

} // namespace cada
