#include "cada/demo/DemoData.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <system_error>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "DefectPainters.h"
#include "DemoRandom.h"
#include "ProductRenderers.h"

namespace cada::demo {
namespace {

using detail::ProductType;

constexpr int kMinSize = 64;
constexpr int kMaxSize = 1024;
constexpr int kMaxPerClass = 5000;
constexpr int kMaxAttempts = 12;

// Split codes keep train, test-good and test-defective seeds apart.
enum class Split : std::uint64_t { Train = 1, TestGood = 2, TestDefective = 3 };

void validateSize(int size)
{
    if (size < kMinSize || size > kMaxSize)
        throw Error("Demo image size " + std::to_string(size) + " is out of range: use a side of " +
                    std::to_string(kMinSize) + " to " + std::to_string(kMaxSize) + " pixels.");
}

void validate(const DemoOptions& options)
{
    validateSize(options.size);
    if (options.perClass < 1 || options.perClass > kMaxPerClass)
        throw Error("Demo images per class " + std::to_string(options.perClass) +
                    " is out of range: use 1 to " + std::to_string(kMaxPerClass) + ".");
}

const ProductType& productType(const std::string& name)
{
    if (const ProductType* type = detail::findProductType(name))
        return *type;
    std::string known;
    for (const ProductType& type : detail::productTypes())
        known += (known.empty() ? "" : ", ") + type.name;
    throw Error("Unknown demo product class '" + name + "'. Use one of: " + known + ".");
}

// A defect is kept only when it changes enough pixels to be annotated meaningfully.
int minDefectArea(int size)
{
    return std::max(6, size * size / 2000);
}

// The mask is the set of pixels the defect visibly changed (by at least one grey level, so the
// change survives 8-bit rounding), closed over 1-pixel gaps but never beyond what was painted.
// The returned image equals `clean` outside the mask, so "changed implies masked" is exact.
cv::Mat finalizeDefect(const cv::Mat& clean, cv::Mat& painted, const cv::Mat& support)
{
    cv::Mat diff;
    cv::absdiff(painted, clean, diff);
    std::vector<cv::Mat> channels;
    cv::split(diff, channels);
    cv::Mat change = cv::max(cv::max(channels[0], channels[1]), channels[2]);
    cv::Mat mask = change >= 1.0f;
    cv::morphologyEx(mask, mask, cv::MORPH_CLOSE,
                     cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3)));
    mask &= support;
    clean.copyTo(painted, mask == 0);
    return mask;
}

detail::PaintedDefect paintMissing(const ProductType& type, std::uint64_t renderSeed, int size,
                                   const cv::Mat& clean, detail::Rng& rng)
{
    detail::PartEdit edit;
    edit.active = true;
    edit.selector = rng.uniform();
    edit.variant = rng.uniform();
    detail::PaintedDefect out;
    out.image = type.render(renderSeed, size, edit).image;
    cv::Mat diff;
    cv::absdiff(out.image, clean, diff);
    cv::transform(diff, diff, cv::Matx13f(1.f, 1.f, 1.f));
    out.support = diff > 0.0f;
    return out;
}

cv::Mat toBgr8(const cv::Mat& image)
{
    cv::Mat out;
    image.convertTo(out, CV_8UC3);
    return out;
}

std::string indexName(int index, const char* suffix)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%03d%s", index, suffix);
    return buffer;
}

void createDirectory(const std::filesystem::path& dir)
{
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error)
        throw Error("Cannot create the folder '" + dir.string() + "': " + error.message() +
                    ". Choose an output folder you can write to.");
}

void writeImage(const std::filesystem::path& path, const cv::Mat& image,
                const std::vector<int>& params)
{
    bool written = false;
    std::string reason = "the encoder reported a failure";
    try {
        written = cv::imwrite(path.string(), image, params);
    } catch (const cv::Exception& e) {
        reason = e.what();
    }
    if (!written)
        throw Error("Cannot write the image '" + path.string() + "' (" + reason +
                    "). Check that the folder is writable and the disk is not full.");
}

const std::vector<int> kPngParams = {cv::IMWRITE_PNG_COMPRESSION, 3};

// A few training normals are stored in other formats so that loaders get exercised; the pixels
// mean the same as in the PNGs. Returns the extension written.
std::string writeTrainImage(const std::filesystem::path& dir, const std::string& cls, int index,
                            int oddIndex, const cv::Mat& image)
{
    if (index == oddIndex) {
        if (cls == "metal_plate") { // a grey product: one channel loses nothing
            cv::Mat grey;
            cv::extractChannel(image, grey, 0);
            writeImage(dir / indexName(index, ".png"), grey, kPngParams);
            return ".png";
        }
        if (cls == "carpet") {
            writeImage(dir / indexName(index, ".jpg"), image, {cv::IMWRITE_JPEG_QUALITY, 95});
            return ".jpg";
        }
        if (cls == "mesh") {
            cv::Mat wide;
            image.convertTo(wide, CV_16UC3, 257.0);
            writeImage(dir / indexName(index, ".tiff"), wide, {cv::IMWRITE_TIFF_COMPRESSION, 5});
            return ".tiff";
        }
        if (cls == "label") {
            writeImage(dir / indexName(index, ".bmp"), image, {});
            return ".bmp";
        }
    }
    writeImage(dir / indexName(index, ".png"), image, kPngParams);
    return ".png";
}

std::uint32_t sampleSeed(std::uint32_t seed, const std::string& cls, Split split, int index)
{
    const std::uint64_t classSeed = detail::mixSeed(seed, detail::hashString(cls));
    return std::uint32_t(
        detail::mixSeed(classSeed, (std::uint64_t(split) << 32) | unsigned(index)));
}

void writeReadme(const std::filesystem::path& outDir, const DemoOptions& options,
                 const DemoSummary& summary, int testGoodPerClass, int testDefectivePerClass)
{
    const std::filesystem::path path = outDir / "README.txt";
    std::ofstream out(path, std::ios::binary);
    // tools/demo.sh recognises a folder it may rewrite by this first line.
    out << "CADA Inspect synthetic demo data (MVTec AD layout)\n\n"
        << "seed " << options.seed << ", size " << options.size << " px, " << options.perClass
        << " training normals per class, " << testGoodPerClass << " good and "
        << testDefectivePerClass << " defective test images per class.\n\n"
        << "<class>/train/good/NNN.png          normal images for fitting\n"
        << "<class>/test/good/NNN.png           normal test images\n"
        << "<class>/test/<defect>/NNN.png       defective test images\n"
        << "<class>/ground_truth/<defect>/NNN_mask.png   0/255 masks of the changed pixels\n\n"
        << "A few training normals use other formats on purpose: metal_plate 8-bit grey PNG,\n"
        << "carpet JPEG (quality 95), mesh 16-bit TIFF (8-bit values x 257), label BMP.\n\n"
        << "Classes and defect kinds:\n";
    for (const std::string& cls : summary.classes) {
        out << "  " << cls << ":";
        for (const std::string& defect : productType(cls).defects)
            out << ' ' << defect;
        out << '\n';
    }
    if (!out)
        throw Error("Cannot write '" + path.string() +
                    "'. Check that the folder is writable and the disk is not full.");
}

} // namespace

std::vector<std::string> demoClassNames()
{
    std::vector<std::string> names;
    for (const ProductType& type : detail::productTypes())
        names.push_back(type.name);
    return names;
}

std::vector<std::string> demoDefectKinds(const std::string& productClass)
{
    return productType(productClass).defects;
}

DemoSample renderSample(const std::string& productClass, const std::string& defect,
                        std::uint32_t seed, int size)
{
    validateSize(size);
    const ProductType& type = productType(productClass);
    const bool good = defect == "good";
    if (!good &&
        std::find(type.defects.begin(), type.defects.end(), defect) == type.defects.end()) {
        std::string known = "good";
        for (const std::string& d : type.defects)
            known += ", " + d;
        throw Error("The demo class '" + productClass + "' has no defect kind '" + defect +
                    "'. Use one of: " + known + ".");
    }

    const std::uint64_t renderSeed = detail::mixSeed(seed, 1);
    const detail::ProductImage clean = type.render(renderSeed, size, detail::PartEdit{});
    cv::Mat painted = clean.image;
    cv::Mat mask(size, size, CV_8UC1, cv::Scalar(0));
    if (!good) {
        detail::Rng rng(detail::mixSeed(seed, 2));
        for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
            detail::PaintedDefect d =
                defect == "missing"
                    ? paintMissing(type, renderSeed, size, clean.image, rng)
                    : detail::paintDefect(defect, clean.image, clean.productMask, rng);
            mask = finalizeDefect(clean.image, d.image, d.support);
            painted = d.image;
            if (cv::countNonZero(mask) >= minDefectArea(size))
                break;
        }
        if (cv::countNonZero(mask) == 0)
            throw Error("Internal error: the demo defect '" + defect + "' on '" + productClass +
                        "' changed no pixels (seed " + std::to_string(seed) + ").");
    }

    // The same sensor noise on both renders: the defect stays the only difference.
    cv::Mat noise(size, size, type.grayscale ? CV_32FC1 : CV_32FC3);
    cv::RNG noiseRng(detail::mixSeed(seed, 3));
    noiseRng.fill(noise, cv::RNG::NORMAL, cv::Scalar::all(0.0), cv::Scalar::all(type.noiseSigma));
    if (type.grayscale)
        cv::merge(std::vector<cv::Mat>{noise, noise, noise}, noise);

    DemoSample sample;
    sample.cleanImage = toBgr8(clean.image + noise);
    sample.image = good ? sample.cleanImage.clone() : toBgr8(painted + noise);
    sample.mask = mask;
    return sample;
}

DemoSummary generateDemoData(const std::filesystem::path& outDir, const DemoOptions& options,
                             Progress* progress)
{
    validate(options);
    const int testGood = std::max(2, options.perClass / 4);
    const int testDefective = std::max(4, options.perClass / 2);
    const std::vector<ProductType>& types = detail::productTypes();
    if (progress)
        progress->begin("Writing demo data",
                        std::int64_t(types.size()) * (options.perClass + testGood + testDefective));

    DemoSummary summary;
    createDirectory(outDir);
    const int oddIndex = std::min(1, options.perClass - 1);
    for (const ProductType& type : types) {
        const std::filesystem::path classDir = outDir / type.name;
        summary.classes.push_back(type.name);
        for (const std::string& d : type.defects)
            if (std::find(summary.defectKinds.begin(), summary.defectKinds.end(), d) ==
                summary.defectKinds.end())
                summary.defectKinds.push_back(d);

        const std::filesystem::path trainDir = classDir / "train" / "good";
        createDirectory(trainDir);
        for (int i = 0; i < options.perClass; ++i) {
            const DemoSample s =
                renderSample(type.name, "good",
                             sampleSeed(options.seed, type.name, Split::Train, i), options.size);
            writeTrainImage(trainDir, type.name, i, oddIndex, s.image);
            ++summary.trainImages;
            if (progress)
                progress->advance();
        }

        const std::filesystem::path goodDir = classDir / "test" / "good";
        createDirectory(goodDir);
        for (int i = 0; i < testGood; ++i) {
            const DemoSample s =
                renderSample(type.name, "good",
                             sampleSeed(options.seed, type.name, Split::TestGood, i), options.size);
            writeImage(goodDir / indexName(i, ".png"), s.image, kPngParams);
            ++summary.testGood;
            if (progress)
                progress->advance();
        }

        std::vector<int> perKind(type.defects.size(), 0);
        for (int i = 0; i < testDefective; ++i) {
            const std::size_t kind = std::size_t(i) % type.defects.size();
            const std::string& defect = type.defects[kind];
            const DemoSample s = renderSample(
                type.name, defect, sampleSeed(options.seed, type.name, Split::TestDefective, i),
                options.size);
            const std::filesystem::path imageDir = classDir / "test" / defect;
            const std::filesystem::path maskDir = classDir / "ground_truth" / defect;
            if (perKind[kind] == 0) {
                createDirectory(imageDir);
                createDirectory(maskDir);
            }
            const int n = perKind[kind]++;
            writeImage(imageDir / indexName(n, ".png"), s.image, kPngParams);
            writeImage(maskDir / indexName(n, "_mask.png"), s.mask, kPngParams);
            ++summary.testDefective;
            if (progress)
                progress->advance();
        }
    }
    writeReadme(outDir, options, summary, testGood, testDefective);
    return summary;
}

} // namespace cada::demo
