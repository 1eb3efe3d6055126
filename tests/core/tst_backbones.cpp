// The built-in scattering backbone: how it compresses its coefficients, and how a model file
// keeps that choice.
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

    void modelFilesKeepTheirLogFloor()
    {
        TrainConfig c;
        c.backbone.logFloor = 0.02;
        QCOMPARE(trainConfigFromJson(toJson(c)).backbone.logFloor, 0.02);
        // A model written before the floor was stored was trained with 1e-3.
        auto old = toJson(TrainConfig{});
        old.at("backbone").erase("log_floor");
        QCOMPARE(trainConfigFromJson(old).backbone.logFloor, 1e-3);
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
