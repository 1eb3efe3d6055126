#include "plots/Histogram.h"

#include <QMap>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cada::ui {

int Histogram::binOf(double value) const
{
    if (bins <= 0)
        return -1;
    const int b = int(std::floor((value - low) / binWidth));
    return std::clamp(b, 0, bins - 1);
}

const GroupHistogram* Histogram::group(int id) const
{
    for (const auto& g : groups)
        if (g.group == id)
            return &g;
    return nullptr;
}

QList<int> Histogram::rowsInBin(int bin) const
{
    QList<int> out;
    if (bin < 0 || bin >= bins)
        return out;
    for (const auto& g : groups)
        out += g.rows[bin];
    std::sort(out.begin(), out.end());
    return out;
}

Histogram Histogram::compute(const QVector<HistogramEntry>& entries, int bins,
                             const QVector<double>& alsoCover)
{
    Histogram h;
    if (bins <= 0) {
        QVector<double> values;
        for (const auto& e : entries)
            values << e.value;
        bins = suggestedBins(values);
    }
    h.bins = std::max(1, bins);
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const auto& e : entries) {
        lo = std::min(lo, e.value);
        hi = std::max(hi, e.value);
    }
    for (double v : alsoCover) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (!std::isfinite(lo)) {
        lo = 0.0;
        hi = 1.0;
    }
    if (hi - lo < 1e-9)
        hi = lo + 1.0;
    // Half a bin of padding each side so the extremes do not sit on the plot's edge.
    h.binWidth = (hi - lo) / (h.bins - 1 > 0 ? h.bins - 1 : 1);
    h.low = lo - h.binWidth / 2;

    QMap<int, GroupHistogram> byGroup;
    for (const auto& e : entries) {
        GroupHistogram& g = byGroup[e.group];
        if (g.counts.isEmpty()) {
            g.group = e.group;
            g.counts.fill(0, h.bins);
            g.rows.resize(h.bins);
        }
        const int b = h.binOf(e.value);
        ++g.counts[b];
        g.rows[b].append(e.row);
        ++g.total;
    }
    for (auto it = byGroup.cbegin(); it != byGroup.cend(); ++it)
        h.groups.append(it.value());
    return h;
}

int suggestedBins(QVector<double> values)
{
    constexpr int kMin = 10, kMax = 300;
    if (values.size() < 4)
        return kMin;
    std::sort(values.begin(), values.end());
    const auto at = [&values](double q) {
        return values[qsizetype(q * double(values.size() - 1))];
    };
    const double bulk = at(0.98) - at(0.02), range = values.last() - values.first();
    if (!(bulk > 0) || !(range > 0))
        return kMin;
    const double width = bulk / std::max(20.0, std::sqrt(double(values.size())));
    return std::clamp(int(std::ceil(range / width)), kMin, kMax);
}

double falseRejectRate(const std::vector<double>& normals, double threshold)
{
    if (normals.empty())
        return std::numeric_limits<double>::quiet_NaN();
    const auto n = std::count_if(normals.begin(), normals.end(),
                                 [threshold](double v) { return v >= threshold; });
    return double(n) / double(normals.size());
}

} // namespace cada::ui
