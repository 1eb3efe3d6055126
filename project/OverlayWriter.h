#pragma once
// PNG overlays (heatmap + defect contour) of the flagged images of a project. The project stores
// scores, not maps, so the flagged images are scored again with the model.
//
// Colour scale: fixed and anchored to the threshold t, as in the workstation's image view: the
// aligned map is mapped linearly from [t - 1, t + 1] onto the colormap (clamped), so the same
// colour means the same score on every image. Contours enclose the pixels with map >= t.
//
// Threading: the calling thread uses the Model (one thread at a time). Cancel through `progress`.
#include <QString>

#include <map>

#include <opencv2/core.hpp>

#include "ProjectTypes.h"
#include "cada/Progress.h"

namespace cada {
class Model;
}

namespace cada::project {

struct OverlayOptions {
    int colormap = 2;     // cv::COLORMAP_JET
    double opacity = 0.5; // heatmap weight over the photograph
};

// Overlay of `image` (CV_8UC3 BGR) with `alignedMap` (CV_32F, any size: resized to the image).
cv::Mat renderOverlay(const cv::Mat& image, const cv::Mat& alignedMap, double threshold,
                      const OverlayOptions& options = {});

// Writes <dir>/<name>.png for every image with verdict Defective, where <name> is the image path
// relative to the project's image folder with '/' replaced by '__'. Returns image id -> PNG path.
// Images that cannot be scored again are skipped and listed in `problems` ("path: reason").
std::map<qint64, QString> writeOverlays(const ProjectSnapshot& project, const Model& model,
                                        const QString& dir, Progress& progress,
                                        QStringList* problems = nullptr,
                                        const OverlayOptions& options = {});

} // namespace cada::project
