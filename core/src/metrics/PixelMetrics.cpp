#include "cada/metrics/PixelMetrics.h"

#include "cada/Error.h"

#include <opencv2/core/check.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

namespace cada::metrics {

namespace {

// Maps a float to an unsigned key with the same order, so that 13M pixels sort with a radix
// sort on integers instead of a comparison sort (several times faster, no allocations per
// element). -0.0 is folded onto +0.0 first: they compare equal and must tie.
inline std::uint32_t sortableKey(float value)
{
    if (value == 0.0f)
        value = 0.0f;
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
}

// Stable LSD radix sort on a 32-bit key, one byte per pass; a pass whose byte is the same for
// every element is skipped (common: anomaly maps share sign and exponent ranges).
template <typename T, typename KeyOf> void radixSort(std::vector<T>& data, KeyOf keyOf)
{
    const std::size_t n = data.size();
    if (n < 2)
        return;
    std::array<std::array<std::size_t, 256>, 4> histogram{};
    for (const T& element : data) {
        const std::uint32_t key = keyOf(element);
        for (int pass = 0; pass < 4; ++pass)
            ++histogram[pass][(key >> (8 * pass)) & 0xFFu];
    }
    // Uninitialised scratch: zero-filling a vector this size cost a tenth of the whole metric.
    const std::unique_ptr<T[]> buffer(new T[n]);
    T* source = data.data();
    T* target = buffer.get();
    for (int pass = 0; pass < 4; ++pass) {
        auto& counts = histogram[pass];
        if (std::find(counts.begin(), counts.end(), n) != counts.end())
            continue;
        std::size_t offset = 0;
        for (std::size_t& count : counts) {
            const std::size_t c = count;
            count = offset;
            offset += c;
        }
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t bucket = (keyOf(source[i]) >> (8 * pass)) & 0xFFu;
            target[counts[bucket]++] = source[i];
        }
        std::swap(source, target);
    }
    if (source != data.data())
        std::copy(source, source + n, data.data());
}

// All pixels of the test set, split by ground truth and sorted by value. Normal pixels only
// need their key; defect pixels carry their region (global index over all images) in the low
// 32 bits, so that one sort orders them by key and keeps the region with each pixel.
struct PixelSet {
    std::vector<std::uint32_t> normal;
    std::vector<std::uint64_t> defect;
    std::vector<std::int64_t> regionSizes;
};

inline std::uint32_t keyOfDefect(std::uint64_t packed)
{
    return static_cast<std::uint32_t>(packed >> 32);
}

std::string sizeText(const cv::Mat& m)
{
    return std::to_string(m.cols) + "x" + std::to_string(m.rows);
}

void validate(const std::vector<cv::Mat>& maps, const std::vector<cv::Mat>& masks,
              const std::string& function)
{
    if (maps.size() != masks.size())
        throw Error(function + ": got " + std::to_string(maps.size()) + " anomaly maps but " +
                    std::to_string(masks.size()) +
                    " ground-truth masks; give one mask per map (an all-zero mask for a "
                    "defect-free image).");
    for (std::size_t i = 0; i < maps.size(); ++i) {
        if (maps[i].type() != CV_32FC1)
            throw Error(function + ": anomaly map " + std::to_string(i) + " has type " +
                        cv::typeToString(maps[i].type()) +
                        "; expected single-channel 32-bit float (CV_32FC1).");
        if (masks[i].type() != CV_8UC1)
            throw Error(function + ": ground-truth mask " + std::to_string(i) + " has type " +
                        cv::typeToString(masks[i].type()) +
                        "; expected single-channel 8-bit (CV_8UC1, nonzero = defect).");
        if (maps[i].size() != masks[i].size())
            throw Error(function + ": anomaly map " + std::to_string(i) + " is " +
                        sizeText(maps[i]) + " pixels but its ground-truth mask is " +
                        sizeText(masks[i]) +
                        "; resize the map to the mask's size before evaluating.");
    }
}

PixelSet collectPixels(const std::vector<cv::Mat>& maps, const std::vector<cv::Mat>& masks,
                       bool withRegions, const std::string& function)
{
    validate(maps, masks, function);

    std::size_t totalPixels = 0, defectPixels = 0;
    std::vector<int> defectsPerImage(maps.size());
    for (std::size_t i = 0; i < maps.size(); ++i) {
        defectsPerImage[i] = masks[i].empty() ? 0 : cv::countNonZero(masks[i]);
        totalPixels += maps[i].total();
        defectPixels += std::size_t(defectsPerImage[i]);
    }

    PixelSet set;
    set.normal.reserve(totalPixels - defectPixels);
    set.defect.reserve(defectPixels);

    cv::Mat regionLabels;
    for (std::size_t i = 0; i < maps.size(); ++i) {
        const cv::Mat& map = maps[i];
        const cv::Mat& mask = masks[i];
        const bool labelRegions = withRegions && defectsPerImage[i] > 0;
        std::int64_t regionOffset = std::int64_t(set.regionSizes.size());
        if (labelRegions) {
            // 8-connectivity, as MVTec's scipy.ndimage.label with a 3x3 structure.
            const int labelCount = cv::connectedComponents(mask, regionLabels, 8, CV_32S);
            set.regionSizes.resize(set.regionSizes.size() + std::size_t(labelCount - 1), 0);
        }
        for (int y = 0; y < map.rows; ++y) {
            const float* values = map.ptr<float>(y);
            const std::uint8_t* truth = mask.ptr<std::uint8_t>(y);
            const int* region = labelRegions ? regionLabels.ptr<int>(y) : nullptr;
            for (int x = 0; x < map.cols; ++x) {
                const float v = values[x];
                if (v != v)
                    throw Error(function + ": anomaly map " + std::to_string(i) +
                                " contains NaN at pixel (" + std::to_string(x) + ", " +
                                std::to_string(y) +
                                "); the detector produced an invalid map for that image.");
                const std::uint32_t key = sortableKey(v);
                if (truth[x] == 0) {
                    set.normal.push_back(key);
                } else {
                    std::uint64_t id = 0;
                    if (region) {
                        id = std::uint64_t(regionOffset + region[x] - 1);
                        ++set.regionSizes[id];
                    }
                    set.defect.push_back((std::uint64_t(key) << 32) | id);
                }
            }
        }
    }
    radixSort(set.normal, [](std::uint32_t k) { return k; });
    radixSort(set.defect, keyOfDefect);
    return set;
}

void requireNormalPixels(const PixelSet& set, const std::string& function)
{
    if (set.normal.empty())
        throw Error(function + ": every pixel is marked as defect in the ground truth, so the "
                               "false-positive rate is undefined; check the masks (nonzero = "
                               "defect), or add defect-free images.");
}

// Walks the distinct values from the highest down. After each value, visit(dFp, dTp, weight)
// receives how many normal and defect pixels had exactly that value and, when regionWeights is
// given, the sum of their region weights.
template <typename Visit>
void sweepDescending(const PixelSet& set, const std::vector<double>* regionWeights, Visit visit)
{
    std::size_t i = set.normal.size(), j = set.defect.size();
    while (i > 0 || j > 0) {
        std::uint32_t key;
        if (i == 0)
            key = keyOfDefect(set.defect[j - 1]);
        else if (j == 0)
            key = set.normal[i - 1];
        else
            key = std::max(set.normal[i - 1], keyOfDefect(set.defect[j - 1]));
        std::uint64_t normals = 0, defects = 0;
        double weight = 0;
        while (i > 0 && set.normal[i - 1] == key) {
            --i;
            ++normals;
        }
        while (j > 0 && keyOfDefect(set.defect[j - 1]) == key) {
            --j;
            ++defects;
            if (regionWeights)
                weight += (*regionWeights)[set.defect[j] & 0xFFFFFFFFu];
        }
        if (!visit(normals, defects, weight))
            return;
    }
}

} // namespace

double pixelAuroc(const std::vector<cv::Mat>& maps, const std::vector<cv::Mat>& masks)
{
    const std::string function = "Pixel AUROC";
    const PixelSet set = collectPixels(maps, masks, false, function);
    requireNormalPixels(set, function);
    if (set.defect.empty())
        throw Error(function + ": no ground-truth mask has a defect pixel; pixel AUROC needs "
                               "defective images with masks.");

    // Twice the trapezoid area times P * N, in integers (exact; bounded by 2 * P * N).
    std::uint64_t tp = 0, fp = 0, twiceArea = 0;
    sweepDescending(set, nullptr, [&](std::uint64_t dFp, std::uint64_t dTp, double) {
        twiceArea += dFp * (2 * tp + dTp);
        tp += dTp;
        fp += dFp;
        return true;
    });
    return double(twiceArea) / (2.0 * double(tp) * double(fp));
}

double aupro(const std::vector<cv::Mat>& maps, const std::vector<cv::Mat>& masks, double fprLimit)
{
    const std::string function = "AUPRO";
    if (!(fprLimit > 0.0 && fprLimit <= 1.0))
        throw Error(function + ": the false-positive-rate limit is " + std::to_string(fprLimit) +
                    "; it must be above 0 and at most 1 (the protocol uses 0.3).");
    const PixelSet set = collectPixels(maps, masks, true, function);
    requireNormalPixels(set, function);
    if (set.regionSizes.empty())
        throw Error(function + ": no ground-truth mask has a defect region; AUPRO needs "
                               "defective images with masks.");

    // Each region contributes 1 / regionCount when fully covered, spread over its pixels.
    const double regionCount = double(set.regionSizes.size());
    std::vector<double> weights(set.regionSizes.size());
    for (std::size_t r = 0; r < weights.size(); ++r)
        weights[r] = 1.0 / (double(set.regionSizes[r]) * regionCount);

    const double normalCount = double(set.normal.size());
    std::uint64_t fp = 0;
    double pro = 0, area = 0, lastFpr = 0, lastPro = 0;
    bool reachedLimit = false;
    // Adds the segment from the previous point to (fpr, pro), cut at fprLimit with the PRO
    // interpolated there, as MVTec's trapezoid_area. Points exactly at the limit are kept
    // (vertical segments add no area), so the cut only ever happens inside a segment.
    auto addPoint = [&](double fpr, double p) {
        if (fpr <= fprLimit) {
            area += (fpr - lastFpr) * (lastPro + p) * 0.5;
            lastFpr = fpr;
            lastPro = p;
            return true;
        }
        const double proAtLimit = lastPro + (p - lastPro) * (fprLimit - lastFpr) / (fpr - lastFpr);
        area += (fprLimit - lastFpr) * (lastPro + proAtLimit) * 0.5;
        reachedLimit = true;
        return false;
    };
    sweepDescending(set, &weights, [&](std::uint64_t dFp, std::uint64_t, double dPro) {
        fp += dFp;
        pro += dPro;
        // Rounding in the running sum may overshoot 1 by a few ulps; MVTec clips too.
        return addPoint(double(fp) / normalCount, std::min(pro, 1.0));
    });
    if (!reachedLimit)
        addPoint(1.0, 1.0); // MVTec's closing (1, 1); a vertical segment unless fprLimit is 1.
    return area / fprLimit;
}

} // namespace cada::metrics
