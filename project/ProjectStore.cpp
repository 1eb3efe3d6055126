#include "ProjectStore.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QVariant>

#include "ProjectSchema.h"
#include "cada/Error.h"
#include "cada/Progress.h"

namespace cada::project {
namespace {

QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QDateTime parseTime(const QVariant& v)
{
    if (v.isNull())
        return {};
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    t.setTimeSpec(Qt::UTC);
    return t;
}

QVariant nullable(double value, bool present)
{
    return present ? QVariant(value) : QVariant(QMetaType::fromType<double>());
}

QString cleanPrefix(const QString& prefix)
{
    QString p = QDir::cleanPath(QDir::fromNativeSeparators(prefix));
    while (p.size() > 1 && p.endsWith(QLatin1Char('/')))
        p.chop(1);
    return p;
}

std::string s(const QString& q)
{
    return q.toStdString();
}

} // namespace

ProjectStore::ProjectStore(const QString& file) : m_file(QFileInfo(file).absoluteFilePath())
{
    static QAtomicInteger<quint64> counter;
    m_connection = QStringLiteral("cada-project-%1").arg(counter.fetchAndAddRelaxed(1));
}

ProjectStore::~ProjectStore()
{
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connection))
        QSqlDatabase::removeDatabase(m_connection);
}

void ProjectStore::fail(const QString& what, const QString& detail) const
{
    throw Error("Project '" + s(m_file) + "': " + s(what) + " failed: " + s(detail) +
                ". Check that the file is writable and the disk is not full.");
}

void ProjectStore::connect()
{
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        throw Error("The Qt SQLite driver (QSQLITE) is not installed; projects cannot be opened. "
                    "Install the "
                    "Qt 6 SQLite plugin (Debian: libqt6sql6-sqlite).");
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(m_file);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open())
        throw Error("Cannot open the project '" + s(m_file) + "': " + s(m_db.lastError().text()) +
                    ". Check that the folder exists and is writable.");
}

QSqlQuery ProjectStore::exec(const QString& sql, const QVariantList& values) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        fail(QStringLiteral("preparing \"%1\"").arg(sql.left(60)), q.lastError().text());
    for (const QVariant& v : values)
        q.addBindValue(v);
    if (!q.exec())
        fail(QStringLiteral("\"%1\"").arg(sql.left(60)), q.lastError().text());
    return q;
}

void ProjectStore::transaction(const std::function<void()>& body)
{
    // IMMEDIATE takes the write lock up front, so two writers wait (busy timeout) instead of
    // failing with a deadlock when both try to upgrade a read lock.
    exec(QStringLiteral("BEGIN IMMEDIATE"));
    try {
        body();
        exec(QStringLiteral("COMMIT"));
    } catch (...) {
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        throw;
    }
}

std::unique_ptr<ProjectStore> ProjectStore::create(const QString& file, const QString& imagesRoot,
                                                   const QString& layout)
{
    if (QFileInfo::exists(file))
        throw Error("Cannot create the project '" + s(file) +
                    "': the file already exists. Open it, or choose "
                    "another name.");
    // A WAL left behind by a deleted project of the same name must not be replayed into this one.
    QFile::remove(file + QStringLiteral("-wal"));
    QFile::remove(file + QStringLiteral("-shm"));
    std::unique_ptr<ProjectStore> store(new ProjectStore(file));
    store->connect();
    store->exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    store->exec(QStringLiteral("PRAGMA synchronous = FULL"));
    store->exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    store->transaction([&] {
        for (const QString& sql : schema::createStatements())
            store->exec(sql);
        store->setMeta(QStringLiteral("created_at"), nowUtc());
        store->setMeta(QStringLiteral("images_root"), cleanPrefix(imagesRoot));
        store->setMeta(QStringLiteral("layout"), layout);
    });
    return store;
}

std::unique_ptr<ProjectStore> ProjectStore::open(const QString& file)
{
    requireSqliteFile(file);
    std::unique_ptr<ProjectStore> store(new ProjectStore(file));
    store->connect();
    store->checkAndMigrate();
    return store;
}

void ProjectStore::checkAndMigrate()
{
    // Read-only checks first: a refused file must be left exactly as it was. A damaged database
    // is refused before anything reads rows from it (SQLite would return what it can, silently).
    {
        QSqlQuery q(m_db);
        QString problem;
        if (!q.exec(QStringLiteral("PRAGMA quick_check")))
            problem = q.lastError().text();
        else if (q.next() && q.value(0).toString() != QLatin1String("ok"))
            problem = q.value(0).toString();
        q.finish();
        // SQLite lists every damaged cell; the first one says enough.
        const QStringList lines = problem.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        problem = lines.size() > 1 && lines[0].startsWith(QLatin1String("***")) ? lines[1]
                  : lines.isEmpty()                                             ? problem
                                                                                : lines[0];
        // A read-only file or folder is not damage: SQLite needs to create its -shm file beside a
        // WAL-mode database even to read it.
        if (problem.contains(QLatin1String("readonly")) ||
            problem.contains(QLatin1String("unable to open")))
            throw Error("Cannot open the project '" + s(m_file) +
                        "': the file or its folder is read-only (SQLite: " + s(problem) +
                        "). A project is written to as you review: copy it to a writable folder.");
        if (!problem.isEmpty())
            throw Error("The project '" + s(m_file) + "' is damaged (SQLite: " + s(problem) +
                        "). It was not changed. Open a backup copy of it (a '.vN.bak' file beside "
                        "it is one), or create the project again from its images.");
    }
    QSqlQuery v = exec(QStringLiteral("PRAGMA user_version"));
    const int version = v.next() ? v.value(0).toInt() : 0;
    v.finish();
    QSqlQuery m(m_db);
    const bool isProject =
        m.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'application'")) && m.next() &&
        m.value(0).toString() == QLatin1String(schema::kApplicationId);
    m.finish();
    if (!isProject || version < 1)
        throw Error("'" + s(m_file) +
                    "' is an SQLite database but not a CADA Inspect project. Choose a project "
                    "file saved by CADA Inspect.");
    if (version > schema::kCurrentVersion)
        throw Error("The project '" + s(m_file) +
                    "' was saved by a newer CADA Inspect (project format version " +
                    std::to_string(version) + "; this version reads up to " +
                    std::to_string(schema::kCurrentVersion) +
                    "). Open it with a newer CADA Inspect; the file was not changed.");

    exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    exec(QStringLiteral("PRAGMA synchronous = FULL"));
    exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    if (version == schema::kCurrentVersion)
        return;

    // A consistent copy of the old file first, so a migration can never cost the user the data.
    m_backup = m_file + QStringLiteral(".v%1.bak").arg(version);
    QFile::remove(m_backup);
    exec(QStringLiteral("VACUUM INTO ?"), {m_backup});
    transaction([&] {
        for (int from = version; from < schema::kCurrentVersion; ++from) {
            const QStringList steps = schema::migrationStep(from);
            if (steps.isEmpty())
                throw Error("The project '" + s(m_file) + "' has format version " +
                            std::to_string(from) +
                            ", which this CADA Inspect cannot migrate. The file was not changed.");
            for (const QString& sql : steps)
                exec(sql);
        }
        setMeta(QStringLiteral("migrated_from_%1").arg(version), nowUtc());
    });
    m_migratedFrom = version;
}

QString ProjectStore::meta(const QString& key) const
{
    QSqlQuery q = exec(QStringLiteral("SELECT value FROM meta WHERE key = ?"), {key});
    return q.next() ? q.value(0).toString() : QString();
}

void ProjectStore::setMeta(const QString& key, const QString& value)
{
    exec(QStringLiteral("INSERT INTO meta(key, value) VALUES (?, COALESCE(?, '')) ON CONFLICT(key) "
                        "DO UPDATE SET value = "
                        "excluded.value"),
         {key, value});
}

QString ProjectStore::imagesRoot() const
{
    return meta(QStringLiteral("images_root"));
}

QString ProjectStore::layout() const
{
    return meta(QStringLiteral("layout"));
}

QDateTime ProjectStore::createdAt() const
{
    return parseTime(meta(QStringLiteral("created_at")));
}

void ProjectStore::setModel(const ModelRecord& model)
{
    transaction([&] { writeModel(model); });
}

void ProjectStore::writeModel(const ModelRecord& model)
{
    exec(QStringLiteral(
             "INSERT OR REPLACE INTO model(id, path, sha256, method, alignment, image_size, "
             "default_threshold, version) VALUES (1, COALESCE(?, ''), COALESCE(?, ''), "
             "COALESCE(?, ''), COALESCE(?, 'cada'), ?, ?, ?)"),
         {model.path, model.sha256, model.method, model.alignment, model.imageSize,
          model.defaultThreshold, model.version});
}

ModelRecord ProjectStore::model() const
{
    ModelRecord m;
    QSqlQuery q = exec(QStringLiteral("SELECT path, sha256, method, alignment, image_size, "
                                      "default_threshold, version FROM model WHERE id = 1"));
    if (q.next()) {
        m.path = q.value(QStringLiteral("path")).toString();
        m.sha256 = q.value(QStringLiteral("sha256")).toString();
        m.method = q.value(QStringLiteral("method")).toString();
        m.alignment = q.value(QStringLiteral("alignment")).toString();
        m.imageSize = q.value(QStringLiteral("image_size")).toInt();
        m.defaultThreshold = q.value(QStringLiteral("default_threshold")).toDouble();
        m.version = q.value(QStringLiteral("version")).toInt();
    }
    return m;
}

void ProjectStore::addImages(std::vector<ImageRecord>& images)
{
    transaction([&] {
        for (ImageRecord& r : images) {
            QSqlQuery q =
                exec(QStringLiteral(
                         "INSERT INTO images(path, folder, sha256, size_bytes, class_name, "
                         "ground_truth) VALUES (?, ?, COALESCE(?, ''), ?, COALESCE(?, ''), ?)"),
                     {r.path, r.folder.isEmpty() ? QFileInfo(r.path).absolutePath() : r.folder,
                      r.sha256, r.sizeBytes, r.className, r.groundTruth});
            r.id = q.lastInsertId().toLongLong();
            if (r.folder.isEmpty())
                r.folder = QFileInfo(r.path).absolutePath();
            if (r.scored)
                writeScores(r);
        }
    });
}

void ProjectStore::writeScores(const ImageRecord& r)
{
    const bool ok = r.error.isEmpty();
    exec(
        QStringLiteral("INSERT OR REPLACE INTO scores(image_id, raw_score, score, u_hat, gamma_hat,"
                       " group_id, unknown_type, error, model_version, model_sha256)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE(?, ''), ?, COALESCE(?, ''))"),
        {r.id, nullable(r.rawScore, ok), nullable(r.score, ok), nullable(r.uHat, ok),
         nullable(r.gammaHat, ok), ok ? r.group : -1, ok && r.unknownType ? 1 : 0, r.error,
         r.modelVersion, r.modelSha256});
}

void ProjectStore::replaceScores(const ModelRecord& model, const std::vector<ImageRecord>& images)
{
    transaction([&] {
        writeModel(model);
        for (const ImageRecord& r : images) {
            if (r.id < 0 || !r.scored)
                throw Error("Cannot store new scores in '" + s(m_file) + "': '" + s(r.path) +
                            "' is not a scored image of this project.");
            QSqlQuery q = exec(QStringLiteral("SELECT 1 FROM images WHERE id = ?"), {r.id});
            if (!q.next())
                throw Error("Cannot store new scores in '" + s(m_file) + "': image id " +
                            std::to_string(r.id) + " is not in the project.");
            writeScores(r);
        }
    });
}

namespace {

// Columns are read by name (readImage): the joined ones are aliased where names repeat.
const char* kImageSelect =
    "SELECT i.id, i.path, i.folder, i.sha256, i.size_bytes, i.class_name, i.ground_truth,"
    " s.image_id AS scored_id, s.error, s.raw_score, s.score, s.u_hat, s.gamma_hat, s.group_id,"
    " s.unknown_type, s.model_version, s.model_sha256, d.decision, d.note, d.reviewer, d.decided_at"
    " FROM images i LEFT JOIN scores s ON s.image_id = i.id"
    " LEFT JOIN decisions d ON d.id = (SELECT MAX(id) FROM decisions WHERE image_id = i.id)";

ImageRecord readImage(const QSqlQuery& q)
{
    const auto at = [&](const char* column) { return q.value(QLatin1String(column)); };
    ImageRecord r;
    r.id = at("id").toLongLong();
    r.path = at("path").toString();
    r.folder = at("folder").toString();
    r.sha256 = at("sha256").toString();
    r.sizeBytes = at("size_bytes").toLongLong();
    r.className = at("class_name").toString();
    r.groundTruth = at("ground_truth").toInt();
    r.scored = !at("scored_id").isNull();
    if (r.scored) {
        r.error = at("error").toString();
        r.rawScore = at("raw_score").toDouble();
        r.score = at("score").toDouble();
        r.uHat = at("u_hat").toDouble();
        r.gammaHat = at("gamma_hat").toDouble();
        r.group = at("group_id").toInt();
        r.unknownType = at("unknown_type").toInt() != 0;
        r.modelVersion = at("model_version").toInt();
        r.modelSha256 = at("model_sha256").toString();
    }
    if (!at("decision").isNull()) {
        r.decision = parseDecision(at("decision").toString());
        // A note may come before any decision (or outlive a withdrawn one): it is kept.
        r.note = at("note").toString();
        if (r.decision != Decision::None || !r.note.isEmpty()) {
            r.reviewer = at("reviewer").toString();
            r.decidedAt = parseTime(at("decided_at"));
        }
    }
    return r;
}

} // namespace

std::vector<ImageRecord> ProjectStore::images() const
{
    std::vector<ImageRecord> out;
    QSqlQuery q = exec(QString::fromLatin1(kImageSelect) + QStringLiteral(" ORDER BY i.id"));
    while (q.next())
        out.push_back(readImage(q));
    return out;
}

ImageRecord ProjectStore::image(qint64 id) const
{
    QSqlQuery q = exec(QString::fromLatin1(kImageSelect) + QStringLiteral(" WHERE i.id = ?"), {id});
    if (!q.next())
        throw Error("Project '" + s(m_file) + "' has no image with id " + std::to_string(id) + ".");
    return readImage(q);
}

int ProjectStore::imageCount() const
{
    QSqlQuery q = exec(QStringLiteral("SELECT COUNT(*) FROM images"));
    return q.next() ? q.value(0).toInt() : 0;
}

void ProjectStore::setGroupName(int group, const QString& name)
{
    transaction([&] {
        exec(QStringLiteral(
                 "INSERT OR REPLACE INTO group_names(group_id, name) VALUES (?, COALESCE(?, ''))"),
             {group, name});
    });
}

std::map<int, QString> ProjectStore::groupNames() const
{
    std::map<int, QString> out;
    QSqlQuery q = exec(QStringLiteral("SELECT group_id, name FROM group_names ORDER BY group_id"));
    while (q.next())
        out[q.value(0).toInt()] = q.value(1).toString();
    return out;
}

void ProjectStore::setThreshold(double value)
{
    transaction([&] {
        exec(QStringLiteral("INSERT INTO threshold_history(value, changed_at) VALUES (?, ?)"),
             {value, nowUtc()});
    });
}

double ProjectStore::threshold() const
{
    QSqlQuery q =
        exec(QStringLiteral("SELECT value FROM threshold_history ORDER BY id DESC LIMIT 1"));
    if (q.next())
        return q.value(0).toDouble();
    return model().defaultThreshold;
}

std::vector<ThresholdChange> ProjectStore::thresholdHistory() const
{
    std::vector<ThresholdChange> out;
    QSqlQuery q =
        exec(QStringLiteral("SELECT value, changed_at FROM threshold_history ORDER BY id"));
    while (q.next())
        out.push_back({q.value(0).toDouble(), parseTime(q.value(1))});
    return out;
}

DecisionRecord ProjectStore::recordDecision(qint64 imageId, Decision decision, const QString& note,
                                            const QString& reviewer)
{
    DecisionRecord d{-1, imageId, decision, note, reviewer, QDateTime::currentDateTimeUtc()};
    transaction([&] {
        QSqlQuery check = exec(QStringLiteral("SELECT 1 FROM images WHERE id = ?"), {imageId});
        if (!check.next())
            throw Error("Project '" + s(m_file) + "' has no image with id " +
                        std::to_string(imageId) + "; the decision was not recorded.");
        check.finish();
        QSqlQuery q = exec(
            QStringLiteral("INSERT INTO decisions(image_id, decision, note, reviewer, decided_at) "
                           "VALUES (?, ?, COALESCE(?, ''), COALESCE(?, ''), ?)"),
            {imageId, decision == Decision::None ? QStringLiteral("none") : decisionName(decision),
             note, reviewer, d.time.toString(Qt::ISODateWithMs)});
        d.id = q.lastInsertId().toLongLong();
    });
    return d;
}

std::vector<DecisionRecord> ProjectStore::decisionHistory(qint64 imageId) const
{
    std::vector<DecisionRecord> out;
    QString sql =
        QStringLiteral("SELECT id, image_id, decision, note, reviewer, decided_at FROM decisions");
    QVariantList values;
    if (imageId >= 0) {
        sql += QStringLiteral(" WHERE image_id = ?");
        values << imageId;
    }
    QSqlQuery q = exec(sql + QStringLiteral(" ORDER BY id"), values);
    while (q.next())
        out.push_back({q.value(QStringLiteral("id")).toLongLong(),
                       q.value(QStringLiteral("image_id")).toLongLong(),
                       parseDecision(q.value(QStringLiteral("decision")).toString()),
                       q.value(QStringLiteral("note")).toString(),
                       q.value(QStringLiteral("reviewer")).toString(),
                       parseTime(q.value(QStringLiteral("decided_at")))});
    return out;
}

void ProjectStore::setSelectedImage(qint64 imageId)
{
    transaction([&] {
        exec(QStringLiteral("UPDATE session SET selected_image = ? WHERE id = 1"),
             {imageId < 0 ? QVariant(QMetaType::fromType<qlonglong>()) : QVariant(imageId)});
    });
}

void ProjectStore::setReviewBand(std::optional<double> lower)
{
    transaction([&] {
        exec(QStringLiteral("UPDATE session SET review_band_lower = ? WHERE id = 1"),
             {nullable(lower.value_or(0.0), lower.has_value())});
    });
}

SessionState ProjectStore::session() const
{
    SessionState st;
    QSqlQuery q =
        exec(QStringLiteral("SELECT selected_image, review_band_lower FROM session WHERE id = 1"));
    if (q.next()) {
        if (const QVariant id = q.value(QStringLiteral("selected_image")); !id.isNull())
            st.selectedImageId = id.toLongLong();
        if (const QVariant lower = q.value(QStringLiteral("review_band_lower")); !lower.isNull())
            st.reviewBandLower = lower.toDouble();
    }
    return st;
}

ProjectSnapshot ProjectStore::snapshot() const
{
    ProjectSnapshot p;
    p.file = m_file;
    p.imagesRoot = imagesRoot();
    p.layout = layout();
    p.createdAt = createdAt();
    p.model = model();
    p.images = images();
    p.groupNames = groupNames();
    p.threshold = threshold();
    p.thresholdHistory = thresholdHistory();
    p.session = session();
    return p;
}

} // namespace cada::project
