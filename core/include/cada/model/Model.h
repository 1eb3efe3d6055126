#pragma once
// A trained model: backbone + detector + CADA calibration + implicit classes + threshold, in one
// file. The public face of the engine; torch stays behind the pimpl.
//
// Threading: a Model is used from one thread at a time (the GUI's worker). train/score report to
// the given Progress and stop with cada::Cancelled within about a second of Progress::cancel().
#include <cstdint>
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
    // owner: the image's id among the detector's fitted images when it is one of them (PatchCore's
    // leave-self-out skips that owner's bank patches), kHeldOut when the detector never saw it,
    // kOwnerUnknown in model files written before owners were recorded.
    static constexpr std::int64_t kHeldOut = -1, kOwnerUnknown = -2;

    std::string path;
    std::string className; // from the layout, may be empty
    double mapMean = 0, mapMax = 0, rawScore = 0;
    double uHat = 0, gammaHat = 1; // regressor's prediction for it (after training)
    int group = -1;
    std::int64_t owner = kHeldOut;
};

struct ImplicitGroup {
    int id = 0;
    std::string name;                      // user-editable; "Group N" by default
    int count = 0;                         // training images in the group
    std::string representative;            // medoid image path
    std::vector<double> calibrationScores; // aligned (cada) scores of its calibration normals
    std::vector<double> calibrationRawScores;
};

// Why normal images were added to a model (cada update).
enum class UpdateReason { FalseAlarms, NewType };
std::string updateReasonName(UpdateReason reason);       // "false-alarms" | "new-type"
UpdateReason parseUpdateReason(const std::string& text); // throws cada::Error

struct AddedImage {
    std::string path;
    std::string sha256; // of the file's bytes, lower-case hex
};

// One step of a model's lineage: the update that made this model from its parent file.
struct ModelUpdate {
    std::string time; // ISO 8601 UTC
    UpdateReason reason = UpdateReason::FalseAlarms;
    std::string reviewer;
    std::string parentSha256; // of the parent model file
    std::string parentPath;   // where the parent was when it was updated (to return to it)
    std::vector<AddedImage> added;
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

    // Lineage: 1 when trained, +1 per update; the parent file's SHA-256 (empty when trained) and
    // every update from the trained model to this one, oldest first.
    int version = 1;
    std::string parentSha256;
    std::vector<ModelUpdate> history;
    // The images the detector was fitted on, in fit order (a fine-tune of Reverse Distillation
    // needs them again). Empty in model files written before they were recorded.
    std::vector<std::string> fitImages;
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

// How a model update runs (Model::update).
struct UpdateOptions {
    UpdateReason reason = UpdateReason::FalseAlarms;
    std::string reviewer;
    std::string device = "auto"; // auto | cpu | cuda[:N]
    int threads = 0;             // 0: the model's setting
    // Reverse Distillation's fine-tuning epochs on the old and new normals; 0: a fifth of the
    // training epochs, at least 5. No effect on PatchCore.
    int epochs = 0;
};

// The base model's view of an image about to be taught as normal (Model::checkTeaching).
struct TeachingCheck {
    std::filesystem::path path;
    std::string error;        // could not be scored; nothing else is set
    double score = 0;         // aligned (cada) score under the base model
    double threshold = 0;     // the base model's default threshold
    bool unknownType = false; // far from every group: its aligned score says little
    bool farAbove = false;    // a known type scoring far above the threshold (see kFarAbove)
};

class Model {
  public:
    ~Model();

    // Fits detector, calibration, implicit classes and threshold on normal images. Unreadable
    // images are skipped and listed in info().skippedImages. Throws cada::Error, cada::Cancelled.
    static std::unique_ptr<Model> train(const std::vector<TrainingImage>& images,
                                        const TrainConfig& config, Progress& progress,
                                        const std::vector<std::string>& sourceFolders = {});
    // A new model from the model file `baseFile` and more normal images: PatchCore's memory bank
    // takes a coreset of their patches, Reverse Distillation's student is fine-tuned on the old
    // and new normals; they are calibrated as in training (PatchCore: leave-self-out; Reverse
    // Distillation: a held-out share), every calibration image of the base is scored again from its
    // recorded path, and groups (a new one for images that fit none; old ids and names kept),
    // regressor, spatial prior, global statistics and thresholds are refitted from all calibration
    // records. The result records its lineage (version, the base file's SHA-256, what was added,
    // why, by whom). It loads its own copy of the base: a cancel (cada::Cancelled) or an error
    // leaves the base and every file untouched; the caller saves the result. Throws cada::Error
    // naming the file when an added image or a calibration image of the base cannot be read.
    static std::unique_ptr<Model> update(const std::filesystem::path& baseFile,
                                         const std::vector<TrainingImage>& added,
                                         const UpdateOptions& options, Progress& progress);
    // A known-type image whose aligned score is above threshold + max(threshold, 1) (twice a
    // threshold of 1 or more) lies far above the default threshold: probably a defect, not a
    // false alarm; teaching it as normal would hide such defects.
    static double farAboveLimit(double threshold);
    // Scores images with this model (cada alignment) before they are taught to it as normal.
    std::vector<TeachingCheck> checkTeaching(const std::vector<std::filesystem::path>& images,
                                             Progress& progress) const;

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
    friend class ModelTraining;  // the training steps (core/src/model/Training.cpp)
    friend class ModelUpdating;  // the update steps (core/src/model/Update.cpp)
    friend class CalibrationFit; // the alignment both fit (core/src/model/CalibrationFit.cpp)
    Model();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace cada
