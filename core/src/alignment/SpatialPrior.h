#pragma once
// Where, within an image of a product type, normal images score high anyway.
//
// A detector's map is not spatially flat on normal images: the image border has less context, a
// label's printed text is harder to match than its blank paper, a mesh's seams differ from its
// cells. Such places then hold the maximum of every normal image, and a real defect elsewhere has
// to beat them. The prior is, per implicit group, the mean calibration map minus its own spatial
// mean (so it moves scores between places, not up or down), kept on a coarse grid. Subtracting it
// flattens the expected normal map of the group.
//
// The calibration images that estimate it are scored with their own contribution left out
// (leaveOneOut), so calibration scores stay unbiased. A group with fewer than kMinImages
// calibration images gets no prior, and neither does an image of unknown type.
#include <cstdint>
#include <vector>

#include <torch/torch.h>

#include "model/TensorArchive.h"

namespace cada {

class SpatialPrior {
  public:
    static constexpr int kGrid = 64;     // side of the stored grid
    static constexpr int kMinImages = 8; // calibration images a group needs for a prior

    // Area-averages a 1 x S x S (or S x S) map to the kGrid x kGrid grid (CPU float).
    static torch::Tensor toGrid(const torch::Tensor& map);

    // gridMaps: kGrid x kGrid per calibration image; groups: the image's group, -1 for none.
    void fit(const std::vector<torch::Tensor>& gridMaps, const std::vector<int>& groups,
             int groupCount);

    // The S x S offset to subtract from a map of `group` (zeros when the group has no prior).
    torch::Tensor offset(int group, std::int64_t size, torch::Device device) const;
    // The same for calibration image `gridMap` of `group`, estimated without that image.
    torch::Tensor leaveOneOut(int group, const torch::Tensor& gridMap, std::int64_t size,
                              torch::Device device) const;
    bool has(int group) const;

    void save(TensorArchive& archive) const;
    void load(const TensorArchive& archive); // a model without a prior loads as "no prior"

  private:
    torch::Tensor upsample(const torch::Tensor& grid, std::int64_t size,
                           torch::Device device) const;

    torch::Tensor m_sum;    // G x kGrid x kGrid: sum of the group's calibration grid maps
    torch::Tensor m_counts; // G (int64)
};

} // namespace cada
