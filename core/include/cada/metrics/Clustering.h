#pragma once
// Agreement between two partitions of the same samples, used to compare the implicit classes
// the app discovers (grouping) with the true product types when the data carries them.
// Pure and thread-safe.
#include <vector>

namespace cada::metrics {

// Adjusted Rand index (Hubert & Arabie, "Comparing partitions", J. Classification 1985),
// computed as sklearn.metrics.adjusted_rand_score from the pair confusion matrix.
// Labels are arbitrary integers (negative values such as -1 for "noise" are just another
// group); only which samples share a label matters, so relabelling either side changes
// nothing. The index is symmetric, 1 for identical partitions, about 0 for random ones and
// can be negative (down to -0.5). Special cases, as sklearn: 1.0 when no pair of samples is
// split differently by the two partitions (empty input, a single sample, both partitions one
// group, or both all singletons).
// Throws cada::Error when a and b differ in length.
double adjustedRandIndex(const std::vector<int>& a, const std::vector<int>& b);

} // namespace cada::metrics
