#pragma once
// The central image area: ImageView plus its heatmap controls (show, contours, opacity,
// colormap, fit, 100 %, side by side).
#include <QWidget>

class QCheckBox;
class QComboBox;
class QSlider;

namespace cada::ui {

class ImageView;

class ImagePanel : public QWidget {
    Q_OBJECT
public:
    explicit ImagePanel(QWidget* parent = nullptr);
    ImageView* view() const { return m_view; }

    void setOpacity(double opacity);
    double opacity() const;
    void setColormap(int cvColormapId);
    int colormap() const;

signals:
    void displaySettingsChanged();

private:
    ImageView* m_view = nullptr;
    QCheckBox* m_showOverlay = nullptr;
    QCheckBox* m_showContours = nullptr;
    QSlider* m_opacity = nullptr;
    QComboBox* m_colormap = nullptr;
};

} // namespace cada::ui
