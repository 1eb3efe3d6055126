// A project made from a real (tiny) model: creation stores what scoring produced, reopening
// restores it without the detector, and the report writes CSV, JSON, overlays and a PDF.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "OverlayWriter.h"
#include "PdfReport.h"
#include "ProjectBuilder.h"
#include "ProjectStore.h"
#include "ReportWriter.h"
#include "TinyModel.h"
#include "cada/Error.h"
#include "cada/model/Model.h"
#include "cada/metrics/Metrics.h"

using namespace cada::project;

namespace {

int pdfPages(const QByteArray& pdf)
{
    // Page objects are "/Type /Page" (the page tree is "/Type /Pages").
    int n = 0;
    for (qsizetype i = pdf.indexOf("/Type /Page"); i >= 0; i = pdf.indexOf("/Type /Page", i + 1))
        n += pdf.mid(i + 11, 1) != "s";
    return n;
}

} // namespace

class TstProjectReport : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    cada::test::TinyModel m_tiny;
    std::unique_ptr<cada::Model> m_model;
    std::vector<cada::ImageResult> m_scored; // a direct scoring of the same images
    QString m_project;

  private slots:
    void initTestCase()
    {
        m_tiny = cada::test::makeTinyModel(m_tmp.path());
        m_model = cada::Model::load(m_tiny.modelPath.toStdString(), "cpu");
        std::vector<std::filesystem::path> paths;
        for (const QString& p : m_tiny.testImages)
            paths.push_back(p.toStdString());
        cada::ScoreOptions so;
        so.keepMaps = false;
        cada::Progress progress;
        m_scored = m_model->score(paths, so, progress);

        m_project = m_tmp.filePath(QStringLiteral("batch.cadaproj"));
        CreateOptions o;
        o.projectFile = m_project;
        o.imagesDir = m_tiny.dataDir;
        const CreateSummary s = createProject(*m_model, m_tiny.modelPath, o, progress);
        QCOMPARE(s.images, m_tiny.testImages.size()); // auto split: the test split of the layout
        QCOMPARE(s.labelled, s.images);
        QCOMPARE(s.failed, 0);
        QVERIFY(QFile::exists(m_project));
        QVERIFY(!QFile::exists(m_project + QStringLiteral(".part")));
    }

    void creationRefusesExistingProject()
    {
        CreateOptions o;
        o.projectFile = m_project;
        o.imagesDir = m_tiny.dataDir;
        cada::Progress progress;
        QVERIFY_THROWS_EXCEPTION(cada::Error,
                                 createProject(*m_model, m_tiny.modelPath, o, progress));
    }

    void reportWritesEveryFile()
    {
        auto store = ProjectStore::open(m_project);
        const auto images = store->images();
        // A review that disagrees with the layout must not change the layout-based evaluation.
        // A note and a reviewer that a spreadsheet would run as formulas (OWASP CSV injection).
        store->recordDecision(images[0].id, Decision::Defective,
                              QStringLiteral("=HYPERLINK(\"http://x\",\"bent\")"),
                              QStringLiteral("@ana"));
        store->setReviewBand(store->threshold() - 0.3);
        const ProjectSnapshot snap = store->snapshot();
        int flagged = 0;
        for (const ImageRecord& r : snap.images)
            flagged += snap.verdict(r) == Verdict::Defective;
        QVERIFY2(flagged > 0, "the tiny model should flag some defective demo images");

        const QString out = m_tmp.filePath(QStringLiteral("report"));
        cada::Progress progress;
        const ReportFiles files = writeReport(snap, m_model.get(), out, progress);
        QVERIFY(files.problems.isEmpty());
        QCOMPARE(files.overlays, flagged);
        QCOMPARE(QDir(files.overlayDir).entryList({"*.png"}, QDir::Files).size(), flagged);
        for (const QString& png : QDir(files.overlayDir).entryList({"*.png"}, QDir::Files)) {
            const cv::Mat img = cv::imread(QDir(files.overlayDir).filePath(png).toStdString());
            QCOMPARE(img.cols, 64); // the demo images' size, not the model's
            QCOMPARE(img.type(), CV_8UC3);
        }

        QFile csv(files.csv);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QString csvText = QString::fromUtf8(csv.readAll());
        QCOMPARE(csvText.count('\n'), int(snap.images.size()) + 1);
        QVERIFY2(csvText.contains(
                     QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\",\"\"bent\"\")\",\"'@ana\",")),
                 qPrintable(csvText.section('\n', 0, 2)));
        QVERIFY(!csvText.contains(QStringLiteral(",=HYPERLINK")));

        QFile jf(files.json);
        QVERIFY(jf.open(QIODevice::ReadOnly));
        const QJsonObject j = QJsonDocument::fromJson(jf.readAll()).object();
        QCOMPARE(j["summary"]["flagged"].toInt(), flagged);
        QCOMPARE(j["evaluation"]["ground_truth"].toString(), QStringLiteral("layout"));
        std::vector<double> scores;
        std::vector<int> labels;
        for (const ImageRecord& r : snap.images) {
            scores.push_back(r.score);
            labels.push_back(r.groundTruth);
        }
        QCOMPARE(j["evaluation"]["pooled"]["auroc"].toDouble(),
                 cada::metrics::auroc(scores, labels));

        QFile pdf(files.pdf);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray bytes = pdf.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY2(pdfPages(bytes) >= 2, qPrintable(QString::number(pdfPages(bytes))));
        QVERIFY(bytes.size() > 20000); // charts and heatmaps are embedded

        // The layout itself: written again with every flagged image in the table, so that rows
        // must continue on further pages. No block crosses the bottom of its page, every page
        // that continues a table starts with its header, images keep their aspect ratio (2 %).
        std::map<qint64, QString> overlays;
        for (const QString& png : QDir(files.overlayDir).entryList({"*.png"}, QDir::Files))
            for (const ImageRecord& r : snap.images)
                if (QFileInfo(png).completeBaseName().startsWith(
                        QFileInfo(r.path).completeBaseName()))
                    overlays.emplace(r.id, QDir(files.overlayDir).filePath(png));
        const cada::project::PdfLayout layout =
            cada::project::writePdf(snap, cada::project::evaluate(snap, snap.threshold), overlays,
                                    m_tmp.filePath(QStringLiteral("layout.pdf")), 1000);
        QVERIFY(layout.pages >= 3);
        int placedImages = 0;
        for (std::size_t i = 0; i < layout.boxes.size(); ++i) {
            const auto& b = layout.boxes[i];
            QVERIFY2(b.rect.top() >= -0.5 && b.rect.bottom() <= b.pageHeight + 0.5,
                     qPrintable(QStringLiteral("box %1 on page %2: %3..%4 of %5")
                                    .arg(i)
                                    .arg(b.page)
                                    .arg(b.rect.top())
                                    .arg(b.rect.bottom())
                                    .arg(b.pageHeight)));
            if (b.kind == cada::project::PlacedBox::Image) {
                ++placedImages;
                const double aspect = b.rect.width() / b.rect.height();
                QVERIFY(std::abs(aspect / b.sourceAspect - 1.0) < 0.02);
            }
            if (b.kind == cada::project::PlacedBox::TableRow && i > 0 &&
                layout.boxes[i - 1].page != b.page)
                QFAIL("a table row starts a page without the table's header");
        }
        QVERIFY(placedImages > 2);
    }

    void overlayUsesFixedScale()
    {
        // Same map value -> same colour, whatever the rest of the map holds.
        cv::Mat image(8, 8, CV_8UC3, cv::Scalar(0, 0, 0));
        cv::Mat a(8, 8, CV_32F, cv::Scalar(0.0f)), b(8, 8, CV_32F, cv::Scalar(0.0f));
        b.at<float>(7, 7) = 50.0f;
        OverlayOptions opaque;
        opaque.opacity = 1.0;
        const cv::Mat oa = renderOverlay(image, a, 1.0, opaque),
                      ob = renderOverlay(image, b, 1.0, opaque);
        QCOMPARE(oa.at<cv::Vec3b>(0, 0), ob.at<cv::Vec3b>(0, 0));
        // As in the workstation, normal regions (below t - 0.5) keep the photograph; at and above
        // the threshold the heatmap covers it at the chosen opacity.
        cv::Mat low(8, 8, CV_32F, cv::Scalar(-5.0f));
        QCOMPARE(renderOverlay(image, low, 1.0, opaque).at<cv::Vec3b>(0, 0), cv::Vec3b(0, 0, 0));
        QCOMPARE(oa.at<cv::Vec3b>(0, 0), cv::Vec3b(0, 0, 0)); // v = 0 = t - 1
        // (Inside the region: its outline is drawn along the image's border.)
        cv::Mat high(16, 16, CV_32F, cv::Scalar(2.0f)), top(1, 1, CV_8U, cv::Scalar(255)),
            topColour;
        cv::applyColorMap(top, topColour, opaque.colormap);
        const cv::Mat image16(16, 16, CV_8UC3, cv::Scalar(0, 0, 0));
        QCOMPARE(renderOverlay(image16, high, 1.0, opaque).at<cv::Vec3b>(8, 8),
                 topColour.at<cv::Vec3b>(0, 0));
    }

    // Images whose names differ only by extension or by "/" against "__" get an overlay each.
    void overlayNamesNeverCollide()
    {
        const QString root = m_tmp.filePath(QStringLiteral("collide"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/sub")));
        const QStringList names{QStringLiteral("a.png"), QStringLiteral("a.jpg"),
                                QStringLiteral("sub/b.png"), QStringLiteral("sub__b.png")};
        ProjectSnapshot snap;
        snap.imagesRoot = root;
        snap.threshold = 0.0;
        qint64 id = 1;
        for (const QString& n : names) {
            QVERIFY(QFile::copy(m_tiny.testImages.first(), root + QLatin1Char('/') + n));
            ImageRecord r;
            r.id = id++;
            r.path = root + QLatin1Char('/') + n;
            r.scored = true;
            r.score = 1.0; // above the threshold: every image gets an overlay
            snap.images.push_back(r);
        }
        cada::Progress progress;
        QStringList problems;
        const QString out = m_tmp.filePath(QStringLiteral("collide_overlays"));
        const auto written = writeOverlays(snap, *m_model, out, progress, &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        QCOMPARE(int(written.size()), 4);
        std::set<QString> files;
        for (const auto& [imageId, file] : written)
            files.insert(file);
        QCOMPARE(int(files.size()), 4);
        QCOMPARE(QDir(out).entryList({"*.png"}, QDir::Files).size(), 4);
    }

    // A report replaces the previous one as a whole: stale overlays go, the user's own files in
    // the folder stay, and a cancelled run leaves the previous report exactly as it was.
    void reportIsSwappedInWhole()
    {
        const QString out = m_tmp.filePath(QStringLiteral("swapped"));
        QVERIFY(QDir().mkpath(out + QStringLiteral("/overlays")));
        for (const QString& name : {QStringLiteral("overlays/stale.png"),
                                    QStringLiteral("report.pdf"), QStringLiteral("notes.txt")}) {
            QFile f(out + QLatin1Char('/') + name);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("old");
        }
        const ProjectSnapshot snap = ProjectStore::open(m_project)->snapshot();
        cada::Progress progress;
        const ReportFiles files = writeReport(snap, m_model.get(), out, progress);
        QCOMPARE(QFileInfo(files.pdf).absolutePath(), QDir(out).absolutePath());
        QVERIFY(!QFile::exists(out + QStringLiteral("/overlays/stale.png")));
        QCOMPARE(QDir(out + QStringLiteral("/overlays")).entryList({"*.png"}, QDir::Files).size(),
                 files.overlays);
        QVERIFY(QFile::exists(out + QStringLiteral("/notes.txt")));
        QFile pdf(files.pdf);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        const QByteArray pdfBytes = pdf.readAll();
        QVERIFY(pdfBytes.startsWith("%PDF"));
        QCOMPARE(QDir(m_tmp.path()).entryList({"swapped.part-*"}, QDir::AllEntries).size(), 0);

        QFile csvBefore(files.csv);
        QVERIFY(csvBefore.open(QIODevice::ReadOnly));
        const QByteArray csvBytes = csvBefore.readAll();
        csvBefore.close();
        // Another threshold changes every verdict in the CSV, which the run writes first.
        ProjectSnapshot changed = snap;
        changed.threshold += 1.0;
        cada::Progress cancelled;
        cancelled.cancel();
        QVERIFY_THROWS_EXCEPTION(cada::Cancelled,
                                 writeReport(changed, m_model.get(), out, cancelled));
        QFile csvAfter(files.csv);
        QVERIFY(csvAfter.open(QIODevice::ReadOnly));
        QVERIFY(csvAfter.readAll() == csvBytes);
        QFile again(files.pdf);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QVERIFY(again.readAll() == pdfBytes);
        QCOMPARE(QDir(out + QStringLiteral("/overlays")).entryList({"*.png"}, QDir::Files).size(),
                 files.overlays);
        QCOMPARE(QDir(m_tmp.path()).entryList({"swapped.part-*"}, QDir::AllEntries).size(), 0);
    }

    // Last: the model file goes away.
    void reopenRestoresScoresWithoutDetector()
    {
        QVERIFY(QFile::remove(m_tiny.modelPath));
        m_model.reset();
        auto store = ProjectStore::open(m_project);
        const auto images = store->images();
        QCOMPARE(images.size(), m_scored.size());
        for (std::size_t i = 0; i < images.size(); ++i) {
            const cada::ImageResult& r = m_scored[i];
            QCOMPARE(images[i].path, QDir::cleanPath(QString::fromStdString(r.path.string())));
            QCOMPARE(images[i].rawScore, r.rawScore);
            QCOMPARE(images[i].score, r.score);
            QCOMPARE(images[i].uHat, r.uHat);
            QCOMPARE(images[i].gammaHat, r.gammaHat);
            QCOMPARE(images[i].group, r.group);
            QCOMPARE(images[i].unknownType, r.unknownType);
            QCOMPARE(images[i].sha256, ProjectStore::fileSha256(images[i].path));
        }
        QCOMPARE(images[0].decision, Decision::Defective);
        const auto groups = store->groupNames();
        QVERIFY(!groups.empty());
        QVERIFY(groups.begin()->second.startsWith(QStringLiteral("Group")));
        // A report without a model: everything but the heatmaps.
        cada::Progress progress;
        const ReportFiles files =
            writeReport(store->snapshot(), nullptr, m_tmp.filePath("report2"), progress);
        QVERIFY(QFile::exists(files.pdf));
        QVERIFY(files.overlayDir.isEmpty());
    }
};

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv); // fonts for the PDF
    TstProjectReport test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_project_report.moc"
