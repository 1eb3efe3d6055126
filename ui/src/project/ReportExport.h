#pragma once
// One report export of a project snapshot (File > Export report): writeReport on a worker with
// its own copy of the model, a non-modal progress dialog whose Cancel stops it, and one of
// written / cancelled / failed at the end. The destructor cancels a running export and waits.
#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

#include "ProjectTypes.h"

class QProgressDialog;
class QWidget;

namespace cada {
class Progress;
}

namespace cada::ui {

class ReportExport : public QObject {
    Q_OBJECT
  public:
    explicit ReportExport(QObject* parent = nullptr);
    ~ReportExport() override;

    bool isRunning() const { return m_running; }
    // Returns at once; the dialog opens over `dialogParent` when the export takes a while.
    void start(std::shared_ptr<const cada::project::ProjectSnapshot> snapshot, const QString& dir,
               QWidget* dialogParent);
    void cancel();

  signals:
    void written(const QString& dir, int overlays, const QStringList& problems);
    void cancelled();
    void failed(const QString& message);

  private:
    void finish();

    bool m_running = false;
    std::shared_ptr<cada::Progress> m_progress;
    QFuture<void> m_done; // the worker itself: the destructor waits for it
    QPointer<QProgressDialog> m_dialog;
};

} // namespace cada::ui
