// TrainDialog end to end on a tiny generated data set: validation errors stay in the dialog,
// a successful run saves a loadable model trained on the normal train images only, and Cancel
// during training leaves no model file behind.
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "batch/ScoreWorker.h"
#include "training/TrainDialog.h"
#include "cada/demo/DemoData.h"
#include "cada/model/Model.h"
#include "cada/io/Dataset.h"

using cada::ui::ScoreWorker;
using cada::ui::TrainDialog;

// True once `spy` holds a signal. QSignalSpy::wait only waits for a *new* emission, and on a
// loaded machine the worker may have finished before the wait starts.
static bool arrived(QSignalSpy& spy, int timeoutMs)
{
    return QTest::qWaitFor([&] { return !spy.isEmpty(); }, timeoutMs);
}

class TstTrainDialog : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void selectsNormalTrainImagesOnly();
    void invalidFormShowsErrorInDialog();
    void emptyFolderFailsWithoutCrash();
    void trainsSavesAndAccepts();
    void cancelDuringTrainingLeavesNoFile();
    void cancelDuringScanLeavesNoFile();

  private:
    void fillForm(TrainDialog& dialog, const QString& out);
    QTemporaryDir m_dir;
    QString m_data;
    int m_normalTrain = 0;
};

void TstTrainDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_data = m_dir.path() + QStringLiteral("/data");
    cada::demo::DemoOptions demo;
    demo.size = 64;
    demo.perClass = 4;
    const auto summary = cada::demo::generateDemoData(m_data.toStdString(), demo);
    m_normalTrain = summary.trainImages;
    QVERIFY(m_normalTrain >= 8);
}

void TstTrainDialog::fillForm(TrainDialog& dialog, const QString& out)
{
    dialog.setFolders({m_data});
    dialog.setMethod(cada::Method::PatchCore);
    dialog.setBackbone(QStringLiteral("scattering"));
    dialog.setImageSize(64);
    dialog.setDevice(QStringLiteral("cpu"));
    dialog.setOutputPath(out);
}

void TstTrainDialog::selectsNormalTrainImagesOnly()
{
    // MVTec layout: train/good only; no test image (good or defective) may leak into training.
    const auto images = TrainDialog::trainingImages(m_data);
    QCOMPARE(int(images.size()), m_normalTrain);
    for (const auto& im : images)
        QVERIFY2(im.path.string().find("/train/") != std::string::npos, im.path.c_str());
    // A plain folder: every image in it.
    const QString plain = m_dir.path() + QStringLiteral("/plain");
    QVERIFY(QDir().mkpath(plain));
    const auto first = images.front().path;
    QVERIFY(QFile::copy(QString::fromStdString(first.string()), plain + QStringLiteral("/a.png")));
    QVERIFY(QFile::copy(QString::fromStdString(images.back().path.string()),
                        plain + QStringLiteral("/b.png")));
    QCOMPARE(int(TrainDialog::trainingImages(plain).size()), 2);
}

void TstTrainDialog::invalidFormShowsErrorInDialog()
{
    TrainDialog dialog;
    dialog.setOutputPath(m_dir.path() + QStringLiteral("/x.cada"));
    QVERIFY(!dialog.start()); // no folder
    QVERIFY(dialog.errorText().contains(QStringLiteral("folder")));
    QVERIFY(!dialog.isRunning());

    fillForm(dialog, m_dir.path() + QStringLiteral("/x.cada"));
    dialog.setBackbone(QStringLiteral("torchscript"), m_dir.path() + QStringLiteral("/missing.pt"));
    QVERIFY(!dialog.start());
    QVERIFY(dialog.errorText().contains(QStringLiteral("TorchScript")));

    fillForm(dialog, m_dir.path() + QStringLiteral("/no/such/dir/x.cada"));
    QVERIFY(!dialog.start());
    QVERIFY(dialog.errorText().contains(QStringLiteral("does not exist")));

    fillForm(dialog, QString());
    QVERIFY(!dialog.start());
    QVERIFY(!dialog.errorText().isEmpty());
    QVERIFY(!QFile::exists(m_dir.path() + QStringLiteral("/x.cada")));

    fillForm(dialog, m_dir.path() + QStringLiteral("/x.cada"));
    const cada::TrainConfig c = dialog.config();
    QCOMPARE(c.imageSize, 64);
    QCOMPARE(c.device, std::string("cpu"));
    QCOMPARE(c.backbone.kind, std::string("scattering"));
    QVERIFY(c.method == cada::Method::PatchCore);
}

void TstTrainDialog::emptyFolderFailsWithoutCrash()
{
    const QString empty = m_dir.path() + QStringLiteral("/empty");
    QVERIFY(QDir().mkpath(empty));
    TrainDialog dialog;
    fillForm(dialog, m_dir.path() + QStringLiteral("/empty.cada"));
    dialog.setFolders({empty});
    QSignalSpy failed(&dialog, &TrainDialog::failed);
    QVERIFY(dialog.start());
    QVERIFY(arrived(failed, 60000));
    QVERIFY(!dialog.isRunning());
    QVERIFY(!dialog.errorText().isEmpty());
    QVERIFY(!QFile::exists(m_dir.path() + QStringLiteral("/empty.cada")));
}

void TstTrainDialog::trainsSavesAndAccepts()
{
    const QString out = m_dir.path() + QStringLiteral("/trained.cada");
    TrainDialog dialog;
    fillForm(dialog, out);
    dialog.show();
    auto* worker = dialog.findChild<ScoreWorker*>();
    QVERIFY(worker);
    QSignalSpy saved(&dialog, &TrainDialog::modelSaved);
    QSignalSpy failed(&dialog, &TrainDialog::failed);
    QSignalSpy progress(worker, &ScoreWorker::progress);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QVERIFY(dialog.start());
    QVERIFY(dialog.isRunning());
    QVERIFY(!dialog.start()); // one job at a time
    QVERIFY(QTest::qWaitFor([&] { return !saved.isEmpty() || !failed.isEmpty(); }, 600000));
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QCOMPARE(saved.count(), 1);
    QCOMPARE(saved.first().first().toString(), QFileInfo(out).absoluteFilePath());
    QCOMPARE(accepted.count(), 1);
    QVERIFY(!dialog.isRunning());
    QVERIFY(progress.count() > 0);
    QVERIFY(QFileInfo(out).size() > 0);

    const auto model = cada::Model::load(out.toStdString(), "cpu");
    QCOMPARE(model->config().imageSize, 64);
    QCOMPARE(model->info().trainImages, m_normalTrain);
    QCOMPARE(model->info().sourceFolders.size(), std::size_t(1));
    QVERIFY(model->info().method == cada::Method::PatchCore);
}

void TstTrainDialog::cancelDuringTrainingLeavesNoFile()
{
    const QString out = m_dir.path() + QStringLiteral("/cancelled.cada");
    TrainDialog dialog;
    fillForm(dialog, out);
    // Reverse Distillation trains for epochs (seconds even on this tiny set), so the cancel
    // reliably lands inside Model::train; PatchCore would finish before the first event is seen.
    dialog.setMethod(cada::Method::RevDist);
    auto* worker = dialog.findChild<ScoreWorker*>();
    QSignalSpy progress(worker, &ScoreWorker::progress);
    QSignalSpy cancelled(&dialog, &TrainDialog::cancelled);
    QSignalSpy saved(&dialog, &TrainDialog::modelSaved);
    QVERIFY(dialog.start());
    QVERIFY(arrived(progress, 120000)); // the worker is training now
    QVERIFY(dialog.isRunning());
    QElapsedTimer clock;
    clock.start();
    dialog.cancel();
    QVERIFY(arrived(cancelled, 120000));
    QVERIFY2(clock.elapsed() < 30000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(saved.count(), 0);
    QVERIFY(!dialog.isRunning());
    QVERIFY(!QFile::exists(out));
    const QStringList leftovers =
        QDir(m_dir.path()).entryList({QStringLiteral("cancelled*")}, QDir::Files);
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char(' '))));
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open for another try
}

void TstTrainDialog::cancelDuringScanLeavesNoFile()
{
    // The scan's continuation runs on the GUI thread, so a cancel right after start() is
    // always seen before any training starts.
    const QString out = m_dir.path() + QStringLiteral("/scancancel.cada");
    TrainDialog dialog;
    fillForm(dialog, out);
    auto* worker = dialog.findChild<ScoreWorker*>();
    QSignalSpy cancelled(&dialog, &TrainDialog::cancelled);
    QVERIFY(dialog.start());
    dialog.cancel();
    QVERIFY(arrived(cancelled, 60000));
    QVERIFY(!worker->isRunning());
    QVERIFY(!dialog.isRunning());
    QVERIFY(!QFile::exists(out));
    // The form is usable again after a cancel.
    QSignalSpy saved(&dialog, &TrainDialog::modelSaved);
    QVERIFY(dialog.start());
    QVERIFY(arrived(saved, 600000));
    QVERIFY(QFile::exists(out));
}

QTEST_MAIN(TstTrainDialog)
#include "tst_traindialog.moc"
