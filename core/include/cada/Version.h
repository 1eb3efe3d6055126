#pragma once
// Versions of the program and the libraries it was built with, for --version and bug reports.
#include <string>

namespace cada {

std::string programVersion();
std::string torchVersion();
std::string openCvVersion();
std::string faissVersion();
// True when the linked LibTorch was built with CUDA and a CUDA device is present.
bool cudaAvailable();
int cudaDeviceCount();

} // namespace cada
