#include "backbones/RandomCnnBackbone.h"

#include <cmath>

namespace cada {
namespace F = torch::nn::functional;

namespace {
// (in, out) per conv; a stage ends after every second conv, followed by 2x average pooling.
const std::vector<std::pair<int, int>> kLayers = {{3, 32},   {32, 32},   {32, 64},   {64, 64},
                                                  {64, 128}, {128, 128}, {128, 256}, {256, 256}};
} // namespace

RandomCnnBackbone::RandomCnnBackbone(std::uint64_t seed, torch::Device device) : m_seed(seed)
{
    // Weights are drawn on the CPU generator so that every device gets the same numbers.
    auto gen = at::detail::createCPUGenerator(seed);
    for (const auto& [in, out] : kLayers) {
        auto w = torch::randn({out, in, 3, 3}, gen) * std::sqrt(2.0 / (in * 9)); // He init
        m_weights.push_back(w.to(device));
    }
}

nlohmann::json RandomCnnBackbone::describe() const
{
    return {{"kind", "randomcnn"},
            {"seed", m_seed},
            {"channels", {64, 128, 256}},
            {"strides", {4, 8, 16}}};
}

std::vector<torch::Tensor> RandomCnnBackbone::forward(const torch::Tensor& rgb)
{
    auto x = (rgb - 0.5) * 4.0;
    std::vector<torch::Tensor> stages;
    for (size_t i = 0; i < m_weights.size(); ++i) {
        x = F::relu(F::conv2d(x, m_weights[i], F::Conv2dFuncOptions().padding(1)));
        // The first block pools twice (stride 4 at the first stage), then once per stage.
        if (i == 1 || i == 3 || i == 5 || i == 7)
            x = F::avg_pool2d(x, F::AvgPool2dFuncOptions(2).stride(2));
        if (i == 1)
            continue;
        if (i == 3 || i == 5 || i == 7)
            stages.push_back(torch::log1p(x));
    }
    return stages;
}

std::vector<torch::Tensor> RandomCnnBackbone::activations(std::vector<torch::Tensor> stages) const
{
    for (auto& s : stages)
        s = torch::expm1(s); // the ReLU outputs
    return stages;
}

} // namespace cada
