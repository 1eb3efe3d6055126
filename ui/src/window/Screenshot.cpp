#include "window/Screenshot.h"

#include <QPixmap>
#include <QTimer>

#include <qcustomplot.h>

#include "plots/HistogramPanel.h"
#include "heatmap/ImagePanel.h"
#include "heatmap/ImageView.h"
#include "window/MainWindow.h"
#include "batch/ThumbnailLoader.h"

namespace cada::ui {

namespace {
constexpr int kPollMs = 50;
constexpr int kMaxPolls = 200; // 10 s for thumbnails and a recomputed map
constexpr int kImageTimeoutMs = 10000;
} // namespace

Screenshot::Screenshot(MainWindow* window, const Options& options, QObject* parent)
    : QObject(parent), m_window(window), m_options(options)
{
    m_poll = new QTimer(this);
    m_poll->setInterval(kPollMs);
    connect(m_poll, &QTimer::timeout, this, &Screenshot::waitUntilSettled);
    connect(window, &MainWindow::batchFinished, this, &Screenshot::onBatchFinished);
    ImageView* view = window->imagePanel()->view();
    auto imageDone = [this] {
        if (m_waitingForImage) {
            m_waitingForImage = false;
            m_poll->start();
        }
    };
    connect(view, &ImageView::imageLoaded, this, imageDone);
    connect(view, &ImageView::loadFailed, this, imageDone);
}

bool Screenshot::parsePanel(const QString& text, Panel* panel)
{
    if (text == QStringLiteral("window"))
        *panel = Panel::Window;
    else if (text == QStringLiteral("histogram"))
        *panel = Panel::Histogram;
    else if (text == QStringLiteral("heatmap"))
        *panel = Panel::Heatmap;
    else
        return false;
    return true;
}

void Screenshot::onBatchFinished()
{
    if (m_captured || m_waitingForImage || m_poll->isActive())
        return;
    m_window->histogramPanel()->setMode(m_options.rawHistogram ? HistogramPanel::Mode::Raw
                                                               : HistogramPanel::Mode::Aligned);
    m_window->histogramPanel()->setColouring(m_options.histogramByLabel
                                                 ? HistogramPanel::Colouring::Labels
                                                 : HistogramPanel::Colouring::Groups);
    m_waitingForImage = m_window->selectRow(m_options.selectRow);
    if (m_waitingForImage) {
        QTimer::singleShot(kImageTimeoutMs, this, [this] {
            if (m_waitingForImage) {
                m_waitingForImage = false;
                m_poll->start();
            }
        });
    } else {
        m_poll->start();
    }
}

void Screenshot::waitUntilSettled()
{
    const bool settled = m_window->thumbnailLoader()->isIdle() && !m_window->isRescoring();
    if (!settled && ++m_polls < kMaxPolls)
        return;
    m_poll->stop();
    // One more turn of the event loop so that the last thumbnails and layouts are painted.
    QTimer::singleShot(kPollMs, this, &Screenshot::capture);
}

void Screenshot::capture()
{
    if (m_captured)
        return;
    m_captured = true;
    QPixmap pixmap;
    switch (m_options.panel) {
    case Panel::Window:
        pixmap = m_window->grab();
        break;
    case Panel::Histogram: {
        QCustomPlot* plot = m_window->histogramPanel()->plot();
        pixmap = plot->toPixmap(m_options.histogramSize.width(), m_options.histogramSize.height());
        break;
    }
    case Panel::Heatmap:
        pixmap = m_window->imagePanel()->grab();
        break;
    }
    if (pixmap.isNull() || !pixmap.save(m_options.file, "PNG")) {
        emit done(false, tr("Could not write the screenshot %1.").arg(m_options.file), {});
        return;
    }
    emit done(true, {}, pixmap.size());
}

} // namespace cada::ui
