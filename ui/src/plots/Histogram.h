#pragma once
// Per-group histogram of image scores with shared bins (the numbers behind HistogramPanel).
#include <QList>
#include <QVector>

namespace cada::ui {

struct HistogramEntry {
    int row;      // source row in ImageListModel
    int group;    // -1: unknown
    double value; // score being histogrammed
};

struct GroupHistogram {
    int group = -1;
    QVector<int> counts;      // per bin
    QVector<QList<int>> rows; // source rows per bin
    int total = 0;
};

struct Histogram {
    double low = 0.0;
    double binWidth = 1.0;
    int bins = 0;
    QVector<GroupHistogram> groups; // ascending group id, only groups with entries

    // Bin of `value`; values outside [low, low + bins * binWidth) go to the first or last bin.
    int binOf(double value) const;
    double binLeft(int bin) const { return low + bin * binWidth; }
    const GroupHistogram* group(int id) const;
    QList<int> rowsInBin(int bin) const;

    // Bins span [min, max] of the values (and `alsoCover`, e.g. the threshold), padded by half a
    // bin. bins <= 0 chooses the count from the data (suggestedBins).
    static Histogram compute(const QVector<HistogramEntry>& entries, int bins,
                             const QVector<double>& alsoCover = {});
};

// Bins sized by the bulk of the values (2nd to 98th percentile, cut into sqrt(n) bins, at least
// 20) and repeated over the whole range, 10 to 300 of them: a few scores far out no longer
// squeeze the bulk into a handful of bins.
int suggestedBins(QVector<double> values);

// Fraction of `normals` at or above `threshold` (the projected false-reject rate).
double falseRejectRate(const std::vector<double>& normals, double threshold);

} // namespace cada::ui
