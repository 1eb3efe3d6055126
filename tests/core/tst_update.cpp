// Model::update: a new type and false alarms taught to a trained model, its lineage, the memory
// bank's growth and cap, groups kept stable, cancel and missing files.
// This translation unit includes torch, so Qt's keywords are off (QT_NO_KEYWORDS: Q_SLOTS).
#include <torch/torch.h>

#include <QCryptographicHash>
#include <QFile>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>

#include "DemoFixture.h"
#include "cada/Error.h"
#include "cada/model/Model.h"
#include "model/TensorArchive.h"

using namespace cada;
namespace fs = std::filesystem;

namespace {

constexpr int kSize = 64;
const std::string kNewType = "pcb"; // left out of the base model

// Computed here with Qt, independently of the core's SHA-256.
std::string sha256Of(const fs::path& path)
{
    QFile f(QString::fromStdString(path.string()));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex().toStdString();
}

TrainConfig smallConfig()
{
    TrainConfig c;
    c.imageSize = kSize;
    c.device = "cpu";
    c.seed = 3;
    return c;
}

} // namespace

class TstUpdate : public QObject {
    Q_OBJECT

    DemoFixture m_data{kSize, 8, 11};
    QTemporaryDir m_out;
    std::vector<TrainingImage> m_old, m_new; // training images of the base's types, of the new one
    fs::path m_base;
    std::unique_ptr<Model> m_baseModel;

    fs::path out(const std::string& name) const
    {
        return m_out.filePath(name.c_str()).toStdString();
    }

    // The base model file with its header changed by `edit`.
    fs::path editedBase(const std::string& name, const std::function<void(nlohmann::json&)>& edit)
    {
        auto archive = TensorArchive::load(m_base);
        edit(archive.meta());
        archive.save(out(name));
        return out(name);
    }

    static std::unique_ptr<Model> update(const fs::path& base,
                                         const std::vector<TrainingImage>& added,
                                         UpdateReason reason = UpdateReason::NewType)
    {
        UpdateOptions o;
        o.reason = reason;
        o.reviewer = "tester";
        o.device = "cpu";
        Progress p;
        return Model::update(base, added, o, p);
    }

    std::map<std::string, double> rawScores(const Model& model) const
    {
        std::map<std::string, double> s;
        for (const auto& r : model.calibration())
            s[r.path] = r.rawScore;
        return s;
    }

  private Q_SLOTS:
    void initTestCase()
    {
        for (const auto& t : m_data.train)
            (t.className == kNewType ? m_new : m_old).push_back(t);
        QCOMPARE(int(m_new.size()), 8);
        Progress p;
        m_base = out("base.cada");
        m_baseModel = Model::train(m_old, smallConfig(), p);
        m_baseModel->save(m_base);
    }

    // The new type's patches join the bank (a coreset of the same ratio), its images form one new
    // group, old groups keep ids and names, and the lineage names the parent file and the images.
    void newTypeGrowsTheBankAndFormsAGroup()
    {
        const std::string parentHash = sha256Of(m_base);
        const auto updated = update(m_base, m_new);
        const auto& before = m_baseModel->info();
        const auto& info = updated->info();

        // 64 px: patch features at stride 4 give 16 x 16 patches per image; coreset 10 %.
        const std::int64_t perImage = (kSize / 4) * (kSize / 4);
        QCOMPARE(before.bankPatches, std::llround(0.1 * double(m_old.size() * perImage)));
        QCOMPARE(info.bankPatches - before.bankPatches,
                 std::llround(0.1 * double(m_new.size() * perImage)));
        QCOMPARE(info.trainImages, before.trainImages + 8);
        QCOMPARE(info.calibrationImages, before.calibrationImages + 8);
        QCOMPARE(int(info.fitImages.size()), info.trainImages);

        QCOMPARE(info.version, 2);
        QCOMPARE(info.parentSha256, parentHash);
        QCOMPARE(int(info.history.size()), 1);
        const auto& u = info.history.front();
        QCOMPARE(u.parentSha256, parentHash);
        QCOMPARE(std::filesystem::path(u.parentPath),
                 std::filesystem::absolute(m_base).lexically_normal());
        QVERIFY(u.reason == UpdateReason::NewType);
        QCOMPARE(u.reviewer, std::string("tester"));
        QCOMPARE(int(u.added.size()), 8);
        for (size_t i = 0; i < m_new.size(); ++i) {
            QCOMPARE(u.added[i].path, m_new[i].path.string());
            QCOMPARE(u.added[i].sha256, sha256Of(m_new[i].path));
        }

        // Leave-self-out owners of the new calibration records follow the old fit ids.
        const auto& cal = updated->calibration();
        for (size_t i = 0; i < 8; ++i)
            QCOMPARE(cal[size_t(before.calibrationImages) + i].owner,
                     std::int64_t(before.trainImages) + std::int64_t(i));

        const auto& oldGroups = m_baseModel->groups();
        const auto& groups = updated->groups();
        QCOMPARE(groups.size(), oldGroups.size() + 1);
        int grown = 0;
        for (size_t g = 0; g < oldGroups.size(); ++g) {
            QCOMPARE(groups[g].id, oldGroups[g].id);
            QCOMPARE(groups[g].name, oldGroups[g].name);
            grown += groups[g].count - oldGroups[g].count;
        }
        const auto& fresh = groups.back();
        QCOMPARE(fresh.id, int(oldGroups.size()));
        QCOMPARE(fresh.name, "Group " + std::to_string(oldGroups.size() + 1));
        QVERIFY2(fresh.count >= 6, std::to_string(fresh.count).c_str()); // most of the 8 images
        QCOMPARE(fresh.count + grown, 8);

        // Old calibration images keep their raw scores: the new type's patches are far from theirs.
        const auto a = rawScores(*m_baseModel), b = rawScores(*updated);
        double worst = 0;
        for (const auto& [path, s] : a)
            worst = std::max(worst, std::abs(b.at(path) - s) / std::max(1e-9, std::abs(s)));
        QVERIFY2(worst < 0.05, std::to_string(worst).c_str());

        // The saved file loads with its lineage.
        updated->save(out("v2.cada"));
        const auto loaded = Model::load(out("v2.cada"), "cpu");
        QCOMPARE(loaded->info().version, 2);
        QCOMPARE(loaded->info().history.front().added.back().sha256, u.added.back().sha256);
        QCOMPARE(loaded->calibration().back().owner, cal.back().owner);
        QCOMPARE(loaded->groups().back().name, fresh.name);
    }

    // A normal image the model flags most: after teaching it, it scores below the threshold.
    void aTaughtFalseAlarmIsNoLongerFlagged()
    {
        std::vector<fs::path> normals;
        for (const auto& r : m_data.test)
            if (r.defectType == "good" && r.className != kNewType)
                normals.push_back(r.path);
        ScoreOptions so;
        so.keepMaps = false;
        Progress p;
        const auto before = m_baseModel->score(normals, so, p);
        const auto worst = std::max_element(before.begin(), before.end(),
                                            [](auto& a, auto& b) { return a.score < b.score; });
        const auto updated = update(m_base, {{worst->path, ""}}, UpdateReason::FalseAlarms);
        const auto after = updated->score({worst->path}, so, p).front();
        QVERIFY2(after.score < updated->defaultThreshold(Alignment::Cada),
                 (std::to_string(worst->score) + " -> " + std::to_string(after.score)).c_str());
        QVERIFY(after.score < worst->score);
        QVERIFY(updated->info().history.front().reason == UpdateReason::FalseAlarms);
    }

    // A capped bank stays at its cap; the new type's patches win places (they are the farthest).
    void aCappedBankStaysWithinItsCap()
    {
        auto c = smallConfig();
        c.maxBank = 64;
        Progress p;
        const auto base = Model::train(m_old, c, p);
        QCOMPARE(base->info().bankPatches, std::int64_t(64));
        base->save(out("capped.cada"));
        const auto updated = update(out("capped.cada"), m_new);
        QCOMPARE(updated->info().bankPatches, std::int64_t(64));
        std::vector<fs::path> newPaths;
        for (const auto& t : m_new)
            newPaths.push_back(t.path);
        ScoreOptions so;
        so.keepMaps = false;
        so.alignment = Alignment::None;
        const auto b = base->score(newPaths, so, p), a = updated->score(newPaths, so, p);
        for (size_t i = 0; i < newPaths.size(); ++i)
            QVERIFY(a[i].rawScore < b[i].rawScore);
    }

    void cancelLeavesTheBaseUntouched()
    {
        const std::string hash = sha256Of(m_base);
        UpdateOptions o;
        o.device = "cpu";
        Progress p([&](const ProgressEvent& e) {
            if (e.stage == "Calibrating")
                p.cancel();
        });
        QVERIFY_THROWS_EXCEPTION(Cancelled, Model::update(m_base, m_new, o, p));
        QCOMPARE(sha256Of(m_base), hash);
    }

    void aMissingOrDamagedCalibrationImageIsNamed()
    {
        const std::string damaged = out("damaged.png");
        {
            QFile f(QString::fromStdString(damaged));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a png");
        }
        for (const std::string& path : {std::string("/nonexistent/gone.png"), damaged}) {
            const auto file = editedBase("badcal.cada", [&](nlohmann::json& meta) {
                meta["calibration"][3]["path"] = path;
            });
            try {
                update(file, m_new);
                QFAIL("the update went on without a calibration image");
            } catch (const Error& e) {
                const std::string what = e.what();
                QVERIFY2(what.find(path) != std::string::npos &&
                             what.find("calibration image") != std::string::npos,
                         what.c_str());
            }
        }
    }

    // Files from before owners were recorded: the owner is the index when every fitted image was
    // calibrated; otherwise the update is refused with the reason.
    void olderModelFilesWithoutOwners()
    {
        const auto noOwners = [](nlohmann::json& meta) {
            for (auto& r : meta["calibration"])
                r.erase("owner");
        };
        const auto ok = editedBase("old.cada", noOwners);
        QCOMPARE(update(ok, m_new)->info().bankPatches, update(m_base, m_new)->info().bankPatches);
        const auto sampled = editedBase("sampled.cada", [&](nlohmann::json& meta) {
            noOwners(meta);
            meta["info"]["train_images"] = 100;
        });
        try {
            update(sampled, m_new);
            QFAIL("an older model with a calibration sample was updated");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("Re-train") != std::string::npos, e.what());
        }
    }

    void anImageAlreadyInTheModelIsRefused()
    {
        QVERIFY_THROWS_EXCEPTION(Error, update(m_base, {m_old.front()}));
    }

    // Reverse Distillation: a short fine-tune on old and new normals; a held-out share of the new
    // images is calibrated. Models that did not record their fit images are refused.
    void reverseDistillationFineTunes()
    {
        auto c = smallConfig();
        c.method = Method::RevDist;
        c.epochs = 3;
        Progress p;
        const auto base = Model::train(m_old, c, p);
        base->save(out("rd.cada"));
        UpdateOptions o;
        o.device = "cpu";
        o.epochs = 2;
        const auto updated = Model::update(out("rd.cada"), m_new, o, p);
        const auto& b = base->info();
        const auto& a = updated->info();
        // 8 new images, 20 % held out: 2 calibrated, 6 fitted.
        QCOMPARE(a.calibrationImages, b.calibrationImages + 2);
        QCOMPARE(a.trainImages, b.trainImages + 6);
        QCOMPARE(updated->calibration().back().owner, CalibrationRecord::kHeldOut);

        auto archive = TensorArchive::load(out("rd.cada"));
        archive.meta()["info"].erase("fit_images");
        archive.save(out("rd-old.cada"));
        try {
            Model::update(out("rd-old.cada"), m_new, o, p);
            QFAIL("an RD model without its fit images was updated");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("fine-tuning") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TstUpdate)
#include "tst_update.moc"
