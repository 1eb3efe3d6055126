// Tests of the synthetic demo data generator: determinism, MVTec AD layout, pixel-exact masks,
// the deliberately odd file formats, error handling, the spread of texture energy and stains that
// stand out from the texture around them.
//
// Core headers come before Qt's: Qt defines `emit` as an empty macro, which would break
// cada::Progress's private emit() member.
#include "cada/Error.h"
#include "cada/Progress.h"
#include "cada/demo/DemoData.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace cada::demo;

namespace {

DemoOptions smallOptions(std::uint32_t seed)
{
    DemoOptions options;
    options.seed = seed;
    options.size = 64;
    options.perClass = 4;
    return options;
}

// SHA-256 over the sorted relative paths and the bytes of every file below `root`.
QByteArray treeHash(const QString& root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(root).relativeFilePath(it.next());
    files.sort();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString& rel : files) {
        hash.addData(rel.toUtf8());
        QFile file(QDir(root).filePath(rel));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        hash.addData(file.readAll());
    }
    return hash.result();
}

QStringList entries(const QString& dir, QDir::Filters filters)
{
    return QDir(dir).entryList(filters | QDir::NoDotAndDotDot, QDir::Name);
}

cv::Mat readImage(const QString& path, int flags = cv::IMREAD_COLOR)
{
    return cv::imread(path.toStdString(), flags);
}

// Mean over the image of the 7x7 local standard deviation of the grey values.
double textureEnergy(const cv::Mat& bgr)
{
    cv::Mat grey, mean, meanSq;
    cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
    grey.convertTo(grey, CV_32F);
    cv::blur(grey, mean, cv::Size(7, 7));
    cv::blur(grey.mul(grey), meanSq, cv::Size(7, 7));
    cv::Mat variance = cv::max(meanSq - mean.mul(mean), 0.0);
    cv::sqrt(variance, variance);
    return cv::mean(variance)[0];
}

// How far a defect stands out from the texture around it: the distance between the mean CIE-Lab
// colour inside the mask and in a ring around it, over the ring's own Lab standard deviation.
double contrastToSurroundings(const cv::Mat& bgr, const cv::Mat& mask)
{
    const int r = std::max(3, bgr.rows / 32);
    cv::Mat ring;
    cv::dilate(mask, ring,
               cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2 * r + 1, 2 * r + 1)));
    ring &= (mask == 0);
    cv::Mat lab;
    bgr.convertTo(lab, CV_32FC3, 1.0 / 255.0);
    cv::cvtColor(lab, lab, cv::COLOR_BGR2Lab);
    cv::Scalar inMean, ringMean, ringSd;
    inMean = cv::mean(lab, mask);
    cv::meanStdDev(lab, ringMean, ringSd, ring);
    const double sd = std::sqrt(ringSd.dot(ringSd));
    return cv::norm(cv::Vec3d(inMean[0] - ringMean[0], inMean[1] - ringMean[1],
                              inMean[2] - ringMean[2])) /
           std::max(sd, 1e-3);
}

} // namespace

class TestDemoData : public QObject {
    Q_OBJECT

  private slots:
    void sameSeedGivesIdenticalFiles();
    void layoutFollowsMvtec();
    void summaryCountsMatchFiles();
    void masksCoverExactlyTheChangedPixels_data();
    void masksCoverExactlyTheChangedPixels();
    void goodSamplesHaveNoDefect();
    void oddFormatsArePresent();
    void invalidOptionsThrow();
    void cancelledProgressStops();
    void progressCountsEveryImage();
    void classesDifferInTextureEnergy();
    void normalsVaryWithinAClass();
    void stainsStandOutFromTheTexture();
};

void TestDemoData::sameSeedGivesIdenticalFiles()
{
    QTemporaryDir a, b, c;
    QVERIFY(a.isValid() && b.isValid() && c.isValid());
    generateDemoData(a.path().toStdString(), smallOptions(3));
    generateDemoData(b.path().toStdString(), smallOptions(3));
    generateDemoData(c.path().toStdString(), smallOptions(4));
    const QByteArray hashA = treeHash(a.path());
    QVERIFY(!hashA.isEmpty());
    QCOMPARE(hashA, treeHash(b.path()));
    QVERIFY(hashA != treeHash(c.path()));
}

void TestDemoData::layoutFollowsMvtec()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const DemoOptions options = smallOptions(5);
    generateDemoData(dir.path().toStdString(), options);

    const std::vector<std::string> classes = demoClassNames();
    QVERIFY(classes.size() >= 6);
    QVERIFY(QFile::exists(dir.filePath("README.txt")));
    for (const std::string& cls : classes) {
        const QString root = dir.filePath(QString::fromStdString(cls));
        QCOMPARE(entries(root + "/train", QDir::Dirs), QStringList{"good"});
        QCOMPARE(entries(root + "/train/good", QDir::Files).size(), options.perClass);
        QCOMPARE(entries(root + "/test/good", QDir::Files).size(), 2);

        QStringList defects = entries(root + "/test", QDir::Dirs);
        defects.removeAll("good");
        QVERIFY2(defects.size() >= 2, qPrintable(QString::fromStdString(cls)));
        QCOMPARE(entries(root + "/ground_truth", QDir::Dirs), defects);
        for (const QString& defect : defects) {
            const QStringList images = entries(root + "/test/" + defect, QDir::Files);
            QVERIFY(!images.isEmpty());
            QCOMPARE(entries(root + "/ground_truth/" + defect, QDir::Files).size(), images.size());
            for (const QString& name : images) {
                const cv::Mat image = readImage(root + "/test/" + defect + "/" + name);
                const QString maskPath = root + "/ground_truth/" + defect + "/" +
                                         QFileInfo(name).completeBaseName() + "_mask.png";
                const cv::Mat mask = readImage(maskPath, cv::IMREAD_UNCHANGED);
                QVERIFY2(!image.empty() && !mask.empty(), qPrintable(maskPath));
                QCOMPARE(image.rows, options.size);
                QCOMPARE(image.cols, options.size);
                QCOMPARE(mask.type(), CV_8UC1);
                QCOMPARE(mask.size(), image.size());
                QVERIFY2(cv::countNonZero(mask) > 0, qPrintable(maskPath));
                // Binary 0/255 masks, as MVTec AD stores them.
                QCOMPARE(cv::countNonZero(mask == 0) + cv::countNonZero(mask == 255),
                         int(mask.total()));
            }
        }
    }
}

void TestDemoData::summaryCountsMatchFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DemoOptions options = smallOptions(6);
    options.perClass = 10;
    const DemoSummary summary = generateDemoData(dir.path().toStdString(), options);
    const int classes = int(demoClassNames().size());
    QCOMPARE(int(summary.classes.size()), classes);
    QCOMPARE(summary.trainImages, classes * 10);
    QCOMPARE(summary.testGood, classes * 2);      // max(2, 10 / 4)
    QCOMPARE(summary.testDefective, classes * 5); // max(4, 10 / 2)
    QVERIFY(summary.defectKinds.size() >= 5);

    int testFiles = 0;
    QDirIterator it(dir.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        testFiles += it.next().contains("/test/");
    QCOMPARE(testFiles, summary.testGood + summary.testDefective);
}

void TestDemoData::masksCoverExactlyTheChangedPixels_data()
{
    QTest::addColumn<QString>("productClass");
    QTest::addColumn<QString>("defect");
    for (const std::string& cls : demoClassNames())
        for (const std::string& defect : demoDefectKinds(cls))
            QTest::newRow((cls + "/" + defect).c_str())
                << QString::fromStdString(cls) << QString::fromStdString(defect);
}

void TestDemoData::masksCoverExactlyTheChangedPixels()
{
    QFETCH(QString, productClass);
    QFETCH(QString, defect);
    for (std::uint32_t seed = 0; seed < 12; ++seed) {
        const int size = seed % 3 == 0 ? 128 : 64;
        const DemoSample s =
            renderSample(productClass.toStdString(), defect.toStdString(), seed, size);
        QCOMPARE(s.image.type(), CV_8UC3);
        QCOMPARE(s.cleanImage.size(), s.image.size());
        QCOMPARE(s.mask.type(), CV_8UC1);
        QCOMPARE(s.mask.size(), s.image.size());

        cv::Mat diff;
        cv::absdiff(s.image, s.cleanImage, diff);
        cv::transform(diff, diff, cv::Matx13f(1.f, 1.f, 1.f));
        const cv::Mat changed = diff > 0;
        const cv::Mat changedOutside = changed & (s.mask == 0);
        const int maskArea = cv::countNonZero(s.mask);
        const int changedArea = cv::countNonZero(changed);
        const QByteArray where = QStringLiteral("seed %1: mask %2 px, changed %3 px")
                                     .arg(seed)
                                     .arg(maskArea)
                                     .arg(changedArea)
                                     .toUtf8();
        QVERIFY2(maskArea > 0, where.constData());
        QVERIFY2(cv::countNonZero(changedOutside) == 0, where.constData());
        QVERIFY2(changedArea >= 0.3 * maskArea, where.constData());
    }
}

void TestDemoData::goodSamplesHaveNoDefect()
{
    for (const std::string& cls : demoClassNames()) {
        const DemoSample s = renderSample(cls, "good", 17, 64);
        QCOMPARE(cv::countNonZero(s.mask), 0);
        cv::Mat diff;
        cv::absdiff(s.image, s.cleanImage, diff);
        QCOMPARE(cv::countNonZero(diff.reshape(1)), 0);
    }
}

void TestDemoData::oddFormatsArePresent()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    generateDemoData(dir.path().toStdString(), smallOptions(8));

    QStringList all;
    QDirIterator it(dir.path(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        all << it.next();
    auto findOne = [&](const QString& suffix) {
        const QStringList hits =
            all.filter(QRegularExpression("/train/good/\\d{3}\\." + suffix + "$"));
        return hits.size() == 1 ? hits.first() : QString();
    };

    const QString jpg = findOne("jpg");
    QVERIFY(!jpg.isEmpty());
    QCOMPARE(readImage(jpg).channels(), 3);

    const QString tiff = findOne("tiff");
    QVERIFY(!tiff.isEmpty());
    const cv::Mat wide = readImage(tiff, cv::IMREAD_UNCHANGED);
    QCOMPARE(wide.depth(), CV_16U);
    QCOMPARE(wide.channels(), 3);
    // 8-bit values scaled by 257, so every sample is a multiple of 257.
    cv::Mat wide32;
    wide.reshape(1).convertTo(wide32, CV_32S);
    for (int i = 0; i < int(wide32.total()); i += 97)
        QCOMPARE(wide32.at<int>(i) % 257, 0);

    const QString bmp = findOne("bmp");
    QVERIFY(!bmp.isEmpty());
    QCOMPARE(readImage(bmp, cv::IMREAD_UNCHANGED).channels(), 3);

    int greyPngs = 0;
    for (const QString& path : all.filter(QRegularExpression("/train/good/\\d{3}\\.png$")))
        greyPngs += readImage(path, cv::IMREAD_UNCHANGED).channels() == 1;
    QCOMPARE(greyPngs, 1);

    // The odd formats sit in train/good only; the test set and masks stay PNG.
    for (const QString& path : all)
        if (path.contains("/test/") || path.contains("/ground_truth/"))
            QVERIFY2(path.endsWith(".png"), qPrintable(path));
}

void TestDemoData::invalidOptionsThrow()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DemoOptions tooSmall = smallOptions(1);
    tooSmall.size = 10;
    QVERIFY_THROWS_EXCEPTION(cada::Error, generateDemoData(dir.path().toStdString(), tooSmall));
    DemoOptions tooLarge = smallOptions(1);
    tooLarge.size = 4096;
    QVERIFY_THROWS_EXCEPTION(cada::Error, generateDemoData(dir.path().toStdString(), tooLarge));
    DemoOptions noImages = smallOptions(1);
    noImages.perClass = 0;
    QVERIFY_THROWS_EXCEPTION(cada::Error, generateDemoData(dir.path().toStdString(), noImages));
    QVERIFY(entries(dir.path(), QDir::AllEntries).isEmpty()); // validated before writing

    QVERIFY_THROWS_EXCEPTION(cada::Error, renderSample("no_such_class", "good", 1, 64));
    QVERIFY_THROWS_EXCEPTION(cada::Error, renderSample("carpet", "no_such_defect", 1, 64));
    QVERIFY_THROWS_EXCEPTION(cada::Error, renderSample("carpet", "good", 1, 32));

    // A regular file where the output folder should be: a cada::Error naming the path.
    const QString blocker = dir.filePath("blocker");
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    try {
        generateDemoData((blocker + "/out").toStdString(), smallOptions(1));
        QFAIL("expected cada::Error");
    } catch (const cada::Error& e) {
        QVERIFY2(QString(e.what()).contains("blocker"), e.what());
    }
}

void TestDemoData::cancelledProgressStops()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    cada::Progress cancelledBefore;
    cancelledBefore.cancel();
    QVERIFY_THROWS_EXCEPTION(cada::Cancelled, generateDemoData(dir.path().toStdString(),
                                                               smallOptions(1), &cancelledBefore));

    // Cancelling mid-way stops at the next image.
    cada::Progress* self = nullptr;
    std::int64_t lastDone = 0;
    cada::Progress midway([&](const cada::ProgressEvent& e) {
        lastDone = e.done;
        if (e.done == 5)
            self->cancel();
    });
    self = &midway;
    QVERIFY_THROWS_EXCEPTION(cada::Cancelled,
                             generateDemoData(dir.path().toStdString(), smallOptions(1), &midway));
    QCOMPARE(lastDone, std::int64_t(5));
}

void TestDemoData::progressCountsEveryImage()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::int64_t total = -1, done = 0;
    std::string stage;
    cada::Progress progress([&](const cada::ProgressEvent& e) {
        total = e.total;
        done = e.done;
        stage = e.stage;
    });
    const DemoSummary summary =
        generateDemoData(dir.path().toStdString(), smallOptions(2), &progress);
    const int images = summary.trainImages + summary.testGood + summary.testDefective;
    QCOMPARE(total, std::int64_t(images));
    QCOMPARE(done, std::int64_t(images));
    QCOMPARE(QString::fromStdString(stage), QStringLiteral("Writing demo data"));
}

void TestDemoData::classesDifferInTextureEnergy()
{
    // The point of the generator: anomaly-score scales differ strongly between product types.
    double smoothest = 1e9, busiest = 0.0;
    QString smoothestName, busiestName;
    for (const std::string& cls : demoClassNames()) {
        double energy = 0.0;
        for (std::uint32_t seed = 0; seed < 4; ++seed)
            energy += textureEnergy(renderSample(cls, "good", 100 + seed, 128).image) / 4.0;
        if (energy < smoothest) {
            smoothest = energy;
            smoothestName = QString::fromStdString(cls);
        }
        if (energy > busiest) {
            busiest = energy;
            busiestName = QString::fromStdString(cls);
        }
    }
    const QByteArray what = QStringLiteral("%1 %2 vs %3 %4")
                                .arg(smoothestName)
                                .arg(smoothest)
                                .arg(busiestName)
                                .arg(busiest)
                                .toUtf8();
    QVERIFY2(busiest > 4.0 * smoothest, what.constData());
}

void TestDemoData::normalsVaryWithinAClass()
{
    // Normals must not be copies of one image, or a detector would not need to generalise.
    for (const std::string& cls : demoClassNames()) {
        const cv::Mat a = renderSample(cls, "good", 1, 64).image;
        const cv::Mat b = renderSample(cls, "good", 2, 64).image;
        cv::Mat diff;
        cv::absdiff(a, b, diff);
        const double meanDiff = cv::mean(diff.reshape(1))[0];
        QVERIFY2(meanDiff > 1.0, cls.c_str());
    }
}

void TestDemoData::stainsStandOutFromTheTexture()
{
    // A defect that nobody can see is not one an annotator would mark. Stains used to be a
    // multiplicative tint that vanished on the saturated, busy textures (median contrast 0.14 of
    // the texture's standard deviation on carpet, 0.25 on mesh).
    for (const std::string cls : {"carpet", "mesh", "label", "metal_plate"}) {
        std::vector<double> contrast;
        for (std::uint32_t seed = 0; seed < 12; ++seed) {
            const DemoSample s = renderSample(cls, "stain", 300 + seed, 128);
            contrast.push_back(contrastToSurroundings(s.image, s.mask));
        }
        std::nth_element(contrast.begin(), contrast.begin() + 6, contrast.end());
        const double median = contrast[6];
        const QByteArray what = QStringLiteral("%1: median contrast %2 sd")
                                    .arg(QString::fromStdString(cls))
                                    .arg(median)
                                    .toUtf8();
        qInfo("%s", what.constData());
        QVERIFY2(median >= 1.0, what.constData());
    }
}

QTEST_APPLESS_MAIN(TestDemoData)
#include "tst_demodata.moc"
