// The dataset scanner on generated MVTec AD, VisA and plain-folder trees.
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>

#include <opencv2/imgcodecs.hpp>

#include "cada/Error.h"
#include "cada/io/Dataset.h"

namespace fs = std::filesystem;
using namespace cada::io;

namespace {

void writeImage(const fs::path& p)
{
    fs::create_directories(p.parent_path());
    QVERIFY(cv::imwrite(p.string(), cv::Mat(8, 8, CV_8UC3, cv::Scalar(1, 2, 3))));
}

const DatasetRecord* find(const Dataset& ds, const std::string& rel)
{
    for (const auto& r : ds.records)
        if (r.relativePath == rel)
            return &r;
    return nullptr;
}

} // namespace

class TstDataset : public QObject {
    Q_OBJECT
  private slots:
    void mvtecTree()
    {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        for (const char* cls : {"bottle", "carpet"}) {
            writeImage(root / cls / "train/good/000.png");
            writeImage(root / cls / "train/good/001.png");
            writeImage(root / cls / "test/good/000.png");
            writeImage(root / cls / "test/crack/000.png");
            writeImage(root / cls / "ground_truth/crack/000_mask.png");
        }
        writeImage(root / "carpet/test/hole/007.png"); // mask missing on purpose
        std::ofstream(root / "license.txt") << "not a class";

        QCOMPARE(detectLayout(root), Layout::MVTec);
        const Dataset ds = scanDataset(root);
        QCOMPARE(ds.layout, Layout::MVTec);
        QCOMPARE(ds.records.size(), size_t(9));
        QCOMPARE(ds.classes(), (std::vector<std::string>{"bottle", "carpet"}));
        QCOMPARE(ds.select(Split::Train).size(), size_t(4));

        const auto* crack = find(ds, "carpet/test/crack/000.png");
        QVERIFY(crack);
        QCOMPARE(crack->className, std::string("carpet"));
        QCOMPARE(crack->split, Split::Test);
        QCOMPARE(crack->label, Label::Anomalous);
        QCOMPARE(crack->defectType, std::string("crack"));
        QCOMPARE(crack->maskPath, fs::absolute(root / "carpet/ground_truth/crack/000_mask.png"));
        const auto* good = find(ds, "bottle/test/good/000.png");
        QVERIFY(good && good->label == Label::Normal && good->maskPath.empty());

        // Training uses the normal training images only: 2 classes x 2 in train/good.
        const auto normals = ds.normalTrainingRecords();
        QCOMPARE(normals.size(), size_t(4));
        for (const auto& r : normals)
            QVERIFY(r.split == Split::Train && r.label == Label::Normal);

        QCOMPARE(ds.problems.size(), size_t(1));
        QVERIFY(ds.problems[0].reason.find("mask") != std::string::npos);
        QVERIFY(ds.problems[0].path.string().find("007.png") != std::string::npos);
        QVERIFY(!ds.problems[0].skipped); // a note: the image itself is a record, still scored
        QVERIFY(find(ds, "carpet/test/hole/007.png"));

        // A single class folder works as a root too.
        const Dataset one = scanDataset(root / "bottle");
        QCOMPARE(one.records.size(), size_t(4));
        QCOMPARE(one.classes(), (std::vector<std::string>{"bottle"}));
        QVERIFY(find(one, "train/good/000.png"));
    }

    void visaCsv()
    {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        writeImage(root / "candle/Data/Images/Normal/0000.JPG");
        writeImage(root / "candle/Data/Images/Anomaly/0001.JPG");
        writeImage(root / "candle/Data/Masks/Anomaly/0001.png");
        fs::create_directories(root / "split_csv");
        std::ofstream(root / "split_csv/1cls.csv")
            << "object,split,label,image,mask\n"
            << "candle,train,normal,candle/Data/Images/Normal/0000.JPG,\n"
            << "candle,test,anomaly,candle/Data/Images/Anomaly/0001.JPG,candle/Data/Masks/Anomaly/"
               "0001.png\n"
            << "candle,test,normal,candle/Data/Images/Normal/9999.JPG,\n";
        const Dataset ds = scanDataset(root);
        QCOMPARE(ds.layout, Layout::VisA);
        QCOMPARE(ds.records.size(), size_t(2));
        QCOMPARE(ds.records[1].label, Label::Anomalous);
        QCOMPARE(ds.records[1].split, Split::Test);
        QCOMPARE(ds.records[1].className, std::string("candle"));
        QVERIFY(!ds.records[1].maskPath.empty());
        QCOMPARE(ds.records[0].split, Split::Train);
        QCOMPARE(ds.problems.size(), size_t(1)); // the row naming a missing image
        QVERIFY(ds.problems[0].reason.find("line 4") != std::string::npos);
        QVERIFY(ds.problems[0].skipped);
    }

    // A VisA row naming a path outside the root (../, absolute) is refused, never read or used
    // to name an output; a split file that is a FIFO is refused instead of blocking the scan.
    void visaPathsStayInsideTheRoot()
    {
        QTemporaryDir tmp;
        const fs::path root = fs::path(tmp.path().toStdString()) / "visa";
        writeImage(root / "candle/0000.png");
        writeImage(fs::path(tmp.path().toStdString()) / "outside.png");
        fs::create_directories(root / "split_csv");
        std::ofstream(root / "split_csv/1cls.csv")
            << "object,split,label,image,mask\n"
            << "candle,test,normal,candle/0000.png,\n"
            << "candle,test,normal,../outside.png,\n"
            << "candle,test,normal," << (fs::path(tmp.path().toStdString()) / "outside.png").string()
            << ",\n"
            << "candle,test,anomaly,candle/0000.png,../outside.png\n";
        const Dataset ds = scanDataset(root, Layout::VisA);
        QCOMPARE(ds.records.size(), size_t(2));
        for (const auto& r : ds.records)
            QCOMPARE(r.relativePath, std::string("candle/0000.png"));
        QVERIFY(ds.records[1].maskPath.empty());
        QCOMPARE(ds.problems.size(), size_t(3));
        QVERIFY(ds.problems[0].reason.find("outside the dataset folder") != std::string::npos);
        QVERIFY(ds.problems[1].reason.find("outside the dataset folder") != std::string::npos);
        QVERIFY(ds.problems[2].reason.find("outside the dataset folder") != std::string::npos);

        fs::remove(root / "split_csv/1cls.csv");
        QCOMPARE(::mkfifo((root / "split_csv/1cls.csv").c_str(), 0600), 0);
        try {
            scanDataset(root, Layout::VisA);
            QFAIL("a FIFO split file was read");
        } catch (const cada::Error& e) {
            QVERIFY2(std::string(e.what()).find("FIFO") != std::string::npos, e.what());
        }
    }

    void plainFolderRecursiveSortedHiddenSkippedLoopSafe()
    {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        writeImage(root / "b/z.PNG");
        writeImage(root / "a/y.jpg");
        writeImage(root / "a/deeper/x.TIFF");
        writeImage(root / ".hidden/w.png");
        writeImage(root / "a/.v.png");
        std::ofstream(root / "a/readme.txt") << "x";
        fs::create_directory_symlink(root, root / "a/loop"); // points back to the root
        fs::create_symlink(root / "missing.png", root / "broken.png");
        const Dataset ds = scanDataset(root);
        QCOMPARE(ds.layout, Layout::Folder);
        std::vector<std::string> rel;
        for (const auto& r : ds.records)
            rel.push_back(r.relativePath);
        QCOMPARE(rel, (std::vector<std::string>{"a/deeper/x.TIFF", "a/y.jpg", "b/z.PNG"}));
        QVERIFY(ds.records[0].className.empty());
        QCOMPARE(ds.normalTrainingRecords().size(), ds.records.size()); // a plain folder: all of it
        QCOMPARE(ds.records[0].label, Label::Unknown);
        bool brokenReported = false;
        for (const auto& p : ds.problems)
            brokenReported |= p.reason.find("broken") != std::string::npos;
        QVERIFY(brokenReported);
        // Same tree, same order, every time.
        const Dataset again = scanDataset(root);
        QCOMPARE(again.records.size(), ds.records.size());
    }

    void forcedLayoutAndBadRoots()
    {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        writeImage(root / "img.png");
        QVERIFY_THROWS_EXCEPTION(cada::Error, scanDataset(root, Layout::MVTec));
        QCOMPARE(scanDataset(root, Layout::Folder).records.size(), size_t(1));
        try {
            scanDataset(root / "absent");
            QFAIL("expected an error");
        } catch (const cada::Error& e) {
            QVERIFY(std::string(e.what()).find("absent") != std::string::npos);
        }
        QVERIFY_THROWS_EXCEPTION(cada::Error, scanDataset(root / "img.png"));
        QVERIFY_THROWS_EXCEPTION(cada::Error, parseLayout("coco"));
        QCOMPARE(parseLayout("MVTec"), Layout::MVTec);
    }
};

QTEST_APPLESS_MAIN(TstDataset)
#include "tst_dataset.moc"
