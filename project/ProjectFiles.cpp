// ProjectStore's checks of files: SQLite's full integrity check of a project file, and of the
// image files which are missing, where they may have gone, relocating them after verifying each
// moved file's content hash.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include "ProjectSchema.h"
#include "ProjectStore.h"
#include "cada/Error.h"
#include "cada/Progress.h"

namespace cada::project {
namespace {

QString cleanPrefix(const QString& prefix)
{
    QString p = QDir::cleanPath(QDir::fromNativeSeparators(prefix));
    while (p.size() > 1 && p.endsWith(QLatin1Char('/')))
        p.chop(1);
    return p;
}

bool isUnder(const QString& path, const QString& prefix)
{
    return path == prefix ||
           path.startsWith(prefix.endsWith(QLatin1Char('/')) ? prefix : prefix + QLatin1Char('/'));
}

std::string s(const QString& q)
{
    return q.toStdString();
}

} // namespace

// A project file must exist, be a file and start like an SQLite database.
void ProjectStore::requireSqliteFile(const QString& file)
{
    const QFileInfo info(file);
    if (!info.exists())
        throw Error("The project '" + s(file) + "' does not exist.");
    if (!info.isFile())
        throw Error("The project '" + s(file) + "' is not a file.");
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        throw Error("Cannot read the project '" + s(file) + "': " + s(f.errorString()) + ".");
    const QByteArray header = f.read(16);
    if (header != QByteArray("SQLite format 3\0", 16))
        throw Error("'" + s(file) +
                    "' is not a CADA Inspect project: it is not an SQLite database" +
                    (header.isEmpty() ? std::string(" (the file is empty)") : std::string()) +
                    ". Choose a project file saved by CADA Inspect.");
}

QStringList ProjectStore::integrityProblems(const QString& file)
{
    requireSqliteFile(file);
    ProjectStore store(file); // for its connection name and clean-up only
    store.m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), store.m_connection);
    const auto openReadOnly = [&](bool immutable) {
        store.m_db.close();
        // immutable: a project in a read-only folder, where SQLite cannot create the -shm file
        // that reading a WAL-mode database needs; the file is then read as it is on disk.
        store.m_db.setDatabaseName(
            immutable ? QStringLiteral("file:%1?immutable=1")
                            .arg(QString::fromUtf8(QUrl::toPercentEncoding(store.m_file, "/")))
                      : store.m_file);
        store.m_db.setConnectOptions(
            immutable ? QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI")
                      : QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        return store.m_db.open();
    };
    QStringList problems;
    const auto check = [&] {
        problems.clear();
        QSqlQuery q(store.m_db);
        if (!q.exec(QStringLiteral("PRAGMA integrity_check(20)")))
            return q.lastError().text();
        while (q.next())
            if (q.value(0).toString() != QLatin1String("ok"))
                problems << q.value(0).toString();
        return QString();
    };
    const auto readOnlyFolder = [](const QString& e) {
        return e.contains(QLatin1String("readonly")) || e.contains(QLatin1String("unable to open"));
    };
    QString failed = openReadOnly(false) ? check() : store.m_db.lastError().text();
    if (readOnlyFolder(failed))
        failed = openReadOnly(true) ? check() : store.m_db.lastError().text();
    if (!failed.isEmpty())
        problems << failed;
    if (problems.isEmpty()) {
        QSqlQuery m(store.m_db);
        if (!(m.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'application'")) &&
              m.next() && m.value(0).toString() == QLatin1String(schema::kApplicationId)))
            throw Error("'" + s(file) +
                        "' is an SQLite database but not a CADA Inspect project. Choose a project "
                        "file saved by CADA Inspect.");
    }
    if (problems.isEmpty()) {
        QSqlQuery fk(store.m_db);
        if (fk.exec(QStringLiteral("PRAGMA foreign_key_check")))
            while (fk.next() && problems.size() < 20)
                problems << QStringLiteral("row %1 of table %2 refers to a missing row of %3")
                                .arg(fk.value(1).toString(), fk.value(0).toString(),
                                     fk.value(2).toString());
    }
    return problems;
}

QStringList ProjectStore::missingImages() const
{
    QStringList out;
    QSqlQuery q = exec(QStringLiteral("SELECT path FROM images ORDER BY id"));
    while (q.next()) {
        const QString path = q.value(0).toString();
        if (!QFileInfo::exists(path))
            out << path;
    }
    return out;
}

QString ProjectStore::suggestedOldRoot() const
{
    const QStringList missing = missingImages();
    if (missing.isEmpty())
        return {};
    QString root = QFileInfo(missing.first()).absolutePath();
    const auto coversAll = [&](const QString& r) {
        return std::all_of(missing.begin(), missing.end(),
                           [&](const QString& p) { return isUnder(p, r); });
    };
    while (!coversAll(root)) {
        const QString up = QFileInfo(root).absolutePath();
        if (up == root)
            break;
        root = up;
    }
    return root;
}

RelocationResult ProjectStore::relocate(const QString& oldPrefix, const QString& newPrefix,
                                        Progress* progress)
{
    const QString from = cleanPrefix(oldPrefix), to = cleanPrefix(newPrefix);
    if (from.isEmpty() || to.isEmpty())
        throw Error("Relocation needs the old and the new folder.");
    if (!QFileInfo(to).isDir())
        throw Error("Cannot relocate the images of '" + s(m_file) + "' to '" + s(to) +
                    "': it is not a folder.");
    struct Move {
        qint64 id;
        QString path;
    };
    std::vector<Move> moves;
    RelocationResult result;
    const std::vector<ImageRecord> all = images();
    if (progress)
        progress->begin("Verifying moved images", std::int64_t(all.size()));
    for (const ImageRecord& r : all) {
        if (progress)
            progress->advance();
        if (!isUnder(r.path, from))
            continue;
        const QString moved = to + r.path.mid(from.size());
        if (!QFileInfo::exists(moved)) {
            result.missing << r.path;
            continue;
        }
        QString hash;
        try {
            hash = fileSha256(moved);
        } catch (const Error&) {
            result.mismatched << r.path;
            continue;
        }
        if (hash != r.sha256)
            result.mismatched << r.path;
        else
            moves.push_back({r.id, moved});
    }
    if (progress)
        progress->throwIfCancelled();
    transaction([&] {
        for (const Move& m : moves)
            exec(QStringLiteral("UPDATE images SET path = ?, folder = ? WHERE id = ?"),
                 {m.path, QFileInfo(m.path).absolutePath(), m.id});
        const QString root = meta(QStringLiteral("images_root"));
        if (!moves.empty() && isUnder(root, from))
            setMeta(QStringLiteral("images_root"), to + root.mid(from.size()));
    });
    result.relocated = int(moves.size());
    return result;
}

QString ProjectStore::fileSha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error("Cannot read '" + s(path) + "' to compute its hash: " + s(f.errorString()) +
                    ".");
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f))
        throw Error("Cannot read '" + s(path) + "' to compute its hash: " + s(f.errorString()) +
                    ".");
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace cada::project
