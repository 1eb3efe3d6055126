// Translations: the compiled German catalogue loads from the resources and translates known
// strings (menus of a real MainWindow included); English plural forms replace "(s)"; the .ts
// files have no unfinished entries and cover every single-literal tr() string in the sources;
// the language preference round-trips through QSettings.
#include <QDirIterator>
#include <QLineEdit>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QBuffer>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include "cada/Error.h"
#include "cada/io/ImageLoader.h"
#include "window/EngineMessages.h"
#include "window/Language.h"
#include "window/MainWindow.h"
#include "window/PreferencesDialog.h"

namespace {

struct TsMessage {
    QString context, source;
    QStringList translations; // one, or the numerus forms
    bool numerus = false, unfinished = false;
};

QVector<TsMessage> readTs(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QVector<TsMessage> out;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = TsMessage{context,
                          {},
                          {},
                          xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"),
                          false};
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            m.unfinished =
                xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            if (!m.numerus) {
                m.translations << xml.readElementText();
                out << m;
            }
        } else if (name == QLatin1String("numerusform")) {
            m.translations << xml.readElementText();
            if (m.translations.size() == 2)
                out << m;
        }
    }
    return xml.hasError() ? QVector<TsMessage>{} : out;
}

} // namespace

class TstTranslations : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void germanCatalogueTranslatesKnownStrings();
    void germanMenusInRealWindow();
    void englishPluralForms();
    void tsFilesComplete();
    void tsCoversSourceStrings();
    void languagePreferenceRoundTrip();
    void engineMessagesInGerman();
};

void TstTranslations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings in a test location
    QSettings().clear();
}

void TstTranslations::germanCatalogueTranslatesKnownStrings()
{
    QTranslator de;
    QVERIFY(de.load(QStringLiteral(":/i18n/cada_de.qm")));
    QCOMPARE(de.translate("cada::ui::MainWindow", "&File"), QStringLiteral("&Datei"));
    QCOMPARE(de.translate("cada::ui::MainWindow", "&Open folder..."),
             QStringLiteral("Ordner ö&ffnen..."));
    QCOMPARE(de.translate("cada::ui::ImageListModel", "Defective"), QStringLiteral("Defekt"));
    QCOMPARE(de.translate("cada::ui::TrainDialog", "Train new model"),
             QStringLiteral("Neues Modell trainieren"));
    QCOMPARE(de.translate("main", "Open this model file."),
             QStringLiteral("Diese Modelldatei öffnen."));
    QCOMPARE(de.translate("cada::ui::InspectionSession",
                          "%n image(s) could not be scored; first: %1", nullptr, 3),
             QStringLiteral("%n Bilder konnten nicht bewertet werden; erstes: %1"));
    QCOMPARE(de.translate("cada::ui::InspectionSession",
                          "%n image(s) could not be scored; first: %1", nullptr, 1),
             QStringLiteral("%n Bild konnte nicht bewertet werden; erstes: %1"));
}

void TstTranslations::germanMenusInRealWindow()
{
    QTranslator de;
    QVERIFY(de.load(QStringLiteral(":/i18n/cada_de.qm")));
    QVERIFY(QCoreApplication::installTranslator(&de));
    {
        cada::ui::MainWindow window;
        QStringList menus;
        for (QAction* a : window.menuBar()->actions())
            menus << a->text();
        QVERIFY2(menus.contains(QStringLiteral("&Datei")),
                 qPrintable(menus.join(QLatin1Char(','))));
        QVERIFY(menus.contains(QStringLiteral("&Ansicht")));
        QStringList fileItems;
        for (QAction* a : window.menuBar()->actions().first()->menu()->actions())
            fileItems << a->text();
        QVERIFY2(fileItems.contains(QStringLiteral("Ordner ö&ffnen...")),
                 qPrintable(fileItems.join(QLatin1Char(','))));
        QVERIFY(fileItems.contains(QStringLiteral("Neues Modell &trainieren...")));
        QVERIFY(fileItems.contains(QStringLiteral("&Einstellungen...")));
    }
    QCoreApplication::removeTranslator(&de);
}

void TstTranslations::englishPluralForms()
{
    QTranslator en;
    QVERIFY(en.load(QStringLiteral(":/i18n/cada_en.qm")));
    QVERIFY(QCoreApplication::installTranslator(&en));
    const char* ctx = "cada::ui::InspectionSession";
    const char* text = "%n image(s) could not be scored; first: %1";
    QCOMPARE(QCoreApplication::translate(ctx, text, nullptr, 1),
             QStringLiteral("1 image could not be scored; first: %1"));
    QCOMPARE(QCoreApplication::translate(ctx, text, nullptr, 4),
             QStringLiteral("4 images could not be scored; first: %1"));
    // Strings without plural forms are untouched.
    QCOMPARE(QCoreApplication::translate(ctx, "&File"), QStringLiteral("&File"));
    // The groups list and the histogram legend count images with plural forms too.
    const char* groups = "cada::ui::GroupsPanel";
    QCOMPARE(QCoreApplication::translate(groups, "Unknown\n%n image(s), %1 flagged", nullptr, 1),
             QStringLiteral("Unknown\n1 image, %1 flagged"));
    QCOMPARE(
        QCoreApplication::translate("cada::ui::HistogramPanel", "%1 (%n image(s))", nullptr, 7),
        QStringLiteral("%1 (7 images)"));
    QCoreApplication::removeTranslator(&en);
    QTranslator de;
    QVERIFY(de.load(QStringLiteral(":/i18n/cada_de.qm")));
    QCOMPARE(de.translate(groups, "Unknown\n%n image(s), %1 flagged", nullptr, 1),
             QStringLiteral("Unbekannt\n%n Bild, %1 markiert"));
}

void TstTranslations::tsFilesComplete()
{
    const auto de = readTs(QStringLiteral(CADA_TS_DIR "/cada_de.ts"));
    QVERIFY(de.size() > 150);
    for (const auto& m : de) {
        QVERIFY2(!m.unfinished, qPrintable(m.context + QStringLiteral(": ") + m.source));
        for (const QString& t : m.translations)
            QVERIFY2(!t.isEmpty(), qPrintable(m.context + QStringLiteral(": ") + m.source));
        // Placeholders survive the translation.
        for (const QString& ph : {QStringLiteral("%1"), QStringLiteral("%2"), QStringLiteral("%3"),
                                  QStringLiteral("%n")})
            if (m.source.contains(ph))
                for (const QString& t : m.translations)
                    QVERIFY2(t.contains(ph), qPrintable(m.source + QStringLiteral(" -> ") + t));
    }
    const auto en = readTs(QStringLiteral(CADA_TS_DIR "/cada_en.ts"));
    QVERIFY(!en.isEmpty());
    for (const auto& m : en) {
        QVERIFY(m.numerus);
        QVERIFY2(!m.unfinished, qPrintable(m.source));
        QCOMPARE(m.translations.size(), 2);
        QVERIFY(!m.translations[0].contains(QStringLiteral("(s)")));
    }
}

void TstTranslations::tsCoversSourceStrings()
{
    // Every tr("...") / translate("main", "...") with a single literal must be in the German .ts.
    QSet<QString> sources;
    for (const auto& m : readTs(QStringLiteral(CADA_TS_DIR "/cada_de.ts")))
        sources.insert(m.source);
    static const char* const pattern =
        R"re((?:\btr|translate\("main",)\s*\(?\s*"((?:[^"\\]|\\.)*)"\s*[,)])re";
    const QRegularExpression call(QString::fromLatin1(pattern));
    int checked = 0;
    for (const QString& dir :
         {QStringLiteral(CADA_SOURCE_DIR "/ui/src"), QStringLiteral(CADA_SOURCE_DIR "/app/gui")}) {
        QDirIterator it(dir, {QStringLiteral("*.cpp")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            for (auto m = call.globalMatch(text); m.hasNext();) {
                QString s = m.next().captured(1);
                s.replace(QStringLiteral("\\n"), QStringLiteral("\n"))
                    .replace(QStringLiteral("\\\""), QStringLiteral("\""));
                QVERIFY2(sources.contains(s),
                         qPrintable(f.fileName() + QStringLiteral(": untranslated \"") + s +
                                    QStringLiteral(
                                        "\" (run tools/update_translations.sh and translate it)")));
                ++checked;
            }
        }
    }
    QVERIFY(checked > 100);
}

void TstTranslations::languagePreferenceRoundTrip()
{
    using namespace cada::ui;
    QCOMPARE(language::stored(), QStringLiteral("system"));
    language::store(QStringLiteral("de"));
    QCOMPARE(language::stored(), QStringLiteral("de"));
    QCOMPARE(language::resolve(QStringLiteral("de")), QStringLiteral("de"));
    QCOMPARE(language::resolve(QStringLiteral("en")), QStringLiteral("en"));
    language::store(QStringLiteral("klingon"));
    QCOMPARE(language::stored(), QStringLiteral("system"));

    PreferencesDialog::setReviewerName(QStringLiteral("  Ada  "));
    QCOMPARE(PreferencesDialog::reviewerName(), QStringLiteral("Ada"));
    PreferencesDialog dialog;
    auto* reviewer = dialog.findChild<QLineEdit*>();
    QVERIFY(reviewer);
    QCOMPARE(reviewer->text(), QStringLiteral("Ada"));
    reviewer->setText(QStringLiteral("Grace"));
    dialog.accept();
    QCOMPARE(PreferencesDialog::reviewerName(), QStringLiteral("Grace"));
    QCOMPARE(language::stored(), QStringLiteral("system")); // the dialog kept the stored choice
}

// The engine's messages, as core throws them, are shown in German with their file names and
// values; in English they come back unchanged, and an unknown message is never lost.
void TstTranslations::engineMessagesInGerman()
{
    QTemporaryDir dir;
    const QString truncated = dir.filePath(QStringLiteral("cut.png"));
    {
        QImage img(32, 32, QImage::Format_RGB32);
        img.fill(Qt::red);
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        img.save(&buffer, "PNG");
        QFile f(truncated);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes.left(bytes.size() / 2));
    }
    const auto engineError = [](const QString& path) {
        try {
            cada::io::loadImage(path.toStdString());
        } catch (const cada::Error& e) {
            return QString::fromStdString(e.what());
        }
        return QString();
    };
    const QStringList english = {
        engineError(truncated),
        engineError(dir.filePath(QStringLiteral("missing.png"))),
        engineError(dir.path()),
    };
    for (const QString& m : english) {
        QVERIFY(!m.isEmpty());
        QCOMPARE(cada::ui::localizedEngineMessage(m), m); // no translator: unchanged
    }
    QTranslator de;
    QVERIFY(de.load(QStringLiteral(":/i18n/cada_de.qm")));
    QVERIFY(QCoreApplication::installTranslator(&de));
    for (const QString& m : english) {
        const QString german = cada::ui::localizedEngineMessage(m);
        QVERIFY2(german != m, qPrintable(m)); // core's wording still matches a pattern
        QVERIFY2(german.contains(QStringLiteral("Bild")), qPrintable(german));
    }
    const QString cut = cada::ui::localizedEngineMessage(english[0]);
    QVERIFY2(cut.contains(truncated) && cut.contains(QStringLiteral("png-Daten")) &&
                 cut.contains(QStringLiteral("abgeschnitten")),
             qPrintable(cut));
    const QString unknown = QStringLiteral("Something no pattern knows about '/x/y.png'.");
    QCOMPARE(cada::ui::localizedEngineMessage(unknown), unknown);
    QCoreApplication::removeTranslator(&de);
}

QTEST_MAIN(TstTranslations)
#include "tst_translations.moc"
