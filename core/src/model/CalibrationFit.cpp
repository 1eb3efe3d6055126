#include "model/CalibrationFit.h"

#include <algorithm>
#include <numeric>

#include "cada/metrics/Metrics.h"

namespace cada {

void CalibrationFit::fitAlignment(Model::Impl& m, CalibrationMaps& cal, std::uint64_t seed)
{
    const auto calEmbT = torch::stack(cal.embeddings);
    m.regressor.fitFeatureSpace(calEmbT);
    m.neighbours.fit(m.regressor.features(calEmbT));
    if (!m.neighbours.empty())
        m.prior.fit(cal.grids);
    cal.grids.clear();
    cal.near.clear();
    std::vector<double> means, maxima;
    for (size_t k = 0; k < m.calibration.size(); ++k) {
        auto& r = m.calibration[k];
        cal.near.push_back(m.neighboursOf(cal.embeddings[k], std::int64_t(k)));
        const auto map = m.rawMap(cal.maps[k].to(torch::kFloat32), cal.near[k]);
        r.mapMean = map.mean().item<double>();
        r.mapMax = map.max().item<double>();
        r.rawScore = m.imageScore(map);
        means.push_back(r.mapMean);
        maxima.push_back(r.mapMax);
    }
    cal.maps.clear();
    m.regressor.fit(calEmbT, means, maxima, seed);
    m.predictAtNeighbours();
    m.uNone = std::accumulate(means.begin(), means.end(), 0.0) / double(means.size());
    m.gammaNone = std::max(m.uNone + 1e-6, std::accumulate(maxima.begin(), maxima.end(), 0.0) /
                                               double(maxima.size()));
}

void CalibrationFit::setThresholds(Model::Impl& m, const CalibrationMaps& cal,
                                   double targetFalseAlarmRate)
{
    for (auto& g : m.groups) {
        g.calibrationScores.clear();
        g.calibrationRawScores.clear();
    }
    std::vector<double> alignedScores, noneScores;
    for (size_t k = 0; k < m.calibration.size(); ++k) {
        auto& r = m.calibration[k];
        std::tie(r.uHat, r.gammaHat) =
            m.statistics(Alignment::Cada, cal.embeddings[k], cal.near[k]);
        alignedScores.push_back(Model::align(r.rawScore, r.uHat, r.gammaHat));
        noneScores.push_back(Model::align(r.rawScore, m.uNone, m.gammaNone));
        if (r.group >= 0 && r.group < int(m.groups.size())) {
            m.groups[size_t(r.group)].calibrationScores.push_back(alignedScores.back());
            m.groups[size_t(r.group)].calibrationRawScores.push_back(r.rawScore);
        }
    }
    m.info.threshold = metrics::thresholdForFalseAlarmRate(alignedScores, targetFalseAlarmRate);
    m.info.thresholdNone = metrics::thresholdForFalseAlarmRate(noneScores, targetFalseAlarmRate);
}

} // namespace cada
