// `cada train`, `score`, `eval` as a user runs them, cross-checked against each other.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <tuple>
#include <sys/stat.h>

#include <opencv2/imgcodecs.hpp>

#include "../TestImages.h"
#include "CliRunner.h"

namespace {

// Mann-Whitney AUROC computed here, independently of the core's metrics.
double pairwiseAuroc(const QVector<double>& normal, const QVector<double>& anomalous)
{
    double wins = 0;
    for (double a : anomalous)
        for (double n : normal)
            wins += a > n ? 1.0 : a == n ? 0.5 : 0.0;
    return wins / (double(normal.size()) * double(anomalous.size()));
}

// The non-empty lines of a CSV file (empty when it cannot be read, which the callers' counts
// catch).
QStringList csvLines(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

} // namespace

class TstCliModel : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_data, m_model;

  private slots:
    void initTestCase()
    {
        m_data = m_tmp.filePath("data");
        m_model = m_tmp.filePath("pc.cada");
        QCOMPARE(runCada({"-q", "demo-data", "--out", m_data, "--size", "64", "--per-class", "8"})
                     .exitCode,
                 0);
        const auto r =
            runCada({"-q", "train", "--data", m_data, "--out", m_model, "--size", "64", "--device",
                     "cpu", "--max-bank", "1000", "--max-calibration", "40"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("leave-self-out"));
        // 10 % of 48 x 256 patches would be 1229; --max-bank caps it.
        QVERIFY2(r.out.contains("Memory bank: 1000 patches"), qPrintable(r.out));
        QVERIFY(QFile::exists(m_model));
    }

    void infoDescribesTheModel()
    {
        const auto r = runCada({"info", "--model", m_model});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("method:           patchcore"));
        QVERIFY(r.out.contains("input size:       64 x 64 px"));
        QVERIFY(r.out.contains("training images:  48 from " + QDir(m_data).absolutePath()));
        QVERIFY2(
            r.out.contains("memory bank:      1000 patches (coreset 10.0 %, cap 1000), searched "
                           "in the 4 nearest lists"),
            qPrintable(r.out));
        // --max-calibration: 40 of the 48 training images are calibrated (a seeded subset).
        QVERIFY2(r.out.contains("calibration:      40 normals, leave-self-out"), qPrintable(r.out));
        QVERIFY2(r.out.contains("implicit groups:  6"), qPrintable(r.out));
        // Each group line says how many of its calibration normals the default threshold flags.
        // Over all groups that is the 40 calibration normals, and at 1 % of 40 none may be.
        const QRegularExpression group(R"((\d+)/(\d+) calibration normals above the threshold)");
        int flagged = 0, calibrated = 0, groupLines = 0;
        for (auto it = group.globalMatch(r.out); it.hasNext(); ++groupLines) {
            const auto m = it.next();
            flagged += m.captured(1).toInt();
            calibrated += m.captured(2).toInt();
        }
        QCOMPARE(groupLines, 6);
        QCOMPARE(calibrated, 40);
        QCOMPARE(flagged, 0);
        // A file that is not a model is named in a clear error, not a crash.
        const auto bad = runCada({"info", "--model", m_data + "/README.txt"});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("README.txt") && bad.err.contains("not a CADA Inspect model"),
                 qPrintable(bad.err));
    }

    void trainNamesGroupsWithCalibrationNormalsAboveTheThreshold()
    {
        // At a 20 % target false-alarm rate at most 8 of the 40 calibration normals are above the
        // default threshold; training lists each group that has any, and `info` agrees.
        const QString model = m_tmp.filePath("far20.cada");
        const auto r = runCada({"-q", "train", "--data", m_data, "--out", model, "--size", "64",
                                "--device", "cpu", "--max-bank", "1000", "--max-calibration", "40",
                                "--false-alarm-rate", "0.2"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QRegularExpression trainLine(
            R"(  (Group \d+): (\d+) of its (\d+) calibration normals score above it)");
        QMap<QString, int> listed;
        int flagged = 0;
        for (auto it = trainLine.globalMatch(r.out); it.hasNext();) {
            const auto m = it.next();
            listed[m.captured(1)] = m.captured(2).toInt();
            flagged += m.captured(2).toInt();
            QVERIFY(m.captured(2).toInt() > 0);
        }
        QVERIFY2(flagged >= 1 && flagged <= 8, qPrintable(r.out));
        const auto info = runCada({"info", "--model", model});
        const QRegularExpression infoLine(
            R"((Group \d+)\s+\d+ images, (\d+)/\d+ calibration normals above the threshold)");
        int inInfo = 0;
        for (auto it = infoLine.globalMatch(info.out); it.hasNext();) {
            const auto m = it.next();
            const int above = m.captured(2).toInt();
            inInfo += above;
            QCOMPARE(listed.value(m.captured(1), 0), above);
        }
        QCOMPARE(inInfo, flagged);
    }

    void scoreWritesCsvAndMaps()
    {
        const QString csv = m_tmp.filePath("scores.csv"), maps = m_tmp.filePath("maps");
        const auto r = runCada({"-q", "score", "--model", m_model, "--images", m_data, "--split",
                                "test", "--out", csv, "--maps", maps});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = csvLines(csv);
        QCOMPARE(
            lines.first(),
            QString(
                "path,group,raw_score,score,u_hat,gamma_hat,unknown_type,verdict,error,warning"));
        QCOMPARE(lines.size() - 1,
                 6 * (2 + 4)); // 6 classes x (2 good + 4 defective) at per-class 8
        const QStringList first = lines[1].split(',');
        QVERIFY(!first[0].startsWith('/')); // relative to --images
        const QString map = maps + "/" + first[0] + ".tiff";
        const cv::Mat m = cv::imread(map.toStdString(), cv::IMREAD_UNCHANGED);
        QVERIFY2(!m.empty(), qPrintable(map));
        QCOMPARE(m.type(), CV_32FC1);
        QVERIFY(first[5].toDouble() > first[4].toDouble()); // gamma_hat > u_hat
    }

    // File names a spreadsheet would run as formulas, or that would split a row, stay one text
    // cell each (OWASP CSV injection; RFC 4180 quoting of CR).
    void scoreCsvNeutralisesFormulasAndQuotesLineBreaks()
    {
        const QString dir = m_tmp.filePath("hostile");
        QVERIFY(QDir().mkpath(dir));
        const QString source = m_data + "/carpet/test/good/000.png";
        QVERIFY2(QFile::exists(source), qPrintable(source));
        for (const char* name : {"=1+2.png", "@cmd.png", "a\rb.png"})
            QVERIFY(QFile::copy(source, dir + "/" + QString::fromUtf8(name)));
        const QString csv = m_tmp.filePath("hostile.csv");
        const auto r = runCada({"-q", "score", "--model", m_model, "--images", dir, "--out", csv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = csvLines(csv);
        QCOMPARE(lines.size(), 4); // the header and one row per image: the CR split nothing
        for (const QString prefix :
             {QString("\"'=1+2.png\","), QString("\"'@cmd.png\","), QString("\"a\rb.png\",")})
            QVERIFY2(std::any_of(lines.begin(), lines.end(),
                                 [&](const QString& line) { return line.startsWith(prefix); }),
                     qPrintable(prefix + " not in: " + lines.join('|')));
    }

    // Files that are found but cannot be scored are rows of the CSV with their reason, not only
    // warnings: a broken link, a link loop and a FIFO (never opened: reading it would block).
    void unscorableFilesAreRowsWithTheirReason()
    {
        const QString dir = m_tmp.filePath("odd");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::copy(m_data + "/carpet/test/good/000.png", dir + "/good.png"));
        QVERIFY(QFile::link(dir + "/missing.png", dir + "/gone.png"));
        QVERIFY(QFile::link(dir + "/loop.png", dir + "/loop.png"));
        QCOMPARE(::mkfifo(QFile::encodeName(dir + "/pipe.png").constData(), 0600), 0);
        const auto corrupt = testimages::corruptJpeg(cv::imread(dir.toStdString() + "/good.png"));
        QFile jpeg(dir + "/corrupt.jpg");
        QVERIFY(jpeg.open(QIODevice::WriteOnly));
        jpeg.write(reinterpret_cast<const char*>(corrupt.data()), qint64(corrupt.size()));
        jpeg.close();
        const QString csv = m_tmp.filePath("odd.csv");
        const auto r = runCada({"-q", "score", "--model", m_model, "--images", dir, "--out", csv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = csvLines(csv);
        QCOMPARE(lines.size(), 6);
        auto row = [&](const QString& name) {
            for (const QString& l : lines)
                if (l.startsWith(name + ","))
                    return l;
            return QString();
        };
        QVERIFY2(row("good.png").contains(",ok,") || row("good.png").contains(",defective,"),
                 qPrintable(lines.join('|')));
        // Corrupt JPEG data is scored, with libjpeg's warning in the row and on stderr.
        const QString corruptRow = row("corrupt.jpg");
        QVERIFY2(corruptRow.contains(QRegularExpression(",(ok|defective),,.*corrupt JPEG data")),
                 qPrintable(corruptRow));
        QVERIFY2(r.err.contains("corrupt.jpg: corrupt JPEG data"), qPrintable(r.err));
        QVERIFY2(row("gone.png").contains(",error,broken symbolic link"),
                 qPrintable(lines.join('|')));
        QVERIFY2(row("loop.png").contains(",error,symbolic link loop"),
                 qPrintable(lines.join('|')));
        QVERIFY2(row("pipe.png").contains(",error,\"not a regular file"),
                 qPrintable(lines.join('|')));
    }

    // Another run's temporary file beside the same --out is neither used nor removed.
    void scoreUsesATemporaryNameOfItsOwn()
    {
        const QString csv = m_tmp.filePath("shared.csv");
        QFile other(csv + ".part");
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("another run's rows\n");
        other.close();
        const auto r = runCada({"-q", "score", "--model", m_model, "--images",
                                m_data + "/carpet/test/good", "--out", csv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith("path,group,"));
        QVERIFY(other.open(QIODevice::ReadOnly));
        QCOMPARE(other.readAll(), QByteArray("another run's rows\n"));
    }

    // Temporaries of killed runs (SIGKILL leaves `x.csv.part-PID` behind) are removed by the next
    // run writing the same file; a running process's temporary is left alone.
    void staleTemporariesOfDeadRunsAreRemoved()
    {
        // A pid above the kernel's largest is one no process can have.
        QFile pidMax("/proc/sys/kernel/pid_max");
        QVERIFY(pidMax.open(QIODevice::ReadOnly));
        const qint64 deadPid = pidMax.readAll().trimmed().toLongLong() + 1;
        QVERIFY(deadPid > 1);
        QProcess sleeper;
        sleeper.start("sleep", {"60"});
        QVERIFY(sleeper.waitForStarted());
        const QString csv = m_tmp.filePath("stale.csv");
        const QString dead = csv + ".part-" + QString::number(deadPid);
        const QString alive = csv + ".part-" + QString::number(sleeper.processId());
        for (const QString& f : {dead, alive}) {
            QFile file(f);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("partial rows\n");
        }
        const auto r = runCada({"-q", "score", "--model", m_model, "--images",
                                m_data + "/carpet/test/good", "--out", csv});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(!QFile::exists(dead), qPrintable(dead));
        QVERIFY(QFile::exists(alive));
        sleeper.kill();
        sleeper.waitForFinished();
    }

    // An --out that cannot be written is reported before any image is read or trained on.
    void trainChecksItsOutputFirst()
    {
        const auto r =
            runCada({"train", "--data", m_data, "--out", m_tmp.filePath("no/such/m.cada"), "--size",
                     "64", "--device", "cpu"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("no/such/m.cada") && r.err.contains("not writable"),
                 qPrintable(r.err));
        QVERIFY2(!r.out.contains("Loading images") && !r.err.contains("Loading images"),
                 qPrintable(r.out + r.err));
    }

    void evalJsonMatchesScoresAndHasTheKeys()
    {
        const QString json = m_tmp.filePath("report.json"), csv = m_tmp.filePath("s2.csv");
        const auto r =
            runCada({"-q", "eval", "--model", m_model, "--data", m_data, "--json", json});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("pooled"));
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(o["dataset"].toObject()["n_test"].toInt(), 36);
        QCOMPARE(o["dataset"].toObject()["classes"].toArray().size(), 6);
        for (const char* mode : {"none", "cada", "oracle"}) {
            const QJsonObject a = o["alignments"].toObject()[mode].toObject();
            QVERIFY2(!a.isEmpty(), mode);
            for (const char* scope : {"pooled", "mean_per_class"})
                for (const char* key :
                     {"image_auroc", "image_ap", "image_f1max", "pixel_auroc", "aupro"}) {
                    const double v = a[scope].toObject()[key].toDouble(-1);
                    QVERIFY2(v >= 0 && v <= 1,
                             qPrintable(QString("%1 %2 %3").arg(mode, scope, key)));
                }
            QCOMPARE(a["per_class"].toObject().size(), 6);
        }
        QVERIFY(o["implicit_classes"].toObject().contains("ari"));
        QVERIFY(o["timing"].toObject()["score_images_per_s"].toDouble() > 0);

        // The pooled cada AUROC equals one computed here from `cada score`'s aligned scores.
        QCOMPARE(runCada({"-q", "score", "--model", m_model, "--images", m_data, "--split", "test",
                          "--out", csv})
                     .exitCode,
                 0);
        QFile s(csv);
        QVERIFY(s.open(QIODevice::ReadOnly));
        QVector<double> normal, anomalous;
        QMap<QString, QVector<double>> rawNormal, rawAnomalous;         // per class
        QMap<QString, QPair<int, int>> flaggedNormal, flaggedAnomalous; // (flagged, count)
        for (const QString& line :
             QString::fromUtf8(s.readAll()).split('\n', Qt::SkipEmptyParts).mid(1)) {
            const QStringList c = line.split(',');
            const bool good = c[0].contains("/test/good/");
            const QString cls = c[0].section('/', 0, 0);
            (good ? normal : anomalous).push_back(c[3].toDouble());
            (good ? rawNormal : rawAnomalous)[cls].push_back(c[2].toDouble());
            auto& f = (good ? flaggedNormal : flaggedAnomalous)[cls];
            f.first += c[7] == "defective" ? 1 : 0;
            f.second += 1;
        }
        const QJsonObject cada = o["alignments"].toObject()["cada"].toObject();
        const double expected = pairwiseAuroc(normal, anomalous);
        const double reported = cada["pooled"].toObject()["image_auroc"].toDouble();
        QVERIFY2(std::abs(expected - reported) < 1e-4,
                 qPrintable(QString("%1 vs %2").arg(expected).arg(reported)));

        // At the default threshold, eval counts what `cada score` flags, class by class.
        const QJsonObject atThreshold = cada["at_threshold"].toObject();
        QCOMPARE(atThreshold["target_false_alarm_rate"].toDouble(), 0.01);
        int caught = 0, falseAlarms = 0;
        for (const QString& cls : flaggedNormal.keys()) {
            const QJsonObject c = atThreshold["per_class"].toObject()[cls].toObject();
            QCOMPARE(c["false_alarms"].toInt(), flaggedNormal[cls].first);
            QCOMPARE(c["normals"].toInt(), flaggedNormal[cls].second);
            QCOMPARE(c["caught"].toInt(), flaggedAnomalous[cls].first);
            QCOMPARE(c["defective"].toInt(), flaggedAnomalous[cls].second);
            caught += flaggedAnomalous[cls].first;
            falseAlarms += flaggedNormal[cls].first;
        }
        const QJsonObject pooled = atThreshold["pooled"].toObject();
        QCOMPARE(pooled["caught"].toInt(), caught);
        QCOMPARE(pooled["false_alarms"].toInt(), falseAlarms);
        QCOMPARE(pooled["recall"].toDouble(), double(caught) / anomalous.size());

        QCOMPARE(atThreshold["threshold_from"].toString(), QString("model"));

        // --threshold: cada's counts at the user's threshold, here halfway between two aligned
        // scores near the median (the CSV's scores carry 6 significant digits, so a threshold
        // equal to one of them could fall on either side of the exact score).
        QVector<double> all = normal + anomalous;
        std::sort(all.begin(), all.end());
        int k = int(all.size()) / 2;
        while (k + 1 < all.size() && all[k + 1] - all[k] < 1e-3 * std::abs(all[k]))
            ++k;
        QVERIFY(k + 1 < all.size());
        const double median = 0.5 * (all[k] + all[k + 1]);
        const QString json2 = m_tmp.filePath("report-threshold.json");
        const auto r2 =
            runCada({"-q", "eval", "--model", m_model, "--data", m_data, "--json", json2,
                     "--alignments", "none,cada", "--threshold", QString::number(median, 'g', 17)});
        QVERIFY2(r2.exitCode == 0, qPrintable(r2.err));
        QVERIFY2(r2.out.contains(" (given)"), qPrintable(r2.out));
        QFile f2(json2);
        QVERIFY(f2.open(QIODevice::ReadOnly));
        const QJsonObject modes =
            QJsonDocument::fromJson(f2.readAll()).object()["alignments"].toObject();
        const QJsonObject given = modes["cada"].toObject()["at_threshold"].toObject();
        QCOMPARE(given["threshold_from"].toString(), QString("user"));
        QCOMPARE(given["threshold"].toDouble(), median);
        const auto countAtLeast = [&](const QVector<double>& v) {
            return int(std::count_if(v.begin(), v.end(), [&](double x) { return x >= median; }));
        };
        QCOMPARE(given["pooled"].toObject()["caught"].toInt(), countAtLeast(anomalous));
        QCOMPARE(given["pooled"].toObject()["false_alarms"].toInt(), countAtLeast(normal));
        // The other modes keep their model thresholds (their scales differ from cada's).
        QCOMPARE(modes["none"].toObject()["at_threshold"].toObject()["threshold_from"].toString(),
                 QString("model"));

        // The equalised-normals reference: each raw score replaced by the fraction of its class's
        // normals below it (ties half), then the pooled pairwise AUROC.
        QVector<double> eqNormal, eqAnomalous;
        auto fractionBelow = [](const QVector<double>& normals, double x) {
            double below = 0;
            for (double n : normals)
                below += n < x ? 1.0 : n == x ? 0.5 : 0.0;
            return below / normals.size();
        };
        for (const QString& cls : rawNormal.keys()) {
            for (double x : rawNormal[cls])
                eqNormal.push_back(fractionBelow(rawNormal[cls], x));
            for (double x : rawAnomalous[cls])
                eqAnomalous.push_back(fractionBelow(rawNormal[cls], x));
        }
        const double eqReported =
            o["score_scale"].toObject()["equalised_normals_image_auroc"].toDouble(-1);
        QVERIFY2(
            std::abs(pairwiseAuroc(eqNormal, eqAnomalous) - eqReported) < 1e-4,
            qPrintable(
                QString("%1 vs %2").arg(pairwiseAuroc(eqNormal, eqAnomalous)).arg(eqReported)));
    }

    // A defective test image whose mask is missing counts in the image metrics but not in the
    // pixel metrics: its defect pixels are unknown, not normal. So the pixel metrics equal those of
    // the same data without that image at all.
    void defectWithoutMaskIsLeftOutOfPixelMetrics()
    {
        namespace fs = std::filesystem;
        const fs::path noMask = m_tmp.filePath("no-mask").toStdString(),
                       noImage = m_tmp.filePath("no-image").toStdString();
        fs::copy(m_data.toStdString(), noMask, fs::copy_options::recursive);
        fs::copy(m_data.toStdString(), noImage, fs::copy_options::recursive);
        const fs::path image = "carpet/test/hole/000.png",
                       mask = "carpet/ground_truth/hole/000_mask.png";
        QVERIFY(fs::exists(noMask / mask));
        fs::remove(noMask / mask);
        fs::remove(noImage / mask);
        fs::remove(noImage / image);
        auto pooledPixel = [&](const fs::path& root, const QString& json) {
            const auto r = runCada({"-q", "eval", "--model", m_model, "--data",
                                    QString::fromStdString(root.string()), "--json", json});
            QFile f(json);
            if (r.exitCode != 0 || !f.open(QIODevice::ReadOnly))
                return std::make_tuple(-1.0, -1.0, r.out + r.err);
            const auto pooled = QJsonDocument::fromJson(f.readAll())
                                    .object()["alignments"]
                                    .toObject()["cada"]
                                    .toObject()["pooled"]
                                    .toObject();
            return std::make_tuple(pooled["pixel_auroc"].toDouble(), pooled["aupro"].toDouble(),
                                   r.out + r.err);
        };
        // Scored once, not also reported as a failure: the missing mask is a note about it.
        const QString noMaskCsv = m_tmp.filePath("no-mask.csv");
        const auto scored = runCada({"-q", "score", "--model", m_model, "--images",
                                     QString::fromStdString(noMask.string()), "--split", "test",
                                     "--out", noMaskCsv});
        QVERIFY2(scored.exitCode == 0 && scored.out.contains(" 0 failed"),
                 qPrintable(scored.out + scored.err));
        QCOMPARE(
            csvLines(noMaskCsv).filter(QRegularExpression("^carpet/test/hole/000\\.png,")).size(),
            1);
        const auto [pixelA, proA, outA] = pooledPixel(noMask, m_tmp.filePath("no-mask.json"));
        const auto [pixelB, proB, outB] = pooledPixel(noImage, m_tmp.filePath("no-image.json"));
        QVERIFY2(pixelA > 0 && pixelB > 0, qPrintable(outA + outB));
        QVERIFY2(outA.contains("1 defective test images have no ground-truth mask"),
                 qPrintable(outA));
        // Equal up to the last digits that batching the images differently may change.
        QVERIFY2(std::abs(pixelA - pixelB) < 1e-6 && std::abs(proA - proB) < 1e-6,
                 qPrintable(QString("pixel AUROC %1 vs %2, AUPRO %3 vs %4")
                                .arg(pixelA, 0, 'g', 10)
                                .arg(pixelB, 0, 'g', 10)
                                .arg(proA, 0, 'g', 10)
                                .arg(proB, 0, 'g', 10)));
    }

    void interruptCancelsTrainingAndLeavesNoFile_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
    }
    void interruptCancelsTrainingAndLeavesNoFile()
    {
        QFETCH(int, signal);
        const QString folder = m_tmp.filePath(QString("interrupted%1").arg(signal));
        const QString out = folder + "/rd.cada";
        QDir().mkpath(folder);
        // Interrupted once training is under way (the progress lines go to stderr).
        QCOMPARE(interruptCadaAt({"train", "--data", m_data, "--out", out, "--size", "64",
                                  "--method", "revdist", "--epochs", "500", "--device", "cpu"},
                                 "Training student", signal),
                 130);
        QVERIFY(QDir(folder).isEmpty()); // no model, no partial file
    }

    // Paths that are not plain files are refused with their kind named, before any work: a
    // folder or a device as --out (renaming over a device node would replace it), --maps inside
    // the images or on a file, a folder or FIFO as --model (a FIFO would block forever). An --out
    // that is a symbolic link is written through: the link stays.
    void pathsThatAreNotFilesAreRefused()
    {
        const QString folder = m_tmp.filePath("a-folder");
        QVERIFY(QDir().mkpath(folder));
        auto score = [&](const QString& out, const QString& maps = {}) {
            QStringList args{"-q",    "score",    "--model",
                             m_model, "--images", m_data + "/pcb/test/good",
                             "--out", out};
            if (!maps.isEmpty())
                args << "--maps" << maps;
            return runCada(args);
        };
        const auto toFolder = score(folder);
        QVERIFY2(toFolder.exitCode == 1 && toFolder.err.contains("a-folder") &&
                     toFolder.err.contains("is a folder"),
                 qPrintable(toFolder.err));
        const auto inside = score(m_tmp.filePath("m.csv"), m_data + "/pcb/test/good/maps");
        QVERIFY2(inside.exitCode == 1 && inside.err.contains("inside the image folder"),
                 qPrintable(inside.err));
        const QString aFile = m_tmp.filePath("a-file");
        QVERIFY(QFile(aFile).open(QIODevice::WriteOnly));
        const auto onFile = score(m_tmp.filePath("m.csv"), aFile + "/maps");
        QVERIFY2(onFile.exitCode == 1 && onFile.err.contains("Cannot create the maps folder"),
                 qPrintable(onFile.err));
        QVERIFY(!QFile::exists(m_tmp.filePath("m.csv")));

        const QString target = m_tmp.filePath("target.csv"), link = m_tmp.filePath("link.csv");
        QVERIFY(QFile(target).open(QIODevice::WriteOnly));
        QVERIFY(QFile::link(target, link));
        const auto viaLink = score(link);
        QVERIFY2(viaLink.exitCode == 0, qPrintable(viaLink.err));
        QVERIFY(QFileInfo(link).isSymLink());
        QVERIFY(csvLines(target).size() > 1);

        const QString fifo = m_tmp.filePath("model.fifo");
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        for (const auto& [model, kind] :
             {std::pair{folder, QString("is a folder")}, std::pair{fifo, QString("FIFO")}}) {
            const auto r = runCada({"info", "--model", model}, 30000);
            QVERIFY2(r.exitCode == 1 && r.err.contains(model) && r.err.contains(kind),
                     qPrintable(r.err));
        }
    }

    void badModelFileFailsWithMessage()
    {
        const QString bad = m_tmp.filePath("bad.cada");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("garbage");
        f.close();
        const auto r = runCada(
            {"score", "--model", bad, "--images", m_data, "--out", m_tmp.filePath("x.csv")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("bad.cada") && r.err.contains("not a CADA Inspect model"),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(m_tmp.filePath("x.csv")));
    }
};

QTEST_GUILESS_MAIN(TstCliModel)
#include "tst_cli_model.moc"
