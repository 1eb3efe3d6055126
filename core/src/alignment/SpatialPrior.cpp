#include "alignment/SpatialPrior.h"

#include "cada/Error.h"

namespace cada {
namespace F = torch::nn::functional;

namespace {
// A grid of mean zero: the prior moves scores between places, never the image's level.
torch::Tensor centred(const torch::Tensor& mean)
{
    return mean - mean.mean();
}
} // namespace

torch::Tensor SpatialPrior::toGrid(const torch::Tensor& map)
{
    auto m = map.detach().to(torch::kCPU).to(torch::kFloat32);
    m = m.reshape({1, 1, m.size(-2), m.size(-1)});
    return F::adaptive_avg_pool2d(m, F::AdaptiveAvgPool2dFuncOptions({kGrid, kGrid}))
        .reshape({kGrid, kGrid});
}

void SpatialPrior::fit(const std::vector<torch::Tensor>& gridMaps, const std::vector<int>& groups,
                       int groupCount)
{
    m_sum = torch::zeros({std::max(groupCount, 0), kGrid, kGrid});
    m_counts = torch::zeros({std::max(groupCount, 0)}, torch::kInt64);
    for (size_t i = 0; i < gridMaps.size() && i < groups.size(); ++i) {
        const int g = groups[i];
        if (g < 0 || g >= groupCount)
            continue;
        m_sum[g] += gridMaps[i];
        m_counts[g] += 1;
    }
}

bool SpatialPrior::has(int group) const
{
    return m_counts.defined() && group >= 0 && group < m_counts.size(0) &&
           m_counts[group].item<std::int64_t>() >= kMinImages;
}

torch::Tensor SpatialPrior::upsample(const torch::Tensor& grid, std::int64_t size,
                                     torch::Device device) const
{
    return F::interpolate(grid.reshape({1, 1, kGrid, kGrid}).to(device),
                          F::InterpolateFuncOptions()
                              .size(std::vector<std::int64_t>{size, size})
                              .mode(torch::kBilinear)
                              .align_corners(false))
        .reshape({1, size, size});
}

torch::Tensor SpatialPrior::offset(int group, std::int64_t size, torch::Device device) const
{
    if (!has(group))
        return torch::zeros({1, size, size}, torch::TensorOptions().device(device));
    const auto n = double(m_counts[group].item<std::int64_t>());
    return upsample(centred(m_sum[group] / n), size, device);
}

torch::Tensor SpatialPrior::leaveOneOut(int group, const torch::Tensor& gridMap,
                                        std::int64_t size, torch::Device device) const
{
    if (!has(group))
        return torch::zeros({1, size, size}, torch::TensorOptions().device(device));
    const auto n = double(m_counts[group].item<std::int64_t>());
    return upsample(centred((m_sum[group] - gridMap) / (n - 1.0)), size, device);
}

void SpatialPrior::save(TensorArchive& archive) const
{
    if (!m_sum.defined() || m_sum.size(0) == 0)
        return;
    archive.put("prior.sum", m_sum);
    archive.put("prior.counts", m_counts);
}

void SpatialPrior::load(const TensorArchive& archive)
{
    if (!archive.has("prior.sum")) {
        m_sum = torch::Tensor();
        m_counts = torch::Tensor();
        return;
    }
    m_sum = archive.get("prior.sum");
    if (m_sum.dim() != 3 || m_sum.size(1) != kGrid || m_sum.size(2) != kGrid)
        throw Error("the spatial prior has the wrong shape; re-train the model");
    m_counts = archive.get("prior.counts", {m_sum.size(0)});
}

} // namespace cada
