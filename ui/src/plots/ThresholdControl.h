#pragma once
// One global threshold: slider + spin box kept in sync, and a reset to the model's default.
// thresholdChanged fires once per user change (not when set programmatically), also for every
// slider tick while dragging; thresholdCommitted fires once per finished user change (slider
// released, spin box edited, reset), i.e. when the value is worth persisting.
#include <QWidget>

class QDoubleSpinBox;
class QSlider;
class QToolButton;

namespace cada::ui {

class ThresholdControl : public QWidget {
    Q_OBJECT
  public:
    explicit ThresholdControl(QWidget* parent = nullptr);

    // The model's default; the slider spans [0, 3 * default] (at least [0, 3]).
    void setDefaultThreshold(double threshold);
    double defaultThreshold() const { return m_default; }
    void setThreshold(double threshold);
    double threshold() const;

  signals:
    void thresholdChanged(double threshold);
    void thresholdCommitted(double threshold);

  private:
    void fromSlider(int position);
    void fromSpin(double value);
    int toSlider(double value) const;

    QSlider* m_slider = nullptr;
    QDoubleSpinBox* m_spin = nullptr;
    QToolButton* m_reset = nullptr;
    double m_default = 1.0;
    double m_max = 3.0;
    bool m_updating = false;
};

} // namespace cada::ui
