// `cada --version`, `cada demo-data` and `cada inspect-data` as a user runs them.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "CliRunner.h"

class TstCliData : public QObject {
    Q_OBJECT
  private slots:
    void versionNamesLibraries()
    {
        const auto r = runCada({"--version"});
        QCOMPARE(r.exitCode, 0);
        for (const char* word : {"LibTorch", "OpenCV", "faiss", "CUDA available"})
            QVERIFY2(r.out.contains(word), qPrintable(r.out));
    }

    void demoDataThenInspect()
    {
        QTemporaryDir tmp;
        const QString out = tmp.filePath("line");
        const auto gen = runCada(
            {"-q", "demo-data", "--out", out, "--size", "64", "--per-class", "4", "--seed", "5"});
        QVERIFY2(gen.exitCode == 0, qPrintable(gen.err));
        QVERIFY(gen.out.contains("classes"));

        const auto r = runCada({"-q", "inspect-data", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY(r.out.contains("Layout:  mvtec"));
        QVERIFY(r.out.contains("Problems: none"));
        const QStringList classes = QDir(out).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY(classes.size() >= 6);
        for (const QString& cls : classes) {
            // Each class row shows 4 training normals.
            const QRegularExpression row("\\n" + QRegularExpression::escape(cls) +
                                         "\\s+4\\s+\\d+\\s+\\d+");
            QVERIFY2(row.match(r.out).hasMatch(), qPrintable(cls + "\n" + r.out));
        }
    }

    void inspectReportsProblemFilesAndStillSucceeds()
    {
        QTemporaryDir tmp;
        QDir(tmp.path()).mkpath("imgs");
        std::ofstream(tmp.filePath("imgs/bad.png").toStdString()) << "plain text";
        const auto gen = runCada(
            {"-q", "demo-data", "--out", tmp.filePath("d"), "--size", "64", "--per-class", "4"});
        QCOMPARE(gen.exitCode, 0);
        const QString someImage =
            QDir(tmp.filePath("d")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).first();
        const QString src = tmp.filePath("d/" + someImage + "/train/good/000.png");
        QVERIFY(QFile::copy(src, tmp.filePath("imgs/good.png")));

        const auto r = runCada({"-q", "inspect-data", tmp.filePath("imgs")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Layout:  folder"));
        QVERIFY(r.out.contains("2 found, 1 loadable"));
        QVERIFY2(r.out.contains("bad.png") && r.out.contains("not an image"), qPrintable(r.out));
    }

    void unusableDatasetFails()
    {
        QTemporaryDir tmp;
        const auto empty = runCada({"-q", "inspect-data", tmp.path()});
        QVERIFY(empty.exitCode != 0);
        const auto missing = runCada({"inspect-data", tmp.filePath("absent")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("absent") && missing.err.contains("does not exist"));
        const auto badLayout = runCada({"inspect-data", tmp.path(), "--layout", "coco"});
        QCOMPARE(badLayout.exitCode, 1);
        QVERIFY(badLayout.err.contains("coco"));
    }
};

QTEST_GUILESS_MAIN(TstCliData)
#include "tst_cli_data.moc"
