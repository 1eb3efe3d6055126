#pragma once
// A user-supplied TorchScript module: normalised NCHW float input -> list/tuple of feature maps
// (e.g. a ResNet truncated after layer3 returning [layer1, layer2, layer3], exported with
// tools/export_backbone.py). The module's bytes travel inside the model file.
#include <torch/script.h>

#include "backbones/Backbone.h"

namespace cada {

class TorchScriptBackbone : public Backbone {
  public:
    // Loads the module and probes its outputs with one forward pass. Throws cada::Error when the
    // bytes are not TorchScript or the outputs are not 2+ four-dimensional feature maps.
    TorchScriptBackbone(std::string bytes, const BackboneConfig& config, torch::Device device);
    std::vector<torch::Tensor> forward(const torch::Tensor& rgb) override;
    std::vector<std::int64_t> channels() const override { return m_channels; }
    nlohmann::json describe() const override;
    const std::string& bytes() const { return m_bytes; }

  private:
    std::vector<torch::Tensor> run(const torch::Tensor& normalised);

    std::string m_bytes;
    std::string m_sha256;
    std::string m_sourceName;
    torch::jit::script::Module m_module;
    torch::Tensor m_mean, m_std;
    std::vector<std::int64_t> m_channels;
    std::array<float, 3> m_meanValues, m_stdValues;
};

} // namespace cada
