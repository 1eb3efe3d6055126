#include "OverlayWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "cada/Error.h"
#include "cada/detect/Model.h"
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
    cv::addWeighted(image, 1.0 - options.opacity, colour, options.opacity, 0.0, out);
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

QString overlayName(const ProjectSnapshot& project, const ImageRecord& r)
{
    QString rel = r.path;
    if (!project.imagesRoot.isEmpty() && r.path.startsWith(project.imagesRoot + QLatin1Char('/')))
        rel = r.path.mid(project.imagesRoot.size() + 1);
    else
        rel = QStringLiteral("%1_%2").arg(r.id).arg(QFileInfo(r.path).fileName());
    rel = QFileInfo(rel).path() == QLatin1String(".")
              ? QFileInfo(rel).completeBaseName()
              : QFileInfo(rel).path() + QLatin1Char('/') + QFileInfo(rel).completeBaseName();
    return rel.replace(QLatin1Char('/'), QStringLiteral("__")) + QStringLiteral(".png");
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
            const QString file = QDir(dir).filePath(overlayName(project, r));
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
