#include "heatmap/ImagePanel.h"

#include <QSettings>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QAction>
#include <QToolButton>
#include <QVBoxLayout>

#include "heatmap/HeatmapRenderer.h"
#include "heatmap/ImageView.h"
#include "review/ReviewBar.h"

namespace cada::ui {

ImagePanel::ImagePanel(QWidget* parent) : QWidget(parent)
{
    m_view = new ImageView(this);
    m_showOverlay = new QCheckBox(tr("Heatmap"), this);
    m_showOverlay->setChecked(true);
    m_showOverlay->setToolTip(tr("Show the anomaly heatmap (H)"));
    m_showOverlay->setShortcut(QKeySequence(Qt::Key_H));
    m_showContours = new QCheckBox(tr("Contours"), this);
    m_showContours->setChecked(true);
    m_showContours->setToolTip(tr("Outline regions whose aligned score is above the threshold"));
    m_opacity = new QSlider(Qt::Horizontal, this);
    m_opacity->setRange(0, 100);
    m_opacity->setValue(50);
    m_opacity->setMinimumWidth(40);
    m_opacity->setMaximumWidth(120);
    m_opacity->setToolTip(tr("Heatmap opacity"));
    m_colormap = new QComboBox(this);
    for (const auto& cm : heatmap::colormaps())
        m_colormap->addItem(QString::fromLatin1(cm.name), cm.id);
    m_colormap->setToolTip(tr("Colormap of the heatmap (the legend on the image shows its scale)"));
    m_scale = new QComboBox(this);
    m_scale->addItem(tr("t ± 1"), false);
    m_scale->addItem(tr("Log"), true);
    m_scale->setToolTip(tr("Colour scale above the threshold t: linear to t + 1, or logarithmic "
                           "to t + 64 so that strong defects keep their structure"));
    // Fit and 100 % are keys and View menu entries, not buttons: the row must fit a narrow
    // panel at 1280 px in German.
    m_fit = new QAction(tr("&Fit image to view"), this);
    m_fit->setShortcut(QKeySequence(Qt::Key_F));
    m_actualSize = new QAction(tr("&Actual size (100 %)"), this);
    m_actualSize->setShortcut(QKeySequence(Qt::Key_1));
    addActions({m_fit, m_actualSize}); // active in the whole window, also without the menu
    auto* sideBySide = new QToolButton(this);
    sideBySide->setText(tr("Side by side"));
    sideBySide->setCheckable(true);
    sideBySide->setToolTip(tr("Original and heatmap next to each other"));

    m_compare = new QToolButton(this);
    m_compare->setText(tr("Compare"));
    m_compare->setCheckable(true);
    m_compare->setToolTip(tr("Show a normal image of the same product type (its group's "
                             "representative) beside this one (C)"));
    m_compare->setShortcut(QKeySequence(Qt::Key_C));
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_showOverlay);
    controls->addWidget(m_showContours);
    controls->addWidget(m_opacity); // named by its tooltip: the row must fit a narrow panel
    controls->addWidget(m_colormap);
    controls->addWidget(m_scale);
    controls->addStretch(1);
    controls->addWidget(m_compare);
    controls->addWidget(sideBySide);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);
    m_review = new ReviewBar(this);
    layout->addWidget(m_review);

    connect(m_showOverlay, &QCheckBox::toggled, m_view, &ImageView::setOverlayVisible);
    connect(m_showContours, &QCheckBox::toggled, m_view, &ImageView::setContoursVisible);
    connect(m_opacity, &QSlider::valueChanged, this, [this](int v) {
        m_view->setOpacity(v / 100.0);
        emit displaySettingsChanged();
    });
    connect(m_colormap, &QComboBox::currentIndexChanged, this, [this] {
        m_view->setColormap(m_colormap->currentData().toInt());
        emit displaySettingsChanged();
    });
    connect(m_scale, &QComboBox::currentIndexChanged, this, [this] {
        m_view->setColourScale(logarithmicScale() ? heatmap::Scale::Logarithmic
                                                  : heatmap::Scale::Linear);
        emit displaySettingsChanged();
    });
    connect(m_fit, &QAction::triggered, m_view, &ImageView::fitToWindow);
    connect(m_actualSize, &QAction::triggered, m_view, &ImageView::zoomActualSize);
    connect(sideBySide, &QToolButton::toggled, m_view, &ImageView::setSideBySide);
    connect(m_compare, &QToolButton::toggled, this, &ImagePanel::compareToggled);
    m_view->setOpacity(0.5);
}

bool ImagePanel::comparing() const
{
    return m_compare->isChecked();
}

void ImagePanel::setOpacity(double opacity)
{
    m_opacity->setValue(qRound(std::clamp(opacity, 0.0, 1.0) * 100));
}

double ImagePanel::opacity() const
{
    return m_opacity->value() / 100.0;
}

void ImagePanel::setColormap(int cvColormapId)
{
    const int i = m_colormap->findData(cvColormapId);
    if (i >= 0)
        m_colormap->setCurrentIndex(i);
}

int ImagePanel::colormap() const
{
    return m_colormap->currentData().toInt();
}

void ImagePanel::setLogarithmicScale(bool logarithmic)
{
    m_scale->setCurrentIndex(logarithmic ? 1 : 0);
}

bool ImagePanel::logarithmicScale() const
{
    return m_scale->currentData().toBool();
}

void ImagePanel::restoreSettings(const QString& prefix, int defaultColormap)
{
    QSettings settings;
    setOpacity(settings.value(prefix + QStringLiteral("opacity"), 0.5).toDouble());
    setColormap(settings.value(prefix + QStringLiteral("colormap"), defaultColormap).toInt());
    setLogarithmicScale(settings.value(prefix + QStringLiteral("log_scale"), false).toBool());
}

void ImagePanel::saveSettings(const QString& prefix) const
{
    QSettings settings;
    settings.setValue(prefix + QStringLiteral("opacity"), opacity());
    settings.setValue(prefix + QStringLiteral("colormap"), colormap());
    settings.setValue(prefix + QStringLiteral("log_scale"), logarithmicScale());
}

} // namespace cada::ui
