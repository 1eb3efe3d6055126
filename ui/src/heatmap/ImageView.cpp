#include "heatmap/ImageView.h"

#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>
#include <QtConcurrent>

#include <cmath>
#include <limits>

#include <opencv2/imgproc.hpp>

#include "heatmap/HeatmapRenderer.h"
#include "cada/io/ImageLoader.h"
#include "window/EngineMessages.h"

namespace cada::ui {

namespace {
struct Decoded {
    QImage image;
    cv::Mat map;
    QString error;
};

Decoded decode(const QString& path, const cv::Mat& map)
{
    Decoded d;
    try {
        const auto loaded = cada::io::loadImage(path.toStdString());
        cv::Mat rgb;
        cv::cvtColor(loaded.bgr, rgb, cv::COLOR_BGR2RGB);
        d.image = QImage(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888).copy();
        d.map = heatmap::upsample(map, loaded.bgr.size());
    } catch (const std::exception& e) {
        d.error = QString::fromStdString(e.what());
    }
    return d;
}
} // namespace

ImageView::ImageView(QWidget* parent) : QWidget(parent), m_colormap(cv::COLORMAP_JET)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Dark);
    setMinimumSize(200, 150);
}

void ImageView::setImage(const QString& path, const cv::Mat& alignedMap, double imageScore)
{
    const quint64 generation = ++m_generation;
    m_path = path;
    m_imageScore = imageScore;
    QtConcurrent::run([path, alignedMap] {
        return decode(path, alignedMap);
    }).then(this, [this, generation, path](const Decoded& d) {
        if (generation != m_generation)
            return; // a newer image was requested meanwhile
        if (!d.error.isEmpty()) {
            m_image = {};
            m_map.release();
            rebuildOverlay();
            updateHover();
            emit loadFailed(path, localizedEngineMessage(d.error));
            return;
        }
        const QSize oldSize = m_image.size();
        m_image = d.image;
        m_map = d.map;
        rebuildOverlay();
        if (m_fit || oldSize != m_image.size())
            fitToWindow();
        updateHover();
        update();
        emit imageLoaded(path);
    });
}

void ImageView::clear()
{
    ++m_generation;
    m_path.clear();
    m_image = {};
    m_map.release();
    rebuildOverlay();
    updateHover();
}

void ImageView::rebuildOverlay()
{
    m_overlay = heatmap::colorize(m_map, m_threshold, m_colormap, m_colourScale);
    m_contours = heatmap::contours(m_map, m_threshold);
    update();
}

void ImageView::setThreshold(double threshold)
{
    if (threshold == m_threshold)
        return;
    m_threshold = threshold;
    rebuildOverlay();
}

void ImageView::setOpacity(double opacity)
{
    m_opacity = std::clamp(opacity, 0.0, 1.0);
    update();
}

void ImageView::setColourScale(heatmap::Scale scale)
{
    if (scale == m_colourScale)
        return;
    m_colourScale = scale;
    rebuildOverlay();
}

QRect ImageView::legendRect() const
{
    if (m_overlay.isNull() || !(m_overlayVisible || paneCount() == 2))
        return {};
    const int h = std::clamp(height() - 80, 60, 180);
    return QRect(width() - 78, 12, 70, h + 28);
}

void ImageView::setReference(const QString& path, const QString& caption)
{
    const bool wasSideBySide = paneCount() == 2;
    m_referenceCaption = caption;
    if (path == m_referencePath) {
        if (m_fit && wasSideBySide != (paneCount() == 2))
            fitToWindow();
        return update();
    }
    m_referencePath = path;
    m_reference = {};
    const quint64 generation = ++m_referenceGeneration;
    if (!path.isEmpty())
        QtConcurrent::run([path] {
            return decode(path, {});
        }).then(this, [this, generation](const Decoded& d) {
            if (generation != m_referenceGeneration)
                return;
            m_reference = d.image; // a reference that cannot be read shows its caption only
            update();
        });
    if (m_fit && wasSideBySide != (paneCount() == 2))
        fitToWindow();
    update();
}

void ImageView::setBusyText(const QString& text)
{
    if (text == m_busyText)
        return;
    m_busyText = text;
    update();
}

void ImageView::setPlaceholder(const QString& text)
{
    if (text == m_placeholder)
        return;
    m_placeholder = text;
    update();
}

QImage ImageView::composedImage() const
{
    if (m_image.isNull())
        return {};
    QImage out = m_image.convertToFormat(QImage::Format_ARGB32);
    QPainter p(&out);
    if (m_overlayVisible && !m_overlay.isNull()) {
        p.setOpacity(m_opacity);
        p.drawImage(QPointF(0, 0), m_overlay);
        p.setOpacity(1.0);
    }
    if (m_overlayVisible && m_contoursVisible) {
        QPen pen(Qt::white, std::max(1.0, m_image.width() / 400.0));
        p.setPen(pen);
        for (const QPolygonF& poly : m_contours)
            p.drawPolyline(poly);
    }
    return out;
}

bool ImageView::exportHeatmap()
{
    const QImage image = composedImage();
    if (image.isNull())
        return false;
    const QString suggested = QFileInfo(m_path).completeBaseName() + QStringLiteral("_heatmap.png");
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export heatmap"), QDir(QFileInfo(m_path).absolutePath()).filePath(suggested),
        tr("PNG images (*.png)"));
    if (file.isEmpty())
        return false;
    if (!image.save(file, "PNG")) {
        QMessageBox::warning(
            this, tr("Export heatmap"),
            tr("Cannot write '%1' (check that the folder is writable).").arg(file));
        return false;
    }
    return true;
}

void ImageView::contextMenuEvent(QContextMenuEvent* event)
{
    if (m_image.isNull())
        return;
    QMenu menu(this);
    menu.addAction(tr("Export heatmap as PNG..."), this, [this] { exportHeatmap(); });
    menu.exec(event->globalPos());
}

void ImageView::setColormap(int cvColormapId)
{
    if (cvColormapId == m_colormap)
        return;
    m_colormap = cvColormapId;
    rebuildOverlay();
}

void ImageView::setOverlayVisible(bool visible)
{
    m_overlayVisible = visible;
    update();
}

void ImageView::setContoursVisible(bool visible)
{
    m_contoursVisible = visible;
    update();
}

void ImageView::setSideBySide(bool on)
{
    m_sideBySide = on;
    if (m_fit)
        fitToWindow();
    update();
}

QRectF ImageView::paneRect(int pane) const
{
    const double w = double(width()) / paneCount();
    return {pane * w, 0.0, w, double(height())};
}

int ImageView::paneAt(const QPointF& widgetPos) const
{
    return paneCount() == 2 && widgetPos.x() >= width() / 2.0 ? 1 : 0;
}

QPointF ImageView::toImage(const QPointF& widgetPos) const
{
    const QRectF pane = paneRect(paneAt(widgetPos));
    return (widgetPos - pane.topLeft() - m_offset) / m_scale;
}

void ImageView::fitToWindow()
{
    m_fit = true;
    if (m_image.isNull())
        return;
    const QRectF pane = paneRect(0);
    m_scale = std::min(pane.width() / m_image.width(), pane.height() / m_image.height());
    m_offset = QPointF((pane.width() - m_image.width() * m_scale) / 2,
                       (pane.height() - m_image.height() * m_scale) / 2);
    update();
}

void ImageView::zoomActualSize()
{
    m_fit = false;
    if (m_image.isNull())
        return;
    const QRectF pane = paneRect(0);
    m_scale = 1.0;
    m_offset =
        QPointF((pane.width() - m_image.width()) / 2, (pane.height() - m_image.height()) / 2);
    update();
}

double ImageView::valueAt(const QPointF& imagePos) const
{
    const int x = int(std::floor(imagePos.x())), y = int(std::floor(imagePos.y()));
    if (m_map.empty() || x < 0 || y < 0 || x >= m_map.cols || y >= m_map.rows)
        return std::numeric_limits<double>::quiet_NaN();
    return m_map.at<float>(y, x);
}

void ImageView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    if (m_image.isNull()) {
        p.setPen(palette().color(QPalette::BrightText));
        p.drawText(rect(), Qt::AlignCenter,
                   m_path.isEmpty() ? (m_placeholder.isEmpty() ? tr("Select an image in the list.")
                                                               : m_placeholder)
                                    : tr("Loading %1 ...").arg(m_path));
        return;
    }
    p.setRenderHint(QPainter::SmoothPixmapTransform, m_scale < 1.0);
    for (int pane = 0; pane < paneCount(); ++pane) {
        const QRectF r = paneRect(pane);
        p.save();
        p.setClipRect(r);
        p.translate(r.topLeft() + m_offset);
        p.scale(m_scale, m_scale);
        if (comparing() && pane == 0) {
            if (!m_reference.isNull())
                p.drawImage(QRectF(0, 0, m_image.width(), m_image.height()), m_reference);
            p.restore();
            const QRect label = QRect(r.toRect().left() + 8, 8, int(r.width()) - 16, 22);
            p.fillRect(p.fontMetrics()
                           .boundingRect(label, Qt::AlignLeft, m_referenceCaption)
                           .adjusted(-4, -2, 4, 2),
                       QColor(0, 0, 0, 160));
            p.setPen(Qt::white);
            p.drawText(label, Qt::AlignLeft, m_referenceCaption);
            continue;
        }
        p.drawImage(QPointF(0, 0), m_image);
        const bool withOverlay = paneCount() == 2 ? pane == 1 : m_overlayVisible;
        if (withOverlay && !m_overlay.isNull()) {
            p.setOpacity(m_opacity);
            p.drawImage(QPointF(0, 0), m_overlay);
            p.setOpacity(1.0);
        }
        if (withOverlay && m_contoursVisible && !m_contours.isEmpty()) {
            QPen pen(Qt::white, 2.0);
            pen.setCosmetic(true);
            p.setPen(pen);
            for (const QPolygonF& poly : m_contours)
                p.drawPolyline(poly);
        }
        p.restore();
    }
    if (paneCount() == 2) {
        p.setPen(palette().color(QPalette::Mid));
        p.drawLine(QPointF(width() / 2.0, 0), QPointF(width() / 2.0, height()));
    }
    // The colour legend: the scale's values, the threshold marked, and the clear part below it.
    if (const QRect box = legendRect(); !box.isEmpty()) {
        p.fillRect(box, QColor(0, 0, 0, 160));
        const QRect bar(box.left() + 6, box.top() + 14, 12, box.height() - 28);
        p.drawImage(bar, heatmap::legendBar(m_colormap, bar.size()));
        // Below t - 0.5 the overlay is clear: that part of the bar is hatched.
        const auto yOf = [&bar](double position) {
            return bar.bottom() - int(std::lround(position * (bar.height() - 1)));
        };
        const int clearTop =
            yOf(heatmap::scalePosition(m_threshold - 0.5, m_threshold, m_colourScale));
        p.fillRect(QRect(bar.left(), clearTop, bar.width(), bar.bottom() - clearTop + 1),
                   QBrush(QColor(0, 0, 0, 150), Qt::BDiagPattern));
        QFont small = p.font();
        small.setPointSizeF(small.pointSizeF() * 0.85);
        p.setFont(small);
        for (double position : {0.0, 0.5, 0.75, 1.0}) {
            const int y = yOf(position);
            const bool threshold = position == 0.5;
            p.setPen(QPen(threshold ? QColor(255, 60, 60) : Qt::white, threshold ? 2 : 1));
            p.drawLine(bar.left() - 3, y, bar.right() + 3, y);
            p.setPen(Qt::white);
            const double value = heatmap::scaleValue(position, m_threshold, m_colourScale);
            p.drawText(QRect(bar.right() + 6, y - 8, box.right() - bar.right() - 6, 16),
                       Qt::AlignLeft | Qt::AlignVCenter, QString::number(value, 'f', 1));
        }
        p.drawText(QRect(box.left(), box.top(), box.width(), 14), Qt::AlignCenter, tr("Score"));
        p.setFont(font());
    }
    if (!m_busyText.isEmpty()) {
        const QRect box = p.fontMetrics().boundingRect(m_busyText).adjusted(-8, -4, 8, 4);
        const QRect at(QPoint(8, 8), box.size());
        p.fillRect(at, QColor(30, 30, 30, 200));
        p.setPen(QColor(255, 210, 80));
        p.drawText(at, Qt::AlignCenter, m_busyText);
    }
    const QString caption = tr("Score %1 (threshold %2) | %3 %")
                                .arg(m_imageScore, 0, 'f', 3)
                                .arg(m_threshold, 0, 'f', 3)
                                .arg(qRound(m_scale * 100));
    const QString text =
        m_hoverText.isEmpty() ? caption : caption + QStringLiteral(" | ") + m_hoverText;
    const QRect box = p.fontMetrics().boundingRect(text).adjusted(-6, -3, 6, 3);
    const QRect at(QPoint(8, height() - box.height() - 8), box.size());
    p.fillRect(at, QColor(0, 0, 0, 160));
    p.setPen(Qt::white);
    p.drawText(at, Qt::AlignCenter, text);
}

void ImageView::wheelEvent(QWheelEvent* event)
{
    if (m_image.isNull())
        return;
    const double factor = std::pow(1.0015, event->angleDelta().y());
    const double newScale = std::clamp(m_scale * factor, 0.02, 64.0);
    // Keep the image point under the cursor fixed.
    const QPointF panePos = event->position() - paneRect(paneAt(event->position())).topLeft();
    const QPointF imagePos = (panePos - m_offset) / m_scale;
    m_scale = newScale;
    m_offset = panePos - imagePos * m_scale;
    m_fit = false;
    update();
    event->accept();
}

void ImageView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton || event->button() == Qt::MiddleButton) {
        m_dragging = true;
        m_dragStart = event->position();
        m_offsetAtDrag = m_offset;
        setCursor(Qt::ClosedHandCursor);
    }
}

void ImageView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_dragging) {
        m_offset = m_offsetAtDrag + (event->position() - m_dragStart);
        m_fit = false;
        update();
    }
    m_mouse = event->position();
    updateHover();
}

void ImageView::leaveEvent(QEvent*)
{
    m_mouse.reset();
    updateHover();
}

void ImageView::updateHover()
{
    QString text;
    if (m_mouse && !m_image.isNull()) {
        const QPointF ip = toImage(*m_mouse);
        if (ip.x() >= 0 && ip.y() >= 0 && ip.x() < m_image.width() && ip.y() < m_image.height()) {
            const double v = valueAt(ip);
            text = std::isnan(v)
                       ? tr("x %1, y %2").arg(int(ip.x())).arg(int(ip.y()))
                       : tr("x %1, y %2: %3").arg(int(ip.x())).arg(int(ip.y())).arg(v, 0, 'f', 3);
        }
    }
    if (text != m_hoverText) {
        m_hoverText = text;
        emit hoverTextChanged(text);
        update();
    }
}

void ImageView::mouseReleaseEvent(QMouseEvent*)
{
    m_dragging = false;
    unsetCursor();
}

void ImageView::resizeEvent(QResizeEvent*)
{
    if (m_fit)
        fitToWindow();
}

} // namespace cada::ui
