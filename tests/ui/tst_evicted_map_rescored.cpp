// Regression: selecting an image whose heatmap was evicted from the bounded map cache showed
// the image without heatmap. It is now re-scored in the background and the overlay appears.
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "batch/ImageListModel.h"
#include "heatmap/ImagePanel.h"
#include "heatmap/ImageView.h"
#include "window/MainWindow.h"
#include "cada/model/Model.h"
#include "TinyModel.h"

class TstEvictedMapRescored : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear(); // test-mode settings persist between runs
    }
    void selectingEvictedRowRestoresHeatmap();
};

void TstEvictedMapRescored::selectingEvictedRowRestoresHeatmap()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto tiny = cada::test::makeTinyModel(dir.path());
    cada::ui::MainWindow window;
    QSignalSpy finished(&window, &cada::ui::MainWindow::batchFinished);
    QSignalSpy loaded(&window, &cada::ui::MainWindow::modelLoaded);
    window.openModel(tiny.modelPath);
    QVERIFY(QTest::qWaitFor([&] { return !loaded.isEmpty(); }, 120000));
    window.openFolder(tiny.dataDir);
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 240000));
    QTRY_VERIFY(!window.isRescoring());

    auto* images = window.imageModel();
    QVector<cv::Mat> originals;
    for (int r = 0; r < images->rowCount(); ++r) {
        originals << images->alignedMap(r).clone();
        QVERIFY(!originals.back().empty());
    }
    const qsizetype mapBytes = qsizetype(originals[0].total() * originals[0].elemSize());

    images->setMapCacheBytes(1); // evicts every map
    images->setMapCacheBytes(mapBytes * 3 / 2);
    for (int r = 0; r < images->rowCount(); ++r)
        QVERIFY(images->alignedMap(r).empty());

    for (int pick : {1, 2}) {
        QVERIFY(window.selectRow(pick));
        const int row = images->rowOfPath(window.imagePanel()->view()->path());
        QVERIFY(row >= 0);
        QVERIFY(window.isRescoring());
        // The view says the heatmap is on its way, and stops saying so when it is there.
        QVERIFY(!window.imagePanel()->view()->busyText().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!window.isRescoring(), 60000);
        QTRY_VERIFY(window.imagePanel()->view()->busyText().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(window.imagePanel()->view()->hasOverlay(), 10000);
        const cv::Mat again = images->alignedMap(row);
        QVERIFY(!again.empty());
        // The recomputed map is the batch's map (same model, same image).
        QCOMPARE(again.size(), originals[row].size());
        QVERIFY(cv::norm(again, originals[row], cv::NORM_INF) < 1e-3);
    }

    // Compare (C): the current image beside the representative normal of its group, which
    // follows the selection; off again, the view has one pane.
    cada::ui::ImageView* view = window.imagePanel()->view();
    const auto representativeOf = [&](int row) {
        for (const auto& g : window.model()->groups())
            if (g.id == images->image(row).group)
                return QString::fromStdString(g.representative);
        return QString();
    };
    auto* compare = window.imagePanel()->findChild<QToolButton*>();
    for (QToolButton* b : window.imagePanel()->findChildren<QToolButton*>())
        if (b->isCheckable() && b->shortcut() == QKeySequence(Qt::Key_C))
            compare = b;
    QVERIFY(compare && compare->shortcut() == QKeySequence(Qt::Key_C));
    compare->setChecked(true);
    for (int pick : {0, 3}) {
        QVERIFY(window.selectRow(pick));
        const int row = window.currentSourceRow();
        const QString expected = representativeOf(row);
        if (!images->image(row).ok() || images->image(row).group < 0 || expected.isEmpty())
            QVERIFY(view->referencePath().isEmpty() && view->comparing());
        else
            QCOMPARE(view->referencePath(), expected);
    }
    compare->setChecked(false);
    QVERIFY(!view->comparing());
}

QTEST_MAIN(TstEvictedMapRescored)
#include "tst_evicted_map_rescored.moc"
