#include "components/KCenterGreedy.h"

#include <algorithm>
#include <limits>

#include <ATen/Parallel.h>

#include "components/NearestNeighbourIndex.h"

namespace cada {

torch::Tensor kCenterGreedy(const torch::Tensor& features, std::int64_t count, std::uint64_t seed,
                            Progress& progress)
{
    torch::NoGradGuard noGrad;
    const auto x = features.to(torch::kCPU, torch::kFloat32).contiguous();
    const auto n = x.size(0), d = x.size(1);
    count = std::clamp<std::int64_t>(count, 1, n);
    auto gen = at::detail::createCPUGenerator(seed);
    const std::int64_t start = torch::randint(n, {1}, gen).item<std::int64_t>();

    // Rows are ordered by k-means list so that each block of kBlock consecutive rows is compact.
    // A block whose bounding ball lies farther from the new centre than its farthest row already is
    // from its nearest centre cannot change and is skipped (the triangle inequality): late steps
    // touch only the blocks near the new centre. The choices are those of the plain greedy.
    constexpr std::int64_t kBlock = 256;
    torch::Tensor order = torch::arange(n);
    if (n > 8 * kBlock) {
        NearestNeighbourIndex lists;
        lists.build(x, torch::arange(n), int(n / kBlock), seed, torch::kCPU);
        order = lists.owners().contiguous();
    }
    // Column-major (D x N): a block streams each dimension over its rows, which the compiler
    // vectorises across rows without horizontal sums.
    const auto xt = x.index_select(0, order).t().contiguous();
    const float* data = xt.data_ptr<float>();
    const auto* original = order.data_ptr<std::int64_t>();

    // Each block's bounding ball: centre (mean of its rows) and radius, from the column-major data.
    const std::int64_t blocks = (n + kBlock - 1) / kBlock;
    std::vector<double> centre0(static_cast<size_t>(blocks * d)),
        radius(static_cast<size_t>(blocks));
    at::parallel_for(0, blocks, 16, [&](std::int64_t b0, std::int64_t b1) {
        for (std::int64_t b = b0; b < b1; ++b) {
            const std::int64_t r0 = b * kBlock, len = std::min(kBlock, n - r0);
            std::vector<double> dist(static_cast<size_t>(len), 0.0);
            for (std::int64_t j = 0; j < d; ++j) {
                const float* col = data + j * n + r0;
                double m = 0.0;
                for (std::int64_t r = 0; r < len; ++r)
                    m += col[r];
                m /= double(len);
                centre0[size_t(b * d + j)] = m;
                for (std::int64_t r = 0; r < len; ++r)
                    dist[size_t(r)] += (col[r] - m) * (col[r] - m);
            }
            radius[size_t(b)] = std::sqrt(*std::max_element(dist.begin(), dist.end()));
        }
    });

    std::vector<float> minDist(static_cast<size_t>(n), std::numeric_limits<float>::infinity());
    std::vector<float> blockMax(static_cast<size_t>(blocks),
                                std::numeric_limits<float>::infinity());
    std::vector<std::int64_t> blockArg(static_cast<size_t>(blocks), 0);
    std::vector<std::int64_t> active;
    std::vector<float> centre(static_cast<size_t>(d));

    std::int64_t current = 0; // position in the sorted order
    while (original[current] != start)
        ++current;
    auto chosen = torch::empty({count}, torch::kInt64);
    auto* out = chosen.data_ptr<std::int64_t>();
    progress.begin("Selecting coreset", count);
    const std::int64_t tick = std::max<std::int64_t>(1, count / 100);
    std::int64_t reported = 0;
    for (std::int64_t i = 0; i < count; ++i) {
        out[i] = original[current];
        for (std::int64_t j = 0; j < d; ++j)
            centre[size_t(j)] = data[j * n + current];
        active.clear();
        for (std::int64_t b = 0; b < blocks; ++b) {
            double dc = 0.0;
            for (std::int64_t j = 0; j < d; ++j) {
                const double t = double(centre[size_t(j)]) - centre0[size_t(b * d + j)];
                dc += t * t;
            }
            const double gap = std::sqrt(dc) - radius[size_t(b)];
            // A margin keeps float rounding from skipping a block that would change.
            if (!(gap > 0.0 && gap * gap > double(blockMax[size_t(b)]) * (1.0 + 1e-4) + 1e-12))
                active.push_back(b);
        }
        at::parallel_for(0, std::int64_t(active.size()), 8, [&](std::int64_t a0, std::int64_t a1) {
            float acc[kBlock];
            for (std::int64_t a = a0; a < a1; ++a) {
                const std::int64_t b = active[size_t(a)];
                const std::int64_t r0 = b * kBlock, len = std::min(kBlock, n - r0);
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
                for (std::int64_t r = 0; r < len; ++r)
                    md[r] = std::min(md[r], acc[r]);
                const auto* top = std::max_element(md, md + len);
                blockMax[size_t(b)] = *top;
                blockArg[size_t(b)] = r0 + (top - md);
            }
        });
        std::int64_t best = 0;
        for (std::int64_t b = 1; b < blocks; ++b)
            if (blockMax[size_t(b)] > blockMax[size_t(best)])
                best = b;
        current = blockArg[size_t(best)];
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
    // Without a centred or double copy of the rows (the coreset candidates are 120 MB): the
    // covariance from X'X and the mean, the coordinates as XV - mean V.
    const auto x = features.to(torch::kFloat32);
    const auto n = std::max<std::int64_t>(1, x.size(0));
    const auto mean = x.mean(0, true);
    if (x.size(1) <= dims)
        return x - mean;
    const auto mean64 = mean.to(torch::kFloat64);
    const auto covariance = (x.t().mm(x).to(torch::kFloat64) - double(n) * mean64.t().mm(mean64)) /
                            double(std::max<std::int64_t>(1, n - 1));
    // eigh sorts eigenvalues in ascending order: the leading components are the last columns.
    const auto vectors = std::get<1>(torch::linalg_eigh(covariance.cpu()));
    const auto leading =
        vectors.narrow(1, vectors.size(1) - dims, dims).to(torch::kFloat32).to(x.device());
    return x.mm(leading) - mean.mm(leading);
}

} // namespace cada
