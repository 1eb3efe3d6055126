#include "batch/ScoredImage.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include "ProjectTypes.h"
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

ScoredImage ScoredImage::fromRecord(const project::ImageRecord& record)
{
    ScoredImage s;
    s.path = record.path;
    s.error = record.ok() ? QString()
              : record.error.isEmpty()
                  ? QCoreApplication::translate("cada::ui::MainWindow", "not scored")
                  : record.error;
    s.rawScore = record.rawScore;
    s.score = record.score;
    s.uHat = record.uHat;
    s.gammaHat = record.gammaHat;
    s.group = record.group;
    s.unknownType = record.unknownType;
    return s;
}

project::ImageRecord ScoredImage::toRecord() const
{
    project::ImageRecord r;
    r.path = QDir::cleanPath(path);
    r.folder = QFileInfo(r.path).absolutePath();
    r.scored = true;
    r.error = error;
    r.rawScore = rawScore;
    r.score = score;
    r.uHat = uHat;
    r.gammaHat = gammaHat;
    r.group = group;
    r.unknownType = unknownType;
    return r;
}

} // namespace cada::ui
