// `cada update` as a user runs it: a new version with its lineage shown by `cada info`, the guard
// against teaching images that look defective, --out over the model refused, Ctrl+C.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include "CliRunner.h"

namespace {

QByteArray sha256Of(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

} // namespace

class TstCliUpdate : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_data, m_model;

    // The base model knows five of the six demo types (pcb is left out).
    QStringList baseFolders() const
    {
        QStringList args;
        for (const char* c : {"metal_plate", "carpet", "mesh", "label", "nut"})
            args << "--data" << m_data + "/" + c;
        return args;
    }

  private slots:
    void initTestCase()
    {
        m_data = m_tmp.filePath("data");
        m_model = m_tmp.filePath("base.cada");
        QCOMPARE(runCada({"-q", "demo-data", "--out", m_data, "--size", "64", "--per-class", "8"})
                     .exitCode,
                 0);
        // A threshold at 30 % false alarms keeps the guard's limit (threshold + max(threshold, 1))
        // below the scores of the demo's visible defects at 64 px.
        const auto r = runCada(QStringList{"-q", "train", "--out", m_model, "--size", "64",
                                           "--device", "cpu", "--false-alarm-rate", "0.3"} +
                               baseFolders());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void newTypeGivesVersionTwoWithLineage()
    {
        const QString out = m_tmp.filePath("v2.cada");
        const auto r =
            runCada({"-q", "update", "--model", m_model, "--add", m_data + "/pcb", "--out", out,
                     "--reason", "new-type", "--reviewer", "QA Anna", "--device", "cpu"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("version 2") && r.out.contains("(new)") &&
                     r.out.contains("Training images: 40 -> 48"),
                 qPrintable(r.out));
        const auto info = runCada({"info", "--model", out});
        QCOMPARE(info.exitCode, 0);
        QVERIFY2(info.out.contains(QRegularExpression("version: +2")) &&
                     info.out.contains("parent:           sha256 " + sha256Of(m_model)) &&
                     info.out.contains("new-type, 8 image(s) added by QA Anna") &&
                     info.out.contains("pcb/train/good/000.png"),
                 qPrintable(info.out));
        const auto base = runCada({"info", "--model", m_model});
        QVERIFY2(base.out.contains("version:          1 (as trained)"), qPrintable(base.out));
    }

    // Images the base model scores far above its threshold are refused (named, with scores)
    // unless --force; nothing is written when refused.
    void imagesThatLookDefectiveNeedForce()
    {
        const QString folder = m_tmp.filePath("defects");
        QVERIFY(QDir().mkpath(folder));
        for (const char* kind : {"hole", "scratch"})
            QVERIFY(QFile::copy(m_data + "/metal_plate/test/" + kind + "/000.png",
                                folder + "/" + kind + ".png"));
        const QString out = m_tmp.filePath("forced.cada");
        const QStringList args{"-q",   "update", "--model", m_model,    "--add",
                               folder, "--out",  out,       "--device", "cpu"};
        const auto refused = runCada(args);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("refused: " + folder + "/hole.png scores") &&
                     refused.err.contains("--force"),
                 qPrintable(refused.err));
        QVERIFY(!QFile::exists(out));
        const auto forced = runCada(args + QStringList{"--force"});
        QVERIFY2(forced.exitCode == 0 && forced.err.contains("warning: " + folder + "/hole.png"),
                 qPrintable(forced.err));
        QVERIFY(QFile::exists(out));
    }

    void outOverTheModelIsRefusedUnlessReplace()
    {
        const QByteArray before = sha256Of(m_model);
        const auto r = runCada({"-q", "update", "--model", m_model, "--add", m_data + "/pcb",
                                "--out", m_model, "--device", "cpu"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--replace"), qPrintable(r.err));
        QCOMPARE(sha256Of(m_model), before);
    }

    void badArgumentsAreNamed()
    {
        const auto reason = runCada({"-q", "update", "--model", m_model, "--add", m_data + "/pcb",
                                     "--out", m_tmp.filePath("x.cada"), "--reason", "because"});
        QVERIFY2(reason.exitCode == 1 && reason.err.contains("because"), qPrintable(reason.err));
        const QString empty = m_tmp.filePath("empty");
        QVERIFY(QDir().mkpath(empty));
        const auto none = runCada({"-q", "update", "--model", m_model, "--add", empty, "--out",
                                   m_tmp.filePath("x.cada")});
        QVERIFY2(none.exitCode == 1 && none.err.contains("No normal images"), qPrintable(none.err));
        QVERIFY(!QFile::exists(m_tmp.filePath("x.cada")));
    }

    // Ctrl+C during a long fine-tune: exit 130, no model and no partial file.
    void interruptLeavesNoFile()
    {
        const QString rd = m_tmp.filePath("rd.cada");
        const auto t = runCada(QStringList{"-q", "train", "--out", rd, "--size", "64", "--method",
                                           "revdist", "--epochs", "2", "--device", "cpu"} +
                               baseFolders());
        QVERIFY2(t.exitCode == 0, qPrintable(t.err));
        const QString folder = m_tmp.filePath("interrupted");
        QVERIFY(QDir().mkpath(folder));
        QCOMPARE(interruptCadaAt({"update", "--model", rd, "--add", m_data + "/pcb", "--out",
                                  folder + "/rd2.cada", "--epochs", "5000", "--device", "cpu"},
                                 "Training student", SIGINT),
                 130);
        QVERIFY(QDir(folder).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstCliUpdate)
#include "tst_cli_update.moc"
