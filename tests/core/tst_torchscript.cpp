// The TorchScript backbone path, with modules this test builds itself in C++ (no Python).
// This translation unit includes torch, so Qt's keywords are off (QT_NO_KEYWORDS: Q_SLOTS).
#include <torch/script.h>

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

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

class TstTorchScript : public QObject {
    Q_OBJECT
    DemoFixture m_data{64, 4};
    QTemporaryDir m_tmp;

    std::string file(const char* name) const { return m_tmp.filePath(name).toStdString(); }

  private Q_SLOTS:
    void trainSaveLoadWithScriptedBackbone()
    {
        writeModule(file("tiny.pt"), kGoodBody);
        const TrainConfig c = torchScriptConfig(file("tiny.pt"));
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
        for (size_t i = 0; i < a.size(); ++i)
            QCOMPARE(b[i].rawScore, a[i].rawScore);
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
        }
    }
};

QTEST_APPLESS_MAIN(TstTorchScript)
#include "tst_torchscript.moc"
