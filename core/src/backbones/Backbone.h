#pragma once
// The feature extractor behind every detector: images in, three feature maps out.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "cada/model/TrainConfig.h"

namespace cada {

class Backbone {
  public:
    virtual ~Backbone() = default;

    // rgb: N x 3 x H x W, values in [0, 1], on the backbone's device. Returns three feature maps
    // at strides 4, 8 and 16 (a TorchScript backbone may use other strides; they are probed).
    // Called under torch::NoGradGuard by the detectors.
    virtual std::vector<torch::Tensor> forward(const torch::Tensor& rgb) = 0;
    // Channel count of each stage.
    virtual std::vector<std::int64_t> channels() const = 0;
    // Identity for the model file (kind and parameters; TorchScript adds its SHA-256).
    virtual nlohmann::json describe() const = 0;

    // The stages as non-negative activations, the form a ReLU network's stages have. Reverse
    // Distillation compares directions (cosine), which are stable only away from the origin. The
    // built-in backbones undo their log compression here; a TorchScript backbone's stages are
    // returned as they are.
    virtual std::vector<torch::Tensor> activations(std::vector<torch::Tensor> stages) const
    {
        return stages;
    }

    // Global embedding: per-stage spatial median and interquartile range of every channel,
    // concatenated. Type-specific (texture statistics) and robust to small local defects.
    static torch::Tensor embedding(const std::vector<torch::Tensor>& stages);
};

// Builds the backbone a config names. For "torchscript", `torchScriptBytes` holds the module
// (read from config.torchScriptPath when empty). Throws cada::Error on a bad file or output.
std::unique_ptr<Backbone> makeBackbone(const BackboneConfig& config, torch::Device device,
                                       std::string torchScriptBytes = {});

} // namespace cada
