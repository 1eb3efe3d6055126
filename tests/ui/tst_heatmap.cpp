// Heatmap: fixed colour scale anchored to the threshold (not per-image min-max), contours of
// the regions above the threshold.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "heatmap/HeatmapRenderer.h"
#include "heatmap/ImageView.h"

using namespace cada::ui;

class TstHeatmap : public QObject {
    Q_OBJECT
  private slots:
    void fixedScale();
    void contoursAboveThreshold();
    void clearBelowTheThresholdAndLogScaleKeepsStrongDefectsApart();
    void pixelReadoutFollowsTheShownImage();
    void exportedHeatmapIsTheImageWithItsOverlay();
};

// The mouse rests over the view; the next image (N) is shown: the "x, y: value" readout gives the
// new image's value at the same place, not the previous image's.
void TstHeatmap::pixelReadoutFollowsTheShownImage()
{
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("a.png")),
                  b = dir.filePath(QStringLiteral("b.png"));
    QVERIFY(cv::imwrite(a.toStdString(), cv::Mat(64, 64, CV_8UC3, cv::Scalar(90, 90, 90))));
    QVERIFY(cv::imwrite(b.toStdString(), cv::Mat(64, 64, CV_8UC3, cv::Scalar(150, 150, 150))));
    ImageView view;
    view.resize(256, 256);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy loaded(&view, &ImageView::imageLoaded);
    QSignalSpy hover(&view, &ImageView::hoverTextChanged);
    view.setImage(a, cv::Mat(64, 64, CV_32F, cv::Scalar(0.25)), 0.25);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000); // decoded on a worker thread
    QTest::mouseMove(&view, QPoint(128, 128));
    QTRY_VERIFY_WITH_TIMEOUT(!hover.isEmpty() &&
                                 hover.last().first().toString().endsWith(QStringLiteral("0.250")),
                             30000);
    view.setImage(b, cv::Mat(64, 64, CV_32F, cv::Scalar(0.75)), 0.75);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 60000);
    QVERIFY2(hover.last().first().toString().endsWith(QStringLiteral("0.750")),
             qPrintable(hover.last().first().toString()));
    view.clear();
    QCOMPARE(hover.last().first().toString(), QString());
}

void TstHeatmap::fixedScale()
{
    const double t = 1.2;
    QCOMPARE(heatmap::colourRange(t).low, 0.2);
    QCOMPARE(heatmap::colourRange(t).high, 2.2);
    // Two maps with different min/max: equal values must get equal colours.
    cv::Mat a(8, 8, CV_32F, cv::Scalar(0.0f)), b(8, 8, CV_32F, cv::Scalar(-5.0f));
    a.at<float>(0, 0) = float(t);
    b.at<float>(0, 0) = float(t);
    b.at<float>(7, 7) = 50.0f;
    const QImage ia = heatmap::colorize(a, t, cv::COLORMAP_JET);
    const QImage ib = heatmap::colorize(b, t, cv::COLORMAP_JET);
    QCOMPARE(ia.size(), QSize(8, 8));
    QCOMPARE(ia.pixel(0, 0), ib.pixel(0, 0));
    // The threshold is the middle of the colormap (8-bit level 127 or 128).
    cv::Mat mid(1, 1, CV_8U, cv::Scalar(127)), midColour;
    cv::applyColorMap(mid, midColour, cv::COLORMAP_JET);
    const cv::Vec3b bgr = midColour.at<cv::Vec3b>(0, 0);
    const QColor got(ia.pixel(0, 0));
    QVERIFY(std::abs(got.red() - bgr[2]) <= 8 && std::abs(got.green() - bgr[1]) <= 8 &&
            std::abs(got.blue() - bgr[0]) <= 8);
    // Saturation at both ends.
    cv::Mat lo(1, 1, CV_32F, cv::Scalar(-100.0f)), zero(1, 1, CV_8U, cv::Scalar(0)), zc;
    cv::applyColorMap(zero, zc, cv::COLORMAP_JET);
    QCOMPARE(
        QColor(heatmap::colorize(lo, t, cv::COLORMAP_JET).pixel(0, 0)),
        QColor(zc.at<cv::Vec3b>(0, 0)[2], zc.at<cv::Vec3b>(0, 0)[1], zc.at<cv::Vec3b>(0, 0)[0]));
}

// Normal regions do not tint the image: clear below t - 0.5, opaque from t. On the logarithmic
// scale two strong defects (t + 20, t + 40) keep different colours, where the linear scale
// saturates both; both scales put t in the middle and invert exactly.
void TstHeatmap::clearBelowTheThresholdAndLogScaleKeepsStrongDefectsApart()
{
    const double t = 1.0;
    cv::Mat m(1, 5, CV_32F);
    const float values[] = {float(t - 1), float(t - 0.25), float(t), float(t + 20), float(t + 40)};
    for (int i = 0; i < 5; ++i)
        m.at<float>(0, i) = values[i];
    const QImage linear = heatmap::colorize(m, t, cv::COLORMAP_JET, heatmap::Scale::Linear);
    const QImage log = heatmap::colorize(m, t, cv::COLORMAP_JET, heatmap::Scale::Logarithmic);
    QCOMPARE(qAlpha(linear.pixel(0, 0)), 0);
    QVERIFY(std::abs(qAlpha(linear.pixel(1, 0)) - 127) <= 1);
    QCOMPARE(qAlpha(linear.pixel(2, 0)), 255);
    QCOMPARE(linear.pixel(3, 0), linear.pixel(4, 0)); // saturated
    QVERIFY(log.pixel(3, 0) != log.pixel(4, 0));
    QCOMPARE(log.pixel(2, 0), linear.pixel(2, 0)); // the threshold has one colour
    for (auto scale : {heatmap::Scale::Linear, heatmap::Scale::Logarithmic}) {
        QCOMPARE(heatmap::scalePosition(t, t, scale), 0.5);
        for (double v : {t - 0.7, t + 0.3, t + 0.9})
            QVERIFY(std::abs(heatmap::scaleValue(heatmap::scalePosition(v, t, scale), t, scale) -
                             v) < 1e-9);
    }
    QVERIFY(std::abs(heatmap::scaleValue(1.0, t, heatmap::Scale::Logarithmic) -
                     (t + heatmap::kLogSpan)) < 1e-9);
}

void TstHeatmap::contoursAboveThreshold()
{
    cv::Mat map(64, 64, CV_32F, cv::Scalar(0.2f));
    cv::rectangle(map, cv::Rect(5, 5, 10, 10), cv::Scalar(1.5f), cv::FILLED);
    cv::circle(map, cv::Point(45, 40), 6, cv::Scalar(3.0f), cv::FILLED);
    QCOMPARE(heatmap::contours(map, 1.0).size(), 2);
    QCOMPARE(heatmap::contours(map, 2.0).size(), 1);
    QCOMPARE(heatmap::contours(map, 5.0).size(), 0);
    const QRectF box = heatmap::contours(map, 2.0).first().boundingRect();
    QVERIFY(box.contains(QPointF(45, 40)));
    // Upsampling keeps the scale: values, not ranks.
    const cv::Mat up = heatmap::upsample(map, cv::Size(128, 128));
    QCOMPARE(up.size(), cv::Size(128, 128));
    QVERIFY(std::abs(up.at<float>(20, 20) - 1.5f) < 1e-5);
}

// The exported heatmap has the image's own size; the overlay covers the defect (above the
// threshold) and leaves normal regions as they are (clear below t - 0.5).
void TstHeatmap::exportedHeatmapIsTheImageWithItsOverlay()
{
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("a.png"));
    QVERIFY(cv::imwrite(a.toStdString(), cv::Mat(80, 120, CV_8UC3, cv::Scalar(128, 128, 128))));
    cv::Mat map(40, 60, CV_32F, cv::Scalar(0.0));
    map(cv::Rect(10, 10, 10, 10)).setTo(5.0);
    ImageView view;
    view.setThreshold(1.0);
    QSignalSpy loaded(&view, &ImageView::imageLoaded);
    view.setImage(a, map, 5.0);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
    const QImage out = view.composedImage();
    QCOMPARE(out.size(), QSize(120, 80));
    QCOMPARE(QColor(out.pixel(100, 60)), QColor(128, 128, 128)); // normal: untouched
    QVERIFY(QColor(out.pixel(30, 30)) != QColor(128, 128, 128)); // the defect: coloured
    view.setOverlayVisible(false);
    QCOMPARE(QColor(view.composedImage().pixel(30, 30)), QColor(128, 128, 128));
}

QTEST_MAIN(TstHeatmap)
#include "tst_heatmap.moc"
