#include "ProjectTypes.h"

#include "cada/Error.h"
#include "cada/model/ImageResult.h"

namespace cada::project {

void ImageRecord::setResult(const cada::ImageResult& result)
{
    scored = true;
    error = QString::fromStdString(result.error);
    if (!result.ok())
        return;
    rawScore = result.rawScore;
    score = result.score;
    uHat = result.uHat;
    gammaHat = result.gammaHat;
    group = result.group;
    unknownType = result.unknownType;
}

QString decisionName(Decision decision)
{
    switch (decision) {
    case Decision::Ok:
        return QStringLiteral("ok");
    case Decision::Defective:
        return QStringLiteral("defective");
    case Decision::Unsure:
        return QStringLiteral("unsure");
    case Decision::None:
        break;
    }
    return {};
}

Decision parseDecision(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty() || t == QLatin1String("none"))
        return Decision::None;
    if (t == QLatin1String("ok"))
        return Decision::Ok;
    if (t == QLatin1String("defective"))
        return Decision::Defective;
    if (t == QLatin1String("unsure"))
        return Decision::Unsure;
    throw Error("Unknown review decision '" + text.toStdString() +
                "'; expected ok, defective or unsure.");
}

QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Ok:
        return QStringLiteral("ok");
    case Verdict::Review:
        return QStringLiteral("review");
    case Verdict::Defective:
        return QStringLiteral("defective");
    case Verdict::Error:
        break;
    }
    return QStringLiteral("error");
}

Verdict verdictAt(const ImageRecord& image, double threshold, std::optional<double> reviewBandLower)
{
    if (!image.ok())
        return Verdict::Error;
    if (image.score >= threshold)
        return Verdict::Defective;
    if (reviewBandLower && image.score >= *reviewBandLower)
        return Verdict::Review;
    return Verdict::Ok;
}

QString ProjectSnapshot::groupName(int group) const
{
    const auto it = groupNames.find(group);
    if (it != groupNames.end() && !it->second.isEmpty())
        return it->second;
    // 1-based, as the model names its groups by default.
    return group < 0 ? QStringLiteral("Unknown") : QStringLiteral("Group %1").arg(group + 1);
}

Verdict ProjectSnapshot::verdict(const ImageRecord& image) const
{
    return verdictAt(image, threshold, session.reviewBandLower);
}

void ImageRecord::setScoresFrom(const ImageRecord& other)
{
    scored = other.scored;
    error = other.error;
    rawScore = other.rawScore;
    score = other.score;
    uHat = other.uHat;
    gammaHat = other.gammaHat;
    group = other.group;
    unknownType = other.unknownType;
    modelVersion = other.modelVersion;
    modelSha256 = other.modelSha256;
}

} // namespace cada::project
