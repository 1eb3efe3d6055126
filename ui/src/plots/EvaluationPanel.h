#pragma once
// The evaluation dock: the project's images against ground truth (the layout's labels stored in
// the project, or the review decisions), at the current threshold: precision, recall, F1,
// false alarms, misses and the confusion matrix; the ROC curve with the operating point; pooled
// and per-group image AUROC / AP / F1-max; buttons that ask for the best-F1 threshold or the
// threshold of a target false-alarm rate (thresholdRequested).
//
// Every number comes from cada::project::evaluate (which uses cada::metrics). It runs on a
// worker (QtConcurrent, .then(this, ...)); changes that arrive meanwhile are coalesced into one
// more run, and evaluated() fires when the shown numbers are current.
#include <QFuture>
#include <QWidget>

#include <memory>

#include "ProjectEvaluation.h"
#include "ProjectTypes.h"

class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace cada::ui {

class EvaluationPanel : public QWidget {
    Q_OBJECT
  public:
    explicit EvaluationPanel(QWidget* parent = nullptr);
    ~EvaluationPanel() override;

    // nullptr: no project (the panel says so).
    void setSnapshot(std::shared_ptr<const cada::project::ProjectSnapshot> snapshot);
    // The threshold shown in the workstation (it may not be committed to the project yet).
    void setThreshold(double threshold);
    void setGroundTruth(cada::project::GroundTruth source); // Layout or Review
    cada::project::GroundTruth groundTruth() const;

    // The last completed evaluation (empty before the first one).
    const cada::project::Evaluation& evaluation() const { return m_evaluation; }
    bool isEvaluating() const { return m_running; }
    // Text of one figure, by name: precision, recall, f1, falseAlarms, misses, tp, fp, tn, fn.
    QString figure(const QString& name) const;

    void requestBestF1();
    void requestFalseAlarmRate();

  signals:
    void evaluated();
    void thresholdRequested(double threshold);

  private:
    void schedule();
    void display(const cada::project::Evaluation& evaluation);
    void showRoc();

    std::shared_ptr<const cada::project::ProjectSnapshot> m_snapshot;
    double m_threshold = 0.0;
    bool m_running = false, m_dirty = false;
    QFuture<void> m_work;
    cada::project::Evaluation m_evaluation;

    QComboBox* m_source = nullptr;
    QLabel* m_summary = nullptr;
    QMap<QString, QLabel*> m_figures;
    QTableWidget* m_confusion = nullptr;
    QTableWidget* m_groups = nullptr;
    QCustomPlot* m_roc = nullptr;
    QPushButton* m_bestF1 = nullptr;
    QPushButton* m_forRate = nullptr;
    QDoubleSpinBox* m_rate = nullptr;
};

} // namespace cada::ui
