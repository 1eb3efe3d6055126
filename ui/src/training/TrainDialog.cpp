#include "training/TrainDialog.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "batch/ScoreWorker.h"
#include "cada/io/Dataset.h"
#include "window/WorkerError.h"

namespace cada::ui {

namespace {

struct ScanResult {
    std::vector<cada::TrainingImage> images;
    QStringList problems;
};

QString formatEta(double seconds)
{
    const int s = qRound(seconds);
    if (s >= 3600)
        return TrainDialog::tr("%1 h %2 min left").arg(s / 3600).arg((s % 3600) / 60);
    if (s >= 60)
        return TrainDialog::tr("%1 min %2 s left").arg(s / 60).arg(s % 60);
    return TrainDialog::tr("%1 s left").arg(s);
}

} // namespace

TrainDialog::TrainDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Train new model"));
    setObjectName(QStringLiteral("TrainDialog"));

    m_folders = new QListWidget(this);
    m_folders->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_folders->setToolTip(tr("Folders of normal images. MVTec AD and VisA layouts contribute their "
                             "normal training images; plain folders every image."));
    m_folders->setMinimumHeight(90);
    m_addFolder = new QPushButton(tr("Add folder..."), this);
    m_removeFolder = new QPushButton(tr("Remove"), this);
    auto* folderButtons = new QVBoxLayout;
    folderButtons->addWidget(m_addFolder);
    folderButtons->addWidget(m_removeFolder);
    folderButtons->addStretch(1);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folders, 1);
    folderRow->addLayout(folderButtons);

    m_method = new QComboBox(this);
    m_method->addItem(tr("PatchCore (memory bank)"), int(cada::Method::PatchCore));
    m_method->addItem(tr("Reverse Distillation"), int(cada::Method::RevDist));

    m_backbone = new QComboBox(this);
    m_backbone->addItem(tr("Built-in scattering network (no weights needed)"),
                        QStringLiteral("scattering"));
    m_backbone->addItem(tr("Built-in random CNN (seeded)"), QStringLiteral("randomcnn"));
    m_backbone->addItem(tr("TorchScript file (.pt)"), QStringLiteral("torchscript"));
    m_torchScript = new QLineEdit(this);
    m_torchScript->setPlaceholderText(tr("TorchScript backbone file"));
    m_browseTorchScript = new QToolButton(this);
    m_browseTorchScript->setText(tr("Browse..."));
    auto* torchRow = new QHBoxLayout;
    torchRow->addWidget(m_torchScript, 1);
    torchRow->addWidget(m_browseTorchScript);

    m_imageSize = new QSpinBox(this);
    m_imageSize->setRange(32, 1024);
    m_imageSize->setSingleStep(16);
    m_imageSize->setValue(256);
    m_imageSize->setSuffix(tr(" px"));
    m_imageSize->setToolTip(tr("Images are resized to this square side (a multiple of 16)."));

    m_device = new QComboBox(this);
    m_device->addItem(tr("Automatic (CUDA when available)"), QStringLiteral("auto"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));

    m_output = new QLineEdit(this);
    m_output->setPlaceholderText(tr("Model file to write (*.cada)"));
    m_browseOutput = new QToolButton(this);
    m_browseOutput->setText(tr("Browse..."));
    auto* outputRow = new QHBoxLayout;
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(m_browseOutput);

    m_form = new QWidget(this);
    auto* form = new QFormLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Training folders:"), folderRow);
    form->addRow(tr("Detector:"), m_method);
    form->addRow(tr("Backbone:"), m_backbone);
    form->addRow(QString(), torchRow);
    form->addRow(tr("Image size:"), m_imageSize);
    form->addRow(tr("Device:"), m_device);
    form->addRow(tr("Save model as:"), outputRow);

    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(true);
    m_progress->setVisible(false);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b00020; }"));
    m_error->setVisible(false);

    auto* buttons = new QDialogButtonBox(this);
    m_trainButton = buttons->addButton(tr("Train"), QDialogButtonBox::AcceptRole);
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setText(tr("Cancel"));
    m_trainButton->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);

    m_worker = new ScoreWorker(this);
    connect(m_addFolder, &QPushButton::clicked, this, &TrainDialog::addFolder);
    connect(m_removeFolder, &QPushButton::clicked, this, &TrainDialog::removeFolders);
    connect(m_browseTorchScript, &QToolButton::clicked, this, &TrainDialog::browseTorchScript);
    connect(m_browseOutput, &QToolButton::clicked, this, &TrainDialog::browseOutput);
    connect(m_backbone, &QComboBox::currentIndexChanged, this, &TrainDialog::updateBackboneRow);
    connect(m_trainButton, &QPushButton::clicked, this, &TrainDialog::start);
    // Cancel stops a running job, otherwise closes the dialog.
    connect(m_cancelButton, &QPushButton::clicked, this,
            [this] { m_running ? cancel() : QDialog::reject(); });
    connect(m_worker, &ScoreWorker::progress, this, &TrainDialog::onProgress);
    connect(m_worker, &ScoreWorker::finished, this, [this] {
        onEnded();
        m_status->setText(tr("Model saved to %1.").arg(QDir::toNativeSeparators(m_savePath)));
        emit modelSaved(m_savePath);
        accept();
    });
    connect(m_worker, &ScoreWorker::cancelled, this, [this] {
        onEnded();
        m_status->setText(tr("Training cancelled; no model was written."));
        emit cancelled();
        if (m_closeWhenStopped)
            QDialog::reject();
    });
    connect(m_worker, &ScoreWorker::failed, this, [this](const QString& message) {
        onEnded();
        m_status->clear();
        showError(tr("Training failed: %1").arg(message));
        emit failed(message);
        if (m_closeWhenStopped)
            QDialog::reject();
    });
    updateBackboneRow();
    resize(560, 480);
}

TrainDialog::~TrainDialog() = default;

void TrainDialog::setFolders(const QStringList& folders)
{
    m_folders->clear();
    m_folders->addItems(folders);
}

QStringList TrainDialog::folders() const
{
    QStringList out;
    for (int i = 0; i < m_folders->count(); ++i)
        out << m_folders->item(i)->text();
    return out;
}

void TrainDialog::setMethod(cada::Method method)
{
    m_method->setCurrentIndex(m_method->findData(int(method)));
}

void TrainDialog::setBackbone(const QString& kind, const QString& torchScriptPath)
{
    const int i = m_backbone->findData(kind);
    if (i >= 0)
        m_backbone->setCurrentIndex(i);
    m_torchScript->setText(torchScriptPath);
}

void TrainDialog::setImageSize(int size)
{
    m_imageSize->setValue(size);
}

void TrainDialog::setDevice(const QString& device)
{
    const int i = m_device->findData(device);
    if (i >= 0)
        m_device->setCurrentIndex(i);
}

void TrainDialog::setOutputPath(const QString& path)
{
    m_output->setText(path);
}

QString TrainDialog::outputPath() const
{
    return m_output->text().trimmed();
}

QString TrainDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

cada::TrainConfig TrainDialog::config() const
{
    cada::TrainConfig c;
    c.method = cada::Method(m_method->currentData().toInt());
    c.backbone.kind = m_backbone->currentData().toString().toStdString();
    if (c.backbone.kind == "torchscript")
        c.backbone.torchScriptPath = m_torchScript->text().trimmed().toStdString();
    c.imageSize = m_imageSize->value();
    c.device = m_device->currentData().toString().toStdString();
    return c;
}

void TrainDialog::addFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Add training folder"));
    if (!folder.isEmpty() && folders().indexOf(folder) < 0)
        m_folders->addItem(folder);
}

void TrainDialog::removeFolders()
{
    qDeleteAll(m_folders->selectedItems());
}

void TrainDialog::browseTorchScript()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("TorchScript backbone"), {}, tr("TorchScript files (*.pt *.pth);;All files (*)"));
    if (!file.isEmpty())
        m_torchScript->setText(file);
}

void TrainDialog::browseOutput()
{
    QString file = QFileDialog::getSaveFileName(this, tr("Save model as"), m_output->text(),
                                                tr("CADA models (*.cada)"));
    if (file.isEmpty())
        return;
    if (QFileInfo(file).suffix().isEmpty())
        file += QStringLiteral(".cada");
    m_output->setText(file);
}

void TrainDialog::updateBackboneRow()
{
    const bool torch = m_backbone->currentData().toString() == QStringLiteral("torchscript");
    m_torchScript->setEnabled(torch);
    m_browseTorchScript->setEnabled(torch);
}

void TrainDialog::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(true);
}

void TrainDialog::setRunning(bool running)
{
    m_running = running;
    m_form->setEnabled(!running);
    m_trainButton->setEnabled(!running);
    m_progress->setVisible(running);
}

std::vector<cada::TrainingImage> TrainDialog::trainingImages(const QString& folder,
                                                             QStringList* problems)
{
    const cada::io::Dataset ds =
        cada::io::scanDataset(folder.toStdString(), cada::io::Layout::Auto);
    std::vector<cada::TrainingImage> out;
    for (const auto& r : ds.normalTrainingRecords())
        out.push_back({r.path, r.className});
    if (problems)
        for (const auto& p : ds.problems)
            *problems << QString::fromStdString(p.path.string() + ": " + p.reason);
    return out;
}

bool TrainDialog::start()
{
    if (m_running)
        return false;
    m_error->setVisible(false);
    const QStringList dirs = folders();
    if (dirs.isEmpty()) {
        showError(tr("Add at least one folder of normal training images."));
        return false;
    }
    const cada::TrainConfig c = config();
    if (c.imageSize % 16 != 0) {
        showError(tr("The image size must be a multiple of 16 (got %1).").arg(c.imageSize));
        return false;
    }
    if (c.backbone.kind == "torchscript" &&
        !QFileInfo(QString::fromStdString(c.backbone.torchScriptPath)).isFile()) {
        showError(tr(
            "Choose an existing TorchScript file for the backbone, or pick a built-in backbone."));
        return false;
    }
    QString out = outputPath();
    if (out.isEmpty()) {
        showError(tr("Choose where to save the model file."));
        return false;
    }
    const QFileInfo outInfo(out);
    if (!outInfo.absoluteDir().exists()) {
        showError(tr("The folder %1 does not exist; choose another place for the model file.")
                      .arg(QDir::toNativeSeparators(outInfo.absolutePath())));
        return false;
    }
    m_savePath = outInfo.absoluteFilePath();
    m_cancelRequested = false;
    setRunning(true);
    m_progress->setRange(0, 0);
    m_progress->setFormat(tr("Scanning folders"));
    m_status->setText(tr("Scanning %n folder(s)...", nullptr, int(dirs.size())));

    QtConcurrent::run([dirs] {
        ScanResult result;
        for (const QString& d : dirs) {
            auto images = trainingImages(d, &result.problems);
            result.images.insert(result.images.end(), images.begin(), images.end());
        }
        return result;
    }).then(this, [this](const ScanResult& scan) {
          startTraining(scan.images, scan.problems);
      }).onFailed(this, [this](const std::exception& e) {
        setRunning(false);
        m_status->clear();
        const QString message = workerErrorText(e);
        showError(tr("Could not read the training folders: %1").arg(message));
        emit failed(message);
        if (m_closeWhenStopped)
            QDialog::reject();
    });
    return true;
}

void TrainDialog::startTraining(const std::vector<cada::TrainingImage>& images,
                                const QStringList& problems)
{
    if (m_cancelRequested) {
        onEnded();
        m_status->setText(tr("Training cancelled; no model was written."));
        emit cancelled();
        if (m_closeWhenStopped)
            QDialog::reject();
        return;
    }
    if (images.empty()) {
        setRunning(false);
        m_status->clear();
        const QString message = tr("No normal training images were found in the chosen folders.");
        showError(message);
        emit failed(message);
        return;
    }
    m_status->setText(problems.isEmpty()
                          ? tr("Training on %n image(s).", nullptr, int(images.size()))
                          : tr("Training on %n image(s); %1 entries skipped (first: %2).", nullptr,
                               int(images.size()))
                                .arg(problems.size())
                                .arg(problems.front()));
    m_worker->train(images, config(), folders(), m_savePath);
}

void TrainDialog::onProgress(qint64 done, qint64 total, const QString& stage, double eta)
{
    if (total <= 0) {
        m_progress->setRange(0, 0);
        m_progress->setFormat(stage);
        return;
    }
    m_progress->setRange(0, int(std::min<qint64>(total, INT_MAX)));
    m_progress->setValue(int(std::min<qint64>(done, INT_MAX)));
    m_progress->setFormat(eta >= 0 ? tr("%1: %v/%m, %2").arg(stage, formatEta(eta))
                                   : tr("%1: %v/%m").arg(stage));
}

void TrainDialog::onEnded()
{
    setRunning(false);
}

void TrainDialog::cancel()
{
    if (!m_running)
        return;
    m_cancelRequested = true;
    m_worker->cancel();
    m_status->setText(tr("Cancelling..."));
}

void TrainDialog::reject()
{
    // Escape or the window's close button: never leave a job running behind a closed dialog.
    if (m_running) {
        m_closeWhenStopped = true;
        cancel();
        return;
    }
    QDialog::reject();
}

} // namespace cada::ui
