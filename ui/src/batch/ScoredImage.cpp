#include "batch/ScoredImage.h"

#include "cada/model/ImageResult.h"

namespace cada::ui {

ScoredImage ScoredImage::fromResult(ImageResult& result)
{
    ScoredImage s;
    s.path = QString::fromStdString(result.path.string());
    s.error = QString::fromStdString(result.error);
    if (!s.ok())
        return s;
    s.warning = QString::fromStdString(result.warning);
    s.rawScore = result.rawScore;
    s.score = result.score;
    s.uHat = result.uHat;
    s.gammaHat = result.gammaHat;
    s.group = result.group;
    s.unknownType = result.unknownType;
    s.rawMap = std::move(result.rawMap);
    s.alignedMap = std::move(result.alignedMap);
    return s;
}

} // namespace cada::ui
