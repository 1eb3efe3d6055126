#pragma once
// Plain value types of a project (one SQLite file per inspected batch). They carry no database
// handle, so a snapshot can be copied to a worker thread for reports or evaluation.
#include <QDateTime>
#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace cada {
struct ImageResult;
}

namespace cada::project {

// A reviewer's decision on one image. None: not reviewed (or a decision withdrawn).
enum class Decision { None, Ok, Defective, Unsure };
QString decisionName(Decision decision);     // "", "ok", "defective", "unsure"
Decision parseDecision(const QString& text); // inverse of decisionName; throws cada::Error

// What the detector says at a threshold. Review: inside the review band [lower, threshold).
enum class Verdict { Error, Ok, Review, Defective };
QString verdictName(Verdict verdict); // "error", "ok", "review", "defective"

struct ImageRecord {
    qint64 id = -1; // database id; -1 before the record is stored
    QString path;   // absolute
    QString folder; // absolute parent folder
    QString sha256; // hex digest of the file content
    qint64 sizeBytes = 0;
    QString className;    // from the layout, may be empty
    int groundTruth = -1; // from the layout: 0 normal, 1 anomalous, -1 unknown

    // Scores (as the model produced them when the project was created).
    bool scored = false;
    QString error; // non-empty: the image could not be scored
    double rawScore = 0.0;
    double score = 0.0; // aligned score, compared with the threshold
    double uHat = 0.0;
    double gammaHat = 1.0;
    int group = -1;
    bool unknownType = false;
    int modelVersion = 1; // the version of the model file that computed these scores
    QString modelSha256;  // that file's SHA-256; empty: the project's model

    // The current (latest) review decision.
    Decision decision = Decision::None;
    QString note;
    QString reviewer;
    QDateTime decidedAt; // UTC; invalid when never reviewed

    bool ok() const { return scored && error.isEmpty(); }
    // Takes the engine's result for this image: its error, or its scores.
    void setResult(const cada::ImageResult& result);
    // Takes another record's scores and the model version that computed them.
    void setScoresFrom(const ImageRecord& other);
};

struct DecisionRecord {
    qint64 id = -1;
    qint64 imageId = -1;
    Decision decision = Decision::None;
    QString note;
    QString reviewer;
    QDateTime time; // UTC
};

struct ThresholdChange {
    double value = 0.0;
    QDateTime time; // UTC
};

struct ModelRecord {
    QString path;
    QString sha256;
    QString method;                             // "patchcore" | "revdist"
    QString alignment = QStringLiteral("cada"); // alignment the scores were computed with
    int imageSize = 0;
    double defaultThreshold = 0.0;
    int version = 1; // the model's lineage version (1: as trained)
};

// The workstation's state that a reopened project restores.
struct SessionState {
    qint64 selectedImageId = -1;           // -1: nothing selected
    std::optional<double> reviewBandLower; // unset: no review band
};

// Everything a report or an evaluation needs, read in one go.
struct ProjectSnapshot {
    QString file;
    QString imagesRoot; // folder the batch was loaded from
    QString layout;     // "folder" | "mvtec" | "visa"
    QDateTime createdAt;
    ModelRecord model;
    std::vector<ImageRecord> images; // in insertion order
    std::map<int, QString> groupNames;
    double threshold = 0.0;
    std::vector<ThresholdChange> thresholdHistory;
    SessionState session;

    QString groupName(int group) const; // "Group <id+1>" / "Unknown" when not named
    Verdict verdict(const ImageRecord& image) const;
};

Verdict verdictAt(const ImageRecord& image, double threshold,
                  std::optional<double> reviewBandLower);

} // namespace cada::project
