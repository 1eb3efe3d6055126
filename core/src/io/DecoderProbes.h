#pragma once
// Questions put to the decoding libraries themselves before or after OpenCV decodes a file, where
// a header parsed by hand could disagree with what the library will do.
#include <cstddef>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

namespace cada::io {

// Corrupt JPEG data (a bad Huffman code, a damaged scan) still decodes: libjpeg only warns, on
// stderr, without naming the file. This runs libjpeg's entropy decoder over the data and returns
// its first warning and how many there were; empty when the data is clean. A fatal error is
// returned as a warning too: the decoder judges it.
std::string jpegDataWarning(const unsigned char* data, std::size_t size);

// The size libtiff (OpenCV's TIFF decoder) reads from the first directory, which is what the
// decoder allocates for; nothing when libtiff cannot open the data.
std::optional<cv::Size> tiffDecodedSize(const unsigned char* data, std::size_t size);

} // namespace cada::io
