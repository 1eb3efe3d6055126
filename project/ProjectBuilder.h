#pragma once
// Turns a scored batch into a new project: scans the folder (any layout), scores the images with
// a model and stores images, content hashes, scores, layout labels, group names and the initial
// threshold. Shared by `cada project create` and the workstation's "New project".
//
// Threading: runs on the calling thread (a worker in the GUI); the Model is used from this thread
// only. Cancel through `progress` (cada::Cancelled). The project is written to "<file>.part" and
// renamed into place when complete, so a failed or cancelled creation leaves no half project.
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

#include "ProjectTypes.h"

#include "cada/Progress.h"
#include "cada/model/ImageResult.h"
#include "cada/io/Dataset.h"

namespace cada {
class Model;
}

namespace cada::project {

struct CreateOptions {
    QString projectFile;
    QString imagesDir;
    io::Layout layout = io::Layout::Auto;
    // "auto": the test split when the layout has splits (MVTec AD, VisA), every image otherwise;
    // or "all", "train", "test".
    QString split = QStringLiteral("auto");
    Alignment alignment = Alignment::Cada; // None or Cada
};

struct CreateSummary {
    int images = 0, failed = 0, flagged = 0, labelled = 0;
    double threshold = 0;
    QStringList scanProblems; // "path: reason" from the folder scan
};

CreateSummary createProject(const Model& model, const QString& modelPath,
                            const CreateOptions& options, Progress& progress);

// What a project records of the model file at `path` that scores with `alignment` (the SHA-256
// only when `hash`: it reads the whole file).
ModelRecord modelRecord(const Model& model, const QString& path, Alignment alignment,
                        bool hash = true);

// A new project's contents besides its images.
struct NewProject {
    QString file;
    QString imagesRoot, layout; // layout: "folder", "mvtec", "visa"
    ModelRecord model;
    std::map<int, QString> groupNames;
    double threshold = 0;
    std::optional<double> reviewBand;
    QString selectedPath; // the image to select when the project opens, if any
};

// Writes a new project to "<file>.part" and renames it over `file` when complete (an existing
// file is replaced: the caller asked). On failure nothing is left behind. Throws cada::Error.
void writeProject(const NewProject& project, std::vector<ImageRecord> images);

// The folder's layout labels (class name, normal or anomalous) for already scored images, the
// layout's name and root; a folder that cannot be scanned keeps its images unlabelled.
void addLayoutLabels(const QString& folder, std::vector<ImageRecord>& images, NewProject& project);
// Every image's content hash and size; an unreadable file becomes the image's error.
void addContentHashes(std::vector<ImageRecord>& images);

} // namespace cada::project
