// Pixel-level metrics (pixel AUROC, AUPRO): every expected value is computed independently, by
// the concatenated image-level definition or by the reference AUPRO beside this test.
#include "MetricsChecks.h"
#include "aupro_reference.h"

#include "cada/Error.h"
#include "cada/metrics/Metrics.h"
#include "cada/metrics/PixelMetrics.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <QObject>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace cada::metrics;

namespace {

// Several images of different sizes; masks with a few disc / rectangle blobs (some touching
// diagonally, some images defect-free); maps correlated with the masks plus noise, optionally
// quantized so that many pixels tie across classes.
void randomPixelSet(std::mt19937& rng, bool quantize, std::vector<cv::Mat>& maps,
                    std::vector<cv::Mat>& masks)
{
    maps.clear();
    masks.clear();
    std::uniform_int_distribution<int> side(24, 40), blobs(0, 3), coin(0, 1);
    std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
    const int images = 4;
    for (int i = 0; i < images; ++i) {
        const int rows = side(rng), cols = side(rng);
        cv::Mat mask = cv::Mat::zeros(rows, cols, CV_8UC1);
        const int count = i == 0 ? 3 : blobs(rng); // image 0 always has several regions
        for (int b = 0; b < count; ++b) {
            std::uniform_int_distribution<int> x(0, cols - 1), y(0, rows - 1), r(1, 5);
            if (coin(rng))
                cv::circle(mask, {x(rng), y(rng)}, r(rng), cv::Scalar(255), cv::FILLED);
            else
                cv::rectangle(mask, cv::Rect(x(rng), y(rng), r(rng), r(rng)), cv::Scalar(255),
                              cv::FILLED);
        }
        mask.at<uchar>(0, 0) = 255; // two diagonal single pixels: one 8-connected region
        mask.at<uchar>(1, 1) = 255;
        mask.at<uchar>(0, 1) = 0;
        mask.at<uchar>(1, 0) = 0;
        cv::Mat map(rows, cols, CV_32FC1);
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < cols; ++c) {
                float v = uniform(rng) + (mask.at<uchar>(r, c) ? 0.5f * uniform(rng) : 0.0f);
                if (quantize)
                    v = std::floor(v * 8.0f) / 8.0f;
                map.at<float>(r, c) = v;
            }
        }
        maps.push_back(map);
        masks.push_back(mask);
    }
}

} // namespace

class TestPixelMetrics : public QObject {
    Q_OBJECT

  private slots:
    void pixelAurocEqualsConcatenatedAuroc();
    void pixelAurocTreatsSignedZerosAsTies();
    void auproPerfectConstantAndRandomMaps();
    void auproHandComputedCurve();
    void auproUsesEightConnectivity();
    void auproMatchesReference();
    void pixelLevelErrors();
};

void TestPixelMetrics::pixelAurocEqualsConcatenatedAuroc()
{
    std::mt19937 rng(2024);
    for (int trial = 0; trial < 6; ++trial) {
        std::vector<cv::Mat> maps, masks;
        randomPixelSet(rng, trial % 2 == 0, maps, masks);
        std::vector<double> scores;
        std::vector<int> labels;
        for (std::size_t i = 0; i < maps.size(); ++i) {
            for (int r = 0; r < maps[i].rows; ++r) {
                for (int c = 0; c < maps[i].cols; ++c) {
                    scores.push_back(maps[i].at<float>(r, c));
                    labels.push_back(masks[i].at<uchar>(r, c) != 0);
                }
            }
        }
        VERIFY_NEAR(pixelAuroc(maps, masks), auroc(scores, labels), 1e-12);
        if (trial == 0) // also against the pairwise definition once (quantized: many ties)
            VERIFY_NEAR(pixelAuroc(maps, masks), pairwiseAuroc(scores, labels), 1e-12);
    }
    // Negative values and a non-continuous view (ROI) are handled.
    cv::Mat bigMap = (cv::Mat_<float>(3, 4) << -3, -1, 9, 9, 2, -0.5f, 9, 9, 0.25f, 1, 9, 9);
    cv::Mat bigMask = (cv::Mat_<uchar>(3, 4) << 0, 255, 0, 0, 1, 0, 0, 0, 0, 7, 0, 0);
    const std::vector<cv::Mat> roiMaps{bigMap(cv::Rect(0, 0, 2, 3))};
    const std::vector<cv::Mat> roiMasks{bigMask(cv::Rect(0, 0, 2, 3))};
    // Positives {-1, 2, 1}, negatives {-3, -0.5, 0.25}: -1 beats one, 2 and 1 beat three: 7/9.
    VERIFY_NEAR(pixelAuroc(roiMaps, roiMasks), 7.0 / 9.0, 1e-15);
}

void TestPixelMetrics::pixelAurocTreatsSignedZerosAsTies()
{
    // Positive pixel -0.0 against normal pixel +0.0 is one tie: AUROC 0.5, not 0 or 1.
    const std::vector<cv::Mat> maps{(cv::Mat_<float>(1, 2) << -0.0f, 0.0f)};
    const std::vector<cv::Mat> masks{(cv::Mat_<uchar>(1, 2) << 1, 0)};
    VERIFY_NEAR(pixelAuroc(maps, masks), 0.5, 1e-15);
}

void TestPixelMetrics::auproPerfectConstantAndRandomMaps()
{
    std::mt19937 rng(99);
    std::vector<cv::Mat> maps, masks;
    randomPixelSet(rng, false, maps, masks);
    // Map equal to the mask: every region is fully found before any normal pixel fires.
    std::vector<cv::Mat> perfect;
    for (const cv::Mat& mask : masks) {
        cv::Mat m;
        mask.convertTo(m, CV_32F, 1.0 / 255.0);
        perfect.push_back(m);
    }
    VERIFY_NEAR(aupro(perfect, masks), 1.0, 1e-12);
    VERIFY_NEAR(aupro(perfect, masks, 0.05), 1.0, 1e-12);
    // Constant map: one step from (0, 0) to (1, 1); the area under y = x up to 0.3 is 0.045,
    // divided by 0.3 gives 0.15 (tests the interpolation at the limit).
    std::vector<cv::Mat> constant;
    for (const cv::Mat& mask : masks)
        constant.push_back(cv::Mat(mask.size(), CV_32FC1, cv::Scalar(0.7)));
    VERIFY_NEAR(aupro(constant, masks), 0.15, 1e-12);
    VERIFY_NEAR(aupro(constant, masks, 1.0), 0.5, 1e-12);
    // A random map that ignores the mask: PRO(t) ~ FPR(t), so about 0.15.
    std::vector<cv::Mat> noise;
    for (const cv::Mat& mask : masks) {
        cv::Mat m(mask.size(), CV_32FC1);
        cv::randu(m, 0.0, 1.0);
        noise.push_back(m);
    }
    const double random = aupro(noise, masks);
    QVERIFY2(random > 0.08 && random < 0.25, QByteArray::number(random).constData());
    // The anti-perfect map (defects lowest) scores 0.
    std::vector<cv::Mat> inverted;
    for (const cv::Mat& m : perfect)
        inverted.push_back(1.0 - m);
    VERIFY_NEAR(aupro(inverted, masks), 0.0, 1e-12);
}

void TestPixelMetrics::auproHandComputedCurve()
{
    // One row: region A = {0} (1 pixel), region B = {2, 3, 4} (3 pixels), six normal pixels.
    const std::vector<cv::Mat> masks{(cv::Mat_<uchar>(1, 10) << 1, 0, 1, 1, 1, 0, 0, 0, 0, 0)};
    const std::vector<cv::Mat> maps{
        (cv::Mat_<float>(1, 10) << 0.9f, 0.8f, 0.7f, 0.7f, 0.1f, 0.6f, 0, 0, 0, 0)};
    // Thresholds: 0.9 -> A found: PRO (1 + 0)/2 = 1/2, FPR 0; 0.8 -> FPR 1/6;
    // 0.7 -> B 2/3: PRO 5/6; 0.6 -> FPR 1/3; 0.1 -> PRO 1; 0 -> FPR 1.
    // Curve (0,0) (0,1/2) (1/6,1/2) (1/6,5/6) (1/3,5/6) (1/3,1) (1,1).
    // Up to 0.3: 1/6 * 1/2 + (0.3 - 1/6) * 5/6 = 1/12 + 1/9 = 7/36; / 0.3 = 35/54.
    // (A pixel-weighted PRO would give 1/4 at 0.9: regions must count once each.)
    VERIFY_NEAR(aupro(maps, masks), 35.0 / 54.0, 1e-12);
    VERIFY_NEAR(cada::test::referenceAupro(maps, masks, 0.3), 35.0 / 54.0, 1e-12);
    // Up to 0.5: 1/12 + 1/6 * 5/6 + (0.5 - 1/3) * 1 = 3/36 + 5/36 + 6/36 = 7/18; / 0.5 = 7/9.
    VERIFY_NEAR(aupro(maps, masks, 0.5), 7.0 / 9.0, 1e-12);
    // Limit exactly on a vertical jump (1/3): 1/12 + 5/36 = 2/9; / (1/3) = 2/3.
    VERIFY_NEAR(aupro(maps, masks, 1.0 / 3.0), 2.0 / 3.0, 1e-12);
}

void TestPixelMetrics::auproUsesEightConnectivity()
{
    // Defect pixels (0,0), (1,1), (1,2): one region of 3 with 8-connectivity; with
    // 4-connectivity they would be {(0,0)} and {(1,1),(1,2)}.
    const std::vector<cv::Mat> masks{(cv::Mat_<uchar>(3, 3) << 1, 0, 0, 0, 1, 1, 0, 0, 0)};
    const std::vector<cv::Mat> maps{
        (cv::Mat_<float>(3, 3) << 1.0f, 0.5f, 0, 0, 0.2f, 0.2f, 0, 0, 0)};
    // 8-connected: t 1 -> PRO 1/3, FPR 0; t 0.5 -> FPR 1/6; t 0.2 -> PRO 1; t 0 -> FPR 1.
    // Area: 1/6 * 1/3 + (0.3 - 1/6) * 1 = 1/18 + 2/15 = 17/90; / 0.3 = 17/27.
    // (4-connected would give PRO 1/2 first and 13/18.)
    VERIFY_NEAR(aupro(maps, masks), 17.0 / 27.0, 1e-12);
}

void TestPixelMetrics::auproMatchesReference()
{
    std::mt19937 rng(31337);
    for (int trial = 0; trial < 8; ++trial) {
        std::vector<cv::Mat> maps, masks;
        randomPixelSet(rng, trial % 2 == 0, maps, masks);
        for (double limit : {0.3, 0.05, 0.5, 1.0}) {
            const double expected = cada::test::referenceAupro(maps, masks, limit);
            VERIFY_NEAR(aupro(maps, masks, limit), expected, 1e-6);
        }
    }
}

void TestPixelMetrics::pixelLevelErrors()
{
    const cv::Mat map(4, 4, CV_32FC1, cv::Scalar(0));
    cv::Mat mask(4, 4, CV_8UC1, cv::Scalar(0));
    mask.at<uchar>(1, 1) = 1;
    const cv::Mat wrongSize(4, 5, CV_8UC1, cv::Scalar(0));
    QVERIFY(throwsCadaErrorContaining(
        [&] {
            pixelAuroc({map, map, map}, {mask, mask, wrongSize});
        },
        "map 2 is 4x4 pixels but its ground-truth mask is 5x4"));
    QVERIFY(throwsCadaErrorContaining([&] { aupro({map, map}, {mask, wrongSize}); }, "map 1"));
    QVERIFY(throwsCadaErrorContaining([&] { aupro({map}, {mask, mask}); }, "1 anomaly maps but 2"));
    cv::Mat doubleMap(4, 4, CV_64FC1, cv::Scalar(0));
    QVERIFY(throwsCadaErrorContaining(
        [&] {
            pixelAuroc({map, doubleMap}, {mask, mask});
        },
        "anomaly map 1 has type CV_64FC1"));
    cv::Mat colourMask(4, 4, CV_8UC3, cv::Scalar(0));
    QVERIFY(throwsCadaErrorContaining([&] { aupro({map}, {colourMask}); }, "mask 0 has type"));
    const cv::Mat empty(4, 4, CV_8UC1, cv::Scalar(0));
    QVERIFY(throwsCadaErrorContaining([&] { aupro({map}, {empty}); }, "no ground-truth mask"));
    QVERIFY(throwsCadaErrorContaining([&] { pixelAuroc({map}, {empty}); }, "no ground-truth mask"));
    const cv::Mat full(4, 4, CV_8UC1, cv::Scalar(255));
    QVERIFY(throwsCadaErrorContaining([&] { aupro({map}, {full}); }, "every pixel"));
    QVERIFY(throwsCadaErrorContaining([&] { aupro({map}, {mask}, 0.0); }, "limit"));
    QVERIFY(throwsCadaErrorContaining([&] { aupro({map}, {mask}, 1.5); }, "limit"));
    cv::Mat nanMap = map.clone();
    nanMap.at<float>(2, 3) = std::numeric_limits<float>::quiet_NaN();
    QVERIFY(throwsCadaErrorContaining(
        [&] {
            pixelAuroc({map, nanMap}, {mask, mask});
        },
        "map 1 contains NaN at pixel (3, 2)"));
}

QTEST_APPLESS_MAIN(TestPixelMetrics)

#include "tst_pixelmetrics.moc"
