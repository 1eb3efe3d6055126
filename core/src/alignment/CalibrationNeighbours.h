#pragma once
// The calibration normals as points in the CADA regressor's feature space, and the rule that picks
// "the normal images that look like this one". Both per-image estimates that stand in for a
// product type's statistics use it: the spatial prior and CADA's (u, gamma).
//
// The neighbours of an image are its kNeighbours nearest calibration images, without any that lie
// more than kMaxDistanceRatio times farther away than the local spacing: the larger of the image's
// distance to the nearest calibration image and that image's distance to its own nearest other
// calibration image (so that an image that is itself a calibration image still gets a
// neighbourhood, not just itself). The cut keeps a type with fewer than kNeighbours calibration
// images from borrowing another type's statistics: on the demo models, a type's own 8th neighbour
// lies at 1.6-2.6x the nearest distance (median; 7x at most), another type at 9.5x or more.
#include <cstdint>

#include <torch/torch.h>

#include "model/TensorArchive.h"

namespace cada {

class CalibrationNeighbours {
  public:
    static constexpr int kNeighbours = 8;
    static constexpr double kMaxDistanceRatio = 4.0;

    void fit(const torch::Tensor& features); // one row per calibration image (CPU float)
    // Too few calibration images to average over: callers fall back to per-image estimates.
    bool empty() const { return !m_features.defined() || m_features.size(0) <= kNeighbours; }
    std::int64_t count() const { return m_features.defined() ? m_features.size(0) : 0; }
    const torch::Tensor& features() const { return m_features; }

    // Indices (int64, nearest first, at least one) of the neighbours of a feature row; `exclude`
    // leaves one calibration image out of its own neighbourhood. Requires !empty().
    torch::Tensor of(const torch::Tensor& featureRow, std::int64_t exclude = -1) const;

    void save(TensorArchive& archive) const; // nothing when empty()
    void load(const TensorArchive& archive); // a model without them loads as empty

  private:
    void computeSpacing();

    torch::Tensor m_features; // N x p
    torch::Tensor m_spacing;  // N: each one's distance to its nearest other (not stored)
};

} // namespace cada
