#pragma once
// Deterministic synthetic "mixed production line" in MVTec AD layout. It exists so that every
// part of the tool (loader, detectors, CADA alignment, metrics, GUI) can be exercised without
// downloading a data set: the product types are chosen so that their anomaly-score scales differ
// strongly (a smooth plate next to a busy carpet), which is exactly the problem CADA addresses.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "cada/Progress.h"

namespace cada::demo {

struct DemoOptions {
    std::uint32_t seed = 7;
    int size = 128;    // square image side in pixels, 64..1024
    int perClass = 48; // training normals per class, 1..5000; the test set gets
                       // max(2, perClass/4) good and max(4, perClass/2) defective per class
};

struct DemoSummary {
    std::vector<std::string> classes;
    int trainImages = 0;
    int testGood = 0;
    int testDefective = 0;
    std::vector<std::string> defectKinds; // union over classes, in a fixed order
};

// One rendered image. For "good" samples image == cleanImage and mask is all zero. For defective
// samples cleanImage is the same product shot without the defect (same illumination, same sensor
// noise), and mask (CV_8U, 0/255) contains every pixel where image differs from cleanImage.
struct DemoSample {
    cv::Mat image;      // CV_8UC3, BGR
    cv::Mat cleanImage; // CV_8UC3, BGR
    cv::Mat mask;       // CV_8UC1, 0 or 255
};

// Writes <out>/<class>/{train/good, test/good, test/<defect>, ground_truth/<defect>} and
// <out>/README.txt. Same options give byte-identical files. Existing files with other names are
// left alone, so write into an empty folder to get a clean data set.
// Throws cada::Error on invalid options or unwritable output, cada::Cancelled when cancelled.
DemoSummary generateDemoData(const std::filesystem::path& outDir, const DemoOptions& options,
                             Progress* progress = nullptr);

// The product types, in generation order.
std::vector<std::string> demoClassNames();

// The defect kinds one product type can show (the test/<defect> folder names).
std::vector<std::string> demoDefectKinds(const std::string& productClass);

// Renders one image of `productClass` with `defect` ("good" for none). Deterministic in
// (productClass, defect, seed, size). Throws cada::Error for unknown names or an invalid size.
DemoSample renderSample(const std::string& productClass, const std::string& defect,
                        std::uint32_t seed, int size);

} // namespace cada::demo
