#include "PdfReport.h"

#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

#include <algorithm>
#include <cmath>

#include "cada/Error.h"

namespace cada::project {
namespace {

QString fmt(double v, int precision = 3)
{
    return std::isnan(v) ? QStringLiteral("n/a") : QString::number(v, 'f', precision);
}

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString relativePath(const ProjectSnapshot& p, const QString& path)
{
    if (!p.imagesRoot.isEmpty() && path.startsWith(p.imagesRoot + QLatin1Char('/')))
        return path.mid(p.imagesRoot.size() + 1);
    return path;
}

const QColor kGroupColours[] = {QColor(31, 119, 180),  QColor(255, 127, 14),  QColor(44, 160, 44),
                                QColor(214, 39, 40),   QColor(148, 103, 189), QColor(140, 86, 75),
                                QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                                QColor(23, 190, 207)};

void drawTextFit(QPainter& p, const QRectF& r, int flags, const QString& text, double pixelSize)
{
    QFont f = p.font();
    f.setPixelSize(int(pixelSize));
    p.setFont(f);
    p.drawText(r, flags, text);
}

} // namespace

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
        p.setBrush(kGroupColours[std::abs(group + 1) % 10]);
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

void writePdf(const ProjectSnapshot& project, const Evaluation& e,
              const std::map<qint64, QString>& overlays, const QString& file, int topFlagged)
{
    QTextDocument doc;
    QString html;
    int scored = 0, failed = 0, flagged = 0, review = 0, reviewed = 0;
    struct Counts {
        int images = 0, flagged = 0, review = 0, reviewed = 0, ok = 0, defective = 0, unsure = 0;
    };
    std::map<int, Counts> groups;
    std::vector<const ImageRecord*> top;
    for (const ImageRecord& r : project.images) {
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

    html += QStringLiteral("<h1>CADA Inspect report</h1>");
    html += QStringLiteral("<p>Project: %1<br>Created: %2<br>Report generated: %3</p>")
                .arg(esc(project.file), project.createdAt.toString(Qt::ISODate),
                     QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    html += QStringLiteral("<h2>Summary</h2><table border=1 cellspacing=0 cellpadding=4>");
    const auto row = [](const QString& k, const QString& v) {
        return QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(k, v);
    };
    html += row(QStringLiteral("Images"), QString::number(project.images.size()));
    html +=
        row(QStringLiteral("Scored / failed"), QStringLiteral("%1 / %2").arg(scored).arg(failed));
    html += row(QStringLiteral("Flagged (score &ge; threshold)"), QString::number(flagged));
    html += row(QStringLiteral("In the review band"), QString::number(review));
    html += row(QStringLiteral("Reviewed"), QString::number(reviewed));
    html += QStringLiteral("</table>");

    html += QStringLiteral("<h2>Settings</h2><table border=1 cellspacing=0 cellpadding=4>");
    html += row(QStringLiteral("Threshold"), fmt(project.threshold, 4));
    html += row(QStringLiteral("Review band lower threshold"),
                project.session.reviewBandLower ? fmt(*project.session.reviewBandLower, 4)
                                                : QStringLiteral("none"));
    html += row(QStringLiteral("Alignment"), esc(project.model.alignment));
    html += row(QStringLiteral("Model"), esc(project.model.path));
    html += row(QStringLiteral("Model SHA-256"), esc(project.model.sha256));
    html += row(
        QStringLiteral("Method / input size"),
        QStringLiteral("%1 / %2 px").arg(esc(project.model.method)).arg(project.model.imageSize));
    html += row(QStringLiteral("Image folder (layout)"),
                QStringLiteral("%1 (%2)").arg(esc(project.imagesRoot), esc(project.layout)));
    html +=
        row(QStringLiteral("Threshold changes"), QString::number(project.thresholdHistory.size()));
    html += QStringLiteral("</table>");

    html += QStringLiteral("<h2>Evaluation</h2>");
    if (e.empty()) {
        html += QStringLiteral(
            "<p>No ground truth: the layout gives no labels and no image has been reviewed as "
            "OK or defective.</p>");
    } else {
        const auto& c = e.atThreshold;
        html += QStringLiteral("<p>Ground truth: %1 (%2 labelled: %3 defective, %4 normal).</p>")
                    .arg(e.source == GroundTruth::Layout ? QStringLiteral("dataset layout labels")
                                                         : QStringLiteral("review decisions"))
                    .arg(e.scores.size())
                    .arg(e.anomalous)
                    .arg(e.normal);
        html += QStringLiteral("<table border=1 cellspacing=0 cellpadding=4>");
        html += row(QStringLiteral("Pooled image AUROC / AP / F1-max"),
                    QStringLiteral("%1 / %2 / %3")
                        .arg(fmt(e.pooled.auroc), fmt(e.pooled.ap), fmt(e.pooled.f1max)));
        html += row(
            QStringLiteral("Mean per group AUROC / AP / F1-max"),
            QStringLiteral("%1 / %2 / %3")
                .arg(fmt(e.meanPerGroup.auroc), fmt(e.meanPerGroup.ap), fmt(e.meanPerGroup.f1max)));
        html += row(
            QStringLiteral("At the threshold: precision / recall / F1"),
            QStringLiteral("%1 / %2 / %3").arg(fmt(c.precision()), fmt(c.recall()), fmt(c.f1())));
        html += row(QStringLiteral("False alarms / misses"),
                    QStringLiteral("%1 / %2").arg(c.fp).arg(c.fn));
        html += row(QStringLiteral("Confusion (TP, FP, TN, FN)"),
                    QStringLiteral("%1, %2, %3, %4").arg(c.tp).arg(c.fp).arg(c.tn).arg(c.fn));
        html += QStringLiteral("</table>");
    }
    doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("cada:roc")), renderRoc(e));
    html += QStringLiteral("<p><img src=\"cada:roc\" width=\"360\"></p>");

    html += QStringLiteral(
        "<h2>Counts per group</h2><table border=1 cellspacing=0 cellpadding=4><tr><th>Group</th>"
        "<th>Images</th><th>Flagged</th><th>Review band</th><th>Reviewed</th><th>OK</th>"
        "<th>Defective</th><th>Unsure</th><th>AUROC</th></tr>");
    for (const auto& [id, g] : groups) {
        QString auroc = QStringLiteral("n/a");
        for (const GroupEvaluation& ge : e.perGroup)
            if (ge.group == id)
                auroc = fmt(ge.metrics.auroc);
        html +=
            QStringLiteral(
                "<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td><td>%7</td>"
                "<td>%8</td><td>%9</td></tr>")
                .arg(esc(project.groupName(id)))
                .arg(g.images)
                .arg(g.flagged)
                .arg(g.review)
                .arg(g.reviewed)
                .arg(g.ok)
                .arg(g.defective)
                .arg(g.unsure)
                .arg(auroc);
    }
    html += QStringLiteral("</table>");
    doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("cada:hist")),
                    renderHistograms(project));
    html += QStringLiteral(
        "<h2>Aligned score per group</h2><p>Red dashed line: threshold; shaded: review band.</p>"
        "<p><img src=\"cada:hist\" width=\"620\"></p>");

    html += QStringLiteral("<h2>Top flagged images</h2>");
    if (top.empty())
        html += QStringLiteral("<p>No image is flagged at this threshold.</p>");
    else {
        if (overlays.empty())
            html +=
                QStringLiteral("<p>Heatmaps not included (no model was given to draw them).</p>");
        html += QStringLiteral(
            "<table border=1 cellspacing=0 cellpadding=4><tr><th>#</th><th>Heatmap</th>"
            "<th>Image</th><th>Group</th><th>Score</th><th>Decision</th></tr>");
        int rank = 0;
        for (const ImageRecord* r : top) {
            ++rank;
            QString cell;
            const auto it = overlays.find(r->id);
            if (it != overlays.end()) {
                QImage overlay(it->second);
                if (!overlay.isNull()) {
                    const QUrl url(QStringLiteral("cada:overlay/%1").arg(r->id));
                    doc.addResource(
                        QTextDocument::ImageResource, url,
                        overlay.scaled(256, 256, Qt::KeepAspectRatio, Qt::SmoothTransformation));
                    cell = QStringLiteral("<img src=\"%1\" width=\"120\">").arg(url.toString());
                }
            }
            html +=
                QStringLiteral(
                    "<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td></tr>")
                    .arg(rank)
                    .arg(cell)
                    .arg(esc(relativePath(project, r->path)))
                    .arg(esc(project.groupName(r->group)))
                    .arg(fmt(r->score))
                    .arg(r->decision == Decision::None ? QStringLiteral("&ndash;")
                                                       : decisionName(r->decision));
        }
        html += QStringLiteral("</table>");
    }
    doc.setHtml(html);

    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        throw Error("Cannot write '" + file.toStdString() +
                    "': " + out.errorString().toStdString() + ".");
    {
        QPdfWriter writer(&out);
        writer.setTitle(QStringLiteral("CADA Inspect report"));
        writer.setCreator(QStringLiteral("CADA Inspect"));
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        writer.setResolution(300);
        doc.print(&writer);
    }
    if (!out.commit())
        throw Error("Cannot write '" + file.toStdString() +
                    "': " + out.errorString().toStdString() + ".");
}

} // namespace cada::project
