#pragma once
// The central image area: ImageView plus its heatmap controls (show, contours, opacity,
// colormap, fit, 100 %, side by side) and, below it, the ReviewBar (decision and note).
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QSlider;
class QToolButton;

namespace cada::ui {

class ImageView;
class ReviewBar;

class ImagePanel : public QWidget {
    Q_OBJECT
  public:
    explicit ImagePanel(QWidget* parent = nullptr);
    ImageView* view() const { return m_view; }
    ReviewBar* reviewBar() const { return m_review; }

    void setOpacity(double opacity);
    double opacity() const;
    void setColormap(int cvColormapId);
    int colormap() const;
    void setLogarithmicScale(bool logarithmic);
    bool logarithmicScale() const;
    // Opacity, colormap and scale in QSettings under `prefix` (per model).
    void restoreSettings(const QString& prefix, int defaultColormap);
    void saveSettings(const QString& prefix) const;

    bool comparing() const;
    QAction* fitAction() const { return m_fit; }               // F
    QAction* actualSizeAction() const { return m_actualSize; } // 1

  signals:
    void displaySettingsChanged();
    // "Compare with normal": show a normal image of the same type beside the current one.
    void compareToggled(bool on);

  private:
    ImageView* m_view = nullptr;
    ReviewBar* m_review = nullptr;
    QCheckBox* m_showOverlay = nullptr;
    QCheckBox* m_showContours = nullptr;
    QSlider* m_opacity = nullptr;
    QComboBox* m_colormap = nullptr;
    QComboBox* m_scale = nullptr;
    QToolButton* m_compare = nullptr;
    QAction* m_fit = nullptr;
    QAction* m_actualSize = nullptr;
};

} // namespace cada::ui
