#include <torch/torch.h>

#include <opencv2/core.hpp>

#include "cada/Error.h"

namespace cada {

std::string errorText(const std::exception& e)
{
    if (const auto* torchError = dynamic_cast<const c10::Error*>(&e))
        return torchError->what_without_backtrace();
    // OpenCV's what() is "OpenCV(4.6.0) /build/path:line: error: (-215:...) cond in function f".
    if (const auto* cvError = dynamic_cast<const cv::Exception*>(&e))
        return "OpenCV: " + cvError->err + (cvError->func.empty() ? "" : " in " + cvError->func);
    return e.what();
}

} // namespace cada
