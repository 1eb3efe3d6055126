#pragma once
// The one exception type the core throws. Its message is meant for a user: it names the file
// or setting involved, what was expected, what was found and, where possible, what to do.
#include <stdexcept>
#include <string>

namespace cada {

class Error : public std::runtime_error {
  public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Thrown when a long operation stops because its Progress was cancelled. Callers that offer a
// Cancel button catch it separately to tell "cancelled" from "failed".
class Cancelled : public Error {
  public:
    Cancelled() : Error("Operation cancelled by the user.") {}
};

// The message of any exception, fit for a user: LibTorch's errors lose the C++ backtrace that
// their what() appends (20 lines of frames), OpenCV's its build path and line; other exceptions
// give what() unchanged.
std::string errorText(const std::exception& e);

} // namespace cada
