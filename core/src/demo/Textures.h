#pragma once
// Texture and lighting primitives the product renderers build their images from.
#include <cstdint>

#include <opencv2/core.hpp>

#include "DemoRandom.h"

namespace cada::demo::detail {

cv::Mat gaussianNoise(int size, std::uint64_t seed, double sigma); // size x size CV_32F
// Band-limited noise normalised to unit standard deviation.
cv::Mat smoothNoise(int size, std::uint64_t seed, double sigmaX, double sigmaY);
cv::Mat merge3(const cv::Mat& b, const cv::Mat& g, const cv::Mat& r);
cv::Mat tinted(const cv::Mat& luminance, const cv::Vec3f& colour);
// A random gain and planar gradient: every shot is lit a little differently.
void applyIllumination(cv::Mat& image, Rng& rng, double amplitude);
cv::Vec3f jitterColour(cv::Vec3f colour, Rng& rng, double amount);

} // namespace cada::demo::detail
