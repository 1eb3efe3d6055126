#pragma once
// The model's state, private to core/src/model: Model.cpp (accessors), Training.cpp (the training
// steps), Scoring.cpp and ModelFile.cpp (save and load) share it.
#include <chrono>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <opencv2/core.hpp>
#include <torch/torch.h>

#include "alignment/CadaRegressor.h"
#include "alignment/CalibrationNeighbours.h"
#include "alignment/SpatialPrior.h"
#include "backbones/Backbone.h"
#include "backbones/TorchScriptBackbone.h"
#include "cada/Error.h"
#include "cada/model/Model.h"
#include "detectors/Detector.h"
#include "detectors/DetectorFactory.h"
#include "grouping/ImplicitClasses.h"

namespace cada {
namespace detail {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t);
std::string nowIso();

// A backbone (a user's TorchScript file above all) can produce NaN or infinite features for some
// inputs; unchecked, they would poison the groups, the spatial prior and the regressor silently.
extern const std::string notFiniteMessage;
bool isFinite(const torch::Tensor& t);
void requireFinite(const torch::Tensor& map, const torch::Tensor& embedding,
                   const std::filesystem::path& image);
// LibTorch reports failed operations (a shape or type mismatch, a GPU out of memory) as c10::Error;
// core reports one error type, with what the user can do.
Error torchError(const std::string& what, const c10::Error& e);
// Decoded, resized to size x size, RGB, uint8 CHW.
torch::Tensor toTensor(const cv::Mat& bgr, int size);
cv::Mat toMat(const torch::Tensor& map); // H x W float tensor (any device) -> CV_32F

} // namespace detail

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
        detector = makeDetector(config, *backbone, device);
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

} // namespace cada
