#pragma once
// The batch being inspected: one row per image, in the order the folder scan gave them.
//
// Verdict rule (one place, used by the list, the status bar and the groups dock):
//   not scored yet -> Pending; scoring error -> Error; unknownType -> Unknown type (the alignment
//   is not trustworthy, a person must look); score >= threshold -> Defective; score inside the
//   optional review band [lower, threshold) -> Review; else OK.
// "Flagged" means Defective or Unknown type: the images a reviewer has to look at. Review-band
// images are not flagged; they are the default review queue.
//
// Review state (decision, note, reviewer, time, project image id) is held per row so the list
// can show and filter it; the project store is the record, this model mirrors it.
// A disagreement is a reviewed image whose decision contradicts the verdict: decision OK on a
// Defective verdict, or decision Defective on an OK verdict (Review, Unknown type, Unsure and
// Pending are no claims, so they never disagree).
//
// setThreshold() changes verdicts in place and emits dataChanged for the affected span of the
// Score, Verdict and Decision columns (the Decision column marks disagreements, which follow the
// verdict; never a reset), then flaggedCountChanged. setReviewBand() does the same.
// Heatmaps are kept in a byte-bounded cache (maps for 10,000 images would not fit in memory);
// alignedMap(row) is empty when the map was evicted.
#include <QAbstractTableModel>
#include <QCache>
#include <QVector>

#include <QDateTime>

#include <optional>

#include "batch/ScoredImage.h"
#include "ProjectTypes.h"

namespace cada::ui {

class ThumbnailLoader;

class ImageListModel : public QAbstractTableModel {
    Q_OBJECT
  public:
    enum Column {
        ThumbnailColumn,
        FileColumn,
        GroupColumn,
        ScoreColumn,
        VerdictColumn,
        DecisionColumn,
        NoteColumn,
        ColumnCount
    };
    enum Verdict { Pending, Ok, Defective, UnknownType, Failed, Review };
    enum Role {
        PathRole = Qt::UserRole + 1,
        SortRole,  // numeric per column; unscored rows sort as -infinity
        ScoreRole, // aligned score (double) or invalid when not scored
        RawScoreRole,
        GroupRole,        // int, -1 unknown
        VerdictRole,      // Verdict
        FlaggedRole,      // bool
        DecisionRole,     // int(cada::project::Decision)
        DisagreementRole, // bool
        UnknownTypeRole,  // bool (scored rows only)
        ImageIdRole,      // qint64 project image id, -1 outside a project
    };

    explicit ImageListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Replaces the batch with these images, all Pending. The File column shows paths relative
    // to `root` when given (test sets repeat file names across defect folders).
    void setImages(const QStringList& paths, const QString& root = {});
    // Fills row `row` with a result; its maps go into the map cache.
    void setResult(int row, const ScoredImage& result);

    struct RowReview {
        qint64 imageId = -1;
        cada::project::Decision decision = cada::project::Decision::None;
        QString note, reviewer;
        QDateTime time;
    };
    // Replaces the batch with already scored images (e.g. from a project) in one reset;
    // `reviews` is empty or holds one entry per image.
    void setScoredImages(const QVector<ScoredImage>& images, const QString& root = {},
                         const QVector<RowReview>& reviews = {});

    void setThreshold(double threshold);
    double threshold() const { return m_threshold; }
    // The optional lower bound of the review band; unset: no band.
    void setReviewBand(std::optional<double> lower);
    std::optional<double> reviewBand() const { return m_reviewLower; }

    // Review state of a row (mirrors the project store).
    void setImageId(int row, qint64 id);
    qint64 imageId(int row) const { return m_rows.at(row).imageId; }
    int rowOfImageId(qint64 id) const;
    void setReview(int row, cada::project::Decision decision, const QString& note,
                   const QString& reviewer, const QDateTime& time);
    cada::project::Decision decision(int row) const { return m_rows.at(row).decision; }
    // The layout's label (MVTec AD / VisA): 0 normal, 1 anomalous, -1 unknown.
    int groundTruth(int row) const { return m_rows.at(row).groundTruth; }
    void setGroundTruth(const QVector<int>& labels); // one per row, in row order
    // What the image is known to be: a review decision first, else the layout's label.
    enum class Label { Normal, Defective, Unsure, Unlabelled };
    Label label(int row) const;
    QString note(int row) const { return m_rows.at(row).note; }
    QString reviewer(int row) const { return m_rows.at(row).reviewer; }
    bool isDisagreement(int row) const { return disagreement(m_rows.at(row)); }
    static QString decisionText(cada::project::Decision decision);
    int flaggedCount() const { return m_flagged; }
    int scoredCount() const { return m_scored; }
    int errorCount() const { return m_errors; }

    // Group names shown in the Group column (index = group id); default "Group N".
    void setGroupNames(const QStringList& names);
    QString groupName(int group) const;
    QStringList groupNames() const { return m_groupNames; } // index = group id

    void setThumbnailLoader(ThumbnailLoader* loader);
    ThumbnailLoader* thumbnailLoader() const { return m_thumbnails; }

    // Row data for views that need more than roles.
    const ScoredImage& image(int row) const { return m_rows.at(row).image; }
    Verdict verdict(int row) const { return verdictOf(m_rows.at(row)); }
    bool isFlagged(int row) const { return flagged(m_rows.at(row)); }
    bool isScored(int row) const { return m_rows.at(row).scored; }
    cv::Mat alignedMap(int row) const;
    // Puts a recomputed map of an already scored row back into the cache (counts unchanged).
    void restoreMap(int row, const cv::Mat& alignedMap);
    void setMapCacheBytes(qsizetype bytes) { m_maps.setMaxCost(bytes); }
    int rowOfPath(const QString& path) const;
    QString path(int row) const { return m_rows.at(row).image.path; }

    static QString verdictText(Verdict verdict); // a failure's reason is the cell's tooltip

  signals:
    void flaggedCountChanged(int flagged, int total);
    void resultArrived(int row);
    void reviewChanged(int row);

  private:
    struct Row {
        ScoredImage image; // maps are moved into m_maps
        QString fileName;
        bool scored = false;
        qint64 imageId = -1;
        cada::project::Decision decision = cada::project::Decision::None;
        QString note, reviewer;
        QDateTime decidedAt;
        int groundTruth = -1;
    };
    Verdict verdictOf(const Row& row) const { return verdictOf(row, m_threshold, m_reviewLower); }
    static Verdict verdictOf(const Row& row, double threshold, std::optional<double> reviewLower);
    bool disagreement(const Row& row) const;
    void reverdict(double threshold, std::optional<double> reviewLower);
    bool flagged(const Row& row) const;
    void onThumbnailReady(const QString& path);

    QVector<Row> m_rows;
    QHash<QString, int> m_rowOfPath;
    QHash<qint64, int> m_rowOfId;
    std::optional<double> m_reviewLower;
    QCache<int, cv::Mat> m_maps;
    QStringList m_groupNames;
    double m_threshold = 1.0;
    int m_flagged = 0;
    int m_scored = 0;
    int m_errors = 0;
    ThumbnailLoader* m_thumbnails = nullptr;
};

} // namespace cada::ui
