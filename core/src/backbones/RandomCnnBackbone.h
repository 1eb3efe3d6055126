#pragma once
// Built-in, weight-free backbone: a seeded random CNN (Jarrett et al. 2009; Saxe et al. 2011
// showed random convolutional features are surprisingly discriminative). Conv3x3 + ReLU blocks,
// average-pool downsampling (it beat strided convolutions in our measurements), three stages at
// strides 4, 8, 16 with 64, 128 and 256 channels. The weights follow from the seed alone.
#include "backbones/Backbone.h"

namespace cada {

class RandomCnnBackbone : public Backbone {
  public:
    RandomCnnBackbone(std::uint64_t seed, torch::Device device);
    std::vector<torch::Tensor> forward(const torch::Tensor& rgb) override;
    std::vector<torch::Tensor> activations(std::vector<torch::Tensor> stages) const override;
    std::vector<std::int64_t> channels() const override { return {64, 128, 256}; }
    nlohmann::json describe() const override;

  private:
    std::uint64_t m_seed;
    std::vector<torch::Tensor> m_weights; // conv kernels, in order
};

} // namespace cada
