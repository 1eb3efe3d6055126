#include "alignment/SpatialPrior.h"

#include <limits>

#include "cada/Error.h"

namespace cada {
namespace F = torch::nn::functional;

torch::Tensor SpatialPrior::toGrid(const torch::Tensor& map)
{
    auto m = map.detach().to(torch::kCPU).to(torch::kFloat32);
    m = m.reshape({1, 1, m.size(-2), m.size(-1)});
    return F::adaptive_avg_pool2d(m, F::AdaptiveAvgPool2dFuncOptions({kGrid, kGrid}))
        .reshape({kGrid, kGrid});
}

void SpatialPrior::fit(const std::vector<torch::Tensor>& gridMaps, const torch::Tensor& features)
{
    if (gridMaps.empty() || std::int64_t(gridMaps.size()) != features.size(0)) {
        m_maps = torch::Tensor();
        m_features = torch::Tensor();
        return;
    }
    m_maps = torch::stack(gridMaps).to(torch::kFloat32).contiguous();
    m_features = features.to(torch::kCPU).to(torch::kFloat32).contiguous();
}

torch::Tensor SpatialPrior::offset(const torch::Tensor& featureRow, std::int64_t size,
                                   torch::Device device, std::int64_t exclude) const
{
    if (empty())
        return torch::zeros({1, size, size}, torch::TensorOptions().device(device));
    auto d2 =
        (m_features - featureRow.to(torch::kCPU).to(torch::kFloat32).view({1, -1})).pow(2).sum(1);
    if (exclude >= 0 && exclude < d2.size(0))
        d2[exclude] = std::numeric_limits<float>::infinity();
    const auto nearest = std::get<1>(d2.topk(kNeighbours, 0, /*largest=*/false));
    auto mean = m_maps.index_select(0, nearest).mean(0);
    mean = mean - mean.mean();
    return F::interpolate(mean.reshape({1, 1, kGrid, kGrid}).to(device),
                          F::InterpolateFuncOptions()
                              .size(std::vector<std::int64_t>{size, size})
                              .mode(torch::kBilinear)
                              .align_corners(false))
        .reshape({1, size, size});
}

void SpatialPrior::save(TensorArchive& archive) const
{
    if (empty())
        return;
    archive.put("prior.maps", m_maps);
    archive.put("prior.features", m_features);
}

void SpatialPrior::load(const TensorArchive& archive)
{
    m_maps = torch::Tensor();
    m_features = torch::Tensor();
    if (!archive.has("prior.maps"))
        return;
    m_maps = archive.get("prior.maps");
    if (m_maps.dim() != 3 || m_maps.size(1) != kGrid || m_maps.size(2) != kGrid)
        throw Error("the spatial prior has the wrong shape; re-train the model");
    m_features = archive.get("prior.features");
    if (m_features.dim() != 2 || m_features.size(0) != m_maps.size(0))
        throw Error("the spatial prior is inconsistent; re-train the model");
}

} // namespace cada
