#pragma once
// A project of small PNGs with reproducible scores, three groups, a few unknown-type images and
// layout labels (no model file), and opening it in a window: for the review workflow tests.
#include <QDir>
#include <QImage>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

#include "ProjectStore.h"
#include "plots/EvaluationPanel.h"
#include "project/ProjectController.h"
#include "window/MainWindow.h"

namespace review_fixtures {

using namespace cada::project;
using cada::ui::MainWindow;

// A project of `n` small PNGs in <dir>/images with reproducible scores, three groups, a few
// unknown-type images, layout labels and no model file.
inline QString makeProject(const QString& dir, int n, bool writeImages = true)
{
    QDir().mkpath(dir + QStringLiteral("/images"));
    QRandomGenerator rng(7);
    std::vector<ImageRecord> records;
    QImage img(8, 8, QImage::Format_RGB32);
    for (int i = 0; i < n; ++i) {
        ImageRecord r;
        r.path = QStringLiteral("%1/images/img%2.png").arg(dir).arg(i, 5, 10, QLatin1Char('0'));
        r.folder = dir + QStringLiteral("/images");
        if (writeImages) {
            img.fill(QColor::fromRgb(i % 256, (i * 7) % 256, 3));
            img.save(r.path);
            r.sha256 = ProjectStore::fileSha256(r.path);
        } else {
            r.sha256 = QStringLiteral("x");
        }
        r.groundTruth = i % 3 == 0 ? 1 : 0;
        r.scored = true;
        r.group = i % 3;
        r.score = rng.generateDouble() + (r.groundTruth ? 0.35 : 0.0);
        r.rawScore = r.score * 2;
        r.uHat = 0.1;
        r.gammaHat = 1.1;
        r.unknownType = i % 11 == 5;
        records.push_back(r);
    }
    const QString file = dir + QStringLiteral("/p.cadaproj");
    auto store =
        ProjectStore::create(file, dir + QStringLiteral("/images"), QStringLiteral("mvtec"));
    ModelRecord m;
    m.path = dir + QStringLiteral("/no-such-model.cada");
    m.sha256 = QStringLiteral("0");
    m.method = QStringLiteral("patchcore");
    m.defaultThreshold = 0.5;
    store->setModel(m);
    store->addImages(records);
    store->setGroupName(0, QStringLiteral("Bolts"));
    store->setThreshold(0.5);
    return file;
}

inline bool openIn(MainWindow& w, const QString& file)
{
    QSignalSpy opened(w.projects(), &cada::ui::ProjectController::projectOpened);
    w.projects()->setRelocationPrompt([](const QString&, const QStringList&) { return QString(); });
    QSignalSpy failed(w.projects(), &cada::ui::ProjectController::errorOccurred);
    w.projects()->openProject(file);
    // The spy may already hold the signal (QSignalSpy::wait only waits for a new one), and a
    // loaded machine needs more than a few seconds: wait for either outcome.
    // Either outcome ends the wait; which one it was is read from the spies below.
    static_cast<void>(
        QTest::qWaitFor([&] { return !opened.isEmpty() || !failed.isEmpty(); }, 120000));
    const bool ok = !opened.isEmpty();
    if (!failed.isEmpty())
        qWarning() << failed.first().first().toString();
    return ok;
}

inline bool waitEvaluated(MainWindow& w)
{
    // Every change schedules an evaluation synchronously, so "not evaluating" means current.
    return QTest::qWaitFor([&] { return !w.evaluationPanel()->isEvaluating(); }, 10000);
}

} // namespace review_fixtures
