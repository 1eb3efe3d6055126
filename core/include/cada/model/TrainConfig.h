#pragma once
// Everything a user chooses when training a model. Stored in the model file.
#include <array>
#include <cstdint>
#include <string>

namespace cada {

enum class Method { PatchCore, RevDist };
std::string methodName(Method method);
Method parseMethod(const std::string& text); // "patchcore" | "revdist"; throws cada::Error

struct BackboneConfig {
    // "scattering" (built-in default, weight-free), "randomcnn" (built-in, seeded),
    // or "torchscript" (a user's file, see torchScriptPath).
    std::string kind = "scattering";
    std::string torchScriptPath;
    // Input normalisation for TorchScript backbones (ImageNet by default); the built-in
    // backbones work on [0, 1] RGB and ignore it.
    std::array<float, 3> mean{0.485f, 0.456f, 0.406f};
    std::array<float, 3> std{0.229f, 0.224f, 0.225f};
    std::uint64_t seed = 0; // randomcnn weights
    // Scattering: coefficients are compressed as log(s + logFloor). The floor is one CIE-Lab
    // just-noticeable difference (Delta E = 1, 0.01 in the backbone's Lab / 100 units), so
    // modulations weaker than the eye sees, such as sensor noise on a plain surface, are not
    // stretched by the logarithm into differences as large as a visible texture change.
    // Models written before the floor was stored used 1e-3 and keep it.
    double logFloor = 0.01;
};

struct TrainConfig {
    Method method = Method::PatchCore;
    BackboneConfig backbone;
    int imageSize = 256;         // images are resized to imageSize x imageSize
    std::string device = "auto"; // auto | cpu | cuda | cuda:N
    int threads = 0;             // 0: all cores
    int batchSize = 8;
    std::uint64_t seed = 0;

    // PatchCore
    double coresetRatio = 0.10;
    int projectionDim = 0;                  // 0: no random projection of patch features
    std::int64_t maxBank = 32768;           // cap on the memory bank: scoring cost grows with it
    std::int64_t maxCandidates = 200000;    // coreset candidates kept in memory while extracting
    // Nearest-neighbour search over the bank: k-means lists (0: about sqrt(bank size)) and the
    // nearest lists each patch is compared with (0: every list, an exact search).
    int searchLists = 0;
    int searchProbes = 4;

    // Reverse Distillation
    int epochs = 100;
    double learningRate = 0.005;

    // Calibration (CADA targets): fraction of normal images held out when the detector cannot
    // score its own training images without bias (Reverse Distillation).
    double calibrationFraction = 0.20;
    // At most this many calibration images (a seeded random subset; 0: no cap). Each costs a full
    // score, which for PatchCore's leave-self-out calibration is most of the training time on
    // large sets; the CADA regressor and the threshold need far fewer.
    int maxCalibration = 1000;
    // Target false-alarm rate on calibration normals that sets the default threshold.
    double targetFalseAlarmRate = 0.01;
    // Implicit classes: k is chosen automatically in [1, maxGroups]. 20 leaves room for the
    // benchmarks' mixes (MVTec AD has 15 product types, VisA 12).
    int maxGroups = 20;
    int forcedGroups = 0;         // > 0 overrides the automatic choice
    bool topPercentScore = false; // image score = mean of the top 1 % instead of the max
};

} // namespace cada
