#include "batch/ImageFilterProxy.h"

#include "batch/ImageListModel.h"

namespace cada::ui {

ImageFilterProxy::ImageFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ImageListModel::SortRole);
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void ImageFilterProxy::setFlaggedOnly(bool on)
{
    if (on == m_flaggedOnly)
        return;
    m_flaggedOnly = on;
    invalidateFilter();
}

void ImageFilterProxy::setGroup(int group)
{
    if (group == m_group)
        return;
    m_group = group;
    invalidateFilter();
}

void ImageFilterProxy::setReviewFilter(ReviewFilter filter)
{
    if (filter == m_review)
        return;
    m_review = filter;
    invalidateFilter();
}

void ImageFilterProxy::setNameFilter(const QString& text)
{
    if (text == m_name)
        return;
    m_name = text;
    invalidateFilter();
}

void ImageFilterProxy::setRowSubset(const QList<int>& sourceRows)
{
    m_subset = QSet<int>(sourceRows.begin(), sourceRows.end());
    invalidateFilter();
}

bool ImageFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* src = sourceModel();
    const QModelIndex idx = src->index(sourceRow, ImageListModel::FileColumn, sourceParent);
    if (!m_subset.isEmpty() && !m_subset.contains(sourceRow))
        return false;
    if (m_flaggedOnly && !idx.data(ImageListModel::FlaggedRole).toBool())
        return false;
    if (m_group != AllGroups) {
        const bool scored =
            idx.data(ImageListModel::VerdictRole).toInt() != ImageListModel::Pending;
        if (!scored || idx.data(ImageListModel::GroupRole).toInt() != m_group)
            return false;
    }
    switch (m_review) {
    case AllImages:
        break;
    case Unreviewed:
    case Reviewed: {
        const bool reviewed = idx.data(ImageListModel::DecisionRole).toInt() != 0;
        if (reviewed != (m_review == Reviewed))
            return false;
        break;
    }
    case Disagreements:
        if (!idx.data(ImageListModel::DisagreementRole).toBool())
            return false;
        break;
    case UnknownTypes:
        if (!idx.data(ImageListModel::UnknownTypeRole).toBool())
            return false;
        break;
    }
    if (!m_name.isEmpty() &&
        !idx.data(Qt::DisplayRole).toString().contains(m_name, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace cada::ui
