#pragma once
// Blocks laid out top to bottom on the pages of a QPdfWriter. A block that does not fit in what
// is left of a page starts the next one, so no figure, table row or paragraph is ever split;
// a table's header row is repeated on every page it continues on. Images keep their aspect
// ratio. Every placed block is recorded (for the report's layout test).
#include <QFont>
#include <QFontMetricsF>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QStringList>

#include <algorithm>
#include <numeric>
#include <vector>

#include "PdfReport.h"

namespace cada::project {

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

} // namespace cada::project
