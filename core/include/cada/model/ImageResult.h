#pragma once
// One result type for every detector and alignment mode.
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace cada {

enum class Alignment { None, Cada, Oracle };
std::string alignmentName(Alignment alignment);
Alignment parseAlignment(const std::string& text); // "none" | "cada" | "oracle"; throws cada::Error

struct ImageResult {
    std::filesystem::path path;
    std::string error;   // non-empty when the image could not be scored; nothing else is set
    std::string warning; // scored, but the file had a problem (corrupt JPEG data)
    cv::Size originalSize;

    double rawScore = 0.0;    // detector's image score (max of the smoothed raw map)
    double score = 0.0;       // aligned image score (the one compared with the threshold)
    double uHat = 0.0;        // predicted mean of normal maps of this image's type
    double gammaHat = 1.0;    // predicted max of normal maps of this image's type
    int group = -1;           // implicit class id, -1 when unknown
    bool unknownType = false; // far from every implicit class: alignment not trustworthy
    bool defective = false;   // score >= threshold

    cv::Mat rawMap;               // CV_32F, model input resolution (imageSize x imageSize)
    cv::Mat alignedMap;           // CV_32F, same size: (rawMap - uHat) / (gammaHat - uHat)
    std::vector<float> embedding; // global embedding (pooled backbone features)

    bool ok() const { return error.empty(); }
};

} // namespace cada
