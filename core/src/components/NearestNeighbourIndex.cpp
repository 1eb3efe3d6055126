#include "components/NearestNeighbourIndex.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <ATen/Parallel.h>

#include "cada/Error.h"

namespace cada {
namespace {

constexpr int kMeansIterations = 10;
constexpr float kInf = std::numeric_limits<float>::infinity();

// Elements of one block of the query x list distance matrix: 4 MB on the CPU (it stays in cache
// between the matrix product and the row minimum), larger on a GPU where launches cost more.
std::int64_t blockElements(torch::Device device)
{
    return device.is_cpu() ? (std::int64_t(1) << 20) : (std::int64_t(1) << 26);
}

// Index of the nearest centroid of every row, in blocks of rows.
torch::Tensor nearestCentroid(const torch::Tensor& x, const torch::Tensor& centroids)
{
    const auto cNorms = centroids.pow(2).sum(1).unsqueeze(0);
    const std::int64_t block =
        std::max<std::int64_t>(256, blockElements(x.device()) / centroids.size(0));
    auto out = torch::empty({x.size(0)}, x.options().dtype(torch::kInt64));
    for (std::int64_t s = 0; s < x.size(0); s += block) {
        const auto len = std::min(block, x.size(0) - s);
        out.narrow(0, s, len).copy_(
            torch::addmm(cNorms, x.narrow(0, s, len), centroids.t(), 1, -2).argmin(1));
    }
    return out;
}

} // namespace

void NearestNeighbourIndex::build(const torch::Tensor& pointsIn, const torch::Tensor& ownersIn,
                                  int lists, std::uint64_t seed, torch::Device device)
{
    torch::NoGradGuard noGrad;
    auto points = pointsIn.to(device, torch::kFloat32).contiguous();
    auto owners = ownersIn.to(device, torch::kInt64).contiguous();
    const auto n = points.size(0);
    if (points.dim() != 2 || n == 0 || owners.dim() != 1 || owners.size(0) != n)
        throw Error(
            "The nearest-neighbour index needs at least one point and one owner per point.");
    const auto l = std::clamp<std::int64_t>(
        lists > 0 ? std::int64_t(lists) : std::llround(std::sqrt(double(n))), 1, n);

    // Lloyd's k-means from a seeded sample of the points; an empty list keeps its centroid.
    auto gen = at::detail::createCPUGenerator(seed);
    auto centroids = points.index_select(0, torch::randperm(n, gen).narrow(0, 0, l).to(device));
    torch::Tensor assign;
    for (int it = 0; it < kMeansIterations; ++it) {
        assign = nearestCentroid(points, centroids);
        const auto sums = torch::zeros_like(centroids).index_add_(0, assign, points);
        const auto counts = torch::bincount(assign, {}, l).to(torch::kFloat32).unsqueeze(1);
        centroids = torch::where(counts > 0, sums / counts.clamp_min(1), centroids);
    }
    assign = nearestCentroid(points, centroids);
    finish(points, owners, centroids, assign, device);
}

void NearestNeighbourIndex::finish(torch::Tensor points, torch::Tensor owners,
                                   torch::Tensor centroids, const torch::Tensor& listOfPoint,
                                   torch::Device device)
{
    const auto l = centroids.size(0);
    const auto order = std::get<1>(torch::sort(listOfPoint, /*stable=*/true, 0, false));
    m_device = device;
    m_points = points.index_select(0, order).contiguous();
    m_owners = owners.index_select(0, order).contiguous();
    m_norms = m_points.pow(2).sum(1);
    m_centroids = centroids.contiguous();
    m_centroidNorms = m_centroids.pow(2).sum(1);
    const auto counts = torch::bincount(listOfPoint, {}, l).to(torch::kCPU);
    m_offsets.assign(size_t(l) + 1, 0);
    for (std::int64_t i = 0; i < l; ++i)
        m_offsets[size_t(i) + 1] = m_offsets[size_t(i)] + counts[i].item<std::int64_t>();
}

torch::Tensor NearestNeighbourIndex::minOverList(const torch::Tensor& queries,
                                                 const torch::Tensor& skip, std::int64_t begin,
                                                 std::int64_t end) const
{
    const auto n = end - begin;
    auto out = torch::full({queries.size(0)}, kInf, queries.options());
    if (n == 0)
        return out;
    const auto points = m_points.narrow(0, begin, n);
    const auto norms = m_norms.narrow(0, begin, n).unsqueeze(0);
    const auto owners = m_owners.narrow(0, begin, n).unsqueeze(0);
    const std::int64_t block = std::max<std::int64_t>(64, blockElements(m_device) / n);
    for (std::int64_t s = 0; s < queries.size(0); s += block) {
        const auto len = std::min(block, queries.size(0) - s);
        // |q - p|^2 - |q|^2 = |p|^2 - 2 q.p; |q|^2 is added once per query by the caller.
        auto d = torch::addmm(norms, queries.narrow(0, s, len), points.t(), 1, -2);
        if (skip.defined())
            d.masked_fill_(skip.narrow(0, s, len).unsqueeze(1) == owners, kInf);
        out.narrow(0, s, len).copy_(d.amin(1));
    }
    return out;
}

void NearestNeighbourIndex::forEachList(const std::function<void(std::int64_t)>& fn) const
{
    // On the CPU the lists run in parallel, each a single-threaded matrix product (whole small
    // products parallelise better than their insides); a GPU takes them in order.
    if (m_device.is_cpu())
        at::parallel_for(0, listCount(), 1, [&](std::int64_t l0, std::int64_t l1) {
            for (std::int64_t l = l0; l < l1; ++l)
                fn(l);
        });
    else
        for (int l = 0; l < listCount(); ++l)
            fn(l);
}

torch::Tensor NearestNeighbourIndex::nearest(const torch::Tensor& queriesIn,
                                             const torch::Tensor& skipIn, int probes) const
{
    torch::NoGradGuard noGrad;
    if (empty())
        throw Error("The nearest-neighbour index is empty.");
    const auto queries = queriesIn.to(m_device, torch::kFloat32).contiguous();
    const auto q = queries.size(0);
    if (queries.dim() != 2 || queries.size(1) != m_points.size(1))
        throw Error("Nearest-neighbour queries have " + std::to_string(queries.size(-1)) +
                    " dimensions, the index " + std::to_string(m_points.size(1)) + ".");
    const auto skip = skipIn.defined() ? skipIn.to(m_device, torch::kInt64) : torch::Tensor();
    const int lists = listCount();
    const int p = probes <= 0 ? lists : std::min(probes, lists);

    torch::Tensor best; // per query: min over the probed points of |p|^2 - 2 q.p
    if (p >= lists) {
        // Every list against every query: one row of minima per list.
        auto perList = torch::empty({lists, q}, queries.options());
        auto searchList = [&](std::int64_t l) {
            perList[l].copy_(
                minOverList(queries, skip, m_offsets[size_t(l)], m_offsets[size_t(l) + 1]));
        };
        forEachList(searchList);
        best = perList.amin(0);
    } else {
        // Each query's nearest lists, then the (query, list) pairs grouped by list so that every
        // list is one block of queries against its points.
        const auto probed =
            std::get<1>(torch::addmm(m_centroidNorms.unsqueeze(0), queries, m_centroids.t(), 1, -2)
                            .topk(p, 1, /*largest=*/false, /*sorted=*/false));
        const auto listOfPair = probed.flatten();
        const auto order = std::get<1>(torch::sort(listOfPair, /*stable=*/true, 0, false));
        const auto queryOfPair = order.div(p, "floor");
        const auto counts = torch::bincount(listOfPair, {}, lists).to(torch::kCPU);
        const auto* count = counts.data_ptr<std::int64_t>();
        auto pairBest = torch::empty({q * p}, queries.options());
        std::vector<std::int64_t> at(size_t(lists) + 1, 0); // each list's first pair
        for (int l = 0; l < lists; ++l)
            at[size_t(l) + 1] = at[size_t(l)] + count[l];
        auto searchList = [&](std::int64_t l) {
            if (count[l] == 0)
                return;
            const auto rows = queryOfPair.narrow(0, at[size_t(l)], count[l]);
            pairBest.narrow(0, at[size_t(l)], count[l])
                .copy_(minOverList(queries.index_select(0, rows),
                                   skip.defined() ? skip.index_select(0, rows) : torch::Tensor(),
                                   m_offsets[size_t(l)], m_offsets[size_t(l) + 1]));
        };
        forEachList(searchList);
        best = torch::empty_like(pairBest).index_copy_(0, order, pairBest).view({q, p}).amin(1);
        // Probed lists that held only skipped points: search those queries over every list.
        const auto missing = torch::nonzero(torch::isinf(best)).flatten();
        if (missing.numel() > 0) {
            const auto sub = queries.index_select(0, missing);
            const auto subSkip = skip.defined() ? skip.index_select(0, missing) : torch::Tensor();
            best.index_copy_(0, missing, nearest(sub, subSkip, 0).pow(2) - sub.pow(2).sum(1));
        }
    }
    if (torch::isinf(best).any().item<bool>())
        throw Error("Every point of the nearest-neighbour index is skipped for some query: "
                    "leave-self-out scoring needs points from more than one owner.");
    return (best + queries.pow(2).sum(1)).clamp_min_(0).sqrt_();
}

void NearestNeighbourIndex::save(TensorArchive& archive, const std::string& prefix) const
{
    archive.put(prefix + "points", m_points);
    archive.put(prefix + "owners", m_owners);
    archive.put(prefix + "centroids", m_centroids);
    archive.put(prefix + "list_offsets",
                torch::tensor(std::vector<std::int64_t>(m_offsets.begin(), m_offsets.end())));
}

void NearestNeighbourIndex::load(const TensorArchive& archive, const std::string& prefix,
                                 torch::Device device)
{
    const auto points = archive.get(prefix + "points");
    if (points.dim() != 2 || points.size(0) == 0 || points.size(1) == 0)
        throw Error("the memory bank is empty or not a matrix");
    const auto owners = archive.get(prefix + "owners", {points.size(0)});
    const auto centroids = archive.get(prefix + "centroids");
    if (centroids.dim() != 2 || centroids.size(1) != points.size(1) || centroids.size(0) == 0 ||
        centroids.size(0) > points.size(0))
        throw Error("the memory bank's list centroids do not match the bank");
    const auto offsets = archive.get(prefix + "list_offsets", {centroids.size(0) + 1});
    const auto* o = offsets.data_ptr<std::int64_t>();
    if (o[0] != 0 || o[centroids.size(0)] != points.size(0))
        throw Error("the memory bank's list bounds do not cover the bank");
    for (std::int64_t l = 0; l < centroids.size(0); ++l)
        if (o[l + 1] < o[l] || o[l + 1] > points.size(0))
            throw Error("the memory bank's list bounds are not in order");
    auto listOfPoint = torch::empty({points.size(0)}, torch::kInt64);
    for (std::int64_t l = 0; l < centroids.size(0); ++l)
        listOfPoint.narrow(0, o[l], o[l + 1] - o[l]).fill_(l);
    if (!torch::isfinite(points).all().item<bool>() ||
        !torch::isfinite(centroids).all().item<bool>())
        throw Error("the memory bank holds values that are not finite (NaN or infinity)");
    finish(points.to(device), owners.to(device), centroids.to(device), listOfPoint.to(device),
           device);
}

} // namespace cada
