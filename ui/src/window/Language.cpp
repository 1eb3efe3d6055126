#include "window/Language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace cada::ui::language {

namespace {
const QString kKey = QStringLiteral("preferences/language");
}

QStringList choices()
{
    return {QStringLiteral("system"), QStringLiteral("en"), QStringLiteral("de")};
}

QString stored()
{
    const QString value = QSettings().value(kKey, QStringLiteral("system")).toString();
    return choices().contains(value) ? value : QStringLiteral("system");
}

void store(const QString& language)
{
    QSettings().setValue(kKey, choices().contains(language) ? language : QStringLiteral("system"));
}

QString resolve(const QString& language)
{
    if (language == QStringLiteral("en") || language == QStringLiteral("de"))
        return language;
    for (const QString& ui : QLocale::system().uiLanguages())
        if (ui.startsWith(QStringLiteral("de")))
            return QStringLiteral("de");
    return QStringLiteral("en");
}

QString install(QCoreApplication* app, const QString& language)
{
    const QString resolved = resolve(language);
    // English plural forms first; a later translator is searched before earlier ones.
    auto* english = new QTranslator(app);
    if (english->load(QStringLiteral(":/i18n/cada_en.qm")))
        QCoreApplication::installTranslator(english);
    if (resolved == QStringLiteral("de")) {
        auto* qt = new QTranslator(app); // Qt's own dialogs and buttons
        if (qt->load(QLocale(QLocale::German), QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(qt);
        auto* german = new QTranslator(app);
        if (german->load(QStringLiteral(":/i18n/cada_de.qm")))
            QCoreApplication::installTranslator(german);
    }
    return resolved;
}

} // namespace cada::ui::language
