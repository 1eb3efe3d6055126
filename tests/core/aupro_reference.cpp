#include "aupro_reference.h"

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace cada::test {

namespace {

struct Region {
    std::size_t image;
    std::vector<std::pair<int, int>> pixels; // (row, column)
};

// Depth-first flood fill over the 8 neighbours of every defect pixel.
std::vector<Region> findRegions(const std::vector<cv::Mat>& masks)
{
    std::vector<Region> regions;
    for (std::size_t i = 0; i < masks.size(); ++i) {
        const cv::Mat& mask = masks[i];
        std::vector<std::vector<bool>> seen(std::size_t(mask.rows),
                                            std::vector<bool>(std::size_t(mask.cols), false));
        for (int r = 0; r < mask.rows; ++r) {
            for (int c = 0; c < mask.cols; ++c) {
                if (mask.at<unsigned char>(r, c) == 0 || seen[r][c])
                    continue;
                Region region{i, {}};
                std::vector<std::pair<int, int>> stack{{r, c}};
                seen[r][c] = true;
                while (!stack.empty()) {
                    const auto [pr, pc] = stack.back();
                    stack.pop_back();
                    region.pixels.push_back({pr, pc});
                    for (int dr = -1; dr <= 1; ++dr) {
                        for (int dc = -1; dc <= 1; ++dc) {
                            const int nr = pr + dr, nc = pc + dc;
                            if (nr < 0 || nc < 0 || nr >= mask.rows || nc >= mask.cols)
                                continue;
                            if (mask.at<unsigned char>(nr, nc) == 0 || seen[nr][nc])
                                continue;
                            seen[nr][nc] = true;
                            stack.push_back({nr, nc});
                        }
                    }
                }
                regions.push_back(std::move(region));
            }
        }
    }
    return regions;
}

} // namespace

double referenceAupro(const std::vector<cv::Mat>& maps, const std::vector<cv::Mat>& masks,
                      double fprLimit)
{
    const std::vector<Region> regions = findRegions(masks);

    std::vector<double> values;
    std::vector<double> normalValues;
    for (std::size_t i = 0; i < maps.size(); ++i) {
        for (int r = 0; r < maps[i].rows; ++r) {
            for (int c = 0; c < maps[i].cols; ++c) {
                const double v = maps[i].at<float>(r, c);
                values.push_back(v);
                if (masks[i].at<unsigned char>(r, c) == 0)
                    normalValues.push_back(v);
            }
        }
    }
    std::sort(values.begin(), values.end(), std::greater<double>());
    values.erase(std::unique(values.begin(), values.end()), values.end());

    // The curve: (0, 0), then one point per distinct threshold from high to low, then (1, 1).
    std::vector<double> fprs{0.0}, pros{0.0};
    for (const double t : values) {
        std::size_t falsePositives = 0;
        for (const double v : normalValues)
            if (v >= t)
                ++falsePositives;
        double overlapSum = 0;
        for (const Region& region : regions) {
            std::size_t hit = 0;
            for (const auto& [r, c] : region.pixels)
                if (double(maps[region.image].at<float>(r, c)) >= t)
                    ++hit;
            overlapSum += double(hit) / double(region.pixels.size());
        }
        fprs.push_back(double(falsePositives) / double(normalValues.size()));
        pros.push_back(overlapSum / double(regions.size()));
    }
    fprs.push_back(1.0);
    pros.push_back(1.0);

    // Integrate PRO d(FPR) over [0, fprLimit]: each segment is clipped to the limit and the PRO
    // at its clipped end is read off the straight line through the segment.
    double area = 0;
    for (std::size_t k = 1; k < fprs.size(); ++k) {
        const double x0 = fprs[k - 1], x1 = fprs[k];
        if (x0 >= fprLimit || x1 <= x0)
            continue;
        const double end = std::min(x1, fprLimit);
        const double yEnd = pros[k - 1] + (pros[k] - pros[k - 1]) * (end - x0) / (x1 - x0);
        area += (end - x0) * 0.5 * (pros[k - 1] + yEnd);
    }
    return area / fprLimit;
}

} // namespace cada::test
