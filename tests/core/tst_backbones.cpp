// The built-in scattering backbone: how it compresses its coefficients, the activations it gives
// Reverse Distillation, and how a model file keeps those choices.
// This translation unit includes torch, so Qt's keywords are off (QT_NO_KEYWORDS: Q_SLOTS).
#include <torch/torch.h>

#include <QtTest>

#include "backbones/Backbone.h"
#include "cada/Error.h"
#include "model/ConfigJson.h"

using namespace cada;

namespace {

constexpr int kSize = 128;

// A plain mid-grey surface with camera noise (sd 2 grey levels), optionally with faint stripes
// of `stripeLevels` grey levels amplitude (a period of 8 px), as RGB in [0, 1].
torch::Tensor surface(std::uint64_t seed, double stripeLevels)
{
    auto gen = at::detail::createCPUGenerator(seed);
    auto x = torch::arange(kSize, torch::kFloat32).view({1, 1, kSize});
    auto img = 120.0 + stripeLevels * torch::sin(x * (2.0 * M_PI / 8.0)) +
               2.0 * torch::randn({1, kSize, kSize}, gen);
    return (img.round().clamp(0, 255) / 255.0).expand({3, kSize, kSize}).unsqueeze(0).contiguous();
}

// Mean over positions of the Euclidean distance between two images' finest-stage features.
double featureDistance(Backbone& backbone, const torch::Tensor& a, const torch::Tensor& b)
{
    torch::NoGradGuard noGrad;
    const auto fa = backbone.forward(a)[0], fb = backbone.forward(b)[0];
    return (fa - fb).pow(2).sum(1).sqrt().mean().item<double>();
}

// How far camera noise alone moves a plain surface's features, over how far a visible change of
// contrast (`from` to `to` grey levels of stripe amplitude) moves a striped surface's.
double noiseToContrastChange(double logFloor, double from, double to)
{
    BackboneConfig config;
    config.logFloor = logFloor;
    auto backbone = makeBackbone(config, torch::kCPU);
    const double noise = featureDistance(*backbone, surface(1, 0), surface(2, 0));
    const double change = featureDistance(*backbone, surface(1, from), surface(2, to));
    qInfo("log floor %g: noise on a plain surface moves the features %.3f, stripes of %g -> %g "
          "grey levels %.3f (ratio %.2f)",
          logFloor, noise, from, to, change, noise / change);
    return noise / change;
}

// Mean over positions of the cosine distance (1 - cosine over channels) between two images'
// finest-stage features, after subtracting `offset` and dividing by `scale` per channel.
double cosineDistance(const torch::Tensor& fa, const torch::Tensor& fb, const torch::Tensor& offset,
                      const torch::Tensor& scale)
{
    namespace F = torch::nn::functional;
    const auto a = (fa - offset.view({1, -1, 1, 1})) / scale.view({1, -1, 1, 1});
    const auto b = (fb - offset.view({1, -1, 1, 1})) / scale.view({1, -1, 1, 1});
    return (1 - F::cosine_similarity(a, b, F::CosineSimilarityFuncOptions().dim(1)))
        .mean()
        .item<double>();
}

} // namespace

class TstBackbones : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void cameraNoiseOnAPlainSurfaceIsNoTextureChange()
    {
        // A stripe pattern whose contrast grows by a fifth (20 to 24 grey levels) is a change an
        // inspector sees; sd-2 noise on a plain grey surface is not. The default log floor keeps
        // the noise's effect on the features below the contrast change's...
        QVERIFY(noiseToContrastChange(BackboneConfig{}.logFloor, 20, 24) < 0.75);
        // ...where a floor ten times lower (the one before it was stored) stretches the noise
        // beyond it: a plain product would score like a defective textured one.
        QVERIFY(noiseToContrastChange(1e-3, 20, 24) > 1.0);
    }

    void activationsKeepAPlainSurfaceAwayFromTheOrigin()
    {
        // Reverse Distillation compares the teacher's and the student's features by their
        // direction (cosine). On a mix of a plain and a striped product, features centred on the
        // mix's mean put both near the origin, where camera noise alone turns the direction
        // round; the activations (moduli plus the log floor, scaled by their root mean square)
        // keep the plain surface's direction, so noise stays far below the contrast change.
        torch::NoGradGuard noGrad;
        auto backbone = makeBackbone(BackboneConfig{}, torch::kCPU);
        const auto plainA = surface(1, 0), plainB = surface(2, 0);
        const auto stripes = surface(3, 20), bolder = surface(4, 24);
        auto features = [&](const torch::Tensor& rgb, bool activations) {
            const auto f = backbone->forward(rgb);
            return (activations ? backbone->activations(f) : f)[0];
        };
        double ratio[2];
        for (const bool activations : {false, true}) {
            const auto mix =
                torch::cat({features(plainA, activations), features(stripes, activations)});
            const auto mean = mix.mean({0, 2, 3});
            const auto offset = activations ? torch::zeros_like(mean) : mean;
            const auto scale = (activations ? mix.pow(2).mean({0, 2, 3}).sqrt()
                                            : mix.std(std::vector<std::int64_t>{0, 2, 3}))
                                   .clamp_min(1e-4); // as Reverse Distillation does

            const double noise = cosineDistance(features(plainA, activations),
                                                features(plainB, activations), offset, scale);
            const double change = cosineDistance(features(stripes, activations),
                                                 features(bolder, activations), offset, scale);
            ratio[activations] = noise / change;
            qInfo("%s: camera noise on a plain surface %.4f, stripes 20 -> 24 grey levels %.4f "
                  "(ratio %.2f)",
                  activations ? "activations" : "centred features", noise, change,
                  ratio[activations]);
        }
        QVERIFY2(ratio[1] < 0.5, qPrintable(QString::number(ratio[1])));
        QVERIFY2(ratio[0] > 2 * ratio[1], qPrintable(QString::number(ratio[0])));
        // The wavelet channels are the moduli plus the floor: never below the floor.
        const auto a = features(plainA, true);
        QVERIFY(a.narrow(1, 3, a.size(1) - 3).min().item<double>() >= 0.99 * 0.01);
    }

    void modelFilesKeepTheirLogFloor()
    {
        TrainConfig c;
        c.backbone.logFloor = 0.02;
        QCOMPARE(nlohmann::json(c).get<TrainConfig>().backbone.logFloor, 0.02);
        // A model written before the floor was stored was trained with 1e-3.
        nlohmann::json old = TrainConfig{};
        old.at("backbone").erase("log_floor");
        QCOMPARE(old.get<TrainConfig>().backbone.logFloor, 1e-3);
        QCOMPARE(BackboneConfig{}.logFloor, 0.01);
        QCOMPARE(makeBackbone(c.backbone, torch::kCPU)->describe().at("log_floor").get<double>(),
                 0.02);
        // A damaged header cannot make the logarithm meet zero.
        c.backbone.logFloor = 0.0;
        try {
            makeBackbone(c.backbone, torch::kCPU);
            QFAIL("a zero log floor was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("log floor must be a positive number"), e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TstBackbones)
#include "tst_backbones.moc"
