#include "plots/ThresholdControl.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>

#include <cmath>

namespace cada::ui {

namespace {
constexpr int kSteps = 1000;
}

ThresholdControl::ThresholdControl(QWidget* parent) : QWidget(parent)
{
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, kSteps);
    m_slider->setMinimumWidth(160);
    m_slider->setToolTip(tr("Global threshold on the aligned score"));
    m_spin = new QDoubleSpinBox(this);
    m_spin->setDecimals(3);
    m_spin->setSingleStep(0.01);
    m_spin->setRange(-1000.0, 1000.0);
    m_reset = new QToolButton(this);
    m_reset->setText(tr("Default"));
    m_reset->setToolTip(tr("Reset to the model's default threshold"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(new QLabel(tr("Threshold"), this));
    layout->addWidget(m_slider);
    layout->addWidget(m_spin);
    layout->addWidget(m_reset);
    connect(m_slider, &QSlider::valueChanged, this, &ThresholdControl::fromSlider);
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, &ThresholdControl::fromSpin);
    connect(m_reset, &QToolButton::clicked, this, [this] {
        setThreshold(m_default);
        emit thresholdChanged(m_default);
        emit thresholdCommitted(m_default);
    });
    connect(m_slider, &QSlider::sliderReleased, this,
            [this] { emit thresholdCommitted(threshold()); });
    connect(m_spin, &QDoubleSpinBox::editingFinished, this,
            [this] { emit thresholdCommitted(threshold()); });
    setDefaultThreshold(1.0);
    setThreshold(1.0);
}

int ThresholdControl::toSlider(double value) const
{
    return std::clamp(int(std::lround(value / m_max * kSteps)), 0, kSteps);
}

void ThresholdControl::setDefaultThreshold(double threshold)
{
    m_default = threshold;
    m_max = std::max(3.0, 3.0 * threshold);
    m_reset->setToolTip(
        tr("Reset to the model's default threshold (%1)").arg(threshold, 0, 'f', 3));
    setThreshold(this->threshold());
}

void ThresholdControl::setThreshold(double threshold)
{
    m_updating = true;
    m_spin->setValue(threshold);
    m_slider->setValue(toSlider(threshold));
    m_updating = false;
}

double ThresholdControl::threshold() const
{
    return m_spin->value();
}

void ThresholdControl::fromSlider(int position)
{
    if (m_updating)
        return;
    m_updating = true;
    m_spin->setValue(double(position) / kSteps * m_max);
    m_updating = false;
    emit thresholdChanged(m_spin->value());
    // Keyboard and wheel steps on the slider are finished changes; drags end at sliderReleased.
    if (!m_slider->isSliderDown())
        emit thresholdCommitted(m_spin->value());
}

void ThresholdControl::fromSpin(double value)
{
    if (m_updating)
        return;
    m_updating = true;
    m_slider->setValue(toSlider(value));
    m_updating = false;
    emit thresholdChanged(value);
    // Wheel steps on an unfocused spin box are finished changes; typing ends at editingFinished.
    if (!m_slider->isSliderDown() && !m_spin->hasFocus())
        emit thresholdCommitted(value);
}

} // namespace cada::ui
