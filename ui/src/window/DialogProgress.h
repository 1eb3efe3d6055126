#pragma once
// A cada::Progress for work on a worker thread whose stage and count show in a QProgressDialog:
// reports are queued to `context`'s thread (the dialog may be gone by then), and the dialog's
// Cancel cancels the work (cada::Cancelled within about a second).
#include <memory>

class QObject;
class QProgressDialog;

namespace cada {
class Progress;
}

namespace cada::ui {

std::shared_ptr<cada::Progress> dialogProgress(QProgressDialog* dialog, QObject* context);

} // namespace cada::ui
