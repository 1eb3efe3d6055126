#pragma once
// Small demo data for engine tests: generated once per test executable in a temporary folder.
#include <QTemporaryDir>

#include <map>

#include "cada/demo/DemoData.h"
#include "cada/model/Model.h"
#include "cada/io/Dataset.h"

struct DemoFixture {
    QTemporaryDir dir;
    cada::io::Dataset dataset;
    std::vector<cada::TrainingImage> train;
    std::vector<cada::io::DatasetRecord> test;

    explicit DemoFixture(int size = 64, int perClass = 8, std::uint32_t seed = 11)
    {
        cada::demo::DemoOptions o;
        o.size = size;
        o.perClass = perClass;
        o.seed = seed;
        cada::demo::generateDemoData(dir.filePath("data").toStdString(), o);
        dataset = cada::io::scanDataset(dir.filePath("data").toStdString());
        for (const auto& r : dataset.select(cada::io::Split::Train))
            train.push_back({r.path, r.className});
        test = dataset.select(cada::io::Split::Test);
    }

    std::vector<std::filesystem::path> testPaths() const
    {
        std::vector<std::filesystem::path> p;
        for (const auto& r : test)
            p.push_back(r.path);
        return p;
    }
};
