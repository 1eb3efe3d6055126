#include "window/PreferencesDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QVBoxLayout>

#include <opencv2/imgproc.hpp>

#include "heatmap/HeatmapRenderer.h"
#include "window/Language.h"

namespace cada::ui {

namespace {
const QString kReviewer = QStringLiteral("preferences/reviewerName");
const QString kColormap = QStringLiteral("preferences/colormap");
} // namespace

PreferencesDialog::PreferencesDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("PreferencesDialog"));

    m_language = new QComboBox(this);
    m_language->addItem(tr("System default"), QStringLiteral("system"));
    m_language->addItem(QStringLiteral("English"),
                        QStringLiteral("en")); // language names in their own language
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(language::stored())));
    auto* restartNote = new QLabel(tr("A change of language applies after a restart."), this);
    restartNote->setWordWrap(true);

    m_reviewer = new QLineEdit(this);
    m_reviewer->setPlaceholderText(tr("Recorded with your review decisions"));
    m_reviewer->setText(reviewerName());

    m_colormap = new QComboBox(this);
    for (const auto& cm : heatmap::colormaps())
        m_colormap->addItem(QString::fromLatin1(cm.name), cm.id);
    m_colormap->setCurrentIndex(std::max(0, m_colormap->findData(defaultColormap())));
    m_colormap->setToolTip(tr("Used for models that have no colormap of their own yet"));

    auto* form = new QFormLayout;
    form->addRow(tr("Language:"), m_language);
    form->addRow(QString(), restartNote);
    form->addRow(tr("Reviewer name:"), m_reviewer);
    form->addRow(tr("Default colormap:"), m_colormap);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);
}

QString PreferencesDialog::reviewerName()
{
    return QSettings().value(kReviewer).toString();
}

void PreferencesDialog::setReviewerName(const QString& name)
{
    QSettings().setValue(kReviewer, name.trimmed());
}

int PreferencesDialog::defaultColormap()
{
    return QSettings().value(kColormap, int(cv::COLORMAP_JET)).toInt();
}

void PreferencesDialog::setDefaultColormap(int cvColormapId)
{
    QSettings().setValue(kColormap, cvColormapId);
}

void PreferencesDialog::save()
{
    language::store(m_language->currentData().toString());
    setReviewerName(m_reviewer->text());
    setDefaultColormap(m_colormap->currentData().toInt());
}

void PreferencesDialog::accept()
{
    save();
    QDialog::accept();
}

} // namespace cada::ui
