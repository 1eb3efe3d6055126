#pragma once
// Built-in, weight-free backbone: a fixed two-layer Morlet scattering network.
//
// Bruna & Mallat, "Invariant Scattering Convolution Networks", TPAMI 2013; Sifre & Mallat,
// "Rotation, Scaling and Deformation Invariant Scattering for Texture Discrimination", CVPR 2013.
// Layer 1: Morlet wavelets at 3 scales x 6 orientations on CIE-Lab, modulus. Layer 2: Morlet
// wavelets on the lightness channel's layer-1 moduli at coarser scales, modulus, averaged over the
// second orientation. Scales are computed on a Gaussian pyramid with one small filter bank. All
// coefficients plus the low-pass Lab image are average-pooled to strides 4, 8 and 16 and
// log-compressed above a floor of one just-noticeable colour difference. Deterministic, no file, no
// training.
#include "backbones/Backbone.h"

namespace cada {

class ScatteringBackbone : public Backbone {
  public:
    // logFloor: coefficients are compressed as log(s + logFloor); see BackboneConfig::logFloor.
    ScatteringBackbone(double logFloor, torch::Device device);
    std::vector<torch::Tensor> forward(const torch::Tensor& rgb) override;
    std::vector<torch::Tensor> activations(std::vector<torch::Tensor> stages) const override;
    std::vector<std::int64_t> channels() const override;
    nlohmann::json describe() const override;

    static constexpr int kScales = 3;
    static constexpr int kOrientations = 6;

  private:
    double m_logFloor;
    torch::Tensor m_bank;    // 2L x 1 x k x k: real and imaginary parts per orientation
    torch::Tensor m_pyramid; // 1 x 1 x 5 x 5 binomial low-pass
};

} // namespace cada
