#pragma once
// The user interface language: the stored choice and the translators that apply it.
//
// The choice ("system", "en" or "de") lives in QSettings under preferences/language. It is
// applied once, at start (install() before the first window is created): widgets read their
// texts when they are built, so a change made in the preferences applies after a restart.
// The compiled translations are resources under :/i18n (cada_en.qm carries the English plural
// forms, cada_de.qm the German translation).
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace cada::ui::language {

// Languages the user can choose, as stored: "system", "en", "de".
QStringList choices();
QString stored();
void store(const QString& language);
// The language a choice resolves to: "en" or "de" ("system" follows the system locale).
QString resolve(const QString& language);
// Installs the translators for `language` ("system", "en" or "de") on `app`; returns the
// resolved language. The translators are children of app.
QString install(QCoreApplication* app, const QString& language);

} // namespace cada::ui::language
