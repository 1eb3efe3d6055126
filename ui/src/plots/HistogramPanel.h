#pragma once
// Per-group histograms of the batch's image scores (QCustomPlot), one colour per group.
//  - legend: group name, image count and, with calibration shown, the projected false-reject
//    rate of that group's calibration normals at the current threshold;
//  - raw (detector score) or aligned (the thresholded score) view; the threshold line is shown
//    and draggable only in the aligned view, since the raw score has no global threshold;
//  - coloured by implicit group, or by label: normal and defective apart, as reviewed or (not
//    reviewed) as the layout says, so the threshold can be set between them;
//  - clicking a bin emits binClicked with the source rows of every image in that bin.
// The histogram is rebuilt at most every 250 ms while results stream in.
#include <QWidget>

#include <vector>

#include "plots/Histogram.h"
#include "cada/model/Model.h"

class QCustomPlot;
class QCPItemStraightLine;
class QCPItemText;
class QCheckBox;
class QComboBox;
class QMouseEvent;
class QTimer;

namespace cada::ui {

class ImageListModel;

class HistogramPanel : public QWidget {
    Q_OBJECT
  public:
    enum class Mode { Aligned, Raw };
    enum class Colouring { Groups, Labels };

    explicit HistogramPanel(QWidget* parent = nullptr);
    ~HistogramPanel() override;

    void setSource(ImageListModel* model);
    void setGroups(const std::vector<cada::ImplicitGroup>& groups);
    void setThreshold(double threshold);
    double threshold() const { return m_threshold; }
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void setCalibrationVisible(bool visible);
    void setColouring(Colouring colouring);
    Colouring colouring() const { return m_colouring; }
    void setBinCount(int bins); // 0: chosen from the data (the default)
    // The x range around the threshold where decisions are made (from the bulk of the scores
    // to as far above the threshold), or every score; the view can also be zoomed with the
    // wheel and dragged.
    void fitThresholdRegion();
    void showAllScores();
    void setLogCounts(bool logarithmic);

    void rebuildNow();
    const Histogram& histogram() const { return m_histogram; }
    QCustomPlot* plot() const { return m_plot; }
    // Legend text of a group's series, as shown.
    QString legendText(int group) const;
    static QColor groupColour(int group);
    static QColor labelColour(int label); // an ImageListModel::Label

  signals:
    void binClicked(const QList<int>& sourceRows);
    void thresholdDragged(double threshold);
    // Once, when the user lets go of the threshold line (the value to persist).
    void thresholdDragFinished(double threshold);

  private:
    void scheduleRebuild();
    QString labelName(int label) const;
    void replotThreshold();
    void onMousePress(QMouseEvent* event);
    void onMouseMove(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);

    ImageListModel* m_model = nullptr;
    std::vector<cada::ImplicitGroup> m_groups;
    QCustomPlot* m_plot = nullptr;
    QCPItemStraightLine* m_thresholdLine = nullptr;
    QComboBox* m_modeBox = nullptr;
    QComboBox* m_colourBox = nullptr;
    Colouring m_colouring = Colouring::Groups;
    QCheckBox* m_calibrationBox = nullptr;
    QTimer* m_rebuildTimer = nullptr;
    Histogram m_histogram;
    QMap<int, QString> m_legend;
    double m_threshold = 1.0;
    Mode m_mode = Mode::Aligned;
    bool m_showCalibration = false;
    int m_bins = 0;
    bool m_dragging = false;
    bool m_logCounts = false;
    bool m_zoomed = false; // the user chose the x range: rebuilds keep it
    QPointF m_pressAt;
    QCPItemText* m_rawNote = nullptr;
};

} // namespace cada::ui
