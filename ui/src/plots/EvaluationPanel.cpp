#include "plots/EvaluationPanel.h"
#include "window/WorkerError.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

#include <qcustomplot.h>

namespace cada::ui {

using namespace cada::project;

namespace {
QString number(double v)
{
    return std::isnan(v) ? QStringLiteral("–") : QString::number(v, 'f', 4);
}
} // namespace

EvaluationPanel::EvaluationPanel(QWidget* parent) : QWidget(parent)
{
    m_source = new QComboBox(this);
    m_source->addItem(tr("Layout labels"), int(GroundTruth::Layout));
    m_source->addItem(tr("Review decisions"), int(GroundTruth::Review));
    m_source->setToolTip(
        tr("Ground truth: the labels of an MVTec AD / VisA layout stored in the project, "
           "or your review decisions (OK = normal, defective = anomalous; unsure and "
           "unreviewed images are left out)"));
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);

    auto* figures = new QFormLayout;
    const auto addFigure = [this, figures](const QString& key, const QString& label) {
        auto* value = new QLabel(this);
        value->setObjectName(key);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_figures.insert(key, value);
        figures->addRow(label, value);
    };
    addFigure(QStringLiteral("precision"), tr("Precision:"));
    addFigure(QStringLiteral("recall"), tr("Recall:"));
    addFigure(QStringLiteral("f1"), tr("F1:"));
    addFigure(QStringLiteral("falseAlarms"), tr("False alarms:"));
    addFigure(QStringLiteral("misses"), tr("Misses:"));

    m_confusion = new QTableWidget(2, 2, this);
    m_confusion->setHorizontalHeaderLabels({tr("Flagged"), tr("Passed")});
    m_confusion->setVerticalHeaderLabels({tr("Defective"), tr("Normal")});
    m_confusion->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_confusion->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_confusion->setMaximumHeight(90);
    m_confusion->setToolTip(
        tr("Confusion matrix at the current threshold: rows are the ground truth, "
           "columns the verdict"));

    m_roc = new QCustomPlot(this);
    m_roc->setMinimumSize(220, 200);
    m_roc->xAxis->setLabel(tr("False-positive rate"));
    m_roc->yAxis->setLabel(tr("True-positive rate"));
    m_roc->xAxis->setRange(0, 1);
    m_roc->yAxis->setRange(0, 1);
    m_roc->addGraph(); // ROC
    m_roc->graph(0)->setPen(QPen(QColor(30, 90, 200), 2));
    m_roc->addGraph(); // operating point
    m_roc->graph(1)->setLineStyle(QCPGraph::lsNone);
    m_roc->graph(1)->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(200, 30, 30), 9));

    // Per group, what the one threshold does there (false alarms among its normals, defects
    // caught) beside how well the scores rank its images.
    m_groups = new QTableWidget(0, 8, this);
    m_groups->setObjectName(QStringLiteral("groupsTable"));
    m_groups->setHorizontalHeaderLabels({tr("Group"), tr("Labelled"), tr("Defective"),
                                         tr("False alarms"), tr("Caught"), tr("AUROC"), tr("AP"),
                                         tr("F1-max")});
    m_groups->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_groups->verticalHeader()->setVisible(false);
    m_groups->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);

    m_bestF1 = new QPushButton(tr("Best F1"), this);
    m_bestF1->setObjectName(QStringLiteral("bestF1"));
    m_bestF1->setToolTip(tr("Set the threshold where F1 is highest"));
    m_rate = new QDoubleSpinBox(this);
    m_rate->setRange(0.0, 99.9);
    m_rate->setDecimals(1);
    m_rate->setValue(1.0);
    m_rate->setSuffix(QStringLiteral(" %"));
    m_rate->setToolTip(
        tr("Target false-alarm rate: the share of normal images that may be flagged"));
    m_forRate = new QPushButton(tr("False-alarm rate..."), this);
    m_forRate->setObjectName(QStringLiteral("falseAlarmRate"));
    m_forRate->setToolTip(
        tr("Set the lowest threshold that flags at most the target share of normal images"));

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Ground truth:"), this));
    top->addWidget(m_source, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_bestF1);
    buttons->addStretch(1);
    buttons->addWidget(m_rate);
    buttons->addWidget(m_forRate);
    auto* numbers = new QVBoxLayout;
    numbers->addLayout(figures);
    numbers->addWidget(m_confusion);
    numbers->addStretch(1);
    auto* middle = new QHBoxLayout;
    middle->addLayout(numbers);
    middle->addWidget(m_roc, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addLayout(middle, 1);
    layout->addWidget(m_groups, 1);
    layout->addLayout(buttons);

    connect(m_source, &QComboBox::currentIndexChanged, this, &EvaluationPanel::schedule);
    connect(m_bestF1, &QPushButton::clicked, this, &EvaluationPanel::requestBestF1);
    connect(m_forRate, &QPushButton::clicked, this, &EvaluationPanel::requestFalseAlarmRate);
    display(Evaluation{});
}

EvaluationPanel::~EvaluationPanel()
{
    try {
        m_work.waitForFinished(); // the worker reads only its own copies; this just ends it cleanly
    } catch (const std::exception&) {
        // A failed evaluation was shown when it failed.
    }
}

void EvaluationPanel::setSnapshot(std::shared_ptr<const ProjectSnapshot> snapshot)
{
    const bool newProject = !m_snapshot || !snapshot || snapshot->file != m_snapshot->file;
    m_snapshot = std::move(snapshot);
    if (newProject && m_snapshot) {
        // Layout labels when the project has any, the decisions otherwise.
        const bool labelled = std::any_of(m_snapshot->images.begin(), m_snapshot->images.end(),
                                          [](const ImageRecord& r) { return r.groundTruth >= 0; });
        const QSignalBlocker block(m_source);
        setGroundTruth(labelled ? GroundTruth::Layout : GroundTruth::Review);
    }
    schedule();
}

void EvaluationPanel::setThreshold(double threshold)
{
    if (threshold == m_threshold)
        return;
    m_threshold = threshold;
    schedule();
}

void EvaluationPanel::setGroundTruth(GroundTruth source)
{
    const int i = m_source->findData(int(source));
    if (i >= 0)
        m_source->setCurrentIndex(i);
}

GroundTruth EvaluationPanel::groundTruth() const
{
    return GroundTruth(m_source->currentData().toInt());
}

void EvaluationPanel::schedule()
{
    if (m_running) {
        m_dirty = true;
        return;
    }
    if (!m_snapshot) {
        m_evaluation = Evaluation{};
        display(m_evaluation);
        emit evaluated();
        return;
    }
    m_running = true;
    m_dirty = false;
    auto snapshot = m_snapshot;
    const double threshold = m_threshold;
    const GroundTruth source = groundTruth();
    // Sorting and per-group metrics of 10,000 images take a few milliseconds, and a dragged
    // threshold asks again and again: off the GUI thread, coalesced.
    auto future = QtConcurrent::run(
        [snapshot, threshold, source] { return evaluate(*snapshot, threshold, source); });
    m_work = future;
    future
        .then(this,
              [this](const Evaluation& evaluation) {
                  m_running = false;
                  if (m_dirty) {
                      schedule();
                      return;
                  }
                  m_evaluation = evaluation;
                  display(m_evaluation);
                  emit evaluated();
              })
        .onFailed(this, [this](const std::exception& e) {
            m_running = false;
            m_evaluation = Evaluation{};
            display(m_evaluation);
            m_summary->setText(workerErrorText(e));
            if (m_dirty)
                schedule();
            else
                emit evaluated();
        });
}

QString EvaluationPanel::figure(const QString& name) const
{
    if (QLabel* l = m_figures.value(name))
        return l->text();
    const QMap<QString, QPoint> cells{{QStringLiteral("tp"), {0, 0}},
                                      {QStringLiteral("fn"), {1, 0}},
                                      {QStringLiteral("fp"), {0, 1}},
                                      {QStringLiteral("tn"), {1, 1}}};
    if (!cells.contains(name))
        return {};
    const QPoint c = cells[name];
    const QTableWidgetItem* item = m_confusion->item(c.y(), c.x());
    return item ? item->text() : QString();
}

void EvaluationPanel::display(const Evaluation& e)
{
    const metrics::Confusion& c = e.atThreshold;
    const bool any = !e.empty();
    if (!m_snapshot)
        m_summary->setText(tr("Open or create a project to evaluate it."));
    else if (!any)
        m_summary->setText(
            groundTruth() == GroundTruth::Layout
                ? tr("No image of this project has a layout label. Choose review decisions.")
                : tr("No image has been marked OK or defective yet."));
    else
        m_summary->setText(tr("%1 labelled images (%2 defective, %3 normal) at threshold %4.")
                               .arg(e.scores.size())
                               .arg(e.anomalous)
                               .arg(e.normal)
                               .arg(e.threshold, 0, 'f', 3));
    m_figures[QStringLiteral("precision")]->setText(any ? number(c.precision()) : QString());
    m_figures[QStringLiteral("recall")]->setText(any ? number(c.recall()) : QString());
    m_figures[QStringLiteral("f1")]->setText(any ? number(c.f1()) : QString());
    m_figures[QStringLiteral("falseAlarms")]->setText(
        any ? tr("%1 (%2 % of normal)").arg(c.fp).arg(100.0 * c.falseAlarmRate(), 0, 'f', 1)
            : QString());
    m_figures[QStringLiteral("misses")]->setText(any ? QString::number(c.fn) : QString());
    const auto cell = [this](int r, int col, const QString& text) {
        m_confusion->setItem(r, col, new QTableWidgetItem(text));
        m_confusion->item(r, col)->setTextAlignment(Qt::AlignCenter);
    };
    cell(0, 0, any ? QString::number(c.tp) : QString());
    cell(0, 1, any ? QString::number(c.fn) : QString());
    cell(1, 0, any ? QString::number(c.fp) : QString());
    cell(1, 1, any ? QString::number(c.tn) : QString());

    m_groups->setRowCount(0);
    // "k / n": k of the n images counted; empty for the mean row.
    const auto ofCount = [](const metrics::Confusion* c, bool normals) {
        if (!c)
            return QString();
        return normals ? QStringLiteral("%1 / %2").arg(c->fp).arg(c->fp + c->tn)
                       : QStringLiteral("%1 / %2").arg(c->tp).arg(c->tp + c->fn);
    };
    const auto addRow = [&](const QString& name, int labelled, int anomalous,
                            const metrics::Confusion* atThreshold, const metrics::ImageMetrics& m) {
        const int r = m_groups->rowCount();
        m_groups->insertRow(r);
        const QStringList cells{name,
                                labelled >= 0 ? QString::number(labelled) : QString(),
                                anomalous >= 0 ? QString::number(anomalous) : QString(),
                                ofCount(atThreshold, true),
                                ofCount(atThreshold, false),
                                number(m.auroc),
                                number(m.ap),
                                number(m.f1max)};
        for (int col = 0; col < cells.size(); ++col)
            m_groups->setItem(r, col, new QTableWidgetItem(cells[col]));
    };
    if (any) {
        addRow(tr("All images (pooled)"), int(e.scores.size()), e.anomalous, &e.atThreshold,
               e.pooled);
        addRow(tr("Mean of groups"), -1, -1, nullptr, e.meanPerGroup);
        for (const GroupEvaluation& g : e.perGroup)
            addRow(g.name, g.labelled, g.anomalous, &g.atThreshold, g.metrics);
    }
    m_bestF1->setEnabled(e.bestF1.has_value());
    m_forRate->setEnabled(e.normal > 0);
    showRoc();
}

void EvaluationPanel::showRoc()
{
    const Evaluation& e = m_evaluation;
    if (e.roc) {
        m_roc->graph(0)->setData(QVector<double>(e.roc->fpr.begin(), e.roc->fpr.end()),
                                 QVector<double>(e.roc->tpr.begin(), e.roc->tpr.end()), true);
        const metrics::Confusion& c = e.atThreshold;
        m_roc->graph(1)->setData({c.falseAlarmRate()}, {c.recall()});
    } else {
        m_roc->graph(0)->data()->clear();
        m_roc->graph(1)->data()->clear();
    }
    m_roc->replot(QCustomPlot::rpQueuedReplot);
}

void EvaluationPanel::requestBestF1()
{
    if (m_evaluation.bestF1)
        emit thresholdRequested(m_evaluation.bestF1->threshold);
}

void EvaluationPanel::requestFalseAlarmRate()
{
    try {
        if (const auto t = m_evaluation.thresholdForFalseAlarmRate(m_rate->value() / 100.0))
            emit thresholdRequested(*t);
    } catch (const std::exception& e) {
        m_summary->setText(workerErrorText(e));
    }
}

} // namespace cada::ui
