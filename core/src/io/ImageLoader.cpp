#include "cada/io/ImageLoader.h"

#include <algorithm>
#include <cstring>
#include <cctype>
#include <fstream>
#include <optional>
#include <system_error>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/core/utils/logger.hpp>

#include "cada/Error.h"
#include "DecoderProbes.h"

namespace cada::io {
namespace {

// The loader reports every problem itself, naming the file; OpenCV's own warnings ("imdecode_(''):
// can't read header") name none, so only its errors are printed.
const bool kOpenCvQuiet = [] {
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
    return true;
}();

using Bytes = std::vector<unsigned char>;

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& problem)
{
    throw Error("Cannot load image '" + path.string() + "': " + problem);
}

enum class Format { Png, Jpeg, Bmp, Tiff, Unknown };

Format sniff(const Bytes& b)
{
    auto starts = [&](std::initializer_list<unsigned char> sig) {
        return b.size() >= sig.size() && std::equal(sig.begin(), sig.end(), b.begin());
    };
    if (starts({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}))
        return Format::Png;
    if (starts({0xFF, 0xD8, 0xFF}))
        return Format::Jpeg;
    if (starts({'B', 'M'}))
        return Format::Bmp;
    if (starts({'I', 'I', 42, 0}) || starts({'M', 'M', 0, 42}))
        return Format::Tiff;
    return Format::Unknown;
}

const char* formatName(Format f)
{
    switch (f) {
    case Format::Png:
        return "png";
    case Format::Jpeg:
        return "jpeg";
    case Format::Bmp:
        return "bmp";
    case Format::Tiff:
        return "tiff";
    default:
        return "unknown";
    }
}

std::uint32_t be32(const Bytes& b, size_t i)
{
    return (std::uint32_t(b[i]) << 24) | (std::uint32_t(b[i + 1]) << 16) |
           (std::uint32_t(b[i + 2]) << 8) | std::uint32_t(b[i + 3]);
}
std::uint32_t le32(const Bytes& b, size_t i)
{
    return std::uint32_t(b[i]) | (std::uint32_t(b[i + 1]) << 8) | (std::uint32_t(b[i + 2]) << 16) |
           (std::uint32_t(b[i + 3]) << 24);
}

// Reads the pixel dimensions from the file header without decoding, so that oversized images
// are refused before any large allocation. Returns nothing when the header does not say.
std::optional<cv::Size> headerSize(const Bytes& b, Format f)
{
    if (f == Format::Png && b.size() >= 24)
        return cv::Size(int(std::min<std::uint32_t>(be32(b, 16), INT32_MAX)),
                        int(std::min<std::uint32_t>(be32(b, 20), INT32_MAX)));
    if (f == Format::Bmp && b.size() >= 26) {
        if (le32(b, 14) == 12) // OS/2 BITMAPCOREHEADER: 16-bit width and height
            return cv::Size(b[18] | (b[19] << 8), b[20] | (b[21] << 8));
        // Signed: a negative height means top-down rows. |INT32_MIN| does not fit an int.
        const auto w = std::int64_t(std::int32_t(le32(b, 18)));
        const auto h = std::int64_t(std::int32_t(le32(b, 22)));
        return cv::Size(int(std::min<std::int64_t>(std::abs(w), INT32_MAX)),
                        int(std::min<std::int64_t>(std::abs(h), INT32_MAX)));
    }
    if (f == Format::Jpeg) {
        size_t i = 2;
        while (i + 9 < b.size()) {
            if (b[i] != 0xFF) {
                ++i;
                continue;
            }
            const unsigned char marker = b[i + 1];
            const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
                             marker != 0xCC;
            if (sof)
                return cv::Size((b[i + 7] << 8) | b[i + 8], (b[i + 5] << 8) | b[i + 6]);
            if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 ||
                marker == 0xFF) {
                i += (marker == 0xFF) ? 1 : 2;
                continue;
            }
            i += 2 + ((b[i + 2] << 8) | b[i + 3]);
        }
        return std::nullopt;
    }
    if (f == Format::Tiff && b.size() >= 8) {
        const bool little = b[0] == 'I';
        auto u16 = [&](size_t i) {
            return little ? std::uint32_t(b[i] | (b[i + 1] << 8))
                          : std::uint32_t((b[i] << 8) | b[i + 1]);
        };
        auto u32 = [&](size_t i) { return little ? le32(b, i) : be32(b, i); };
        const size_t ifd = u32(4);
        if (ifd + 2 > b.size())
            return std::nullopt;
        const size_t count = u16(ifd);
        // A crafted file may repeat a tag: libtiff uses the first, other readers the last. The
        // largest is what the limit must hold for (libtiff itself is asked too, in loadImage).
        std::int64_t w = -1, h = -1;
        for (size_t e = 0; e < count && ifd + 2 + e * 12 + 12 <= b.size(); ++e) {
            const size_t at = ifd + 2 + e * 12;
            const auto tag = u16(at), type = u16(at + 2);
            const std::int64_t value = (type == 3) ? u16(at + 8) : u32(at + 8);
            if (tag == 256)
                w = std::max(w, value);
            if (tag == 257)
                h = std::max(h, value);
        }
        if (w >= 0 && h >= 0)
            return cv::Size(int(std::min<std::int64_t>(w, INT32_MAX)),
                            int(std::min<std::int64_t>(h, INT32_MAX)));
    }
    return std::nullopt;
}

// Decoders are lenient with truncated files (libjpeg fills the missing rows with grey), so a
// cut-off file is recognised by walking its structure to the end marker. Whatever follows the
// marker (cameras and phones append data after JPEGs) is ignored.
bool looksTruncated(const Bytes& b, Format f)
{
    const size_t n = b.size();
    if (f == Format::Png) {
        // Chunks: 4-byte length, 4-byte type, data, 4-byte CRC; IEND ends the image.
        for (size_t i = 8; i + 8 <= n;) {
            if (std::memcmp(b.data() + i + 4, "IEND", 4) == 0)
                return false;
            const std::uint64_t next = std::uint64_t(i) + 12 + be32(b, i);
            if (next > n)
                return true;
            i = size_t(next);
        }
        return true;
    }
    if (f == Format::Jpeg) {
        auto isRestart = [](unsigned char m) { return m >= 0xD0 && m <= 0xD7; };
        for (size_t i = 2; i + 1 < n;) {
            if (b[i] != 0xFF)
                return false; // not a marker where one belongs: the decoder judges the damage
            const unsigned char marker = b[i + 1];
            if (marker == 0xD9)
                return false; // EOI
            if (marker == 0xFF || marker == 0x01 || isRestart(marker)) {
                i += marker == 0xFF ? 1 : 2;
                continue;
            }
            if (i + 4 > n)
                return true;
            const size_t next = i + 2 + ((size_t(b[i + 2]) << 8) | b[i + 3]);
            if (next > n)
                return true;
            i = next;
            if (marker == 0xDA) { // entropy-coded data runs to the next real marker
                while (i + 1 < n && !(b[i] == 0xFF && b[i + 1] != 0x00 && !isRestart(b[i + 1])))
                    ++i;
                if (i + 1 >= n)
                    return true;
            }
        }
        return true;
    }
    if (f == Format::Bmp && n >= 6)
        return le32(b, 2) > n;
    return false;
}

Bytes readAll(const std::filesystem::path& path)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec == std::errc::permission_denied)
        fail(path, "the file cannot be reached (permission denied on a parent folder; check its "
                   "permissions).");
    if (ec || !std::filesystem::exists(status))
        fail(path, "the file does not exist.");
    if (std::filesystem::is_directory(status))
        fail(path, "this is a folder, not an image file.");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        fail(path, "the file cannot be opened for reading (check its permissions).");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size <= 0)
        fail(path, "the file is empty (0 bytes).");
    in.seekg(0, std::ios::beg);
    // The type is checked on the first bytes, before the body is read: a huge file that is not an
    // image costs nothing, and no image file needs more than kMaxFileBytes.
    constexpr std::streamoff kHead = 64 * 1024;
    constexpr std::streamoff kMaxFileBytes = std::streamoff(2) << 30;
    Bytes bytes(static_cast<size_t>(std::min(size, kHead)));
    if (!in.read(reinterpret_cast<char*>(bytes.data()), std::streamsize(bytes.size())))
        fail(path, "reading the file failed part-way (I/O error).");
    if (sniff(bytes) == Format::Unknown)
        fail(path,
             "not an image (the content is not PNG, JPEG, BMP or TIFF, whatever the name says).");
    if (size > kMaxFileBytes)
        fail(path, "the file is larger than 2 GB (" + std::to_string(size >> 20) +
                       " MB); no supported image needs that much. Check the file.");
    bytes.resize(static_cast<size_t>(size));
    const std::streamoff rest = size - std::streamoff(std::min(size, kHead));
    if (rest > 0 && !in.read(reinterpret_cast<char*>(bytes.data()) + std::min(size, kHead),
                             std::streamsize(rest)))
        fail(path, "reading the file failed part-way (I/O error).");
    return bytes;
}

cv::Mat toCanonical(const cv::Mat& decoded, const std::filesystem::path& path)
{
    cv::Mat eight;
    switch (decoded.depth()) {
    case CV_8U:
        eight = decoded;
        break;
    case CV_16U:
        decoded.convertTo(eight, CV_8U, 1.0 / 257.0);
        break;
    default:
        fail(path, "unsupported pixel depth (only 8- and 16-bit integer images are supported; "
                   "convert floating-point or 32-bit images to 16-bit first).");
    }
    cv::Mat bgr;
    switch (eight.channels()) {
    case 1:
        cv::cvtColor(eight, bgr, cv::COLOR_GRAY2BGR);
        break;
    case 3:
        bgr = eight;
        break;
    case 4:
        cv::cvtColor(eight, bgr, cv::COLOR_BGRA2BGR);
        break;
    default:
        fail(path, "unsupported number of channels (" + std::to_string(eight.channels()) + ").");
    }
    return bgr.isContinuous() ? bgr : bgr.clone();
}

} // namespace

bool hasImageExtension(const std::filesystem::path& path)
{
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".tif" ||
           ext == ".tiff";
}

LoadedImage loadImage(const std::filesystem::path& path, const LoadOptions& options)
{
    return decodeImage(readAll(path), path, options);
}

LoadedImage decodeImage(const Bytes& bytes, const std::filesystem::path& path,
                        const LoadOptions& options)
{
    if (bytes.empty())
        fail(path, "the file is empty (0 bytes).");
    const Format format = sniff(bytes);
    if (format == Format::Unknown)
        fail(path,
             "not an image (the content is not PNG, JPEG, BMP or TIFF, whatever the name says).");
    auto size = headerSize(bytes, format);
    if (format == Format::Tiff) // the decoder's own reading of the header, not only ours
        if (const auto decoded = tiffDecodedSize(bytes.data(), bytes.size()))
            size = size ? cv::Size(std::max(size->width, decoded->width),
                                   std::max(size->height, decoded->height))
                        : *decoded;
    if (size) {
        const std::int64_t pixels = std::int64_t(size->width) * size->height;
        if (options.maxPixels > 0 && pixels > options.maxPixels)
            fail(path, "the image is too large (" + std::to_string(size->width) + " x " +
                           std::to_string(size->height) + " = " +
                           std::to_string(pixels / 1'000'000) + " megapixels; the limit is " +
                           std::to_string(options.maxPixels / 1'000'000) +
                           " megapixels). Downscale it or raise the limit.");
        if (pixels == 0)
            fail(path, "the header says the image has no pixels (0 width or height).");
    }
    if (looksTruncated(bytes, format))
        fail(path, std::string("the file is truncated (the ") + formatName(format) +
                       " data ends before its end marker); it was probably copied incompletely.");

    // JPEGs are decoded in colour so that OpenCV applies the EXIF orientation; other formats
    // keep their depth and channels (IMREAD_UNCHANGED does not rotate, and they carry none).
    const int flags = format == Format::Jpeg ? cv::IMREAD_COLOR : cv::IMREAD_UNCHANGED;
    cv::Mat decoded;
    try {
        decoded = cv::imdecode(bytes, flags);
    } catch (const cv::Exception& e) {
        fail(path, std::string("the decoder rejected the file (") + e.err + ").");
    }
    if (decoded.empty() && format == Format::Tiff)
        fail(path, "the TIFF cannot be decoded: it is damaged, or a variant OpenCV's reader does "
                   "not support (such as 4-bit, float16, 32-bit integer samples or more than 4 "
                   "channels). Convert it to 8- or 16-bit grey or RGB.");
    if (decoded.empty())
        fail(path, std::string("the ") + formatName(format) +
                       " data is damaged or truncated and cannot be decoded.");

    LoadedImage out;
    out.format = formatName(format);
    out.originalSize = decoded.size();
    out.originalBitDepth = decoded.depth() == CV_16U ? 16 : 8;
    out.originalChannels = decoded.channels();
    if (format == Format::Jpeg && bytes.size() > 4) {
        // Colour decoding hides a grey JPEG; the SOF header holds the component count.
        for (size_t i = 2; i + 9 < bytes.size(); ++i)
            if (bytes[i] == 0xFF && (bytes[i + 1] == 0xC0 || bytes[i + 1] == 0xC2)) {
                out.originalChannels = bytes[i + 9];
                break;
            }
    }
    out.bgr = toCanonical(decoded, path);
    if (format == Format::Jpeg)
        out.warning = jpegDataWarning(bytes.data(), bytes.size());
    return out;
}

cv::Mat loadMask(const std::filesystem::path& path, cv::Size expectedSize)
{
    LoadOptions options;
    const LoadedImage image = loadImage(path, options);
    cv::Mat grey;
    cv::cvtColor(image.bgr, grey, cv::COLOR_BGR2GRAY);
    cv::Mat mask = grey > 0;
    if (!expectedSize.empty() && mask.size() != expectedSize)
        cv::resize(mask, mask, expectedSize, 0, 0, cv::INTER_NEAREST);
    return mask;
}

} // namespace cada::io
