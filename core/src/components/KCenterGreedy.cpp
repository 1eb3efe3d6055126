#include "components/KCenterGreedy.h"

#include <algorithm>
#include <limits>

#include <ATen/Parallel.h>

namespace cada {

torch::Tensor kCenterGreedy(const torch::Tensor& features, std::int64_t count, std::uint64_t seed,
                            Progress& progress)
{
    torch::NoGradGuard noGrad;
    // Column-major (D x N): every step streams each dimension over a block of rows, which the
    // compiler vectorises across rows without horizontal sums.
    const auto xt = features.to(torch::kCPU, torch::kFloat32).t().contiguous();
    const auto d = xt.size(0), n = xt.size(1);
    count = std::clamp<std::int64_t>(count, 1, n);
    const float* data = xt.data_ptr<float>();
    std::vector<float> minDist(static_cast<size_t>(n), std::numeric_limits<float>::infinity());
    std::vector<float> centre(static_cast<size_t>(d));

    // Rows are split into chunks; each reports its farthest row and the chunks are reduced in
    // order (first maximum wins), so the result does not depend on the thread count.
    constexpr std::int64_t kBlock = 256;
    const std::int64_t chunk = std::max<std::int64_t>(
        16 * kBlock, (n + 4 * at::get_num_threads() - 1) / (4 * at::get_num_threads()));
    const std::int64_t chunks = (n + chunk - 1) / chunk;
    std::vector<std::pair<float, std::int64_t>> farthest(static_cast<size_t>(chunks));

    auto gen = at::detail::createCPUGenerator(seed);
    std::int64_t current = torch::randint(n, {1}, gen).item<std::int64_t>();
    auto chosen = torch::empty({count}, torch::kInt64);
    auto* out = chosen.data_ptr<std::int64_t>();
    progress.begin("Selecting coreset", count);
    const std::int64_t tick = std::max<std::int64_t>(1, count / 100);
    std::int64_t reported = 0;
    for (std::int64_t i = 0; i < count; ++i) {
        out[i] = current;
        for (std::int64_t j = 0; j < d; ++j)
            centre[size_t(j)] = data[j * n + current];
        at::parallel_for(0, chunks, 1, [&](std::int64_t cb, std::int64_t ce) {
            float acc[kBlock];
            for (std::int64_t k = cb; k < ce; ++k) {
                float bestValue = -1.0f;
                std::int64_t bestRow = k * chunk;
                const std::int64_t end = std::min(n, (k + 1) * chunk);
                for (std::int64_t r0 = k * chunk; r0 < end; r0 += kBlock) {
                    const std::int64_t len = std::min(kBlock, end - r0);
                    std::fill(acc, acc + len, 0.0f);
                    for (std::int64_t j = 0; j < d; ++j) {
                        const float* col = data + j * n + r0;
                        const float c = centre[size_t(j)];
                        for (std::int64_t r = 0; r < len; ++r) {
                            const float t = col[r] - c;
                            acc[r] += t * t;
                        }
                    }
                    float* md = minDist.data() + r0;
                    float blockMax = -1.0f;
#pragma omp simd reduction(max : blockMax)
                    for (std::int64_t r = 0; r < len; ++r) {
                        md[r] = std::min(md[r], acc[r]);
                        blockMax = std::max(blockMax, md[r]);
                    }
                    if (blockMax > bestValue) {
                        bestValue = blockMax;
                        bestRow = r0 + (std::max_element(md, md + len) - md);
                    }
                }
                farthest[size_t(k)] = {bestValue, bestRow};
            }
        });
        auto best = farthest[0];
        for (std::int64_t k = 1; k < chunks; ++k)
            if (farthest[size_t(k)].first > best.first)
                best = farthest[size_t(k)];
        current = best.second;
        if ((i + 1) % tick == 0 || i + 1 == count) {
            progress.advance(i + 1 - reported);
            reported = i + 1;
        }
    }
    return chosen;
}

torch::Tensor principalComponents(const torch::Tensor& features, std::int64_t dims)
{
    torch::NoGradGuard noGrad;
    const auto x = features.to(torch::kFloat32);
    const auto centred = x - x.mean(0, true);
    if (x.size(1) <= dims)
        return centred;
    const auto x64 = centred.to(torch::kFloat64);
    const auto covariance = x64.t().mm(x64) / double(std::max<std::int64_t>(1, x.size(0) - 1));
    // eigh sorts eigenvalues in ascending order: the leading components are the last columns.
    const auto vectors = std::get<1>(torch::linalg_eigh(covariance));
    const auto leading = vectors.narrow(1, vectors.size(1) - dims, dims).to(torch::kFloat32);
    return centred.mm(leading.to(x.device()));
}

} // namespace cada
