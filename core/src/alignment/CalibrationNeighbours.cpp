#include "alignment/CalibrationNeighbours.h"

#include <cmath>
#include <limits>

#include "cada/Error.h"

namespace cada {

void CalibrationNeighbours::fit(const torch::Tensor& features)
{
    m_features = features.to(torch::kCPU).to(torch::kFloat32).contiguous();
    computeSpacing();
}

void CalibrationNeighbours::computeSpacing()
{
    m_spacing = torch::Tensor();
    if (empty())
        return;
    auto d = torch::cdist(m_features, m_features);
    d.fill_diagonal_(std::numeric_limits<float>::infinity());
    m_spacing = std::get<0>(d.min(1));
}

torch::Tensor CalibrationNeighbours::of(const torch::Tensor& featureRow, std::int64_t exclude) const
{
    if (empty())
        throw Error("calibration neighbours requested from a model with too few calibration "
                    "images");
    auto d2 =
        (m_features - featureRow.to(torch::kCPU).to(torch::kFloat32).view({1, -1})).pow(2).sum(1);
    if (exclude >= 0 && exclude < d2.size(0))
        d2[exclude] = std::numeric_limits<float>::infinity();
    const auto [dist2, nearest] = d2.topk(kNeighbours, 0, /*largest=*/false); // ascending
    const double spacing = std::max(std::sqrt(dist2[0].item<double>()),
                                    m_spacing[nearest[0].item<std::int64_t>()].item<double>());
    const double limit = kMaxDistanceRatio * spacing;
    const auto keep =
        std::max<std::int64_t>(1, (dist2 <= limit * limit).sum().item<std::int64_t>());
    return nearest.slice(0, 0, keep);
}

void CalibrationNeighbours::save(TensorArchive& archive) const
{
    if (!empty())
        archive.put("neighbours.features", m_features);
}

void CalibrationNeighbours::load(const TensorArchive& archive)
{
    m_features = torch::Tensor();
    // Models from before this class kept the same rows as the spatial prior's features.
    const char* key = archive.has("neighbours.features") ? "neighbours.features"
                      : archive.has("prior.features")    ? "prior.features"
                                                         : nullptr;
    if (!key)
        return;
    m_features = archive.get(key);
    if (m_features.dim() != 2)
        throw Error("the calibration features have the wrong shape; re-train the model");
    computeSpacing();
}

} // namespace cada
