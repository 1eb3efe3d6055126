#pragma once
// A trained model: backbone + detector + CADA calibration + implicit classes + threshold, in one
// file. The public face of the engine; torch stays behind the pimpl.
//
// Threading: a Model is used from one thread at a time (the GUI's worker). train/score report to
// the given Progress and stop with cada::Cancelled within about a second of Progress::cancel().
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cada/Progress.h"
#include "cada/model/ImageResult.h"
#include "cada/model/TrainConfig.h"

namespace cada {

// One normal training image; className is optional (used only by the oracle alignment).
struct TrainingImage {
    std::filesystem::path path;
    std::string className;
};

// Per-image statistics of a calibration normal (scored by a detector that did not fit on it).
struct CalibrationRecord {
    std::string path;
    std::string className; // from the layout, may be empty
    double mapMean = 0, mapMax = 0, rawScore = 0;
    double uHat = 0, gammaHat = 1; // regressor's prediction for it (after training)
    int group = -1;
};

struct ImplicitGroup {
    int id = 0;
    std::string name;                      // user-editable; "Group N" by default
    int count = 0;                         // training images in the group
    std::string representative;            // medoid image path
    std::vector<double> calibrationScores; // aligned (cada) scores of its calibration normals
    std::vector<double> calibrationRawScores;
};

struct ModelInfo {
    Method method = Method::PatchCore;
    std::string backbone; // JSON description
    std::string device;   // e.g. "cpu", "cuda:0"
    int imageSize = 256;
    std::string trainedAt; // ISO 8601 UTC
    int trainImages = 0;
    int calibrationImages = 0;
    std::string calibrationMethod; // "leave-self-out" or "held-out split"
    std::vector<std::string> sourceFolders;
    std::vector<std::string> skippedImages; // "path: reason"
    double fitSeconds = 0, calibrationSeconds = 0;
    std::int64_t bankPatches = 0; // PatchCore's memory bank size (0 for other methods)
    double threshold = 0;         // default threshold for the cada-aligned score
    double thresholdNone = 0;     // default threshold for the unaligned (none) score
};

// Per-stage time spent scoring, in seconds (for `cada bench`).
struct ScoreTimings {
    double decode = 0, preprocess = 0, backbone = 0, detector = 0, alignment = 0, postprocess = 0;
    int images = 0;
};

struct ScoreOptions {
    Alignment alignment = Alignment::Cada; // Oracle needs class labels: only the evaluation has it
    std::optional<double> threshold;       // overrides the model's default
    bool keepMaps = true;
    bool keepEmbedding = false;
    int batchSize = 0; // 0: the model's
    ScoreTimings* timings = nullptr;
};

class Model {
  public:
    ~Model();

    // Fits detector, calibration, implicit classes and threshold on normal images. Unreadable
    // images are skipped and listed in info().skippedImages. Throws cada::Error, cada::Cancelled.
    static std::unique_ptr<Model> train(const std::vector<TrainingImage>& images,
                                        const TrainConfig& config, Progress& progress,
                                        const std::vector<std::string>& sourceFolders = {});
    // Loads a model file on `device` (auto | cpu | cuda[:N]). Throws cada::Error naming the file.
    static std::unique_ptr<Model> load(const std::filesystem::path& path,
                                       const std::string& device = "auto", int threads = 0);
    // Atomic: a temporary file is renamed into place.
    void save(const std::filesystem::path& path) const;

    using ResultSink = std::function<void(std::size_t index, ImageResult& result)>;
    // Scores images in batches; one unreadable image gives a result with `error` set.
    // `sink` is called on the calling thread for each image as soon as it is done.
    void score(const std::vector<std::filesystem::path>& images, const ScoreOptions& options,
               Progress& progress, const ResultSink& sink) const;
    std::vector<ImageResult> score(const std::vector<std::filesystem::path>& images,
                                   const ScoreOptions& options, Progress& progress) const;

    // PatchCore: how many inverted lists each patch searches from now on (0: all, exact), e.g.
    // to compare with an exact search. The threshold and the calibration records stay those
    // measured with the probes the model was trained with. No effect on other methods.
    void setSearchProbes(int probes);

    // Backbone-only pass over already decoded images (the benchmark's floor). Returns seconds.
    double backboneOnlySeconds(const std::vector<std::filesystem::path>& images,
                               int batchSize) const;

    const ModelInfo& info() const;
    const TrainConfig& config() const;
    const std::vector<CalibrationRecord>& calibration() const;
    const std::vector<ImplicitGroup>& groups() const;
    void setGroupName(int groupId, const std::string& name);
    double defaultThreshold(Alignment alignment) const;
    // (u, gamma) of the unaligned baseline: means over all calibration normals.
    std::pair<double, double> globalStatistics() const;

    // Aligned score from a raw score and the predicted statistics: (raw - u) / (gamma - u).
    static double align(double raw, double uHat, double gammaHat);

  private:
    friend class ModelTraining; // the training steps (core/src/model/Training.cpp)
    Model();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace cada
