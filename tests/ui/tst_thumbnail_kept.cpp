// Regression: the groups' representative thumbnails were dropped whenever the image list asked
// for its visible rows (a new request replaces the queue), so most groups showed no picture.
// requestKept() paths survive later request() calls, and idle() fires when all are loaded.
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "batch/ThumbnailLoader.h"

class TstThumbnailKept : public QObject {
    Q_OBJECT
  private slots:
    void keptPathsSurviveNewRequests();
};

void TstThumbnailKept::keptPathsSurviveNewRequests()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QStringList kept, visible;
    for (int i = 0; i < 12; ++i) {
        QImage image(40 + i, 30, QImage::Format_RGB32);
        image.fill(QColor::fromHsv(i * 30, 200, 200));
        const QString path = dir.path() + QStringLiteral("/%1.png").arg(i);
        QVERIFY(image.save(path));
        (i < 6 ? kept : visible) << path;
    }
    cada::ui::ThumbnailLoader loader(16);
    QSignalSpy idle(&loader, &cada::ui::ThumbnailLoader::idle);
    loader.requestKept(kept);
    loader.request(visible.mid(0, 3));
    loader.request(visible.mid(3)); // replaces the first list request, never the kept paths
    QTRY_VERIFY_WITH_TIMEOUT(loader.isIdle(), 20000);
    QVERIFY(idle.count() >= 1);
    for (const QString& p : kept)
        QVERIFY2(loader.contains(p), qPrintable(p));
    for (const QString& p : visible.mid(3))
        QVERIFY2(loader.contains(p), qPrintable(p));
    QCOMPARE(loader.thumbnail(kept.first()).width(), 16); // longest side scaled to 16
}

QTEST_MAIN(TstThumbnailKept)
#include "tst_thumbnail_kept.moc"
