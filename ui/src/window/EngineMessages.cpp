#include "window/EngineMessages.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <vector>

namespace cada::ui {
namespace {

// A message pattern and its translatable template: %1, %2, ... are the pattern's captures in
// order; a capture that is itself a known message (a problem inside a sentence) is localized.
struct Pattern {
    const char* regex;
    const char* text;
};

constexpr const char* kContext = "EngineMessages";

// Whole messages first, then the sentences that wrap a detail.
const Pattern kPatterns[] = {
    // Image loading (core/src/io/ImageLoader.cpp): "Cannot load image 'PATH': PROBLEM".
    {"^Cannot load image '(.*)': (.*)$",
     QT_TRANSLATE_NOOP("EngineMessages", "Cannot load image '%1': %2")},
    {"^the file does not exist\\.$",
     QT_TRANSLATE_NOOP("EngineMessages", "the file does not exist.")},
    {"^this is a folder, not an image file\\.$",
     QT_TRANSLATE_NOOP("EngineMessages", "this is a folder, not an image file.")},
    {"^the file cannot be opened for reading \\(check its permissions\\)\\.$",
     QT_TRANSLATE_NOOP("EngineMessages",
                       "the file cannot be opened for reading (check its permissions).")},
    {"^the file cannot be reached \\(permission denied on a parent folder; check its "
     "permissions\\)\\.$",
     QT_TRANSLATE_NOOP("EngineMessages", "the file cannot be reached (permission denied on a "
                                         "parent folder; check its permissions).")},
    {"^the file is empty \\(0 bytes\\)\\.$",
     QT_TRANSLATE_NOOP("EngineMessages", "the file is empty (0 bytes).")},
    {"^reading the file failed part-way \\(I/O error\\)\\.$",
     QT_TRANSLATE_NOOP("EngineMessages", "reading the file failed part-way (I/O error).")},
    {"^not an image \\(the content is not PNG, JPEG, BMP or TIFF, whatever the name says\\)\\.$",
     QT_TRANSLATE_NOOP("EngineMessages", "not an image (the content is not PNG, JPEG, BMP or "
                                         "TIFF, whatever the name says).")},
    {"^the file is truncated \\(the (\\w+) data ends before its end marker\\); it was probably "
     "copied incompletely\\.$",
     QT_TRANSLATE_NOOP("EngineMessages", "the file is truncated (the %1 data ends before its end "
                                         "marker); it was probably copied incompletely.")},
    {"^the (\\w+) data is damaged or truncated and cannot be decoded\\.$",
     QT_TRANSLATE_NOOP("EngineMessages",
                       "the %1 data is damaged or truncated and cannot be decoded.")},
    {"^the header says the image has no pixels \\(0 width or height\\)\\.$",
     QT_TRANSLATE_NOOP("EngineMessages",
                       "the header says the image has no pixels (0 width or height).")},
    {"^the image is too large \\((\\d+) x (\\d+) = (\\d+) megapixels; the limit is (\\d+) "
     "megapixels\\)\\. Downscale it or raise the limit\\.$",
     QT_TRANSLATE_NOOP("EngineMessages",
                       "the image is too large (%1 x %2 = %3 megapixels; the limit is %4 "
                       "megapixels). Downscale it or raise the limit.")},
    {"^unsupported pixel depth \\(only 8- and 16-bit integer images are supported; convert "
     "floating-point or 32-bit images to 16-bit first\\)\\.$",
     QT_TRANSLATE_NOOP("EngineMessages",
                       "unsupported pixel depth (only 8- and 16-bit integer images are "
                       "supported; convert floating-point or 32-bit images to 16-bit first).")},
    // Model files (core/src/model/ModelFile.cpp, TensorArchive.cpp).
    {"^Cannot use model file '(.*)': (.*)$",
     QT_TRANSLATE_NOOP("EngineMessages", "Cannot use model file '%1': %2")},
    {"^it is not a CADA Inspect model$",
     QT_TRANSLATE_NOOP("EngineMessages", "it is not a CADA Inspect model")},
    // Folders (core/src/io/Dataset.cpp).
    {"^Dataset folder '(.*)' does not exist\\.$",
     QT_TRANSLATE_NOOP("EngineMessages", "Dataset folder '%1' does not exist.")},
    // Updates (core/src/model/Update.cpp).
    {"^Cannot update the model: its (calibration image|training image) '(.*)' cannot be read "
     "\\((.*)\\)\\. Restore the file where it was when the model was trained, or "
     "re-train the model\\.$",
     QT_TRANSLATE_NOOP("EngineMessages",
                       "Cannot update the model: its %1 '%2' cannot be read (%3). Restore the file "
                       "where it was when the model was trained, or re-train the model.")},
    {"^calibration image$", QT_TRANSLATE_NOOP("EngineMessages", "calibration image")},
    {"^training image$", QT_TRANSLATE_NOOP("EngineMessages", "training image")},
};

} // namespace

QString localizedEngineMessage(const QString& english)
{
    static const std::vector<QRegularExpression> compiled = [] {
        std::vector<QRegularExpression> out;
        for (const Pattern& p : kPatterns)
            out.emplace_back(QString::fromLatin1(p.regex));
        return out;
    }();
    for (std::size_t k = 0; k < compiled.size(); ++k) {
        const QRegularExpressionMatch m = compiled[k].match(english);
        if (!m.hasMatch())
            continue;
        QString out = QCoreApplication::translate(kContext, kPatterns[k].text);
        for (int i = 1; i <= compiled[k].captureCount(); ++i) {
            QString value = m.captured(i);
            // Inner sentences and words (a problem, "calibration image") are translated too;
            // file names and numbers stay as they are (they match no pattern).
            if (!value.isEmpty() && !value.contains(QLatin1Char('/')))
                value = localizedEngineMessage(value);
            out = out.arg(value);
        }
        return out;
    }
    return english;
}

} // namespace cada::ui
