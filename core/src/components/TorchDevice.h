#pragma once
// Device selection shared by every torch component.
#include <string>

#include <torch/torch.h>

namespace cada {

// "auto" picks CUDA when the linked LibTorch has it and a device is present, else CPU.
// "cuda" / "cuda:N" fail with a clear message when CUDA is unavailable. Throws cada::Error.
torch::Device resolveDevice(const std::string& spec);
// Sets intra-op threads; 0 keeps the default (all cores).
void configureThreads(int threads);

} // namespace cada
