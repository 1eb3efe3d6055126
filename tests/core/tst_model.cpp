// Both detectors end to end on generated data: ranking, localisation, model files, cancel.
#include <QtTest>

#include <filesystem>
#include <malloc.h>
#include <memory>
#include <fstream>
#include <set>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "DemoFixture.h"
#include "RankingChecks.h"
#include "cada/Error.h"
#include "cada/demo/DemoData.h"
#include "cada/io/ImageLoader.h"
#include "cada/metrics/Clustering.h"
#include "cada/metrics/Metrics.h"

using namespace cada;
namespace fs = std::filesystem;

namespace {

TrainConfig smallConfig(Method method)
{
    TrainConfig c;
    c.method = method;
    c.imageSize = 64;
    c.device = "cpu";
    c.epochs = 12;
    c.batchSize = 8;
    c.seed = 3;
    return c;
}

std::map<std::string, int> calibrationPerClass(const Model& model)
{
    std::map<std::string, int> out;
    for (const auto& c : model.calibration())
        ++out[c.className];
    return out;
}

} // namespace

class TstModel : public QObject {
    Q_OBJECT
    DemoFixture m_data{64, 16};
    QTemporaryDir m_out;
    std::unique_ptr<Model> m_patchcore, m_revdist;

    const Model& modelFor(int method) const
    {
        return method == int(Method::PatchCore) ? *m_patchcore : *m_revdist;
    }
    static void addMethodRows() // both detectors as rows of a data-driven test
    {
        QTest::addColumn<int>("method");
        QTest::newRow("patchcore") << int(Method::PatchCore);
        QTest::newRow("revdist") << int(Method::RevDist);
    }

  private slots:
    void initTestCase()
    {
        Progress p;
        m_patchcore = Model::train(m_data.train, smallConfig(Method::PatchCore), p);
        m_revdist = Model::train(m_data.train, smallConfig(Method::RevDist), p);
        QVERIFY(m_patchcore && m_revdist);
    }

    void detectorsRankDefectsAboveNormals_data()
    {
        QTest::addColumn<int>("method");
        QTest::newRow("patchcore") << int(Method::PatchCore);
        // Reverse Distillation with the built-in scattering teacher does not reach this bar at
        // 64 px (a 2 x 2 bottleneck; docs/limitations.md): tst_revdist checks it at the demo's
        // 128 px instead of a weaker assertion here.
    }
    void detectorsRankDefectsAboveNormals()
    {
        QFETCH(int, method);
        const Model& model = modelFor(method);
        Progress p;
        const auto results = model.score(m_data.testPaths(), {}, p);
        QCOMPARE(results.size(), m_data.test.size());
        const auto auc = perClassAuroc(results, m_data.test);
        double mean = 0;
        QString report;
        for (const auto& [cls, a] : auc) {
            mean += a / double(auc.size());
            report += QString("%1=%2 ").arg(QString::fromStdString(cls)).arg(a, 0, 'f', 3);
        }
        qInfo("%s per-class AUROC: %s mean %.3f", QTest::currentDataTag(), qPrintable(report),
              mean);
        QVERIFY2(mean >= 0.8, qPrintable(report));
        int aboveChance = 0;
        for (const auto& [cls, a] : auc)
            aboveChance += a > 0.6;
        QVERIFY2(aboveChance >= 5, qPrintable(report));
        const double rate = peakInMaskRate(results, m_data.test);
        qInfo("%s map maximum inside the defect: %.2f", QTest::currentDataTag(), rate);
        QVERIFY(rate >= 0.5);
    }

    void memoryBankIsTheCoresetCappedByMaxBank()
    {
        // 10 % of all training patches (16 x 16 per 64 px image at stride 4) by default...
        const auto& info = m_patchcore->info();
        QCOMPARE(info.bankPatches, std::llround(0.1 * info.trainImages * 16 * 16));
        QCOMPARE(m_revdist->info().bankPatches, std::int64_t(0));
        // ...and never more than maxBank, which bounds the cost of every score.
        auto config = smallConfig(Method::PatchCore);
        config.maxBank = 300;
        Progress p;
        const auto capped = Model::train(m_data.train, config, p);
        QCOMPARE(capped->info().bankPatches, std::int64_t(300));
        const fs::path file = m_out.filePath("capped.cada").toStdString();
        capped->save(file);
        const auto loaded = Model::load(file);
        QCOMPARE(loaded->info().bankPatches, std::int64_t(300));
        QCOMPARE(loaded->config().maxBank, std::int64_t(300));
    }

    void fewCandidatesStillDetect()
    {
        // With a candidate budget far below the 96 x 256 training patches, each image keeps its
        // own k-center selection (21 patches); the bank is then all of them. It prints the mean
        // per-class AUROC (0.83 measured; 0.87 with all patches).
        auto config = smallConfig(Method::PatchCore);
        config.maxCandidates = 2000;
        Progress p;
        const auto model = Model::train(m_data.train, config, p);
        QCOMPARE(model->info().bankPatches, std::int64_t(21 * 96));
        const auto results = model->score(m_data.testPaths(), {}, p);
        const auto auc = perClassAuroc(results, m_data.test);
        double mean = 0;
        for (const auto& [cls, a] : auc)
            mean += a / double(auc.size());
        qInfo("mean per-class AUROC with 2000 candidates: %.3f", mean);
        QVERIFY(mean >= 0.75);
    }

    void calibrationIsCappedByMaxCalibration()
    {
        auto config = smallConfig(Method::PatchCore);
        config.maxCalibration = 30;
        Progress p;
        const auto capped = Model::train(m_data.train, config, p);
        const auto& info = capped->info();
        QCOMPARE(info.trainImages, int(m_data.train.size())); // the bank still sees every image
        QCOMPARE(info.calibrationImages, 30);
        QCOMPARE(info.calibrationMethod, std::string("leave-self-out"));
        std::set<std::string> trainPaths, calPaths;
        for (const auto& t : m_data.train)
            trainPaths.insert(t.path.string());
        for (const auto& c : capped->calibration()) {
            QVERIFY2(trainPaths.count(c.path), c.path.c_str());
            calPaths.insert(c.path);
        }
        QCOMPARE(calPaths.size(), size_t(30));
        // A sample stratified by implicit group: 30 of 6 x 16 images is 5 per product type.
        QCOMPARE(calibrationPerClass(*capped), (std::map<std::string, int>{{"carpet", 5},
                                                                           {"label", 5},
                                                                           {"mesh", 5},
                                                                           {"metal_plate", 5},
                                                                           {"nut", 5},
                                                                           {"pcb", 5}}));
        size_t groupScores = 0;
        for (const auto& g : capped->groups())
            groupScores += g.calibrationScores.size();
        QCOMPARE(groupScores, size_t(30));
        // The other images are embedded by the backbone alone, with the same embeddings as the
        // detector gives: the implicit classes are those of the model that calibrated everything.
        QCOMPARE(capped->groups().size(), m_patchcore->groups().size());
        for (size_t g = 0; g < capped->groups().size(); ++g) {
            QCOMPARE(capped->groups()[g].count, m_patchcore->groups()[g].count);
            QCOMPARE(capped->groups()[g].representative, m_patchcore->groups()[g].representative);
        }
        QCOMPARE(m_patchcore->info().calibrationImages, int(m_data.train.size()));
        const fs::path file = m_out.filePath("calcap.cada").toStdString();
        capped->save(file);
        QCOMPARE(Model::load(file)->config().maxCalibration, 30);
    }

    // Reverse Distillation holds out 20 % of the images (19 of 96) for calibration, stratified by
    // implicit group: every product type gets 3 or 4 (a plain random 20 % gave the types of the
    // 256 px demo set between 4 and 14 of 58), and none of them was fitted on.
    void heldOutCalibrationIsStratified()
    {
        const auto& info = m_revdist->info();
        QCOMPARE(info.calibrationMethod, std::string("held-out split"));
        QCOMPARE(info.calibrationImages, 19);
        QCOMPARE(info.trainImages, 96 - 19);
        for (const auto& [cls, count] : calibrationPerClass(*m_revdist))
            QVERIFY2(count == 3 || count == 4, qPrintable(QString::fromStdString(cls)));
        QCOMPARE(calibrationPerClass(*m_revdist).size(), size_t(6));
    }

    void implicitClassesFindTheProductTypes()
    {
        Progress p;
        const auto results = m_patchcore->score(m_data.testPaths(), {}, p);
        std::map<std::string, int> classId;
        std::vector<int> truth, found;
        int unknown = 0;
        for (size_t i = 0; i < results.size(); ++i) {
            classId.emplace(m_data.test[i].className, int(classId.size()));
            truth.push_back(classId[m_data.test[i].className]);
            found.push_back(results[i].group);
            unknown += results[i].unknownType;
        }
        const double ari = metrics::adjustedRandIndex(truth, found);
        qInfo("groups: k = %d, ARI %.3f, unknown type %d of %d", int(m_patchcore->groups().size()),
              ari, unknown, int(results.size()));
        QVERIFY(ari >= 0.9);
        // Defects are local: a defective image must not look like a type the model never saw.
        QVERIFY(unknown <= int(results.size()) / 10);
    }

    // The point of CADA: normal images of every type end up on one scale. The share of the
    // variance of normal test scores that is explained by the product type (eta squared) must
    // shrink from the raw to the aligned score.
    void cadaAlignsNormalScoresAcrossTypes_data() { addMethodRows(); }
    void cadaAlignsNormalScoresAcrossTypes()
    {
        QFETCH(int, method);
        const Model& model = modelFor(method);
        Progress p;
        const auto results = model.score(m_data.testPaths(), {}, p);
        std::map<std::string, std::vector<double>> raw, aligned;
        for (size_t i = 0; i < results.size(); ++i)
            if (m_data.test[i].label == io::Label::Normal) {
                raw[m_data.test[i].className].push_back(results[i].rawScore);
                aligned[m_data.test[i].className].push_back(results[i].score);
            }
        auto etaSquared = [](const std::map<std::string, std::vector<double>>& byType) {
            double sum = 0, n = 0;
            for (const auto& [t, v] : byType)
                for (double x : v) {
                    sum += x;
                    n += 1;
                }
            const double grand = sum / n;
            double between = 0, total = 0;
            for (const auto& [t, v] : byType) {
                double m = 0;
                for (double x : v)
                    m += x / double(v.size());
                between += double(v.size()) * (m - grand) * (m - grand);
                for (double x : v)
                    total += (x - grand) * (x - grand);
            }
            return between / total;
        };
        const double rawEta = etaSquared(raw), alignedEta = etaSquared(aligned);
        qInfo("%s: variance of normal scores explained by the type, raw %.3f, aligned %.3f",
              QTest::currentDataTag(), rawEta, alignedEta);
        QVERIFY(alignedEta < rawEta);
    }

    // DESIGN 2.3: defects are small and local, so a defective image keeps its type's normal
    // statistics. The same render with and without a defect (same product variation, same sensor
    // noise): the defect must not move the image's (u, gamma), which come from the calibration
    // normals it looks like, so it changes them only where it changes which normals those are.
    // Measured on this data: median change 0 for both detectors (17 and 37 of 40 pairs unchanged).
    void aDefectKeepsItsImageStatistics_data() { addMethodRows(); }
    void aDefectKeepsItsImageStatistics()
    {
        QFETCH(int, method);
        const Model& model = modelFor(method);
        QTemporaryDir dir;
        std::vector<fs::path> paths; // clean, defective, clean, defective, ...
        for (const auto& product : demo::demoClassNames())
            for (const auto& kind : demo::demoDefectKinds(product))
                for (std::uint32_t seed : {700u, 701u}) {
                    const auto sample = demo::renderSample(product, kind, seed, 64);
                    const auto stem = dir.filePath(QString("%1_%2_%3")
                                                       .arg(QString::fromStdString(product))
                                                       .arg(QString::fromStdString(kind))
                                                       .arg(seed))
                                          .toStdString();
                    paths.push_back(stem + "_clean.png");
                    QVERIFY(cv::imwrite(paths.back().string(), sample.cleanImage));
                    paths.push_back(stem + "_defect.png");
                    QVERIFY(cv::imwrite(paths.back().string(), sample.image));
                }
        Progress p;
        const auto results = model.score(paths, {}, p);
        int unchanged = 0;
        std::vector<double> change;
        for (size_t i = 0; i + 1 < results.size(); i += 2) {
            const auto &clean = results[i], &defect = results[i + 1];
            QVERIFY(clean.ok() && defect.ok());
            const double range = clean.gammaHat - clean.uHat;
            change.push_back(std::max(std::abs(defect.uHat - clean.uHat),
                                      std::abs(defect.gammaHat - clean.gammaHat)) /
                             range);
            unchanged += change.back() == 0.0;
        }
        std::sort(change.begin(), change.end());
        const double median = change[change.size() / 2];
        qInfo("%s: statistics unchanged by the defect for %d of %zu pairs; median change %.4f "
              "of gamma - u",
              QTest::currentDataTag(), unchanged, change.size(), median);
        QVERIFY2(median <= 0.005, qPrintable(QString::number(median)));
    }

    // Fresh normal images of two stationary products: without the spatial prior their maps peak
    // along the border (measured: 1.5 sd above the interior on carpet at 128 px), with it the
    // border is not systematically hotter than the interior.
    void spatialPriorFlattensNormalMaps()
    {
        QTemporaryDir dir;
        std::vector<fs::path> paths;
        for (const char* product : {"carpet", "mesh"})
            for (std::uint32_t seed = 500; seed < 508; ++seed) {
                const auto sample = demo::renderSample(product, "good", seed, 64);
                paths.push_back(
                    dir.filePath(QString("%1_%2.png").arg(product).arg(seed)).toStdString());
                QVERIFY(cv::imwrite(paths.back().string(), sample.image));
            }
        Progress p;
        const auto results = m_patchcore->score(paths, {}, p);
        const int band = 4;
        const cv::Rect interior(band, band, 64 - 2 * band, 64 - 2 * band);
        double excess = 0;
        for (const auto& r : results) {
            QVERIFY(r.ok());
            cv::Mat border = cv::Mat::ones(r.rawMap.size(), CV_8U);
            border(interior).setTo(0);
            cv::Scalar mean, sd;
            cv::meanStdDev(r.rawMap(interior), mean, sd);
            excess += (cv::mean(r.rawMap, border)[0] - mean[0]) / sd[0] / double(results.size());
        }
        qInfo("border minus interior of normal raw maps: %.2f interior sd", excess);
        QVERIFY2(std::abs(excess) < 0.5, qPrintable(QString::number(excess)));
    }

    void resultsAreComplete()
    {
        Progress p;
        const auto results = m_patchcore->score({m_data.test.front().path}, {}, p);
        const auto& r = results.front();
        QVERIFY(r.ok());
        QCOMPARE(r.rawMap.size(), cv::Size(64, 64));
        QVERIFY(r.gammaHat > r.uHat);
        QCOMPARE(r.score, Model::align(r.rawScore, r.uHat, r.gammaHat));
        double maxAligned = 0;
        cv::minMaxLoc(r.alignedMap, nullptr, &maxAligned);
        QVERIFY(std::abs(maxAligned - r.score) < 1e-4); // score = max of the aligned map
        QVERIFY(r.group >= 0);
    }

    void saveLoadScoreIdentical()
    {
        for (Model* model : {m_patchcore.get(), m_revdist.get()}) {
            const std::string path = m_out.filePath("m.cada").toStdString();
            model->save(path);
            const auto loaded = Model::load(path, "cpu");
            Progress p;
            const auto paths = m_data.testPaths();
            const auto a = model->score(paths, {}, p), b = loaded->score(paths, {}, p);
            for (size_t i = 0; i < a.size(); ++i) {
                QCOMPARE(b[i].rawScore, a[i].rawScore);
                QCOMPARE(b[i].score, a[i].score);
                QCOMPARE(b[i].group, a[i].group);
            }
            QCOMPARE(loaded->defaultThreshold(Alignment::Cada),
                     model->defaultThreshold(Alignment::Cada));
            QCOMPARE(loaded->groups().size(), model->groups().size());
        }
    }

    void largeFreedBuffersAreKeptForReuse()
    {
        // Once a model is trained or loaded, a large block (one stage of a batch of features) is
        // served from the heap and, when freed, kept for the next batch. glibc's default maps
        // every block above 32 MB afresh and unmaps it on free, so each batch page-faulted its
        // temporaries again (components/HeapTuning.h).
        const auto mappedBefore = mallinfo2().hblkhd;
        std::unique_ptr<char[]> block(new char[std::size_t(64) << 20]);
        block[0] = 1;
        QCOMPARE(mallinfo2().hblkhd, mappedBefore);
    }

    void damagedModelFilesGiveClearErrors()
    {
        const std::string good = m_out.filePath("good.cada").toStdString();
        m_patchcore->save(good);
        std::ifstream in(good, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        auto expectError = [&](const std::string& content, const char* name, const char* word) {
            const std::string path = m_out.filePath(name).toStdString();
            std::ofstream(path, std::ios::binary) << content;
            try {
                Model::load(path, "cpu");
                QFAIL("expected an error");
            } catch (const Error& e) {
                const std::string msg = e.what();
                QVERIFY2(msg.find(name) != std::string::npos && msg.find(word) != std::string::npos,
                         e.what());
            }
        };
        std::string flipped = bytes;
        flipped[flipped.size() / 2] ^= 0x5A;
        expectError(flipped, "flipped.cada", "damaged");
        expectError(bytes.substr(0, bytes.size() * 2 / 3), "cut.cada", "truncated");
        expectError("PK\x03\x04 some zip file", "foreign.cada", "not a CADA Inspect model");
        expectError("", "empty.cada", "is empty (0 bytes)");
    }

    void cancelLeavesNoFile()
    {
        const fs::path target = m_out.filePath("cancelled/model.cada").toStdString();
        fs::create_directories(target.parent_path());
        Progress* self = nullptr;
        int events = 0;
        Progress p([&](const ProgressEvent&) {
            if (++events == 40)
                self->cancel();
        });
        self = &p;
        QVERIFY_THROWS_EXCEPTION(Cancelled,
                                 Model::train(m_data.train, smallConfig(Method::RevDist), p));
        QVERIFY(fs::is_empty(target.parent_path()));
    }

    // More forced groups than images is refused while the images are loaded, before any backbone
    // pass: the user learns it at once, not after the slow part of training.
    void tooManyForcedGroupsFailBeforeTraining()
    {
        TrainConfig c = smallConfig(Method::PatchCore);
        c.forcedGroups = int(m_data.train.size()) + 1;
        std::vector<std::string> stages;
        Progress p([&](const ProgressEvent& e) {
            if (stages.empty() || stages.back() != e.stage)
                stages.push_back(e.stage);
        });
        try {
            Model::train(m_data.train, c, p);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains(QString("into %1 groups").arg(c.forcedGroups)),
                     e.what());
        }
        QCOMPARE(stages, std::vector<std::string>{"Loading images"});
    }

    void badImagesAreReportedNotFatal()
    {
        const std::string bad = m_out.filePath("bad.png").toStdString();
        std::ofstream(bad) << "not an image";
        std::vector<fs::path> paths{m_data.test.front().path, bad};
        Progress p;
        const auto results = m_patchcore->score(paths, {}, p);
        QVERIFY(results[0].ok());
        QVERIFY(!results[1].ok());
        QVERIFY(results[1].error.find("bad.png") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TstModel)
#include "tst_model.moc"
