#pragma once
// Small projects for the project tests: files with distinct content, scored records with layout
// labels, groups and one failure, and a model record.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStringList>

#include <vector>

#include "ProjectStore.h"

namespace project_fixtures {

using namespace cada::project;

// `n` small files with distinct content under `dir`, in two sub-folders.
inline QStringList writeFiles(const QString& dir, int n)
{
    QStringList paths;
    for (int i = 0; i < n; ++i) {
        const QString sub = dir + (i % 2 ? QStringLiteral("/good") : QStringLiteral("/bad"));
        QDir().mkpath(sub);
        const QString path = QStringLiteral("%1/img_%2.png").arg(sub).arg(i);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(QByteArray("image ") + QByteArray::number(i) +
                QByteArray(100 + i, char('a' + i % 26)));
        paths << QDir::cleanPath(path);
    }
    return paths;
}

// Synthetic scored records: the first half anomalous (higher scores), groups 0..2, one failure.
inline std::vector<ImageRecord> makeRecords(const QStringList& paths)
{
    std::vector<ImageRecord> rows;
    QRandomGenerator rng(42);
    for (int i = 0; i < paths.size(); ++i) {
        ImageRecord r;
        r.path = paths[i];
        r.sha256 = ProjectStore::fileSha256(r.path);
        r.sizeBytes = QFileInfo(r.path).size();
        r.className = QStringLiteral("class%1").arg(i % 3);
        r.groundTruth = i % 2 ? 0 : 1;
        r.scored = true;
        if (i == 5) {
            r.error = QStringLiteral("truncated PNG");
        } else {
            r.score = (r.groundTruth ? 0.6 : 0.0) + rng.generateDouble();
            r.rawScore = 10.0 * r.score + 1.0 / 3.0;
            r.uHat = 0.1 * i + 1e-9;
            r.gammaHat = 2.0 + 1.0 / 7.0;
            r.group = i % 3;
            r.unknownType = i % 7 == 0;
        }
        rows.push_back(r);
    }
    return rows;
}

inline ModelRecord makeModel()
{
    ModelRecord m;
    m.path = QStringLiteral("/models/line1.cada");
    m.sha256 = QStringLiteral("0123abcd");
    m.method = QStringLiteral("patchcore");
    m.imageSize = 64;
    m.defaultThreshold = 0.9;
    return m;
}

// A project of `n` images under `dir`, with two group names; its records (with ids) in `rowsOut`.
inline QString newProject(const QString& dir, const QString& name,
                          std::vector<ImageRecord>* rowsOut = nullptr, int n = 12)
{
    const QString file = dir + QLatin1Char('/') + name + QStringLiteral(".cadaproj");
    const QString images = dir + QLatin1Char('/') + name + QStringLiteral("_images");
    const QStringList paths = writeFiles(images, n);
    auto store = ProjectStore::create(file, images);
    store->setModel(makeModel());
    auto rows = makeRecords(paths);
    store->addImages(rows);
    store->setGroupName(0, QStringLiteral("Plates"));
    store->setGroupName(2, QStringLiteral("Carpet, woven \"fine\""));
    if (rowsOut)
        *rowsOut = rows;
    return file;
}

} // namespace project_fixtures
