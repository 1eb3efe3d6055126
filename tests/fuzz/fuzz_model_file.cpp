// Fuzz target: the model-file parser, then scoring one image with whatever loaded. The input is a
// whole model file whose SHA-256 is recomputed first, as an attacker would, so that mutations
// reach the parser instead of stopping at the checksum. Every input must load and score finitely
// or fail with a cada::Error; a crash, a sanitizer report, another exception or a hang is a
// finding. Built with libFuzzer (tools/fuzz.sh) or with FuzzDriver.cpp (the test suite).
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <opencv2/imgcodecs.hpp>

#include "cada/Error.h"
#include "cada/Progress.h"
#include "cada/model/Model.h"
#include "model/Sha256.h"

namespace fs = std::filesystem;

namespace {

fs::path g_dir;

void removeScratch()
{
    std::error_code ec;
    fs::remove_all(g_dir, ec);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    g_dir = fs::temp_directory_path() / ("cada-fuzz-model-" + std::to_string(::getpid()));
    fs::create_directories(g_dir);
    std::atexit(removeScratch);
    cv::Mat noise(48, 48, CV_8UC3);
    cv::randu(noise, 0, 255);
    cv::imwrite((g_dir / "image.png").string(), noise);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string file(reinterpret_cast<const char*>(data), size);
    constexpr std::size_t kPrefix = 8 + 4, kDigest = 32; // magic + version; SHA-256 at the end
    if (size >= kPrefix + 8 + 8 + kDigest)
        file.replace(size - kDigest, kDigest,
                     cada::sha256Raw(file.substr(kPrefix, size - kPrefix - kDigest)));
    const fs::path path = g_dir / "model.cada";
    std::ofstream(path, std::ios::binary | std::ios::trunc) << file;
    try {
        const auto model = cada::Model::load(path, "cpu", 1);
        cada::Progress progress;
        cada::ScoreOptions options;
        options.keepMaps = false;
        model->score({g_dir / "image.png"}, options, progress,
                     [](std::size_t, cada::ImageResult& r) {
                         // A score is finite or the image has an error: never a NaN verdict.
                         if (r.ok() && !(std::isfinite(r.score) && std::isfinite(r.rawScore)))
                             std::abort();
                     });
    } catch (const cada::Error&) {
    }
    return 0;
}
