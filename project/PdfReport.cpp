#include "PdfReport.h"

#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QSaveFile>
#include <QFontMetricsF>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "PageLayout.h"
#include "cada/Error.h"

namespace cada::project {
namespace {

QString fmt(double v, int precision = 3)
{
    return std::isnan(v) ? QStringLiteral("n/a") : QString::number(v, 'f', precision);
}

QString relativePath(const ProjectSnapshot& p, const QString& path)
{
    if (!p.imagesRoot.isEmpty() && path.startsWith(p.imagesRoot + QLatin1Char('/')))
        return path.mid(p.imagesRoot.size() + 1);
    return path;
}

void drawTextFit(QPainter& p, const QRectF& r, int flags, const QString& text, double pixelSize)
{
    QFont f = p.font();
    f.setPixelSize(int(pixelSize));
    p.setFont(f);
    p.drawText(r, flags, text);
}

} // namespace

QColor groupColour(int group)
{
    static const QColor palette[] = {
        {31, 119, 180},  {255, 127, 14},  {44, 160, 44},  {148, 103, 189}, {140, 86, 75},
        {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207},  {214, 39, 40}};
    if (group < 0)
        return QColor(60, 60, 60);
    return palette[group % 10];
}

std::vector<QImage> renderHistogramPanels(const ProjectSnapshot& project, int panelWidth)
{
    std::vector<QImage> out;
    const QImage all = renderHistograms(project, 2 * panelWidth);
    const int panelH = panelWidth * 2 / 5;
    std::size_t groups = 0;
    {
        std::map<int, int> seen;
        for (const ImageRecord& r : project.images)
            if (r.ok())
                seen[r.group] = 1;
        groups = std::max<std::size_t>(1, seen.size());
    }
    for (std::size_t i = 0; i < groups; ++i)
        out.push_back(all.copy(int(i % 2) * panelWidth, int(i / 2) * panelH, panelWidth, panelH));
    return out;
}

QImage renderHistograms(const ProjectSnapshot& project, int width)
{
    std::map<int, std::vector<double>> byGroup;
    double lo = project.threshold - 1.5, hi = project.threshold + 1.5;
    for (const ImageRecord& r : project.images)
        if (r.ok()) {
            byGroup[r.group].push_back(r.score);
            lo = std::min(lo, r.score);
            hi = std::max(hi, r.score);
        }
    const int columns = 2, panels = std::max<int>(1, int(byGroup.size()));
    const int rows = (panels + columns - 1) / columns;
    const int panelW = width / columns, panelH = panelW * 2 / 5;
    QImage img(width, rows * panelH, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    if (byGroup.empty()) {
        drawTextFit(p, img.rect(), Qt::AlignCenter, QStringLiteral("No scored images"),
                    panelH / 10.0);
        return img;
    }
    const int bins = 40;
    const double binW = (hi - lo) / bins;
    int index = 0;
    for (const auto& [group, scores] : byGroup) {
        const QRectF panel((index % columns) * panelW, (index / columns) * panelH, panelW, panelH);
        const QRectF plot =
            panel.adjusted(panelW * 0.08, panelH * 0.16, -panelW * 0.04, -panelH * 0.14);
        std::vector<int> counts(bins, 0);
        for (double s : scores)
            ++counts[std::clamp(int((s - lo) / binW), 0, bins - 1)];
        const int maxCount = std::max(1, *std::max_element(counts.begin(), counts.end()));
        const auto x = [&](double v) { return plot.left() + (v - lo) / (hi - lo) * plot.width(); };
        if (project.session.reviewBandLower) {
            const double b = std::max(lo, *project.session.reviewBandLower);
            p.fillRect(
                QRectF(QPointF(x(b), plot.top()), QPointF(x(project.threshold), plot.bottom())),
                QColor(255, 200, 0, 70));
        }
        p.setPen(Qt::NoPen);
        p.setBrush(groupColour(group));
        for (int b = 0; b < bins; ++b) {
            const double h = plot.height() * counts[std::size_t(b)] / maxCount;
            p.drawRect(QRectF(x(lo + b * binW), plot.bottom() - h, plot.width() / bins - 1, h));
        }
        p.setPen(QPen(Qt::black, 1.5));
        p.drawLine(plot.bottomLeft(), plot.bottomRight());
        p.drawLine(plot.bottomLeft(), plot.topLeft());
        p.setPen(QPen(QColor(200, 0, 0), 3, Qt::DashLine));
        p.drawLine(QPointF(x(project.threshold), plot.top()),
                   QPointF(x(project.threshold), plot.bottom()));
        p.setPen(Qt::black);
        const double text = panelH * 0.075;
        drawTextFit(
            p, QRectF(panel.left(), panel.top(), panel.width(), plot.top() - panel.top()),
            Qt::AlignCenter,
            QStringLiteral("%1 (%2 %3)")
                .arg(project.groupName(group))
                .arg(scores.size())
                .arg(scores.size() == 1 ? QStringLiteral("image") : QStringLiteral("images")),
            text * 1.2);
        drawTextFit(
            p, QRectF(plot.left(), plot.bottom(), plot.width(), panel.bottom() - plot.bottom()),
            Qt::AlignLeft | Qt::AlignVCenter, fmt(lo, 2), text);
        drawTextFit(
            p, QRectF(plot.left(), plot.bottom(), plot.width(), panel.bottom() - plot.bottom()),
            Qt::AlignRight | Qt::AlignVCenter, fmt(hi, 2), text);
        drawTextFit(
            p, QRectF(plot.left(), plot.bottom(), plot.width(), panel.bottom() - plot.bottom()),
            Qt::AlignHCenter | Qt::AlignVCenter, QStringLiteral("aligned score"), text);
        drawTextFit(
            p, QRectF(panel.left(), plot.top() - text, plot.left() - panel.left() - 4, text * 1.5),
            Qt::AlignRight | Qt::AlignVCenter, QString::number(maxCount), text);
        ++index;
    }
    return img;
}

QImage renderRoc(const Evaluation& e, int size)
{
    QImage img(size, size, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF plot(size * 0.12, size * 0.08, size * 0.82, size * 0.80);
    const auto pt = [&](double fpr, double tpr) {
        return QPointF(plot.left() + fpr * plot.width(), plot.bottom() - tpr * plot.height());
    };
    p.setPen(QPen(Qt::black, 2));
    p.drawRect(plot);
    p.setPen(QPen(Qt::gray, 1.5, Qt::DashLine));
    p.drawLine(pt(0, 0), pt(1, 1));
    const double text = size * 0.035;
    p.setPen(Qt::black);
    drawTextFit(p,
                QRectF(plot.left(), plot.bottom() + text * 1.3, plot.width(), size - plot.bottom()),
                Qt::AlignHCenter | Qt::AlignTop, QStringLiteral("false-positive rate"), text);
    p.save();
    p.translate(size * 0.03, plot.center().y());
    p.rotate(-90);
    drawTextFit(p, QRectF(-plot.height() / 2, -text, plot.height(), text * 2.5), Qt::AlignCenter,
                QStringLiteral("true-positive rate"), text);
    p.restore();
    for (int tick = 0; tick <= 1; ++tick) {
        drawTextFit(p, QRectF(pt(tick, 0).x() - text, plot.bottom() + 2, 2 * text, text * 1.2),
                    Qt::AlignCenter, QString::number(tick), text * 0.8);
        drawTextFit(
            p, QRectF(plot.left() - 2.2 * text, pt(0, tick).y() - text * 0.6, 2 * text, text * 1.2),
            Qt::AlignRight | Qt::AlignVCenter, QString::number(tick), text * 0.8);
    }
    if (!e.roc) {
        drawTextFit(p, plot, Qt::AlignCenter | Qt::TextWordWrap,
                    QStringLiteral("ROC undefined: needs labelled normal and defective images"),
                    text);
        return img;
    }
    QPainterPath curve(pt(e.roc->fpr.front(), e.roc->tpr.front()));
    for (std::size_t i = 1; i < e.roc->fpr.size(); ++i)
        curve.lineTo(pt(e.roc->fpr[i], e.roc->tpr[i]));
    p.setPen(QPen(QColor(31, 119, 180), 4));
    p.setBrush(Qt::NoBrush);
    p.drawPath(curve);
    const auto& c = e.atThreshold;
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(200, 0, 0));
    p.drawEllipse(pt(c.falseAlarmRate(), c.recall()), size * 0.015, size * 0.015);
    p.setPen(Qt::black);
    drawTextFit(p, QRectF(0, 0, size, plot.top()), Qt::AlignCenter,
                QStringLiteral("AUROC %1; dot: threshold %2")
                    .arg(fmt(e.pooled.auroc))
                    .arg(fmt(e.threshold)),
                text);
    return img;
}

PdfLayout writePdf(const ProjectSnapshot& project, const Evaluation& e,
                   const std::map<qint64, QString>& overlays, const QString& file, int topFlagged)
{
    int scored = 0, failed = 0, flagged = 0, review = 0, reviewed = 0;
    struct Counts {
        int images = 0, flagged = 0, review = 0, reviewed = 0, ok = 0, defective = 0, unsure = 0;
    };
    std::map<int, Counts> groups;
    std::vector<const ImageRecord*> top, noted;
    for (const ImageRecord& r : project.images) {
        if (!r.note.isEmpty())
            noted.push_back(&r);
        if (!r.ok()) {
            ++failed;
            continue;
        }
        ++scored;
        Counts& g = groups[r.group];
        ++g.images;
        const Verdict v = project.verdict(r);
        if (v == Verdict::Defective) {
            ++flagged;
            ++g.flagged;
            top.push_back(&r);
        }
        if (v == Verdict::Review) {
            ++review;
            ++g.review;
        }
        if (r.decision != Decision::None) {
            ++reviewed;
            ++g.reviewed;
            (r.decision == Decision::Ok          ? g.ok
             : r.decision == Decision::Defective ? g.defective
                                                 : g.unsure)++;
        }
    }
    std::sort(top.begin(), top.end(),
              [](const ImageRecord* a, const ImageRecord* b) { return a->score > b->score; });
    if (int(top.size()) > topFlagged)
        top.resize(std::size_t(std::max(0, topFlagged)));

    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        throw Error("Cannot write '" + file.toStdString() +
                    "': " + out.errorString().toStdString() + ".");
    PdfLayout layout;
    {
        QPdfWriter writer(&out);
        writer.setTitle(QStringLiteral("CADA Inspect report"));
        writer.setCreator(QStringLiteral("CADA Inspect"));
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setResolution(300);
        PageLayout page(writer);
        using Cell = PageLayout::Cell;
        const auto text = [](const QString& t) { return Cell{t, {}, {}}; };
        const auto pairs = [&](const std::vector<std::pair<QString, QString>>& kv) {
            std::vector<std::vector<Cell>> rows;
            for (const auto& [k, v] : kv)
                rows.push_back({text(k), text(v)});
            return rows;
        };

        page.heading(QStringLiteral("CADA Inspect report"), 1);
        page.paragraph(QStringLiteral("Project: %1\nCreated: %2\nReport generated: %3")
                           .arg(project.file, project.createdAt.toString(Qt::ISODate),
                                QDateTime::currentDateTimeUtc().toString(Qt::ISODate)));
        page.heading(QStringLiteral("Summary"), 2);
        page.table(
            {QStringLiteral("Quantity"), QStringLiteral("Value")},
            pairs({{QStringLiteral("Images"), QString::number(project.images.size())},
                   {QStringLiteral("Scored / failed"),
                    QStringLiteral("%1 / %2").arg(scored).arg(failed)},
                   {QStringLiteral("Flagged (score \u2265 threshold)"), QString::number(flagged)},
                   {QStringLiteral("In the review band"), QString::number(review)},
                   {QStringLiteral("Reviewed"), QString::number(reviewed)}}),
            {0, 1});
        page.heading(QStringLiteral("Settings"), 2);
        page.table(
            {QStringLiteral("Setting"), QStringLiteral("Value")},
            pairs({{QStringLiteral("Threshold"), fmt(project.threshold, 4)},
                   {QStringLiteral("Review band lower threshold"),
                    project.session.reviewBandLower ? fmt(*project.session.reviewBandLower, 4)
                                                    : QStringLiteral("none")},
                   {QStringLiteral("Alignment"), project.model.alignment},
                   {QStringLiteral("Model"), project.model.path},
                   {QStringLiteral("Model SHA-256"), project.model.sha256},
                   {QStringLiteral("Method / input size"), QStringLiteral("%1 / %2 px")
                                                               .arg(project.model.method)
                                                               .arg(project.model.imageSize)},
                   {QStringLiteral("Image folder (layout)"),
                    QStringLiteral("%1 (%2)").arg(project.imagesRoot, project.layout)},
                   {QStringLiteral("Threshold changes"),
                    QString::number(project.thresholdHistory.size())}}),
            {0, 1});

        page.heading(QStringLiteral("Evaluation"), 2);
        if (e.empty()) {
            page.paragraph(QStringLiteral("No ground truth: the layout gives no labels and no "
                                          "image has been reviewed as OK or defective."));
        } else {
            const auto& c = e.atThreshold;
            page.paragraph(
                QStringLiteral("Ground truth: %1 (%2 labelled: %3 defective, %4 normal).")
                    .arg(e.source == GroundTruth::Layout ? QStringLiteral("dataset layout labels")
                                                         : QStringLiteral("review decisions"))
                    .arg(e.scores.size())
                    .arg(e.anomalous)
                    .arg(e.normal));
            page.table(
                {QStringLiteral("Metric"), QStringLiteral("Value")},
                pairs({{QStringLiteral("Pooled image AUROC / AP / F1-max"),
                        QStringLiteral("%1 / %2 / %3")
                            .arg(fmt(e.pooled.auroc), fmt(e.pooled.ap), fmt(e.pooled.f1max))},
                       {QStringLiteral("Mean per group AUROC / AP / F1-max"),
                        QStringLiteral("%1 / %2 / %3")
                            .arg(fmt(e.meanPerGroup.auroc), fmt(e.meanPerGroup.ap),
                                 fmt(e.meanPerGroup.f1max))},
                       {QStringLiteral("At the threshold: precision / recall / F1"),
                        QStringLiteral("%1 / %2 / %3")
                            .arg(fmt(c.precision()), fmt(c.recall()), fmt(c.f1()))},
                       {QStringLiteral("False alarms / misses"),
                        QStringLiteral("%1 / %2").arg(c.fp).arg(c.fn)},
                       {QStringLiteral("Confusion (TP, FP, TN, FN)"),
                        QStringLiteral("%1, %2, %3, %4").arg(c.tp).arg(c.fp).arg(c.tn).arg(c.fn)}}),
                {0, 1});
        }
        page.images({renderRoc(e)}, 0.5);

        page.heading(QStringLiteral("Counts per group"), 2);
        std::vector<std::vector<Cell>> countRows;
        for (const auto& [id, g] : groups) {
            QString auroc = QStringLiteral("n/a");
            for (const GroupEvaluation& ge : e.perGroup)
                if (ge.group == id)
                    auroc = fmt(ge.metrics.auroc);
            countRows.push_back({Cell{project.groupName(id), {}, groupColour(id)},
                                 text(QString::number(g.images)), text(QString::number(g.flagged)),
                                 text(QString::number(g.review)), text(QString::number(g.reviewed)),
                                 text(QString::number(g.ok)), text(QString::number(g.defective)),
                                 text(QString::number(g.unsure)), text(auroc)});
        }
        page.table({QStringLiteral("Group"), QStringLiteral("Images"), QStringLiteral("Flagged"),
                    QStringLiteral("Review band"), QStringLiteral("Reviewed"), QStringLiteral("OK"),
                    QStringLiteral("Defective"), QStringLiteral("Unsure"), QStringLiteral("AUROC")},
                   countRows, {1, 0, 0, 0, 0, 0, 0, 0, 0});

        page.heading(QStringLiteral("Aligned score per group"), 2);
        page.paragraph(QStringLiteral("Red dashed line: threshold; shaded: review band."));
        const std::vector<QImage> panels = renderHistogramPanels(project, 800);
        for (std::size_t i = 0; i < panels.size(); i += 2) {
            std::vector<QImage> band{panels[i]};
            if (i + 1 < panels.size())
                band.push_back(panels[i + 1]);
            page.images(band, 0.49);
        }

        page.heading(QStringLiteral("Top flagged images"), 2);
        if (top.empty()) {
            page.paragraph(QStringLiteral("No image is flagged at this threshold."));
        } else {
            if (overlays.empty())
                page.paragraph(
                    QStringLiteral("Heatmaps not included (no model was given to draw them)."));
            std::vector<std::vector<Cell>> rows;
            int rank = 0;
            for (const ImageRecord* r : top) {
                QImage overlay;
                if (const auto it = overlays.find(r->id); it != overlays.end())
                    overlay = QImage(it->second);
                rows.push_back({text(QString::number(++rank)), Cell{QString(), overlay, {}},
                                text(relativePath(project, r->path)),
                                Cell{project.groupName(r->group), {}, groupColour(r->group)},
                                text(fmt(r->score)),
                                text(r->decision == Decision::None ? QStringLiteral("\u2013")
                                                                   : decisionName(r->decision)),
                                text(r->note)});
            }
            page.table({QStringLiteral("#"), QStringLiteral("Heatmap"), QStringLiteral("Image"),
                        QStringLiteral("Group"), QStringLiteral("Score"),
                        QStringLiteral("Decision"), QStringLiteral("Note")},
                       rows, {0, 0, 3, 0, 0, 0, 1}, page.width() * 0.16);
        }

        page.heading(QStringLiteral("Review notes"), 2);
        if (noted.empty()) {
            page.paragraph(QStringLiteral("No image has a note."));
        } else {
            std::vector<std::vector<Cell>> rows;
            for (const ImageRecord* r : noted)
                rows.push_back({text(relativePath(project, r->path)),
                                text(r->decision == Decision::None ? QStringLiteral("\u2013")
                                                                   : decisionName(r->decision)),
                                text(r->reviewer), text(r->note)});
            page.table({QStringLiteral("Image"), QStringLiteral("Decision"),
                        QStringLiteral("Reviewer"), QStringLiteral("Note")},
                       rows, {2, 0, 1, 3});
        }
        layout = page.result();
    }
    if (!out.commit())
        throw Error("Cannot write '" + file.toStdString() +
                    "': " + out.errorString().toStdString() + ".");
    return layout;
}

} // namespace cada::project
