#include "components/KCenterGreedy.h"

#include <algorithm>

namespace cada {

torch::Tensor kCenterGreedy(const torch::Tensor& features, std::int64_t count, std::uint64_t seed,
                            Progress& progress, std::int64_t projectionDim)
{
    torch::NoGradGuard noGrad;
    const auto n = features.size(0);
    count = std::clamp<std::int64_t>(count, 1, n);
    auto gen = at::detail::createCPUGenerator(seed);
    auto x = features;
    if (features.size(1) > projectionDim) {
        auto proj = torch::randn({features.size(1), projectionDim}, gen).to(features.device()) /
                    std::sqrt(double(projectionDim));
        x = features.mm(proj);
    }
    const auto norms = x.pow(2).sum(1);
    auto minDist = torch::full({n}, std::numeric_limits<float>::infinity(), x.options());
    auto chosen = torch::empty({count}, torch::kInt64);
    auto chosenAcc = chosen.accessor<std::int64_t, 1>();
    std::int64_t current = torch::randint(n, {1}, gen).item<std::int64_t>();
    progress.begin("Selecting coreset", count);
    const std::int64_t tick = std::max<std::int64_t>(1, count / 100);
    std::int64_t reported = 0;
    for (std::int64_t i = 0; i < count; ++i) {
        chosenAcc[i] = current;
        // |x - c|^2 = |x|^2 - 2 x.c + |c|^2, one matrix-vector product per step
        const auto c = x[current];
        const auto d = (norms - 2.0 * x.mv(c) + norms[current]).clamp_min_(0);
        minDist = torch::minimum(minDist, d);
        current = minDist.argmax().item<std::int64_t>();
        if ((i + 1) % tick == 0 || i + 1 == count) {
            progress.advance(i + 1 - reported);
            reported = i + 1;
        }
    }
    return chosen;
}

} // namespace cada
