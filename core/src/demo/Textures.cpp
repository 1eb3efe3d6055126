#include "Textures.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace cada::demo::detail {

cv::Mat gaussianNoise(int size, std::uint64_t seed, double sigma)
{
    cv::Mat noise(size, size, CV_32FC1);
    cv::RNG rng(seed);
    rng.fill(noise, cv::RNG::NORMAL, 0.0, sigma);
    return noise;
}

cv::Mat smoothNoise(int size, std::uint64_t seed, double sigmaX, double sigmaY)
{
    // Blur a larger field and crop it: a reflected border would correlate the samples near the
    // edges and give every image a band of higher contrast that real textures do not have.
    const int margin = int(std::ceil(4.0 * std::max(sigmaX, sigmaY)));
    cv::Mat field = gaussianNoise(size + 2 * margin, seed, 1.0);
    cv::GaussianBlur(field, field, cv::Size(0, 0), sigmaX, sigmaY, cv::BORDER_REFLECT);
    cv::Mat noise = field(cv::Rect(margin, margin, size, size)).clone();
    cv::Scalar mean, stddev;
    cv::meanStdDev(noise, mean, stddev);
    noise = (noise - mean[0]) / std::max(1e-6, stddev[0]);
    return noise;
}

cv::Mat merge3(const cv::Mat& b, const cv::Mat& g, const cv::Mat& r)
{
    cv::Mat out;
    cv::merge(std::vector<cv::Mat>{b, g, r}, out);
    return out;
}

cv::Mat tinted(const cv::Mat& luminance, const cv::Vec3f& colour)
{
    return merge3(luminance * colour[0], luminance * colour[1], luminance * colour[2]);
}

void applyIllumination(cv::Mat& image, Rng& rng, double amplitude)
{
    const int size = image.rows;
    const double gain = 1.0 + rng.uniform(-amplitude, amplitude) * 0.5;
    const double gx = rng.uniform(-amplitude, amplitude);
    const double gy = rng.uniform(-amplitude, amplitude);
    cv::Mat field(size, size, CV_32FC1);
    for (int y = 0; y < size; ++y) {
        float* row = field.ptr<float>(y);
        const double fy = double(y) / size - 0.5;
        for (int x = 0; x < size; ++x)
            row[x] = float(gain * (1.0 + gx * (double(x) / size - 0.5) + gy * fy));
    }
    cv::multiply(image, merge3(field, field, field), image);
}

cv::Vec3f jitterColour(cv::Vec3f colour, Rng& rng, double amount)
{
    for (int c = 0; c < 3; ++c)
        colour[c] *= float(1.0 + rng.uniform(-amount, amount));
    return colour;
}

} // namespace cada::demo::detail
