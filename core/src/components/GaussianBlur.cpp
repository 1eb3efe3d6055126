#include "components/GaussianBlur.h"

#include <cmath>

namespace cada {

torch::Tensor gaussianBlur(const torch::Tensor& maps, double sigma)
{
    if (sigma <= 0)
        return maps;
    const int radius = int(std::ceil(4.0 * sigma));
    auto x = torch::arange(-radius, radius + 1, maps.options());
    auto k = torch::exp(-(x * x) / (2.0 * sigma * sigma));
    k = k / k.sum();
    namespace F = torch::nn::functional;
    // Reflect padding needs the pad to be smaller than the side; clamp for tiny maps.
    const int padH = std::min<int>(radius, int(maps.size(2)) - 1),
              padW = std::min<int>(radius, int(maps.size(3)) - 1);
    auto out = F::pad(maps, F::PadFuncOptions({padW, padW, 0, 0}).mode(torch::kReflect));
    out = F::conv2d(out, k.view({1, 1, 1, -1}), F::Conv2dFuncOptions().padding({0, radius - padW}));
    out = F::pad(out, F::PadFuncOptions({0, 0, padH, padH}).mode(torch::kReflect));
    out = F::conv2d(out, k.view({1, 1, -1, 1}), F::Conv2dFuncOptions().padding({radius - padH, 0}));
    return out;
}

} // namespace cada
