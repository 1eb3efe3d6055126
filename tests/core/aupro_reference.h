#pragma once
// Reference AUPRO for the tests: a slow, obviously correct transcription of the MVTec AD
// definition (Bergmann et al., IJCV 2021), deliberately sharing no code with the production
// cada::metrics::aupro. Regions come from its own 8-connected flood fill (not
// cv::connectedComponents); the curve is evaluated by brute force at every distinct map value
// (O(distinct values x pixels)), so use it on small maps only.
#include <opencv2/core.hpp>

#include <vector>

namespace cada::test {

// maps: CV_32FC1, masks: CV_8UC1 (nonzero = defect), pairwise the same size; no validation.
double referenceAupro(const std::vector<cv::Mat>& maps, const std::vector<cv::Mat>& masks,
                      double fprLimit);

} // namespace cada::test
