#include "plots/SummaryPanel.h"

#include <QHeaderView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>
#include <map>

#include "batch/ImageListModel.h"
#include "plots/Histogram.h"
#include "plots/HistogramPanel.h"

namespace cada::ui {

SummaryPanel::SummaryPanel(ImageListModel* images, QWidget* parent)
    : QWidget(parent), m_images(images)
{
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Group"), tr("Images"), tr("Flagged"), tr("Reviewed"),
                                        tr("Unknown type"), tr("Projected false rejects")});
    m_table->horizontalHeaderItem(FalseRejects)
        ->setToolTip(tr("Share of the group's calibration normals scoring at or above the "
                        "threshold: the false rejects to expect on its normal images"));
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, &SummaryPanel::refresh);
    connect(images, &ImageListModel::flaggedCountChanged, this, &SummaryPanel::schedule);
    connect(images, &QAbstractItemModel::dataChanged, this, &SummaryPanel::schedule);
    connect(images, &QAbstractItemModel::modelReset, this, &SummaryPanel::schedule);
    refresh();
}

void SummaryPanel::setGroups(const std::vector<cada::ImplicitGroup>& groups)
{
    m_groups = groups;
    refresh();
}

void SummaryPanel::schedule()
{
    if (!m_timer->isActive()) // throttled: follows a threshold drag
        m_timer->start();
}

void SummaryPanel::refresh()
{
    struct Row {
        int images = 0, flagged = 0, reviewed = 0, unknown = 0;
    };
    std::map<int, Row> rows;
    Row total;
    for (int r = 0; r < m_images->rowCount(); ++r) {
        if (!m_images->isScored(r) || !m_images->image(r).ok())
            continue;
        const ScoredImage& im = m_images->image(r);
        for (Row* row : {&rows[im.group], &total}) {
            ++row->images;
            row->flagged += m_images->isFlagged(r);
            row->reviewed += m_images->decision(r) != cada::project::Decision::None;
            row->unknown += im.unknownType;
        }
    }
    for (const auto& g : m_groups)
        rows.try_emplace(g.id);
    const double threshold = m_images->threshold();
    m_table->setRowCount(int(rows.size()) + 1);
    int at = 0;
    const auto put = [this](int row, int column, const QString& text) {
        auto* item = m_table->item(row, column);
        if (!item)
            m_table->setItem(row, column, item = new QTableWidgetItem);
        item->setText(text);
        item->setTextAlignment(column == Group ? Qt::AlignLeft | Qt::AlignVCenter
                                               : Qt::AlignRight | Qt::AlignVCenter);
    };
    const auto fill = [&](int row, const QString& name, const Row& r, double falseRejects) {
        put(row, Group, name);
        put(row, Images, QString::number(r.images));
        put(row, Flagged, QString::number(r.flagged));
        put(row, Reviewed, QString::number(r.reviewed));
        put(row, Unknown, QString::number(r.unknown));
        put(row, FalseRejects,
            std::isnan(falseRejects) ? QStringLiteral("–")
                                     : QStringLiteral("%1 %").arg(100.0 * falseRejects, 0, 'f', 1));
    };
    std::vector<double> allNormals;
    for (const auto& [id, r] : rows) {
        double rate = std::numeric_limits<double>::quiet_NaN();
        for (const auto& g : m_groups)
            if (g.id == id) {
                rate = falseRejectRate(g.calibrationScores, threshold);
                allNormals.insert(allNormals.end(), g.calibrationScores.begin(),
                                  g.calibrationScores.end());
            }
        fill(at, m_images->groupName(id), r, rate);
        m_table->item(at, Group)->setForeground(HistogramPanel::groupColour(id));
        ++at;
    }
    fill(at, tr("All groups"), total, falseRejectRate(allNormals, threshold));
    QFont bold = m_table->font();
    bold.setBold(true);
    for (int c = 0; c < ColumnCount; ++c)
        m_table->item(at, c)->setFont(bold);
}

} // namespace cada::ui
