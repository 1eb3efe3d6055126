#pragma once
// Turns an aligned anomaly map into a colour overlay and defect contours.
//
// Colour scale: FIXED and anchored to the threshold t, never per-image min-max, so the same
// colour means the same score on every image. The aligned map value v is mapped linearly from
// [t - 1, t + 1] onto the colormap (clamped): the threshold sits exactly in the middle, and one
// unit of aligned score is the predicted normal range (gamma_hat - u_hat) of the image's type.
// Contours enclose the pixels with v >= t (the regions that make an image Defective).
#include <QImage>
#include <QPolygonF>
#include <QVector>

#include <opencv2/core.hpp>

namespace cada::ui::heatmap {

struct Range {
    double low, high;
};
Range colourRange(double threshold);

// Named colormaps offered in the UI, as OpenCV ids (cv::COLORMAP_*).
struct Colormap {
    const char* name; // untranslated, proper names
    int id;
};
const QVector<Colormap>& colormaps();

// Bilinear resize of a CV_32F map to the image size (maps are at model resolution).
cv::Mat upsample(const cv::Mat& map, const cv::Size& size);
// RGB overlay of `map` with the fixed scale around `threshold`.
QImage colorize(const cv::Mat& map, double threshold, int colormapId);
// Outer contours of map >= threshold, in map pixel coordinates.
QVector<QPolygonF> contours(const cv::Mat& map, double threshold);

} // namespace cada::ui::heatmap
