#pragma once
// Reverse Distillation detector (Deng & Li, CVPR 2022): the backbone is the frozen teacher, a
// bottleneck and student decoder (RevDistNet) learn to reproduce the teacher's features of normal
// images. Loss: sum over stages of (1 - cosine similarity of the flattened features). Map: sum
// over stages of (1 - per-position cosine), upsampled, Gaussian sigma 4 x size / 224. The teacher's
// features are the backbone's activations (Backbone::activations), scaled per channel, not
// centred, so that every type's feature vectors stay away from the origin, where a cosine is
// unstable.
//
// The student has seen its training images, so their maps are biased low: CADA calibration
// uses a held-out split for this method (no leave-self-out).
#include "detectors/Detector.h"
#include "detectors/revdist/RevDistNet.h"

namespace cada {

struct RevDistParams {
    int epochs = 30;
    double learningRate = 0.005;
    int batchSize = 8;
    std::uint64_t seed = 0;
};

class RevDist : public Detector {
  public:
    RevDist(Backbone& backbone, RevDistParams params, torch::Device device);

    void fit(const ImageSet& images, Progress& progress) override;
    DetectorOutput score(const torch::Tensor& rgb, const std::vector<std::int64_t>& excludeIds,
                         StageClock* clock) override;
    bool supportsLeaveSelfOut() const override { return false; }
    // A fine-tune: `epochs` more epochs of the student on `fitted` and `added` together.
    void extend(const ImageSet& added, std::int64_t firstId, const ImageSet& fitted, int epochs,
                Progress& progress) override;
    bool extendNeedsFitImages() const override { return true; }
    void save(TensorArchive& archive) const override;
    void load(const TensorArchive& archive) override;

    double lastLoss() const { return m_lastLoss; }

  private:
    // teacher(): the backbone's first three stages as the student learns them, that is its
    // activations scaled per channel with the training statistics (see fit()). scaled(): the
    // scaling alone, for activations computed before.
    std::vector<torch::Tensor> teacher(const std::vector<torch::Tensor>& stages) const;
    std::vector<torch::Tensor> scaled(const std::vector<torch::Tensor>& activations) const;
    void createNet();
    // The teacher's activations of a set before scaling (3 stages, half precision, CPU); with
    // sumSq, per-channel sums of squares and their counts too.
    std::vector<torch::Tensor> teacherActivations(const ImageSet& images, Progress& progress,
                                                  std::vector<torch::Tensor>* sumSq,
                                                  std::vector<double>* count) const;
    void trainStudent(const std::vector<torch::Tensor>& activations, int epochs, std::uint64_t seed,
                      Progress& progress);

    Backbone& m_backbone;
    RevDistParams m_params;
    torch::Device m_device;
    // Per-stage channel offset and scale of the teacher. Models trained before the teacher used
    // activations (no "revdist.activations" marker) centred the backbone's features instead.
    std::vector<torch::Tensor> m_offset, m_scale;
    bool m_activations = true;
    RevDistNet m_net{nullptr};
    double m_lastLoss = 0.0;
};

} // namespace cada
