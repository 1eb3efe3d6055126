// Project exports: the CSV and JSON reports against the database and against core's metrics.
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "ProjectEvaluation.h"
#include "ProjectFixtures.h"
#include "ProjectStore.h"
#include "ReportWriter.h"
#include "cada/metrics/Metrics.h"

using namespace cada::project;
using namespace project_fixtures;

namespace {

// RFC 4180 reader for the exported CSV (quoted fields may hold commas, quotes and newlines).
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row << field;
            field.clear();
        } else if (c == '\n') {
            row << field;
            field.clear();
            rows << row;
            row.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

double jsonNumber(const QJsonValue& v)
{
    return v.isNull() ? std::nan("") : v.toDouble();
}

bool sameMetric(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) < 1e-12;
}
} // namespace

class TstProjectExport : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    QString newProject(const QString& name, std::vector<ImageRecord>* rowsOut = nullptr, int n = 12)
    {
        return project_fixtures::newProject(m_tmp.path(), name, rowsOut, n);
    }

  private slots:
    void csvMatchesDatabase()
    {
        std::vector<ImageRecord> rows;
        const QString file = newProject(QStringLiteral("csv"), &rows);
        auto store = ProjectStore::open(file);
        store->setThreshold(1.0);
        store->setReviewBand(0.7);
        store->recordDecision(rows[0].id, Decision::Defective,
                              QStringLiteral("crack, \"long\"\nsecond line"),
                              QStringLiteral("Zoë"));
        store->recordDecision(rows[1].id, Decision::Ok, QString(), QStringLiteral("ana"));
        const ProjectSnapshot snap = store->snapshot();
        const QString csv = m_tmp.filePath(QStringLiteral("export.csv"));
        writeCsv(snap, csv);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QStringList> table = parseCsv(QString::fromUtf8(f.readAll()));
        QCOMPARE(table.first(), csvHeader());
        const auto db = store->images();
        QCOMPARE(table.size() - 1, int(db.size()));
        for (std::size_t i = 0; i < db.size(); ++i) {
            const QStringList& c = table[int(i) + 1];
            const ImageRecord& r = db[i];
            QCOMPARE(c.size(), csvHeader().size());
            QCOMPARE(c[0].toLongLong(), r.id);
            QCOMPARE(c[1], r.path);
            QCOMPARE(c[14], r.error);
            QCOMPARE(c[10], decisionName(r.decision));
            QCOMPARE(c[11], r.note);
            QCOMPARE(c[12], r.reviewer);
            QCOMPARE(c[13],
                     r.decidedAt.isValid() ? r.decidedAt.toString(Qt::ISODateWithMs) : QString());
            if (!r.ok()) {
                QCOMPARE(c[9], QStringLiteral("error"));
                QVERIFY(c[5].isEmpty());
                continue;
            }
            QCOMPARE(c[2].toInt(), r.group);
            QCOMPARE(c[3], snap.groupName(r.group));
            QCOMPARE(c[4].toDouble(), r.rawScore); // exact
            QCOMPARE(c[5].toDouble(), r.score);
            QCOMPARE(c[6].toDouble(), r.uHat);
            QCOMPARE(c[7].toDouble(), r.gammaHat);
            QCOMPARE(c[8].toInt(), r.unknownType ? 1 : 0);
            const QString verdict = r.score >= 1.0 ? "defective" : r.score >= 0.7 ? "review" : "ok";
            QCOMPARE(c[9], verdict);
        }
        QCOMPARE(table[1][11], QStringLiteral("crack, \"long\"\nsecond line"));
        QCOMPARE(table[1][12], QStringLiteral("Zoë"));
    }

    void jsonEvaluationMatchesCoreMetrics()
    {
        std::vector<ImageRecord> rows;
        const QString file = newProject(QStringLiteral("json"), &rows, 30);
        auto store = ProjectStore::open(file);
        store->setThreshold(1.0);
        // Layout labels are the ground truth when present.
        ProjectSnapshot snap = store->snapshot();
        std::vector<double> scores;
        std::vector<int> labels;
        for (const ImageRecord& r : store->images())
            if (r.ok()) {
                scores.push_back(r.score);
                labels.push_back(r.groundTruth);
            }
        const QJsonObject j = jsonReport(snap, evaluate(snap, snap.threshold));
        const QJsonObject e = j["evaluation"].toObject();
        QCOMPARE(e["ground_truth"].toString(), QStringLiteral("layout"));
        QCOMPARE(e["labelled"].toInt(), int(scores.size()));
        QCOMPARE(jsonNumber(e["pooled"]["auroc"]), cada::metrics::auroc(scores, labels));
        QCOMPARE(jsonNumber(e["pooled"]["ap"]), cada::metrics::averagePrecision(scores, labels));
        QCOMPARE(jsonNumber(e["pooled"]["f1max"]), cada::metrics::f1Max(scores, labels).f1);
        QCOMPARE(jsonNumber(e["pooled"]["f1max_threshold"]),
                 cada::metrics::f1Max(scores, labels).threshold);
        const auto c = cada::metrics::confusionAt(scores, labels, 1.0);
        const QJsonObject at = e["at_threshold"].toObject();
        QCOMPARE(at["tp"].toInt(), c.tp);
        QCOMPARE(at["fp"].toInt(), c.fp);
        QCOMPARE(at["tn"].toInt(), c.tn);
        QCOMPARE(at["fn"].toInt(), c.fn);
        QCOMPARE(at["precision"].toDouble(), c.precision());
        QCOMPARE(at["recall"].toDouble(), c.recall());
        QCOMPARE(at["false_alarm_rate"].toDouble(), c.falseAlarmRate());
        // Per group, on the same images.
        std::vector<double> aurocs;
        for (const QJsonValue& gv : e["per_group"].toArray()) {
            const QJsonObject g = gv.toObject();
            std::vector<double> s;
            std::vector<int> l;
            for (const ImageRecord& r : store->images())
                if (r.ok() && r.group == g["group"].toInt()) {
                    s.push_back(r.score);
                    l.push_back(r.groundTruth);
                }
            QCOMPARE(g["labelled"].toInt(), int(s.size()));
            const auto m = cada::metrics::imageMetrics(s, l);
            QVERIFY(sameMetric(jsonNumber(g["auroc"]), m.auroc));
            QVERIFY(sameMetric(jsonNumber(g["ap"]), m.ap));
            // What the threshold does in this group: its normals flagged, its defects caught.
            int falseAlarms = 0, caught = 0;
            for (std::size_t i = 0; i < s.size(); ++i)
                (l[i] == 1 ? caught : falseAlarms) += s[i] >= 1.0 ? 1 : 0;
            QCOMPARE(g["false_alarms"].toInt(-1), falseAlarms);
            QCOMPARE(g["caught"].toInt(-1), caught);
            if (!std::isnan(m.auroc))
                aurocs.push_back(m.auroc);
        }
        QCOMPARE(e["per_group"].toArray().size(), 3);
        double mean = 0;
        for (double a : aurocs)
            mean += a;
        QVERIFY(sameMetric(jsonNumber(e["mean_per_group"]["auroc"]), mean / double(aurocs.size())));
        QCOMPARE(j["summary"]["images"].toInt(), 30);
        QCOMPARE(j["summary"]["failed"].toInt(), 1);
        QCOMPARE(j["settings"]["threshold"].toDouble(), 1.0);

        // Review decisions as ground truth: only OK / defective images count.
        const auto images = store->images();
        std::vector<double> rs;
        std::vector<int> rl;
        for (int i = 0; i < 10; ++i) {
            const ImageRecord& r = images[std::size_t(i)];
            const Decision d =
                i % 3 == 0 ? Decision::Unsure : (i % 2 ? Decision::Ok : Decision::Defective);
            store->recordDecision(r.id, d, QString(), QStringLiteral("ana"));
            if (d != Decision::Unsure && r.ok()) {
                rs.push_back(r.score);
                rl.push_back(d == Decision::Defective ? 1 : 0);
            }
        }
        snap = store->snapshot();
        const Evaluation ev = evaluate(snap, snap.threshold, GroundTruth::Review);
        const QJsonObject r = jsonReport(snap, ev)["evaluation"].toObject();
        QCOMPARE(r["ground_truth"].toString(), QStringLiteral("review"));
        QCOMPARE(r["labelled"].toInt(), int(rs.size()));
        QCOMPARE(jsonNumber(r["pooled"]["auroc"]), cada::metrics::auroc(rs, rl));
        QCOMPARE(jsonNumber(r["pooled"]["ap"]), cada::metrics::averagePrecision(rs, rl));
        QVERIFY(ev.roc.has_value());
        QCOMPARE(ev.roc->tpr, cada::metrics::rocCurve(rs, rl).tpr);
        std::vector<double> normals;
        for (std::size_t i = 0; i < rs.size(); ++i)
            if (rl[i] == 0)
                normals.push_back(rs[i]);
        QCOMPARE(*ev.thresholdForFalseAlarmRate(0.1),
                 cada::metrics::thresholdForFalseAlarmRate(normals, 0.1));
    }
};

QTEST_GUILESS_MAIN(TstProjectExport)
#include "tst_project_export.moc"
