// The real window under Xvfb (xcb platform, not offscreen): cada-inspect --model --open
// --screenshot opens, scores, renders and exits 0 with a non-empty PNG of the window's size.
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "TinyModel.h"

class TstInspectXvfb : public QObject {
    Q_OBJECT
  private slots:
    void realWindowScreenshot();
};

void TstInspectXvfb::realWindowScreenshot()
{
    const QString xvfbRun = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
    if (xvfbRun.isEmpty())
        QFAIL("xvfb-run is not installed; tools/setup.sh installs xvfb and xauth");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto tiny = cada::test::makeTinyModel(dir.path());
    const QString png = dir.path() + QStringLiteral("/real.png");

    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM")); // CTest sets offscreen for the other ui tests
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    env.remove(QStringLiteral("DISPLAY"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.path() + QStringLiteral("/config"));
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::SeparateChannels);
    app.start(xvfbRun,
              {QStringLiteral("-a"), QStringLiteral("--server-args=-screen 0 1600x1000x24"),
               QStringLiteral(CADA_INSPECT), QStringLiteral("--model"), tiny.modelPath,
               QStringLiteral("--open"), tiny.dataDir, QStringLiteral("--window-size"),
               QStringLiteral("1100x720"), QStringLiteral("--language"), QStringLiteral("en"),
               QStringLiteral("--screenshot"), png});
    QVERIFY(app.waitForFinished(240000));
    const QString out = QString::fromLocal8Bit(app.readAllStandardOutput());
    const QString err = QString::fromLocal8Bit(app.readAllStandardError());
    QVERIFY2(app.exitStatus() == QProcess::NormalExit && app.exitCode() == 0,
             qPrintable(out + err));
    QVERIFY2(!err.contains(QStringLiteral("offscreen")), qPrintable(err));
    const auto match = QRegularExpression(QStringLiteral("screenshot (\\d+)x(\\d+)")).match(out);
    QVERIFY2(match.hasMatch(), qPrintable(out + err));
    QVERIFY(QFileInfo(png).size() > 10000);
    const QImage shot(png);
    QVERIFY(!shot.isNull());
    QCOMPARE(shot.width(), match.captured(1).toInt());
    QCOMPARE(shot.height(), match.captured(2).toInt());
    QCOMPARE(shot.size(), QSize(1100, 720));
    // Rendered content, not a blank surface: many distinct colours (thumbnails, heatmap, plot).
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 4)
        for (int x = 0; x < shot.width(); x += 4)
            colours.insert(shot.pixel(x, y));
    QVERIFY2(colours.size() > 200, qPrintable(QString::number(colours.size())));
}

QTEST_GUILESS_MAIN(TstInspectXvfb)
#include "tst_inspect_xvfb.moc"
