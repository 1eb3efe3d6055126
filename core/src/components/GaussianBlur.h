#pragma once
// Gaussian smoothing of anomaly maps on the maps' own device (PatchCore and RD4AD both use
// sigma = 4 on the upsampled map of a 224-pixel input; mapSigma scales it to other sizes).
#include <torch/torch.h>

namespace cada {

// maps: N x 1 x H x W. Separable, reflect-padded, kernel radius 4 sigma.
torch::Tensor gaussianBlur(const torch::Tensor& maps, double sigma);

// The smoothing of anomaly maps: PatchCore's and RD4AD's sigma of 4 pixels at a 224-pixel input,
// scaled with the input so that a map is equally smooth relative to the image at any size.
inline double mapSigma(std::int64_t imageSize)
{
    return 4.0 * double(imageSize) / 224.0;
}

} // namespace cada
