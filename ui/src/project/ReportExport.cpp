#include "project/ReportExport.h"

#include <QFileInfo>
#include <QProgressDialog>
#include <QtConcurrent>

#include "ProjectStore.h"
#include "ReportWriter.h"
#include "cada/Progress.h"
#include "window/DialogProgress.h"
#include "cada/model/Model.h"
#include "window/WorkerError.h"

namespace cada::ui {

using namespace cada::project;

ReportExport::ReportExport(QObject* parent) : QObject(parent) {}

ReportExport::~ReportExport()
{
    cancel();
    try {
        m_done.waitForFinished();
    } catch (const std::exception&) {
        // Its failure was reported (or the window is closing); only the waiting matters here.
    }
}

void ReportExport::cancel()
{
    if (m_progress)
        m_progress->cancel();
}

void ReportExport::finish()
{
    m_running = false;
    if (m_dialog)
        m_dialog->deleteLater();
}

void ReportExport::start(std::shared_ptr<const ProjectSnapshot> snapshot, const QString& dir,
                         QWidget* dialogParent)
{
    m_running = true;
    auto* dialog =
        new QProgressDialog(tr("Writing the report..."), tr("Cancel"), 0, 0, dialogParent);
    dialog->setWindowTitle(tr("Export report"));
    dialog->setWindowModality(Qt::NonModal);
    dialog->setMinimumDuration(300);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    m_dialog = dialog;
    m_progress = dialogProgress(dialog, this);
    auto progress = m_progress;

    auto future = QtConcurrent::run([snapshot, dir, progress] {
        // A model of its own: the window's model serves its scoring worker, one thread at a time.
        std::unique_ptr<Model> model;
        const ModelRecord& m = snapshot->model;
        if (!m.path.isEmpty() && QFileInfo::exists(m.path) &&
            (m.sha256.isEmpty() || ProjectStore::fileSha256(m.path) == m.sha256))
            model = Model::load(m.path.toStdString());
        return writeReport(*snapshot, model.get(), dir, *progress);
    });
    m_done = future;
    future
        .then(this,
              [this, dir](const ReportFiles& files) {
                  finish();
                  emit written(dir, files.overlayDir.isEmpty() ? 0 : files.overlays,
                               files.problems);
              })
        .onFailed(this, [this](const std::exception& e) {
            finish();
            if (isCancellation(e))
                emit cancelled();
            else
                emit failed(workerErrorText(e));
        });
}

} // namespace cada::ui
