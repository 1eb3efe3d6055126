#include "batch/ThumbnailLoader.h"

#include <QImage>
#include <QtConcurrent>

#include <opencv2/imgproc.hpp>

#include "cada/io/ImageLoader.h"

namespace cada::ui {

namespace {
constexpr int kMaxInFlight = 2;

QImage decodeThumbnail(const QString& path, int side)
{
    try {
        const auto loaded = cada::io::loadImage(path.toStdString());
        const cv::Mat& bgr = loaded.bgr;
        const double scale = double(side) / std::max(bgr.cols, bgr.rows);
        cv::Mat small;
        cv::resize(bgr, small,
                   cv::Size(std::max(1, int(bgr.cols * scale)), std::max(1, int(bgr.rows * scale))),
                   0, 0, cv::INTER_AREA);
        cv::cvtColor(small, small, cv::COLOR_BGR2RGB);
        return QImage(small.data, small.cols, small.rows, int(small.step), QImage::Format_RGB888)
            .copy();
    } catch (const std::exception&) {
        return {}; // the list shows the error from scoring; a missing thumbnail says enough
    }
}
} // namespace

ThumbnailLoader::ThumbnailLoader(int side, QObject* parent) : QObject(parent), m_side(side)
{
    m_cache.setMaxCost(64 * 1024 * 1024);
    m_pool.setMaxThreadCount(1); // leave the cores to inference
}

ThumbnailLoader::~ThumbnailLoader()
{
    m_queue.clear();
    m_keptQueue.clear();
    m_pool.waitForDone();
}

QPixmap ThumbnailLoader::thumbnail(const QString& path) const
{
    if (const QPixmap* p = m_cache.object(path))
        return *p;
    return {};
}

void ThumbnailLoader::request(const QStringList& paths)
{
    m_queue.clear();
    for (const QString& p : paths)
        if (!m_cache.contains(p) && !m_running.contains(p) && !m_failed.contains(p))
            m_queue.append(p);
    pump();
}

void ThumbnailLoader::requestKept(const QStringList& paths)
{
    for (const QString& p : paths)
        if (!m_cache.contains(p) && !m_running.contains(p) && !m_failed.contains(p) &&
            !m_keptQueue.contains(p))
            m_keptQueue.append(p);
    pump();
}

void ThumbnailLoader::pump()
{
    while (m_inFlight < kMaxInFlight && !(m_queue.isEmpty() && m_keptQueue.isEmpty())) {
        const QString path = !m_queue.isEmpty() ? m_queue.takeFirst() : m_keptQueue.takeFirst();
        if (m_cache.contains(path) || m_running.contains(path))
            continue;
        m_running.insert(path);
        ++m_inFlight;
        const int side = m_side;
        QtConcurrent::run(&m_pool, [path, side] {
            return decodeThumbnail(path, side);
        }).then(this, [this, path](const QImage& image) {
            --m_inFlight;
            m_running.remove(path);
            if (image.isNull()) {
                m_failed.insert(path);
            } else {
                auto* pixmap = new QPixmap(QPixmap::fromImage(image));
                const qsizetype bytes = qsizetype(image.sizeInBytes()) + 64;
                m_cache.insert(path, pixmap, bytes);
                emit thumbnailReady(path);
            }
            pump();
            if (isIdle())
                emit idle();
        });
    }
}

} // namespace cada::ui
