#pragma once
// The alignment fitted from the calibration normals: spatial prior, calibration statistics, CADA
// regressor, global (none) statistics and default thresholds. Training and model updates share it.
#include <cstdint>
#include <vector>

#include <torch/torch.h>

#include "model/ModelImpl.h"

namespace cada {

// What the detector gave for each calibration record, in the order of Model::Impl::calibration.
struct CalibrationMaps {
    std::vector<torch::Tensor> embeddings; // E, CPU float
    std::vector<torch::Tensor> maps;       // 1 x S x S detector maps, CPU half (cleared by fit)
    std::vector<torch::Tensor> grids;      // SpatialPrior::toGrid of each map (cleared by fit)
    std::vector<torch::Tensor> near;       // each one's calibration neighbours (set by fit)
};

class CalibrationFit {
  public:
    // Fits the regressor's feature space, the calibration neighbours and the spatial prior, fills
    // each record's map statistics (prior-corrected, leaving itself out), then fits the regressor
    // and the global statistics. The records' groups must be set.
    static void fitAlignment(Model::Impl& m, CalibrationMaps& cal, std::uint64_t seed);

    // Every calibration normal aligned both ways: its (u, gamma), the default thresholds at the
    // target false-alarm rate, and each group's calibration scores (replaced).
    static void setThresholds(Model::Impl& m, const CalibrationMaps& cal,
                              double targetFalseAlarmRate);
};

} // namespace cada
