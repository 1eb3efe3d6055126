#include "cada/model/Model.h"

#include <algorithm>
#include <ctime>

#include <opencv2/imgproc.hpp>

#include "model/ModelImpl.h"

namespace cada {
namespace detail {

double since(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string nowIso()
{
    const std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

const std::string notFiniteMessage =
    "the backbone produced features that are not finite (NaN or infinity) for this image";

bool isFinite(const torch::Tensor& t)
{
    return torch::isfinite(t).all().item<bool>();
}

void requireFinite(const torch::Tensor& map, const torch::Tensor& embedding,
                   const std::filesystem::path& image)
{
    if ((map.defined() && !isFinite(map)) || !isFinite(embedding))
        throw Error("Cannot train on '" + image.string() + "': " + notFiniteMessage +
                    ". Check the backbone, or remove the image.");
}

Error torchError(const std::string& what, const c10::Error& e)
{
    return Error(what + " on a LibTorch error: " + e.what_without_backtrace() +
                 " (if the GPU ran out of memory, use a smaller --batch or --device cpu)");
}

torch::Tensor toTensor(const cv::Mat& bgr, int size)
{
    cv::Mat resized, rgb;
    cv::resize(bgr, resized, cv::Size(size, size), 0, 0,
               bgr.cols > size || bgr.rows > size ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::cvtColor(resized, rgb, cv::COLOR_BGR2RGB);
    return torch::from_blob(rgb.data, {size, size, 3}, torch::kUInt8).permute({2, 0, 1}).clone();
}

cv::Mat toMat(const torch::Tensor& map)
{
    const auto cpu = map.to(torch::kCPU).to(torch::kFloat32).contiguous();
    return cv::Mat(int(cpu.size(0)), int(cpu.size(1)), CV_32F, cpu.data_ptr<float>()).clone();
}

} // namespace detail

std::string methodName(Method m)
{
    return m == Method::PatchCore ? "patchcore" : "revdist";
}
Method parseMethod(const std::string& t)
{
    if (t == "patchcore")
        return Method::PatchCore;
    if (t == "revdist" || t == "rd" || t == "rd4ad")
        return Method::RevDist;
    throw Error("Unknown method '" + t + "'; use patchcore or revdist.");
}
std::string updateReasonName(UpdateReason r)
{
    return r == UpdateReason::FalseAlarms ? "false-alarms" : "new-type";
}
UpdateReason parseUpdateReason(const std::string& t)
{
    if (t == "false-alarms")
        return UpdateReason::FalseAlarms;
    if (t == "new-type")
        return UpdateReason::NewType;
    throw Error("Unknown update reason '" + t + "'; use false-alarms or new-type.");
}
std::string alignmentName(Alignment a)
{
    return a == Alignment::None ? "none" : a == Alignment::Cada ? "cada" : "oracle";
}
Alignment parseAlignment(const std::string& t)
{
    if (t == "none")
        return Alignment::None;
    if (t == "cada")
        return Alignment::Cada;
    if (t == "oracle")
        return Alignment::Oracle;
    throw Error("Unknown alignment '" + t + "'; use none, cada or oracle.");
}

Model::Model() : d(std::make_unique<Impl>()) {}
Model::~Model() = default;

double Model::align(double raw, double uHat, double gammaHat)
{
    return (raw - uHat) / std::max(gammaHat - uHat, 1e-9);
}

const ModelInfo& Model::info() const
{
    return d->info;
}
const TrainConfig& Model::config() const
{
    return d->config;
}
const std::vector<CalibrationRecord>& Model::calibration() const
{
    return d->calibration;
}
const std::vector<ImplicitGroup>& Model::groups() const
{
    return d->groups;
}

void Model::setGroupName(int groupId, const std::string& name)
{
    if (groupId < 0 || groupId >= int(d->groups.size()))
        throw Error("There is no implicit group " + std::to_string(groupId) + ".");
    d->groups[size_t(groupId)].name = name;
}

std::pair<double, double> Model::globalStatistics() const
{
    return {d->uNone, d->gammaNone};
}

double Model::defaultThreshold(Alignment alignment) const
{
    return alignment == Alignment::None ? d->info.thresholdNone : d->info.threshold;
}

} // namespace cada
