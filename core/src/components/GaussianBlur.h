#pragma once
// Gaussian smoothing of anomaly maps on the maps' own device (PatchCore and RD4AD both use
// sigma = 4 on the upsampled map).
#include <torch/torch.h>

namespace cada {

// maps: N x 1 x H x W. Separable, reflect-padded, kernel radius 4 sigma.
torch::Tensor gaussianBlur(const torch::Tensor& maps, double sigma);

} // namespace cada
