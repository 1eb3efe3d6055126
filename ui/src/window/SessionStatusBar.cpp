#include "window/SessionStatusBar.h"

#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include "batch/ImageListModel.h"
#include "cada/model/Model.h"
#include "session/InspectionSession.h"

namespace cada::ui {

SessionStatusBar::SessionStatusBar(InspectionSession* session, QWidget* parent)
    : QStatusBar(parent), m_session(session)
{
    m_flagged = new QLabel(this);
    m_model = new QLabel(this);
    m_hover = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(320);
    m_progress->setTextVisible(true);
    m_progress->setVisible(false);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setVisible(false);
    addWidget(m_flagged);
    addWidget(m_model);
    addWidget(m_hover, 1);
    addPermanentWidget(m_progress);
    addPermanentWidget(m_cancel);

    connect(m_cancel, &QPushButton::clicked, session, &InspectionSession::cancelScoring);
    connect(session->images(), &ImageListModel::flaggedCountChanged, this,
            &SessionStatusBar::updateCounts);
    connect(session, &InspectionSession::modelLoading, this, [this](const QString& path) {
        m_model->setText(tr("Loading model %1 ...").arg(QFileInfo(path).fileName()));
    });
    connect(session, &InspectionSession::modelFailed, this,
            [this] { m_model->setText(tr("No model")); });
    connect(session, &InspectionSession::modelChanged, this, [this](const QString& path) {
        const auto& info = m_session->model()->info();
        m_model->setText(tr("Model %1 | %2 | %3")
                             .arg(QFileInfo(path).fileName(),
                                  QString::fromStdString(cada::methodName(info.method)),
                                  QString::fromStdString(info.device)));
    });
    connect(session, &InspectionSession::folderScanning, this, [this](const QString& folder) {
        m_flagged->setText(tr("Scanning %1 ...").arg(folder));
    });
    connect(session, &InspectionSession::folderFailed, this, &SessionStatusBar::updateCounts);
    connect(session, &InspectionSession::batchStarted, this, [this](int count) {
        m_progress->setRange(0, count);
        m_progress->setValue(0);
        m_progress->setVisible(true);
        m_cancel->setVisible(true);
    });
    connect(session, &InspectionSession::progress, this,
            [this](qint64 done, qint64 total, const QString& stage, double eta) {
                m_progress->setRange(0, int(std::max<qint64>(total, 1)));
                m_progress->setValue(int(done));
                m_progress->setFormat(eta >= 0
                                          ? tr("%1: %v/%m, %2 s left").arg(stage).arg(qRound(eta))
                                          : tr("%1: %v/%m"));
            });
    connect(session, &InspectionSession::batchEnded, this, [this](const QString& message) {
        m_progress->setVisible(false);
        m_cancel->setVisible(false);
        m_hover->setText(message); // not showMessage(): it would hide "flagged N of M"
        updateCounts();
    });
}

void SessionStatusBar::setHoverText(const QString& text)
{
    m_hover->setText(text);
}

void SessionStatusBar::setProjectModel(const QString& modelPath)
{
    m_model->setText(tr("Model %1 (from the project)").arg(QFileInfo(modelPath).fileName()));
}

void SessionStatusBar::updateCounts()
{
    const ImageListModel* images = m_session->images();
    const int total = images->rowCount();
    const int failed = images->errorCount();
    const int scored = images->scoredCount() - failed;
    m_flagged->setText(
        total == 0 ? tr("No images")
        : failed == 0
            ? tr("Flagged %1 of %2 (%3 scored)").arg(images->flaggedCount()).arg(total).arg(scored)
            : tr("Flagged %1 of %2 (%3 scored, %4 failed)")
                  .arg(images->flaggedCount())
                  .arg(total)
                  .arg(scored)
                  .arg(failed));
    if (!m_session->model() && m_model->text().isEmpty())
        m_model->setText(tr("No model (File > Open model)"));
}

} // namespace cada::ui
