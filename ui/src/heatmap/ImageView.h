#pragma once
#include <optional>
// Shows one image with its anomaly heatmap: overlay (fixed colour scale, see HeatmapRenderer.h),
// opacity, colormap, show/hide, defect contours, score under the cursor, wheel zoom around the
// cursor, drag to pan, fit / 100 %, and a side-by-side mode (original | overlay, shared zoom).
//
// setImage() decodes the file on a worker thread and returns at once; a newer setImage() wins
// over an older load still in flight. The map is the aligned map at model resolution.
#include <QImage>
#include <QPolygonF>
#include <QWidget>

#include <opencv2/core.hpp>

#include "heatmap/HeatmapRenderer.h"

namespace cada::ui {

class ImageView : public QWidget {
    Q_OBJECT
  public:
    explicit ImageView(QWidget* parent = nullptr);

    void setImage(const QString& path, const cv::Mat& alignedMap, double imageScore);
    void clear();
    QString path() const { return m_path; }
    bool hasImage() const { return !m_image.isNull(); }
    bool hasOverlay() const { return !m_overlay.isNull(); }

    void setThreshold(double threshold);
    void setOpacity(double opacity); // 0..1
    double opacity() const { return m_opacity; }
    void setColormap(int cvColormapId);
    int colormap() const { return m_colormap; }
    void setColourScale(heatmap::Scale scale);
    heatmap::Scale colourScale() const { return m_colourScale; }
    // Where the colour legend is drawn (empty while no heatmap is shown).
    QRect legendRect() const;
    // The image at its own resolution with the heatmap (as shown: opacity, contours) drawn over
    // it; null while no image is shown.
    QImage composedImage() const;
    // What the empty view says (what to do next); the default asks to select an image.
    void setPlaceholder(const QString& text);
    QString placeholder() const { return m_placeholder; }
    // A note shown over the image while its heatmap is being computed (empty: none).
    void setBusyText(const QString& text);
    // Side by side with another image (e.g. a normal of the same product type) instead of with
    // its own heatmap: the reference on the left, scaled to the image's size, the image with its
    // heatmap on the right; a caption without a path says why there is no reference. Both empty
    // end the comparison.
    void setReference(const QString& path, const QString& caption);
    QString referencePath() const { return m_referencePath; }
    bool comparing() const { return !m_referencePath.isEmpty() || !m_referenceCaption.isEmpty(); }
    QString busyText() const { return m_busyText; }
    // Asks for a file name and saves composedImage() as PNG; false when cancelled or failed.
    bool exportHeatmap();
    void setOverlayVisible(bool visible);
    void setContoursVisible(bool visible);
    void setSideBySide(bool on);
    int contourCount() const { return int(m_contours.size()); }

    void fitToWindow();
    void zoomActualSize();
    double zoom() const { return m_scale; }
    // Aligned map value at an image pixel (NaN outside or without a map).
    double valueAt(const QPointF& imagePos) const;

    QSize sizeHint() const override { return {640, 480}; }

  signals:
    void imageLoaded(const QString& path);
    void loadFailed(const QString& path, const QString& message);
    // Text for the status bar: pixel position and the aligned score there.
    void hoverTextChanged(const QString& text);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    // The "x, y: value" readout at the last mouse position over the view, for the image shown
    // now: recomputed when the image or its map changes, so it never shows another image's value.
    void updateHover();
    void rebuildOverlay();
    QRectF paneRect(int pane) const;
    int paneCount() const { return m_sideBySide || comparing() ? 2 : 1; }
    int paneAt(const QPointF& widgetPos) const;
    QPointF toImage(const QPointF& widgetPos) const;

    QString m_path;
    QImage m_image;
    cv::Mat m_map; // at image resolution
    QImage m_overlay;
    QVector<QPolygonF> m_contours;
    double m_imageScore = 0;
    double m_threshold = 1.0;
    double m_opacity = 0.5;
    int m_colormap;
    heatmap::Scale m_colourScale = heatmap::Scale::Linear;
    bool m_overlayVisible = true;
    bool m_contoursVisible = true;
    bool m_sideBySide = false;
    bool m_fit = true;
    double m_scale = 1.0;
    QPointF m_offset; // pane position of the image's top-left corner
    QPointF m_dragStart;
    std::optional<QPointF> m_mouse; // over the view, in widget coordinates
    QPointF m_offsetAtDrag;
    bool m_dragging = false;
    quint64 m_generation = 0;
    QString m_hoverText;
    QString m_placeholder;
    QString m_busyText;
    QString m_referencePath, m_referenceCaption;
    QImage m_reference;
    quint64 m_referenceGeneration = 0;
};

} // namespace cada::ui
