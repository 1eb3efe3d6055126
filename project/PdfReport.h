#pragma once
// The printable PDF report: summary and settings, counts per group, per-group histograms of the
// aligned score with the threshold, the ROC curve with the operating point, the top flagged
// images with their heatmaps, and the review notes. Laid out block by block on A4 pages with
// QPainter and QPdfWriter (no QPrinter, no widgets): no figure, table row or paragraph is split
// across pages, table headers repeat, images keep their aspect ratio, group colours are the
// workstation's. Needs a QGuiApplication (fonts).
#include <QColor>
#include <QImage>
#include <QRectF>
#include <QString>

#include <map>
#include <vector>

#include "ProjectEvaluation.h"
#include "ProjectTypes.h"

namespace cada::project {

// The colour of an implicit group, the same in the workstation and the report (-1: unknown).
QColor groupColour(int group);

// Histograms of the aligned scores, one panel per group, threshold and review band marked: all
// panels in one image (two columns), or one image per panel.
QImage renderHistograms(const ProjectSnapshot& project, int width = 1600);
std::vector<QImage> renderHistogramPanels(const ProjectSnapshot& project, int panelWidth = 800);
// ROC curve of the evaluation with the operating point at its threshold; a note when undefined.
QImage renderRoc(const Evaluation& evaluation, int size = 900);

// Where writePdf put each block: page (from 0), kind, rectangle in device pixels, and for
// images the aspect ratio of the source (width / height), for the layout test.
struct PlacedBox {
    enum Kind { Text, Image, TableHeader, TableRow };
    int page = 0;
    Kind kind = Text;
    QRectF rect;
    double sourceAspect = 0;
    double pageHeight = 0; // of the content area
};
struct PdfLayout {
    int pages = 0;
    std::vector<PlacedBox> boxes;
};

// `overlays`: image id -> PNG file (from writeOverlays); may be empty.
PdfLayout writePdf(const ProjectSnapshot& project, const Evaluation& evaluation,
                   const std::map<qint64, QString>& overlays, const QString& file,
                   int topFlagged = 12);

} // namespace cada::project
