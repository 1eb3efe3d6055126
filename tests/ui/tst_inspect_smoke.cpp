// cada-inspect end to end, offscreen: --model --open --select --screenshot scores the batch,
// renders the window and exits 0 with a PNG of the window's size.
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "TinyModel.h"

class TstInspectSmoke : public QObject {
    Q_OBJECT
  private slots:
    void screenshotAfterScoring();
    void badModelExitsNonZero();
    void helpNeedsNoDisplay();
};

void TstInspectSmoke::screenshotAfterScoring()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto tiny = cada::test::makeTinyModel(dir.path());
    const QString png = dir.path() + QStringLiteral("/shot.png");
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"),
               dir.path() + QStringLiteral("/config")); // clean QSettings
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(CADA_INSPECT),
              {QStringLiteral("--model"), tiny.modelPath, QStringLiteral("--open"), tiny.dataDir,
               QStringLiteral("--threshold"), QStringLiteral("1.0"), QStringLiteral("--select"),
               QStringLiteral("1"), QStringLiteral("--screenshot"), png});
    QVERIFY(app.waitForFinished(240000));
    const QString out = QString::fromLocal8Bit(app.readAllStandardOutput());
    QVERIFY2(app.exitStatus() == QProcess::NormalExit && app.exitCode() == 0,
             qPrintable(out + QString::fromLocal8Bit(app.readAllStandardError())));
    const auto match = QRegularExpression(QStringLiteral("screenshot (\\d+)x(\\d+)")).match(out);
    QVERIFY2(match.hasMatch(), qPrintable(out));
    if (qEnvironmentVariableIsSet("CADA_SMOKE_KEEP")) // to look at the screenshot by hand
        QFile::copy(png, qEnvironmentVariable("CADA_SMOKE_KEEP"));
    QImage shot(png);
    QVERIFY(!shot.isNull());
    QCOMPARE(shot.width(), match.captured(1).toInt());
    QCOMPARE(shot.height(), match.captured(2).toInt());
    QVERIFY(shot.width() >= 640 && shot.height() >= 400);
}

void TstInspectSmoke::badModelExitsNonZero()
{
    QTemporaryDir dir;
    QFile bogus(dir.path() + QStringLiteral("/bogus.cada"));
    QVERIFY(bogus.open(QIODevice::WriteOnly));
    bogus.write("not a model");
    bogus.close();
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.path() + QStringLiteral("/config"));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(CADA_INSPECT),
              {QStringLiteral("--model"), bogus.fileName(), QStringLiteral("--open"), dir.path(),
               QStringLiteral("--screenshot"), dir.path() + "/x.png"});
    QVERIFY(app.waitForFinished(300000));
    QCOMPARE(app.exitCode(), 1);
    QVERIFY(!QFile::exists(dir.path() + "/x.png"));
}

// --help on a machine without a display (the xcb platform and no DISPLAY) prints the options and
// exits 0 instead of aborting in the window system; in German too.
void TstInspectSmoke::helpNeedsNoDisplay()
{
    QTemporaryDir dir;
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("de")}) {
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.path() + QStringLiteral("/config"));
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(CADA_INSPECT),
                  {QStringLiteral("--help"), QStringLiteral("--language"), language});
        QVERIFY(app.waitForFinished(120000));
        const QString out = QString::fromUtf8(app.readAllStandardOutput());
        QVERIFY2(app.exitStatus() == QProcess::NormalExit && app.exitCode() == 0,
                 qPrintable(out + app.readAllStandardError()));
        QVERIFY2(out.contains(QStringLiteral("--model")) && out.contains(QStringLiteral("--open")),
                 qPrintable(out));
        if (language == QStringLiteral("de")) // Qt's own words come from qtbase's catalogue
            QVERIFY2(out.contains(QStringLiteral("Diese Modelldatei öffnen")) &&
                         out.contains(QStringLiteral("Optionen")),
                     qPrintable(out));
    }
}

QTEST_GUILESS_MAIN(TstInspectSmoke)
#include "tst_inspect_smoke.moc"
