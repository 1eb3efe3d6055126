#pragma once
// The interface every detection method implements (one folder per method below).
#include <functional>
#include <vector>

#include <torch/torch.h>

#include "backbones/Backbone.h"
#include "cada/Progress.h"
#include "model/TensorArchive.h"

namespace cada {

// Training images as CPU uint8 CHW tensors, all imageSize x imageSize.
using ImageSet = std::vector<torch::Tensor>;

// Per-stage wall time accumulated while scoring (for `cada bench`), in seconds.
struct StageClock {
    double backbone = 0.0;
    double detector = 0.0;
    double postprocess = 0.0;
};

struct DetectorOutput {
    torch::Tensor maps;      // N x 1 x S x S, smoothed raw anomaly maps, on the device
    torch::Tensor embedding; // N x E global embedding (backbone features)
};

class Detector {
  public:
    virtual ~Detector() = default;

    // Fits on normal images; an image's index in `images` is its id for leave-self-out scoring.
    virtual void fit(const ImageSet& images, Progress& progress) = 0;
    // rgb: N x 3 x S x S in [0, 1] on the device. `excludeIds` (empty or one per image, -1 for
    // none) asks for leave-self-out scoring where the method supports it.
    virtual DetectorOutput score(const torch::Tensor& rgb,
                                 const std::vector<std::int64_t>& excludeIds,
                                 StageClock* clock) = 0;
    // True when score() with excludeIds gives unbiased maps of training images (memory banks).
    virtual bool supportsLeaveSelfOut() const = 0;

    // Teaches a fitted detector more normal images; their ids continue from `firstId` (the number
    // of images fitted so far). Methods that must see the earlier images again
    // (extendNeedsFitImages()) get them in `fitted`, in their fit order; `epochs` is such a
    // method's fine-tuning length. Throws cada::Cancelled; a cancelled extend leaves the detector
    // unusable (callers extend a copy).
    virtual void extend(const ImageSet& added, std::int64_t firstId, const ImageSet& fitted,
                        int epochs, Progress& progress) = 0;
    virtual bool extendNeedsFitImages() const = 0;

    virtual void save(TensorArchive& archive) const = 0;
    virtual void load(const TensorArchive& archive) = 0;
};

// Batches a set into float tensors on `device`; `fn` receives (batch, index of first image).
void forEachBatch(const ImageSet& images, int batchSize, torch::Device device,
                  const std::function<void(const torch::Tensor&, size_t)>& fn);

// Image score from a smoothed map: max, or the mean of the top 1 % of pixels.
torch::Tensor imageScores(const torch::Tensor& maps, bool topPercent);

} // namespace cada
