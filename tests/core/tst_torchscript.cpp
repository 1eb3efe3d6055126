// The TorchScript backbone path, with modules this test builds itself in C++ (no Python).
// This translation unit includes torch, so Qt's keywords are off (QT_NO_KEYWORDS: Q_SLOTS).
#include <torch/script.h>

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

#include <opencv2/imgcodecs.hpp>

#include "DemoFixture.h"
#include "cada/Error.h"

using namespace cada;

namespace {

// A tiny "feature extractor": average-pooled colour and its square at strides 4, 8 and 16.
void writeModule(const std::string& path, const std::string& forwardBody)
{
    torch::jit::Module m("TinyBackbone");
    m.define("def forward(self, x):\n" + forwardBody);
    m.save(path);
}

const char* kGoodBody =
    "    a = torch.avg_pool2d(x, [4, 4], [4, 4])\n"
    "    b = torch.avg_pool2d(x, [8, 8], [8, 8])\n"
    "    c = torch.avg_pool2d(x, [16, 16], [16, 16])\n"
    "    return [torch.cat([a, a * a], 1), torch.cat([b, b * b], 1), torch.cat([c, c * c], 1)]\n";

TrainConfig torchScriptConfig(const std::string& path)
{
    TrainConfig c;
    c.imageSize = 64;
    c.device = "cpu";
    c.backbone.kind = "torchscript";
    c.backbone.torchScriptPath = path;
    return c;
}

} // namespace

// LibTorch's what() appends the C++ frames; a user-facing message must not carry them.
bool hasBacktrace(const std::string& message)
{
    return message.find("Exception raised from") != std::string::npos ||
           message.find("frame #") != std::string::npos;
}

class TstTorchScript : public QObject {
    Q_OBJECT
    DemoFixture m_data{64, 4};
    QTemporaryDir m_tmp;

    std::string file(const char* name) const { return m_tmp.filePath(name).toStdString(); }

  private Q_SLOTS:
    void trainSaveLoadWithScriptedBackbone_data()
    {
        // Both detectors: Reverse Distillation takes a TorchScript module's stages as its
        // teacher's activations unchanged.
        QTest::addColumn<int>("method");
        QTest::newRow("patchcore") << int(Method::PatchCore);
        QTest::newRow("revdist") << int(Method::RevDist);
    }
    void trainSaveLoadWithScriptedBackbone()
    {
        QFETCH(int, method);
        writeModule(file("tiny.pt"), kGoodBody);
        TrainConfig c = torchScriptConfig(file("tiny.pt"));
        c.method = Method(method);
        c.epochs = 5;
        Progress p;
        auto model = Model::train(m_data.train, c, p);
        QVERIFY(model->info().backbone.find("\"sha256\"") != std::string::npos);
        QVERIFY(model->info().backbone.find("\"channels\":[6,6,6]") != std::string::npos);
        model->save(file("ts.cada"));

        // The module travels inside the model file: deleting the .pt does not matter.
        QVERIFY(std::remove(file("tiny.pt").c_str()) == 0);
        auto loaded = Model::load(file("ts.cada"), "cpu");
        const auto paths = m_data.testPaths();
        const auto a = model->score(paths, {}, p), b = loaded->score(paths, {}, p);
        QCOMPARE(a.size(), paths.size());
        for (size_t i = 0; i < a.size(); ++i) {
            QVERIFY2(a[i].error.empty() && std::isfinite(a[i].rawScore), a[i].error.c_str());
            QCOMPARE(b[i].rawScore, a[i].rawScore);
        }
    }

    void wrongOutputsGiveClearErrors()
    {
        auto expect = [&](const char* name, const std::string& body, const char* word) {
            writeModule(file(name), body);
            const TrainConfig c = torchScriptConfig(file(name));
            Progress p;
            try {
                Model::train(m_data.train, c, p);
                QFAIL("expected an error");
            } catch (const Error& e) {
                const std::string msg = e.what();
                QVERIFY2(msg.find(name) != std::string::npos && msg.find(word) != std::string::npos,
                         e.what());
            }
        };
        expect("single.pt", "    return torch.avg_pool2d(x, [4, 4], [4, 4])\n", "list or tuple");
        expect("one.pt", "    return [torch.avg_pool2d(x, [4, 4], [4, 4])]\n", "at least 2");
        expect("flat.pt", "    return [x.flatten(1), x.flatten(1)]\n", "N x C x H x W");

        std::ofstream(file("text.pt")) << "def forward(x): pass";
        const TrainConfig c = torchScriptConfig(file("text.pt"));
        Progress p;
        try {
            Model::train(m_data.train, c, p);
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("not a TorchScript file") != std::string::npos,
                     e.what());
            QVERIFY2(!hasBacktrace(e.what()), e.what());
        }
    }

    // A backbone that gives NaN for some inputs: training names the image instead of fitting on
    // NaN, and scoring reports such an image as failed while the others are scored.
    void nonFiniteFeaturesAreReportedPerImage()
    {
        // NaN for every image.
        writeModule(file("nan.pt"), "    a = torch.avg_pool2d(x, [4, 4], [4, 4]) * float('nan')\n"
                                    "    b = torch.avg_pool2d(x, [8, 8], [8, 8])\n"
                                    "    return [a, b, torch.avg_pool2d(x, [16, 16], [16, 16])]\n");
        Progress p;
        try {
            Model::train(m_data.train, torchScriptConfig(file("nan.pt")), p);
            QFAIL("expected an error");
        } catch (const Error& e) {
            const std::string msg = e.what();
            QVERIFY2(msg.find("not finite") != std::string::npos &&
                         msg.find(m_data.train.front().path.parent_path().string()) !=
                             std::string::npos,
                     e.what());
        }

        // NaN only where the brightest value of the image is dark (sqrt of a negative number).
        writeModule(file("dark-nan.pt"),
                    "    s = torch.sqrt(torch.amax(x, [1, 2, 3], True) + 1.0)\n"
                    "    a = torch.avg_pool2d(x, [4, 4], [4, 4]) * s\n"
                    "    b = torch.avg_pool2d(x, [8, 8], [8, 8]) * s\n"
                    "    c = torch.avg_pool2d(x, [16, 16], [16, 16]) * s\n"
                    "    return [torch.cat([a, a * a], 1), torch.cat([b, b * b], "
                    "1), torch.cat([c, c * c], 1)]\n");
        auto model = Model::train(m_data.train, torchScriptConfig(file("dark-nan.pt")), p);
        const std::string dark = file("dark.png");
        QVERIFY(cv::imwrite(dark, cv::Mat(64, 64, CV_8UC3, cv::Scalar(5, 5, 5))));
        std::vector<std::filesystem::path> paths = m_data.testPaths();
        paths.resize(3);
        paths.push_back(dark);
        const auto results = model->score(paths, {}, p);
        for (size_t i = 0; i < 3; ++i)
            QVERIFY2(results[i].ok() && std::isfinite(results[i].score), results[i].error.c_str());
        QVERIFY(!results[3].ok());
        QVERIFY2(results[3].error.find("not finite") != std::string::npos,
                 results[3].error.c_str());
    }

    // A backbone that fails outright on some inputs (here an index error on dark images): the
    // batch holding such an image is scored again one image at a time, so only that image fails,
    // with the backbone's message, and the others are scored.
    void aBackboneErrorFailsOnlyItsImage()
    {
        writeModule(file("dark-fails.pt"),
                    "    i = int(bool(torch.amin(torch.amax(x, [1, 2, 3])) < -1.0)) * 5\n"
                    "    z = torch.zeros(3)[i]\n"
                    "    a = torch.avg_pool2d(x, [4, 4], [4, 4]) + z\n"
                    "    b = torch.avg_pool2d(x, [8, 8], [8, 8])\n"
                    "    c = torch.avg_pool2d(x, [16, 16], [16, 16])\n"
                    "    return [torch.cat([a, a * a], 1), torch.cat([b, b * b], 1), "
                    "torch.cat([c, c * c], 1)]\n");
        Progress p;
        auto model = Model::train(m_data.train, torchScriptConfig(file("dark-fails.pt")), p);
        const std::string dark = file("dark2.png");
        QVERIFY(cv::imwrite(dark, cv::Mat(64, 64, CV_8UC3, cv::Scalar(5, 5, 5))));
        std::vector<std::filesystem::path> paths = m_data.testPaths();
        paths.resize(3);
        paths.insert(paths.begin() + 1, dark); // in the same batch as the others
        const auto results = model->score(paths, {}, p);
        QCOMPARE(results.size(), size_t(4));
        for (size_t i : {0, 2, 3})
            QVERIFY2(results[i].ok() && std::isfinite(results[i].score), results[i].error.c_str());
        QVERIFY(!results[1].ok());
        qInfo("the dark image: %s", results[1].error.c_str());
        QVERIFY2(results[1].error.find("TorchScript backbone 'dark-fails.pt' failed") !=
                     std::string::npos,
                 results[1].error.c_str());
        QVERIFY2(!hasBacktrace(results[1].error), results[1].error.c_str());
    }
};

QTEST_APPLESS_MAIN(TstTorchScript)
#include "tst_torchscript.moc"
