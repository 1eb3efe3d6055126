#pragma once
// The printable PDF report: summary and settings, counts per group, per-group histograms of the
// aligned score with the threshold, the ROC curve with the operating point, and the top flagged
// images with their heatmaps. Laid out with QTextDocument, charts drawn with QPainter, written
// with QPdfWriter (no QPrinter, no widgets). Needs a QGuiApplication (fonts).
#include <QImage>
#include <QString>

#include <map>

#include "ProjectEvaluation.h"
#include "ProjectTypes.h"

namespace cada::project {

// Histograms of the aligned scores, one panel per group, threshold and review band marked.
QImage renderHistograms(const ProjectSnapshot& project, int width = 1600);
// ROC curve of the evaluation with the operating point at its threshold; a note when undefined.
QImage renderRoc(const Evaluation& evaluation, int size = 900);

// `overlays`: image id -> PNG file (from writeOverlays); may be empty.
void writePdf(const ProjectSnapshot& project, const Evaluation& evaluation,
              const std::map<qint64, QString>& overlays, const QString& file, int topFlagged = 12);

} // namespace cada::project
