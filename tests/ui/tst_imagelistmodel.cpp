// ImageListModel + ImageFilterProxy on 10,000 synthetic rows.
#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>

#include "batch/ImageFilterProxy.h"
#include "batch/ImageListModel.h"

using cada::ui::ImageFilterProxy;
using cada::ui::ImageListModel;
using cada::ui::ScoredImage;

namespace {
constexpr int kRows = 10000;

// Independent statement of the verdict rule the model documents.
bool expectedFlagged(const ScoredImage& s, double threshold)
{
    return s.ok() && (s.unknownType || s.score >= threshold);
}
} // namespace

class TstImageListModel : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void tester();
    void sortByScore();
    void filterFlaggedGroupName();
    void thresholdUpdatesVerdictsInPlace();
    void decoderWarningIsShownOnTheFile();

  private:
    QVector<ScoredImage> m_truth;
    ImageListModel m_model;
};

void TstImageListModel::initTestCase()
{
    QRandomGenerator rng(42);
    QStringList paths;
    for (int i = 0; i < kRows; ++i) {
        ScoredImage s;
        s.path = QStringLiteral("/data/batch/img_%1.png").arg(i, 5, 10, QLatin1Char('0'));
        if (i % 997 == 0) {
            s.error = QStringLiteral("truncated file");
        } else {
            s.score = rng.generateDouble() * 2.0;
            s.rawScore = s.score * 3.0 + 1.0;
            s.group = i % 5;
            s.unknownType = (i % 501 == 0);
        }
        paths << s.path;
        m_truth << s;
    }
    m_model.setImages(paths);
    QCOMPARE(m_model.rowCount(), kRows);
    for (int i = 0; i < kRows; ++i)
        m_model.setResult(i, m_truth[i]);
    QCOMPARE(m_model.scoredCount(), kRows);
}

// A scored image whose file had corrupt data keeps its verdict and shows the warning on its file
// cell (tooltip and icon); a clean one shows neither.
void TstImageListModel::decoderWarningIsShownOnTheFile()
{
    ImageListModel model;
    model.setImages({QStringLiteral("/a/clean.jpg"), QStringLiteral("/a/corrupt.jpg")});
    ScoredImage clean, corrupt;
    clean.path = QStringLiteral("/a/clean.jpg");
    corrupt.path = QStringLiteral("/a/corrupt.jpg");
    corrupt.warning = QStringLiteral("corrupt JPEG data (libjpeg: bad Huffman code)");
    corrupt.score = clean.score = 0.1;
    model.setResult(0, clean);
    model.setResult(1, corrupt);
    const QModelIndex c = model.index(0, ImageListModel::FileColumn);
    const QModelIndex w = model.index(1, ImageListModel::FileColumn);
    QCOMPARE(c.data(Qt::ToolTipRole).toString(), clean.path);
    QVERIFY(c.data(Qt::DecorationRole).isNull());
    QVERIFY(w.data(Qt::ToolTipRole).toString().contains(QStringLiteral("bad Huffman code")));
    QVERIFY(!w.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(model.index(1, ImageListModel::VerdictColumn).data().toString() ==
            model.index(0, ImageListModel::VerdictColumn).data().toString());
}

void TstImageListModel::tester()
{
    ImageListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ImageFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QStringList paths;
    for (int i = 0; i < 200; ++i)
        paths << m_truth[i].path;
    model.setImages(paths);
    proxy.sort(ImageListModel::ScoreColumn, Qt::DescendingOrder);
    for (int i = 0; i < 200; ++i)
        model.setResult(i, m_truth[i]);
    proxy.setFlaggedOnly(true);
    model.setThreshold(0.5);
    model.setThreshold(1.5);
    proxy.setGroup(3);
    proxy.setNameFilter(QStringLiteral("img_001"));
    proxy.setNameFilter({});
    proxy.setGroup(ImageFilterProxy::AllGroups);
    proxy.setFlaggedOnly(false);
    QCOMPARE(proxy.rowCount(), 200);
}

void TstImageListModel::sortByScore()
{
    ImageFilterProxy proxy;
    proxy.setSourceModel(&m_model);
    proxy.sort(ImageListModel::ScoreColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.rowCount(), kRows);
    std::vector<double> expected;
    for (const auto& s : m_truth)
        if (s.ok())
            expected.push_back(s.score);
    std::sort(expected.begin(), expected.end(), std::greater<>());
    for (int r = 0; r < int(expected.size()); ++r)
        QCOMPARE(proxy.index(r, 0).data(ImageListModel::ScoreRole).toDouble(),
                 expected[std::size_t(r)]);
    // Rows that failed have no score and sort after every scored row.
    for (int r = int(expected.size()); r < kRows; ++r)
        QVERIFY(!proxy.index(r, 0).data(ImageListModel::ScoreRole).isValid());
}

void TstImageListModel::filterFlaggedGroupName()
{
    m_model.setThreshold(1.2);
    ImageFilterProxy proxy;
    proxy.setSourceModel(&m_model);

    proxy.setFlaggedOnly(true);
    int flagged = 0;
    for (const auto& s : m_truth)
        flagged += expectedFlagged(s, 1.2);
    QCOMPARE(proxy.rowCount(), flagged);
    for (int r = 0; r < proxy.rowCount(); ++r)
        QVERIFY(expectedFlagged(m_truth[proxy.mapToSource(proxy.index(r, 0)).row()], 1.2));

    proxy.setGroup(2);
    int flaggedInGroup = 0;
    for (const auto& s : m_truth)
        flaggedInGroup += expectedFlagged(s, 1.2) && s.group == 2;
    QCOMPARE(proxy.rowCount(), flaggedInGroup);

    proxy.setFlaggedOnly(false);
    QCOMPARE(proxy.rowCount(),
             int(std::count_if(m_truth.begin(), m_truth.end(),
                               [](const ScoredImage& s) { return s.ok() && s.group == 2; })));

    proxy.setGroup(ImageFilterProxy::AllGroups);
    proxy.setNameFilter(QStringLiteral("IMG_012")); // case-insensitive: img_01200 .. img_01299
    QCOMPARE(proxy.rowCount(), 100);
    proxy.setNameFilter({});
    QCOMPARE(proxy.rowCount(), kRows);
}

void TstImageListModel::thresholdUpdatesVerdictsInPlace()
{
    ImageFilterProxy flaggedView;
    flaggedView.setSourceModel(&m_model);
    flaggedView.setFlaggedOnly(true);

    QSignalSpy resets(&m_model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy counts(&m_model, &ImageListModel::flaggedCountChanged);
    for (double t : {0.3, 0.9, 1.0, 1.7, 2.5, 0.0}) {
        m_model.setThreshold(t);
        int expected = 0;
        for (const auto& s : m_truth)
            expected += expectedFlagged(s, t);
        QCOMPARE(m_model.flaggedCount(), expected);
        QCOMPARE(counts.last().at(0).toInt(), expected);
        QCOMPARE(flaggedView.rowCount(), expected);
        for (int r = 0; r < kRows; r += 37) {
            const auto& s = m_truth[r];
            const QString verdict =
                m_model.index(r, ImageListModel::VerdictColumn).data().toString();
            const QString want = !s.ok()         ? QStringLiteral("Failed")
                                 : s.unknownType ? QStringLiteral("Unknown type")
                                 : s.score >= t  ? QStringLiteral("Defective")
                                                 : QStringLiteral("OK");
            QCOMPARE(verdict, want);
            // A failure's whole reason is the tooltip of its verdict and of its file.
            if (!s.ok()) {
                QCOMPARE(m_model.index(r, ImageListModel::VerdictColumn).data(Qt::ToolTipRole),
                         QVariant(QStringLiteral("truncated file")));
                QVERIFY(m_model.index(r, ImageListModel::FileColumn)
                            .data(Qt::ToolTipRole)
                            .toString()
                            .endsWith(QStringLiteral("Error: truncated file")));
            }
        }
    }
    QCOMPARE(resets.count(), 0);
    QVERIFY(changed.count() > 0);
    for (const auto& args : changed) {
        const auto tl = args.at(0).value<QModelIndex>();
        const auto br = args.at(1).value<QModelIndex>();
        // Score to Decision: a decision's disagreement colour follows the verdict.
        QVERIFY(tl.column() >= ImageListModel::ScoreColumn &&
                br.column() == ImageListModel::DecisionColumn);
    }
}

QTEST_MAIN(TstImageListModel)
#include "tst_imagelistmodel.moc"
