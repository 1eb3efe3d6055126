#include "ReportWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <cmath>

#include "OverlayWriter.h"
#include "PdfReport.h"
#include "cada/Error.h"
#include "cada/Version.h"
#include "cada/io/CsvField.h"
#include "cada/io/TemporaryFiles.h"

namespace cada::project {
namespace {

QString number(double v)
{
    return QString::number(v, 'g', 17);
}

QString csvField(const QString& s)
{
    return QString::fromStdString(io::csvTextField(s.toStdString()));
}

void saveAtomically(const QString& file, const QByteArray& data)
{
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit())
        throw Error("Cannot write '" + file.toStdString() + "': " + f.errorString().toStdString() +
                    ". Check that the folder exists and is writable.");
}

QJsonValue num(double v)
{
    return std::isnan(v) || std::isinf(v) ? QJsonValue() : QJsonValue(v);
}

QJsonObject metricsJson(const metrics::ImageMetrics& m)
{
    return {{"auroc", num(m.auroc)}, {"ap", num(m.ap)}, {"f1max", num(m.f1max)}};
}

} // namespace

QStringList csvHeader()
{
    return {"id",       "path",  "group",     "group_name",   "raw_score",
            "score",    "u_hat", "gamma_hat", "unknown_type", "verdict",
            "decision", "note",  "reviewer",  "decided_at",   "error"};
}

void writeCsv(const ProjectSnapshot& project, const QString& file)
{
    QString out = csvHeader().join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const ImageRecord& r : project.images) {
        const bool ok = r.ok();
        QStringList f{QString::number(r.id),
                      r.path,
                      ok ? QString::number(r.group) : QString(),
                      ok ? project.groupName(r.group) : QString(),
                      ok ? number(r.rawScore) : QString(),
                      ok ? number(r.score) : QString(),
                      ok ? number(r.uHat) : QString(),
                      ok ? number(r.gammaHat) : QString(),
                      ok ? QString::number(r.unknownType ? 1 : 0) : QString(),
                      verdictName(project.verdict(r)),
                      decisionName(r.decision),
                      r.note,
                      r.reviewer,
                      r.decidedAt.isValid() ? r.decidedAt.toString(Qt::ISODateWithMs) : QString(),
                      r.scored ? r.error : QStringLiteral("not scored")};
        // Text columns get spreadsheet-safe quoting; numbers, verdicts and dates are the program's.
        for (int text : {1, 3, 11, 12, 14})
            f[text] = csvField(f[text]);
        out += f.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    saveAtomically(file, out.toUtf8());
}

QJsonObject jsonReport(const ProjectSnapshot& project, const Evaluation& evaluation)
{
    int scored = 0, failed = 0, flagged = 0, review = 0, reviewed = 0, disagreements = 0,
        unknownType = 0;
    std::map<Decision, int> decisions;
    struct GroupCounts {
        int images = 0, flagged = 0, review = 0, reviewed = 0, ok = 0, defective = 0, unsure = 0;
        double scoreSum = 0;
    };
    std::map<int, GroupCounts> groups;
    for (const ImageRecord& r : project.images) {
        const Verdict v = project.verdict(r);
        if (!r.ok()) {
            ++failed;
            continue;
        }
        ++scored;
        GroupCounts& g = groups[r.group];
        ++g.images;
        g.scoreSum += r.score;
        unknownType += r.unknownType;
        if (v == Verdict::Defective) {
            ++flagged;
            ++g.flagged;
        } else if (v == Verdict::Review) {
            ++review;
            ++g.review;
        }
        if (r.decision != Decision::None) {
            ++reviewed;
            ++g.reviewed;
            ++decisions[r.decision];
            (r.decision == Decision::Ok          ? g.ok
             : r.decision == Decision::Defective ? g.defective
                                                 : g.unsure)++;
            if ((r.decision == Decision::Ok && v == Verdict::Defective) ||
                (r.decision == Decision::Defective && v != Verdict::Defective))
                ++disagreements;
        }
    }
    QJsonObject summary{{"images", int(project.images.size())},
                        {"scored", scored},
                        {"failed", failed},
                        {"flagged", flagged},
                        {"in_review_band", review},
                        {"unknown_type", unknownType},
                        {"reviewed", reviewed},
                        {"decisions", QJsonObject{{"ok", decisions[Decision::Ok]},
                                                  {"defective", decisions[Decision::Defective]},
                                                  {"unsure", decisions[Decision::Unsure]}}},
                        {"disagreements", disagreements}};

    QJsonArray history;
    for (const ThresholdChange& c : project.thresholdHistory)
        history.append(
            QJsonObject{{"value", c.value}, {"time", c.time.toString(Qt::ISODateWithMs)}});
    QJsonObject settings{
        {"threshold", project.threshold},
        {"review_band_lower", project.session.reviewBandLower
                                  ? QJsonValue(*project.session.reviewBandLower)
                                  : QJsonValue()},
        {"alignment", project.model.alignment},
        {"images_root", project.imagesRoot},
        {"layout", project.layout},
        {"model", QJsonObject{{"path", project.model.path},
                              {"sha256", project.model.sha256},
                              {"method", project.model.method},
                              {"image_size", project.model.imageSize},
                              {"default_threshold", project.model.defaultThreshold}}},
        {"threshold_history", history}};

    QJsonArray groupArray;
    for (const auto& [id, g] : groups)
        groupArray.append(QJsonObject{{"group", id},
                                      {"name", project.groupName(id)},
                                      {"images", g.images},
                                      {"flagged", g.flagged},
                                      {"in_review_band", g.review},
                                      {"reviewed", g.reviewed},
                                      {"ok", g.ok},
                                      {"defective", g.defective},
                                      {"unsure", g.unsure},
                                      {"mean_score", g.images ? g.scoreSum / g.images : 0.0}});

    QJsonValue eval;
    if (!evaluation.empty()) {
        const metrics::Confusion& c = evaluation.atThreshold;
        QJsonArray perGroup;
        for (const GroupEvaluation& g : evaluation.perGroup) {
            QJsonObject o = metricsJson(g.metrics);
            o.insert("group", g.group);
            o.insert("name", g.name);
            o.insert("labelled", g.labelled);
            o.insert("anomalous", g.anomalous);
            o.insert("false_alarms", g.atThreshold.fp);
            o.insert("caught", g.atThreshold.tp);
            perGroup.append(o);
        }
        QJsonObject pooled = metricsJson(evaluation.pooled);
        pooled.insert("f1max_threshold",
                      evaluation.bestF1 ? QJsonValue(evaluation.bestF1->threshold) : QJsonValue());
        eval = QJsonObject{{"ground_truth", groundTruthName(evaluation.source)},
                           {"labelled", int(evaluation.scores.size())},
                           {"anomalous", evaluation.anomalous},
                           {"normal", evaluation.normal},
                           {"at_threshold", QJsonObject{{"threshold", evaluation.threshold},
                                                        {"tp", c.tp},
                                                        {"fp", c.fp},
                                                        {"tn", c.tn},
                                                        {"fn", c.fn},
                                                        {"precision", c.precision()},
                                                        {"recall", c.recall()},
                                                        {"f1", c.f1()},
                                                        {"false_alarm_rate", c.falseAlarmRate()}}},
                           {"pooled", pooled},
                           {"mean_per_group", metricsJson(evaluation.meanPerGroup)},
                           {"per_group", perGroup}};
    }

    return {{"format", "cada-inspect-report"},
            {"format_version", 1},
            {"generator", QString::fromStdString("CADA Inspect " + programVersion())},
            {"generated_at", QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {"project", project.file},
            {"created_at", project.createdAt.toString(Qt::ISODateWithMs)},
            {"summary", summary},
            {"settings", settings},
            {"groups", groupArray},
            {"evaluation", eval}};
}

void writeJson(const ProjectSnapshot& project, const Evaluation& evaluation, const QString& file)
{
    saveAtomically(file,
                   QJsonDocument(jsonReport(project, evaluation)).toJson(QJsonDocument::Indented));
}

ReportFiles writeReport(const ProjectSnapshot& project, const Model* model, const QString& outDir,
                        Progress& progress, const ReportOptions& options)
{
    // Everything is written into a sibling folder first and moved into place at the end, so a
    // killed or cancelled run never leaves the new CSV beside the previous run's PDF and overlays.
    const QString finalDir = QDir::cleanPath(QDir(outDir).absolutePath());
    io::removeStaleTemporaries(finalDir.toStdString());
    const QString work = QString::fromStdString(io::temporaryFor(finalDir.toStdString()).string());
    QDir(work).removeRecursively();
    struct RemoveWork {
        QString path;
        ~RemoveWork() { QDir(path).removeRecursively(); }
    } removeWork{work}; // also when the folders below cannot be made
    if (QFileInfo(finalDir).exists() && !QFileInfo(finalDir).isDir())
        throw Error("Cannot write the report into '" + finalDir.toStdString() +
                    "': it is a file. Choose a folder.");
    if (!QDir().mkpath(work) || !QDir().mkpath(finalDir))
        throw Error("Cannot create the report folder '" + finalDir.toStdString() + "'.");
    const QDir dir(work);
    ReportFiles files;
    files.csv = dir.filePath(QStringLiteral("report.csv"));
    files.json = dir.filePath(QStringLiteral("report.json"));
    files.pdf = dir.filePath(QStringLiteral("report.pdf"));
    const Evaluation evaluation = evaluate(project, project.threshold, options.groundTruth);
    writeCsv(project, files.csv);
    writeJson(project, evaluation, files.json);
    std::map<qint64, QString> overlays;
    if (model) {
        files.overlayDir = dir.filePath(QStringLiteral("overlays"));
        overlays = writeOverlays(project, *model, files.overlayDir, progress, &files.problems);
        files.overlays = int(overlays.size());
    }
    progress.throwIfCancelled();
    writePdf(project, evaluation, overlays, files.pdf, options.topFlagged);

    // The swap: the previous report's files (and overlays) make way for this one's; anything else
    // in the folder is the user's and stays.
    const QDir target(finalDir);
    auto moveIn = [&](QString& path) {
        if (path.isEmpty())
            return;
        const QString destination = target.filePath(QFileInfo(path).fileName());
        if (QFileInfo(destination).isDir())
            QDir(destination).removeRecursively();
        else
            QFile::remove(destination);
        if (!QFile::rename(path, destination))
            throw Error("Cannot move the report into '" + finalDir.toStdString() +
                        "'. Check that the folder is writable.");
        path = destination;
    };
    QDir(target.filePath(QStringLiteral("overlays"))).removeRecursively();
    for (QString* path : {&files.csv, &files.json, &files.overlayDir, &files.pdf})
        moveIn(*path);
    return files;
}

} // namespace cada::project
