// ProjectStore's checks of the image files themselves: which are missing, where they may have
// gone, relocating them after verifying each moved file's content hash.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

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
