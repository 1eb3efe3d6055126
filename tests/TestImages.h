#pragma once
// Hostile image files shared by the core and CLI tests.
#include <algorithm>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

namespace testimages {

// A JPEG of `image` whose entropy-coded scan has its middle third overwritten with stuffed 0xFF
// bytes (all-ones Huffman codes, which JPEG reserves): libjpeg decodes it with a warning.
inline std::vector<unsigned char> corruptJpeg(const cv::Mat& image)
{
    std::vector<unsigned char> bytes;
    cv::imencode(".jpg", image, bytes);
    size_t scan = 0;
    for (size_t i = 2; i + 3 < bytes.size(); ++i)
        if (bytes[i] == 0xFF && bytes[i + 1] == 0xDA) {
            scan = i + 2 + ((size_t(bytes[i + 2]) << 8) | bytes[i + 3]);
            break;
        }
    const size_t end = bytes.size() - 2; // the EOI marker
    const size_t from = scan + (end - scan) / 3, to = scan + 2 * (end - scan) / 3;
    for (size_t i = from; i + 1 < to; i += 2) {
        bytes[i] = 0xFF;
        bytes[i + 1] = 0x00;
    }
    return bytes;
}

} // namespace testimages
