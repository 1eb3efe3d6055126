#include "detectors/DetectorFactory.h"

#include "backbones/Backbone.h"
#include "detectors/patchcore/PatchCore.h"
#include "detectors/revdist/RevDist.h"

namespace cada {

std::unique_ptr<Detector> makeDetector(const TrainConfig& config, Backbone& backbone,
                                       torch::Device device)
{
    if (config.method == Method::PatchCore) {
        PatchCoreParams p;
        p.coresetRatio = config.coresetRatio;
        p.projectionDim = config.projectionDim;
        p.maxBank = config.maxBank;
        p.maxCandidates = config.maxCandidates;
        p.searchLists = config.searchLists;
        p.searchProbes = config.searchProbes;
        p.batchSize = config.batchSize;
        p.seed = config.seed;
        // Scattering coefficients are already local averages: its strides 4 and 8 play the role
        // of a CNN's middle stages.
        p.finestStages = config.backbone.kind == "scattering";
        return std::make_unique<PatchCore>(backbone, p, device);
    }
    RevDistParams p;
    p.epochs = config.epochs;
    p.learningRate = config.learningRate;
    p.batchSize = config.batchSize;
    p.seed = config.seed;
    return std::make_unique<RevDist>(backbone, p, device);
}

} // namespace cada
