// cada-inspect: the workstation. Creates and wires objects only.
#include <QApplication>
#include <QCommandLineParser>

#include "MainWindow.h"

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName("CADA Inspect");
    QApplication::setOrganizationName("CADA");
    QApplication::setApplicationVersion("0.1.0");

    QCommandLineParser parser;
    parser.setApplicationDescription("CADA Inspect: absolute-unified visual anomaly detection workstation");
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption openOption("open", "Open this image folder.", "DIR");
    parser.addOption(openOption);
    parser.process(app);

    cada::ui::MainWindow window;
    window.show();
    if (parser.isSet(openOption))
        window.openFolder(parser.value(openOption));
    return app.exec();
}
