#include "plots/HistogramPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "PdfReport.h"
#include "batch/ImageListModel.h"

namespace cada::ui {

HistogramPanel::HistogramPanel(QWidget* parent) : QWidget(parent)
{
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumHeight(160);
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(font());
    // The legend sits right of the plot, not inside it: inside it hid the high-score bins,
    // which are exactly the ones a reviewer looks for.
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    auto* side = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(0, 1, side);
    m_plot->plotLayout()->setColumnStretchFactor(1, 0.001);
    side->addElement(0, 0, m_plot->legend);
    side->addElement(1, 0, new QCPLayoutElement(m_plot)); // keeps the legend at the top
    side->setRowStretchFactor(0, 0.001);
    side->setMargins(QMargins(0, 6, 6, 6));
    m_plot->legend->setMargins(QMargins(6, 4, 6, 4));
    m_plot->yAxis->setLabel(tr("Images"));
    m_thresholdLine = new QCPItemStraightLine(m_plot);
    QPen pen(QColor(200, 0, 0), 2, Qt::DashLine);
    m_thresholdLine->setPen(pen);
    m_thresholdLine->setSelectable(false);

    m_modeBox = new QComboBox(this);
    m_modeBox->addItem(tr("Aligned score"), int(Mode::Aligned));
    m_modeBox->addItem(tr("Raw score"), int(Mode::Raw));
    m_colourBox = new QComboBox(this);
    m_colourBox->addItem(tr("By group"), int(Colouring::Groups));
    m_colourBox->addItem(tr("By label"), int(Colouring::Labels));
    m_colourBox->setToolTip(tr("Colour by implicit group, or by label: normal and defective apart "
                               "(review decisions, else the folder layout's labels)"));
    m_calibrationBox = new QCheckBox(tr("Calibration normals"), this);
    m_calibrationBox->setToolTip(
        tr("Overlay each group's calibration normals and show the projected "
           "false-reject rate at the threshold"));
    auto* logBox = new QCheckBox(tr("Log counts"), this);
    logBox->setToolTip(tr("Counts on a logarithmic axis, so that single images stay visible "
                          "beside full bins"));
    auto* fit = new QPushButton(tr("Fit threshold"), this);
    fit->setToolTip(tr("Zoom to the threshold and the bulk of the scores (wheel: zoom, drag: "
                       "pan)"));
    auto* all = new QPushButton(tr("All scores"), this);
    all->setToolTip(tr("Show every score"));
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Histogram of"), this));
    top->addWidget(m_modeBox);
    top->addWidget(m_colourBox);
    top->addWidget(m_calibrationBox);
    top->addWidget(logBox);
    top->addStretch(1);
    top->addWidget(fit);
    top->addWidget(all);
    connect(logBox, &QCheckBox::toggled, this, &HistogramPanel::setLogCounts);
    connect(fit, &QPushButton::clicked, this, &HistogramPanel::fitThresholdRegion);
    connect(all, &QPushButton::clicked, this, &HistogramPanel::showAllScores);
    // Wheel zoom and drag pan along the score axis; the threshold line and bin clicks keep
    // their own meaning (see onMousePress).
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_rawNote = new QCPItemText(m_plot);
    m_rawNote->setPositionAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_rawNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_rawNote->position->setCoords(0.01, 0.02);
    m_rawNote->setText(tr("No threshold line: raw scores of different product types are not "
                          "comparable; the one threshold applies to aligned scores."));
    m_rawNote->setColor(QColor(90, 90, 90));
    m_rawNote->setSelectable(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_plot, 1);

    m_rebuildTimer = new QTimer(this);
    m_rebuildTimer->setSingleShot(true);
    m_rebuildTimer->setInterval(250);
    connect(m_rebuildTimer, &QTimer::timeout, this, &HistogramPanel::rebuildNow);
    connect(m_modeBox, &QComboBox::currentIndexChanged, this,
            [this] { setMode(Mode(m_modeBox->currentData().toInt())); });
    connect(m_calibrationBox, &QCheckBox::toggled, this, &HistogramPanel::setCalibrationVisible);
    connect(m_colourBox, &QComboBox::currentIndexChanged, this,
            [this] { setColouring(Colouring(m_colourBox->currentData().toInt())); });
    connect(m_plot, &QCustomPlot::mousePress, this, &HistogramPanel::onMousePress);
    connect(m_plot, &QCustomPlot::mouseMove, this, &HistogramPanel::onMouseMove);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &HistogramPanel::onMouseRelease);
    rebuildNow();
}

HistogramPanel::~HistogramPanel() = default;

QColor HistogramPanel::groupColour(int group)
{
    return cada::project::groupColour(group); // the report's colours too
}

void HistogramPanel::setSource(ImageListModel* model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &ImageListModel::resultArrived, this, &HistogramPanel::scheduleRebuild);
        connect(model, &QAbstractItemModel::modelReset, this, &HistogramPanel::scheduleRebuild);
        connect(model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& tl) {
            if (tl.column() <= ImageListModel::GroupColumn) // names changed
                scheduleRebuild();
        });
    }
    scheduleRebuild();
}

void HistogramPanel::setGroups(const std::vector<cada::ImplicitGroup>& groups)
{
    m_groups = groups;
    scheduleRebuild();
}

void HistogramPanel::setThreshold(double threshold)
{
    if (threshold == m_threshold)
        return;
    m_threshold = threshold;
    if (m_showCalibration)
        scheduleRebuild(); // false-reject rates in the legend depend on it
    replotThreshold();
}

void HistogramPanel::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    m_modeBox->setCurrentIndex(m_modeBox->findData(int(mode)));
    rebuildNow();
}

void HistogramPanel::setCalibrationVisible(bool visible)
{
    if (visible == m_showCalibration)
        return;
    m_showCalibration = visible;
    m_calibrationBox->setChecked(visible);
    rebuildNow();
}

void HistogramPanel::setColouring(Colouring colouring)
{
    if (colouring == m_colouring)
        return;
    m_colouring = colouring;
    m_colourBox->setCurrentIndex(m_colourBox->findData(int(colouring)));
    // Calibration normals are per group; by label they would mix into the wrong series.
    m_calibrationBox->setEnabled(colouring == Colouring::Groups);
    rebuildNow();
}

QColor HistogramPanel::labelColour(int label)
{
    switch (ImageListModel::Label(label)) {
    case ImageListModel::Label::Normal:
        return QColor(46, 125, 50);
    case ImageListModel::Label::Defective:
        return QColor(198, 40, 40);
    case ImageListModel::Label::Unsure:
        return QColor(239, 108, 0);
    case ImageListModel::Label::Unlabelled:
        break;
    }
    return QColor(140, 140, 140);
}

QString HistogramPanel::labelName(int label) const
{
    switch (ImageListModel::Label(label)) {
    case ImageListModel::Label::Normal:
        return tr("Normal");
    case ImageListModel::Label::Defective:
        return tr("Defective");
    case ImageListModel::Label::Unsure:
        return tr("Unsure");
    case ImageListModel::Label::Unlabelled:
        break;
    }
    return tr("Not labelled");
}

void HistogramPanel::setBinCount(int bins)
{
    m_bins = bins <= 0 ? 0 : std::max(2, bins);
    rebuildNow();
}

void HistogramPanel::scheduleRebuild()
{
    if (!m_rebuildTimer->isActive())
        m_rebuildTimer->start();
}

QString HistogramPanel::legendText(int group) const
{
    return m_legend.value(group);
}

void HistogramPanel::rebuildNow()
{
    m_rebuildTimer->stop();
    const bool aligned = m_mode == Mode::Aligned;
    QVector<HistogramEntry> entries;
    if (m_model) {
        entries.reserve(m_model->rowCount());
        for (int r = 0; r < m_model->rowCount(); ++r) {
            if (!m_model->isScored(r) || !m_model->image(r).ok())
                continue;
            const ScoredImage& im = m_model->image(r);
            // By label, the series key is the label instead of the group.
            const int key = m_colouring == Colouring::Labels ? int(m_model->label(r)) : im.group;
            entries.append({r, key, aligned ? im.score : im.rawScore});
        }
    }
    QVector<double> cover;
    if (aligned)
        cover.append(m_threshold);
    const bool byLabel = m_colouring == Colouring::Labels;
    const bool calibration = m_showCalibration && !byLabel;
    if (calibration)
        for (const auto& g : m_groups)
            for (double v : aligned ? g.calibrationScores : g.calibrationRawScores)
                cover.append(v);
    m_histogram = Histogram::compute(entries, m_bins, cover);

    m_plot->clearGraphs();
    m_legend.clear();
    const Histogram& h = m_histogram;
    auto stepData = [&h](const QVector<double>& counts) {
        // Step outline: one point per bin edge, the last edge repeating the last count.
        QVector<double> xs, ys;
        for (int b = 0; b < h.bins; ++b) {
            xs << h.binLeft(b);
            ys << counts[b];
        }
        xs << h.binLeft(h.bins);
        ys << (counts.isEmpty() ? 0.0 : counts.last());
        return std::make_pair(xs, ys);
    };
    for (const GroupHistogram& g : h.groups) {
        const QColor colour = byLabel ? labelColour(g.group) : groupColour(g.group);
        QVector<double> counts(g.counts.begin(), g.counts.end());
        auto [xs, ys] = stepData(counts);
        QCPGraph* graph = m_plot->addGraph();
        graph->setLineStyle(QCPGraph::lsStepLeft);
        graph->setPen(QPen(colour, 1.5));
        QColor fill = colour;
        fill.setAlpha(60);
        graph->setBrush(fill);
        graph->setData(xs, ys, true);
        QString name = tr("%1 (%n image(s))", nullptr, g.total)
                           .arg(byLabel   ? labelName(g.group)
                                : m_model ? m_model->groupName(g.group)
                                          : tr("Group %1").arg(g.group + 1));
        const auto it =
            std::find_if(m_groups.begin(), m_groups.end(),
                         [&g](const cada::ImplicitGroup& ig) { return ig.id == g.group; });
        if (calibration && aligned && it != m_groups.end() && !it->calibrationScores.empty())
            name +=
                tr(", false-reject %1 %")
                    .arg(100.0 * falseRejectRate(it->calibrationScores, m_threshold), 0, 'f', 1);
        graph->setName(name);
        m_legend.insert(g.group, name);
    }
    if (calibration) {
        for (const auto& ig : m_groups) {
            const auto& normals = aligned ? ig.calibrationScores : ig.calibrationRawScores;
            if (normals.empty())
                continue;
            // Scaled to the group's batch size so the two shapes compare directly.
            const GroupHistogram* batch = h.group(ig.id);
            const double scale =
                batch && batch->total > 0 ? double(batch->total) / double(normals.size()) : 1.0;
            QVector<double> counts(h.bins, 0.0);
            for (double v : normals)
                counts[h.binOf(v)] += scale;
            auto [xs, ys] = stepData(counts);
            QCPGraph* graph = m_plot->addGraph();
            graph->setLineStyle(QCPGraph::lsStepLeft);
            graph->setPen(QPen(groupColour(ig.id), 1.5, Qt::DashLine));
            graph->setData(xs, ys, true);
            graph->setName(
                tr("%1 calibration normals (%2, counts x %3 to the batch's size)")
                    .arg(m_model ? m_model->groupName(ig.id) : QString::fromStdString(ig.name))
                    .arg(normals.size())
                    .arg(scale, 0, 'g', 3));
            if (!batch)
                m_legend.insert(ig.id, graph->name());
        }
    }
    m_plot->xAxis->setLabel(aligned ? tr("Aligned score") : tr("Raw detector score"));
    // A rebuild while results stream in keeps a range the user zoomed to.
    const QCPRange full(h.binLeft(0), h.binLeft(h.bins));
    if (!m_zoomed)
        m_plot->xAxis->setRange(full);
    double top = 1.0;
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        bool found = false;
        const QCPRange r = m_plot->graph(i)->getValueRange(found);
        if (found)
            top = std::max(top, r.upper);
    }
    if (m_logCounts) {
        m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        m_plot->yAxis->setRange(0.8, top * 2.0);
    } else {
        m_plot->yAxis->setScaleType(QCPAxis::stLinear);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        m_plot->yAxis->setRange(0, top * 1.1);
    }
    m_rawNote->setVisible(!aligned && !entries.isEmpty());
    m_plot->legend->setVisible(m_plot->graphCount() > 0); // no empty legend box
    replotThreshold();
}

void HistogramPanel::replotThreshold()
{
    const bool aligned = m_mode == Mode::Aligned;
    m_thresholdLine->setVisible(aligned);
    m_thresholdLine->point1->setCoords(m_threshold, 0);
    m_thresholdLine->point2->setCoords(m_threshold, 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HistogramPanel::setLogCounts(bool logarithmic)
{
    m_logCounts = logarithmic;
    rebuildNow();
}

void HistogramPanel::fitThresholdRegion()
{
    QVector<double> values;
    if (m_model)
        for (int r = 0; r < m_model->rowCount(); ++r)
            if (m_model->isScored(r) && m_model->image(r).ok())
                values << (m_mode == Mode::Aligned ? m_model->image(r).score
                                                   : m_model->image(r).rawScore);
    if (values.isEmpty())
        return;
    std::sort(values.begin(), values.end());
    const double bulk = values[qsizetype(0.02 * double(values.size() - 1))];
    const double t = m_mode == Mode::Aligned ? m_threshold : values[values.size() / 2];
    const double lo = std::min(bulk, t - 1.0), hi = t + std::max(1.0, 0.5 * (t - lo));
    m_zoomed = true;
    m_plot->xAxis->setRange(lo, hi);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HistogramPanel::showAllScores()
{
    m_zoomed = false;
    m_plot->xAxis->setRange(m_histogram.binLeft(0), m_histogram.binLeft(m_histogram.bins));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HistogramPanel::onMousePress(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const double x = event->position().x();
    m_pressAt = event->position();
    if (m_mode == Mode::Aligned && std::abs(x - m_plot->xAxis->coordToPixel(m_threshold)) <= 6.0) {
        m_dragging = true;
        m_plot->axisRect()->setRangeDrag(Qt::Orientations()); // the line moves, not the view
        return;
    }
    m_zoomed = true; // a drag pans the view from here
}

void HistogramPanel::onMouseMove(QMouseEvent* event)
{
    const double x = event->position().x();
    if (m_dragging) {
        m_threshold = m_plot->xAxis->pixelToCoord(x);
        replotThreshold();
        emit thresholdDragged(m_threshold);
        return;
    }
    const bool nearLine =
        m_mode == Mode::Aligned && std::abs(x - m_plot->xAxis->coordToPixel(m_threshold)) <= 6.0;
    m_plot->setCursor(nearLine ? Qt::SizeHorCursor : Qt::ArrowCursor);
}

void HistogramPanel::onMouseRelease(QMouseEvent* event)
{
    if (m_dragging) {
        m_dragging = false;
        m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
        emit thresholdDragFinished(m_threshold);
        if (m_showCalibration)
            rebuildNow();
        return;
    }
    // A click (not a pan) on a bin lists its images.
    if (event->button() != Qt::LeftButton ||
        (event->position() - m_pressAt).manhattanLength() > 4.0 ||
        !m_plot->axisRect()->rect().contains(event->position().toPoint()))
        return;
    const double value = m_plot->xAxis->pixelToCoord(event->position().x());
    const int bin = int(std::floor((value - m_histogram.low) / m_histogram.binWidth));
    if (bin >= 0 && bin < m_histogram.bins)
        emit binClicked(m_histogram.rowsInBin(bin));
}

} // namespace cada::ui
