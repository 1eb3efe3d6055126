#pragma once
// The product types of the demo line and their noise-free renderers.
#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace cada::demo::detail {

// Asks a renderer to drop or displace one of its discrete parts (a glyph, a pad, a mesh
// crossing, a nut corner). The renderer draws the same random variation either way, so the clean
// and the edited render differ only around that part; that difference is the "missing" defect.
struct PartEdit {
    bool active = false;
    double selector = 0.0; // [0, 1): which part
    double variant = 0.0;  // [0, 1): remove it or how to displace it
};

struct ProductImage {
    cv::Mat image;       // CV_32FC3, BGR, 0..255, before sensor noise
    cv::Mat productMask; // CV_8UC1, 255 where a defect may be placed
};

using RenderFunction = ProductImage (*)(std::uint64_t seed, int size, const PartEdit& edit);

struct ProductType {
    std::string name;
    std::vector<std::string> defects;
    bool grayscale = false; // luminance-only sensor noise keeps a grey product exactly grey
    double noiseSigma = 2.0;
    RenderFunction render = nullptr;
};

const std::vector<ProductType>& productTypes();
const ProductType* findProductType(const std::string& name);

} // namespace cada::demo::detail
