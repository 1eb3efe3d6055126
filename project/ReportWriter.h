#pragma once
// Reports of a project: CSV of every image, JSON summary with evaluation, PNG overlays of the
// flagged images and a printable PDF. Shared by `cada report` and the workstation's export.
//
// Threading: every function reads only the given snapshot (take it on the store's thread, then
// hand it to a worker). writePdf/writeReport need a QGuiApplication (fonts); the CLI creates one
// on the offscreen platform. Files are written atomically (QSaveFile): a failed export never
// leaves a truncated file behind.
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <map>

#include "ProjectEvaluation.h"
#include "ProjectTypes.h"
#include "cada/Progress.h"

namespace cada {
class Model;
}

namespace cada::project {

// Columns: id, path, group, group_name, raw_score, score, u_hat, gamma_hat, unknown_type,
// verdict, decision, note, reviewer, decided_at, error. Numbers with 17 significant digits
// (exact round trip), RFC 4180 quoting.
QStringList csvHeader();
void writeCsv(const ProjectSnapshot& project, const QString& file);

QJsonObject jsonReport(const ProjectSnapshot& project, const Evaluation& evaluation);
void writeJson(const ProjectSnapshot& project, const Evaluation& evaluation, const QString& file);

struct ReportOptions {
    GroundTruth groundTruth = GroundTruth::Auto;
    int topFlagged = 12; // flagged images shown with their heatmap in the PDF
};

struct ReportFiles {
    QString csv, json, pdf, overlayDir;
    int overlays = 0;
    QStringList problems; // per-image failures while drawing overlays
};

// Writes report.csv, report.json, report.pdf and, when `model` is given, overlays/*.png into
// `outDir` (created if needed). Without a model the PDF shows no heatmaps.
ReportFiles writeReport(const ProjectSnapshot& project, const Model* model, const QString& outDir,
                        Progress& progress, const ReportOptions& options = {});

} // namespace cada::project
