#pragma once
// "Train new model": the user picks training folders, detector, backbone, image size, device and
// the output file; the dialog scans the folders and runs cada::Model::train on a ScoreWorker.
//
// Contract:
//  - start() returns at once; the scan and the training run off the GUI thread. While they run
//    the form is disabled and the progress bar shows stage, count and ETA.
//  - Training images: of an MVTec AD / VisA layout only the normal images of the train split
//    (split == train, label != anomalous); of a plain folder every image.
//  - On success the model is saved (atomically, by the worker) and modelSaved(path) fires, then
//    the dialog accepts. On failure the error is shown in the dialog and failed(message) fires;
//    the form is enabled again so the user can fix the input and retry.
//  - cancel() (the Cancel button while running) stops the scan or the training within about a
//    second; the model file is not written. Closing the dialog while running cancels first and
//    closes when the worker has stopped, so the GUI thread never waits for it.
#include <QDialog>
#include <QStringList>

#include <vector>

#include "cada/model/Model.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace cada::ui {

class ScoreWorker;

class TrainDialog : public QDialog {
    Q_OBJECT
  public:
    explicit TrainDialog(QWidget* parent = nullptr);
    ~TrainDialog() override;

    // Programmatic access to the form (tests, command line).
    void setFolders(const QStringList& folders);
    QStringList folders() const;
    void setMethod(cada::Method method);
    // kind: "scattering", "randomcnn" or "torchscript" (then torchScriptPath is the .pt file).
    void setBackbone(const QString& kind, const QString& torchScriptPath = {});
    void setImageSize(int size);
    void setDevice(const QString& device); // auto | cpu | cuda
    void setOutputPath(const QString& path);
    QString outputPath() const;
    // The configuration the form describes.
    cada::TrainConfig config() const;

    // Validates the form and starts scanning + training; false (with the error shown) when the
    // form is invalid or a job is running.
    bool start();
    void cancel();
    bool isRunning() const { return m_running; }
    QString errorText() const;

    // Training images of one scanned folder, by the rule in the header comment.
    static std::vector<cada::TrainingImage> trainingImages(const QString& folder,
                                                           QStringList* problems = nullptr);

  signals:
    void modelSaved(const QString& path);
    void failed(const QString& message);
    void cancelled();

  public slots:
    void reject() override;

  private:
    void addFolder();
    void removeFolders();
    void browseTorchScript();
    void browseOutput();
    void updateBackboneRow();
    void setRunning(bool running);
    void showError(const QString& message);
    void startTraining(const std::vector<cada::TrainingImage>& images, const QStringList& problems);
    void onProgress(qint64 done, qint64 total, const QString& stage, double eta);
    void onEnded();

    QListWidget* m_folders = nullptr;
    QPushButton* m_addFolder = nullptr;
    QPushButton* m_removeFolder = nullptr;
    QComboBox* m_method = nullptr;
    QComboBox* m_backbone = nullptr;
    QLineEdit* m_torchScript = nullptr;
    QToolButton* m_browseTorchScript = nullptr;
    QSpinBox* m_imageSize = nullptr;
    QComboBox* m_device = nullptr;
    QLineEdit* m_output = nullptr;
    QToolButton* m_browseOutput = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_trainButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QWidget* m_form = nullptr;

    ScoreWorker* m_worker = nullptr;
    bool m_running = false;
    bool m_cancelRequested = false; // cancel during the scan, before the worker has a job
    bool m_closeWhenStopped = false;
    QString m_savePath;
};

} // namespace cada::ui
