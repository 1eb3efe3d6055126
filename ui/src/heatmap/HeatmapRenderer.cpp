#include "heatmap/HeatmapRenderer.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace cada::ui::heatmap {

Range colourRange(double threshold)
{
    return {threshold - 1.0, threshold + 1.0};
}

double scalePosition(double v, double threshold, Scale scale)
{
    double p = 0;
    if (scale == Scale::Linear || v <= threshold)
        p = (v - (threshold - 1.0)) / 2.0;
    else
        p = 0.5 + 0.5 * std::log1p(v - threshold) / std::log1p(kLogSpan);
    return std::clamp(p, 0.0, 1.0);
}

double scaleValue(double position, double threshold, Scale scale)
{
    const double p = std::clamp(position, 0.0, 1.0);
    if (scale == Scale::Linear || p <= 0.5)
        return threshold - 1.0 + 2.0 * p;
    return threshold + std::expm1((p - 0.5) / 0.5 * std::log1p(kLogSpan));
}

const QVector<Colormap>& colormaps()
{
    static const QVector<Colormap> maps{{"Jet", cv::COLORMAP_JET},
                                        {"Inferno", cv::COLORMAP_INFERNO},
                                        {"Turbo", cv::COLORMAP_TURBO},
                                        {"Viridis", cv::COLORMAP_VIRIDIS}};
    return maps;
}

cv::Mat upsample(const cv::Mat& map, const cv::Size& size)
{
    if (map.empty() || size.empty())
        return {};
    if (map.size() == size)
        return map;
    cv::Mat out;
    cv::resize(map, out, size, 0, 0, cv::INTER_LINEAR);
    return out;
}

QImage colorize(const cv::Mat& map, double threshold, int colormapId, Scale scale)
{
    if (map.empty())
        return {};
    cv::Mat f;
    map.convertTo(f, CV_32F);
    cv::Mat u8(f.size(), CV_8U), alpha(f.size(), CV_8U);
    for (int y = 0; y < f.rows; ++y)
        for (int x = 0; x < f.cols; ++x) {
            const double v = f.at<float>(y, x);
            u8.at<uchar>(y, x) =
                cv::saturate_cast<uchar>(scalePosition(v, threshold, scale) * 255.0);
            alpha.at<uchar>(y, x) = cv::saturate_cast<uchar>(
                std::clamp((v - (threshold - 0.5)) / 0.5, 0.0, 1.0) * 255.0);
        }
    cv::Mat bgr, bgra;
    cv::applyColorMap(u8, bgr, colormapId);
    cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA);
    cv::insertChannel(alpha, bgra, 3);
    // BGRA bytes are QImage's ARGB32 on little-endian machines.
    return QImage(bgra.data, bgra.cols, bgra.rows, int(bgra.step), QImage::Format_ARGB32).copy();
}

QImage legendBar(int colormapId, QSize size)
{
    if (size.isEmpty())
        return {};
    cv::Mat ramp(size.height(), 1, CV_8U);
    for (int y = 0; y < size.height(); ++y) // top = 255
        ramp.at<uchar>(y, 0) = cv::saturate_cast<uchar>(255.0 * double(size.height() - 1 - y) /
                                                        std::max(1, size.height() - 1));
    cv::Mat bgr, wide;
    cv::applyColorMap(ramp, bgr, colormapId);
    cv::resize(bgr, wide, cv::Size(size.width(), size.height()), 0, 0, cv::INTER_NEAREST);
    cv::cvtColor(wide, wide, cv::COLOR_BGR2RGB);
    return QImage(wide.data, wide.cols, wide.rows, int(wide.step), QImage::Format_RGB888).copy();
}

QVector<QPolygonF> contours(const cv::Mat& map, double threshold)
{
    QVector<QPolygonF> out;
    if (map.empty())
        return out;
    cv::Mat mask = map >= threshold;
    std::vector<std::vector<cv::Point>> found;
    cv::findContours(mask, found, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    for (const auto& c : found) {
        QPolygonF poly;
        poly.reserve(int(c.size()) + 1);
        for (const cv::Point& p : c)
            poly << QPointF(p.x + 0.5, p.y + 0.5); // through pixel centres
        if (!poly.isEmpty())
            poly << poly.first();
        out << poly;
    }
    return out;
}

} // namespace cada::ui::heatmap
