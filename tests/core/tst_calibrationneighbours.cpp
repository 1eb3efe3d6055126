// The rule that picks "the calibration normals that look like this image", shared by the spatial
// prior and CADA's statistics: the nearest few, never reaching into a distant population (a type
// with fewer calibration images than the neighbourhood size), never the image itself when asked,
// and stored in (and loaded from) model files, including those written before the class existed.
// This translation unit includes torch, so Qt's keywords are off (QT_NO_KEYWORDS: Q_SLOTS).
#include <torch/torch.h>

#include <QtTest>

#include <set>

#include "alignment/CalibrationNeighbours.h"
#include "cada/Error.h"

using namespace cada;

namespace {

constexpr int kLarge = 20, kSmall = 4, kDim = 6;

// kLarge rows around one centre, then kSmall rows around another, 50 spreads away.
torch::Tensor twoPopulations(std::uint64_t seed)
{
    auto gen = at::detail::createCPUGenerator(seed);
    const auto a = torch::randn({kLarge, kDim}, gen);
    const auto b = torch::randn({kSmall, kDim}, gen) + 50.0;
    return torch::cat({a, b});
}

std::set<std::int64_t> asSet(const torch::Tensor& idx)
{
    std::set<std::int64_t> out;
    for (std::int64_t i = 0; i < idx.size(0); ++i)
        out.insert(idx[i].item<std::int64_t>());
    return out;
}

} // namespace

class TestCalibrationNeighbours : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void largePopulationGivesTheNearestFew()
    {
        const auto rows = twoPopulations(1);
        CalibrationNeighbours n;
        n.fit(rows);
        QVERIFY(!n.empty());
        const auto query = rows[0] + 0.05;
        const auto idx = n.of(query);
        QCOMPARE(idx.size(0), std::int64_t(CalibrationNeighbours::kNeighbours));
        // Exactly the kNeighbours smallest distances, nearest first.
        const auto d = (rows - query).pow(2).sum(1);
        const auto expected = std::get<1>(d.topk(CalibrationNeighbours::kNeighbours, 0, false));
        QCOMPARE(asSet(idx), asSet(expected));
        QCOMPARE(idx[0].item<std::int64_t>(), std::int64_t(0));
        for (auto i : asSet(idx))
            QVERIFY(i < kLarge);
    }

    void smallPopulationDoesNotBorrowFromAnother()
    {
        const auto rows = twoPopulations(2);
        CalibrationNeighbours n;
        n.fit(rows);
        // Its kSmall rows, not kNeighbours: the other population is 50 spreads away.
        const auto idx = n.of(rows[kLarge] + 0.05);
        std::set<std::int64_t> small;
        for (int i = kLarge; i < kLarge + kSmall; ++i)
            small.insert(i);
        QCOMPARE(asSet(idx), small);
    }

    void excludeLeavesTheImageOut()
    {
        const auto rows = twoPopulations(3);
        CalibrationNeighbours n;
        n.fit(rows);
        for (std::int64_t i : {std::int64_t(0), std::int64_t(7)}) {
            const auto without = n.of(rows[i], i);
            QCOMPARE(without.size(0), std::int64_t(CalibrationNeighbours::kNeighbours));
            QVERIFY(!asSet(without).count(i));
            // Not excluded, a calibration image is its own nearest neighbour, but not its only
            // one: the cut is measured from its spacing to the others, not from distance zero.
            const auto with = n.of(rows[i]);
            QCOMPARE(with[0].item<std::int64_t>(), i);
            QCOMPARE(with.size(0), std::int64_t(CalibrationNeighbours::kNeighbours));
        }
        // One of the kSmall: the other kSmall - 1 without it, all kSmall with it.
        QCOMPARE(std::int64_t(asSet(n.of(rows[kLarge], kLarge)).size()), std::int64_t(kSmall - 1));
        QCOMPARE(std::int64_t(asSet(n.of(rows[kLarge])).size()), std::int64_t(kSmall));
    }

    void duplicatesAreTheirOwnNeighbourhood()
    {
        auto rows = twoPopulations(4);
        rows[5] = rows[3];
        CalibrationNeighbours n;
        n.fit(rows);
        // Two copies are each other's nearest at spacing zero: only the copies are that close.
        QCOMPARE(asSet(n.of(rows[3])), (std::set<std::int64_t>{3, 5}));
        QCOMPARE(asSet(n.of(rows[3], 3)), (std::set<std::int64_t>{5}));
    }

    void tooFewImagesMeansNoNeighbours()
    {
        CalibrationNeighbours n;
        QVERIFY(n.empty());
        n.fit(torch::randn({CalibrationNeighbours::kNeighbours, kDim}));
        QVERIFY(n.empty());
        QVERIFY_THROWS_EXCEPTION(Error, n.of(torch::zeros({kDim})));
        n.fit(torch::randn({CalibrationNeighbours::kNeighbours + 1, kDim}));
        QVERIFY(!n.empty());
    }

    void storedAndLoaded()
    {
        const auto rows = twoPopulations(5);
        CalibrationNeighbours n;
        n.fit(rows);
        TensorArchive archive;
        n.save(archive);
        CalibrationNeighbours loaded;
        loaded.load(archive);
        QVERIFY(torch::equal(loaded.features(), n.features()));

        // Models written before this class kept the same rows as the spatial prior's features.
        TensorArchive old;
        old.put("prior.features", rows);
        CalibrationNeighbours fromOld;
        fromOld.load(old);
        QVERIFY(torch::equal(fromOld.features(), rows));

        CalibrationNeighbours none;
        none.load(TensorArchive());
        QVERIFY(none.empty());

        TensorArchive wrong;
        wrong.put("neighbours.features", torch::zeros({24}));
        CalibrationNeighbours bad;
        QVERIFY_THROWS_EXCEPTION(Error, bad.load(wrong));
    }
};

QTEST_APPLESS_MAIN(TestCalibrationNeighbours)
#include "tst_calibrationneighbours.moc"
