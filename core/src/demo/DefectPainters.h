#pragma once
// Painters for the local defects (everything except "missing", which the product renderers
// produce by dropping a part).
#include <string>

#include <opencv2/core.hpp>

#include "DemoRandom.h"

namespace cada::demo::detail {

struct PaintedDefect {
    cv::Mat image;   // CV_32FC3: the clean image with the defect composited in
    cv::Mat support; // CV_8UC1: 255 where the painter may have changed pixels, 0 elsewhere;
                     // outside it `image` equals the clean image exactly
};

// `kind` is one of "scratch", "hole", "stain", "contamination". Defects are placed inside
// `productMask` and clipped to it. Throws cada::Error for an unknown kind.
PaintedDefect paintDefect(const std::string& kind, const cv::Mat& clean, const cv::Mat& productMask,
                          Rng& rng);

} // namespace cada::demo::detail
