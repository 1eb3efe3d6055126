#include "detectors/revdist/RevDist.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "cada/Error.h"
#include "components/GaussianBlur.h"

namespace cada {
namespace F = torch::nn::functional;

RevDist::RevDist(Backbone& backbone, RevDistParams params, torch::Device device)
    : m_backbone(backbone), m_params(params), m_device(device)
{
    if (m_backbone.channels().size() < 3)
        throw Error(
            "Reverse Distillation needs a backbone with three feature stages; this one gives " +
            std::to_string(m_backbone.channels().size()) + ".");
}

void RevDist::createNet()
{
    torch::manual_seed(m_params.seed);
    const auto c = m_backbone.channels();
    const std::int64_t width = std::clamp<std::int64_t>(c[2] / 2, 64, 256);
    m_net = RevDistNet(std::vector<std::int64_t>{c[0], c[1], c[2]}, width);
    m_net->to(m_device);
}

std::vector<torch::Tensor> RevDist::teacher(const std::vector<torch::Tensor>& stages) const
{
    return scaled(m_activations ? m_backbone.activations(stages) : stages);
}

std::vector<torch::Tensor> RevDist::scaled(const std::vector<torch::Tensor>& x) const
{
    std::vector<torch::Tensor> t;
    for (size_t k = 0; k < 3; ++k)
        t.push_back((x[k] - m_offset[k].view({1, -1, 1, 1})) / m_scale[k].view({1, -1, 1, 1}));
    return t;
}

std::vector<torch::Tensor> RevDist::teacherActivations(const ImageSet& images, Progress& progress,
                                                       std::vector<torch::Tensor>* sumSq,
                                                       std::vector<double>* count) const
{
    torch::NoGradGuard noGrad;
    std::vector<std::vector<torch::Tensor>> feats(3);
    progress.begin("Teacher features", std::int64_t(images.size()));
    forEachBatch(images, m_params.batchSize, m_device, [&](const torch::Tensor& rgb, size_t) {
        const auto raw = m_backbone.forward(rgb);
        const auto t = m_activations ? m_backbone.activations(raw) : raw;
        for (size_t k = 0; k < 3; ++k) {
            const auto cpu = t[k].to(torch::kCPU);
            if (sumSq) {
                const auto s2 = cpu.to(torch::kFloat64).pow(2).sum({0, 2, 3});
                (*sumSq)[k] = (*sumSq)[k].defined() ? (*sumSq)[k] + s2 : s2;
                (*count)[k] += double(cpu.size(0) * cpu.size(2) * cpu.size(3));
            }
            feats[k].push_back(cpu.to(torch::kFloat16));
        }
        progress.advance(rgb.size(0));
    });
    std::vector<torch::Tensor> out;
    for (size_t k = 0; k < 3; ++k)
        out.push_back(torch::cat(feats[k]));
    return out;
}

void RevDist::fit(const ImageSet& images, Progress& progress)
{
    if (images.empty())
        throw Error("Reverse Distillation needs at least one training image.");
    // The teacher is frozen and there is no augmentation, so its activations are computed once
    // and kept in half precision (the training set's largest buffer); the per-channel mean
    // squares are accumulated in double precision on the way.
    m_activations = true;
    std::vector<torch::Tensor> sumSq(3);
    std::vector<double> count(3, 0.0);
    const auto feats = teacherActivations(images, progress, &sumSq, &count);
    // Each channel is scaled by its root mean square over the training set, so that no channel
    // dominates the cosine, but not centred, as in RD4AD. Centred, the features of a type near
    // the mixture's mean lie close to the origin, where the cosine turns the student's small
    // errors into large distances: a flat type then scores its normal images as high as its
    // defects.
    m_offset.clear();
    m_scale.clear();
    for (size_t k = 0; k < 3; ++k) {
        const auto rms = (sumSq[k] / count[k]).sqrt().to(torch::kFloat32).clamp_min(1e-4);
        m_offset.push_back(torch::zeros_like(rms).to(m_device));
        m_scale.push_back(rms.to(m_device));
    }
    createNet();
    trainStudent(feats, m_params.epochs, m_params.seed + 1, progress);
}

void RevDist::extend(const ImageSet& added, std::int64_t firstId, const ImageSet& fitted,
                     int epochs, Progress& progress)
{
    if (!m_net)
        throw Error("Reverse Distillation cannot be extended before it is trained.");
    if (added.empty())
        return;
    // The student goes on from its weights on the old and new normals together (the teacher's
    // scaling stays: the bank of what "normal" means is the old one plus the new images).
    // The old images were seen for the whole training, the new ones only in the fine-tune: each
    // new image is repeated so that it is seen about as often as an old one was (training epochs
    // over fine-tune epochs), with all copies together at most as many as the old images.
    const auto cap = std::max<std::size_t>(1, fitted.size() / added.size());
    const auto repeat = std::clamp<std::size_t>(
        std::size_t(std::lround(double(m_params.epochs) / double(std::max(1, epochs)))), 1, cap);
    ImageSet all = fitted;
    for (std::size_t r = 0; r < repeat; ++r)
        all.insert(all.end(), added.begin(), added.end());
    const auto feats = teacherActivations(all, progress, nullptr, nullptr);
    trainStudent(feats, std::max(1, epochs), m_params.seed + 1 + std::uint64_t(firstId), progress);
}

void RevDist::trainStudent(const std::vector<torch::Tensor>& feats, int epochs, std::uint64_t seed,
                           Progress& progress)
{
    m_net->train();
    torch::optim::Adam optimizer(
        m_net->parameters(), torch::optim::AdamOptions(m_params.learningRate).betas({0.5, 0.999}));
    const std::int64_t n = feats[0].size(0);
    const std::int64_t batch =
        std::max<std::int64_t>(2, std::min<std::int64_t>(m_params.batchSize, n));
    const std::int64_t batchesPerEpoch = std::max<std::int64_t>(1, n / batch);
    auto gen = at::detail::createCPUGenerator(seed);
    progress.begin("Training student", std::int64_t(epochs) * batchesPerEpoch);
    for (int epoch = 0; epoch < epochs; ++epoch) {
        const auto order = torch::randperm(n, gen);
        double epochLoss = 0.0;
        for (std::int64_t b = 0; b < batchesPerEpoch; ++b) {
            // Whole batches only (BatchNorm needs 2+ samples): the remainder of the shuffled
            // order, fewer than a batch, waits for another epoch.
            const auto idx = order.slice(0, b * batch, std::min(n, (b + 1) * batch));
            std::vector<torch::Tensor> stages;
            for (size_t k = 0; k < 3; ++k)
                stages.push_back(feats[k].index_select(0, idx).to(m_device).to(torch::kFloat32));
            const auto t = scaled(stages);
            const auto s = m_net->forward(t);
            auto loss = torch::zeros({}, t[0].options());
            for (size_t k = 0; k < 3; ++k)
                loss = loss + (1 - F::cosine_similarity(t[k].flatten(1), s[k].flatten(1),
                                                        F::CosineSimilarityFuncOptions().dim(1)))
                                  .mean();
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            epochLoss += loss.item<double>();
            progress.advance();
        }
        m_lastLoss = epochLoss / double(batchesPerEpoch);
    }
    m_net->eval();
}

DetectorOutput RevDist::score(const torch::Tensor& rgb, const std::vector<std::int64_t>&,
                              StageClock* clock)
{
    torch::NoGradGuard noGrad;
    if (!m_net)
        throw Error("The Reverse Distillation model has not been trained or loaded.");
    auto t0 = std::chrono::steady_clock::now();
    auto sync = [&] {
        if (rgb.is_cuda())
            torch::cuda::synchronize(rgb.device().index());
    };
    auto lap = [&](double* slot) {
        if (!clock)
            return;
        sync();
        const auto now = std::chrono::steady_clock::now();
        *slot += std::chrono::duration<double>(now - t0).count();
        t0 = now;
    };
    const auto raw = m_backbone.forward(rgb);
    DetectorOutput out;
    out.embedding = Backbone::embedding(raw);
    const auto t = teacher(raw);
    lap(clock ? &clock->backbone : nullptr);
    const auto s = m_net->forward(t);
    auto maps = torch::zeros({rgb.size(0), 1, rgb.size(2), rgb.size(3)}, rgb.options());
    for (size_t k = 0; k < 3; ++k) {
        auto m =
            1 -
            F::cosine_similarity(t[k], s[k], F::CosineSimilarityFuncOptions().dim(1)).unsqueeze(1);
        maps =
            maps + F::interpolate(m, F::InterpolateFuncOptions()
                                         .size(std::vector<std::int64_t>{rgb.size(2), rgb.size(3)})
                                         .mode(torch::kBilinear)
                                         .align_corners(false));
    }
    lap(clock ? &clock->detector : nullptr);
    out.maps = gaussianBlur(maps, mapSigma(rgb.size(2)));
    lap(clock ? &clock->postprocess : nullptr);
    return out;
}

void RevDist::save(TensorArchive& archive) const
{
    for (size_t k = 0; k < 3; ++k) {
        archive.put("revdist.teacher_mean." + std::to_string(k), m_offset[k]);
        archive.put("revdist.teacher_std." + std::to_string(k), m_scale[k]);
    }
    if (m_activations)
        archive.put("revdist.activations", torch::ones({1}));
    for (const auto& p : m_net->named_parameters())
        archive.put("revdist.net." + p.key(), p.value());
    for (const auto& b : m_net->named_buffers())
        archive.put("revdist.net." + b.key(), b.value());
}

void RevDist::load(const TensorArchive& archive)
{
    const auto c = m_backbone.channels();
    m_offset.clear();
    m_scale.clear();
    for (size_t k = 0; k < 3; ++k) {
        m_offset.push_back(
            archive.get("revdist.teacher_mean." + std::to_string(k), {c[k]}).to(m_device));
        m_scale.push_back(
            archive.get("revdist.teacher_std." + std::to_string(k), {c[k]}).to(m_device));
    }
    m_activations = archive.has("revdist.activations");
    createNet();
    torch::NoGradGuard noGrad;
    for (auto& p : m_net->named_parameters())
        p.value().copy_(
            archive.get("revdist.net." + p.key(), p.value().sizes().vec()).to(m_device));
    for (auto& b : m_net->named_buffers())
        b.value().copy_(
            archive.get("revdist.net." + b.key(), b.value().sizes().vec()).to(m_device));
    m_net->eval();
}

} // namespace cada
