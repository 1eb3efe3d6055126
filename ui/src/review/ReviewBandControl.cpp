#include "review/ReviewBandControl.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>

namespace cada::ui {

ReviewBandControl::ReviewBandControl(QWidget* parent) : QWidget(parent)
{
    m_enabled = new QCheckBox(tr("Review band from"), this);
    m_enabled->setToolTip(tr("Images scoring between this value and the threshold get the verdict "
                             "\"Review\" and are reviewed first"));
    m_lower = new QDoubleSpinBox(this);
    m_lower->setDecimals(3);
    m_lower->setSingleStep(0.01);
    m_lower->setRange(-1000.0, 1000.0);
    m_lower->setKeyboardTracking(false); // one change per finished edit, not per keystroke
    m_lower->setEnabled(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addWidget(m_enabled);
    layout->addWidget(m_lower);
    connect(m_enabled, &QCheckBox::toggled, this, [this](bool on) {
        m_lower->setEnabled(on);
        if (!m_updating)
            emit bandChanged(band());
    });
    connect(m_lower, &QDoubleSpinBox::valueChanged, this, [this] {
        if (!m_updating && m_enabled->isChecked())
            emit bandChanged(band());
    });
}

void ReviewBandControl::setBand(std::optional<double> lower)
{
    m_updating = true;
    m_enabled->setChecked(lower.has_value());
    m_lower->setEnabled(lower.has_value());
    if (lower)
        m_lower->setValue(*lower);
    m_updating = false;
}

std::optional<double> ReviewBandControl::band() const
{
    if (!m_enabled->isChecked())
        return std::nullopt;
    return m_lower->value();
}

void ReviewBandControl::setSuggestedLower(double lower)
{
    if (m_enabled->isChecked())
        return;
    m_updating = true;
    m_lower->setValue(lower);
    m_updating = false;
}

} // namespace cada::ui
