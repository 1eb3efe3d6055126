#include "cada/Version.h"

#include <faiss/Index.h>
#include <opencv2/core/version.hpp>
#include <torch/cuda.h>
#include <torch/version.h>

#ifndef CADA_VERSION
#define CADA_VERSION "unknown"
#endif

namespace cada {

std::string programVersion()
{
    return CADA_VERSION;
}
std::string torchVersion()
{
    return TORCH_VERSION;
}
std::string openCvVersion()
{
    return CV_VERSION;
}
std::string faissVersion()
{
    return std::to_string(FAISS_VERSION_MAJOR) + "." + std::to_string(FAISS_VERSION_MINOR) + "." +
           std::to_string(FAISS_VERSION_PATCH);
}
bool cudaAvailable()
{
    return torch::cuda::is_available();
}
int cudaDeviceCount()
{
    return static_cast<int>(torch::cuda::device_count());
}

} // namespace cada
