// The coreset selection against a plain reference implementation of greedy k-center (each step
// takes the row farthest from every chosen row), the same whatever the thread count, and the
// principal components it selects in keep distances better than a random projection.
// This translation unit includes torch, so Qt's keywords are off (QT_NO_KEYWORDS: Q_SLOTS).
#include <torch/torch.h>

#include <QtTest>

#include "components/KCenterGreedy.h"

using namespace cada;

namespace {

std::vector<std::int64_t> referenceGreedy(const torch::Tensor& x, std::int64_t first,
                                          std::int64_t count)
{
    const auto x64 = x.to(torch::kFloat64);
    std::vector<std::int64_t> chosen{first};
    auto minDist = (x64 - x64[first]).pow(2).sum(1);
    while (std::int64_t(chosen.size()) < count) {
        const auto next = minDist.argmax().item<std::int64_t>();
        chosen.push_back(next);
        minDist = torch::minimum(minDist, (x64 - x64[next]).pow(2).sum(1));
    }
    return chosen;
}

std::vector<std::int64_t> toVector(const torch::Tensor& t)
{
    return std::vector<std::int64_t>(t.data_ptr<std::int64_t>(),
                                     t.data_ptr<std::int64_t>() + t.numel());
}

} // namespace

class TstKCenterGreedy : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void matchesTheReferenceGreedy()
    {
        auto gen = at::detail::createCPUGenerator(1);
        // More rows than one chunk, so the chunked, threaded reduction is exercised.
        const auto x = torch::randn({20000, 13}, gen);
        Progress progress;
        const auto got = toVector(kCenterGreedy(x, 300, 5, progress));
        QCOMPARE(got.size(), size_t(300));
        QCOMPARE(got, referenceGreedy(x, got.front(), 300));
        QCOMPARE(progress.current().done, std::int64_t(300));
    }

    void sameSelectionWithOneOrTwoThreads()
    {
        auto gen = at::detail::createCPUGenerator(2);
        const auto x = torch::randn({30000, 8}, gen);
        Progress progress;
        const int before = at::get_num_threads();
        torch::set_num_threads(1);
        const auto one = kCenterGreedy(x, 200, 9, progress);
        torch::set_num_threads(2);
        const auto two = kCenterGreedy(x, 200, 9, progress);
        torch::set_num_threads(before);
        QVERIFY(torch::equal(one, two));
    }

    void countIsClampedToTheRows()
    {
        const auto x = torch::randn({5, 3});
        Progress progress;
        const auto all = kCenterGreedy(x, 50, 0, progress);
        QCOMPARE(all.numel(), std::int64_t(5));
        QVERIFY(torch::equal(std::get<0>(all.sort()), torch::arange(5)));
    }

    // Patch-like data: a few strong directions and many weak ones. Pairwise distances in 8
    // principal components stay closer to the full ones than in an 8-dim random projection.
    void principalComponentsKeepDistancesBetterThanARandomProjection()
    {
        auto gen = at::detail::createCPUGenerator(3);
        const auto scales = torch::cat({torch::full({6}, 5.0), torch::full({34}, 0.3)});
        const auto basis = std::get<0>(torch::linalg_qr(torch::randn({40, 40}, gen)));
        const auto x = (torch::randn({2000, 40}, gen) * scales).mm(basis).to(torch::kFloat32);
        const auto full = torch::pdist(x);
        const auto pca = torch::pdist(principalComponents(x, 8));
        const auto random =
            torch::pdist(x.mm(torch::randn({40, 8}, gen).to(torch::kFloat32) / std::sqrt(8.0)));
        const double pcaErr = ((pca - full).abs() / full).mean().item<double>();
        const double randErr = ((random - full).abs() / full).mean().item<double>();
        qInfo("mean relative distance error: PCA %.3f, random projection %.3f", pcaErr, randErr);
        QVERIFY(pcaErr < 0.1);
        QVERIFY(pcaErr < 0.5 * randErr);
        QCOMPARE(principalComponents(x, 8).size(1), std::int64_t(8));
        QCOMPARE(principalComponents(x, 64).size(1), std::int64_t(40)); // fewer columns: kept
    }
};

QTEST_APPLESS_MAIN(TstKCenterGreedy)
#include "tst_kcentergreedy.moc"
