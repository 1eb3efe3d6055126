// Crafted model files (a valid container and checksum around hostile content) are refused on
// load with a message that names the file and the problem: no hang, no huge allocation, no file
// opened because the model names it, no NaN scores. Regression tests for issue 20, defects 2-6.
// This translation unit includes torch, so Qt's keywords are off (QT_NO_KEYWORDS: Q_SLOTS).
#include <torch/torch.h>

#include <QtTest>

#include "DemoFixture.h"
#include "cada/Error.h"
#include "cada/model/Model.h"
#include "model/TensorArchive.h"

using namespace cada;
namespace fs = std::filesystem;

class TstModelFile : public QObject {
    Q_OBJECT

    DemoFixture m_data;
    QTemporaryDir m_out;
    fs::path m_model;

    // Loads the trained model's archive, lets `edit` change it, saves it (a fresh checksum) and
    // returns what loading it as a model says; empty when it loads.
    QString loadEdited(const std::function<void(TensorArchive&)>& edit)
    {
        auto archive = TensorArchive::load(m_model);
        edit(archive);
        const fs::path crafted = m_out.filePath("crafted.cada").toStdString();
        archive.save(crafted);
        try {
            Model::load(crafted, "cpu");
        } catch (const Error& e) {
            return e.what();
        }
        return {};
    }

  private Q_SLOTS:
    void initTestCase()
    {
        TrainConfig c;
        c.imageSize = 64;
        c.device = "cpu";
        c.seed = 3;
        Progress p;
        m_model = m_out.filePath("m.cada").toStdString();
        Model::train(m_data.train, c, p)->save(m_model);
        QVERIFY(loadEdited([](TensorArchive&) {}).isEmpty()); // the round trip itself is clean
    }

    void outOfRangeConfigurationIsRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("value");
        QTest::addColumn<QString>("named");
        QTest::newRow("a million threads") << "threads" << 1000000 << "threads 1000000";
        QTest::newRow("image size 0") << "image_size" << 0 << "image size 0";
        QTest::newRow("image size -64") << "image_size" << -64 << "image size -64";
        QTest::newRow("image size 8192") << "image_size" << 8192 << "image size 8192";
        QTest::newRow("batch size 0") << "batch_size" << 0 << "batch size 0";
        QTest::newRow("max bank 1") << "max_bank" << 1 << "memory bank cap 1";
        QTest::newRow("forced groups -1") << "forced_groups" << -1 << "forced group count -1";
    }
    void outOfRangeConfigurationIsRefused()
    {
        QFETCH(QString, key);
        QFETCH(int, value);
        QFETCH(QString, named);
        const auto error =
            loadEdited([&](TensorArchive& a) { a.meta()["config"][key.toStdString()] = value; });
        QVERIFY2(error.contains("crafted.cada") && error.contains(named), qPrintable(error));
    }

    // The model names /dev/zero as its TorchScript backbone without embedding one: reading it
    // would grow without end. It must be refused without being opened.
    void aPathNamedByTheModelIsNeverOpened()
    {
        const auto error = loadEdited([](TensorArchive& a) {
            a.meta()["config"]["backbone"]["kind"] = "torchscript";
            a.meta()["config"]["backbone"]["torchscript_path"] = "/dev/zero";
        });
        QVERIFY2(error.contains("crafted.cada") && error.contains("does not hold it"),
                 qPrintable(error));
    }

    void nonFiniteTensorsAreRefused_data()
    {
        QTest::addColumn<QString>("blob");
        QTest::newRow("regressor weights") << "cada.w1";
        QTest::newRow("memory bank") << "patchcore.bank.points";
        QTest::newRow("patch statistics") << "patchcore.mean";
    }
    void nonFiniteTensorsAreRefused()
    {
        QFETCH(QString, blob);
        const auto error = loadEdited([&](TensorArchive& a) {
            auto t = a.get(blob.toStdString()).clone();
            t.view(-1)[0] = std::numeric_limits<float>::quiet_NaN();
            a.put(blob.toStdString(), t);
        });
        QVERIFY2(error.contains("crafted.cada") && error.contains("not finite") &&
                     error.contains(blob),
                 qPrintable(error));
    }

    // The implicit classes' matrices: a negative size whose product matches the data (-1 x -1),
    // or shapes that do not fit together, made OpenCV assert on load or on every image.
    void inconsistentImplicitClassesAreRefused_data()
    {
        QTest::addColumn<QString>("matrix");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<QString>("named");
        QTest::newRow("negative size") << "mean" << -1 << -1 << "(-1 x -1)";
        QTest::newRow("std of another length") << "std" << 1 << 3 << "differ in size";
        QTest::newRow("centres of another width") << "centres" << 2 << 5 << "do not fit the PCA";
        QTest::newRow("PCA of another width") << "pca_basis" << 2 << 7 << "embedding size";
    }
    void inconsistentImplicitClassesAreRefused()
    {
        QFETCH(QString, matrix);
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(QString, named);
        const auto error = loadEdited([&](TensorArchive& a) {
            auto& m = a.meta()["groups"][matrix.toStdString()];
            m["rows"] = rows;
            m["cols"] = cols;
            m["data"] = std::vector<float>(size_t(std::abs(rows * cols)), 1.0f);
        });
        QVERIFY2(error.contains("crafted.cada") && error.contains(named), qPrintable(error));
    }

    void anEmptyMemoryBankIsRefused()
    {
        const auto error = loadEdited([](TensorArchive& a) {
            const auto d = a.get("patchcore.bank.points").size(1);
            a.put("patchcore.bank.points", torch::zeros({0, d}));
            a.put("patchcore.bank.owners", torch::zeros({0}, torch::kInt64));
        });
        QVERIFY2(error.contains("crafted.cada") && error.contains("memory bank is empty"),
                 qPrintable(error));
    }
};

QTEST_APPLESS_MAIN(TstModelFile)
#include "tst_modelfile.moc"
