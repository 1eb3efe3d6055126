#pragma once
// The batch at a glance, one row per implicit group and a total: images, flagged, reviewed,
// unknown type, and the projected false-reject rate of the group at the threshold (the share of
// its calibration normals that score above it). Follows the threshold and incoming results and
// reviews, throttled to every 100 ms.
#include <QWidget>

#include <vector>

#include "cada/model/Model.h"

class QTableWidget;
class QTimer;

namespace cada::ui {

class ImageListModel;

class SummaryPanel : public QWidget {
    Q_OBJECT
  public:
    explicit SummaryPanel(ImageListModel* images, QWidget* parent = nullptr);

    void setGroups(const std::vector<cada::ImplicitGroup>& groups);
    void refresh();
    QTableWidget* table() const { return m_table; }

    enum Column { Group, Images, Flagged, Reviewed, Unknown, FalseRejects, ColumnCount };

  private:
    void schedule();

    ImageListModel* m_images;
    std::vector<cada::ImplicitGroup> m_groups;
    QTableWidget* m_table;
    QTimer* m_timer;
};

} // namespace cada::ui
