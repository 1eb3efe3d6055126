#include <torch/torch.h>

#include "cada/Error.h"

namespace cada {

std::string errorText(const std::exception& e)
{
    if (const auto* torchError = dynamic_cast<const c10::Error*>(&e))
        return torchError->what_without_backtrace();
    return e.what();
}

} // namespace cada
