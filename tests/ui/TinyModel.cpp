#include "TinyModel.h"

#include "cada/demo/DemoData.h"
#include "cada/model/Model.h"
#include "cada/io/Dataset.h"

namespace cada::test {

TinyModel makeTinyModel(const QString& dir, const QString& leaveOut)
{
    TinyModel t;
    t.dataDir = dir + QStringLiteral("/data");
    t.modelPath = dir + QStringLiteral("/model.cada");
    cada::demo::DemoOptions demo;
    demo.size = 64;
    demo.perClass = 4;
    cada::demo::generateDemoData(t.dataDir.toStdString(), demo);
    const auto dataset = cada::io::scanDataset(t.dataDir.toStdString());
    std::vector<cada::TrainingImage> train;
    for (const auto& r : dataset.select(cada::io::Split::Train))
        if (QString::fromStdString(r.className) != leaveOut)
            train.push_back({r.path, r.className});
    for (const auto& r : dataset.select(cada::io::Split::Test))
        t.testImages << QString::fromStdString(r.path.string());
    cada::TrainConfig config;
    config.imageSize = 64;
    config.device = "cpu";
    cada::Progress progress;
    auto model = cada::Model::train(train, config, progress, {t.dataDir.toStdString()});
    model->save(t.modelPath.toStdString());
    return t;
}

} // namespace cada::test
