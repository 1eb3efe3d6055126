#pragma once
// Turns an aligned anomaly map into a colour overlay and defect contours.
//
// Colour scale: FIXED and anchored to the threshold t, never per-image min-max, so the same
// colour means the same score on every image. The threshold sits exactly in the middle of the
// colormap; t - 1 at its bottom (one unit of aligned score is the predicted normal range,
// gamma_hat - u_hat, of the image's type). Above t the scale is linear to t + 1 (Linear), or
// logarithmic to t + kLogSpan (Logarithmic), which keeps the structure of strong defects
// visible instead of saturating them into blobs.
// Transparency: the overlay is clear below t - 0.5 and opaque from t on, so normal regions do not
// tint the image. Contours enclose the pixels with v >= t (the regions that make an image
// Defective).
#include <QImage>
#include <QPolygonF>
#include <QVector>

#include <opencv2/core.hpp>

namespace cada::ui::heatmap {

struct Range {
    double low, high;
};
Range colourRange(double threshold); // of the Linear scale

enum class Scale { Linear, Logarithmic };
inline constexpr double kLogSpan = 64.0;
// Where score v sits on the colormap, 0 (bottom) to 1 (top), clamped; and the inverse.
double scalePosition(double v, double threshold, Scale scale);
double scaleValue(double position, double threshold, Scale scale);

// Named colormaps offered in the UI, as OpenCV ids (cv::COLORMAP_*).
struct Colormap {
    const char* name; // untranslated, proper names
    int id;
};
const QVector<Colormap>& colormaps();

// Bilinear resize of a CV_32F map to the image size (maps are at model resolution).
cv::Mat upsample(const cv::Mat& map, const cv::Size& size);
// ARGB overlay of `map` with the fixed scale around `threshold`, clear below t - 0.5.
QImage colorize(const cv::Mat& map, double threshold, int colormapId, Scale scale = Scale::Linear);
// The colormap as a vertical bar, bottom = position 0, top = 1 (for the legend).
QImage legendBar(int colormapId, QSize size);
// Outer contours of map >= threshold, in map pixel coordinates.
QVector<QPolygonF> contours(const cv::Mat& map, double threshold);

} // namespace cada::ui::heatmap
