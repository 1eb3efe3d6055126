#pragma once
// Loads small thumbnails off the GUI thread and keeps them in a cache bounded by bytes.
//
// The caller (the list view) requests the paths of the visible and nearby rows, nearest first;
// a new request replaces every queued one that has not started, so scrolling fast never
// builds a backlog. Images are decoded into QImage on a private one-thread pool; the QPixmap is
// made on the GUI thread when the decode is done. thumbnailReady(path) fires on the GUI thread.
#include <QCache>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QStringList>
#include <QThreadPool>

namespace cada::ui {

class ThumbnailLoader : public QObject {
    Q_OBJECT
  public:
    explicit ThumbnailLoader(int side = 48, QObject* parent = nullptr);
    ~ThumbnailLoader() override;

    // Cached thumbnail or a null pixmap. Never starts a load.
    QPixmap thumbnail(const QString& path) const;
    bool contains(const QString& path) const { return m_cache.contains(path); }
    // Replaces the queue with these paths (nearest first); cached ones are skipped.
    void request(const QStringList& paths);
    // Queues paths that a later request() does not drop (a few fixed images, e.g. the groups'
    // representatives); they load after the current request's paths.
    void requestKept(const QStringList& paths);
    void setMaxBytes(qsizetype bytes) { m_cache.setMaxCost(bytes); }
    qsizetype usedBytes() const { return m_cache.totalCost(); }
    int side() const { return m_side; }
    int pendingCount() const { return int(m_queue.size() + m_keptQueue.size()) + m_inFlight; }

    bool isIdle() const { return pendingCount() == 0; }

  signals:
    void thumbnailReady(const QString& path);
    // Every requested thumbnail is loaded (or failed); fires after the last one of a request.
    void idle();

  private:
    void pump();

    int m_side;
    QCache<QString, QPixmap> m_cache;
    QStringList m_queue;
    QStringList m_keptQueue;
    QSet<QString> m_running;
    QSet<QString> m_failed;
    int m_inFlight = 0;
    QThreadPool m_pool;
};

} // namespace cada::ui
