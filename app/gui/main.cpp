// cada-inspect: the workstation. Creates and wires objects only.
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

#include <cstdio>

#include "window/Language.h"
#include "window/MainWindow.h"
#include "window/Screenshot.h"

namespace {

void setApplicationNames()
{
    QCoreApplication::setApplicationName(QStringLiteral("CADA Inspect"));
    QCoreApplication::setOrganizationName(QStringLiteral("CADA"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
}

// The language must be known before any text is built, the command line's help included.
void installLanguage(QCoreApplication* app)
{
    QString language = cada::ui::language::stored();
    const QStringList args = QCoreApplication::arguments();
    const int languageArg = int(args.indexOf(QStringLiteral("--language")));
    if (languageArg >= 0 && languageArg + 1 < args.size())
        language = args.at(languageArg + 1);
    cada::ui::language::install(app, language);
}

void addOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "CADA Inspect: absolute-unified visual anomaly detection workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("model"), QCoreApplication::translate("main", "Open this model file."),
         QStringLiteral("FILE")},
        {QStringLiteral("open"), QCoreApplication::translate("main", "Open this image folder."),
         QStringLiteral("DIR")},
        {QStringLiteral("threshold"),
         QCoreApplication::translate("main", "Use this threshold instead of the model's."),
         QStringLiteral("T")},
        {QStringLiteral("screenshot"),
         QCoreApplication::translate("main",
                                     "After scoring, save the window to this PNG file and exit."),
         QStringLiteral("FILE")},
        {QStringLiteral("select"),
         QCoreApplication::translate("main", "Select the N-th image of the list (from 0)."),
         QStringLiteral("N")},
        {QStringLiteral("screenshot-panel"),
         QCoreApplication::translate(
             "main", "What --screenshot saves: window, histogram or heatmap (default: window)."),
         QStringLiteral("PANEL"), QStringLiteral("window")},
        {QStringLiteral("histogram"),
         QCoreApplication::translate("main",
                                     "Histogram: aligned or raw scores by group, or labels "
                                     "(aligned, normal and defective apart; default: aligned)."),
         QStringLiteral("MODE"), QStringLiteral("aligned")},
        {QStringLiteral("window-size"),
         QCoreApplication::translate("main", "Window size, e.g. 1280x800."), QStringLiteral("WxH")},
        {QStringLiteral("language"),
         QCoreApplication::translate(
             "main", "Interface language for this run: system, en or de (default: preferences)."),
         QStringLiteral("LANG")},
    });
}

// --help and --version need no display: they are answered before a window system is opened.
bool onlyAsksForHelpOrVersion(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "-h" || a == "--help" || a == "--help-all" || a == "-v" || a == "--version" ||
            a == "-?")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    if (onlyAsksForHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        setApplicationNames();
        installLanguage(&app);
        QCommandLineParser parser;
        addOptions(parser);
        parser.process(app); // prints and exits
        return 0;
    }
    QApplication app(argc, argv);
    setApplicationNames();
    QApplication::setDesktopFileName(QStringLiteral("cada-inspect"));
    QIcon icon(QStringLiteral(":/icons/cada-inspect.svg"));
    for (int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/cada-inspect-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);
    installLanguage(&app);

    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);
    const QString modelOption = QStringLiteral("model"), openOption = QStringLiteral("open"),
                  thresholdOption = QStringLiteral("threshold"),
                  screenshotOption = QStringLiteral("screenshot"),
                  selectOption = QStringLiteral("select"),
                  panelOption = QStringLiteral("screenshot-panel"),
                  histogramOption = QStringLiteral("histogram"),
                  sizeOption = QStringLiteral("window-size");

    const auto fail = [](const QString& message) {
        std::fprintf(stderr, "cada-inspect: %s\n", qPrintable(message));
        return 2;
    };
    bool thresholdOk = true;
    const double threshold = parser.value(thresholdOption).toDouble(&thresholdOk);
    if (parser.isSet(thresholdOption) && !thresholdOk)
        return fail(QApplication::translate("main", "--threshold expects a number, got '%1'.")
                        .arg(parser.value(thresholdOption)));
    bool selectOk = true;
    const int select = parser.value(selectOption).toInt(&selectOk);
    if (parser.isSet(selectOption) && (!selectOk || select < 0))
        return fail(QApplication::translate("main", "--select expects a row number >= 0, got '%1'.")
                        .arg(parser.value(selectOption)));
    cada::ui::Screenshot::Options shot;
    shot.file = parser.value(screenshotOption);
    shot.selectRow = parser.isSet(selectOption) ? select : 0;
    if (!cada::ui::Screenshot::parsePanel(parser.value(panelOption), &shot.panel))
        return fail(
            QApplication::translate(
                "main", "--screenshot-panel expects window, histogram or heatmap, got '%1'.")
                .arg(parser.value(panelOption)));
    const QString histogram = parser.value(histogramOption);
    if (histogram != QStringLiteral("aligned") && histogram != QStringLiteral("raw") &&
        histogram != QStringLiteral("labels"))
        return fail(
            QApplication::translate("main", "--histogram expects aligned, raw or labels, got '%1'.")
                .arg(histogram));
    shot.rawHistogram = histogram == QStringLiteral("raw");
    shot.histogramByLabel = histogram == QStringLiteral("labels");
    QSize windowSize;
    if (parser.isSet(sizeOption)) {
        const QStringList wh = parser.value(sizeOption).split(QLatin1Char('x'));
        bool wOk = false, hOk = false;
        if (wh.size() == 2)
            windowSize = QSize(wh[0].toInt(&wOk), wh[1].toInt(&hOk));
        if (!wOk || !hOk || windowSize.width() < 320 || windowSize.height() < 240)
            return fail(
                QApplication::translate(
                    "main", "--window-size expects WIDTHxHEIGHT of at least 320x240, got '%1'.")
                    .arg(parser.value(sizeOption)));
    }
    if (!shot.file.isEmpty() && (!parser.isSet(modelOption) || !parser.isSet(openOption)))
        return fail(QApplication::translate("main", "--screenshot needs --model and --open."));

    cada::ui::MainWindow window;
    if (windowSize.isValid())
        window.resize(windowSize);
    window.show();

    if (parser.isSet(thresholdOption))
        QObject::connect(&window, &cada::ui::MainWindow::modelLoaded, &window,
                         [&window, threshold] { window.setThreshold(threshold); });
    if (!shot.file.isEmpty()) {
        // Headless use (tests, reports): any error ends the program with a message and status 1.
        QObject::connect(&window, &cada::ui::MainWindow::errorOccurred, &app,
                         [](const QString& message) {
                             std::fprintf(stderr, "cada-inspect: %s\n", qPrintable(message));
                             QApplication::exit(1);
                         });
        auto* screenshot = new cada::ui::Screenshot(&window, shot, &window);
        QObject::connect(screenshot, &cada::ui::Screenshot::done, &app,
                         [](bool ok, const QString& message, const QSize& size) {
                             if (!ok) {
                                 std::fprintf(stderr, "cada-inspect: %s\n", qPrintable(message));
                                 QApplication::exit(1);
                                 return;
                             }
                             std::printf("screenshot %dx%d\n", size.width(), size.height());
                             std::fflush(stdout);
                             QApplication::exit(0);
                         });
    }
    if (parser.isSet(modelOption))
        window.openModel(parser.value(modelOption));
    if (parser.isSet(openOption))
        window.openFolder(parser.value(openOption));
    return app.exec();
}
