#include "cada/detect/Model.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <numeric>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "alignment/CadaRegressor.h"
#include "alignment/CalibrationNeighbours.h"
#include "alignment/SpatialPrior.h"
#include "backbones/Backbone.h"
#include "backbones/TorchScriptBackbone.h"
#include "cada/Error.h"
#include "cada/io/ImageLoader.h"
#include "cada/metrics/Metrics.h"
#include "components/Device.h"
#include "components/HeapTuning.h"
#include "detectors/Detector.h"
#include "detectors/patchcore/PatchCore.h"
#include "detectors/revdist/RevDist.h"
#include "grouping/ImplicitClasses.h"
#include "model/ConfigJson.h"
#include "model/TensorArchive.h"

namespace cada {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string nowIso()
{
    const std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

// A backbone (a user's TorchScript file above all) can produce NaN or infinite features for some
// inputs; unchecked, they would poison the groups, the spatial prior and the regressor silently.
const std::string notFiniteMessage =
    "the backbone produced features that are not finite (NaN or infinity) for this image";

bool isFinite(const torch::Tensor& t)
{
    return torch::isfinite(t).all().item<bool>();
}

void requireFinite(const torch::Tensor& map, const torch::Tensor& embedding,
                   const std::filesystem::path& image)
{
    if ((map.defined() && !isFinite(map)) || !isFinite(embedding))
        throw Error("Cannot train on '" + image.string() + "': " + notFiniteMessage +
                    ". Check the backbone, or remove the image.");
}

// LibTorch reports failed operations (a shape or type mismatch, a GPU out of memory) as c10::Error;
// core reports one error type, with what the user can do.
Error torchError(const std::string& what, const c10::Error& e)
{
    return Error(what + " on a LibTorch error: " + e.what_without_backtrace() +
                 " (if the GPU ran out of memory, use a smaller --batch or --device cpu)");
}

// Decoded, resized to size x size, RGB, uint8 CHW.
torch::Tensor toTensor(const cv::Mat& bgr, int size)
{
    cv::Mat resized, rgb;
    cv::resize(bgr, resized, cv::Size(size, size), 0, 0,
               bgr.cols > size || bgr.rows > size ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::cvtColor(resized, rgb, cv::COLOR_BGR2RGB);
    return torch::from_blob(rgb.data, {size, size, 3}, torch::kUInt8).permute({2, 0, 1}).clone();
}

// A seeded order of the images in which every implicit group is spread evenly: each group's
// members, shuffled, sit at (rank + jitter) / group size, so any prefix holds every group in
// proportion to its size (to within one image): a stratified sample without class labels.
std::vector<size_t> stratifiedOrder(const std::vector<int>& labels, std::uint64_t seed)
{
    auto gen = at::detail::createCPUGenerator(seed);
    const auto n = std::int64_t(labels.size());
    const auto perm = torch::randperm(n, gen);
    const auto jitter = torch::rand({n}, gen, torch::kFloat64);
    std::map<int, std::vector<size_t>> members;
    for (std::int64_t k = 0; k < n; ++k) {
        const auto i = size_t(perm[k].item<std::int64_t>());
        members[labels[i]].push_back(i);
    }
    std::vector<std::pair<double, size_t>> keyed;
    for (const auto& [group, idx] : members)
        for (size_t r = 0; r < idx.size(); ++r)
            keyed.emplace_back((double(r) + jitter[std::int64_t(idx[r])].item<double>()) /
                                   double(idx.size()),
                               idx[r]);
    std::sort(keyed.begin(), keyed.end());
    std::vector<size_t> order;
    for (const auto& k : keyed)
        order.push_back(k.second);
    return order;
}

cv::Mat toMat(const torch::Tensor& map) // H x W float tensor (any device) -> CV_32F
{
    const auto cpu = map.to(torch::kCPU).to(torch::kFloat32).contiguous();
    return cv::Mat(int(cpu.size(0)), int(cpu.size(1)), CV_32F, cpu.data_ptr<float>()).clone();
}

} // namespace

std::string methodName(Method m)
{
    return m == Method::PatchCore ? "patchcore" : "revdist";
}
Method parseMethod(const std::string& t)
{
    if (t == "patchcore")
        return Method::PatchCore;
    if (t == "revdist" || t == "rd" || t == "rd4ad")
        return Method::RevDist;
    throw Error("Unknown method '" + t + "'; use patchcore or revdist.");
}
std::string alignmentName(Alignment a)
{
    return a == Alignment::None ? "none" : a == Alignment::Cada ? "cada" : "oracle";
}
Alignment parseAlignment(const std::string& t)
{
    if (t == "none")
        return Alignment::None;
    if (t == "cada")
        return Alignment::Cada;
    if (t == "oracle")
        return Alignment::Oracle;
    throw Error("Unknown alignment '" + t + "'; use none, cada or oracle.");
}

struct Model::Impl {
    TrainConfig config;
    torch::Device device{torch::kCPU};
    std::unique_ptr<Backbone> backbone;
    std::string torchScriptBytes;
    std::unique_ptr<Detector> detector;
    ModelInfo info;
    std::vector<CalibrationRecord> calibration;
    std::vector<ImplicitGroup> groups;
    ImplicitClasses classes;
    CadaRegressor regressor;
    CalibrationNeighbours neighbours; // calibration images in the regressor's feature space
    SpatialPrior prior;
    std::vector<std::pair<double, double>> neighbourPredictions; // the regressor's, at each
    double uNone = 0, gammaNone = 1;

    void build()
    {
        backbone = makeBackbone(config.backbone, device, torchScriptBytes);
        if (auto* ts = dynamic_cast<TorchScriptBackbone*>(backbone.get()))
            torchScriptBytes = ts->bytes();
        if (config.method == Method::PatchCore) {
            PatchCoreParams p;
            p.coresetRatio = config.coresetRatio;
            p.projectionDim = config.projectionDim;
            p.maxBank = config.maxBank;
            p.maxCandidates = config.maxCandidates;
            p.searchLists = config.searchLists;
            p.searchProbes = config.searchProbes;
            p.batchSize = config.batchSize;
            p.seed = config.seed;
            // Scattering coefficients are already local averages: its strides 4 and 8 play the role
            // of a CNN's middle stages.
            p.finestStages = config.backbone.kind == "scattering";
            detector = std::make_unique<PatchCore>(*backbone, p, device);
        } else {
            RevDistParams p;
            p.epochs = config.epochs;
            p.learningRate = config.learningRate;
            p.batchSize = config.batchSize;
            p.seed = config.seed;
            detector = std::make_unique<RevDist>(*backbone, p, device);
        }
        info.device = device.str();
        info.method = config.method;
        info.imageSize = config.imageSize;
        info.backbone = backbone->describe().dump();
    }

    struct Detected {
        torch::Tensor maps;      // N x 1 x S x S, the detector's maps, on the device
        torch::Tensor embedding; // N x E (CPU)
    };

    Detected detect(const torch::Tensor& rgb, const std::vector<std::int64_t>& exclude,
                    StageClock* clock) const
    {
        auto out = detector->score(rgb, exclude, clock);
        return {out.maps, out.embedding.to(torch::kCPU).to(torch::kFloat32)};
    }

    // The calibration normals that look like an image (undefined with too few of them);
    // `excludeCalibration` leaves a calibration image out of its own neighbourhood.
    torch::Tensor neighboursOf(const torch::Tensor& embedding,
                               std::int64_t excludeCalibration = -1) const
    {
        if (neighbours.empty())
            return {};
        return neighbours.of(regressor.features(embedding.unsqueeze(0))[0], excludeCalibration);
    }

    // The raw map of one image: the detector's map minus the spatial prior of images like it.
    torch::Tensor rawMap(const torch::Tensor& detectorMap, const torch::Tensor& near) const
    {
        if (prior.empty() || !near.defined())
            return detectorMap;
        return detectorMap - prior.offset(near, detectorMap.size(-1), detectorMap.device());
    }

    // After the regressor is fitted or loaded: its predictions at the calibration images.
    void predictAtNeighbours()
    {
        neighbourPredictions.clear();
        if (!neighbours.empty())
            neighbourPredictions = regressor.predictFromFeatures(neighbours.features());
    }

    double imageScore(const torch::Tensor& map) const // 1 x S x S
    {
        return imageScores(map.unsqueeze(0), config.topPercentScore).item<double>();
    }

    // CADA's (u, gamma) for an image: the regressor's prediction averaged over the calibration
    // normals that look like it. The average is the type-level estimate the regressor is meant to
    // give: the regressor alone also follows image-to-image noise within a type, and a defect that
    // moves an image's embedding could move its own statistics. Without neighbours (too few
    // calibration images) the regressor's prediction for the image itself.
    std::pair<double, double> statistics(Alignment alignment, const torch::Tensor& embeddingRow,
                                         const torch::Tensor& near) const
    {
        if (alignment != Alignment::Cada)
            return {uNone, gammaNone};
        if (!near.defined())
            return regressor.predict(embeddingRow.unsqueeze(0)).front();
        double u = 0, gamma = 0;
        for (std::int64_t k = 0; k < near.size(0); ++k) {
            const auto& p = neighbourPredictions[size_t(near[k].item<std::int64_t>())];
            u += p.first;
            gamma += p.second;
        }
        return {u / double(near.size(0)), gamma / double(near.size(0))};
    }
};

Model::Model() : d(std::make_unique<Impl>()) {}
Model::~Model() = default;

double Model::align(double raw, double uHat, double gammaHat)
{
    return (raw - uHat) / std::max(gammaHat - uHat, 1e-9);
}

std::unique_ptr<Model> Model::train(const std::vector<TrainingImage>& images,
                                    const TrainConfig& config, Progress& progress,
                                    const std::vector<std::string>& sourceFolders)
try {
    if (const std::string problem = trainConfigProblem(config); !problem.empty())
        throw Error("A training setting is out of range: " + problem + ".");
    std::unique_ptr<Model> model(new Model());
    Impl& m = *model->d;
    m.config = config;
    configureThreads(config.threads);
    keepFreedBuffers();
    // Training's buffers (decoded images, features, candidates) go back once it ends, however.
    struct ReleaseAtEnd {
        ~ReleaseAtEnd() { releaseFreedMemory(); }
    } releaseAtEnd;
    m.device = resolveDevice(config.device);
    m.build();
    m.info.sourceFolders = sourceFolders;
    m.info.trainedAt = nowIso();

    // Decode everything once; a bad file is skipped and reported, not fatal.
    ImageSet set;
    std::vector<const TrainingImage*> kept;
    progress.begin("Loading images", std::int64_t(images.size()));
    for (const auto& img : images) {
        try {
            set.push_back(toTensor(io::loadImage(img.path).bgr, config.imageSize));
            kept.push_back(&img);
        } catch (const Error& e) {
            m.info.skippedImages.push_back(e.what());
        }
        progress.advance();
    }
    if (set.size() < 4)
        throw Error("Training needs at least 4 readable normal images; found " +
                    std::to_string(set.size()) + " of " + std::to_string(images.size()) + ".");
    ImplicitClasses::checkForcedGroups(config.forcedGroups, int(set.size()));

    auto subset = [&](const std::vector<size_t>& idx) {
        ImageSet images;
        for (size_t i : idx)
            images.push_back(set[i]);
        return images;
    };
    // Every training image's global embedding: for the implicit classes, and for the regressor's
    // inputs. The calibration images get theirs from the detector's scoring pass.
    std::vector<torch::Tensor> embeddings(set.size());
    std::vector<int> labels;
    auto findProductTypes = [&] {
        progress.begin("Finding product types", 1);
        const auto allEmb = torch::stack(embeddings).contiguous();
        cv::Mat embMat(int(allEmb.size(0)), int(allEmb.size(1)), CV_32F, allEmb.data_ptr<float>());
        labels = m.classes.fit(embMat, config.maxGroups, config.forcedGroups, config.seed);
        for (int g = 0; g < m.classes.k(); ++g) {
            ImplicitGroup group;
            group.id = g;
            group.name = "Group " + std::to_string(g + 1);
            group.count = int(std::count(labels.begin(), labels.end(), g));
            group.representative = kept[size_t(m.classes.medoids()[size_t(g)])]->path.string();
            m.groups.push_back(group);
        }
        progress.advance();
    };

    // Calibration images must not have shaped the detector: leave-self-out where the method
    // allows it, otherwise a seeded held-out split.
    std::vector<size_t> fitIdx, calIdx;
    const bool leaveSelfOut = m.detector->supportsLeaveSelfOut();
    // Each calibration image costs a full score (for PatchCore, the slowest part of training on
    // large sets), so at most maxCalibration of them are calibrated.
    const size_t calCap =
        config.maxCalibration > 0 ? std::max<size_t>(2, size_t(config.maxCalibration)) : set.size();
    const size_t nCal =
        leaveSelfOut ? std::min(calCap, set.size())
                     : std::clamp<size_t>(
                           size_t(std::llround(config.calibrationFraction * double(set.size()))), 2,
                           std::min(calCap, set.size() - 2));
    std::vector<size_t> order(set.size());
    std::iota(order.begin(), order.end(), 0);
    if (nCal < set.size()) {
        // A sample: stratified by implicit group, so that every product type gets its share of
        // calibration images (a random 20 % of 48 images per type gave one type 4 and another
        // 14). The groups need every image's embedding first: one backbone pass.
        progress.begin("Embedding images", std::int64_t(set.size()));
        forEachBatch(set, config.batchSize, m.device, [&](const torch::Tensor& rgb, size_t first) {
            torch::NoGradGuard noGrad;
            const auto e =
                Backbone::embedding(m.backbone->forward(rgb)).to(torch::kCPU).to(torch::kFloat32);
            for (std::int64_t row = 0; row < e.size(0); ++row) {
                requireFinite({}, e[row], kept[first + size_t(row)]->path);
                embeddings[first + size_t(row)] = e[row];
            }
            progress.advance(e.size(0));
        });
        findProductTypes();
        order = stratifiedOrder(labels, config.seed + 7);
    }
    calIdx.assign(order.begin(), order.begin() + long(nCal));
    if (leaveSelfOut)
        fitIdx = order;
    else
        fitIdx.assign(order.begin() + long(nCal), order.end());
    std::sort(calIdx.begin(), calIdx.end());
    std::sort(fitIdx.begin(), fitIdx.end());
    m.info.calibrationMethod = leaveSelfOut ? "leave-self-out" : "held-out split";
    ImageSet fitSet = subset(fitIdx);
    auto t0 = Clock::now();
    m.detector->fit(fitSet, progress);
    m.info.fitSeconds = since(t0);
    if (const auto* patchCore = dynamic_cast<const PatchCore*>(m.detector.get()))
        m.info.bankPatches = patchCore->bankSize();
    m.info.trainImages = int(fitSet.size());
    fitSet.clear();

    // Calibration maps and embeddings of the calibration images. The maps wait (half precision,
    // on the CPU) until the spatial prior is known.
    t0 = Clock::now();
    std::vector<torch::Tensor> calMaps, calGrids;
    progress.begin("Calibrating", std::int64_t(calIdx.size()));
    forEachBatch(
        subset(calIdx), config.batchSize, m.device, [&](const torch::Tensor& rgb, size_t first) {
            const auto n = size_t(rgb.size(0));
            std::vector<std::int64_t> exclude;
            if (leaveSelfOut) // fit index == set index here
                exclude.assign(calIdx.begin() + long(first), calIdx.begin() + long(first + n));
            const auto s = m.detect(rgb, exclude, nullptr);
            for (size_t row = 0; row < n; ++row) {
                const size_t i = calIdx[first + row];
                requireFinite(s.maps[std::int64_t(row)], s.embedding[std::int64_t(row)],
                              kept[i]->path);
                embeddings[i] = s.embedding[std::int64_t(row)];
                calMaps.push_back(s.maps[std::int64_t(row)].to(torch::kCPU).to(torch::kFloat16));
                calGrids.push_back(SpatialPrior::toGrid(s.maps[std::int64_t(row)]));
                CalibrationRecord r;
                r.path = kept[i]->path.string();
                r.className = kept[i]->className;
                m.calibration.push_back(r);
            }
            progress.advance(std::int64_t(n));
        });
    m.info.calibrationImages = int(m.calibration.size());
    set.clear();

    // Implicit classes over all training images (already found when they chose the sample).
    if (labels.empty())
        findProductTypes();

    // The spatial prior in the regressor's feature space, then the calibration statistics of the
    // corrected maps (each image's prior estimated from its neighbours without itself).
    progress.begin("Training CADA regressor", 1);
    std::vector<torch::Tensor> calEmb;
    for (size_t k = 0; k < calIdx.size(); ++k)
        calEmb.push_back(embeddings[calIdx[k]]);
    const auto calEmbT = torch::stack(calEmb);
    m.regressor.fitFeatureSpace(calEmbT);
    m.neighbours.fit(m.regressor.features(calEmbT));
    if (!m.neighbours.empty())
        m.prior.fit(calGrids);
    calGrids.clear();
    std::vector<torch::Tensor> calNear; // each calibration image's neighbours, without itself
    std::vector<double> means, maxima;
    for (size_t k = 0; k < calIdx.size(); ++k) {
        auto& r = m.calibration[k];
        r.group = labels[calIdx[k]];
        calNear.push_back(m.neighboursOf(calEmb[k], std::int64_t(k)));
        const auto map = m.rawMap(calMaps[k].to(torch::kFloat32), calNear[k]);
        r.mapMean = map.mean().item<double>();
        r.mapMax = map.max().item<double>();
        r.rawScore = m.imageScore(map);
        means.push_back(r.mapMean);
        maxima.push_back(r.mapMax);
    }
    calMaps.clear();

    // CADA regressor on calibration targets; global statistics for the unaligned baseline.
    m.regressor.fit(calEmbT, means, maxima, config.seed);
    m.predictAtNeighbours();
    m.uNone = std::accumulate(means.begin(), means.end(), 0.0) / double(means.size());
    m.gammaNone = std::max(m.uNone + 1e-6, std::accumulate(maxima.begin(), maxima.end(), 0.0) /
                                               double(maxima.size()));
    std::vector<double> alignedScores, noneScores;
    for (size_t k = 0; k < m.calibration.size(); ++k) {
        auto& r = m.calibration[k];
        std::tie(r.uHat, r.gammaHat) = m.statistics(Alignment::Cada, calEmb[k], calNear[k]);
        alignedScores.push_back(align(r.rawScore, r.uHat, r.gammaHat));
        noneScores.push_back(align(r.rawScore, m.uNone, m.gammaNone));
        if (r.group >= 0) {
            m.groups[size_t(r.group)].calibrationScores.push_back(alignedScores.back());
            m.groups[size_t(r.group)].calibrationRawScores.push_back(r.rawScore);
        }
    }
    m.info.threshold =
        metrics::thresholdForFalseAlarmRate(alignedScores, config.targetFalseAlarmRate);
    m.info.thresholdNone =
        metrics::thresholdForFalseAlarmRate(noneScores, config.targetFalseAlarmRate);
    m.info.calibrationSeconds = since(t0);
    progress.advance();
    return model;
} catch (const c10::Error& e) {
    throw torchError("Training stopped", e);
}

void Model::save(const std::filesystem::path& path) const
{
    TensorArchive archive;
    auto& meta = archive.meta();
    meta["kind"] = "cada-inspect-model";
    meta["config"] = toJson(d->config);
    meta["info"] = toJson(d->info);
    meta["backbone"] = nlohmann::json::parse(d->info.backbone);
    meta["alignment"] = {{"none", {{"u", d->uNone}, {"gamma", d->gammaNone}}}};
    meta["groups"] = d->classes.toJson();
    nlohmann::json groups = nlohmann::json::array();
    for (const auto& g : d->groups)
        groups.push_back(toJson(g));
    meta["group_list"] = groups;
    nlohmann::json cal = nlohmann::json::array();
    for (const auto& c : d->calibration)
        cal.push_back(toJson(c));
    meta["calibration"] = cal;
    d->detector->save(archive);
    d->regressor.save(archive);
    d->neighbours.save(archive);
    d->prior.save(archive);
    if (!d->torchScriptBytes.empty())
        archive.putBytes("backbone.torchscript", d->torchScriptBytes);
    archive.save(path);
}

std::unique_ptr<Model> Model::load(const std::filesystem::path& path, const std::string& device,
                                   int threads)
{
    const TensorArchive archive = TensorArchive::load(path);
    std::unique_ptr<Model> model(new Model());
    Impl& m = *model->d;
    try {
        const auto& meta = archive.meta();
        if (meta.value("kind", "") != "cada-inspect-model")
            throw Error("it is not a CADA Inspect model");
        m.config = trainConfigFromJson(meta.at("config"));
        if (m.config.backbone.kind == "torchscript" && !archive.has("backbone.torchscript"))
            throw Error("it names a TorchScript backbone but does not hold it; a model file never "
                        "makes the program open a file it names. Re-train the model");
        configureThreads(threads > 0 ? threads : m.config.threads);
        keepFreedBuffers();
        m.device = resolveDevice(device);
        if (archive.has("backbone.torchscript"))
            m.torchScriptBytes = archive.bytes("backbone.torchscript");
        m.build();
        const std::string device = m.info.device;
        m.info = infoFromJson(meta.at("info"));
        m.info.device = device;
        m.detector->load(archive);
        m.regressor.load(archive);
        m.neighbours.load(archive);
        m.prior.load(archive);
        m.uNone = meta.at("alignment").at("none").at("u");
        m.gammaNone = meta.at("alignment").at("none").at("gamma");
        m.classes.fromJson(meta.at("groups"));
        if (m.classes.k() > 0 && m.classes.dimension() != m.regressor.embeddingSize())
            throw Error("its implicit classes expect embeddings of size " +
                        std::to_string(m.classes.dimension()) + ", its regressor of size " +
                        std::to_string(m.regressor.embeddingSize()) + "; re-train the model");
        for (const auto& g : meta.at("group_list"))
            m.groups.push_back(groupFromJson(g));
        for (const auto& c : meta.at("calibration"))
            m.calibration.push_back(calibrationFromJson(c));
        const auto rows = m.neighbours.count();
        if ((rows > 0 && rows != std::int64_t(m.calibration.size())) ||
            (!m.prior.empty() && m.prior.count() != rows) ||
            (rows > 0 && m.neighbours.features().size(1) != m.regressor.featureCount()))
            throw Error("the calibration neighbours do not match the calibration records; "
                        "re-train the model");
        m.predictAtNeighbours();
    } catch (const nlohmann::json::exception& e) {
        throw Error("Model file '" + path.string() + "' has an incomplete header (" + e.what() +
                    "). Re-train the model.");
    } catch (const Error& e) {
        throw Error("Cannot use model file '" + path.string() + "': " + e.what());
    } catch (const c10::Error& e) {
        throw Error("Cannot use model file '" + path.string() + "': its tensors do not fit (" +
                    e.what_without_backtrace() + "). Re-train the model.");
    } catch (const cv::Exception& e) {
        throw Error("Cannot use model file '" + path.string() + "': its matrices do not fit (" +
                    e.err + "). Re-train the model.");
    }
    return model;
}

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
                                                 "image's features (" + errorText(e) + ")";
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

const ModelInfo& Model::info() const
{
    return d->info;
}
const TrainConfig& Model::config() const
{
    return d->config;
}
const std::vector<CalibrationRecord>& Model::calibration() const
{
    return d->calibration;
}
const std::vector<ImplicitGroup>& Model::groups() const
{
    return d->groups;
}

void Model::setGroupName(int groupId, const std::string& name)
{
    if (groupId < 0 || groupId >= int(d->groups.size()))
        throw Error("There is no implicit group " + std::to_string(groupId) + ".");
    d->groups[size_t(groupId)].name = name;
}

std::pair<double, double> Model::globalStatistics() const
{
    return {d->uNone, d->gammaNone};
}

double Model::defaultThreshold(Alignment alignment) const
{
    return alignment == Alignment::None ? d->info.thresholdNone : d->info.threshold;
}

} // namespace cada
