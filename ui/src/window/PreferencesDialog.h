#pragma once
// Preferences stored in QSettings: interface language (applies after a restart, see
// Language.h), the reviewer name recorded with review decisions, and the default colormap for
// models that have no colormap of their own yet.
#include <QDialog>

class QComboBox;
class QLineEdit;

namespace cada::ui {

class PreferencesDialog : public QDialog {
    Q_OBJECT
  public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    static QString reviewerName();
    static void setReviewerName(const QString& name);
    // OpenCV colormap id (cv::COLORMAP_*).
    static int defaultColormap();
    static void setDefaultColormap(int cvColormapId);

    // Stores the form's values (also done by accept()).
    void save();

  public slots:
    void accept() override;

  private:
    QComboBox* m_language = nullptr;
    QLineEdit* m_reviewer = nullptr;
    QComboBox* m_colormap = nullptr;
};

} // namespace cada::ui
