// Model::update: a new model from a model file and more normal images, step by step.
#include <algorithm>
#include <fstream>
#include <iterator>
#include <numeric>
#include <set>

#include "cada/io/ImageLoader.h"
#include "components/Device.h"
#include "components/HeapTuning.h"
#include "detectors/patchcore/PatchCore.h"
#include "model/CalibrationFit.h"
#include "model/ModelImpl.h"
#include "model/Sha256.h"

namespace cada {
namespace {

using namespace detail;

std::string fileSha256(const std::filesystem::path& path, const std::string& what)
{
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof())
        throw Error("Cannot read " + what + " '" + path.string() + "' to compute its hash.");
    return sha256Hex(bytes);
}

} // namespace

// One update run. Each step reads what the previous ones left in the members.
class ModelUpdating {
  public:
    ModelUpdating(Model::Impl& model, const UpdateOptions& options, Progress& progress)
        : m(model), options(options), progress(progress)
    {
    }

    // What the base must hold for an update: each calibration image's owner in the detector's
    // fitted images (older files: the index when every fitted image was calibrated) and, for a
    // method that fine-tunes on its fitted images, their paths.
    void checkBase(const std::filesystem::path& baseFile)
    {
        leaveSelfOut = m.detector->supportsLeaveSelfOut();
        const bool ownersUnknown =
            std::any_of(m.calibration.begin(), m.calibration.end(),
                        [](const auto& r) { return r.owner == CalibrationRecord::kOwnerUnknown; });
        if (ownersUnknown && leaveSelfOut) {
            if (int(m.calibration.size()) != m.info.trainImages)
                throw Error("Cannot update '" + baseFile.string() +
                            "': it was written before calibration images recorded their place "
                            "in the memory bank, and it calibrated " +
                            std::to_string(m.calibration.size()) + " of its " +
                            std::to_string(m.info.trainImages) +
                            " images, so leave-self-out scoring cannot find them. Re-train the "
                            "model with this version to update it later.");
            for (size_t k = 0; k < m.calibration.size(); ++k)
                m.calibration[k].owner = std::int64_t(k);
        } else if (ownersUnknown) {
            for (auto& r : m.calibration)
                r.owner = CalibrationRecord::kHeldOut;
        }
        if (m.detector->extendNeedsFitImages() &&
            int(m.info.fitImages.size()) != m.info.trainImages)
            throw Error("Cannot update '" + baseFile.string() +
                        "': " + methodName(m.config.method) +
                        " is updated by fine-tuning on its training images as well as the new "
                        "ones, and this model was written before it recorded which images those "
                        "were. Re-train it with this version to update it later.");
    }

    void recordLineage(const std::filesystem::path& baseFile,
                       const std::vector<TrainingImage>& added)
    {
        progress.begin("Hashing files", std::int64_t(added.size()) + 1);
        ModelUpdate u;
        u.time = nowIso();
        u.reason = options.reason;
        u.reviewer = options.reviewer;
        u.parentSha256 = fileSha256(baseFile, "model file");
        u.parentPath = std::filesystem::absolute(baseFile).lexically_normal().string();
        progress.advance();
        for (const auto& img : added) {
            u.added.push_back({img.path.string(), fileSha256(img.path, "image")});
            progress.advance();
        }
        m.info.parentSha256 = u.parentSha256;
        m.info.history.push_back(std::move(u));
        ++m.info.version;
    }

    // Decodes the added images; a teaching set is chosen image by image, so a bad one stops the
    // update (naming it) instead of being skipped. An image already in the model is refused too.
    void loadAddedImages(const std::vector<TrainingImage>& added)
    {
        std::set<std::string> known(m.info.fitImages.begin(), m.info.fitImages.end());
        for (const auto& r : m.calibration)
            known.insert(r.path);
        progress.begin("Loading images", std::int64_t(added.size()));
        for (const auto& img : added) {
            if (!known.insert(img.path.string()).second)
                throw Error("'" + img.path.string() +
                            "' is already one of the model's normal images (or listed twice); "
                            "remove it from the images to add.");
            try {
                images.push_back(toTensor(io::loadImage(img.path).bgr, m.config.imageSize));
            } catch (const Error& e) {
                throw Error(std::string("Cannot add an image: ") + e.what());
            }
            progress.advance();
        }
        this->added = &added;
    }

    // PatchCore fits every new image and calibrates each leaving itself out; Reverse Distillation
    // holds a seeded share out for calibration (at least one image, and one left to fit).
    void splitAddedImages()
    {
        const size_t n = images.size();
        std::vector<size_t> order(n);
        std::iota(order.begin(), order.end(), 0);
        if (leaveSelfOut) {
            fitIdx = calIdx = order;
            return;
        }
        auto gen =
            at::detail::createCPUGenerator(m.config.seed + 7 + std::uint64_t(m.info.version));
        const auto perm = torch::randperm(std::int64_t(n), gen);
        for (size_t k = 0; k < n; ++k)
            order[k] = size_t(perm[std::int64_t(k)].item<std::int64_t>());
        const size_t nCal =
            n < 2 ? 0
                  : std::clamp<size_t>(
                        size_t(std::llround(m.config.calibrationFraction * double(n))), 1, n - 1);
        calIdx.assign(order.begin(), order.begin() + long(nCal));
        fitIdx.assign(order.begin() + long(nCal), order.end());
        std::sort(calIdx.begin(), calIdx.end());
        std::sort(fitIdx.begin(), fitIdx.end());
    }

    void extendDetector()
    {
        ImageSet fitted;
        if (m.detector->extendNeedsFitImages()) {
            progress.begin("Loading training images", std::int64_t(m.info.fitImages.size()));
            for (const auto& path : m.info.fitImages) {
                fitted.push_back(load(path, "training image"));
                progress.advance();
            }
        }
        const int epochs = options.epochs > 0 ? options.epochs : std::max(5, m.config.epochs / 5);
        firstId = m.info.trainImages;
        m.detector->extend(subset(fitIdx), firstId, fitted, epochs, progress);
        if (const auto* patchCore = dynamic_cast<const PatchCore*>(m.detector.get()))
            m.info.bankPatches = patchCore->bankSize();
        for (size_t i : fitIdx)
            m.info.fitImages.push_back((*added)[i].path.string());
        m.info.trainImages += int(fitIdx.size());
    }

    // Every calibration image again, old ones from their recorded paths: the detector changed, so
    // their maps did too (a grown bank lowers distances, a capped one may raise some), and the
    // regressor and the prior need their embeddings and maps.
    void scoreCalibrationImages()
    {
        const size_t oldCount = m.calibration.size();
        for (size_t j = 0; j < calIdx.size(); ++j) {
            const auto& img = (*added)[calIdx[j]];
            CalibrationRecord r;
            r.path = img.path.string();
            r.className = img.className;
            // PatchCore fits every added image: its fit id is firstId + its index.
            r.owner =
                leaveSelfOut ? firstId + std::int64_t(calIdx[j]) : CalibrationRecord::kHeldOut;
            m.calibration.push_back(r);
        }
        const size_t total = m.calibration.size();
        const size_t batch = size_t(std::max(1, m.config.batchSize));
        progress.begin("Calibrating", std::int64_t(total));
        torch::NoGradGuard noGrad;
        for (size_t first = 0; first < total; first += batch) {
            const size_t end = std::min(total, first + batch);
            std::vector<torch::Tensor> rgb;
            std::vector<std::int64_t> exclude;
            for (size_t k = first; k < end; ++k) {
                const auto& r = m.calibration[k];
                rgb.push_back(k < oldCount ? load(r.path, "calibration image")
                                           : images[calIdx[k - oldCount]]);
                exclude.push_back(leaveSelfOut ? r.owner : -1);
            }
            const auto x = torch::stack(rgb).to(m.device).to(torch::kFloat32).div_(255.0);
            const auto s = m.detect(x, exclude, nullptr);
            for (size_t k = first; k < end; ++k) {
                const auto row = std::int64_t(k - first);
                requireFinite(s.maps[row], s.embedding[row], m.calibration[k].path);
                cal.embeddings.push_back(s.embedding[row]);
                cal.maps.push_back(s.maps[row].to(torch::kCPU).to(torch::kFloat16));
                cal.grids.push_back(SpatialPrior::toGrid(s.maps[row]));
            }
            progress.advance(std::int64_t(end - first));
        }
        m.info.calibrationImages = int(total);
        calibrationOf.assign(images.size(), -1);
        for (size_t j = 0; j < calIdx.size(); ++j)
            calibrationOf[calIdx[j]] = std::int64_t(oldCount + j);
    }

    // Added images join the group they fit; those that fit none form one new group ("Group N"),
    // so a new product type gets its own statistics and histogram. Old groups keep their ids,
    // names, centres and radii.
    void assignGroups()
    {
        progress.begin("Assigning groups", 1);
        if (m.classes.k() == 0)
            return progress.advance();
        std::vector<int> group(images.size(), -1);
        std::vector<size_t> unknown;
        for (size_t i = 0; i < images.size(); ++i) {
            const auto e = embeddingOf(i).contiguous();
            const cv::Mat row(1, int(e.size(0)), CV_32F, e.data_ptr<float>());
            bool isUnknown = false;
            group[i] = m.classes.assign(row, isUnknown);
            if (isUnknown)
                unknown.push_back(i);
        }
        if (!unknown.empty()) {
            cv::Mat rows(int(unknown.size()), m.classes.dimension(), CV_32F);
            for (size_t u = 0; u < unknown.size(); ++u) {
                const auto e = embeddingOf(unknown[u]).contiguous();
                cv::Mat(1, rows.cols, CV_32F, e.data_ptr<float>()).copyTo(rows.row(int(u)));
            }
            int medoid = 0;
            ImplicitGroup g;
            g.id = m.classes.addGroup(rows, &medoid);
            g.name = "Group " + std::to_string(g.id + 1);
            g.representative = (*added)[unknown[size_t(medoid)]].path.string();
            m.groups.push_back(g);
            for (size_t i : unknown)
                group[i] = g.id;
        }
        for (size_t i = 0; i < images.size(); ++i) {
            if (std::binary_search(fitIdx.begin(), fitIdx.end(), i))
                ++m.groups[size_t(group[i])].count;
            if (calibrationOf[i] >= 0)
                m.calibration[size_t(calibrationOf[i])].group = group[i];
        }
        progress.advance();
    }

    void refitAlignment()
    {
        progress.begin("Training CADA regressor", 1);
        CalibrationFit::fitAlignment(m, cal, m.config.seed);
        CalibrationFit::setThresholds(m, cal, m.config.targetFalseAlarmRate);
        progress.advance();
    }

  private:
    torch::Tensor load(const std::string& path, const std::string& what) const
    {
        try {
            return toTensor(io::loadImage(path).bgr, m.config.imageSize);
        } catch (const Error& e) {
            throw Error("Cannot update the model: its " + what + " '" + path +
                        "' cannot be read (" + e.what() +
                        "). Restore the file where it was when the model was trained, or "
                        "re-train the model.");
        }
    }

    ImageSet subset(const std::vector<size_t>& idx) const
    {
        ImageSet s;
        for (size_t i : idx)
            s.push_back(images[i]);
        return s;
    }

    // The global embedding of added image i: from its calibration score, or one backbone pass.
    torch::Tensor embeddingOf(size_t i) const
    {
        if (calibrationOf[i] >= 0)
            return cal.embeddings[size_t(calibrationOf[i])];
        torch::NoGradGuard noGrad;
        const auto x = images[i].unsqueeze(0).to(m.device).to(torch::kFloat32).div_(255.0);
        return Backbone::embedding(m.backbone->forward(x))[0].to(torch::kCPU).to(torch::kFloat32);
    }

    Model::Impl& m;
    const UpdateOptions& options;
    Progress& progress;
    const std::vector<TrainingImage>* added = nullptr;
    ImageSet images; // decoded added images
    bool leaveSelfOut = false;
    std::vector<size_t> fitIdx, calIdx;      // into `images`
    std::int64_t firstId = 0;                // fit id of the first added image
    std::vector<std::int64_t> calibrationOf; // calibration record of each added image, or -1
    CalibrationMaps cal;
};

std::unique_ptr<Model> Model::update(const std::filesystem::path& baseFile,
                                     const std::vector<TrainingImage>& added,
                                     const UpdateOptions& options, Progress& progress)
try {
    if (added.empty())
        throw Error("No images to add: give at least one normal image.");
    progress.begin("Loading model", 1);
    std::unique_ptr<Model> model = load(baseFile, options.device, options.threads);
    progress.advance();
    Impl& m = *model->d;
    const JobHeapScope heap;

    ModelUpdating run(m, options, progress);
    run.checkBase(baseFile);
    run.recordLineage(baseFile, added);
    run.loadAddedImages(added);
    run.splitAddedImages();
    run.extendDetector();
    run.scoreCalibrationImages();
    run.assignGroups();
    run.refitAlignment();
    return model;
} catch (const c10::Error& e) {
    throw torchError("The update stopped", e);
}

double Model::farAboveLimit(double threshold)
{
    return threshold + std::max(threshold, 1.0);
}

std::vector<TeachingCheck> Model::checkTeaching(const std::vector<std::filesystem::path>& images,
                                                Progress& progress) const
{
    ScoreOptions options;
    options.keepMaps = false;
    std::vector<TeachingCheck> checks;
    const double threshold = defaultThreshold(Alignment::Cada);
    score(images, options, progress, [&](std::size_t, ImageResult& r) {
        TeachingCheck c;
        c.path = r.path;
        c.error = r.error;
        c.score = r.score;
        c.threshold = threshold;
        c.unknownType = r.unknownType;
        c.farAbove = r.ok() && !r.unknownType && r.score > farAboveLimit(threshold);
        checks.push_back(c);
    });
    return checks;
}

} // namespace cada
