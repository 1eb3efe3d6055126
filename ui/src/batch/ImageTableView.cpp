#include "batch/ImageTableView.h"

#include <QHeaderView>
#include <QTimer>

#include "batch/ImageListModel.h"
#include "batch/ThumbnailLoader.h"

namespace cada::ui {

ImageTableView::ImageTableView(QWidget* parent) : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSortingEnabled(true);
    setWordWrap(false);
    verticalHeader()->setVisible(false);
    verticalHeader()->setDefaultSectionSize(52);
    horizontalHeader()->setStretchLastSection(true);
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(120);
    connect(m_debounce, &QTimer::timeout, this, &ImageTableView::requestVisibleThumbnails);
}

void ImageTableView::scrollContentsBy(int dx, int dy)
{
    QTableView::scrollContentsBy(dx, dy);
    m_debounce->start();
}

void ImageTableView::resizeEvent(QResizeEvent* event)
{
    QTableView::resizeEvent(event);
    m_debounce->start();
}

void ImageTableView::requestVisibleThumbnails()
{
    if (!m_loader || !model() || model()->rowCount() == 0)
        return;
    const int first = std::max(0, rowAt(0));
    int last = rowAt(viewport()->height() - 1);
    if (last < 0)
        last = model()->rowCount() - 1;
    const int margin =
        std::max(4, (last - first + 1) / 2); // nearby rows, loaded after the visible ones
    const int lo = std::max(0, first - margin),
              hi = std::min(model()->rowCount() - 1, last + margin);
    const int centre = (first + last) / 2;
    QVector<int> rows;
    for (int r = lo; r <= hi; ++r)
        rows << r;
    std::stable_sort(rows.begin(), rows.end(), [centre, first, last](int a, int b) {
        const bool va = a >= first && a <= last, vb = b >= first && b <= last;
        if (va != vb)
            return va;
        return std::abs(a - centre) < std::abs(b - centre);
    });
    QStringList paths;
    for (int r : rows)
        paths << model()->index(r, 0).data(ImageListModel::PathRole).toString();
    m_loader->request(paths);
}

} // namespace cada::ui
