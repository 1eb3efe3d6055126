#include "window/WorkerError.h"

#include <QException>

#include "cada/Error.h"
#include "window/EngineMessages.h"

namespace cada::ui {
namespace {

// The exception a worker threw, unwrapped from QUnhandledException; null when `e` is not one.
std::exception_ptr original(const std::exception& e)
{
    const auto* wrapped = dynamic_cast<const QUnhandledException*>(&e);
    return wrapped ? wrapped->exception() : nullptr;
}

} // namespace

QString workerErrorText(const std::exception& e)
{
    if (const std::exception_ptr inner = original(e)) {
        try {
            std::rethrow_exception(inner);
        } catch (const std::exception& x) {
            return localizedEngineMessage(QString::fromStdString(x.what()));
        } catch (...) {
            return QStringLiteral("unknown error");
        }
    }
    return localizedEngineMessage(QString::fromStdString(e.what()));
}

bool isCancellation(const std::exception& e)
{
    if (dynamic_cast<const cada::Cancelled*>(&e))
        return true;
    if (const std::exception_ptr inner = original(e)) {
        try {
            std::rethrow_exception(inner);
        } catch (const cada::Cancelled&) {
            return true;
        } catch (...) {
            return false;
        }
    }
    return false;
}

} // namespace cada::ui
