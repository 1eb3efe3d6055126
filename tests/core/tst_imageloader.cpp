// The loader on every format and every bad case; all files are generated here.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "cada/Error.h"
#include "cada/io/ImageLoader.h"
#include "../TestImages.h"

using cada::io::loadImage;

namespace {

// Left half red, right half blue: orientation and channel order are visible in the pixels.
cv::Mat twoTone(int w, int h)
{
    cv::Mat m(h, w, CV_8UC3, cv::Scalar(255, 0, 0));
    m(cv::Rect(0, 0, w / 2, h)).setTo(cv::Scalar(0, 0, 255));
    return m;
}

std::vector<unsigned char> readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void writeBytes(const std::string& path, const std::vector<unsigned char>& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

QString errorOf(const std::string& path, const cada::io::LoadOptions& options = {})
{
    try {
        loadImage(path, options);
    } catch (const cada::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TstImageLoader : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string file(const char* name) const { return m_dir.filePath(name).toStdString(); }

  private slots:
    void pngColour()
    {
        cv::imwrite(file("rgb.png"), twoTone(40, 20));
        const auto img = loadImage(file("rgb.png"));
        QCOMPARE(img.bgr.type(), CV_8UC3);
        QCOMPARE(img.bgr.cols, 40);
        QCOMPARE(img.originalChannels, 3);
        QCOMPARE(img.originalBitDepth, 8);
        QCOMPARE(img.format, std::string("png"));
        QCOMPARE(int(img.bgr.at<cv::Vec3b>(5, 2)[2]), 255);  // red on the left
        QCOMPARE(int(img.bgr.at<cv::Vec3b>(5, 38)[0]), 255); // blue on the right
    }

    void pngGreyAndAlpha()
    {
        cv::Mat grey(16, 24, CV_8UC1, cv::Scalar(77));
        cv::imwrite(file("grey.png"), grey);
        const auto g = loadImage(file("grey.png"));
        QCOMPARE(g.originalChannels, 1);
        QCOMPARE(g.bgr.type(), CV_8UC3);
        QCOMPARE(g.bgr.at<cv::Vec3b>(3, 3), cv::Vec3b(77, 77, 77));

        cv::Mat rgba(16, 24, CV_8UC4, cv::Scalar(10, 20, 30, 0));
        cv::imwrite(file("rgba.png"), rgba);
        const auto a = loadImage(file("rgba.png"));
        QCOMPARE(a.originalChannels, 4);
        QCOMPARE(a.bgr.at<cv::Vec3b>(0, 0), cv::Vec3b(10, 20, 30)); // alpha dropped, colour kept
    }

    void tiff16And8AndBmp()
    {
        cv::Mat deep(20, 30, CV_16UC3, cv::Scalar(0, 257 * 100, 65535));
        QVERIFY(cv::imwrite(file("deep.tiff"), deep));
        const auto d = loadImage(file("deep.tiff"));
        QCOMPARE(d.originalBitDepth, 16);
        QCOMPARE(d.format, std::string("tiff"));
        QCOMPARE(d.bgr.at<cv::Vec3b>(1, 1), cv::Vec3b(0, 100, 255));

        cv::Mat deepGrey(20, 30, CV_16UC1, cv::Scalar(257 * 9));
        QVERIFY(cv::imwrite(file("deepgrey.tif"), deepGrey));
        const auto dg = loadImage(file("deepgrey.tif"));
        QCOMPARE(dg.originalChannels, 1);
        QCOMPARE(dg.bgr.at<cv::Vec3b>(2, 2), cv::Vec3b(9, 9, 9));

        QVERIFY(cv::imwrite(file("plain.BMP"), twoTone(12, 8)));
        const auto b = loadImage(file("plain.BMP"));
        QCOMPARE(b.format, std::string("bmp"));
        QCOMPARE(b.bgr.size(), cv::Size(12, 8));
    }

    void jpegHonoursExifOrientation()
    {
        cv::imwrite(file("plain.jpg"), twoTone(40, 20), {cv::IMWRITE_JPEG_QUALITY, 98});
        auto bytes = readBytes(file("plain.jpg"));
        // APP1 "Exif" with a little-endian TIFF holding one IFD entry: Orientation (0x0112) = 6,
        // i.e. "rotate 90 degrees clockwise to display".
        const std::vector<unsigned char> app1 = {
            0xFF, 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0,
            1,    0,    0x12, 0x01, 3,   0,   1,   0,   0, 0, 6,   0,   0,  0, 0, 0, 0, 0};
        bytes.insert(bytes.begin() + 2, app1.begin(), app1.end());
        writeBytes(file("rotated.jpg"), bytes);

        const auto img = loadImage(file("rotated.jpg"));
        QCOMPARE(img.format, std::string("jpeg"));
        QCOMPARE(img.bgr.size(), cv::Size(20, 40)); // portrait after rotation
        const cv::Vec3b top = img.bgr.at<cv::Vec3b>(3, 10), bottom = img.bgr.at<cv::Vec3b>(36, 10);
        QVERIFY2(top[2] > 200 && top[0] < 60,
                 "the left (red) half must be on top after a clockwise turn");
        QVERIFY(bottom[0] > 200 && bottom[2] < 60);
    }

    void missingAndFolder()
    {
        QVERIFY(errorOf(file("nope.png")).contains("does not exist"));
        QVERIFY(errorOf(file("nope.png")).contains("nope.png"));
        QDir(m_dir.path()).mkdir("folder.png");
        QVERIFY(errorOf(file("folder.png")).contains("folder"));
    }

    void zeroBytes()
    {
        writeBytes(file("empty.png"), {});
        const QString e = errorOf(file("empty.png"));
        QVERIFY2(e.contains("empty.png") && e.contains("0 bytes"), qPrintable(e));
    }

    void textRenamedPng()
    {
        const std::string text = "this is not an image\n";
        writeBytes(file("notes.png"), {text.begin(), text.end()});
        const QString e = errorOf(file("notes.png"));
        QVERIFY2(e.contains("notes.png") && e.contains("not an image"), qPrintable(e));
    }

    void truncatedPngAndJpeg()
    {
        cv::Mat noise(64, 64, CV_8UC3);
        cv::randu(noise, 0, 255);
        cv::imwrite(file("full.png"), noise);
        cv::imwrite(file("full.jpg"), noise);
        for (const char* name : {"full.png", "full.jpg"}) {
            auto bytes = readBytes(file(name));
            bytes.resize(bytes.size() / 2);
            const std::string cut =
                file(name) + ".cut" +
                (std::string(name).find("png") != std::string::npos ? ".png" : ".jpg");
            writeBytes(cut, bytes);
            const QString e = errorOf(cut);
            QVERIFY2(e.contains("truncated") && e.contains(".cut"), qPrintable(e));
        }
    }

    // Huge files are judged by their first bytes: one that is not an image is refused as such
    // without its body being read, and no image file may exceed 2 GB (sparse 3 GB files here).
    void hugeFilesAreJudgedBeforeTheirBodyIsRead()
    {
        const std::string text = file("big-text.png"), png = file("big-signature.png");
        writeBytes(text, std::vector<unsigned char>{'h', 'e', 'l', 'l', 'o'});
        const std::vector<unsigned char> signature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        writeBytes(png, signature);
        for (const std::string& f : {text, png})
            QVERIFY(QFile::resize(QString::fromStdString(f), qint64(3) << 30));
        const QString notImage = errorOf(text);
        QVERIFY2(notImage.contains("big-text.png") && notImage.contains("not an image"),
                 qPrintable(notImage));
        const QString tooLarge = errorOf(png);
        QVERIFY2(tooLarge.contains("big-signature.png") && tooLarge.contains("larger than 2 GB"),
                 qPrintable(tooLarge));
        QFile::remove(QString::fromStdString(text));
        QFile::remove(QString::fromStdString(png));
    }

    // Cameras and phones append data after a JPEG's end marker; other tools do after PNGs.
    void trailingDataAfterTheEndMarkerIsAccepted()
    {
        cv::Mat noise(64, 64, CV_8UC3);
        cv::randu(noise, 0, 255);
        for (const char* name : {"trail.png", "trail.jpg"}) {
            cv::imwrite(file(name), noise);
            auto bytes = readBytes(file(name));
            for (int i = 0; i < 300; ++i)
                bytes.push_back(static_cast<unsigned char>(i * 37));
            writeBytes(file(name), bytes);
            QVERIFY2(errorOf(file(name)).isEmpty(), qPrintable(errorOf(file(name))));
            const auto img = loadImage(file(name));
            QCOMPARE(img.bgr.cols, 64);
        }
    }

    // Corrupt scan data decodes (libjpeg fills in what it can), but never silently: the image
    // carries libjpeg's warning, and a clean JPEG carries none.
    void corruptJpegDataIsAWarning()
    {
        cv::Mat noise(96, 96, CV_8UC3);
        cv::randu(noise, 0, 255);
        cv::imwrite(file("clean.jpg"), noise);
        QCOMPARE(QString::fromStdString(loadImage(file("clean.jpg")).warning), QString());
        writeBytes(file("corrupt.jpg"), testimages::corruptJpeg(noise));
        const auto img = loadImage(file("corrupt.jpg"));
        QCOMPARE(img.bgr.cols, 96);
        const QString w = QString::fromStdString(img.warning);
        QVERIFY2(w.contains("corrupt JPEG data") && w.contains("libjpeg"), qPrintable(w));
    }

    // A TIFF that states its size twice: libtiff reads the first width and height (20000 x
    // 20000), other readers the last (10 x 10). The limit holds for the larger.
    void tiffWithDuplicateSizeTagsIsJudgedByTheLarger()
    {
        std::vector<unsigned char> b{'I', 'I', 42, 0, 8, 0, 0, 0};
        auto u16 = [&](unsigned v) {
            b.push_back(v & 0xFF);
            b.push_back((v >> 8) & 0xFF);
        };
        auto u32 = [&](unsigned v) {
            u16(v & 0xFFFF);
            u16(v >> 16);
        };
        const unsigned data = 8 + 2 + 11 * 12 + 4;
        const unsigned entries[][3] = {{256, 4, 20000}, {257, 4, 20000}, {258, 3, 8},
                                       {259, 3, 1},     {262, 3, 1},     {273, 4, data},
                                       {277, 3, 1},     {278, 4, 20000}, {279, 4, 100},
                                       {256, 4, 10},    {257, 4, 10}};
        u16(11);
        for (const auto& e : entries) {
            u16(e[0]);
            u16(e[1]);
            u32(1);
            e[1] == 3 ? (u16(e[2]), u16(0)) : u32(e[2]);
        }
        u32(0);
        b.resize(b.size() + 100, 0x80);
        writeBytes(file("twice.tif"), b);
        const QString e = errorOf(file("twice.tif"));
        QVERIFY2(e.contains("too large") && e.contains("twice.tif") && e.contains("20000"),
                 qPrintable(e));
    }

    void unsupportedDepth()
    {
        cv::Mat f(10, 10, CV_32FC1, cv::Scalar(0.5));
        QVERIFY(cv::imwrite(file("float.tiff"), f));
        const QString e = errorOf(file("float.tiff"));
        QVERIFY2(e.contains("float.tiff") && e.contains("depth"), qPrintable(e));
    }

    void oversizedRefusedBeforeDecoding()
    {
        cv::imwrite(file("big.png"), twoTone(100, 100));
        cada::io::LoadOptions small;
        small.maxPixels = 5000;
        QVERIFY(errorOf(file("big.png"), small).contains("too large"));

        // A header claiming 60000 x 60000 pixels (3.6 gigapixels): refused by the default limit
        // without attempting the allocation.
        auto bytes = readBytes(file("big.png"));
        bytes[16] = 0;
        bytes[17] = 0;
        bytes[18] = 0xEA;
        bytes[19] = 0x60;
        bytes[20] = 0;
        bytes[21] = 0;
        bytes[22] = 0xEA;
        bytes[23] = 0x60;
        writeBytes(file("huge.png"), bytes);
        const QString e = errorOf(file("huge.png"));
        QVERIFY2(e.contains("too large") && e.contains("huge.png"), qPrintable(e));
    }

    void unreadableFile()
    {
        cv::imwrite(file("locked.png"), twoTone(8, 8));
        QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ExeOwner | QFileDevice::ExeOther |
                                                QFileDevice::ExeGroup);
        QVERIFY(::chmod(file("locked.png").c_str(), 0) == 0);
        if (::geteuid() != 0) {
            QVERIFY(errorOf(file("locked.png")).contains("permissions"));
            return;
        }
        // root reads everything, so check as an unprivileged user in a child process.
        const pid_t pid = ::fork();
        if (pid == 0) {
            if (::setgid(65534) != 0 || ::setuid(65534) != 0)
                ::_exit(3);
            const QString e = errorOf(file("locked.png"));
            ::_exit(e.contains("permissions") && e.contains("locked.png") ? 0 : 1);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
    }

    void maskIsBinaryAndResized()
    {
        cv::Mat m(20, 20, CV_8UC1, cv::Scalar(0));
        m(cv::Rect(5, 5, 4, 4)).setTo(1); // any nonzero value is defect
        cv::imwrite(file("m_mask.png"), m);
        const cv::Mat mask = cada::io::loadMask(file("m_mask.png"), cv::Size(40, 40));
        QCOMPARE(mask.size(), cv::Size(40, 40));
        QCOMPARE(cv::countNonZero(mask), 64);
        QCOMPARE(int(mask.at<uchar>(12, 12)), 255);
    }

    void extensions()
    {
        QVERIFY(cada::io::hasImageExtension("a/B.JPEG"));
        QVERIFY(cada::io::hasImageExtension("x.TiF"));
        QVERIFY(!cada::io::hasImageExtension("x.txt"));
        QVERIFY(!cada::io::hasImageExtension("png"));
    }
};

QTEST_APPLESS_MAIN(TstImageLoader)
#include "tst_imageloader.moc"
