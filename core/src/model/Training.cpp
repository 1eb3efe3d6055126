// Model::train: the training steps.
#include <algorithm>
#include <map>
#include <numeric>

#include "cada/io/ImageLoader.h"
#include "components/Device.h"
#include "components/HeapTuning.h"
#include "detectors/patchcore/PatchCore.h"
#include "model/CalibrationFit.h"
#include "model/ConfigJson.h"
#include "model/ModelImpl.h"

namespace cada {
namespace {

using namespace detail;

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

} // namespace

// One training run, step by step. Each step reads what the previous ones left in the members.
class ModelTraining {
  public:
    ModelTraining(Model::Impl& model, const TrainConfig& config, Progress& progress)
        : m(model), config(config), progress(progress)
    {
    }

    // Decodes every image once; a bad file is skipped and reported, not fatal.
    void loadImages(const std::vector<TrainingImage>& images)
    {
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
        embeddings.resize(set.size());
    }

    // Calibration images must not have shaped the detector: leave-self-out where the method
    // allows it, otherwise a seeded held-out split. Each calibration image costs a full score
    // (for PatchCore, the slowest part of training on large sets), so at most maxCalibration.
    void chooseCalibrationImages()
    {
        leaveSelfOut = m.detector->supportsLeaveSelfOut();
        const size_t calCap = config.maxCalibration > 0
                                  ? std::max<size_t>(2, size_t(config.maxCalibration))
                                  : set.size();
        const size_t nCal =
            leaveSelfOut
                ? std::min(calCap, set.size())
                : std::clamp<size_t>(
                      size_t(std::llround(config.calibrationFraction * double(set.size()))), 2,
                      std::min(calCap, set.size() - 2));
        std::vector<size_t> order(set.size());
        std::iota(order.begin(), order.end(), 0);
        if (nCal < set.size()) {
            // A sample: stratified by implicit group, so that every product type gets its share
            // of calibration images (a random 20 % of 48 images per type gave one type 4 and
            // another 14). The groups need every image's embedding first: one backbone pass.
            embedAll();
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
    }

    void fitDetector()
    {
        ImageSet fitSet = subset(fitIdx);
        const auto t0 = Clock::now();
        m.detector->fit(fitSet, progress);
        m.info.fitSeconds = since(t0);
        if (const auto* patchCore = dynamic_cast<const PatchCore*>(m.detector.get()))
            m.info.bankPatches = patchCore->bankSize();
        m.info.trainImages = int(fitSet.size());
        for (size_t i : fitIdx)
            m.info.fitImages.push_back(kept[i]->path.string());
    }

    // Maps and embeddings of the calibration images. The maps wait (half precision, on the CPU)
    // until the spatial prior is known.
    void scoreCalibrationImages()
    {
        calibrationStart = Clock::now();
        progress.begin("Calibrating", std::int64_t(calIdx.size()));
        forEachBatch(subset(calIdx), config.batchSize, m.device,
                     [&](const torch::Tensor& rgb, size_t first) {
                         const auto n = size_t(rgb.size(0));
                         std::vector<std::int64_t> exclude;
                         if (leaveSelfOut) // fit index == set index here
                             exclude.assign(calIdx.begin() + long(first),
                                            calIdx.begin() + long(first + n));
                         const auto s = m.detect(rgb, exclude, nullptr);
                         for (size_t row = 0; row < n; ++row) {
                             const size_t i = calIdx[first + row];
                             const auto r64 = std::int64_t(row);
                             requireFinite(s.maps[r64], s.embedding[r64], kept[i]->path);
                             embeddings[i] = s.embedding[r64];
                             cal.maps.push_back(s.maps[r64].to(torch::kCPU).to(torch::kFloat16));
                             cal.grids.push_back(SpatialPrior::toGrid(s.maps[r64]));
                             CalibrationRecord r;
                             r.path = kept[i]->path.string();
                             r.className = kept[i]->className;
                             r.owner = leaveSelfOut ? std::int64_t(i) : CalibrationRecord::kHeldOut;
                             m.calibration.push_back(r);
                         }
                         progress.advance(std::int64_t(n));
                     });
        m.info.calibrationImages = int(m.calibration.size());
        set.clear();
    }

    // Implicit classes over all training images (already found when they chose the sample).
    void findProductTypesIfNeeded()
    {
        if (labels.empty())
            findProductTypes();
    }

    // The spatial prior, the calibration statistics, the CADA regressor and the global statistics
    // of the unaligned baseline (CalibrationFit).
    void fitAlignment()
    {
        progress.begin("Training CADA regressor", 1);
        for (size_t k = 0; k < calIdx.size(); ++k) {
            cal.embeddings.push_back(embeddings[calIdx[k]]);
            m.calibration[k].group = labels[calIdx[k]];
        }
        CalibrationFit::fitAlignment(m, cal, config.seed);
    }

    // The default thresholds hold the target false-alarm rate on the calibration normals.
    void setThresholds()
    {
        CalibrationFit::setThresholds(m, cal, config.targetFalseAlarmRate);
        m.info.calibrationSeconds = since(calibrationStart);
        progress.advance();
    }

  private:
    ImageSet subset(const std::vector<size_t>& idx) const
    {
        ImageSet images;
        for (size_t i : idx)
            images.push_back(set[i]);
        return images;
    }

    // Every training image's global embedding: one backbone pass.
    void embedAll()
    {
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
    }

    void findProductTypes()
    {
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
    }

    Model::Impl& m;
    const TrainConfig& config;
    Progress& progress;
    ImageSet set;                           // decoded training images
    std::vector<const TrainingImage*> kept; // the image of each entry of `set`
    std::vector<torch::Tensor> embeddings;  // global embedding per image, when known
    std::vector<int> labels;                // implicit group per image
    bool leaveSelfOut = false;
    std::vector<size_t> fitIdx, calIdx; // into `set`
    CalibrationMaps cal;                // per calibration image
    Clock::time_point calibrationStart;
};

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
    const JobHeapScope heap; // decoded images, features, candidates go back once it ends
    m.device = resolveDevice(config.device);
    m.build();
    m.info.sourceFolders = sourceFolders;
    m.info.trainedAt = nowIso();

    ModelTraining run(m, config, progress);
    run.loadImages(images);
    run.chooseCalibrationImages();
    run.fitDetector();
    run.scoreCalibrationImages();
    run.findProductTypesIfNeeded();
    run.fitAlignment();
    run.setThresholds();
    return model;
} catch (const c10::Error& e) {
    throw torchError("Training stopped", e);
}

} // namespace cada
