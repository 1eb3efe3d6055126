// The memory bank's nearest-neighbour index against a brute-force reference (torch::cdist over
// every point): exact when every list is probed, never below the exact distance and with a
// measured recall when fewer are, leave-self-out exact, and its file form checked on load.
// This translation unit includes torch, so Qt's keywords are off (QT_NO_KEYWORDS: Q_SLOTS).
#include <torch/torch.h>

#include <QtTest>

#include "cada/Error.h"
#include "components/NearestNeighbourIndex.h"

using namespace cada;

namespace {

// Points in `clusters` Gaussian blobs of different spreads (like patches of a few textures),
// each blob's points shared among `owners` owners.
struct Cloud {
    torch::Tensor points, owners;
};
Cloud cloud(std::int64_t n, std::int64_t dims, int clusters, int owners, std::uint64_t seed)
{
    auto gen = at::detail::createCPUGenerator(seed);
    const auto centres = 4.0 * torch::randn({clusters, dims}, gen);
    const auto which = torch::randint(clusters, {n}, gen);
    const auto spread = 0.3 + torch::rand({clusters}, gen);
    Cloud c;
    c.points = centres.index_select(0, which) +
               spread.index_select(0, which).unsqueeze(1) * torch::randn({n, dims}, gen);
    c.owners = torch::randint(owners, {n}, gen);
    return c;
}

// Brute force: distance to the nearest point whose owner is not the query's `skip`.
torch::Tensor reference(const torch::Tensor& queries, const Cloud& c, const torch::Tensor& skip)
{
    auto d = torch::cdist(queries.to(torch::kFloat64), c.points.to(torch::kFloat64));
    if (skip.defined())
        d.masked_fill_(skip.unsqueeze(1) == c.owners.unsqueeze(0),
                       std::numeric_limits<double>::infinity());
    return std::get<0>(d.min(1)).to(torch::kFloat32);
}

} // namespace

class TstNearestNeighbourIndex : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void everyListProbedIsExact()
    {
        const auto c = cloud(3000, 24, 12, 30, 1);
        NearestNeighbourIndex index;
        index.build(c.points, c.owners, 0, 7, torch::kCPU);
        QCOMPARE(index.listCount(), 55); // about sqrt(3000)
        QCOMPARE(index.size(), std::int64_t(3000));
        const auto queries = cloud(400, 24, 12, 30, 2).points;
        const auto got = index.nearest(queries, {}, 0);
        const auto want = reference(queries, c, {});
        const double err = ((got - want).abs() / want.clamp_min(1e-3)).max().item<double>();
        QVERIFY2(err < 1e-3, qPrintable(QString("largest relative error %1").arg(err)));
    }

    void fewerProbesNeverUndershootAndMostlyFindTheNearest()
    {
        const auto c = cloud(4000, 24, 12, 30, 3);
        NearestNeighbourIndex index;
        index.build(c.points, c.owners, 0, 7, torch::kCPU);
        const auto queries = cloud(1000, 24, 12, 30, 4).points;
        const auto want = reference(queries, c, {});
        const auto got = index.nearest(queries, {}, 8);
        // A probed search is exact within the lists it reads, so it can only miss the nearest
        // point and report a farther one, never a nearer one.
        QVERIFY((got >= want * (1 - 1e-4) - 1e-4).all().item<bool>());
        const double recall =
            (got <= want * (1 + 1e-4) + 1e-4).to(torch::kFloat64).mean().item<double>();
        const double excess = (got / want - 1).mean().item<double>();
        qInfo("8 of %d lists: recall@1 %.3f, mean distance excess %.4f", index.listCount(), recall,
              excess);
        QVERIFY2(recall > 0.9, qPrintable(QString("recall %1").arg(recall)));
        QVERIFY2(excess < 0.01, qPrintable(QString("excess %1").arg(excess)));
    }

    void skippedOwnerIsNeverTheNeighbour()
    {
        const auto c = cloud(2000, 16, 8, 10, 5);
        NearestNeighbourIndex index;
        index.build(c.points, c.owners, 0, 7, torch::kCPU);
        // Queries are the points themselves: without the skip every distance would be 0.
        const auto queries = c.points.narrow(0, 0, 300);
        const auto skip = c.owners.narrow(0, 0, 300);
        const auto want = reference(queries, c, skip);
        QVERIFY(want.min().item<double>() > 0.0);
        for (int probes : {0, 4}) {
            const auto got = index.nearest(queries, skip, probes);
            QVERIFY((got >= want * (1 - 1e-3) - 1e-3).all().item<bool>());
            if (probes == 0)
                QVERIFY(torch::allclose(got, want, 1e-3, 1e-3));
        }
    }

    // A query whose nearest lists hold only its own owner's points is searched over every list.
    void isolatedOwnerFallsBackToEveryList()
    {
        auto c = cloud(1000, 8, 4, 5, 6);
        // Owner 99: a tight blob far from everything else, large enough to fill its own lists.
        auto gen = at::detail::createCPUGenerator(8);
        const auto blob = 50.0 + 0.01 * torch::randn({200, 8}, gen);
        c.points = torch::cat({c.points, blob});
        c.owners = torch::cat({c.owners, torch::full({200}, 99, torch::kInt64)});
        NearestNeighbourIndex index;
        index.build(c.points, c.owners, 0, 7, torch::kCPU);
        const auto queries = blob.narrow(0, 0, 5);
        const auto skip = torch::full({5}, 99, torch::kInt64);
        const auto got = index.nearest(queries, skip, 1);
        QVERIFY(torch::allclose(got, reference(queries, c, skip), 1e-3, 1e-3));
        // Only one owner at all: there is no neighbour, and the error says why.
        NearestNeighbourIndex alone;
        alone.build(blob, torch::zeros({200}, torch::kInt64), 0, 7, torch::kCPU);
        QVERIFY_THROWS_EXCEPTION(Error,
                                 alone.nearest(queries, torch::zeros({5}, torch::kInt64), 2));
    }

    void sameSeedSameListsAndSavedFormLoadsIdentically()
    {
        const auto c = cloud(1500, 12, 6, 20, 9);
        NearestNeighbourIndex a, b;
        a.build(c.points, c.owners, 0, 3, torch::kCPU);
        b.build(c.points, c.owners, 0, 3, torch::kCPU);
        QVERIFY(torch::equal(a.points(), b.points()));
        TensorArchive archive;
        a.save(archive, "bank.");
        NearestNeighbourIndex loaded;
        loaded.load(archive, "bank.", torch::kCPU);
        const auto queries = cloud(200, 12, 6, 20, 10).points;
        QVERIFY(torch::equal(a.nearest(queries, {}, 3), loaded.nearest(queries, {}, 3)));
        QVERIFY(torch::equal(a.owners(), loaded.owners()));
    }

    void damagedListBoundsAreRefused()
    {
        const auto c = cloud(500, 8, 4, 5, 11);
        NearestNeighbourIndex a;
        a.build(c.points, c.owners, 0, 3, torch::kCPU);
        TensorArchive archive;
        a.save(archive, "bank.");
        auto offsets = archive.get("bank.list_offsets").clone();
        offsets[3] = 10000; // past the end of the bank
        archive.put("bank.list_offsets", offsets);
        NearestNeighbourIndex loaded;
        try {
            loaded.load(archive, "bank.", torch::kCPU);
            QFAIL("damaged list bounds were accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("list bounds"), e.what());
        }
        a.save(archive, "bank.");
        auto points = archive.get("bank.points").clone();
        points[0][0] = std::numeric_limits<float>::quiet_NaN();
        archive.put("bank.points", points);
        QVERIFY_THROWS_EXCEPTION(Error, loaded.load(archive, "bank.", torch::kCPU));
    }
};

QTEST_APPLESS_MAIN(TstNearestNeighbourIndex)
#include "tst_nearestneighbourindex.moc"
