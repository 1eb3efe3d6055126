// cada-inspect: the workstation. Creates and wires objects only.
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

#include "ImageView.h"
#include "ImagePanel.h"
#include "MainWindow.h"

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("CADA Inspect"));
    QApplication::setOrganizationName(QStringLiteral("CADA"));
    QApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "CADA Inspect: absolute-unified visual anomaly detection workstation"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption modelOption(QStringLiteral("model"), QApplication::translate("main", "Open this model file."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption openOption(QStringLiteral("open"), QApplication::translate("main", "Open this image folder."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption thresholdOption(QStringLiteral("threshold"),
                                             QApplication::translate("main", "Use this threshold instead of the model's."),
                                             QStringLiteral("T"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "After scoring, save the window to this PNG file and exit."), QStringLiteral("FILE"));
    const QCommandLineOption selectOption(QStringLiteral("select"),
                                          QApplication::translate("main", "Select the N-th image of the list (from 0)."),
                                          QStringLiteral("N"));
    parser.addOptions({modelOption, openOption, thresholdOption, screenshotOption, selectOption});
    parser.process(app);

    bool thresholdOk = true;
    const double threshold = parser.value(thresholdOption).toDouble(&thresholdOk);
    if (parser.isSet(thresholdOption) && !thresholdOk) {
        std::fprintf(stderr, "cada-inspect: --threshold expects a number, got '%s'.\n",
                     qPrintable(parser.value(thresholdOption)));
        return 2;
    }
    bool selectOk = true;
    const int select = parser.value(selectOption).toInt(&selectOk);
    if (parser.isSet(selectOption) && (!selectOk || select < 0)) {
        std::fprintf(stderr, "cada-inspect: --select expects a row number >= 0, got '%s'.\n",
                     qPrintable(parser.value(selectOption)));
        return 2;
    }
    const QString screenshot = parser.value(screenshotOption);
    if (!screenshot.isEmpty() && (!parser.isSet(modelOption) || !parser.isSet(openOption))) {
        std::fprintf(stderr, "cada-inspect: --screenshot needs --model and --open.\n");
        return 2;
    }

    cada::ui::MainWindow window;
    window.show();

    if (parser.isSet(thresholdOption))
        QObject::connect(&window, &cada::ui::MainWindow::modelLoaded, &window,
                         [&window, threshold] { window.setThreshold(threshold); });
    if (!screenshot.isEmpty()) {
        // Headless use (tests, reports): any error ends the program with a message and status 1.
        QObject::connect(&window, &cada::ui::MainWindow::errorOccurred, &app, [](const QString& message) {
            std::fprintf(stderr, "cada-inspect: %s\n", qPrintable(message));
            QApplication::exit(1);
        });
        QObject::connect(&window, &cada::ui::MainWindow::batchFinished, &window, [&window, select, screenshot] {
            auto save = [&window, screenshot] {
                static bool saved = false;
                if (saved)
                    return;
                saved = true;
                std::printf("screenshot %dx%d\n", window.width(), window.height());
                std::fflush(stdout);
                if (!window.grab().save(screenshot, "PNG")) {
                    std::fprintf(stderr, "cada-inspect: could not write %s.\n", qPrintable(screenshot));
                    QApplication::exit(1);
                    return;
                }
                QApplication::exit(0);
            };
            if (window.selectRow(select)) {
                auto* view = window.imagePanel()->view();
                QObject::connect(view, &cada::ui::ImageView::imageLoaded, &window, [save] { QTimer::singleShot(0, save); });
                QObject::connect(view, &cada::ui::ImageView::loadFailed, &window, [save] { QTimer::singleShot(0, save); });
                QTimer::singleShot(10000, &window, save);  // never hang a headless run on a slow decode
            } else {
                QTimer::singleShot(0, save);
            }
        });
    }
    if (parser.isSet(modelOption))
        window.openModel(parser.value(modelOption));
    if (parser.isSet(openOption))
        window.openFolder(parser.value(openOption));
    return app.exec();
}
