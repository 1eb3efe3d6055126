#include "detectors/revdist/RevDistNet.h"

namespace cada {
namespace nn = torch::nn;
namespace F = torch::nn::functional;

namespace {

// Appends conv + batch norm + ReLU to `seq` (nested Sequentials cannot be stored in LibTorch).
nn::Sequential convBnRelu(std::int64_t in, std::int64_t out, int kernel, int stride,
                          nn::Sequential seq = nn::Sequential())
{
    seq->push_back(nn::Conv2d(
        nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2).bias(false)));
    seq->push_back(nn::BatchNorm2d(out));
    seq->push_back(nn::ReLU(true));
    return seq;
}

nn::Sequential upBlock(std::int64_t in, std::int64_t out)
{
    return nn::Sequential(
        nn::ConvTranspose2d(nn::ConvTranspose2dOptions(in, out, 2).stride(2).bias(false)),
        nn::BatchNorm2d(out), nn::ReLU(true),
        nn::Conv2d(nn::Conv2dOptions(out, out, 3).padding(1).bias(false)), nn::BatchNorm2d(out),
        nn::ReLU(true));
}

torch::Tensor resizeTo(const torch::Tensor& x, const torch::Tensor& like)
{
    if (x.size(2) == like.size(2) && x.size(3) == like.size(3))
        return x;
    return F::interpolate(x, F::InterpolateFuncOptions()
                                 .size(std::vector<std::int64_t>{like.size(2), like.size(3)})
                                 .mode(torch::kBilinear)
                                 .align_corners(false));
}

} // namespace

RevDistNetImpl::RevDistNetImpl(std::vector<std::int64_t> teacherChannels, std::int64_t width)
    : channels(std::move(teacherChannels))
{
    const auto w = width;
    // Multi-scale fusion: bring stages 1 and 2 down to stage 3's resolution.
    fuse1 = register_module("fuse1", convBnRelu(w, w, 3, 2, convBnRelu(channels[0], w, 3, 2)));
    fuse2 = register_module("fuse2", convBnRelu(channels[1], w, 3, 2));
    fuse3 = register_module("fuse3", convBnRelu(channels[2], w, 1, 1));
    // One-class embedding: a strided residual-free block that compresses to stride 32, so the
    // student cannot simply copy anomalous detail through.
    oce = register_module("oce", convBnRelu(2 * w, 2 * w, 3, 1, convBnRelu(3 * w, 2 * w, 3, 2)));
    up3 = register_module("up3", upBlock(2 * w, w));
    up2 = register_module("up2", upBlock(w, w / 2));
    up1 = register_module("up1", upBlock(w / 2, std::max<std::int64_t>(16, w / 4)));
    out3 = register_module("out3", nn::Conv2d(nn::Conv2dOptions(w, channels[2], 1)));
    out2 = register_module("out2", nn::Conv2d(nn::Conv2dOptions(w / 2, channels[1], 1)));
    out1 = register_module(
        "out1", nn::Conv2d(nn::Conv2dOptions(std::max<std::int64_t>(16, w / 4), channels[0], 1)));
}

std::vector<torch::Tensor> RevDistNetImpl::forward(const std::vector<torch::Tensor>& t)
{
    auto a = fuse1->forward(t[0]), b = fuse2->forward(t[1]), c = fuse3->forward(t[2]);
    auto fused = torch::cat({resizeTo(a, c), resizeTo(b, c), c}, 1);
    auto e = oce->forward(fused);
    auto d3 = resizeTo(up3->forward(e), t[2]);
    auto d2 = resizeTo(up2->forward(d3), t[1]);
    auto d1 = resizeTo(up1->forward(d2), t[0]);
    return {out1->forward(d1), out2->forward(d2), out3->forward(d3)};
}

} // namespace cada
