#pragma once
// The trainable part of Reverse Distillation (Deng & Li, "Anomaly Detection via Reverse
// Distillation from One-Class Embedding", CVPR 2022): a bottleneck (multi-scale feature fusion
// + one-class embedding) and a student decoder that mirrors the frozen teacher, built to the
// teacher's actual channel counts.
#include <torch/torch.h>

namespace cada {

struct RevDistNetImpl : torch::nn::Module {
    // teacherChannels: C1, C2, C3 of the teacher's stages (strides 4, 8, 16).
    RevDistNetImpl(std::vector<std::int64_t> teacherChannels, std::int64_t width);
    // teacher stages in, student stages out (same channels; spatial sizes matched to the teacher).
    std::vector<torch::Tensor> forward(const std::vector<torch::Tensor>& teacher);

    std::vector<std::int64_t> channels;
    torch::nn::Sequential fuse1{nullptr}, fuse2{nullptr}, fuse3{nullptr}, oce{nullptr};
    torch::nn::Sequential up3{nullptr}, up2{nullptr}, up1{nullptr};
    torch::nn::Conv2d out3{nullptr}, out2{nullptr}, out1{nullptr};
};
TORCH_MODULE(RevDistNet);

} // namespace cada
