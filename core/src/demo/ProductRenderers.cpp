#include "ProductRenderers.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "DemoRandom.h"
#include "Textures.h"

namespace cada::demo::detail {
namespace {

constexpr double kPi = 3.14159265358979323846;

double degrees(double d)
{
    return d * kPi / 180.0;
}

cv::Mat fullMask(int size)
{
    // A small margin keeps defects off the border, where detectors pad and blur.
    const int margin = std::max(2, size / 32);
    cv::Mat mask(size, size, CV_8UC1, cv::Scalar(0));
    mask(cv::Rect(margin, margin, size - 2 * margin, size - 2 * margin)).setTo(255);
    return mask;
}

// ---------------------------------------------------------------------------------------------
// Smooth grey plate: gentle gradient, a soft light spot and faint brushing. Lowest texture energy.
ProductImage renderMetalPlate(std::uint64_t seed, int size, const PartEdit&)
{
    Rng rng(seed);
    const double base = rng.uniform(118.0, 146.0);
    const double gx = rng.uniform(-22.0, 22.0);
    const double gy = rng.uniform(-22.0, 22.0);
    const double spotAmp = rng.uniform(4.0, 14.0);
    const double spotX = rng.uniform(0.2, 0.8) * size;
    const double spotY = rng.uniform(0.2, 0.8) * size;
    const double spotSigma = rng.uniform(0.3, 0.45) * size;
    const double slope = std::tan(degrees(rng.uniform(-4.0, 4.0)));

    // Brushing runs along a slightly tilted direction; sample a 1-D streak profile across it.
    cv::Mat streak = smoothNoise(2 * size + 2, rng.nextSeed(), 0.01, 0.8 * size / 128.0);
    const double streakAmp = 1.2;

    cv::Mat grey(size, size, CV_32FC1);
    const double inv2s2 = 1.0 / (2.0 * spotSigma * spotSigma);
    for (int y = 0; y < size; ++y) {
        float* row = grey.ptr<float>(y);
        for (int x = 0; x < size; ++x) {
            const double dx = x - spotX, dy = y - spotY;
            const double t = y + (x - size / 2.0) * slope + size / 2.0;
            const int t0 = std::clamp(int(std::floor(t)), 0, 2 * size);
            const double ft = t - std::floor(t);
            const double s =
                (1.0 - ft) * streak.at<float>(t0, 0) + ft * streak.at<float>(t0 + 1, 0);
            row[x] = float(base + gx * (double(x) / size - 0.5) + gy * (double(y) / size - 0.5) +
                           spotAmp * std::exp(-(dx * dx + dy * dy) * inv2s2) + streakAmp * s);
        }
    }
    ProductImage out;
    cv::cvtColor(grey, out.image, cv::COLOR_GRAY2BGR);
    out.productMask = fullMask(size);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Red carpet: band-passed, slightly anisotropic noise plus tufts. Highest texture energy.
ProductImage renderCarpet(std::uint64_t seed, int size, const PartEdit&)
{
    Rng rng(seed);
    const double k = size / 128.0;
    cv::Mat fine = smoothNoise(size, rng.nextSeed(), 1.1 * k, 0.6 * k);
    cv::Mat tuft = smoothNoise(size, rng.nextSeed(), 2.5 * k, 2.5 * k);
    cv::Mat hue = smoothNoise(size, rng.nextSeed(), 4.0 * k, 4.0 * k);
    const cv::Vec3f colour = jitterColour({48.f, 58.f, 168.f}, rng, 0.06);

    cv::Mat luminance = 1.0 + 0.30 * fine + 0.14 * tuft;
    cv::Mat image = tinted(luminance, colour);
    // Fibres of slightly different dye keep the hue from being perfectly uniform.
    cv::Mat hueShift = merge3(hue * 4.0f, hue * -3.0f, hue * 0.0f);
    image += hueShift;
    applyIllumination(image, rng, 0.10);
    return {image, fullMask(size)};
}

// ---------------------------------------------------------------------------------------------
// Woven copper mesh over a dark backing: periodic, with phase and slight rotation per shot.
ProductImage renderMesh(std::uint64_t seed, int size, const PartEdit& edit)
{
    Rng rng(seed);
    const double k = size / 128.0;
    const double period = 10.0 * k * rng.uniform(0.98, 1.02);
    const double theta = degrees(rng.uniform(-2.5, 2.5));
    const double phaseU = rng.uniform(0.0, 2.0 * period);
    const double phaseV = rng.uniform(0.0, 2.0 * period);
    const cv::Vec3f copper = jitterColour({70.f, 122.f, 196.f}, rng, 0.06);
    const cv::Vec3f backing(26.f, 28.f, 33.f);
    const double halfWidth = 0.26;
    const double cs = std::cos(theta), sn = std::sin(theta);
    const double c = size / 2.0;
    const double offset = 1000.0 * period; // keeps u, v positive so floor() is a plain cell index

    auto cellOf = [&](double x, double y, long& i, long& j) {
        const double u = (x - c) * cs + (y - c) * sn + phaseU + offset;
        const double v = -(x - c) * sn + (y - c) * cs + phaseV + offset;
        i = long(std::floor(u / period));
        j = long(std::floor(v / period));
    };
    long missingI = 0, missingJ = 0;
    const bool breakWireOnly = edit.variant >= 0.6;
    if (edit.active) {
        long ci = 0, cj = 0;
        cellOf(c, c, ci, cj);
        const int pick = std::min(24, int(edit.selector * 25));
        missingI = ci + pick % 5 - 2;
        missingJ = cj + pick / 5 - 2;
    }

    cv::Mat image(size, size, CV_32FC3);
    for (int y = 0; y < size; ++y) {
        cv::Vec3f* row = image.ptr<cv::Vec3f>(y);
        for (int x = 0; x < size; ++x) {
            const double u = (x - c) * cs + (y - c) * sn + phaseU + offset;
            const double v = -(x - c) * sn + (y - c) * cs + phaseV + offset;
            const long i = long(std::floor(u / period));
            const long j = long(std::floor(v / period));
            const double fu = u / period - double(i);
            const double fv = v / period - double(j);
            const double du = std::abs(fu - 0.5) / halfWidth;
            const double dv = std::abs(fv - 0.5) / halfWidth;
            // Over/under alternates from cell to cell; the height is continuous at cell borders.
            const double sign = ((i + j) & 1) ? -1.0 : 1.0;
            const double heightV = sign * std::cos(kPi * (fv - 0.5));
            const double heightH = -sign * std::cos(kPi * (fu - 0.5));
            bool onV = du < 1.0;
            bool onH = dv < 1.0;
            if (edit.active && i == missingI && j == missingJ) {
                const bool nearCrossing = std::abs(fu - 0.5) < 0.47 && std::abs(fv - 0.5) < 0.47;
                if (breakWireOnly) {
                    if (std::abs(fv - 0.5) < 0.3)
                        onV = false;
                } else if (nearCrossing) {
                    onV = onH = false;
                }
            }
            double shade = 0.0;
            if (onV && (!onH || heightV >= heightH))
                shade = std::sqrt(1.0 - du * du) * (0.62 + 0.38 * heightV);
            else if (onH)
                shade = std::sqrt(1.0 - dv * dv) * (0.62 + 0.38 * heightH);
            row[x] = backing + (copper - backing) * float(shade);
        }
    }
    applyIllumination(image, rng, 0.12);
    return {image, fullMask(size)};
}

// ---------------------------------------------------------------------------------------------
// Printed label on a conveyor: fixed print (logo, two text rows, barcode), placed with jitter.
const char* const kLabelRows[] = {"CADA-7", "LOT 0815 B"};
const int kBarWidths[] = {1, 2, 1, 1, 3, 1, 2, 2, 1, 3, 1, 1, 2, 1, 3, 2, 1, 1, 2, 1};

int labelPartCount()
{
    int count = 1; // logo
    for (const char* row : kLabelRows)
        for (const char* p = row; *p; ++p)
            count += *p != ' ';
    return count + int(std::size(kBarWidths));
}

// Draws the print onto the label canvas; `editPart` (or -1) is dropped or moved by `editShift`.
void drawLabelPrint(cv::Mat& canvas, double k, int editPart, bool remove, cv::Point editShift)
{
    const int w = canvas.cols, h = canvas.rows;
    const cv::Scalar ink(38, 36, 40);
    int part = 0;
    auto placement = [&](cv::Point p, bool& skip) {
        const bool edited = part++ == editPart;
        skip = edited && remove;
        return edited ? p + editShift : p;
    };
    bool skip = false;
    cv::rectangle(canvas, cv::Rect(int(3 * k), int(3 * k), w - int(6 * k), h - int(6 * k)),
                  cv::Scalar(150, 160, 165), std::max(1, int(std::lround(k))), cv::LINE_AA);

    const cv::Point logoCentre = placement(cv::Point(int(0.17 * w), int(0.29 * h)), skip);
    if (!skip) {
        const int r = int(0.14 * h);
        cv::circle(canvas, logoCentre, r, cv::Scalar(40, 40, 200), cv::FILLED, cv::LINE_AA);
        const cv::Point tri[3] = {logoCentre + cv::Point(0, -r * 6 / 10),
                                  logoCentre + cv::Point(r * 55 / 100, r * 4 / 10),
                                  logoCentre + cv::Point(-r * 55 / 100, r * 4 / 10)};
        cv::fillConvexPoly(canvas, tri, 3, cv::Scalar(235, 240, 245), cv::LINE_AA);
    }

    const int font = cv::FONT_HERSHEY_SIMPLEX;
    const double scales[] = {0.40 * k, 0.34 * k};
    const cv::Point origins[] = {{int(0.34 * w), int(0.38 * h)}, {int(0.09 * w), int(0.66 * h)}};
    const int thickness = std::max(1, int(std::lround(k)));
    const int spacing = int(k);
    for (int r = 0; r < 2; ++r) {
        // Glyphs are drawn one by one so that each can go missing; shrink the row if the
        // thickness floor at small sizes would push it off the label.
        auto rowWidth = [&](double scale) {
            int width = 0, baseline = 0;
            for (const char* p = kLabelRows[r]; *p; ++p)
                width +=
                    cv::getTextSize(std::string(1, *p), font, scale, thickness, &baseline).width +
                    spacing;
            return width;
        };
        const int available = int(0.93 * w) - origins[r].x;
        const double scale = scales[r] * std::min(1.0, double(available) / rowWidth(scales[r]));
        int x = origins[r].x;
        for (const char* p = kLabelRows[r]; *p; ++p) {
            const std::string glyph(1, *p);
            int baseline = 0;
            const int advance = cv::getTextSize(glyph, font, scale, thickness, &baseline).width;
            if (*p != ' ') {
                const cv::Point at = placement(cv::Point(x, origins[r].y), skip);
                if (!skip)
                    cv::putText(canvas, glyph, at, font, scale, ink, thickness, cv::LINE_AA);
            }
            x += advance + spacing;
        }
    }

    int x = int(0.09 * w);
    const int unit = std::max(1, int(std::lround(1.3 * k)));
    const int top = int(0.75 * h), bottom = int(0.9 * h);
    for (int bar : kBarWidths) {
        const cv::Point at = placement(cv::Point(x, top), skip);
        // At small sizes the 1-pixel floor makes the code too long: bars past the edge are cut.
        if (!skip && at.x + bar * unit <= int(0.93 * w))
            cv::rectangle(canvas, cv::Rect(at.x, at.y, bar * unit, bottom - top), ink, cv::FILLED);
        x += (bar + 1) * unit + unit / 2 + 1;
    }
}

ProductImage renderLabel(std::uint64_t seed, int size, const PartEdit& edit)
{
    Rng rng(seed);
    const double k = size / 128.0;
    const cv::Vec3f belt = jitterColour({82.f, 64.f, 50.f}, rng, 0.05);
    const cv::Vec3f paper = jitterColour({200.f, 228.f, 240.f}, rng, 0.02);
    const double angle = degrees(rng.uniform(-3.0, 3.0));
    const cv::Point2d centre(size / 2.0 + rng.uniform(-0.04, 0.04) * size,
                             size / 2.0 + rng.uniform(-0.04, 0.04) * size);
    const std::uint64_t beltSeed = rng.nextSeed();

    const int w = int(std::lround(0.76 * size)), h = int(std::lround(0.56 * size));
    cv::Mat canvas(h, w, CV_8UC3, cv::Scalar(paper[0], paper[1], paper[2]));
    int editPart = -1;
    bool remove = true;
    cv::Point shift;
    if (edit.active) {
        editPart = std::min(labelPartCount() - 1, int(edit.selector * labelPartCount()));
        remove = edit.variant < 0.6;
        const int d = std::max(2, int(std::lround(2.5 * k)));
        shift = edit.variant < 0.8 ? cv::Point(0, d) : cv::Point(d, -d);
    }
    drawLabelPrint(canvas, k, editPart, remove, shift);

    // Canvas -> scene: rotate about the label centre, then move it to its jittered place.
    const double cs = std::cos(angle), sn = std::sin(angle);
    cv::Mat transform = (cv::Mat_<double>(2, 3) << cs, -sn, 0, sn, cs, 0);
    transform.at<double>(0, 2) = centre.x - (cs * w / 2.0 - sn * h / 2.0);
    transform.at<double>(1, 2) = centre.y - (sn * w / 2.0 + cs * h / 2.0);
    cv::Mat labelF, labelScene, coverage;
    canvas.convertTo(labelF, CV_32FC3);
    cv::warpAffine(labelF, labelScene, transform, cv::Size(size, size), cv::INTER_LINEAR,
                   cv::BORDER_CONSTANT);
    cv::warpAffine(cv::Mat(h, w, CV_32FC1, cv::Scalar(1.0)), coverage, transform,
                   cv::Size(size, size), cv::INTER_LINEAR, cv::BORDER_CONSTANT);

    cv::Mat beltTexture = 1.0 + 0.05 * smoothNoise(size, beltSeed, 1.5 * k, 1.5 * k);
    cv::Mat scene = tinted(beltTexture, belt);
    cv::Mat shadow;
    const cv::Mat shadowShift = (cv::Mat_<double>(2, 3) << 1, 0, 2 * k, 0, 1, 2 * k);
    cv::warpAffine(coverage, shadow, shadowShift, coverage.size());
    cv::GaussianBlur(shadow, shadow, cv::Size(0, 0), 2.0 * k);
    cv::Mat shade = 1.0 - 0.35 * shadow;
    cv::multiply(scene, merge3(shade, shade, shade), scene);
    cv::Mat cover3 = merge3(coverage, coverage, coverage);
    // warpAffine already weighted the label by its coverage at the rim, so it is simply added.
    cv::Mat image = scene.mul(cv::Scalar::all(1.0) - cover3) + labelScene;
    applyIllumination(image, rng, 0.10);

    ProductImage out;
    out.image = image;
    cv::Mat inside = coverage > 0.99f;
    const int margin = std::max(1, int(std::lround(2 * k)));
    cv::erode(inside, out.productMask,
              cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * margin + 1, 2 * margin + 1)));
    return out;
}

// ---------------------------------------------------------------------------------------------
// Brass hex nut on a matte background: position and rotation vary freely from shot to shot.
ProductImage renderNut(std::uint64_t seed, int size, const PartEdit& edit)
{
    Rng rng(seed);
    const double k = size / 128.0;
    const cv::Vec3f ground = jitterColour({178.f, 178.f, 168.f}, rng, 0.04);
    const cv::Vec3f brass = jitterColour({52.f, 150.f, 204.f}, rng, 0.05);
    const double cx = size * (0.5 + rng.uniform(-0.1, 0.1));
    const double cy = size * (0.5 + rng.uniform(-0.1, 0.1));
    const double radius = 0.31 * size * rng.uniform(0.98, 1.02);
    const double rotation = rng.uniform(0.0, kPi / 3.0);
    const double light = degrees(-135.0 + rng.uniform(-15.0, 15.0));
    const std::uint64_t groundSeed = rng.nextSeed();

    const double apothem = radius * std::cos(kPi / 6.0);
    const double boreRadius = 0.40 * radius;
    double boreX = cx, boreY = cy;
    int chipCorner = -1;
    double chipDepth = 0.0;
    if (edit.active) {
        if (edit.selector < 0.7) {
            chipCorner = std::min(5, int(edit.selector / 0.7 * 6));
            chipDepth = radius * (0.16 + 0.12 * edit.variant);
        } else {
            const double a = 2.0 * kPi * edit.variant;
            boreX += 0.09 * radius * std::cos(a);
            boreY += 0.09 * radius * std::sin(a);
        }
    }
    double normalX[6], normalY[6];
    for (int f = 0; f < 6; ++f) {
        normalX[f] = std::cos(rotation + f * kPi / 3.0);
        normalY[f] = std::sin(rotation + f * kPi / 3.0);
    }
    const double chipAngle = rotation + (chipCorner + 0.5) * kPi / 3.0;
    const double chipX = std::cos(chipAngle), chipY = std::sin(chipAngle);

    cv::Mat groundTexture = 1.0 + 0.015 * smoothNoise(size, groundSeed, 1.0 * k, 1.0 * k);
    cv::Mat image = tinted(groundTexture, ground);
    cv::Mat productMask(size, size, CV_8UC1, cv::Scalar(0));
    const double shadowX = cx + 3.0 * k, shadowY = cy + 3.0 * k;
    const double highlightX = cx + 0.45 * radius * std::cos(light);
    const double highlightY = cy + 0.45 * radius * std::sin(light);
    for (int y = 0; y < size; ++y) {
        cv::Vec3f* row = image.ptr<cv::Vec3f>(y);
        for (int x = 0; x < size; ++x) {
            const double dx = x - cx, dy = y - cy;
            // Soft contact shadow, then the nut itself with anti-aliased edges.
            const double sr = std::hypot(x - shadowX, y - shadowY) / (apothem + 3.0 * k);
            const cv::Vec3f background = row[x] * float(1.0 - 0.3 * std::exp(-std::pow(sr, 6.0)));
            double maxDot = -1e9;
            int face = 0;
            for (int f = 0; f < 6; ++f) {
                const double d = dx * normalX[f] + dy * normalY[f];
                if (d > maxDot) {
                    maxDot = d;
                    face = f;
                }
            }
            double coverage = std::clamp(apothem - maxDot + 0.5, 0.0, 1.0);
            if (chipCorner >= 0)
                coverage *=
                    std::clamp(radius - chipDepth - (dx * chipX + dy * chipY) + 0.5, 0.0, 1.0);
            const double br = std::hypot(x - boreX, y - boreY);
            const double boreCoverage = std::clamp(br - boreRadius + 0.5, 0.0, 1.0);
            const cv::Vec3f seenThrough = background * 0.45f;
            if (coverage <= 0.0) {
                row[x] = background;
                continue;
            }
            double shade;
            if (br < 1.3 * boreRadius) // thread flanks inside the chamfered bore
                shade = 0.5 + 0.12 * std::sin(br * 2.0 * kPi / (2.2 * k));
            else if (maxDot > 0.84 * apothem) // outer chamfer catches the light per face
                shade = 0.72 + 0.3 * std::cos(rotation + face * kPi / 3.0 - light);
            else
                shade = 0.86 + 0.06 * (dx * std::cos(light) + dy * std::sin(light)) / radius;
            const double hx = x - highlightX, hy = y - highlightY;
            const double specular =
                55.0 * std::exp(-(hx * hx + hy * hy) / (0.04 * radius * radius));
            const cv::Vec3f metal = brass * float(shade) + cv::Vec3f::all(float(specular));
            const cv::Vec3f solid = seenThrough + (metal - seenThrough) * float(boreCoverage);
            row[x] = background * float(1.0 - coverage) + solid * float(coverage);
            if (coverage >= 1.0 && boreCoverage >= 1.0)
                productMask.at<std::uint8_t>(y, x) = 255;
        }
    }
    applyIllumination(image, rng, 0.08);
    const int margin = std::max(1, int(std::lround(2 * k)));
    cv::erode(
        productMask, productMask,
        cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * margin + 1, 2 * margin + 1)));
    return {image, productMask};
}

// ---------------------------------------------------------------------------------------------
// Printed circuit board: high-contrast fixed layout of pads, vias, traces and silkscreen.
struct PcbLayout {
    static constexpr int kCells = 12;
    int pad[kCells][kCells] = {}; // 0 none, 1 SMD pad, 2 via
    bool traceRight[kCells][kCells] = {};
    bool traceDown[kCells][kCells] = {};
};

const PcbLayout& pcbLayout()
{
    // The board design is fixed (same product every shot), hence a constant seed.
    static const PcbLayout layout = [] {
        PcbLayout l;
        Rng rng(0xC0FFEEull);
        for (int i = 0; i < PcbLayout::kCells; ++i)
            for (int j = 0; j < PcbLayout::kCells; ++j) {
                const double u = rng.uniform();
                l.pad[i][j] = u < 0.4 ? 1 : (u < 0.7 ? 2 : 0);
            }
        for (int i = 0; i < PcbLayout::kCells; ++i)
            for (int j = 0; j < PcbLayout::kCells; ++j) {
                l.traceRight[i][j] =
                    i + 1 < PcbLayout::kCells && l.pad[i][j] && l.pad[i + 1][j] && rng.chance(0.55);
                l.traceDown[i][j] =
                    j + 1 < PcbLayout::kCells && l.pad[i][j] && l.pad[i][j + 1] && rng.chance(0.45);
            }
        return l;
    }();
    return layout;
}

ProductImage renderPcb(std::uint64_t seed, int size, const PartEdit& edit)
{
    Rng rng(seed);
    const double k = size / 128.0;
    const double pitch = 16.0 * k;
    const cv::Vec3f board = jitterColour({36.f, 104.f, 30.f}, rng, 0.06);
    const double angle = degrees(rng.uniform(-1.2, 1.2));
    const double tx = rng.uniform(-3.0, 3.0) * k - 1.5 * pitch;
    const double ty = rng.uniform(-3.0, 3.0) * k - 1.5 * pitch;
    const std::uint64_t weaveSeed = rng.nextSeed();
    const double cs = std::cos(angle), sn = std::sin(angle), c = size / 2.0;
    constexpr int kShift = 4; // sub-pixel drawing, so the translation jitter is continuous
    auto toImage = [&](double gx, double gy) {
        const double bx = gx * pitch + tx - c, by = gy * pitch + ty - c;
        return cv::Point2d(c + cs * bx - sn * by, c + sn * bx + cs * by);
    };
    auto fixed = [](cv::Point2d p) {
        return cv::Point(int(std::lround(p.x * (1 << kShift))),
                         int(std::lround(p.y * (1 << kShift))));
    };

    const PcbLayout& layout = pcbLayout();
    // Parts that may go missing: pads whose centre is well inside the frame.
    std::vector<cv::Point> candidates;
    for (int i = 0; i < PcbLayout::kCells; ++i)
        for (int j = 0; j < PcbLayout::kCells; ++j) {
            const cv::Point2d p = toImage(i, j);
            if (layout.pad[i][j] && p.x > 0.15 * size && p.x < 0.85 * size && p.y > 0.15 * size &&
                p.y < 0.85 * size)
                candidates.emplace_back(i, j);
        }
    cv::Point editCell(-1, -1);
    if (edit.active && !candidates.empty())
        editCell = candidates[std::min(candidates.size() - 1,
                                       std::size_t(edit.selector * candidates.size()))];
    const bool remove = edit.variant < 0.6;
    const double moveBy = (edit.variant < 0.8 ? 0.28 : -0.28);

    cv::Mat canvas(size, size, CV_8UC3, cv::Scalar(board[0], board[1], board[2]));
    const cv::Scalar trace(board[0] * 1.5, board[1] * 1.45, board[2] * 1.7);
    const cv::Scalar gold(70, 178, 214), hole(22, 26, 22), silk(226, 232, 232);
    const int traceWidth = std::max(1, int(std::lround(2.5 * k)));
    for (int i = 0; i < PcbLayout::kCells; ++i)
        for (int j = 0; j < PcbLayout::kCells; ++j) {
            if (layout.traceRight[i][j])
                cv::line(canvas, fixed(toImage(i, j)), fixed(toImage(i + 1, j)), trace, traceWidth,
                         cv::LINE_AA, kShift);
            if (layout.traceDown[i][j])
                cv::line(canvas, fixed(toImage(i, j)), fixed(toImage(i, j + 1)), trace, traceWidth,
                         cv::LINE_AA, kShift);
        }
    // Silkscreen outlines around two fixed component footprints.
    const double outlines[2][4] = {{2.55, 3.55, 4.45, 4.45}, {5.55, 1.55, 6.45, 3.45}};
    for (const auto& o : outlines) {
        const cv::Point corners[4] = {fixed(toImage(o[0], o[1])), fixed(toImage(o[2], o[1])),
                                      fixed(toImage(o[2], o[3])), fixed(toImage(o[0], o[3]))};
        const cv::Point* poly = corners;
        const int n = 4;
        cv::polylines(canvas, &poly, &n, 1, true, silk, std::max(1, int(k)), cv::LINE_AA, kShift);
    }
    const double half = 0.22;
    for (int i = 0; i < PcbLayout::kCells; ++i)
        for (int j = 0; j < PcbLayout::kCells; ++j) {
            if (!layout.pad[i][j])
                continue;
            double gi = i, gj = j;
            if (editCell == cv::Point(i, j)) {
                if (remove)
                    continue;
                gi += moveBy;
                gj += moveBy * 0.5;
            }
            if (layout.pad[i][j] == 1) {
                const cv::Point corners[4] = {
                    fixed(toImage(gi - half, gj - half)), fixed(toImage(gi + half, gj - half)),
                    fixed(toImage(gi + half, gj + half)), fixed(toImage(gi - half, gj + half))};
                cv::fillConvexPoly(canvas, corners, 4, gold, cv::LINE_AA, kShift);
            } else {
                const cv::Point centre = fixed(toImage(gi, gj));
                cv::circle(canvas, centre, int(0.2 * pitch * (1 << kShift)), gold, cv::FILLED,
                           cv::LINE_AA, kShift);
                cv::circle(canvas, centre, int(0.09 * pitch * (1 << kShift)), hole, cv::FILLED,
                           cv::LINE_AA, kShift);
            }
        }

    cv::Mat image;
    canvas.convertTo(image, CV_32FC3);
    cv::Mat weave = 1.0 + 0.04 * smoothNoise(size, weaveSeed, 0.8 * k, 0.8 * k);
    cv::multiply(image, merge3(weave, weave, weave), image);
    applyIllumination(image, rng, 0.10);
    return {image, fullMask(size)};
}

} // namespace

const std::vector<ProductType>& productTypes()
{
    static const std::vector<ProductType> types = {
        {"metal_plate", {"scratch", "hole", "stain", "contamination"}, true, 1.0, renderMetalPlate},
        {"carpet", {"hole", "stain", "contamination"}, false, 2.5, renderCarpet},
        {"mesh", {"missing", "hole", "stain", "contamination"}, false, 2.0, renderMesh},
        {"label", {"missing", "scratch", "stain"}, false, 1.5, renderLabel},
        {"nut", {"missing", "scratch", "contamination"}, false, 1.5, renderNut},
        {"pcb", {"missing", "scratch", "contamination"}, false, 2.0, renderPcb},
    };
    return types;
}

const ProductType* findProductType(const std::string& name)
{
    for (const ProductType& type : productTypes())
        if (type.name == name)
            return &type;
    return nullptr;
}

} // namespace cada::demo::detail
