#include "backbones/Backbone.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "backbones/RandomCnnBackbone.h"
#include "backbones/ScatteringBackbone.h"
#include "backbones/TorchScriptBackbone.h"
#include "cada/Error.h"

namespace cada {

torch::Tensor Backbone::embedding(const std::vector<torch::Tensor>& stages)
{
    // Median and interquartile range per channel: a scratch covering a few per cent of a smooth
    // part moves the mean and standard deviation of its features, but hardly these quantiles, so
    // a defective image still looks like (and is aligned as) its own product type.
    std::vector<torch::Tensor> parts;
    for (const auto& s : stages) {
        const auto flat = s.flatten(2);
        const auto q =
            torch::quantile(flat, torch::tensor({0.25, 0.5, 0.75}, flat.options()), 2); // 3 x N x C
        parts.push_back(q[1]);
        parts.push_back(q[2] - q[0]);
    }
    return torch::cat(parts, 1);
}

std::unique_ptr<Backbone> makeBackbone(const BackboneConfig& config, torch::Device device,
                                       std::string torchScriptBytes)
{
    if (config.kind == "scattering") {
        if (!(config.logFloor > 0.0) || !std::isfinite(config.logFloor))
            throw Error("The scattering backbone's log floor must be a positive number; got " +
                        std::to_string(config.logFloor) + ".");
        return std::make_unique<ScatteringBackbone>(config.logFloor, device);
    }
    if (config.kind == "randomcnn")
        return std::make_unique<RandomCnnBackbone>(config.seed, device);
    if (config.kind == "torchscript") {
        if (torchScriptBytes.empty()) {
            // The user's own file: a regular file of sane size, never a device, FIFO or stdin.
            std::error_code ec;
            const std::filesystem::path path(config.torchScriptPath);
            if (!std::filesystem::is_regular_file(path, ec))
                throw Error("The TorchScript backbone '" + config.torchScriptPath +
                            "' is missing or not a regular file.");
            constexpr std::uintmax_t kMaxBytes = std::uintmax_t(4) << 30;
            if (std::filesystem::file_size(path, ec) > kMaxBytes || ec)
                throw Error("The TorchScript backbone '" + config.torchScriptPath +
                            "' is larger than 4 GB or its size cannot be read.");
            std::ifstream in(config.torchScriptPath, std::ios::binary);
            if (!in)
                throw Error("Cannot read the TorchScript backbone '" + config.torchScriptPath +
                            "' (missing or unreadable).");
            std::ostringstream buffer;
            buffer << in.rdbuf();
            torchScriptBytes = buffer.str();
        }
        return std::make_unique<TorchScriptBackbone>(std::move(torchScriptBytes), config, device);
    }
    throw Error("Unknown backbone '" + config.kind +
                "'; use builtin (scattering), randomcnn or a .pt file.");
}

} // namespace cada
