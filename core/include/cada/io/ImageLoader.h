#pragma once
// The one loader for every image the program reads: PNG, JPEG (EXIF orientation honoured), BMP,
// TIFF (8- and 16-bit), grayscale, RGB and RGBA. It returns a canonical 8-bit, 3-channel BGR
// image plus what the file originally was.
//
// Every failure throws cada::Error naming the file and the problem: missing, a folder,
// unreadable (permissions), zero bytes, not an image, truncated, unsupported depth, too large.
// Thread-safe: no shared state.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace cada::io {

struct LoadOptions {
    // Images with more pixels than this are refused before decoding, so a huge file cannot
    // exhaust memory. For TIFF the size is also read by libtiff, the decoder itself, so a file
    // that states its size twice cannot slip past. 0 disables the check.
    std::int64_t maxPixels = 100'000'000;
};

struct LoadedImage {
    cv::Mat bgr;              // CV_8UC3, orientation applied, alpha dropped
    cv::Size originalSize;    // as decoded (after EXIF orientation)
    int originalBitDepth = 8; // 8 or 16
    int originalChannels = 3; // 1 (grey), 3 (colour) or 4 (with alpha)
    std::string format;       // "png", "jpeg", "bmp", "tiff"
    std::string warning;      // non-empty when the file decoded with errors (corrupt JPEG data)
};

LoadedImage loadImage(const std::filesystem::path& path, const LoadOptions& options = {});

// The same checks and decoding on a file's bytes already in memory; `path` names it in messages.
LoadedImage decodeImage(const std::vector<unsigned char>& bytes, const std::filesystem::path& path,
                        const LoadOptions& options = {});

// Loads a ground-truth mask as CV_8U with 255 where the defect is (any nonzero pixel counts).
// When `expectedSize` is non-empty, a mask of another size is resized with nearest neighbour.
cv::Mat loadMask(const std::filesystem::path& path, cv::Size expectedSize = {});

// True for the extensions the loader reads (case-insensitive): png jpg jpeg bmp tif tiff.
bool hasImageExtension(const std::filesystem::path& path);

} // namespace cada::io
