// Fuzz target: the image loader on arbitrary bytes. Every input must give a canonical image or a
// cada::Error naming the input; a crash, a sanitizer report, another exception or a hang is a
// finding. Built with libFuzzer (tools/fuzz.sh) or with FuzzDriver.cpp (the test suite).
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "cada/Error.h"
#include "cada/io/ImageLoader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::vector<unsigned char> bytes(data, data + size);
    cada::io::LoadOptions options;
    options.maxPixels = 4'000'000; // keeps each run fast; the check itself is what is exercised
    try {
        const auto image = cada::io::decodeImage(bytes, "fuzz-input", options);
        if (image.bgr.empty() || image.bgr.type() != CV_8UC3 || !image.bgr.isContinuous())
            std::abort(); // the loader's contract: canonical 8-bit BGR, or an error
    } catch (const cada::Error& e) {
        if (std::string(e.what()).find("fuzz-input") == std::string::npos)
            std::abort(); // every message names the file
    }
    return 0;
}
