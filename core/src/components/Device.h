#pragma once
// Where and on how many threads torch runs: device selection and thread counts shared by every
// torch component.
#include <string>

#include <torch/torch.h>

namespace cada {

// "auto" picks CUDA when the linked LibTorch has it and a device is present, else CPU.
// "cuda" / "cuda:N" fail with a clear message when CUDA is unavailable. Throws cada::Error.
torch::Device resolveDevice(const std::string& spec);
// Sets intra-op threads; 0 uses OMP_NUM_THREADS when set, else every logical CPU. OpenBLAS is
// held to one thread: its own pool and LibTorch's starve each other on shared cores.
void configureThreads(int threads);

} // namespace cada
