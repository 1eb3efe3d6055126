#pragma once
// Sorting and filtering of the image list: flagged only, one implicit group, file-name substring,
// and a review filter (unreviewed, reviewed, disagreements, unknown type; see ImageListModel for
// what a disagreement is).
// Filters combine with AND. Dynamic filtering is on, so a threshold change re-filters the
// "flagged only" view through the source's dataChanged.
#include <QSortFilterProxyModel>

namespace cada::ui {

class ImageFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
  public:
    static constexpr int AllGroups = -2;
    enum ReviewFilter { AllImages, Unreviewed, Reviewed, Disagreements, UnknownTypes };

    explicit ImageFilterProxy(QObject* parent = nullptr);

    void setFlaggedOnly(bool on);
    bool flaggedOnly() const { return m_flaggedOnly; }
    void setGroup(int group); // AllGroups, -1 (unknown) or a group id
    int group() const { return m_group; }
    void setReviewFilter(ReviewFilter filter);
    ReviewFilter reviewFilter() const { return m_review; }
    void setNameFilter(const QString& text);
    QString nameFilter() const { return m_name; }
    // Only these source rows (e.g. a histogram bin); empty list: no restriction.
    void setRowSubset(const QList<int>& sourceRows);
    bool hasRowSubset() const { return !m_subset.isEmpty(); }

  protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

  private:
    bool m_flaggedOnly = false;
    int m_group = AllGroups;
    ReviewFilter m_review = AllImages;
    QString m_name;
    QSet<int> m_subset;
};

} // namespace cada::ui
