// The project store: persistence, durability under SIGKILL, schema migration and refusal,
// relocation of moved images, and the CSV / JSON exports against the database and core metrics.
// No detector is needed: projects are filled with synthetic scores.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <csignal>
#include <cstdio>

#include "ProjectEvaluation.h"
#include "ProjectStore.h"
#include "ProjectFixtures.h"
#include "cada/Error.h"
#include "cada/metrics/Metrics.h"

using namespace cada::project;
using namespace project_fixtures;

namespace {

// Version 1 of the schema, verbatim: what CADA Inspect wrote before the review band existed.
const char* kSchemaV1 = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE model(id INTEGER PRIMARY KEY CHECK (id = 1), path TEXT NOT NULL, sha256 TEXT NOT NULL, method TEXT NOT NULL, alignment TEXT NOT NULL, image_size INTEGER NOT NULL, default_threshold REAL NOT NULL);
CREATE TABLE images(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, folder TEXT NOT NULL, sha256 TEXT NOT NULL, size_bytes INTEGER NOT NULL, class_name TEXT NOT NULL DEFAULT '', ground_truth INTEGER NOT NULL DEFAULT -1 CHECK (ground_truth IN (-1, 0, 1)));
CREATE TABLE scores(image_id INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE, raw_score REAL, score REAL, u_hat REAL, gamma_hat REAL, group_id INTEGER NOT NULL DEFAULT -1, unknown_type INTEGER NOT NULL DEFAULT 0, error TEXT NOT NULL DEFAULT '');
CREATE TABLE group_names(group_id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE threshold_history(id INTEGER PRIMARY KEY AUTOINCREMENT, value REAL NOT NULL, changed_at TEXT NOT NULL);
CREATE TABLE decisions(id INTEGER PRIMARY KEY AUTOINCREMENT, image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE, decision TEXT NOT NULL CHECK (decision IN ('none', 'ok', 'defective', 'unsure')), note TEXT NOT NULL DEFAULT '', reviewer TEXT NOT NULL DEFAULT '', decided_at TEXT NOT NULL);
CREATE INDEX decisions_by_image ON decisions(image_id, id);
CREATE TABLE session(id INTEGER PRIMARY KEY CHECK (id = 1), selected_image INTEGER, view_alignment TEXT NOT NULL DEFAULT 'cada');
INSERT INTO session(id, selected_image) VALUES (1, 2);
INSERT INTO meta(key, value) VALUES ('application', 'cada-inspect');
INSERT INTO meta(key, value) VALUES ('created_at', '2024-03-01T08:00:00.000Z');
INSERT INTO meta(key, value) VALUES ('images_root', '/data/line1');
INSERT INTO meta(key, value) VALUES ('layout', 'folder');
INSERT INTO model VALUES (1, '/models/a.cada', 'abc', 'patchcore', 'cada', 64, 0.75);
INSERT INTO images VALUES (1, '/data/line1/a.png', '/data/line1', 'h1', 10, '', -1);
INSERT INTO images VALUES (2, '/data/line1/b.png', '/data/line1', 'h2', 11, '', -1);
INSERT INTO scores VALUES (1, 3.5, 0.25, 1.0, 2.0, 0, 0, '');
INSERT INTO scores VALUES (2, 9.0, 1.50, 1.0, 2.0, 1, 1, '');
INSERT INTO group_names VALUES (0, 'Plates');
INSERT INTO threshold_history(value, changed_at) VALUES (0.8, '2024-03-01T08:01:00.000Z');
INSERT INTO decisions(image_id, decision, note, reviewer, decided_at) VALUES (2, 'defective', 'scratch', 'ana', '2024-03-01T08:02:00.000Z');
PRAGMA user_version = 1;
)SQL";

// Runs raw SQL on a file with its own connection (to build old or foreign databases).
void runSql(const QString& file, const QString& script)
{
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(file);
        QVERIFY(db.open());
        for (const QString& stmt : script.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            if (stmt.trimmed().isEmpty())
                continue;
            QSqlQuery q(db);
            QVERIFY2(q.exec(stmt), qPrintable(stmt));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
}

// Child mode: records decisions until killed, printing each one after its commit returned.
int writeDecisionsUntilKilled(const QString& file)
{
    try {
        auto store = ProjectStore::open(file);
        const auto images = store->images();
        const Decision cycle[] = {Decision::Ok, Decision::Defective, Decision::Unsure};
        for (qint64 seq = 0;; ++seq) {
            const ImageRecord& r = images[std::size_t(seq) % images.size()];
            const auto d = store->recordDecision(
                r.id, cycle[seq % 3], QStringLiteral("seq %1").arg(seq), QStringLiteral("child"));
            std::printf("committed %lld %lld\n", static_cast<long long>(seq),
                        static_cast<long long>(d.id));
            std::fflush(stdout);
        }
    } catch (const cada::Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}

} // namespace

class TstProjectStore : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;

    QString newProject(const QString& name, std::vector<ImageRecord>* rowsOut = nullptr, int n = 12)
    {
        return project_fixtures::newProject(m_tmp.path(), name, rowsOut, n);
    }

  private slots:
    void reopenRestoresEverything()
    {
        std::vector<ImageRecord> rows;
        const QString file = newProject(QStringLiteral("reopen"), &rows);
        {
            auto store = ProjectStore::open(file);
            QCOMPARE(store->threshold(), 0.9); // the model's default until changed
            store->setThreshold(0.7);
            store->setThreshold(1.1);
            store->recordDecision(rows[1].id, Decision::Ok, QStringLiteral("fine"),
                                  QStringLiteral("ana"));
            store->recordDecision(rows[2].id, Decision::Unsure, QString(), QStringLiteral("ana"));
            store->recordDecision(rows[2].id, Decision::Defective, QStringLiteral("dent, 2 mm"),
                                  QStringLiteral("bo"));
            store->recordDecision(rows[3].id, Decision::Ok, QString(), QStringLiteral("bo"));
            store->recordDecision(rows[3].id, Decision::None, QString(),
                                  QStringLiteral("bo")); // withdrawn
            store->setSelectedImage(rows[4].id);
            store->setReviewBand(0.8);
        }
        auto store = ProjectStore::open(file);
        QCOMPARE(store->migratedFrom(), 0);
        const auto back = store->images();
        QCOMPARE(back.size(), rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            QCOMPARE(back[i].id, rows[i].id);
            QCOMPARE(back[i].path, rows[i].path);
            QCOMPARE(back[i].folder, QFileInfo(rows[i].path).absolutePath());
            QCOMPARE(back[i].sha256, rows[i].sha256);
            QCOMPARE(back[i].sizeBytes, rows[i].sizeBytes);
            QCOMPARE(back[i].className, rows[i].className);
            QCOMPARE(back[i].groundTruth, rows[i].groundTruth);
            QCOMPARE(back[i].error, rows[i].error);
            QVERIFY(back[i].scored);
            if (rows[i].ok()) { // exact: doubles survive the round trip bit for bit
                QCOMPARE(back[i].rawScore, rows[i].rawScore);
                QCOMPARE(back[i].score, rows[i].score);
                QCOMPARE(back[i].uHat, rows[i].uHat);
                QCOMPARE(back[i].gammaHat, rows[i].gammaHat);
                QCOMPARE(back[i].group, rows[i].group);
                QCOMPARE(back[i].unknownType, rows[i].unknownType);
            }
        }
        QCOMPARE(back[1].decision, Decision::Ok);
        QCOMPARE(back[1].note, QStringLiteral("fine"));
        QCOMPARE(back[2].decision, Decision::Defective);
        QCOMPARE(back[2].note, QStringLiteral("dent, 2 mm"));
        QCOMPARE(back[2].reviewer, QStringLiteral("bo"));
        QVERIFY(back[2].decidedAt.isValid());
        QVERIFY(std::abs(back[2].decidedAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QCOMPARE(back[3].decision, Decision::None);
        QCOMPARE(back[0].decision, Decision::None);
        QCOMPARE(store->decisionHistory(rows[2].id).size(), std::size_t(2));
        QCOMPARE(store->decisionHistory().size(), std::size_t(5));
        QCOMPARE(store->threshold(), 1.1);
        const auto history = store->thresholdHistory();
        QCOMPARE(history.size(), std::size_t(2));
        QCOMPARE(history[0].value, 0.7);
        QVERIFY(history[0].time <= history[1].time);
        const auto session = store->session();
        QCOMPARE(session.selectedImageId, rows[4].id);
        QVERIFY(session.reviewBandLower.has_value());
        QCOMPARE(*session.reviewBandLower, 0.8);
        const auto names = store->groupNames();
        QCOMPARE(names.at(0), QStringLiteral("Plates"));
        const auto m = store->model();
        QCOMPARE(m.path, makeModel().path);
        QCOMPARE(m.sha256, makeModel().sha256);
        QCOMPARE(m.imageSize, 64);
        QCOMPARE(store->imagesRoot(), QDir::cleanPath(m_tmp.filePath("reopen_images")));
        QVERIFY(store->createdAt().isValid());
        // The band can be removed again.
        store->setReviewBand(std::nullopt);
        QVERIFY(!store->session().reviewBandLower.has_value());
    }

    void createRefusesExistingFile()
    {
        const QString file = newProject(QStringLiteral("exists"));
        try {
            ProjectStore::create(file);
            QFAIL("create() overwrote an existing project");
        } catch (const cada::Error& e) {
            QVERIFY2(QString(e.what()).contains(file), e.what());
        }
    }

    void committedDecisionsSurviveSigkill()
    {
        std::vector<ImageRecord> rows;
        const QString file = newProject(QStringLiteral("kill"), &rows);
        for (int round = 0; round < 2; ++round) {
            QProcess child;
            child.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("--write-decisions"), file});
            QVERIFY(child.waitForStarted());
            QByteArray out;
            QElapsedTimer timer;
            timer.start();
            // Kill at a different moment each round, while the child is writing.
            const int killAfter = 30 + 47 * round;
            while (out.count('\n') < killAfter && timer.elapsed() < 60000) {
                child.waitForReadyRead(1000);
                out += child.readAllStandardOutput();
            }
            QVERIFY2(out.count('\n') >= killAfter, child.readAllStandardError().constData());
            ::kill(pid_t(child.processId()), SIGKILL);
            QVERIFY(child.waitForFinished(10000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);
            out += child.readAllStandardOutput();

            QSet<QString> committed;
            const QList<QByteArray> lines = out.split('\n');
            for (int i = 0; i + 1 < lines.size(); ++i) // the last piece may be an unfinished line
                if (lines[i].startsWith("committed "))
                    committed << QStringLiteral("seq %1").arg(
                        QString::fromLatin1(lines[i].split(' ')[1]));
            QVERIFY(committed.size() >= killAfter);

            auto store = ProjectStore::open(file);
            QSet<QString> stored;
            for (const auto& d : store->decisionHistory())
                if (d.reviewer == QLatin1String("child"))
                    stored << d.note;
            for (const QString& note : committed)
                QVERIFY2(stored.contains(note),
                         qPrintable(note + " was reported committed but is missing"));
            // Round 2 appends to round 1: every earlier decision is still there.
            QVERIFY(stored.size() >= committed.size());
            QCOMPARE(store->images().size(), rows.size());
        }
        // The database is intact after two hard kills.
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }

    void migratesVersion1()
    {
        const QString file = m_tmp.filePath(QStringLiteral("old_v1.cadaproj"));
        runSql(file, QString::fromLatin1(kSchemaV1));
        auto store = ProjectStore::open(file);
        QCOMPARE(store->migratedFrom(), 1);
        QVERIFY(QFile::exists(store->backupFile()));
        // Everything v1 had is still there.
        const auto images = store->images();
        QCOMPARE(images.size(), std::size_t(2));
        QCOMPARE(images[1].score, 1.5);
        QCOMPARE(images[1].group, 1);
        QVERIFY(images[1].unknownType);
        QCOMPARE(images[1].decision, Decision::Defective);
        QCOMPARE(images[1].note, QStringLiteral("scratch"));
        QCOMPARE(store->threshold(), 0.8);
        QCOMPARE(store->groupNames().at(0), QStringLiteral("Plates"));
        QCOMPARE(store->session().selectedImageId, qint64(2));
        QVERIFY(!store->session().reviewBandLower.has_value());
        // v3: the scores were computed by the project's model, version 1.
        QCOMPARE(images[1].modelVersion, 1);
        QCOMPARE(images[1].modelSha256, QStringLiteral("abc"));
        QCOMPARE(store->model().version, 1);
        // And the v2 feature works.
        store->setReviewBand(0.5);
        store.reset();
        auto again = ProjectStore::open(file);
        QCOMPARE(again->migratedFrom(), 0);
        QCOMPARE(*again->session().reviewBandLower, 0.5);
        // The backup is still a v1 project.
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bak"));
            db.setDatabaseName(file + QStringLiteral(".v1.bak"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM decisions")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bak"));
    }

    void refusesNewerVersionUntouched()
    {
        const QString file = newProject(QStringLiteral("future"));
        runSql(file, QStringLiteral("PRAGMA user_version = 99"));
        const QString before = ProjectStore::fileSha256(file);
        try {
            ProjectStore::open(file);
            QFAIL("a project from a newer version was opened");
        } catch (const cada::Error& e) {
            const QString msg = e.what();
            QVERIFY2(msg.contains(file) && msg.contains("newer") && msg.contains("99"), e.what());
        }
        QCOMPARE(ProjectStore::fileSha256(file), before);
    }

    void refusesFilesThatAreNotProjects()
    {
        const QString text = m_tmp.filePath(QStringLiteral("notes.cadaproj"));
        {
            QFile f(text);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("these are not the projects you are looking for\n");
        }
        const QString foreign = m_tmp.filePath(QStringLiteral("foreign.sqlite"));
        runSql(foreign, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1)"));
        const QString empty = m_tmp.filePath(QStringLiteral("empty.cadaproj"));
        QFile(empty).open(QIODevice::WriteOnly);
        const struct {
            QString file, expected;
        } cases[] = {
            {text, QStringLiteral("not an SQLite database")},
            {empty, QStringLiteral("empty")},
            {foreign, QStringLiteral("not a CADA Inspect project")},
            {m_tmp.filePath(QStringLiteral("missing.cadaproj")), QStringLiteral("does not exist")}};
        for (const auto& c : cases) {
            try {
                ProjectStore::open(c.file);
                QFAIL(qPrintable(c.file + " was opened"));
            } catch (const cada::Error& e) {
                QVERIFY2(QString(e.what()).contains(c.file) &&
                             QString(e.what()).contains(c.expected),
                         e.what());
            }
        }
    }

    // Overwritten database pages (a bad disk, a partial copy) are found on open and the file is
    // refused as damaged, unchanged, instead of being read with rows silently missing.
    void refusesDamagedProjectsUntouched()
    {
        const QString file = newProject(QStringLiteral("damaged"), nullptr, 40);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        QVERIFY2(size > 3 * 4096, qPrintable(QString::number(size)));
        f.seek(size - 2 * 4096 + 100); // inside a page near the end: table or index b-tree data
        f.write(QByteArray(2000, '\xA5'));
        f.close();
        QFile before(file);
        QVERIFY(before.open(QIODevice::ReadOnly));
        const QByteArray bytes = before.readAll();
        before.close();
        try {
            ProjectStore::open(file);
            QFAIL("a damaged project was opened");
        } catch (const cada::Error& e) {
            QVERIFY2(QString(e.what()).contains(file) && QString(e.what()).contains("is damaged") &&
                         !QString(e.what()).contains("disk is not full") &&
                         !QString(e.what()).contains('\n'),
                     e.what());
        }
        QFile after(file);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QVERIFY(after.readAll() == bytes);
    }

    // An index entry that points at the wrong row passes the quick check run on open (it skips
    // index contents) but not the full check run on demand, which names the index.
    void fullIntegrityCheckFindsWhatTheQuickCheckMisses()
    {
        const QString file = newProject(QStringLiteral("index"), nullptr, 40);
        QCOMPARE(ProjectStore::integrityProblems(file), QStringList());
        qint64 pageSize = 0, root = 0;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "raw");
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA page_size")) && q.next());
            pageSize = q.value(0).toLongLong();
            QVERIFY(q.exec(QStringLiteral("SELECT rootpage FROM sqlite_schema WHERE type = "
                                          "'index' AND tbl_name = 'images'")) &&
                    q.next());
            root = q.value(0).toLongLong();
        }
        QSqlDatabase::removeDatabase("raw");
        QVERIFY(!QFile::exists(file + QStringLiteral("-wal")) ||
                QFileInfo(file + QStringLiteral("-wal")).size() == 0);
        // The last byte of the index's (single, leaf) page: the row id of its first entry.
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(root * pageSize - 1));
        char byte = 0;
        QVERIFY(f.getChar(&byte));
        QVERIFY(f.seek(root * pageSize - 1));
        QVERIFY(f.putChar(char(byte ^ 0x40)));
        f.close();
        ProjectStore::open(file); // the quick check passes
        const QStringList problems = ProjectStore::integrityProblems(file);
        QVERIFY2(!problems.isEmpty() && problems.join(' ').contains(QStringLiteral("index")),
                 qPrintable(problems.join('|')));
    }

    void relocatesMovedFolder()
    {
        std::vector<ImageRecord> rows;
        const QString file = newProject(QStringLiteral("reloc"), &rows, 8);
        const QString oldRoot = QDir::cleanPath(m_tmp.filePath(QStringLiteral("reloc_images")));
        const QString newRoot = QDir::cleanPath(m_tmp.filePath(QStringLiteral("moved/line1")));
        QVERIFY(QDir().mkpath(m_tmp.filePath(QStringLiteral("moved"))));
        QVERIFY(QDir().rename(oldRoot, newRoot));
        // One file was replaced by a different image while it was away.
        {
            QFile f(newRoot + QStringLiteral("/good/img_3.png"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("another image");
        }
        auto store = ProjectStore::open(file);
        QCOMPARE(store->missingImages().size(), 8);
        QCOMPARE(store->suggestedOldRoot(), oldRoot);
        const auto result = store->relocate(store->suggestedOldRoot(), newRoot);
        QCOMPARE(result.relocated, 7);
        QCOMPARE(result.mismatched, QStringList{oldRoot + QStringLiteral("/good/img_3.png")});
        QVERIFY(result.missing.isEmpty());
        QCOMPARE(store->missingImages(), QStringList{oldRoot + QStringLiteral("/good/img_3.png")});
        QCOMPARE(store->imagesRoot(), newRoot);
        store.reset();
        auto reopened = ProjectStore::open(file);
        for (const ImageRecord& r : reopened->images()) {
            if (r.path.endsWith(QLatin1String("img_3.png")))
                continue;
            QVERIFY2(r.path.startsWith(newRoot + '/'), qPrintable(r.path));
            QCOMPARE(r.folder, QFileInfo(r.path).absolutePath());
            QCOMPARE(ProjectStore::fileSha256(r.path), r.sha256);
        }
        // A wrong destination is refused.
        QVERIFY_THROWS_EXCEPTION(cada::Error,
                                 reopened->relocate(oldRoot, m_tmp.filePath("nowhere")));
    }

    // After a model update the new scores replace the old ones, each with the model version
    // that computed it; an image that is not in the project rolls the whole write back.
    void replaceScoresRecordsTheModelVersion()
    {
        std::vector<ImageRecord> rows;
        const QString file = newProject(QStringLiteral("rescored"), &rows);
        auto store = ProjectStore::open(file);
        store->setThreshold(0.8);
        QCOMPARE(store->image(rows[0].id).modelVersion, 1);
        ModelRecord v2 = makeModel();
        v2.sha256 = QStringLiteral("feedbeef");
        v2.version = 2;
        v2.defaultThreshold = 1.25;
        std::vector<ImageRecord> rescored{rows[0], rows[2]};
        for (ImageRecord& r : rescored) {
            r.score += 10.0;
            r.group = 7;
            r.modelVersion = 2;
            r.modelSha256 = v2.sha256;
        }
        ImageRecord stranger = rows[1];
        stranger.id = 99999;
        std::vector<ImageRecord> bad = rescored;
        bad.push_back(stranger);
        QVERIFY_THROWS_EXCEPTION(cada::Error, store->replaceScores(v2, bad));
        QCOMPARE(store->image(rows[0].id).score, rows[0].score); // rolled back
        QCOMPARE(store->model().version, 1);

        store->replaceScores(v2, rescored);
        store.reset();
        auto again = ProjectStore::open(file);
        QCOMPARE(again->model().version, 2);
        QCOMPARE(again->model().sha256, v2.sha256);
        QCOMPARE(again->threshold(), 0.8); // the threshold in use is the user's, not replaced
        const ImageRecord r0 = again->image(rows[0].id);
        QCOMPARE(r0.score, rows[0].score + 10.0);
        QCOMPARE(r0.group, 7);
        QCOMPARE(r0.modelVersion, 2);
        QCOMPARE(r0.modelSha256, v2.sha256);
        const ImageRecord r1 = again->image(rows[1].id);
        QCOMPARE(r1.score, rows[1].score);
        QCOMPARE(r1.modelVersion, 1);
    }

    void twoConnectionsOnOneFile()
    {
        std::vector<ImageRecord> rows;
        const QString file = newProject(QStringLiteral("two"), &rows);
        auto a = ProjectStore::open(file);
        auto b = ProjectStore::open(file);
        a->recordDecision(rows[0].id, Decision::Ok, QString(), QStringLiteral("a"));
        b->recordDecision(rows[1].id, Decision::Defective, QString(), QStringLiteral("b"));
        QCOMPARE(a->decisionHistory().size(), std::size_t(2));
        QCOMPARE(b->image(rows[0].id).decision, Decision::Ok);
        QVERIFY_THROWS_EXCEPTION(cada::Error,
                                 a->recordDecision(99999, Decision::Ok, QString(), QString()));
    }
};

int main(int argc, char** argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--write-decisions") == 0) {
        QCoreApplication app(argc, argv);
        return writeDecisionsUntilKilled(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TstProjectStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_project_store.moc"
