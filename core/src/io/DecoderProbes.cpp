#include "DecoderProbes.h"

#include <algorithm>
#include <climits>
#include <csetjmp>
#include <cstdio>
#include <cstdarg>
#include <cstring>

#include <jpeglib.h>
#include <tiffio.h>

namespace cada::io {
namespace {

struct Reporter {
    jpeg_error_mgr base; // first member: libjpeg hands back a pointer to it
    std::jmp_buf fatal;
    char first[JMSG_LENGTH_MAX];
    long warnings;
};

void onFatal(j_common_ptr info)
{
    auto* r = reinterpret_cast<Reporter*>(info->err);
    if (r->warnings++ == 0)
        (*info->err->format_message)(info, r->first);
    std::longjmp(r->fatal, 1);
}

// Level -1 is a warning (corrupt data); higher levels are trace messages.
void onMessage(j_common_ptr info, int level)
{
    auto* r = reinterpret_cast<Reporter*>(info->err);
    if (level >= 0)
        return;
    if (r->warnings++ == 0)
        (*info->err->format_message)(info, r->first);
}

} // namespace

std::string jpegDataWarning(const unsigned char* data, std::size_t size)
{
    jpeg_decompress_struct info{};
    Reporter reporter{};
    info.err = jpeg_std_error(&reporter.base);
    reporter.base.error_exit = onFatal;
    reporter.base.emit_message = onMessage;
    if (setjmp(reporter.fatal) == 0) {
        jpeg_create_decompress(&info);
        jpeg_mem_src(&info, data, static_cast<unsigned long>(size));
        jpeg_read_header(&info, TRUE);
        // Every coefficient is entropy-decoded whatever the output scale; 1/8 keeps the inverse
        // DCT and colour conversion cheap.
        info.scale_num = 1;
        info.scale_denom = 8;
        info.dct_method = JDCT_IFAST;
        info.do_fancy_upsampling = FALSE;
        jpeg_start_decompress(&info);
        JSAMPARRAY row = (*info.mem->alloc_sarray)(
            reinterpret_cast<j_common_ptr>(&info), JPOOL_IMAGE,
            info.output_width * static_cast<JDIMENSION>(info.output_components), 1);
        while (info.output_scanline < info.output_height)
            jpeg_read_scanlines(&info, row, 1);
        jpeg_finish_decompress(&info);
    }
    jpeg_destroy_decompress(&info);
    if (reporter.warnings == 0)
        return {};
    std::string text = "corrupt JPEG data (libjpeg: " + std::string(reporter.first);
    if (reporter.warnings > 1)
        text += "; " + std::to_string(reporter.warnings) + " warnings";
    return text + "); parts of the image may be wrong";
}

namespace {

// libtiff reads through these callbacks from memory: the file is never reopened by name.
struct MemoryFile {
    const unsigned char* data;
    toff_t size;
    toff_t at;
};

tmsize_t readMemory(thandle_t h, void* out, tmsize_t n)
{
    auto* f = static_cast<MemoryFile*>(h);
    const toff_t left = f->at < f->size ? f->size - f->at : 0;
    const toff_t count = std::min<toff_t>(toff_t(n), left);
    std::memcpy(out, f->data + f->at, count);
    f->at += count;
    return tmsize_t(count);
}
tmsize_t writeNothing(thandle_t, void*, tmsize_t)
{
    return 0;
}
toff_t seekMemory(thandle_t h, toff_t offset, int whence)
{
    auto* f = static_cast<MemoryFile*>(h);
    const toff_t base = whence == SEEK_CUR ? f->at : whence == SEEK_END ? f->size : 0;
    f->at = base + offset;
    return f->at;
}
int closeNothing(thandle_t)
{
    return 0;
}
// Returning 1 tells libtiff the message was handled: nothing is printed.
int quiet(TIFF*, void*, const char*, const char*, va_list)
{
    return 1;
}
toff_t sizeOfMemory(thandle_t h)
{
    return static_cast<MemoryFile*>(h)->size;
}

} // namespace

std::optional<cv::Size> tiffDecodedSize(const unsigned char* data, std::size_t size)
{
    MemoryFile file{data, toff_t(size), 0};
    // Reads the first directory (the tags), not the strips or tiles. The loader reports the
    // problems; libtiff's own messages would name no file.
    TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, tmsize_t(64) << 20);
    TIFFOpenOptionsSetErrorHandlerExtR(options, quiet, nullptr);
    TIFFOpenOptionsSetWarningHandlerExtR(options, quiet, nullptr);
    TIFF* tiff = TIFFClientOpenExt("image", "r", &file, readMemory, writeNothing, seekMemory,
                                   closeNothing, sizeOfMemory, nullptr, nullptr, options);
    TIFFOpenOptionsFree(options);
    if (!tiff)
        return std::nullopt;
    std::uint32_t width = 0, height = 0;
    const bool known = TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &width) == 1 &&
                       TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &height) == 1;
    TIFFClose(tiff);
    if (!known)
        return std::nullopt;
    return cv::Size(int(std::min<std::uint32_t>(width, INT32_MAX)),
                    int(std::min<std::uint32_t>(height, INT32_MAX)));
}

} // namespace cada::io
