// CADA's regressor on its own: from embeddings of several (unlabelled) types it must recover each
// type's normal-score statistics, keep gamma above u, be deterministic for a seed, and still load
// model files written before the ensemble (one network, 2-D weights).
// This translation unit includes torch, so Qt's keywords are off (QT_NO_KEYWORDS: Q_SLOTS).
#include <torch/torch.h>

#include <QtTest>

#include <cmath>

#include "alignment/CadaRegressor.h"
#include "cada/Error.h"

using namespace cada;

namespace {

// Three types: embedding = the type's centre + noise; targets = the type's (u, gamma) + noise.
struct Types {
    std::vector<double> u{1.0, 3.0, 8.0};
    std::vector<double> gamma{2.0, 6.0, 15.0};
    torch::Tensor centres;

    explicit Types(std::uint64_t seed, std::vector<double> typeU = {1.0, 3.0, 8.0},
                   std::vector<double> typeGamma = {2.0, 6.0, 15.0})
        : u(std::move(typeU)), gamma(std::move(typeGamma))
    {
        auto gen = at::detail::createCPUGenerator(seed);
        centres = torch::randn({3, 24}, gen) * 3.0;
    }

    struct Sample {
        torch::Tensor embeddings;
        std::vector<double> mapMean, mapMax;
    };

    // `perType` rows per type, in type order; targets jittered by 5 % of the type's range.
    Sample sample(int perType, std::uint64_t seed) const
    {
        auto gen = at::detail::createCPUGenerator(seed);
        std::vector<torch::Tensor> rows;
        Sample out;
        for (int t = 0; t < 3; ++t) {
            rows.push_back(centres[t].unsqueeze(0) + 0.3 * torch::randn({perType, 24}, gen));
            const auto jitter = torch::randn({perType, 2}, gen) * 0.05;
            for (int i = 0; i < perType; ++i) {
                const double range = gamma[size_t(t)] - u[size_t(t)];
                out.mapMean.push_back(u[size_t(t)] + range * jitter[i][0].item<double>());
                out.mapMax.push_back(gamma[size_t(t)] + range * jitter[i][1].item<double>());
            }
        }
        out.embeddings = torch::cat(rows);
        return out;
    }

    CadaRegressor fitted(int perType, std::uint64_t dataSeed, std::uint64_t fitSeed) const
    {
        const Sample s = sample(perType, dataSeed);
        CadaRegressor regressor;
        regressor.fit(s.embeddings, s.mapMean, s.mapMax, fitSeed);
        return regressor;
    }
};

TensorArchive copyOf(const TensorArchive& from, const std::vector<const char*>& names)
{
    TensorArchive to;
    for (const char* name : names)
        to.put(name, from.get(name));
    return to;
}

const std::vector<const char*> kInputAndTargetScaling = {
    "cada.in_mean", "cada.in_std", "cada.basis", "cada.out_mean", "cada.out_std"};

} // namespace

class TestCadaRegressor : public QObject {
    Q_OBJECT

    // Each type's (u, gamma) predicted within `tolerance` of the type's own range gamma - u, so
    // that its normal images' maximum aligns to 1 +- tolerance and their mean to 0 +- tolerance.
    static void checkPredictsEachType(const Types& types, double tolerance)
    {
        const auto train = types.sample(40, 11);
        const auto test = types.sample(10, 12).embeddings;

        CadaRegressor regressor;
        const auto fit = regressor.fit(train.embeddings, train.mapMean, train.mapMax, 0);
        QVERIFY(fit.epochs > 0);
        QVERIFY(std::isfinite(fit.validationLoss));

        const auto predicted = regressor.predict(test);
        QCOMPARE(predicted.size(), size_t(30));
        for (size_t i = 0; i < predicted.size(); ++i) {
            const size_t t = i / 10;
            const auto [u, gamma] = predicted[i];
            const double range = types.gamma[t] - types.u[t];
            const QByteArray where =
                QStringLiteral("row %1 (type %2): u %3 for %4, gamma %5 for %6")
                    .arg(i)
                    .arg(t)
                    .arg(u)
                    .arg(types.u[t])
                    .arg(gamma)
                    .arg(types.gamma[t])
                    .toUtf8();
            QVERIFY2(std::abs(u - types.u[t]) < tolerance * range, where.constData());
            QVERIFY2(std::abs(gamma - types.gamma[t]) < tolerance * range, where.constData());
        }
    }

  private Q_SLOTS:
    // Within a fifth of the type's range: far closer than any other type's values.
    void predictsEachTypesStatistics() { checkPredictsEachType(Types(7), 0.2); }

    // A flat product: its maps are low and nearly constant, a mean of 0.017 and a range of 0.004
    // beside types at 0.4 and 1.0. An error that is small on the other types' scale is still
    // several of its ranges: predicted linearly, its normal images' maximum aligned anywhere
    // from -2.2 to 5.7 here. In log space, within half a range (1.08-1.25 measured).
    void predictsAFlatTypeWithinItsOwnRange()
    {
        checkPredictsEachType(Types(7, {0.017, 0.4, 1.0}, {0.021, 0.7, 2.0}), 0.5);
    }

    void gammaStaysAboveUForAnyInput()
    {
        const CadaRegressor regressor = Types(3).fitted(20, 5, 1);
        // Inputs far outside the training set, where nothing constrains the networks.
        auto gen = at::detail::createCPUGenerator(99);
        const auto far = torch::randn({50, 24}, gen) * 40.0;
        for (const auto& [u, gamma] : regressor.predict(far)) {
            QVERIFY(std::isfinite(u) && std::isfinite(gamma));
            QVERIFY2(gamma > u, qPrintable(QStringLiteral("u %1, gamma %2").arg(u).arg(gamma)));
        }
    }

    void deterministicForASeed()
    {
        const Types types(4);
        const auto test = types.sample(5, 8).embeddings;
        const CadaRegressor a = types.fitted(20, 6, 42), b = types.fitted(20, 6, 42),
                            c = types.fitted(20, 6, 43);
        const auto pa = a.predict(test), pb = b.predict(test), pc = c.predict(test);
        bool seedMatters = false;
        for (size_t i = 0; i < pa.size(); ++i) {
            QCOMPARE(pa[i].first, pb[i].first);
            QCOMPARE(pa[i].second, pb[i].second);
            seedMatters = seedMatters || pa[i].first != pc[i].first;
        }
        QVERIFY(seedMatters);
    }

    // A file written before the ensemble holds one network with 2-D weights. Its predictions are
    // recomputed here from the documented formula, independently of the regressor's code.
    void loadsSingleNetworkModels()
    {
        const Types types(5);
        const auto test = types.sample(4, 10).embeddings;
        const CadaRegressor ensemble = types.fitted(20, 9, 3);
        TensorArchive saved;
        ensemble.save(saved);

        TensorArchive old = copyOf(saved, kInputAndTargetScaling);
        for (const char* name : {"cada.w1", "cada.b1", "cada.w2", "cada.b2"})
            old.put(name, saved.get(name)[0]); // the first member, without the leading dimension
        CadaRegressor single;
        single.load(old);
        const auto predicted = single.predict(test);

        const auto x = ((test - saved.get("cada.in_mean")) / saved.get("cada.in_std"))
                           .mm(saved.get("cada.basis"));
        const auto hidden =
            torch::tanh(x.mm(saved.get("cada.w1")[0]) + saved.get("cada.b1")[0].unsqueeze(0));
        const auto y = (hidden.mm(saved.get("cada.w2")[0]) + saved.get("cada.b2")[0].unsqueeze(0)) *
                           saved.get("cada.out_std") +
                       saved.get("cada.out_mean");
        QCOMPARE(predicted.size(), size_t(12));
        for (std::int64_t i = 0; i < y.size(0); ++i) {
            const double u = y[i][0].item<double>();
            const double gamma = u + std::exp(y[i][1].item<double>());
            QVERIFY(std::abs(predicted[size_t(i)].first - u) < 1e-5 * std::max(1.0, std::abs(u)));
            QVERIFY(std::abs(predicted[size_t(i)].second - gamma) <
                    1e-5 * std::max(1.0, std::abs(gamma)));
        }

        // And the ensemble itself round-trips exactly.
        CadaRegressor reloaded;
        reloaded.load(saved);
        const auto before = ensemble.predict(test), after = reloaded.predict(test);
        for (size_t i = 0; i < before.size(); ++i)
            QCOMPARE(after[i].first, before[i].first);
    }

    void inconsistentWeightsAreRejected()
    {
        TensorArchive archive;
        Types(6).fitted(10, 2, 0).save(archive);
        TensorArchive broken = copyOf(archive, kInputAndTargetScaling);
        for (const char* name : {"cada.b1", "cada.w2", "cada.b2"})
            broken.put(name, archive.get(name));
        broken.put("cada.w1", torch::zeros({5, 3, 7})); // 3 inputs where the PCA gives more
        CadaRegressor loaded;
        try {
            loaded.load(broken);
            QFAIL("a first layer that does not match the input was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("first layer does not match"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestCadaRegressor)
#include "tst_cadaregressor.moc"
