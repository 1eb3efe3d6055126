#pragma once
// Headless screenshots for docs and tests (cada-inspect --screenshot): waits until the batch is
// scored, the chosen image is shown and the visible thumbnails are loaded, then writes one PNG
// of the whole window, of the histogram plot, or of the image panel, and emits done().
//
// Arm it before the model and the folder are opened. Every wait has a time limit, so a headless
// run never hangs on a slow decode.
#include <QObject>
#include <QSize>
#include <QString>

class QTimer;

namespace cada::ui {

class MainWindow;

class Screenshot : public QObject {
    Q_OBJECT
  public:
    enum class Panel { Window, Histogram, Heatmap };
    struct Options {
        QString file;
        int selectRow = 0;
        Panel panel = Panel::Window;
        bool rawHistogram = false;     // histogram in raw (unaligned) mode
        bool histogramByLabel = false; // coloured by label instead of group
        QSize histogramSize{900, 420}; // the plot is rendered at this size
    };

    Screenshot(MainWindow* window, const Options& options, QObject* parent = nullptr);

    static bool parsePanel(const QString& text, Panel* panel);

  signals:
    // ok == false: message says why (the PNG could not be written). size: the image written.
    void done(bool ok, const QString& message, const QSize& size);

  private:
    void onBatchFinished();
    void waitUntilSettled();
    void capture();

    MainWindow* m_window;
    Options m_options;
    QTimer* m_poll = nullptr;
    int m_polls = 0;
    bool m_waitingForImage = false;
    bool m_captured = false;
};

} // namespace cada::ui
