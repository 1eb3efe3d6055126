#include "OverlayWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <set>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "cada/Error.h"
#include "cada/model/Model.h"
#include "cada/io/ImageLoader.h"

namespace cada::project {

cv::Mat renderOverlay(const cv::Mat& image, const cv::Mat& alignedMap, double threshold,
                      const OverlayOptions& options)
{
    if (image.empty() || alignedMap.empty())
        return {};
    cv::Mat map;
    if (alignedMap.size() == image.size())
        map = alignedMap;
    else
        cv::resize(alignedMap, map, image.size(), 0, 0, cv::INTER_LINEAR);
    const double low = threshold - 1.0, high = threshold + 1.0;
    cv::Mat u8, colour, out;
    // (v - low) / (high - low) * 255, saturated to [0, 255] by convertTo.
    map.convertTo(u8, CV_8U, 255.0 / (high - low), -low * 255.0 / (high - low));
    cv::applyColorMap(u8, colour, options.colormap);
    // As in the workstation: clear below t - 0.5, rising to `opacity` at t, so normal regions keep
    // the photograph's own colours.
    cv::Mat weight;
    map.convertTo(weight, CV_32F, 2.0, -2.0 * (threshold - 0.5));
    cv::threshold(weight, weight, 1.0, 1.0, cv::THRESH_TRUNC);
    cv::max(weight, 0.0, weight);
    weight *= options.opacity;
    cv::Mat weight3, imageF, colourF;
    cv::merge(std::vector<cv::Mat>{weight, weight, weight}, weight3);
    image.convertTo(imageF, CV_32FC3);
    colour.convertTo(colourF, CV_32FC3);
    cv::Mat blended = imageF.mul(cv::Scalar::all(1.0) - weight3) + colourF.mul(weight3);
    blended.convertTo(out, CV_8UC3);
    cv::Mat mask = map >= threshold;
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    const int thickness = std::max(1, std::min(image.cols, image.rows) / 128);
    cv::drawContours(out, contours, -1, cv::Scalar(255, 255, 255), thickness + 1, cv::LINE_AA);
    cv::drawContours(out, contours, -1, cv::Scalar(0, 0, 0), std::max(1, thickness / 2),
                     cv::LINE_AA);
    return out;
}

namespace {

// A readable name from the image's path below the images folder, the extension kept (a.png and
// a.jpg differ), folders joined by "__"; `used` makes it unique within one report (sub/b.png and
// sub__b.png would otherwise both be sub__b.png.png) by appending the image id.
QString overlayName(const ProjectSnapshot& project, const ImageRecord& r, std::set<QString>& used)
{
    QString rel = r.path;
    if (!project.imagesRoot.isEmpty() && r.path.startsWith(project.imagesRoot + QLatin1Char('/')))
        rel = r.path.mid(project.imagesRoot.size() + 1);
    else
        rel = QStringLiteral("%1_%2").arg(r.id).arg(QFileInfo(r.path).fileName());
    const QString base = rel.replace(QLatin1Char('/'), QStringLiteral("__"));
    QString name = base + QStringLiteral(".png");
    if (!used.insert(name).second) {
        name = base + QStringLiteral("-%1.png").arg(r.id);
        used.insert(name);
    }
    return name;
}

} // namespace

std::map<qint64, QString> writeOverlays(const ProjectSnapshot& project, const Model& model,
                                        const QString& dir, Progress& progress,
                                        QStringList* problems, const OverlayOptions& options)
{
    std::vector<const ImageRecord*> flagged;
    std::vector<std::filesystem::path> paths;
    for (const ImageRecord& r : project.images)
        if (project.verdict(r) == Verdict::Defective) {
            flagged.push_back(&r);
            paths.push_back(r.path.toStdString());
        }
    std::map<qint64, QString> written;
    std::set<QString> usedNames;
    if (flagged.empty())
        return written;
    if (!QDir().mkpath(dir))
        throw Error("Cannot create the overlay folder '" + dir.toStdString() + "'.");
    ScoreOptions so;
    so.alignment =
        parseAlignment(project.model.alignment.isEmpty() ? std::string("cada")
                                                         : project.model.alignment.toStdString());
    so.keepMaps = true;
    model.score(paths, so, progress, [&](std::size_t i, ImageResult& result) {
        const ImageRecord& r = *flagged[i];
        try {
            if (!result.ok())
                throw Error(result.error);
            const cv::Mat image = io::loadImage(result.path).bgr;
            const cv::Mat overlay =
                renderOverlay(image, result.alignedMap, project.threshold, options);
            const QString file = QDir(dir).filePath(overlayName(project, r, usedNames));
            if (!cv::imwrite(file.toStdString(), overlay))
                throw Error("cannot write '" + file.toStdString() + "'");
            written[r.id] = file;
        } catch (const Error& e) {
            if (problems)
                *problems << r.path + QStringLiteral(": ") + QString::fromUtf8(e.what());
        }
    });
    return written;
}

} // namespace cada::project
