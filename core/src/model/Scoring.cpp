// Model::score and the benchmark's backbone-only pass.
#include <algorithm>
#include <cmath>
#include <tuple>

#include "cada/io/ImageLoader.h"
#include "detectors/patchcore/PatchCore.h"
#include "model/ModelImpl.h"

namespace cada {

using namespace detail;

void Model::score(const std::vector<std::filesystem::path>& images, const ScoreOptions& options,
                  Progress& progress, const ResultSink& sink) const
try {
    if (options.alignment == Alignment::Oracle)
        throw Error(
            "The oracle alignment needs class labels; it is available in 'cada eval' only.");
    const Impl& m = *d;
    const int size = m.config.imageSize;
    const double threshold = options.threshold.value_or(defaultThreshold(options.alignment));
    const size_t batch =
        size_t(options.batchSize > 0 ? options.batchSize : std::max(1, m.config.batchSize));
    StageClock clock;
    ScoreTimings* timing = options.timings;
    progress.begin("Scoring", std::int64_t(images.size()));
    torch::NoGradGuard noGrad;
    for (size_t start = 0; start < images.size(); start += batch) {
        const size_t end = std::min(images.size(), start + batch);
        std::vector<ImageResult> results(end - start);
        std::vector<torch::Tensor> tensors;
        std::vector<size_t> rows; // result index of each tensor
        for (size_t i = start; i < end; ++i) {
            auto& r = results[i - start];
            r.path = images[i];
            auto t = Clock::now();
            try {
                const auto loaded = io::loadImage(images[i]);
                r.originalSize = loaded.originalSize;
                r.warning = loaded.warning;
                if (timing)
                    timing->decode += since(t);
                t = Clock::now();
                tensors.push_back(toTensor(loaded.bgr, size));
                rows.push_back(i - start);
                if (timing)
                    timing->preprocess += since(t);
            } catch (const Error& e) {
                r.error = e.what();
            }
        }
        if (!tensors.empty()) {
            auto t = Clock::now();
            const auto rgb = torch::stack(tensors).to(m.device).to(torch::kFloat32).div_(255.0);
            if (timing)
                timing->preprocess += since(t);
            // The detector's maps of a batch, then each image's statistics and score.
            auto scoreRows = [&](const torch::Tensor& batch, const std::vector<size_t>& batchRows) {
                const auto s = m.detect(batch, {}, timing ? &clock : nullptr);
                const auto t0 = Clock::now();
                for (size_t k = 0; k < batchRows.size(); ++k) {
                    auto& r = results[batchRows[k]];
                    const auto row = std::int64_t(k);
                    const auto emb = s.embedding[row];
                    if (!isFinite(s.maps[row]) || !isFinite(emb)) {
                        r.error = notFiniteMessage;
                        continue;
                    }
                    cv::Mat e(1, int(emb.size(0)), CV_32F, emb.data_ptr<float>());
                    r.group = m.classes.k() > 0 ? m.classes.assign(e, r.unknownType) : -1;
                    const auto near = m.neighboursOf(emb);
                    const auto map = m.rawMap(s.maps[row], near);
                    r.rawScore = m.imageScore(map);
                    std::tie(r.uHat, r.gammaHat) = m.statistics(options.alignment, emb, near);
                    r.score = align(r.rawScore, r.uHat, r.gammaHat);
                    // A score that is not a number is an error for the image, never a verdict.
                    if (!std::isfinite(r.score) || !std::isfinite(r.rawScore)) {
                        r.error = "the anomaly score is not finite (NaN or infinity); the model "
                                  "or the backbone produced invalid values for this image";
                        continue;
                    }
                    r.defective = r.score >= threshold;
                    if (options.keepEmbedding)
                        r.embedding.assign(emb.data_ptr<float>(),
                                           emb.data_ptr<float>() + emb.size(0));
                    if (options.keepMaps) {
                        r.rawMap = toMat(map[0]);
                        r.alignedMap = (r.rawMap - r.uHat) / std::max(r.gammaHat - r.uHat, 1e-9);
                    }
                }
                if (timing)
                    timing->alignment += since(t0);
            };
            // A batch the detector fails on (a user's backbone that fails on some inputs, a GPU
            // out of memory) is scored again one image at a time: only the images that fail
            // alone are reported, each with its error, and the others are scored.
            try {
                scoreRows(rgb, rows);
            } catch (const std::exception& batchError) {
                if (dynamic_cast<const Cancelled*>(&batchError))
                    throw;
                for (size_t k = 0; k < rows.size(); ++k) {
                    try {
                        scoreRows(rgb.narrow(0, std::int64_t(k), 1), {rows[k]});
                    } catch (const Cancelled&) {
                        throw;
                    } catch (const c10::Error& e) {
                        results[rows[k]].error = torchError("Scoring failed", e).what();
                    } catch (const cv::Exception& e) {
                        results[rows[k]].error = "Scoring failed: the model does not fit this "
                                                 "image's features (" +
                                                 errorText(e) + ")";
                    } catch (const std::exception& e) {
                        results[rows[k]].error = errorText(e);
                    }
                }
            }
        }
        for (size_t k = 0; k < results.size(); ++k)
            sink(start + k, results[k]);
        progress.advance(std::int64_t(end - start));
    }
    if (timing) {
        timing->backbone += clock.backbone;
        timing->detector += clock.detector;
        timing->postprocess += clock.postprocess;
        timing->images += int(images.size());
    }
} catch (const c10::Error& e) {
    throw torchError("Scoring stopped", e);
}

std::vector<ImageResult> Model::score(const std::vector<std::filesystem::path>& images,
                                      const ScoreOptions& options, Progress& progress) const
{
    std::vector<ImageResult> out(images.size());
    score(images, options, progress, [&](size_t i, ImageResult& r) { out[i] = std::move(r); });
    return out;
}

void Model::setSearchProbes(int probes)
{
    if (probes < 0)
        throw Error("The number of probed lists must be 0 (all) or more; got " +
                    std::to_string(probes) + ".");
    d->config.searchProbes = probes;
    if (auto* patchCore = dynamic_cast<PatchCore*>(d->detector.get()))
        patchCore->setSearchProbes(probes);
}

double Model::backboneOnlySeconds(const std::vector<std::filesystem::path>& images,
                                  int batchSize) const
{
    ImageSet set;
    for (const auto& p : images) {
        try {
            set.push_back(toTensor(io::loadImage(p).bgr, d->config.imageSize));
        } catch (const Error&) {
        }
    }
    torch::NoGradGuard noGrad;
    const auto t = Clock::now();
    forEachBatch(set, batchSize > 0 ? batchSize : d->config.batchSize, d->device,
                 [&](const torch::Tensor& rgb, size_t) {
                     const auto stages = d->backbone->forward(rgb);
                     if (rgb.is_cuda())
                         torch::cuda::synchronize(rgb.device().index());
                 });
    return since(t);
}

} // namespace cada
