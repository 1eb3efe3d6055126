#pragma once
// What the views need from one cada::ImageResult, in Qt types. Maps are cv::Mat (reference
// counted), so copying a ScoredImage across threads costs a few pointers, not pixels.
#include <QMetaType>
#include <QString>

#include <opencv2/core.hpp>

namespace cada {
struct ImageResult;
namespace project {
struct ImageRecord;
}
} // namespace cada

namespace cada::ui {

struct ScoredImage {
    QString path;
    QString error;         // non-empty: the image could not be scored, nothing else is valid
    QString warning;       // scored, but the file had a problem (corrupt JPEG data)
    double rawScore = 0.0; // detector score, before alignment
    double score = 0.0;    // aligned score, the one compared with the threshold
    double uHat = 0.0;
    double gammaHat = 1.0;
    int group = -1; // implicit class, -1 when unknown
    bool unknownType = false;
    cv::Mat rawMap;     // CV_32F at model resolution; may be empty
    cv::Mat alignedMap; // CV_32F at model resolution; may be empty

    bool ok() const { return error.isEmpty(); }

    // The one conversion each way between the three forms of a scored image: the engine's
    // result (maps moved out: the core does not need them after the sink) and a project's
    // record (scores only; maps are recomputed from the model).
    static ScoredImage fromResult(ImageResult& result);
    static ScoredImage fromRecord(const project::ImageRecord& record);
    project::ImageRecord toRecord() const; // path, folder and scores; no id, hash or review
};

} // namespace cada::ui

Q_DECLARE_METATYPE(cada::ui::ScoredImage)
