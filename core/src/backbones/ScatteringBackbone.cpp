#include "backbones/ScatteringBackbone.h"

#include <cmath>

namespace cada {
namespace F = torch::nn::functional;

namespace {

// Morlet wavelets (kymatio's morlet_2d): a Gabor with sigma 0.8 and centre frequency 3pi/4,
// minus a multiple of its envelope so that each filter has zero mean.
torch::Tensor morletBank(int size, double sigma, double xi, int orientations, double slant)
{
    auto bank = torch::zeros({2 * orientations, 1, size, size});
    const int c = size / 2;
    for (int l = 0; l < orientations; ++l) {
        const double theta = M_PI * l / orientations;
        const double ct = std::cos(theta), st = std::sin(theta);
        std::vector<double> env(size * size), re(size * size), im(size * size);
        double envSum = 0, reSum = 0, imSum = 0;
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x) {
                const double u = ct * (x - c) + st * (y - c), v = -st * (x - c) + ct * (y - c);
                const double e = std::exp(-(u * u + slant * slant * v * v) / (2 * sigma * sigma));
                const int i = y * size + x;
                env[i] = e;
                re[i] = e * std::cos(xi * u);
                im[i] = e * std::sin(xi * u);
                envSum += e;
                reSum += re[i];
                imSum += im[i];
            }
        auto a = bank.accessor<float, 4>();
        for (int i = 0; i < size * size; ++i) {
            a[2 * l][0][i / size][i % size] = float((re[i] - reSum / envSum * env[i]) / envSum);
            a[2 * l + 1][0][i / size][i % size] = float((im[i] - imSum / envSum * env[i]) / envSum);
        }
    }
    return bank;
}

// sRGB in [0, 1] to CIE-Lab (D65), scaled to roughly unit range (L/100, a/100, b/100).
torch::Tensor rgbToLab(const torch::Tensor& rgb)
{
    auto lin = torch::where(rgb > 0.04045, torch::pow((rgb + 0.055) / 1.055, 2.4), rgb / 12.92);
    auto r = lin.select(1, 0), g = lin.select(1, 1), b = lin.select(1, 2);
    auto X = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    auto Y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    auto Z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    auto f = [](const torch::Tensor& t) {
        return torch::where(t > 0.008856, torch::pow(t.clamp_min(1e-6), 1.0 / 3.0),
                            7.787 * t + 16.0 / 116.0);
    };
    auto fx = f(X), fy = f(Y), fz = f(Z);
    auto L = (116.0 * fy - 16.0) / 100.0;
    auto A = 500.0 * (fx - fy) / 100.0;
    auto B = 200.0 * (fy - fz) / 100.0;
    return torch::stack({L, A, B}, 1);
}

} // namespace

ScatteringBackbone::ScatteringBackbone(double logFloor, torch::Device device) : m_logFloor(logFloor)
{
    m_bank = morletBank(7, 0.8, 3.0 * M_PI / 4.0, kOrientations, 0.5).to(device);
    auto b = torch::tensor({1.0f, 4.0f, 6.0f, 4.0f, 1.0f});
    m_pyramid = (b.view({5, 1}) * b.view({1, 5}) / 256.0f).view({1, 1, 5, 5}).to(device);
}

std::vector<std::int64_t> ScatteringBackbone::channels() const
{
    // low-pass Lab (3) + layer 1 (3 colour channels x scales x orientations)
    // + layer 2 (pairs j1 < j2 x orientations)
    const std::int64_t pairs = kScales * (kScales - 1) / 2;
    const std::int64_t c = 3 + 3 * kScales * kOrientations + pairs * kOrientations;
    return {c, c, c};
}

nlohmann::json ScatteringBackbone::describe() const
{
    return {{"kind", "scattering"},  {"scales", kScales},      {"orientations", kOrientations},
            {"sigma", 0.8},          {"xi", "3pi/4"},          {"layers", 2},
            {"strides", {4, 8, 16}}, {"log_floor", m_logFloor}};
}

std::vector<torch::Tensor> ScatteringBackbone::forward(const torch::Tensor& rgb)
{
    const auto n = rgb.size(0);
    const int L = kOrientations;
    auto down = [this](const torch::Tensor& x) { // Gaussian pyramid step, per channel
        const auto c = x.size(1);
        auto y = F::pad(x.reshape({-1, 1, x.size(2), x.size(3)}),
                        F::PadFuncOptions({2, 2, 2, 2}).mode(torch::kReflect));
        y = F::conv2d(y, m_pyramid, F::Conv2dFuncOptions().stride(2));
        return y.reshape({x.size(0), c, y.size(2), y.size(3)});
    };
    auto waveletModulus = [this, L](const torch::Tensor& x) { // N x C x h x w -> N x C x L x h x w
        const auto c = x.size(1);
        auto y = F::pad(x.reshape({-1, 1, x.size(2), x.size(3)}),
                        F::PadFuncOptions({3, 3, 3, 3}).mode(torch::kReflect));
        y = F::conv2d(y, m_bank); // (N*C) x 2L x h x w
        y = y.view({x.size(0), c, L, 2, x.size(2), x.size(3)});
        return torch::sqrt(y.pow(2).sum(3) + 1e-8);
    };

    // Gaussian pyramid of the Lab image: level j has stride 2^j.
    std::vector<torch::Tensor> lab{rgbToLab(rgb)};
    for (int j = 1; j < kScales; ++j)
        lab.push_back(down(lab.back()));

    std::vector<torch::Tensor> u1; // per scale: N x 3 x L x h x w
    for (int j = 0; j < kScales; ++j)
        u1.push_back(waveletModulus(lab[size_t(j)]));

    // Layer 2 on lightness: |U1(j1) * psi_j2| for j2 > j1, averaged over the second orientation.
    std::vector<std::pair<int, torch::Tensor>> u2; // (scale j2, N x L x h x w)
    for (int j1 = 0; j1 < kScales; ++j1) {
        auto x = u1[size_t(j1)].select(1, 0); // N x L x h x w (lightness)
        for (int j2 = j1 + 1; j2 < kScales; ++j2) {
            x = down(x);
            u2.emplace_back(j2, waveletModulus(x).mean(2));
        }
    }

    std::vector<torch::Tensor> stages;
    for (int stride : {4, 8, 16}) {
        auto pool = [&](const torch::Tensor& x, int ownStride) {
            const int k = stride / ownStride;
            return k > 1 ? F::avg_pool2d(x, F::AvgPool2dFuncOptions(k).stride(k)) : x;
        };
        std::vector<torch::Tensor> parts{pool(lab.back(), 1 << (kScales - 1))};
        for (int j = 0; j < kScales; ++j)
            parts.push_back(pool(
                u1[size_t(j)].reshape({n, 3 * L, u1[size_t(j)].size(3), u1[size_t(j)].size(4)}),
                1 << j));
        for (const auto& [j2, t] : u2)
            parts.push_back(pool(t, 1 << j2));
        auto s = torch::cat(parts, 1);
        // Log compression: scattering moduli span orders of magnitude across textures. Below the
        // floor (one just-noticeable colour difference) it is close to linear, so noise on a
        // plain surface stays small instead of being stretched like a texture change.
        // The low-pass Lab channels (first 3) keep their sign, so they are shifted, not logged.
        auto lowpass = s.narrow(1, 0, 3);
        auto coeffs = torch::log(s.narrow(1, 3, s.size(1) - 3) + m_logFloor);
        stages.push_back(torch::cat({lowpass, coeffs}, 1));
    }
    return stages;
}

std::vector<torch::Tensor> ScatteringBackbone::activations(std::vector<torch::Tensor> stages) const
{
    // The moduli plus the floor: a plain surface sits at the floor, not at the origin. The
    // low-pass Lab channels were not logged.
    for (auto& s : stages)
        s = torch::cat({s.narrow(1, 0, 3), s.narrow(1, 3, s.size(1) - 3).exp()}, 1);
    return stages;
}

} // namespace cada
