#include "DefectPainters.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "cada/Error.h"

namespace cada::demo::detail {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kShift = 4; // sub-pixel drawing precision (1/16 px)

cv::Point fixedPoint(cv::Point2d p)
{
    return {int(std::lround(p.x * (1 << kShift))), int(std::lround(p.y * (1 << kShift)))};
}

// A random point of the product, preferably `margin` pixels away from its edge.
cv::Point2d pickPoint(const cv::Mat& productMask, Rng& rng, int margin)
{
    std::vector<cv::Point> points;
    if (margin > 0) {
        cv::Mat eroded;
        cv::erode(
            productMask, eroded,
            cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * margin + 1, 2 * margin + 1)));
        cv::findNonZero(eroded, points);
    }
    if (points.empty())
        cv::findNonZero(productMask, points);
    if (points.empty())
        return {productMask.cols / 2.0, productMask.rows / 2.0};
    const cv::Point p = points[std::size_t(rng.uniformInt(0, int(points.size()) - 1))];
    return {p.x + rng.uniform(-0.5, 0.5), p.y + rng.uniform(-0.5, 0.5)};
}

double localBrightness(const cv::Mat& image, cv::Point2d at, int radius)
{
    cv::Rect box(int(at.x) - radius, int(at.y) - radius, 2 * radius + 1, 2 * radius + 1);
    box &= cv::Rect(0, 0, image.cols, image.rows);
    const cv::Scalar m = cv::mean(image(box));
    return (m[0] + m[1] + m[2]) / 3.0;
}

// Light marks on dark products and dark marks on light ones, with a minority the other way
// round so that some defects are low-contrast.
cv::Vec3f contrastingColour(const cv::Mat& image, cv::Point2d at, Rng& rng, cv::Vec3f light,
                            cv::Vec3f dark)
{
    const bool wantLight = localBrightness(image, at, 4) < 120.0;
    return (wantLight != rng.chance(0.2)) ? light : dark;
}

// clean + alpha * (paint - clean), with alpha clipped to the product.
PaintedDefect composite(const cv::Mat& clean, const cv::Mat& paint, cv::Mat alpha,
                        const cv::Mat& productMask)
{
    alpha.setTo(0, productMask == 0);
    cv::Mat alpha3;
    cv::merge(std::vector<cv::Mat>{alpha, alpha, alpha}, alpha3);
    PaintedDefect out;
    out.image = clean + (paint - clean).mul(alpha3);
    out.support = alpha > 0.0f;
    // Make "outside the support nothing changed" exact rather than merely up to rounding.
    clean.copyTo(out.image, out.support == 0);
    return out;
}

cv::Mat uniformPaint(const cv::Mat& clean, cv::Vec3f colour)
{
    return cv::Mat(clean.size(), CV_32FC3, cv::Scalar(colour[0], colour[1], colour[2]));
}

cv::Mat alphaFrom(const cv::Mat& drawn, double opacity)
{
    cv::Mat alpha;
    drawn.convertTo(alpha, CV_32FC1, opacity / 255.0);
    return alpha;
}

PaintedDefect paintScratch(const cv::Mat& clean, const cv::Mat& productMask, Rng& rng)
{
    const int size = clean.rows;
    const double k = size / 128.0;
    const cv::Point2d centre = pickPoint(productMask, rng, int(4 * k));
    const double length = rng.uniform(0.15, 0.45) * size;
    const double angle = rng.uniform(0.0, 2.0 * kPi);
    const double bend = rng.uniform(-0.2, 0.2) * length;
    const cv::Point2d dir(std::cos(angle), std::sin(angle)), normal(-dir.y, dir.x);
    const cv::Point2d a = centre - dir * (length / 2), b = centre + dir * (length / 2);
    const cv::Point2d control = centre + normal * bend;
    std::vector<cv::Point> curve;
    for (int i = 0; i <= 32; ++i) {
        const double t = i / 32.0;
        curve.push_back(
            fixedPoint(a * ((1 - t) * (1 - t)) + control * (2 * t * (1 - t)) + b * (t * t)));
    }
    cv::Mat drawn(clean.size(), CV_8UC1, cv::Scalar(0));
    const int thickness = std::max(1, int(std::lround(k * rng.uniform(0.8, 2.2))));
    cv::polylines(drawn, curve, false, cv::Scalar(255), thickness, cv::LINE_AA, kShift);
    const cv::Vec3f colour =
        contrastingColour(clean, centre, rng, {232.f, 236.f, 238.f}, {28.f, 26.f, 26.f});
    return composite(clean, uniformPaint(clean, colour), alphaFrom(drawn, rng.uniform(0.35, 1.0)),
                     productMask);
}

PaintedDefect paintHole(const cv::Mat& clean, const cv::Mat& productMask, Rng& rng)
{
    const int size = clean.rows;
    const double k = size / 128.0;
    const cv::Point2d centre = pickPoint(productMask, rng, int(8 * k));
    cv::Mat drawn(clean.size(), CV_8UC1, cv::Scalar(0));
    const int count = rng.uniformInt(1, 3);
    for (int i = 0; i < count; ++i) {
        const cv::Point2d at = i == 0 ? centre
                                      : centre + cv::Point2d(rng.uniform(-0.06, 0.06) * size,
                                                             rng.uniform(-0.06, 0.06) * size);
        const double radius = rng.uniform(1.5, 4.5) * k;
        cv::circle(drawn, fixedPoint(at), int(radius * (1 << kShift)), cv::Scalar(255), cv::FILLED,
                   cv::LINE_AA, kShift);
    }
    // A hole shows the dark inside of the part or whatever lies beneath it.
    return composite(clean, uniformPaint(clean, {14.f, 14.f, 16.f}),
                     alphaFrom(drawn, rng.uniform(0.75, 1.0)), productMask);
}

PaintedDefect paintStain(const cv::Mat& clean, const cv::Mat& productMask, Rng& rng)
{
    const int size = clean.rows;
    const cv::Point2d centre = pickPoint(productMask, rng, int(0.06 * size));
    const double major = rng.uniform(0.05, 0.13) * size;
    const double minor = major * rng.uniform(0.5, 1.0);
    cv::Mat drawn(clean.size(), CV_8UC1, cv::Scalar(0));
    cv::ellipse(
        drawn, fixedPoint(centre), cv::Size(int(major * (1 << kShift)), int(minor * (1 << kShift))),
        rng.uniform(0.0, 180.0), 0.0, 360.0, cv::Scalar(255), cv::FILLED, cv::LINE_AA, kShift);
    const cv::Scalar under = cv::mean(clean, drawn);
    cv::GaussianBlur(drawn, drawn, cv::Size(0, 0), 0.2 * minor);
    // A stain has an edge: its faint blurred fringe is cut off, so the mask is the visible mark.
    cv::threshold(drawn, drawn, 0.15 * 255.0, 0, cv::THRESH_TOZERO);

    // A stain is a deposit (rust, oil, coolant, ink, a dried water mark) in its own colour that
    // half hides the texture beneath. A multiplicative tint, as before, vanished on saturated and
    // busy products (on the red carpet the stains differed from the texture around them by 0.1
    // of its standard deviation). The deposit's colour is, most of the time, the one of the
    // palette farthest from the product where it lands, as on a real line where a stain that
    // matches the product is rarely noticed, let alone annotated.
    static const cv::Vec3f palette[] = {{40.f, 82.f, 150.f},    // rust (BGR)
                                        {34.f, 36.f, 40.f},     // oil
                                        {70.f, 150.f, 70.f},    // coolant
                                        {150.f, 72.f, 40.f},    // ink
                                        {205.f, 208.f, 206.f}}; // dried water mark
    constexpr int kColours = int(std::size(palette));
    int pick = rng.uniformInt(0, kColours - 1);
    if (!rng.chance(0.2)) {
        double farthest = -1.0;
        for (int i = 0; i < kColours; ++i) {
            const double d =
                cv::norm(cv::Vec3d(palette[i]) - cv::Vec3d(under[0], under[1], under[2]));
            if (d > farthest) {
                farthest = d;
                pick = i;
            }
        }
    }
    const cv::Vec3f colour = palette[pick];
    cv::Mat luma, relative;
    cv::transform(clean, luma, cv::Matx13f(1.f / 3, 1.f / 3, 1.f / 3));
    const double underLuma = std::max(1.0, (under[0] + under[1] + under[2]) / 3.0);
    cv::pow(luma / underLuma, 0.5, relative); // half the texture's relative contrast shows through
    cv::Mat relative3, paint;
    cv::merge(std::vector<cv::Mat>{relative, relative, relative}, relative3);
    cv::multiply(uniformPaint(clean, colour), relative3, paint);
    return composite(clean, paint, alphaFrom(drawn, rng.uniform(0.55, 0.9)), productMask);
}

PaintedDefect paintContamination(const cv::Mat& clean, const cv::Mat& productMask, Rng& rng)
{
    const int size = clean.rows;
    const double k = size / 128.0;
    const cv::Point2d start = pickPoint(productMask, rng, int(6 * k));
    cv::Mat drawn(clean.size(), CV_8UC1, cv::Scalar(0));
    cv::Vec3f colour;
    if (rng.chance(0.5)) {
        // A hair or fibre: a thin random walk with slowly drifting direction.
        std::vector<cv::Point> walk;
        cv::Point2d p = start;
        double angle = rng.uniform(0.0, 2.0 * kPi);
        const int steps = rng.uniformInt(25, 55);
        for (int i = 0; i < steps; ++i) {
            walk.push_back(fixedPoint(p));
            angle += 0.22 * rng.normal();
            p += cv::Point2d(std::cos(angle), std::sin(angle)) * (1.3 * k);
        }
        cv::polylines(drawn, walk, false, cv::Scalar(255), std::max(1, int(std::lround(0.8 * k))),
                      cv::LINE_AA, kShift);
        colour = contrastingColour(clean, start, rng, {205.f, 215.f, 222.f}, {30.f, 28.f, 26.f});
    } else {
        // A particle: an irregular blob of some foreign material.
        std::vector<cv::Point> outline;
        const double radius = rng.uniform(2.0, 6.0) * k;
        const int corners = rng.uniformInt(6, 9);
        for (int i = 0; i < corners; ++i) {
            const double a = 2.0 * kPi * i / corners;
            const double r = radius * rng.uniform(0.55, 1.0);
            outline.push_back(fixedPoint(start + cv::Point2d(std::cos(a), std::sin(a)) * r));
        }
        cv::fillPoly(drawn, std::vector<std::vector<cv::Point>>{outline}, cv::Scalar(255),
                     cv::LINE_AA, kShift);
        static const cv::Vec3f palette[] = {
            {22.f, 22.f, 24.f}, {236.f, 240.f, 240.f}, {60.f, 150.f, 70.f}, {160.f, 90.f, 40.f}};
        colour = palette[rng.uniformInt(0, 3)];
    }
    return composite(clean, uniformPaint(clean, colour), alphaFrom(drawn, rng.uniform(0.8, 1.0)),
                     productMask);
}

} // namespace

PaintedDefect paintDefect(const std::string& kind, const cv::Mat& clean, const cv::Mat& productMask,
                          Rng& rng)
{
    if (kind == "scratch")
        return paintScratch(clean, productMask, rng);
    if (kind == "hole")
        return paintHole(clean, productMask, rng);
    if (kind == "stain")
        return paintStain(clean, productMask, rng);
    if (kind == "contamination")
        return paintContamination(clean, productMask, rng);
    throw Error("Unknown demo defect kind '" + kind +
                "'. Use one of: scratch, hole, stain, contamination, missing.");
}

} // namespace cada::demo::detail
