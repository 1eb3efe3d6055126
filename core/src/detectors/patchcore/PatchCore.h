#pragma once
// PatchCore: Roth et al., "Towards Total Recall in Industrial Anomaly Detection", CVPR 2022.
//
// Patch features: the backbone's two middle stages, each averaged over a 3x3 neighbourhood, the
// coarser one upsampled to the finer, concatenated, standardised per dimension (by the pooled
// within-image standard deviation), optionally randomly projected. Memory bank: greedy k-center
// coreset (coresetRatio of all training patches, at most maxBank) of the candidates, which are
// every patch on small sets and a k-center selection within each batch on large ones; both
// selections measure distances in the leading principal components. Patch score: distance to the
// nearest bank patch, searched on the scoring device by an inverted file over the bank (exact in
// the probed lists; every list when searchProbes is 0). Map: patch scores upsampled to the input
// size, Gaussian sigma 4 x size / 224 (4 at the paper's 224 px).
//
// Extending (a model update): the new images' candidates, standardised with the fitted statistics,
// give coresetRatio of their patches by the same k-center selection; they join the bank with their
// own owners. When the bank would exceed maxBank, greedy k-center reruns over the old bank and the
// new coreset together and keeps maxBank of them: the patches that leave are those nearest to
// patches that stay (the most redundant ones), whichever image they came from.
//
// Leave-self-out: every bank patch remembers its image; scoring a training image can skip its
// own patches, which gives the unbiased calibration scores CADA needs without a held-out split.
#include "components/NearestNeighbourIndex.h"
#include "detectors/Detector.h"

namespace cada {

struct PatchCoreParams {
    double coresetRatio = 0.1;
    int projectionDim = 0;
    int batchSize = 8;
    std::uint64_t seed = 0;
    bool finestStages = false; // stages 0 and 1 (strides 4, 8) instead of 1 and 2
    // Greedy k-center costs O(candidates x bank) and every score O(bank): above this many
    // training patches each image keeps its share as a k-center selection of its own patches,
    // and the bank (coresetRatio x all patches) is capped at maxBank.
    std::int64_t maxCandidates = 200000;
    std::int64_t maxBank = 32768;
    // Nearest-neighbour search: inverted lists over the bank (0: about sqrt(bank)), and how many
    // of them each patch probes (0: all, an exact search).
    int searchLists = 0;
    int searchProbes = 0;
};

class PatchCore : public Detector {
  public:
    PatchCore(Backbone& backbone, PatchCoreParams params, torch::Device device);
    ~PatchCore() override;

    void fit(const ImageSet& images, Progress& progress) override;
    DetectorOutput score(const torch::Tensor& rgb, const std::vector<std::int64_t>& excludeIds,
                         StageClock* clock) override;
    bool supportsLeaveSelfOut() const override { return true; }
    void extend(const ImageSet& added, std::int64_t firstId, const ImageSet& fitted, int epochs,
                Progress& progress) override;
    bool extendNeedsFitImages() const override { return false; }
    void save(TensorArchive& archive) const override;
    void load(const TensorArchive& archive) override;

    std::int64_t bankSize() const { return m_index.size(); }
    void setSearchProbes(int probes) { m_params.searchProbes = probes; }
    const NearestNeighbourIndex& index() const { return m_index; }

  private:
    // Coreset candidates of a set: up to maxCandidates patch rows (a k-center share of each image
    // when there are more), their owners (firstId + index in the set), and the sums that give the
    // standardisation (every patch counted).
    struct Candidates {
        torch::Tensor rows, owners;
        torch::Tensor sum, withinVar; // per dimension, float64
        std::int64_t total = 0;       // patches seen
    };
    Candidates candidates(const ImageSet& images, std::int64_t firstId, Progress& progress) const;
    // N x D x h x w patch features (standardised and projected when fitted).
    torch::Tensor patchFeatures(const std::vector<torch::Tensor>& stages) const;

    Backbone& m_backbone;
    PatchCoreParams m_params;
    torch::Device m_device;
    torch::Tensor m_mean, m_std, m_projection; // per-dimension standardisation; D x P or undefined
    NearestNeighbourIndex m_index;             // the memory bank; owners are training image ids
};

} // namespace cada
