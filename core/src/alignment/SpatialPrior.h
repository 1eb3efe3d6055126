#pragma once
// Where, within an image, normal images that look like it score high anyway.
//
// A detector's map is not spatially flat on normal images: the image border has less context, a
// label's printed text is harder to match than its blank paper, a mesh's seams differ from its
// cells. Such places then hold the maximum of every normal image, and a real defect elsewhere has
// to beat them. Like CADA's (u, gamma), the prior is predicted from the image's global embedding,
// without product-type labels or clusters: it is the mean calibration map of the image's
// calibration neighbours (CalibrationNeighbours), minus its own spatial mean, so it moves scores
// between places and never the image's level.
//
// Calibration images are given the prior of their neighbours without themselves, so their scores
// stay unbiased. Without calibration neighbours (too few calibration images) there is no prior.
#include <cstdint>
#include <vector>

#include <torch/torch.h>

#include "model/TensorArchive.h"

namespace cada {

class SpatialPrior {
  public:
    static constexpr int kGrid = 64; // side of the stored calibration maps

    // Area-averages a 1 x S x S (or S x S) map to the kGrid x kGrid grid (CPU float).
    static torch::Tensor toGrid(const torch::Tensor& map);

    // gridMaps: kGrid x kGrid per calibration image, in calibration order.
    void fit(const std::vector<torch::Tensor>& gridMaps);
    bool empty() const { return !m_maps.defined(); }
    std::int64_t count() const { return empty() ? 0 : m_maps.size(0); }

    // The 1 x S x S offset to subtract from the map of an image whose calibration neighbours are
    // `neighbours` (indices into the calibration images).
    torch::Tensor offset(const torch::Tensor& neighbours, std::int64_t size,
                         torch::Device device) const;

    void save(TensorArchive& archive) const;
    void load(const TensorArchive& archive); // a model without a prior loads as "no prior"

  private:
    torch::Tensor m_maps; // N x kGrid x kGrid calibration maps
};

} // namespace cada
