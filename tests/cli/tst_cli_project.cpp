// `cada project create` and `cada report` as a user runs them, without a display.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

#include "CliRunner.h"
#include "ProjectStore.h"

class TstCliProject : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_data, m_model, m_project;

    static QByteArray readAll(const QString& file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

  private slots:
    void initTestCase()
    {
        m_data = m_tmp.filePath("data");
        m_model = m_tmp.filePath("m.cada");
        m_project = m_tmp.filePath("batch.cadaproj");
        QCOMPARE(runCada({"-q", "demo-data", "--out", m_data, "--size", "64", "--per-class", "4"})
                     .exitCode,
                 0);
        const auto r = runCada(
            {"-q", "train", "--data", m_data, "--out", m_model, "--size", "64", "--device", "cpu"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void createScoresBatchIntoProject()
    {
        // No display: the command must not need one.
        qunsetenv("DISPLAY");
        const auto r = runCada({"-q", "project", "create", "--model", m_model, "--images", m_data,
                                "--out", m_project, "--device", "cpu"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("36 images")); // 6 classes x (2 good + 4 defective) at per-class 4
        QVERIFY(r.out.contains("36 with layout labels"));
        QVERIFY(readAll(m_project).startsWith(QByteArray("SQLite format 3", 15)));
        // Never overwrites a project.
        const auto again = runCada({"-q", "project", "create", "--model", m_model, "--images",
                                    m_data, "--out", m_project, "--device", "cpu"});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("already exists"), qPrintable(again.err));
    }

    void reportWritesCsvJsonPdfAndOverlays()
    {
        const QString out = m_tmp.filePath("report");
        const auto r =
            runCada({"-q", "report", "--project", m_project, "--out", out, "--device", "cpu"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = QJsonDocument::fromJson(readAll(out + "/report.json")).object();
        QCOMPARE(j["summary"]["images"].toInt(), 36);
        QCOMPARE(j["summary"]["failed"].toInt(), 0);
        QCOMPARE(j["evaluation"]["ground_truth"].toString(), QString("layout"));
        QCOMPARE(j["evaluation"]["anomalous"].toInt(), 24);
        const double auroc = j["evaluation"]["pooled"]["auroc"].toDouble();
        QVERIFY2(auroc > 0.5 && auroc <= 1.0, qPrintable(QString::number(auroc)));
        const int flagged = j["summary"]["flagged"].toInt();
        QVERIFY(flagged > 0);
        QCOMPARE(QDir(out + "/overlays").entryList({"*.png"}, QDir::Files).size(), flagged);

        const QStringList lines =
            QString::fromUtf8(readAll(out + "/report.csv")).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 37);
        QVERIFY(lines[0].startsWith("id,path,group,group_name,raw_score,score,u_hat,gamma_hat"));
        int defective = 0;
        for (int i = 1; i < lines.size(); ++i)
            defective += lines[i].contains(",defective,");
        QCOMPARE(defective, flagged);

        const QByteArray pdf = readAll(out + "/report.pdf");
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY2(pdf.size() > 20000, qPrintable(QString::number(pdf.size())));
        int pages = 0; // page objects are "/Type /Page", the page tree "/Type /Pages"
        for (qsizetype i = pdf.indexOf("/Type /Page"); i >= 0;
             i = pdf.indexOf("/Type /Page", i + 1))
            pages += pdf.mid(i + 11, 1) != "s";
        QVERIFY2(pages >= 2, qPrintable(QString::number(pages)));
    }

    void reportWithoutModelStillWorks()
    {
        const QString moved = m_tmp.filePath("elsewhere.cada");
        QVERIFY(QFile::rename(m_model, moved));
        const QString out = m_tmp.filePath("report-nomodel");
        const auto r = runCada({"-q", "report", "--project", m_project, "--out", out});
        QFile::rename(moved, m_model);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("no heatmaps"), qPrintable(r.err));
        QVERIFY(QFile::exists(out + "/report.pdf"));
        QVERIFY(!QDir(out + "/overlays").exists());
    }

    // `project check`: a sound project passes (exit 0); one with overwritten pages is named as
    // damaged with SQLite's findings (exit 1).
    void checkTellsSoundFromDamaged()
    {
        const auto ok = runCada({"project", "check", "--project", m_project});
        QVERIFY2(ok.exitCode == 0 && ok.out.contains("OK"), qPrintable(ok.err));
        const QString copy = m_tmp.filePath("damaged.cadaproj");
        QVERIFY(QFile::copy(m_project, copy));
        QFile f(copy);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY2(f.size() >= 3 * 4096, qPrintable(QString::number(f.size())));
        f.seek(f.size() - 2 * 4096 + 100);
        f.write(QByteArray(2000, '\xA5'));
        f.close();
        const auto bad = runCada({"project", "check", "--project", copy});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(copy) && bad.err.contains("is damaged"), qPrintable(bad.err));
    }

    // `project check` on an SQLite file that is not a project says so (as opening it does);
    // `report --out` naming a file is refused and leaves no work folder beside it.
    void checkAndReportRefuseWhatIsNotTheirs()
    {
        const QString foreign = m_tmp.filePath("foreign.sqlite");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "foreign");
            db.setDatabaseName(foreign);
            QVERIFY(db.open());
            QSqlQuery(db).exec("CREATE TABLE t(x)");
        }
        QSqlDatabase::removeDatabase("foreign");
        const auto check = runCada({"project", "check", "--project", foreign});
        QVERIFY2(check.exitCode == 1 && check.err.contains("not a CADA Inspect project"),
                 qPrintable(check.err));

        const QString aFile = m_tmp.filePath("report-is-a-file");
        QVERIFY(QFile(aFile).open(QIODevice::WriteOnly));
        const auto report = runCada({"-q", "report", "--project", m_project, "--out", aFile});
        QVERIFY2(report.exitCode == 1 && report.err.contains("it is a file"),
                 qPrintable(report.err));
        QCOMPARE(QDir(m_tmp.path()).entryList({"report-is-a-file.part-*"}, QDir::AllEntries),
                 QStringList());
    }

    // A file name that is not UTF-8 cannot be stored as a project path: the image is a failed
    // row saying so, not a row stored under a different name.
    void nonUtf8FileNameIsReportedNotMangled()
    {
        const QString dir = m_tmp.filePath("latin1");
        QVERIFY(QDir().mkpath(dir));
        const std::string bad = QFile::encodeName(dir).toStdString() + "/caf\xe9.png";
        QVERIFY(std::filesystem::copy_file(
            QFile::encodeName(m_data + "/carpet/test/good/000.png").toStdString(), bad));
        const QString project = m_tmp.filePath("latin1.cadaproj");
        const auto r = runCada({"-q", "project", "create", "--model", m_model, "--images", dir,
                                "--out", project});
        QVERIFY2(r.exitCode == 0 && r.out.contains("1 failed"), qPrintable(r.out + r.err));
        const auto store = cada::project::ProjectStore::open(project);
        const auto images = store->images();
        QCOMPARE(int(images.size()), 1);
        QVERIFY2(images[0].error.contains("not valid UTF-8"), qPrintable(images[0].error));
    }

    void reportRefusesNonProject()
    {
        const QString bogus = m_tmp.filePath("bogus.cadaproj");
        QFile f(bogus);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a database");
        f.close();
        const auto r = runCada({"-q", "report", "--project", bogus, "--out", m_tmp.filePath("x")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(bogus) && r.err.contains("not an SQLite database"),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TstCliProject)
#include "tst_cli_project.moc"
