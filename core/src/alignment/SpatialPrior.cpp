#include "alignment/SpatialPrior.h"

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

void SpatialPrior::fit(const std::vector<torch::Tensor>& gridMaps)
{
    m_maps = gridMaps.empty() ? torch::Tensor()
                              : torch::stack(gridMaps).to(torch::kFloat32).contiguous();
}

torch::Tensor SpatialPrior::offset(const torch::Tensor& neighbours, std::int64_t size,
                                   torch::Device device) const
{
    auto mean = m_maps.index_select(0, neighbours).mean(0);
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
}

void SpatialPrior::load(const TensorArchive& archive)
{
    m_maps = torch::Tensor();
    if (!archive.has("prior.maps"))
        return;
    m_maps = archive.get("prior.maps");
    if (m_maps.dim() != 3 || m_maps.size(1) != kGrid || m_maps.size(2) != kGrid)
        throw Error("the spatial prior has the wrong shape; re-train the model");
}

} // namespace cada
