#pragma once
// Greedy k-center coreset selection (Sener & Savarese 2018), as PatchCore uses it to subsample
// its memory bank: repeatedly take the point farthest from everything chosen so far.
#include <torch/torch.h>

#include "cada/Progress.h"

namespace cada {

// features: P x D, any device (copied to the CPU as float). Distances are Euclidean in the given
// dimensions: reduce them first (PCA, a random projection) where that is cheaper. Each step is one
// fused pass over the rows (distance to the newest centre, running minimum, farthest row), split
// over the intra-op threads, so the cost is count x P x D reads of memory that a reduced P x D
// keeps in cache. Deterministic for a seed, whatever the thread count.
// Returns the chosen row indices (int64, CPU), `count` of them, in the order chosen.
torch::Tensor kCenterGreedy(const torch::Tensor& features, std::int64_t count, std::uint64_t seed,
                            Progress& progress);

// The rows' coordinates in their `dims` leading principal components (centred), or the centred
// rows when they have no more columns than that. Of all linear maps to `dims` dimensions this
// keeps squared distances best on average, better than a random projection.
torch::Tensor principalComponents(const torch::Tensor& features, std::int64_t dims);

} // namespace cada
