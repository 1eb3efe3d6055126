#include "project/ProjectPrompts.h"

#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>

namespace cada::ui {
// The texts keep the project controller's translation context.

QString askRelocationFolder(QWidget* parent, const QString& oldRoot, const QStringList& missing)
{
    QMessageBox box(QMessageBox::Question,
                    QCoreApplication::translate("cada::ui::ProjectController", "Images moved"),
                    QCoreApplication::translate("cada::ui::ProjectController",
                                                "%n image(s) of this project are no longer in "
                                                "%1. Were they moved to another folder?",
                                                nullptr, int(missing.size()))
                        .arg(oldRoot),
                    QMessageBox::NoButton, parent);
    QPushButton* relocate = box.addButton(
        QCoreApplication::translate("cada::ui::ProjectController", "Choose new folder..."),
        QMessageBox::AcceptRole);
    box.addButton(QCoreApplication::translate("cada::ui::ProjectController", "Open as it is"),
                  QMessageBox::RejectRole);
    box.exec();
    if (box.clickedButton() != relocate)
        return {};
    return QFileDialog::getExistingDirectory(
        parent,
        QCoreApplication::translate("cada::ui::ProjectController", "Folder that now holds %1")
            .arg(QFileInfo(oldRoot).fileName()));
}

QString askReviewerName(QWidget* parent)
{
    return QInputDialog::getText(
        parent, QCoreApplication::translate("cada::ui::ProjectController", "Reviewer name"),
        QCoreApplication::translate("cada::ui::ProjectController",
                                    "Your name is recorded with each review decision (File > "
                                    "Preferences changes it):"));
}

} // namespace cada::ui
