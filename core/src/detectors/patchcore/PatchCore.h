#pragma once
// PatchCore: Roth et al., "Towards Total Recall in Industrial Anomaly Detection", CVPR 2022.
//
// Patch features: the backbone's two middle stages, each averaged over a 3x3 neighbourhood, the
// coarser one upsampled to the finer, concatenated, standardised per dimension (by the pooled
// within-image standard deviation), optionally randomly projected. Memory bank: greedy k-center
// coreset (coresetRatio of all training patches, at most maxBank) of the candidates, which are
// every patch on small sets and a k-center selection within each batch on large ones. Patch score:
// distance to the nearest bank patch (faiss; exact flat index, HNSW above a size). Map: patch
// scores upsampled to the input size, Gaussian sigma 4 x size / 224 (4 at the paper's 224 px).
//
// Leave-self-out: every bank patch remembers its image; scoring a training image can skip its
// own patches, which gives the unbiased calibration scores CADA needs without a held-out split.
#include <memory>

#include "detectors/Detector.h"

namespace faiss {
struct Index;
}

namespace cada {

struct PatchCoreParams {
    double coresetRatio = 0.1;
    int projectionDim = 0;
    std::int64_t approximateAbove = 500000;
    int batchSize = 8;
    std::uint64_t seed = 0;
    bool finestStages = false; // stages 0 and 1 (strides 4, 8) instead of 1 and 2
    // Greedy k-center costs O(candidates x bank) and every score O(bank): above this many
    // training patches each batch keeps its share as a k-center selection of its own patches,
    // and the bank (coresetRatio x all patches) is capped at maxBank.
    std::int64_t maxCandidates = 200000;
    std::int64_t maxBank = 32768;
};

class PatchCore : public Detector {
  public:
    PatchCore(Backbone& backbone, PatchCoreParams params, torch::Device device);
    ~PatchCore() override;

    void fit(const ImageSet& images, Progress& progress) override;
    DetectorOutput score(const torch::Tensor& rgb, const std::vector<std::int64_t>& excludeIds,
                         StageClock* clock) override;
    bool supportsLeaveSelfOut() const override { return true; }
    void save(TensorArchive& archive) const override;
    void load(const TensorArchive& archive) override;

    std::int64_t bankSize() const { return m_bank.defined() ? m_bank.size(0) : 0; }

  private:
    // N x D x h x w patch features (standardised and projected when fitted).
    torch::Tensor patchFeatures(const std::vector<torch::Tensor>& stages) const;
    void buildIndex();

    Backbone& m_backbone;
    PatchCoreParams m_params;
    torch::Device m_device;
    torch::Tensor m_mean, m_std, m_projection; // per-dimension standardisation; D x P or undefined
    torch::Tensor m_bank;                      // M x D' (CPU)
    torch::Tensor m_bankImage;                 // M, image id of each bank patch (CPU, int64)
    std::unique_ptr<faiss::Index> m_index;
};

} // namespace cada
