#pragma once
// The detector a training configuration asks for, on its backbone.
#include <memory>

#include <torch/torch.h>

#include "cada/model/TrainConfig.h"
#include "detectors/Detector.h"

namespace cada {

class Backbone;

// PatchCore or Reverse Distillation with the configuration's parameters. The backbone must
// outlive the detector.
std::unique_ptr<Detector> makeDetector(const TrainConfig& config, Backbone& backbone,
                                       torch::Device device);

} // namespace cada
