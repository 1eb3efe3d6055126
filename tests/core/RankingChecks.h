#pragma once
// How well a model's scores and maps find the defects of a labelled test split: shared by the
// engine tests.
#include <map>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "cada/model/Model.h"
#include "cada/io/Dataset.h"
#include "cada/io/ImageLoader.h"
#include "cada/metrics/Metrics.h"

// Per-class image AUROC of raw scores (alignment cannot change a per-class ranking).
inline std::map<std::string, double> perClassAuroc(const std::vector<cada::ImageResult>& results,
                                                   const std::vector<cada::io::DatasetRecord>& test)
{
    std::map<std::string, std::pair<std::vector<double>, std::vector<int>>> byClass;
    for (size_t i = 0; i < results.size(); ++i) {
        byClass[test[i].className].first.push_back(results[i].rawScore);
        byClass[test[i].className].second.push_back(test[i].label == cada::io::Label::Anomalous);
    }
    std::map<std::string, double> out;
    for (const auto& [cls, v] : byClass)
        out[cls] = cada::metrics::auroc(v.first, v.second);
    return out;
}

// Fraction of defective images whose map maximum lies in the (3-pixel dilated) defect mask.
inline double peakInMaskRate(const std::vector<cada::ImageResult>& results,
                             const std::vector<cada::io::DatasetRecord>& test)
{
    int inside = 0, total = 0;
    for (size_t i = 0; i < results.size(); ++i) {
        if (test[i].maskPath.empty())
            continue;
        cv::Mat mask = cada::io::loadMask(test[i].maskPath, results[i].rawMap.size());
        cv::dilate(mask, mask, cv::Mat(), cv::Point(-1, -1), 3);
        cv::Point peak;
        cv::minMaxLoc(results[i].rawMap, nullptr, nullptr, nullptr, &peak);
        inside += mask.at<uchar>(peak) ? 1 : 0;
        ++total;
    }
    return total ? double(inside) / total : 0.0;
}
