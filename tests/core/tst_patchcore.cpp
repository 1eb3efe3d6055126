// PatchCore's leave-self-out scoring: an image in the bank is scored against the other images'
// patches only, even where its own patches fill every one of the k nearest neighbours.
// This translation unit includes torch, so Qt's keywords are off (QT_NO_KEYWORDS: Q_SLOTS).
#include <torch/torch.h>

#include <QtTest>

#include "backbones/Backbone.h"
#include "detectors/patchcore/PatchCore.h"

using namespace cada;

namespace {

constexpr int kSize = 128;

// Grey noise, the same kind in every image; `green` adds a uniform green square that no other
// image has (its interior patches are all alike, so they are each other's nearest neighbours).
torch::Tensor texture(std::uint64_t seed, bool green)
{
    auto gen = at::detail::createCPUGenerator(seed);
    auto img = (128.0 + 12.0 * torch::randn({3, kSize, kSize}, gen)).clamp(0, 255);
    if (green) {
        img.slice(1, 32, 96).slice(2, 32, 96).select(0, 0).fill_(40);
        img.slice(1, 32, 96).slice(2, 32, 96).select(0, 1).fill_(200);
        img.slice(1, 32, 96).slice(2, 32, 96).select(0, 2).fill_(60);
    }
    return img.to(torch::kUInt8);
}

} // namespace

class TstPatchCore : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void leaveSelfOutNeverMatchesTheImagesOwnPatches()
    {
        const auto backbone = makeBackbone(BackboneConfig{}, torch::kCPU);
        PatchCoreParams params;
        params.coresetRatio = 1.0; // every patch in the bank
        params.finestStages = true;
        PatchCore detector(*backbone, params, torch::kCPU);
        ImageSet images;
        for (std::uint64_t i = 0; i < 6; ++i)
            images.push_back(texture(i, false));
        images.push_back(texture(6, true));
        const std::int64_t a = 6;
        Progress progress;
        detector.fit(images, progress);

        const auto rgb = images[size_t(a)].unsqueeze(0).to(torch::kFloat32).div(255.0);
        const auto own = detector.score(rgb, {}, nullptr).maps[0][0];
        const auto out = detector.score(rgb, {a}, nullptr).maps[0][0];

        // Left out, the green square is new: it must score far above the grey texture around
        // it. Matched against its own alike patches it would score about 0 instead.
        const double square = out.slice(0, 48, 80).slice(1, 48, 80).mean().item<double>();
        auto outside = torch::ones({kSize, kSize}, torch::kBool);
        outside.slice(0, 16, 112).slice(1, 16, 112).fill_(false);
        const double rest = out.masked_select(outside).mean().item<double>();
        qInfo("left out: green square %.2f, grey texture %.2f", square, rest);
        QVERIFY2(square > 3.0 * rest,
                 qPrintable(QString("square %1, elsewhere %2").arg(square).arg(rest)));
        // Scored normally, the image finds its own patches: zero up to rounding (the search
        // computes |x|^2 + |y|^2 - 2 x.y).
        const double ownMax = own.abs().max().item<double>();
        QVERIFY2(ownMax < 0.05 * rest,
                 qPrintable(QString("own %1, elsewhere %2").arg(ownMax).arg(rest)));

        // A grey image left out scores like the others, through the other grey images.
        const auto grey = images[0].unsqueeze(0).to(torch::kFloat32).div(255.0);
        const auto greyOut = detector.score(grey, {0}, nullptr).maps[0][0];
        QVERIFY(greyOut.mean().item<double>() > 0.0);
        QVERIFY2(
            greyOut.mean().item<double>() < 2.0 * rest,
            qPrintable(
                QString("grey %1, elsewhere %2").arg(greyOut.mean().item<double>()).arg(rest)));
    }

    // A detector fitted a second time starts from raw features, not from the previous fit's
    // standardised ones (Model builds a new detector per training, but the interface allows it).
    void aSecondFitEqualsAFreshOne()
    {
        const auto backbone = makeBackbone(BackboneConfig{}, torch::kCPU);
        PatchCoreParams params;
        params.finestStages = true;
        ImageSet first, second;
        for (std::uint64_t i = 0; i < 4; ++i) {
            first.push_back(texture(i, i == 0));
            second.push_back(texture(10 + i, false));
        }
        Progress progress;
        PatchCore refitted(*backbone, params, torch::kCPU), fresh(*backbone, params, torch::kCPU);
        refitted.fit(first, progress);
        refitted.fit(second, progress);
        fresh.fit(second, progress);
        const auto rgb = first[0].unsqueeze(0).to(torch::kFloat32).div(255.0);
        const auto a = refitted.score(rgb, {}, nullptr).maps,
                   b = fresh.score(rgb, {}, nullptr).maps;
        QVERIFY2(torch::allclose(a, b, 1e-4, 1e-4),
                 qPrintable(QString("max difference %1").arg((a - b).abs().max().item<double>())));
    }

    // The index probes a few lists by default; probing every list is the exact search. On these
    // images both give the same maps up to the few patches whose nearest lists miss the neighbour,
    // and a model file written before the bank was indexed (bank and owners only) loads, is indexed
    // on load, and scores exactly like the fitted detector.
    void probedAndExactSearchAgreeAndUnindexedBanksLoad()
    {
        const auto backbone = makeBackbone(BackboneConfig{}, torch::kCPU);
        PatchCoreParams params;
        params.finestStages = true;
        params.coresetRatio = 0.5;
        params.searchProbes = 0;
        PatchCore exact(*backbone, params, torch::kCPU);
        ImageSet images;
        for (std::uint64_t i = 0; i < 6; ++i)
            images.push_back(texture(20 + i, i == 2));
        Progress progress;
        exact.fit(images, progress);
        QVERIFY(exact.index().listCount() > 8);
        const auto rgb = texture(40, true).unsqueeze(0).to(torch::kFloat32).div(255.0);
        const auto exactMap = exact.score(rgb, {}, nullptr).maps;
        exact.setSearchProbes(4);
        const auto probedMap = exact.score(rgb, {}, nullptr).maps;
        // Never below the exact map; the image score (its maximum) within 1 %.
        QVERIFY((probedMap >= exactMap - 1e-4).all().item<bool>());
        const double exactMax = exactMap.max().item<double>(),
                     probedMax = probedMap.max().item<double>();
        QVERIFY2(probedMax <= exactMax * 1.01,
                 qPrintable(QString("exact %1, probed %2").arg(exactMax).arg(probedMax)));

        TensorArchive saved, old;
        exact.save(saved);
        for (const auto* name : {"patchcore.mean", "patchcore.std"})
            old.put(name, saved.get(name));
        old.put("patchcore.bank", exact.index().points());
        old.put("patchcore.bank_image", exact.index().owners());
        params.searchProbes = 0;
        PatchCore loaded(*backbone, params, torch::kCPU);
        loaded.load(old);
        QCOMPARE(loaded.bankSize(), exact.bankSize());
        QVERIFY(torch::allclose(loaded.score(rgb, {}, nullptr).maps, exactMap, 1e-5, 1e-5));
        exact.setSearchProbes(0);
        QVERIFY(torch::allclose(loaded.score(rgb, {2}, nullptr).maps,
                                exact.score(rgb, {2}, nullptr).maps, 1e-5, 1e-5));
    }
};

QTEST_APPLESS_MAIN(TstPatchCore)
#include "tst_patchcore.moc"
