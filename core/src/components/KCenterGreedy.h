#pragma once
// Greedy k-center coreset selection (Sener & Savarese 2018), as PatchCore uses it to subsample
// its memory bank: repeatedly take the point farthest from everything chosen so far.
#include <torch/torch.h>

#include "cada/Progress.h"

namespace cada {

// features: P x D on any device. Selection runs on a seeded random projection to at most
// `projectionDim` dimensions (Johnson-Lindenstrauss), which keeps distances and saves time.
// Returns the chosen row indices (int64, CPU), `count` of them.
torch::Tensor kCenterGreedy(const torch::Tensor& features, std::int64_t count, std::uint64_t seed,
                            Progress& progress, std::int64_t projectionDim = 128);

} // namespace cada
