#include "backbones/TorchScriptBackbone.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "cada/Error.h"
#include "model/Sha256.h"

namespace cada {

TorchScriptBackbone::TorchScriptBackbone(std::string bytes, const BackboneConfig& config,
                                         torch::Device device)
    : m_bytes(std::move(bytes)), m_meanValues(config.mean), m_stdValues(config.std)
{
    m_sha256 = sha256Hex(m_bytes);
    m_sourceName = std::filesystem::path(config.torchScriptPath).filename().string();
    const std::string what =
        "TorchScript backbone '" +
        (config.torchScriptPath.empty() ? std::string("(embedded)") : config.torchScriptPath) + "'";
    try {
        std::istringstream in(m_bytes);
        m_module = torch::jit::load(in, device);
    } catch (const std::exception& e) {
        throw Error("Cannot load the " + what + ": it is not a TorchScript file (" +
                    errorText(e).substr(0, 300) +
                    "). Export it with torch.jit.script or torch.jit.trace, e.g. "
                    "tools/export_backbone.py.");
    }
    m_module.eval();
    m_mean = torch::tensor({m_meanValues[0], m_meanValues[1], m_meanValues[2]})
                 .view({1, 3, 1, 1})
                 .to(device);
    m_std = torch::tensor({m_stdValues[0], m_stdValues[1], m_stdValues[2]})
                .view({1, 3, 1, 1})
                .to(device);

    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> probe;
    try {
        probe = run(torch::zeros({1, 3, 128, 128}, torch::TensorOptions().device(device)));
    } catch (const Error& e) {
        throw Error("The " + what + " " + e.what());
    } catch (const std::exception& e) {
        throw Error("The " + what +
                    " failed on a 1x3x128x128 probe input: " + errorText(e).substr(0, 300));
    }
    for (const auto& t : probe)
        m_channels.push_back(t.size(1));
}

std::vector<torch::Tensor> TorchScriptBackbone::run(const torch::Tensor& normalised)
{
    const auto out = m_module.forward({normalised});
    std::vector<torch::Tensor> maps;
    if (out.isTensorList()) {
        for (const auto& t : out.toTensorList())
            maps.push_back(t);
    } else if (out.isTuple()) {
        for (const auto& e : out.toTuple()->elements()) {
            if (!e.isTensor())
                throw Error(
                    "must return a list or tuple of tensors, but an element is not a tensor.");
            maps.push_back(e.toTensor());
        }
    } else if (out.isList()) {
        for (const auto& e : out.toList()) {
            const c10::IValue v = e;
            if (!v.isTensor())
                throw Error("must return a list of tensors, but an element is not a tensor.");
            maps.push_back(v.toTensor());
        }
    } else {
        throw Error("must return a list or tuple of feature maps (e.g. [layer1, layer2, layer3]), "
                    "not a single value.");
    }
    if (maps.size() < 2)
        throw Error("returned " + std::to_string(maps.size()) +
                    " feature map(s); at least 2 are needed (3 for Reverse Distillation).");
    for (const auto& m : maps)
        if (m.dim() != 4 || m.size(0) != normalised.size(0))
            throw Error("returned a feature map of shape " + c10::str(m.sizes()) +
                        "; each must be N x C x H x W.");
    return maps;
}

namespace {

// The interpreter's message is a TorchScript traceback whose last line says what went wrong
// ("RuntimeError: index 5 is out of bounds ...").
std::string lastLine(const std::string& message)
{
    const auto end = message.find_last_not_of(" \n\r\t");
    if (end == std::string::npos)
        return message;
    const auto newline = message.find_last_of('\n', end);
    const size_t from = newline == std::string::npos ? 0 : newline + 1;
    return message.substr(from, std::min<size_t>(end + 1 - from, 300));
}

} // namespace

std::vector<torch::Tensor> TorchScriptBackbone::forward(const torch::Tensor& rgb)
{
    std::vector<torch::Tensor> maps;
    try {
        maps = run((rgb - m_mean) / m_std);
    } catch (const Error& e) {
        throw Error("The TorchScript backbone '" + m_sourceName + "' " + e.what());
    } catch (const std::exception& e) {
        throw Error("The TorchScript backbone '" + m_sourceName +
                    "' failed: " + lastLine(errorText(e)));
    }
    for (auto& m : maps)
        m = m.to(torch::kFloat32);
    return maps;
}

nlohmann::json TorchScriptBackbone::describe() const
{
    return {{"kind", "torchscript"},   {"file", m_sourceName},   {"sha256", m_sha256},
            {"bytes", m_bytes.size()}, {"channels", m_channels}, {"mean", m_meanValues},
            {"std", m_stdValues}};
}

} // namespace cada
