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

    explicit Types(std::uint64_t seed)
    {
        auto gen = at::detail::createCPUGenerator(seed);
        centres = torch::randn({3, 24}, gen) * 3.0;
    }

    // `perType` rows per type, in type order; targets jittered by 5 % of the type's range.
    void sample(int perType, std::uint64_t seed, torch::Tensor& embeddings,
                std::vector<double>& mapMean, std::vector<double>& mapMax) const
    {
        auto gen = at::detail::createCPUGenerator(seed);
        std::vector<torch::Tensor> rows;
        mapMean.clear();
        mapMax.clear();
        for (int t = 0; t < 3; ++t) {
            rows.push_back(centres[t].unsqueeze(0) + 0.3 * torch::randn({perType, 24}, gen));
            const auto jitter = torch::randn({perType, 2}, gen) * 0.05;
            for (int i = 0; i < perType; ++i) {
                const double range = gamma[size_t(t)] - u[size_t(t)];
                mapMean.push_back(u[size_t(t)] + range * jitter[i][0].item<double>());
                mapMax.push_back(gamma[size_t(t)] + range * jitter[i][1].item<double>());
            }
        }
        embeddings = torch::cat(rows);
    }
};

} // namespace

class TestCadaRegressor : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void predictsEachTypesStatistics()
    {
        const Types types(7);
        torch::Tensor train, test;
        std::vector<double> mean, max, unusedMean, unusedMax;
        types.sample(40, 11, train, mean, max);
        types.sample(10, 12, test, unusedMean, unusedMax);

        CadaRegressor regressor;
        const auto fit = regressor.fit(train, mean, max, 0);
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
            // Within a fifth of the type's own range: far closer than any other type's values.
            QVERIFY2(std::abs(u - types.u[t]) < 0.2 * range, where.constData());
            QVERIFY2(std::abs(gamma - types.gamma[t]) < 0.2 * range, where.constData());
        }
    }

    void gammaStaysAboveUForAnyInput()
    {
        const Types types(3);
        torch::Tensor train;
        std::vector<double> mean, max;
        types.sample(20, 5, train, mean, max);
        CadaRegressor regressor;
        regressor.fit(train, mean, max, 1);
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
        torch::Tensor train, test;
        std::vector<double> mean, max, m2, x2;
        types.sample(20, 6, train, mean, max);
        types.sample(5, 8, test, m2, x2);
        CadaRegressor a, b, c;
        a.fit(train, mean, max, 42);
        b.fit(train, mean, max, 42);
        c.fit(train, mean, max, 43);
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
        torch::Tensor train, test;
        std::vector<double> mean, max, m2, x2;
        types.sample(20, 9, train, mean, max);
        types.sample(4, 10, test, m2, x2);
        CadaRegressor ensemble;
        ensemble.fit(train, mean, max, 3);
        TensorArchive saved;
        ensemble.save(saved);

        TensorArchive old;
        for (const char* name :
             {"cada.in_mean", "cada.in_std", "cada.basis", "cada.out_mean", "cada.out_std"})
            old.put(name, saved.get(name));
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
        const Types types(6);
        torch::Tensor train;
        std::vector<double> mean, max;
        types.sample(10, 2, train, mean, max);
        CadaRegressor regressor;
        regressor.fit(train, mean, max, 0);
        TensorArchive archive;
        regressor.save(archive);
        TensorArchive broken;
        for (const char* name : {"cada.in_mean", "cada.in_std", "cada.basis", "cada.out_mean",
                                 "cada.out_std", "cada.b1", "cada.w2", "cada.b2"})
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
