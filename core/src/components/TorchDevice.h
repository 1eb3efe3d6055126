#pragma once
// Device selection shared by every torch component.
#include <string>

#include <torch/torch.h>

namespace cada {

// "auto" picks CUDA when the linked LibTorch has it and a device is present, else CPU.
// "cuda" / "cuda:N" fail with a clear message when CUDA is unavailable. Throws cada::Error.
torch::Device resolveDevice(const std::string& spec);
// Sets intra-op threads; 0 uses OMP_NUM_THREADS when set, else every logical CPU.
void configureThreads(int threads);
// Lets freed tensor buffers be reused instead of returned to the system (glibc only; once per
// process). By default glibc serves every allocation above 32 MB with a fresh mmap and unmaps it
// on free, so each large temporary (one scattering stage of a batch of 8 at 256 px is 38 MB)
// page-faults all its memory again: `cada bench` at 256 px measured the scattering backbone at 4.8
// images/s that way and 35 with the buffers kept (peak memory 684 -> 729 MB). releaseFreedMemory()
// hands what is free back after a job (training) so that a long-running workstation does not keep
// it.
void keepFreedBuffers();
void releaseFreedMemory();

} // namespace cada
