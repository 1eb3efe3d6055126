#include "heatmap/HeatmapRenderer.h"

#include <opencv2/imgproc.hpp>

namespace cada::ui::heatmap {

Range colourRange(double threshold)
{
    return {threshold - 1.0, threshold + 1.0};
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

QImage colorize(const cv::Mat& map, double threshold, int colormapId)
{
    if (map.empty())
        return {};
    const Range r = colourRange(threshold);
    cv::Mat u8;
    // (v - low) / (high - low) * 255, saturated to [0, 255] by convertTo.
    map.convertTo(u8, CV_8U, 255.0 / (r.high - r.low), -r.low * 255.0 / (r.high - r.low));
    cv::Mat bgr;
    cv::applyColorMap(u8, bgr, colormapId);
    cv::cvtColor(bgr, bgr, cv::COLOR_BGR2RGB);
    return QImage(bgr.data, bgr.cols, bgr.rows, int(bgr.step), QImage::Format_RGB888).copy();
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
