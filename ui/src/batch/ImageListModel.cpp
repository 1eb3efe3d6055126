#include "batch/ImageListModel.h"
#include "window/EngineMessages.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QStyle>

#include <limits>

#include "batch/ThumbnailLoader.h"

namespace cada::ui {

ImageListModel::ImageListModel(QObject* parent) : QAbstractTableModel(parent)
{
    m_maps.setMaxCost(1024 * 1024 * 1024); // bytes of aligned maps kept for the heatmap view
}

int ImageListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ImageListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ImageListModel::verdictText(Verdict verdict)
{
    switch (verdict) {
    case Pending:
        return tr("Pending");
    case Ok:
        return tr("OK");
    case Defective:
        return tr("Defective");
    case UnknownType:
        return tr("Unknown type");
    case Failed: // the reason is the cell's tooltip: cut to the column, it said nothing
        return tr("Failed");
    case Review:
        return tr("Review");
    }
    return {};
}

QString ImageListModel::decisionText(cada::project::Decision decision)
{
    using cada::project::Decision;
    switch (decision) {
    case Decision::Ok:
        return tr("OK");
    case Decision::Defective:
        return tr("Defective");
    case Decision::Unsure:
        return tr("Unsure");
    case Decision::None:
        break;
    }
    return {};
}

ImageListModel::Verdict ImageListModel::verdictOf(const Row& row, double threshold,
                                                  std::optional<double> reviewLower)
{
    if (!row.scored)
        return Pending;
    if (!row.image.ok())
        return Failed;
    if (row.image.unknownType)
        return UnknownType;
    if (row.image.score >= threshold)
        return Defective;
    return reviewLower && row.image.score >= *reviewLower ? Review : Ok;
}

bool ImageListModel::disagreement(const Row& row) const
{
    using cada::project::Decision;
    const Verdict v = verdictOf(row);
    return (row.decision == Decision::Ok && v == Defective) ||
           (row.decision == Decision::Defective && v == Ok);
}

bool ImageListModel::flagged(const Row& row) const
{
    const Verdict v = verdictOf(row);
    return v == Defective || v == UnknownType;
}

QString ImageListModel::groupName(int group) const
{
    if (group < 0)
        return tr("Unknown");
    if (group < m_groupNames.size() && !m_groupNames[group].isEmpty())
        return m_groupNames[group];
    return tr("Group %1").arg(group + 1);
}

QVariant ImageListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    const ScoredImage& im = row.image;
    const bool scoredOk = row.scored && im.ok();
    switch (role) {
    case PathRole:
        return im.path;
    case ScoreRole:
        return scoredOk ? QVariant(im.score) : QVariant();
    case RawScoreRole:
        return scoredOk ? QVariant(im.rawScore) : QVariant();
    case GroupRole:
        return im.group;
    case VerdictRole:
        return int(verdictOf(row));
    case FlaggedRole:
        return flagged(row);
    case DecisionRole:
        return int(row.decision);
    case DisagreementRole:
        return disagreement(row);
    case UnknownTypeRole:
        return scoredOk && im.unknownType;
    case ImageIdRole:
        return row.imageId;
    default:
        break;
    }
    switch (index.column()) {
    case ThumbnailColumn:
        if (role == Qt::DecorationRole && m_thumbnails) {
            const QPixmap p = m_thumbnails->thumbnail(im.path);
            if (!p.isNull())
                return p;
        }
        if (role == Qt::SizeHintRole && m_thumbnails)
            return QSize(m_thumbnails->side() + 4, m_thumbnails->side() + 4);
        break;
    case FileColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return row.fileName;
        if (role == Qt::ToolTipRole) {
            if (!im.error.isEmpty())
                return im.path + "\n" + tr("Error: %1").arg(localizedEngineMessage(im.error));
            return im.warning.isEmpty() ? im.path
                                        : im.path + "\n" + tr("Warning: %1").arg(im.warning);
        }
        if (role == Qt::DecorationRole && !im.warning.isEmpty())
            if (auto* app = qobject_cast<QApplication*>(QCoreApplication::instance()))
                return app->style()->standardIcon(QStyle::SP_MessageBoxWarning);
        break;
    case GroupColumn:
        if (role == Qt::DisplayRole)
            return scoredOk ? groupName(im.group) : QString();
        if (role == SortRole)
            return scoredOk ? im.group : -2;
        break;
    case ScoreColumn:
        if (role == Qt::DisplayRole)
            return scoredOk ? QString::number(im.score, 'f', 3) : QString();
        if (role == SortRole)
            return scoredOk ? im.score : -std::numeric_limits<double>::infinity();
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ToolTipRole && scoredOk)
            return tr("Aligned score %1, raw score %2, predicted normal mean %3, max %4")
                .arg(im.score, 0, 'f', 4)
                .arg(im.rawScore, 0, 'f', 4)
                .arg(im.uHat, 0, 'f', 4)
                .arg(im.gammaHat, 0, 'f', 4);
        break;
    case VerdictColumn: {
        const Verdict v = verdictOf(row);
        if (role == Qt::DisplayRole)
            return verdictText(v);
        if (role == Qt::ToolTipRole && v == Failed)
            return localizedEngineMessage(im.error);
        if (role == SortRole)
            return int(v);
        if (role == Qt::ForegroundRole) {
            if (v == Defective || v == Failed)
                return QColor(200, 30, 30);
            if (v == UnknownType || v == Review)
                return QColor(200, 120, 0);
        }
        break;
    }
    case DecisionColumn:
        if (role == Qt::DisplayRole)
            return decisionText(row.decision);
        if (role == SortRole)
            return int(row.decision);
        if (role == Qt::ToolTipRole && row.decision != cada::project::Decision::None)
            return tr("%1 by %2 at %3")
                .arg(decisionText(row.decision),
                     row.reviewer.isEmpty() ? tr("unnamed reviewer") : row.reviewer,
                     QLocale().toString(row.decidedAt.toLocalTime(), QLocale::ShortFormat));
        if (role == Qt::ForegroundRole && disagreement(row))
            return QColor(200, 30, 30);
        break;
    case NoteColumn:
        if (role == Qt::DisplayRole || role == SortRole || role == Qt::ToolTipRole)
            return row.note;
        break;
    default:
        break;
    }
    return {};
}

QVariant ImageListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ThumbnailColumn:
        return tr("Image");
    case FileColumn:
        return tr("File");
    case GroupColumn:
        return tr("Group");
    case ScoreColumn:
        return tr("Score");
    case VerdictColumn:
        return tr("Verdict");
    case DecisionColumn:
        return tr("Decision");
    case NoteColumn:
        return tr("Note");
    default:
        return {};
    }
}

void ImageListModel::setImages(const QStringList& paths, const QString& root)
{
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(paths.size());
    m_rowOfPath.clear();
    m_rowOfId.clear();
    m_maps.clear();
    const QDir rootDir(root);
    for (const QString& p : paths) {
        Row row;
        row.image.path = p;
        row.fileName = root.isEmpty() ? QFileInfo(p).fileName() : rootDir.relativeFilePath(p);
        m_rowOfPath.insert(p, int(m_rows.size()));
        m_rows.append(std::move(row));
    }
    m_flagged = m_scored = m_errors = 0;
    endResetModel();
    emit flaggedCountChanged(m_flagged, int(m_rows.size()));
}

void ImageListModel::setScoredImages(const QVector<ScoredImage>& images, const QString& root,
                                     const QVector<RowReview>& reviews)
{
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(images.size());
    m_rowOfPath.clear();
    m_rowOfId.clear();
    m_maps.clear();
    m_flagged = m_scored = m_errors = 0;
    const QDir rootDir(root);
    for (const ScoredImage& im : images) {
        Row row;
        row.image = im;
        row.image.rawMap.release();
        row.image.alignedMap.release();
        row.scored = true;
        row.fileName =
            root.isEmpty() ? QFileInfo(im.path).fileName() : rootDir.relativeFilePath(im.path);
        if (m_rows.size() < reviews.size()) {
            const RowReview& review = reviews[m_rows.size()];
            row.imageId = review.imageId;
            row.decision = review.decision;
            row.note = review.note;
            row.reviewer = review.reviewer;
            row.decidedAt = review.time;
            if (row.imageId >= 0)
                m_rowOfId.insert(row.imageId, int(m_rows.size()));
        }
        m_rowOfPath.insert(im.path, int(m_rows.size()));
        ++m_scored;
        m_errors += int(!im.ok());
        m_flagged += int(flagged(row));
        m_rows.append(std::move(row));
    }
    endResetModel();
    emit flaggedCountChanged(m_flagged, int(m_rows.size()));
}

void ImageListModel::setImageId(int row, qint64 id)
{
    if (row < 0 || row >= m_rows.size())
        return;
    m_rowOfId.remove(m_rows[row].imageId);
    m_rows[row].imageId = id;
    if (id >= 0)
        m_rowOfId.insert(id, row);
}

int ImageListModel::rowOfImageId(qint64 id) const
{
    return m_rowOfId.value(id, -1);
}

void ImageListModel::setReview(int rowIndex, cada::project::Decision decision, const QString& note,
                               const QString& reviewer, const QDateTime& time)
{
    if (rowIndex < 0 || rowIndex >= m_rows.size())
        return;
    Row& row = m_rows[rowIndex];
    row.decision = decision;
    row.note = note;
    row.reviewer = reviewer;
    row.decidedAt = time;
    emit dataChanged(index(rowIndex, VerdictColumn), index(rowIndex, NoteColumn));
    emit reviewChanged(rowIndex);
}

void ImageListModel::setResult(int rowIndex, const ScoredImage& result)
{
    if (rowIndex < 0 || rowIndex >= m_rows.size())
        return;
    Row& row = m_rows[rowIndex];
    const bool wasFlagged = flagged(row);
    if (!row.scored)
        ++m_scored;
    else if (!row.image.ok())
        --m_errors;
    row.scored = true;
    row.image = result;
    row.image.rawMap.release(); // recomputable: raw = aligned * (gamma - u) + u
    row.image.alignedMap.release();
    if (result.ok() && !result.alignedMap.empty()) {
        auto* map = new cv::Mat(result.alignedMap);
        m_maps.insert(rowIndex, map, qsizetype(map->total() * map->elemSize()));
    }
    if (!result.ok())
        ++m_errors;
    m_flagged += int(flagged(row)) - int(wasFlagged);
    emit dataChanged(index(rowIndex, 0), index(rowIndex, ColumnCount - 1));
    emit resultArrived(rowIndex);
    emit flaggedCountChanged(m_flagged, int(m_rows.size()));
}

cv::Mat ImageListModel::alignedMap(int row) const
{
    if (const cv::Mat* m = m_maps.object(row))
        return *m;
    return {};
}

void ImageListModel::restoreMap(int row, const cv::Mat& alignedMap)
{
    if (row < 0 || row >= m_rows.size() || alignedMap.empty())
        return;
    auto* map = new cv::Mat(alignedMap);
    m_maps.insert(row, map, qsizetype(map->total() * map->elemSize()));
}

int ImageListModel::rowOfPath(const QString& path) const
{
    return m_rowOfPath.value(path, -1);
}

void ImageListModel::setThreshold(double threshold)
{
    if (threshold == m_threshold)
        return;
    reverdict(threshold, m_reviewLower);
}

void ImageListModel::setReviewBand(std::optional<double> lower)
{
    if (lower == m_reviewLower)
        return;
    reverdict(m_threshold, lower);
}

void ImageListModel::reverdict(double threshold, std::optional<double> reviewLower)
{
    // Verdicts are recomputed with the new threshold; only the span that changed is announced.
    int first = -1, last = -1, flaggedNow = 0;
    for (int r = 0; r < m_rows.size(); ++r) {
        const Row& row = m_rows[r];
        const Verdict after = verdictOf(row, threshold, reviewLower);
        if (verdictOf(row) != after) {
            if (first < 0)
                first = r;
            last = r;
        }
        flaggedNow += int(after == Defective || after == UnknownType);
    }
    m_threshold = threshold;
    m_reviewLower = reviewLower;
    m_flagged = flaggedNow;
    if (first >= 0)
        emit dataChanged(index(first, ScoreColumn), index(last, DecisionColumn));
    emit flaggedCountChanged(m_flagged, int(m_rows.size()));
}

void ImageListModel::setGroupNames(const QStringList& names)
{
    m_groupNames = names;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, GroupColumn), index(int(m_rows.size()) - 1, GroupColumn));
}

void ImageListModel::setThumbnailLoader(ThumbnailLoader* loader)
{
    if (m_thumbnails)
        disconnect(m_thumbnails, nullptr, this, nullptr);
    m_thumbnails = loader;
    if (loader)
        connect(loader, &ThumbnailLoader::thumbnailReady, this, &ImageListModel::onThumbnailReady);
}

void ImageListModel::onThumbnailReady(const QString& path)
{
    const int row = rowOfPath(path);
    if (row >= 0)
        emit dataChanged(index(row, ThumbnailColumn), index(row, ThumbnailColumn),
                         {Qt::DecorationRole});
}

void ImageListModel::setGroundTruth(const QVector<int>& labels)
{
    for (int r = 0; r < m_rows.size() && r < labels.size(); ++r)
        m_rows[r].groundTruth = labels[r];
}

ImageListModel::Label ImageListModel::label(int row) const
{
    const Row& r = m_rows.at(row);
    switch (r.decision) {
    case cada::project::Decision::Ok:
        return Label::Normal;
    case cada::project::Decision::Defective:
        return Label::Defective;
    case cada::project::Decision::Unsure:
        return Label::Unsure;
    case cada::project::Decision::None:
        break;
    }
    return r.groundTruth == 0   ? Label::Normal
           : r.groundTruth == 1 ? Label::Defective
                                : Label::Unlabelled;
}

} // namespace cada::ui
