#include "window/DialogProgress.h"

#include <QPointer>
#include <QProgressDialog>

#include "cada/Progress.h"

namespace cada::ui {

std::shared_ptr<cada::Progress> dialogProgress(QProgressDialog* dialog, QObject* context)
{
    QPointer<QProgressDialog> guard(dialog);
    auto progress = std::make_shared<cada::Progress>([context, guard](const ProgressEvent& e) {
        const QString stage = QString::fromStdString(e.stage);
        const int done = int(e.done), total = int(e.total);
        QMetaObject::invokeMethod(
            context,
            [guard, stage, done, total] {
                if (!guard)
                    return;
                guard->setLabelText(stage);
                guard->setMaximum(total);
                guard->setValue(done);
            },
            Qt::QueuedConnection);
    });
    QObject::connect(dialog, &QProgressDialog::canceled, context,
                     [weak = std::weak_ptr<cada::Progress>(progress)] {
                         if (auto p = weak.lock())
                             p->cancel();
                     });
    return progress;
}

} // namespace cada::ui
