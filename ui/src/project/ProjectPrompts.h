#pragma once
// The questions ProjectController asks the user (modal: the answer decides what happens next);
// tests replace them through ProjectController's prompt setters.
#include <QString>
#include <QStringList>

class QWidget;

namespace cada::ui {

// Images of an opened project are missing: the folder they are in now, or empty to open it as it
// is.
QString askRelocationFolder(QWidget* parent, const QString& oldRoot, const QStringList& missing);
// The reviewer's name for the decisions (empty: record them without one).
QString askReviewerName(QWidget* parent);

} // namespace cada::ui
