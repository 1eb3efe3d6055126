#pragma once
// The optional review band: a second threshold below the main one. Images scoring inside
// [lower, threshold) get the verdict "Review" and form the default review queue.
// bandChanged fires once per finished user change (checkbox toggled, spin box edited; no
// per-keystroke signals), not when set programmatically.
#include <QWidget>

#include <optional>

class QCheckBox;
class QDoubleSpinBox;

namespace cada::ui {

class ReviewBandControl : public QWidget {
    Q_OBJECT
  public:
    explicit ReviewBandControl(QWidget* parent = nullptr);

    void setBand(std::optional<double> lower);
    std::optional<double> band() const;
    // Used when the band is switched on without a value yet.
    void setSuggestedLower(double lower);

  signals:
    void bandChanged(std::optional<double> lower);

  private:
    QCheckBox* m_enabled = nullptr;
    QDoubleSpinBox* m_lower = nullptr;
    bool m_updating = false;
};

} // namespace cada::ui
