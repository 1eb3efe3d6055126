#pragma once
// The engine (core) reports in English; the workstation shows its user-facing messages in the
// UI language. Known messages are matched by pattern and rebuilt from translated text with the
// same values (file names, sizes); a message without a pattern is shown as it is, so nothing is
// ever lost. Applied where engine text meets the user: worker failures, per-image errors.
#include <QString>

namespace cada::ui {

QString localizedEngineMessage(const QString& english);

} // namespace cada::ui
