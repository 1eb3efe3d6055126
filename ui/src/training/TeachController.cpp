#include "training/TeachController.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include "ProjectStore.h"
#include "batch/ImageListModel.h"
#include "cada/Error.h"
#include "cada/Progress.h"
#include "project/ProjectController.h"
#include "session/InspectionSession.h"
#include "window/DialogProgress.h"
#include "window/PreferencesDialog.h"
#include "window/WorkerError.h"

namespace cada::ui {

using cada::project::Decision;

TeachController::TeachController(InspectionSession* session, ProjectController* projects,
                                 QWidget* dialogParent)
    : QObject(session), m_session(session), m_projects(projects), m_dialogParent(dialogParent)
{
    connect(session, &InspectionSession::batchEnded, this,
            [this](const QString&, bool complete) { onBatchEnded(complete); });
    connect(session, &InspectionSession::modelChanged, this, &TeachController::updateActions);
    connect(projects, &ProjectController::snapshotChanged, this, &TeachController::updateActions);
    m_return = new QAction(tr("Return to previous model &version"), this);
    m_return->setToolTip(tr("Open the model version this one was taught from, and score the "
                            "batch with it"));
    connect(m_return, &QAction::triggered, this, [this] { returnToPrevious(); });
    m_return->setEnabled(false);
}

TeachController::~TeachController()
{
    cancel();
    try {
        m_done.waitForFinished();
    } catch (const std::exception&) {
        // Its failure was reported (or the window is closing); only the waiting matters here.
    }
}

void TeachController::addActions(QMenu* review)
{
    review->addSeparator();
    m_teach = review->addAction(tr("&Teach as normal..."), this,
                                [this] { teach(selectedRows(), UpdateReason::FalseAlarms); });
    m_teach->setToolTip(tr("Add the selected images reviewed OK to the model's normal images (a "
                           "new model version; false alarms stop being flagged)"));
    m_learn = review->addAction(tr("&Learn this type..."), this,
                                [this] { teach(unknownTypeRows(), UpdateReason::NewType); });
    m_learn->setToolTip(tr("Teach the model the unknown-type images reviewed OK as a new product "
                           "type (a new model version with a new group)"));
    updateActions();
}

void TeachController::updateActions()
{
    const auto model = m_session->model();
    m_return->setEnabled(model && !model->info().history.empty() && !m_running);
    if (!m_teach)
        return;
    const bool ready = model && m_projects->hasProject() && !m_running;
    m_teach->setEnabled(ready);
    m_learn->setEnabled(ready);
}

QList<int> TeachController::selectedRows() const
{
    QList<int> rows = m_selected ? m_selected() : QList<int>();
    if (rows.isEmpty() && m_session->currentRow() >= 0)
        rows << m_session->currentRow();
    return rows;
}

TeachController::Plan TeachController::plan(const QList<int>& rows) const
{
    Plan p;
    const ImageListModel* images = m_session->images();
    const auto model = m_session->model();
    const double limit =
        model ? cada::Model::farAboveLimit(model->defaultThreshold(Alignment::Cada)) : 0.0;
    for (int row : rows) {
        if (row < 0 || row >= images->rowCount())
            continue;
        const Decision d = images->decision(row);
        if (d == Decision::Defective) {
            ++p.defective;
            continue;
        }
        const ScoredImage& im = images->image(row);
        if (d != Decision::Ok || !images->isScored(row) || !im.ok()) {
            ++p.notOk;
            continue;
        }
        p.rows << row;
        if (!im.unknownType && im.score > limit)
            p.farAbove << row;
    }
    return p;
}

QList<int> TeachController::unknownTypeRows() const
{
    QList<int> rows;
    const ImageListModel* images = m_session->images();
    for (int row = 0; row < images->rowCount(); ++row)
        if (images->isScored(row) && images->image(row).ok() && images->image(row).unknownType)
            rows << row;
    return rows;
}

QString TeachController::nextVersionPath(const QString& base, int version) const
{
    const QFileInfo info(base);
    // "line.cada" -> "line.v2.cada"; "line.v2.cada" -> "line.v3.cada".
    QString stem = info.completeBaseName();
    stem.remove(QRegularExpression(QStringLiteral("\\.v\\d+(-\\d+)?$")));
    QString path = info.dir().filePath(QStringLiteral("%1.v%2.cada").arg(stem).arg(version));
    for (int k = 2; QFileInfo::exists(path); ++k)
        path = info.dir().filePath(QStringLiteral("%1.v%2-%3.cada").arg(stem).arg(version).arg(k));
    return path;
}

bool TeachController::teach(const QList<int>& rows, UpdateReason reason)
{
    const auto model = m_session->model();
    const auto refuse = [this](const QString& text) {
        emit notice(text);
        return false;
    };
    if (m_running || m_session->isScoring())
        return refuse(tr("Wait until the running batch or model update has finished."));
    if (!model || !m_projects->hasProject())
        return refuse(tr("Teaching uses review decisions: open the model, create a project (File "
                         "> New project) and mark the images OK first."));
    const Plan p = plan(rows);
    if (p.defective > 0) {
        const int defective = p.defective;
        return refuse(tr("%n selected image(s) are reviewed defective; an image marked defective "
                         "is never taught as normal. Select only images reviewed OK.",
                         nullptr, defective));
    }
    if (p.rows.isEmpty())
        return refuse(reason == UpdateReason::NewType
                          ? tr("No unknown-type image is reviewed OK yet: mark the images of the "
                               "new type OK (O), then learn the type.")
                          : tr("No selected image is reviewed OK: mark false alarms OK (O), then "
                               "teach them."));
    const ImageListModel* images = m_session->images();
    QString question =
        reason == UpdateReason::NewType
            ? tr("Learn a new product type from %n image(s) reviewed OK?", nullptr,
                 int(p.rows.size()))
            : tr("Teach %n image(s) reviewed OK as normal?", nullptr, int(p.rows.size()));
    if (p.notOk > 0)
        question +=
            QLatin1Char(' ') + tr("%n image(s) not reviewed OK are left out.", nullptr, p.notOk);
    if (!p.farAbove.isEmpty()) {
        QStringList names;
        for (int row : p.farAbove)
            names << QStringLiteral("%1 (%2)")
                         .arg(QFileInfo(images->path(row)).fileName())
                         .arg(images->image(row).score, 0, 'f', 2);
        question += QStringLiteral("\n\n") +
                    tr("%n image(s) score far above the threshold %1 for their type: %2. Teaching "
                       "a real defect as normal hides it from now on.",
                       nullptr, int(p.farAbove.size()))
                        .arg(model->defaultThreshold(Alignment::Cada), 0, 'f', 2)
                        .arg(names.join(QStringLiteral(", ")));
    }
    question += QStringLiteral("\n\n") +
                tr("A new model version is saved beside the current one; the batch is then scored "
                   "with it and you keep it or return to this version.");
    const bool confirmed = m_confirm ? m_confirm(question)
                                     : QMessageBox::question(m_dialogParent, tr("Teach the model"),
                                                             question) == QMessageBox::Yes;
    if (!confirmed)
        return false;

    std::vector<cada::TrainingImage> added;
    for (int row : p.rows)
        added.push_back({images->path(row).toStdString(), {}});
    cada::UpdateOptions options;
    options.reason = reason;
    options.reviewer = PreferencesDialog::reviewerName().toStdString();
    const QString base = m_session->modelPath();
    const int version = model->info().version + 1;
    const QString out = nextVersionPath(base, version);

    m_running = true;
    updateActions();
    m_dialog = new QProgressDialog(tr("Updating the model..."), tr("Cancel"), 0, 0, m_dialogParent);
    m_dialog->setWindowTitle(tr("Teach the model"));
    m_dialog->setWindowModality(Qt::WindowModal);
    m_dialog->setMinimumDuration(0);
    m_dialog->setAutoClose(false);
    m_dialog->setAutoReset(false);
    m_progress = dialogProgress(m_dialog, this);
    auto progress = m_progress;
    const auto finish = [this] {
        m_running = false;
        if (m_dialog)
            m_dialog->deleteLater();
        m_dialog = nullptr;
        updateActions();
    };
    auto future = QtConcurrent::run([base, out, added, options, progress] {
        auto updated = cada::Model::update(base.toStdString(), added, options, *progress);
        updated->save(out.toStdString());
        return out;
    });
    m_done = QFuture<void>(future);
    future
        .then(this,
              [this, finish, base, version](const QString& path) {
                  finish();
                  emit modelSaved(path);
                  m_before = countBatch();
                  m_parentPath = base;
                  m_newVersion = version;
                  m_waiting = Waiting::Effect;
                  m_session->rescoreWithNextModel();
                  m_session->openModel(path);
              })
        .onFailed(this, [this, finish](const std::exception& e) {
            finish();
            if (isCancellation(e)) {
                emit notice(tr("Model update cancelled; no new version was written."));
                return;
            }
            const QString message = workerErrorText(e);
            emit failed(message);
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Teach the model"), message,
                                        QMessageBox::Ok, m_dialogParent);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
    return true;
}

void TeachController::cancel()
{
    if (m_progress)
        m_progress->cancel();
}

TeachController::Counts TeachController::countBatch() const
{
    Counts c;
    const ImageListModel* images = m_session->images();
    c.threshold = m_session->threshold();
    for (int row = 0; row < images->rowCount(); ++row) {
        const ScoredImage& im = images->image(row);
        if (!images->isScored(row) || !im.ok())
            continue;
        c.unknown += im.unknownType;
        auto& [count, flagged] = c.groups[im.group];
        ++count;
        flagged += im.score >= c.threshold;
    }
    return c;
}

void TeachController::onBatchEnded(bool complete)
{
    const Waiting waiting = std::exchange(m_waiting, Waiting::Nothing);
    if (waiting == Waiting::Nothing)
        return;
    if (!complete) { // the rescore was cancelled or failed
        emit notice(tr("The batch was not scored completely with %1; the project keeps its "
                       "scores. File > Return to previous model version goes back.")
                        .arg(QFileInfo(m_session->modelPath()).fileName()));
        return;
    }
    if (waiting == Waiting::Return) {
        m_projects->storeRescoredBatch();
        emit returned(m_session->modelPath());
        return;
    }
    const Counts after = countBatch();
    Effect effect;
    effect.version = m_newVersion;
    effect.thresholdBefore = m_before.threshold;
    effect.thresholdAfter = after.threshold;
    effect.unknownBefore = m_before.unknown;
    effect.unknownAfter = after.unknown;
    for (const auto& [id, counts] : m_before.groups) {
        effect.groups[id].imagesBefore = counts.first;
        effect.groups[id].flaggedBefore = counts.second;
    }
    for (const auto& [id, counts] : after.groups) {
        effect.groups[id].imagesAfter = counts.first;
        effect.groups[id].flaggedAfter = counts.second;
    }
    for (auto& [id, g] : effect.groups)
        g.name = m_session->images()->groupName(id);
    const bool keep = m_decide ? m_decide(effect) : askToKeep(effect);
    emit effectShown(effect, keep);
    if (keep) {
        m_projects->storeRescoredBatch();
        emit notice(tr("Model version %1 is in use: %2")
                        .arg(effect.version)
                        .arg(QFileInfo(m_session->modelPath()).fileName()));
    } else {
        returnToPrevious();
    }
}

bool TeachController::askToKeep(const Effect& effect)
{
    QDialog dialog(m_dialogParent);
    dialog.setWindowTitle(tr("Model version %1").arg(effect.version));
    auto* layout = new QVBoxLayout(&dialog);
    auto* summary = new QLabel(
        tr("The batch was scored with the new version.\nDefault threshold: %1 -> %2\nImages of "
           "an unknown type: %3 -> %4")
            .arg(effect.thresholdBefore, 0, 'f', 3)
            .arg(effect.thresholdAfter, 0, 'f', 3)
            .arg(effect.unknownBefore)
            .arg(effect.unknownAfter),
        &dialog);
    summary->setWordWrap(true);
    layout->addWidget(summary);
    auto* table = new QTableWidget(int(effect.groups.size()), 3, &dialog);
    table->setHorizontalHeaderLabels({tr("Group"), tr("Images"), tr("Flagged before -> after")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    int r = 0;
    for (const auto& [id, g] : effect.groups) {
        table->setItem(r, 0, new QTableWidgetItem(id < 0 ? tr("No group") : g.name));
        table->setItem(r, 1,
                       new QTableWidgetItem(
                           QStringLiteral("%1 -> %2").arg(g.imagesBefore).arg(g.imagesAfter)));
        table->setItem(r, 2,
                       new QTableWidgetItem(
                           QStringLiteral("%1 -> %2").arg(g.flaggedBefore).arg(g.flaggedAfter)));
        ++r;
    }
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(table);
    auto* buttons = new QDialogButtonBox(&dialog);
    buttons->addButton(tr("Keep version %1").arg(effect.version), QDialogButtonBox::AcceptRole);
    buttons->addButton(tr("Return to version %1").arg(effect.version - 1),
                       QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(560, 380);
    return dialog.exec() == QDialog::Accepted;
}

bool TeachController::returnToPrevious()
{
    const auto model = m_session->model();
    if (!model || model->info().history.empty() || m_session->isScoring() || m_running) {
        emit notice(tr("The model in use has no previous version to return to."));
        return false;
    }
    const cada::ModelUpdate& last = model->info().history.back();
    const QString parent = QString::fromStdString(last.parentPath);
    QString problem;
    if (parent.isEmpty() || !QFileInfo::exists(parent))
        problem = tr("The previous version %1 is not at its recorded place.").arg(parent);
    else if (cada::project::ProjectStore::fileSha256(parent).toStdString() != last.parentSha256)
        problem = tr("The file %1 changed since this version was made from it.").arg(parent);
    if (!problem.isEmpty()) {
        emit failed(problem);
        emit notice(problem);
        return false;
    }
    m_waiting = Waiting::Return;
    m_session->rescoreWithNextModel();
    m_session->openModel(parent);
    return true;
}

} // namespace cada::ui
