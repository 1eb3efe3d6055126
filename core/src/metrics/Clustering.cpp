#include "cada/metrics/Clustering.h"

#include "cada/Error.h"

#include <cstdint>
#include <string>
#include <unordered_map>

namespace cada::metrics {

namespace {

// Replaces arbitrary labels by 0..k-1 so that the contingency table can be keyed compactly.
std::vector<std::int64_t> compactLabels(const std::vector<int>& labels, std::int64_t& groupCount)
{
    std::unordered_map<int, std::int64_t> index;
    std::vector<std::int64_t> compact(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        auto inserted = index.emplace(labels[i], std::int64_t(index.size()));
        compact[i] = inserted.first->second;
    }
    groupCount = std::int64_t(index.size());
    return compact;
}

std::int64_t sumOfSquares(const std::unordered_map<std::int64_t, std::int64_t>& counts)
{
    std::int64_t sum = 0;
    for (const auto& entry : counts)
        sum += entry.second * entry.second;
    return sum;
}

} // namespace

double adjustedRandIndex(const std::vector<int>& a, const std::vector<int>& b)
{
    if (a.size() != b.size())
        throw Error("Adjusted Rand index: the first partition labels " + std::to_string(a.size()) +
                    " samples but the second labels " + std::to_string(b.size()) +
                    "; both must label the same samples in the same order.");

    std::int64_t groupsA = 0, groupsB = 0;
    const std::vector<std::int64_t> ca = compactLabels(a, groupsA);
    const std::vector<std::int64_t> cb = compactLabels(b, groupsB);

    // Sparse contingency table: a dense groupsA x groupsB table could be n^2 when most samples
    // are singletons.
    std::unordered_map<std::int64_t, std::int64_t> cells, rowSums, columnSums;
    for (std::size_t i = 0; i < ca.size(); ++i) {
        ++cells[ca[i] * groupsB + cb[i]];
        ++rowSums[ca[i]];
        ++columnSums[cb[i]];
    }

    // Pair confusion matrix, each entry counting ordered pairs (twice the unordered pairs),
    // as sklearn's pair_confusion_matrix; the factor 2 cancels in the index.
    const std::int64_t n = std::int64_t(a.size());
    const std::int64_t sumCells = sumOfSquares(cells);
    const std::int64_t together = sumCells - n;                     // same in both
    const std::int64_t onlyB = sumOfSquares(columnSums) - sumCells; // same in b only
    const std::int64_t onlyA = sumOfSquares(rowSums) - sumCells;    // same in a only
    const std::int64_t apart = n * n - onlyB - onlyA - sumCells;    // apart in both

    if (onlyA == 0 && onlyB == 0)
        return 1.0;
    // Products reach n^4, beyond 64 bits for n ~ 55k: finish in long double.
    using Real = long double;
    const Real numerator = Real(together) * Real(apart) - Real(onlyA) * Real(onlyB);
    const Real denominator = (Real(together) + Real(onlyA)) * (Real(onlyA) + Real(apart)) +
                             (Real(together) + Real(onlyB)) * (Real(onlyB) + Real(apart));
    return double(2 * numerator / denominator);
}

} // namespace cada::metrics
