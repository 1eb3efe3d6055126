#include "detectors/Detector.h"

#include <algorithm>

namespace cada {

void forEachBatch(const ImageSet& images, int batchSize, torch::Device device,
                  const std::function<void(const torch::Tensor&, size_t)>& fn)
{
    const size_t step = size_t(std::max(1, batchSize));
    for (size_t start = 0; start < images.size(); start += step) {
        const size_t end = std::min(images.size(), start + step);
        std::vector<torch::Tensor> slice(images.begin() + long(start), images.begin() + long(end));
        fn(torch::stack(slice).to(device).to(torch::kFloat32).div_(255.0), start);
    }
}

torch::Tensor imageScores(const torch::Tensor& maps, bool topPercent)
{
    const auto flat = maps.flatten(1);
    if (!topPercent)
        return std::get<0>(flat.max(1));
    const auto k = std::max<std::int64_t>(1, flat.size(1) / 100);
    return std::get<0>(flat.topk(k, 1)).mean(1);
}

} // namespace cada
