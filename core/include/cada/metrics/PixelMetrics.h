#pragma once
// Pixel-level metrics of the anomaly-detection protocol (MVTec AD / VisA), pooled over all
// pixels of all images (one threshold for the whole test set).
//
// Input contract, shared by both functions:
// - maps[i]: anomaly map, single-channel CV_32F, higher = more anomalous; no NaN.
// - masks[i]: ground truth, single-channel CV_8U, nonzero = defect pixel.
// - maps.size() == masks.size() and maps[i].size() == masks[i].size(); images may differ in
//   size from one another. Any violation throws cada::Error naming the image index.
// - Ties: pixels with equal values are never split by a threshold; -0.0 and +0.0 are equal.
// Both functions are exact (one sort of all pixels, then a sweep over every distinct value),
// not approximations on a threshold grid. Memory: about 4 bytes per normal pixel and 8 per
// defect pixel, twice during the sort. Pure and thread-safe.
#include <opencv2/core.hpp>

#include <vector>

namespace cada::metrics {

// Pixel AUROC: identical to sklearn roc_auc_score over all pixels concatenated (label = mask
// nonzero), computed with exact integer pair counts. Throws cada::Error when the set has no
// defect pixel or no normal pixel.
double pixelAuroc(const std::vector<cv::Mat>& maps, const std::vector<cv::Mat>& masks);

// Area under the per-region overlap curve, normalised (Bergmann et al., "The MVTec Anomaly
// Detection Dataset", IJCV 2021; MVTec's official compute_pro / trapezoid_area).
// Regions are the 8-connected components of each mask. For a threshold t:
//   PRO(t) = mean over all regions of all images of the fraction of the region's pixels with
//            map >= t (each region counts once, whatever its size);
//   FPR(t) = fraction of all normal pixels (mask == 0, all images) with map >= t.
// The curve has one point per distinct map value, plus (0, 0) first and (1, 1) last. It is
// integrated with the trapezoid rule from FPR 0 to fprLimit, the PRO at exactly fprLimit being
// linearly interpolated between its neighbouring points, and divided by fprLimit, so a perfect
// map scores 1, and a constant or random map about fprLimit / 2.
// fprLimit must be in (0, 1]. Throws cada::Error when there is no defect region or no normal
// pixel.
double aupro(const std::vector<cv::Mat>& maps, const std::vector<cv::Mat>& masks,
             double fprLimit = 0.3);

} // namespace cada::metrics
