#pragma once
// QtConcurrent::run hands on an exception that is not a QException as a QUnhandledException,
// whose what() is only "std::exception"; onFailed handlers use these to get the original's
// message (cada::Error names the file and the problem; in the UI language where it is a known
// one, see EngineMessages.h) and to tell a cancel from a failure.
#include <QString>

#include <exception>

namespace cada::ui {

QString workerErrorText(const std::exception& e);
bool isCancellation(const std::exception& e);

} // namespace cada::ui
