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

namespace {

// Blocks laid out top to bottom on the pages of a QPdfWriter. A block that does not fit in what
// is left of a page starts the next one, so no figure, table row or paragraph is ever split;
// a table's header row is repeated on every page it continues on. Images keep their aspect
// ratio. Every placed block is recorded (for the report's layout test).
class PageLayout {
  public:
    explicit PageLayout(QPdfWriter& writer) : m_writer(writer), m_painter(&writer)
    {
        m_width = writer.width();
        m_height = writer.height();
        m_painter.setRenderHint(QPainter::Antialiasing);
        m_painter.setRenderHint(QPainter::SmoothPixmapTransform);
    }

    PdfLayout result() const { return {m_page + 1, m_placed}; }
    double width() const { return m_width; }

    void heading(const QString& text, int level)
    {
        QFont f = font(level == 1 ? 18.0 : 13.0, true);
        const double gap = level == 1 ? 0 : pt(10);
        const QRectF r = measure(text, f, m_width);
        // A heading stays with at least a few lines of what follows it.
        ensure(gap + r.height() + pt(60));
        m_y += gap;
        draw(text, f, QRectF(0, m_y, m_width, r.height()), PlacedBox::Text);
        m_y += r.height() + pt(4);
    }

    void paragraph(const QString& text, double size = 9.5)
    {
        const QFont f = font(size);
        const QRectF r = measure(text, f, m_width);
        ensure(r.height());
        draw(text, f, QRectF(0, m_y, m_width, r.height()), PlacedBox::Text);
        m_y += r.height() + pt(5);
    }

    // Images side by side in one band, each `fraction` of the content width, at their aspect
    // ratio; scaled down if the band would be taller than a page.
    void images(const std::vector<QImage>& row, double fraction)
    {
        double w = m_width * fraction, h = 0;
        for (const QImage& im : row)
            h = std::max(h, w * im.height() / std::max(1, im.width()));
        if (h > m_height) {
            w *= m_height / h;
            h = m_height;
        }
        ensure(h);
        double x = 0;
        for (const QImage& im : row) {
            const double ih = w * im.height() / std::max(1, im.width());
            const QRectF r(x, m_y, w, ih);
            m_painter.drawImage(r, im);
            record(r, PlacedBox::Image, double(im.width()) / std::max(1, im.height()));
            x += w + pt(6);
        }
        m_y += h + pt(8);
    }

    struct Cell {
        QString text;
        QImage image;  // drawn above the text, at `imageWidth` of the column, aspect kept
        QColor swatch; // a colour square before the text (group colours)
    };
    // Columns get their natural width; when the table is too wide, the columns with a weight
    // shrink (paths wrap), never below their header's longest word, so no word is cut.
    void table(const QStringList& header, const std::vector<std::vector<Cell>>& rows,
               const std::vector<double>& shrinkWeight, double imageWidth = 0)
    {
        const QFont headFont = font(8.5, true), bodyFont = font(8.5);
        const double pad = pt(3);
        const int n = int(header.size());
        std::vector<double> widths(std::size_t(n), 0), minimum(std::size_t(n), 0);
        const QFontMetricsF hm(headFont, &m_writer), bm(bodyFont, &m_writer);
        for (int c = 0; c < n; ++c) {
            for (const QString& word : header[c].split(QLatin1Char(' ')))
                minimum[std::size_t(c)] =
                    std::max(minimum[std::size_t(c)], hm.horizontalAdvance(word));
            widths[std::size_t(c)] = hm.horizontalAdvance(header[c]);
            for (const auto& row : rows) {
                const Cell& cell = row[std::size_t(c)];
                double w = bm.horizontalAdvance(cell.text) + (cell.swatch.isValid() ? pt(10) : 0);
                if (!cell.image.isNull())
                    w = std::max(w, imageWidth);
                widths[std::size_t(c)] = std::max(widths[std::size_t(c)], w);
            }
            // A little slack: the printer's glyphs may come out a hair wider than measured.
            widths[std::size_t(c)] += 2 * pad + pt(2);
            minimum[std::size_t(c)] += 2 * pad + pt(2);
        }
        double total = std::accumulate(widths.begin(), widths.end(), 0.0);
        double weights = 0;
        for (int c = 0; c < n; ++c)
            weights += shrinkWeight[std::size_t(c)];
        if (total < m_width && weights > 0) { // the weighted columns take the spare width
            const double spare = m_width - total;
            for (int c = 0; c < n; ++c)
                widths[std::size_t(c)] += spare * shrinkWeight[std::size_t(c)] / weights;
            total = m_width;
        }
        if (total > m_width) {
            const double excess = total - m_width;
            for (int c = 0; c < n && weights > 0; ++c)
                widths[std::size_t(c)] = std::max(
                    minimum[std::size_t(c)],
                    widths[std::size_t(c)] - excess * shrinkWeight[std::size_t(c)] / weights);
            total = std::accumulate(widths.begin(), widths.end(), 0.0);
        }
        if (total > m_width) // still too wide: every column in proportion
            for (double& w : widths)
                w *= m_width / total;
        const auto rowHeight = [&](const std::vector<QString>& texts, const QFont& f,
                                   const std::vector<const Cell*>& cells) {
            double h = 0;
            for (int c = 0; c < n; ++c) {
                double ch = measure(texts[std::size_t(c)], f,
                                    widths[std::size_t(c)] - 2 * pad -
                                        (cells.empty() || !cells[std::size_t(c)]->swatch.isValid()
                                             ? 0
                                             : pt(10)))
                                .height();
                if (!cells.empty() && !cells[std::size_t(c)]->image.isNull()) {
                    const QImage& im = cells[std::size_t(c)]->image;
                    const double iw = std::min(imageWidth, widths[std::size_t(c)] - 2 * pad);
                    ch += iw * im.height() / std::max(1, im.width());
                }
                h = std::max(h, ch);
            }
            return h + 2 * pad;
        };
        const std::vector<QString> headTexts(header.begin(), header.end());
        const double headH = rowHeight(headTexts, headFont, {});
        const auto drawRow = [&](const std::vector<QString>& texts, const QFont& f, double h,
                                 const std::vector<const Cell*>& cells, bool head) {
            double x = 0;
            for (int c = 0; c < n; ++c) {
                const QRectF box(x, m_y, widths[std::size_t(c)], h);
                if (head)
                    m_painter.fillRect(box, QColor(235, 235, 235));
                m_painter.setPen(QPen(QColor(150, 150, 150), pt(0.5)));
                m_painter.drawRect(box);
                QRectF inner = box.adjusted(pad, pad, -pad, -pad);
                if (!cells.empty() && !cells[std::size_t(c)]->image.isNull()) {
                    const QImage& im = cells[std::size_t(c)]->image;
                    const double iw = std::min(imageWidth, inner.width());
                    const QRectF r(inner.left(), inner.top(), iw,
                                   iw * im.height() / std::max(1, im.width()));
                    m_painter.drawImage(r, im);
                    record(r, PlacedBox::Image, double(im.width()) / std::max(1, im.height()));
                    inner.setTop(r.bottom());
                }
                if (!cells.empty() && cells[std::size_t(c)]->swatch.isValid()) {
                    const QRectF sw(inner.left(), inner.top() + pt(2), pt(7), pt(7));
                    m_painter.fillRect(sw, cells[std::size_t(c)]->swatch);
                    inner.setLeft(inner.left() + pt(10));
                }
                m_painter.setPen(Qt::black);
                m_painter.setFont(f);
                m_painter.drawText(inner, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                                   texts[std::size_t(c)]);
                x += widths[std::size_t(c)];
            }
            record(QRectF(0, m_y, total, h), head ? PlacedBox::TableHeader : PlacedBox::TableRow);
            m_y += h;
        };
        ensure(headH + (rows.empty() ? 0 : rowHeight({rows[0].size(), QString()}, bodyFont, {})));
        drawRow(headTexts, headFont, headH, {}, true);
        for (const auto& row : rows) {
            std::vector<QString> texts;
            std::vector<const Cell*> cells;
            for (const Cell& c : row) {
                texts.push_back(c.text);
                cells.push_back(&c);
            }
            const double h = rowHeight(texts, bodyFont, cells);
            if (m_y + h > m_height) {
                newPage();
                drawRow(headTexts, headFont, headH, {}, true);
            }
            drawRow(texts, bodyFont, h, cells, false);
        }
        m_y += pt(8);
    }

  private:
    double pt(double points) const { return points * m_writer.resolution() / 72.0; }
    QFont font(double points, bool bold = false) const
    {
        QFont f;
        f.setPointSizeF(points);
        f.setBold(bold);
        return f;
    }
    QRectF measure(const QString& text, const QFont& f, double width) const
    {
        const QFontMetricsF m(f, &m_writer);
        return m.boundingRect(QRectF(0, 0, width, 1e9), Qt::AlignLeft | Qt::TextWordWrap, text);
    }
    void draw(const QString& text, const QFont& f, const QRectF& r, PlacedBox::Kind kind)
    {
        m_painter.setFont(f);
        m_painter.setPen(Qt::black);
        m_painter.drawText(r, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text);
        record(r, kind);
    }
    void ensure(double height)
    {
        if (m_y > 0 && m_y + height > m_height)
            newPage();
    }
    void newPage()
    {
        m_writer.newPage();
        ++m_page;
        m_y = 0;
    }
    void record(const QRectF& r, PlacedBox::Kind kind, double aspect = 0)
    {
        m_placed.push_back({m_page, kind, r, aspect, m_height});
    }

    QPdfWriter& m_writer;
    QPainter m_painter;
    double m_width = 0, m_height = 0, m_y = 0;
    int m_page = 0;
    std::vector<PlacedBox> m_placed;
};

} // namespace

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
