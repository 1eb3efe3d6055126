#include "detectors/patchcore/PatchCore.h"

#include <chrono>

#include <ATen/Parallel.h>

#include "cada/Error.h"
#include "components/GaussianBlur.h"
#include "components/KCenterGreedy.h"

namespace cada {
namespace F = torch::nn::functional;

namespace {
// Coreset selections measure distances in this many leading principal components of the patch
// features: each greedy step then reads a candidate matrix that fits in cache.
constexpr std::int64_t kSelectionDims = 24;

double secondsSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
} // namespace

PatchCore::PatchCore(Backbone& backbone, PatchCoreParams params, torch::Device device)
    : m_backbone(backbone), m_params(params), m_device(device)
{
}

PatchCore::~PatchCore() = default;

torch::Tensor PatchCore::patchFeatures(const std::vector<torch::Tensor>& stages) const
{
    // The two middle stages: local texture and some context, not the most abstract stage.
    const auto& fine = stages.size() >= 3 && !m_params.finestStages ? stages[1] : stages[0];
    const auto& coarse = stages.size() >= 3 && !m_params.finestStages ? stages[2] : stages[1];
    // 3x3 neighbourhood average on a reflect-padded map: border patches then average as many
    // cells as interior ones, instead of fewer (noisier) ones that would light up every border.
    auto smooth = [](const torch::Tensor& x) {
        const auto padded = F::pad(x, F::PadFuncOptions({1, 1, 1, 1}).mode(torch::kReflect));
        return F::avg_pool2d(padded, F::AvgPool2dFuncOptions(3).stride(1));
    };
    auto a = smooth(fine);
    auto b =
        F::interpolate(smooth(coarse), F::InterpolateFuncOptions()
                                           .size(std::vector<std::int64_t>{a.size(2), a.size(3)})
                                           .mode(torch::kBilinear)
                                           .align_corners(false));
    auto x = torch::cat({a, b}, 1);
    if (m_mean.defined()) {
        x = (x - m_mean.to(x.device()).view({1, -1, 1, 1})) /
            m_std.to(x.device()).view({1, -1, 1, 1});
        if (m_projection.defined())
            x = torch::einsum("ndhw,dp->nphw", {x, m_projection.to(x.device())});
    }
    return x;
}

PatchCore::Candidates PatchCore::candidates(const ImageSet& images, std::int64_t firstId,
                                            Progress& progress) const
{
    const auto n = std::int64_t(images.size());
    // Memory stays bounded on large training sets: the standardisation statistics are accumulated
    // over every patch, but only maxCandidates patches in all (the same share of every image) are
    // kept as coreset candidates.
    progress.begin("Extracting patch features", n);
    std::vector<torch::Tensor> kept, ids;
    Candidates out;
    std::int64_t keepPerImage = 0;
    forEachBatch(images, m_params.batchSize, m_device, [&](const torch::Tensor& rgb, size_t first) {
        const auto x = patchFeatures(m_backbone.forward(rgb)); // N x D x h x w
        const auto b = x.size(0), d = x.size(1), perImage = x.size(2) * x.size(3);
        const auto rows = x.permute({0, 2, 3, 1}).reshape({b, perImage, d}).to(torch::kCPU);
        const auto rows64 = rows.to(torch::kFloat64);
        if (!out.sum.defined()) {
            out.sum = torch::zeros({d}, torch::kFloat64);
            out.withinVar = torch::zeros({d}, torch::kFloat64);
            keepPerImage = std::min<std::int64_t>(perImage, (m_params.maxCandidates + n - 1) /
                                                                std::max<std::int64_t>(1, n));
        }
        const auto batchVar = rows64.var(1);
        out.sum += rows64.sum(std::vector<std::int64_t>{0, 1});
        out.withinVar += batchVar.sum(0);
        out.total += b * perImage;
        auto batchRows = rows.reshape({b * perImage, d});
        const auto firstImage = firstId + std::int64_t(first);
        auto imageIds = torch::arange(firstImage, firstImage + b).repeat_interleave(perImage);
        if (keepPerImage < perImage) {
            // Each image keeps a greedy k-center selection of its own patches, not a random share:
            // it drops the most redundant patches and keeps the rare ones, which are what the
            // final coreset must cover. Distances: the batch's leading principal components, each
            // dimension scaled by the batch's within-image spread. Images run in parallel.
            const auto scale = batchVar.mean(0).sqrt().clamp_min(1e-4).to(torch::kFloat32);
            const auto z =
                principalComponents((batchRows - batchRows.mean(0)) / scale, kSelectionDims)
                    .view({b, perImage, -1});
            std::vector<torch::Tensor> chosen(static_cast<size_t>(b));
            at::parallel_for(0, b, 1, [&](std::int64_t i0, std::int64_t i1) {
                for (std::int64_t i = i0; i < i1; ++i) {
                    Progress quiet;
                    chosen[size_t(i)] =
                        kCenterGreedy(z[i], keepPerImage,
                                      m_params.seed + std::uint64_t(firstImage + i), quiet) +
                        i * perImage;
                }
            });
            progress.throwIfCancelled();
            const auto order = std::get<0>(torch::cat(chosen).sort());
            batchRows = batchRows.index_select(0, order);
            imageIds = imageIds.index_select(0, order);
        }
        kept.push_back(batchRows.contiguous());
        ids.push_back(imageIds);
        progress.advance(b);
    });
    out.rows = torch::cat(kept);
    out.owners = torch::cat(ids);
    return out;
}

void PatchCore::fit(const ImageSet& images, Progress& progress)
{
    torch::NoGradGuard noGrad;
    if (images.empty())
        throw Error("PatchCore needs at least one training image.");
    // Raw features below: a previous fit's standardisation and projection must not apply.
    m_mean = m_std = m_projection = torch::Tensor();
    const auto n = std::int64_t(images.size());
    auto c = candidates(images, 0, progress);
    auto pool = std::move(c.rows);
    const auto imageOf = c.owners;

    // Each dimension is scaled by its pooled within-image standard deviation, not by its spread
    // over the whole mixed set: a dimension that separates product types (say, mean lightness)
    // but is steady within an image is exactly where a local defect shows, and the global spread
    // would shrink it.
    m_mean = (c.sum / double(c.total)).to(torch::kFloat32);
    m_std = (c.withinVar / double(n)).sqrt().to(torch::kFloat32).clamp_min(1e-4);
    pool = (pool - m_mean) / m_std;
    if (m_params.projectionDim > 0 && m_params.projectionDim < pool.size(1)) {
        auto projGen = at::detail::createCPUGenerator(m_params.seed + 17);
        m_projection = torch::randn({pool.size(1), std::int64_t(m_params.projectionDim)}, projGen) /
                       std::sqrt(double(m_params.projectionDim));
        pool = pool.mm(m_projection);
    }
    // The bank is coresetRatio of all training patches, capped by maxBank: nearest-neighbour
    // search, the cost of every score, grows linearly with it.
    const auto count =
        std::clamp<std::int64_t>(std::llround(m_params.coresetRatio * double(c.total)), 1,
                                 std::min(pool.size(0), m_params.maxBank));
    const auto chosen = count >= pool.size(0)
                            ? torch::arange(pool.size(0))
                            : kCenterGreedy(principalComponents(pool, kSelectionDims), count,
                                            m_params.seed, progress);
    progress.begin("Indexing memory bank", 1);
    m_index.build(pool.index_select(0, chosen), imageOf.index_select(0, chosen),
                  m_params.searchLists, m_params.seed, m_device);
    progress.advance();
}

void PatchCore::extend(const ImageSet& added, std::int64_t firstId, const ImageSet&, int,
                       Progress& progress)
{
    torch::NoGradGuard noGrad;
    if (added.empty())
        return;
    if (!m_mean.defined() || m_index.empty())
        throw Error("PatchCore cannot be extended before it is fitted.");
    // Standardised (and projected) with the fitted statistics: the bank's space.
    const auto c = candidates(added, firstId, progress);
    const auto count = std::clamp<std::int64_t>(
        std::llround(m_params.coresetRatio * double(c.total)), 1, c.rows.size(0));
    const auto seed = m_params.seed + std::uint64_t(firstId);
    const auto chosen =
        count >= c.rows.size(0)
            ? torch::arange(c.rows.size(0))
            : kCenterGreedy(principalComponents(c.rows, kSelectionDims), count, seed, progress);
    auto points = torch::cat({m_index.points().to(torch::kCPU), c.rows.index_select(0, chosen)});
    auto owners = torch::cat({m_index.owners().to(torch::kCPU), c.owners.index_select(0, chosen)});
    if (points.size(0) > m_params.maxBank) {
        const auto keep = std::get<0>(kCenterGreedy(principalComponents(points, kSelectionDims),
                                                    m_params.maxBank, seed, progress)
                                          .sort());
        points = points.index_select(0, keep);
        owners = owners.index_select(0, keep);
    }
    progress.begin("Indexing memory bank", 1);
    m_index.build(points, owners, m_params.searchLists, m_params.seed, m_device);
    progress.advance();
}

DetectorOutput PatchCore::score(const torch::Tensor& rgb,
                                const std::vector<std::int64_t>& excludeIds, StageClock* clock)
{
    torch::NoGradGuard noGrad;
    auto t0 = std::chrono::steady_clock::now();
    const auto stages = m_backbone.forward(rgb);
    DetectorOutput out;
    out.embedding = Backbone::embedding(stages);
    auto x = patchFeatures(stages);
    const auto n = x.size(0), h = x.size(2), w = x.size(3), d = x.size(1);
    const auto queries = x.permute({0, 2, 3, 1}).reshape({-1, d}).contiguous();
    if (clock) {
        if (rgb.is_cuda())
            torch::cuda::synchronize(rgb.device().index());
        clock->backbone += secondsSince(t0);
    }
    t0 = std::chrono::steady_clock::now();

    // Leave-self-out: each query skips the bank patches of the image it belongs to.
    torch::Tensor skip;
    if (!excludeIds.empty())
        skip = torch::tensor(excludeIds).repeat_interleave(h * w);
    const auto scores = m_index.nearest(queries, skip, m_params.searchProbes);
    if (clock && rgb.is_cuda())
        torch::cuda::synchronize(rgb.device().index());
    if (clock)
        clock->detector += secondsSince(t0);
    t0 = std::chrono::steady_clock::now();
    auto maps = scores.view({n, 1, h, w}).to(rgb.device());
    maps = F::interpolate(maps, F::InterpolateFuncOptions()
                                    .size(std::vector<std::int64_t>{rgb.size(2), rgb.size(3)})
                                    .mode(torch::kBilinear)
                                    .align_corners(false));
    out.maps = gaussianBlur(maps, mapSigma(rgb.size(2)));
    if (clock) {
        if (rgb.is_cuda())
            torch::cuda::synchronize(rgb.device().index());
        clock->postprocess += secondsSince(t0);
    }
    return out;
}

void PatchCore::save(TensorArchive& archive) const
{
    archive.put("patchcore.mean", m_mean);
    archive.put("patchcore.std", m_std);
    if (m_projection.defined())
        archive.put("patchcore.projection", m_projection);
    m_index.save(archive, "patchcore.bank.");
}

void PatchCore::load(const TensorArchive& archive)
{
    m_mean = archive.get("patchcore.mean");
    m_std = archive.get("patchcore.std", {m_mean.size(0)});
    if (archive.has("patchcore.projection"))
        m_projection = archive.get("patchcore.projection");
    if (archive.has("patchcore.bank.points")) {
        m_index.load(archive, "patchcore.bank.", m_device);
    } else {
        // A model written before the bank was indexed: index it now (same lists every time).
        const auto bank = archive.get("patchcore.bank");
        if (bank.dim() != 2 || bank.size(0) == 0)
            throw Error("Model file is inconsistent: the PatchCore memory bank is empty. "
                        "Re-train the model.");
        m_index.build(bank, archive.get("patchcore.bank_image", {bank.size(0)}),
                      m_params.searchLists, m_params.seed, m_device);
    }
    const auto dim = m_projection.defined() ? m_projection.size(1) : m_mean.size(0);
    if (m_index.points().size(1) != dim)
        throw Error("Model file is inconsistent: the PatchCore memory bank has " +
                    std::to_string(m_index.points().size(1)) +
                    " dimensions, the feature extractor gives " + std::to_string(dim) +
                    ". Re-train the model.");
    // Guard against a backbone that no longer matches the stored statistics.
    const auto c = m_backbone.channels();
    const std::int64_t expected =
        c.size() >= 3 && !m_params.finestStages ? c[1] + c[2] : c[0] + c[1];
    if (expected != m_mean.size(0))
        throw Error("Model file is inconsistent: the backbone gives " + std::to_string(expected) +
                    " patch dimensions, the stored statistics have " +
                    std::to_string(m_mean.size(0)) + ".");
}

} // namespace cada
