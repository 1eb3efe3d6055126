#pragma once
// A project: one SQLite database (Qt SQL, QSQLITE driver) holding an inspected batch, its
// scores, the threshold history, every review decision and the session state, so that reopening
// restores the session without running the detector.
//
// Durability: WAL journal with synchronous=FULL, foreign keys on. Every write method commits its
// own transaction before returning, so when recordDecision() returns the decision survives a
// killed process (and a power cut). Bulk writes (addImages) are one transaction: all or nothing.
//
// Schema versions: PRAGMA user_version. open() migrates older versions in one transaction, after
// writing a copy of the old file to "<file>.v<N>.bak"; a newer or unknown version, a file that is
// not SQLite, or an SQLite file that is not a project are refused with a cada::Error naming the
// file, and the file is left untouched.
//
// Threading: a ProjectStore (its QSqlDatabase connection) must be created, used and destroyed
// on one thread. Several stores on the same file (e.g. the GUI thread and a worker) are fine:
// each has its own uniquely named connection; SQLite serialises writers (busy timeout 5 s).
// Every method throws cada::Error with an actionable message on failure.
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "ProjectTypes.h"

class QSqlQuery;

namespace cada {
class Progress;
}

namespace cada::project {

struct RelocationResult {
    int relocated = 0;      // paths rewritten (their files were found with the same SHA-256)
    QStringList missing;    // old paths under oldPrefix with no file at the new place
    QStringList mismatched; // old paths whose file at the new place has another content
};

class ProjectStore {
  public:
    static constexpr int kSchemaVersion = 2;

    // Creates a new, empty project. Refuses to overwrite an existing file.
    static std::unique_ptr<ProjectStore> create(const QString& file, const QString& imagesRoot = {},
                                                const QString& layout = QStringLiteral("folder"));
    // Opens an existing project, migrating an older schema (see above).
    static std::unique_ptr<ProjectStore> open(const QString& file);

    ~ProjectStore();
    ProjectStore(const ProjectStore&) = delete;
    ProjectStore& operator=(const ProjectStore&) = delete;

    QString fileName() const { return m_file; }
    int migratedFrom() const { return m_migratedFrom; } // 0 unless open() migrated the file
    QString backupFile() const { return m_backup; }     // the pre-migration copy, if any

    QString imagesRoot() const;
    QString layout() const;
    QDateTime createdAt() const;

    void setModel(const ModelRecord& model);
    ModelRecord model() const;

    // Stores images with their scores in one transaction and sets their ids.
    void addImages(std::vector<ImageRecord>& images);
    // After a model update: the new model and every given image's new scores (each with the
    // model version that computed it), in one transaction. Throws for an image not in the project.
    void replaceScores(const ModelRecord& model, const std::vector<ImageRecord>& images);
    std::vector<ImageRecord> images() const; // with the current decision of each
    ImageRecord image(qint64 id) const;
    int imageCount() const;

    void setGroupName(int group, const QString& name);
    std::map<int, QString> groupNames() const;

    // Appends to the threshold history; threshold() is the latest value (the model's default
    // until the first change).
    void setThreshold(double value);
    double threshold() const;
    std::vector<ThresholdChange> thresholdHistory() const;

    // Records one decision (None withdraws the previous one; its note, if any, stays the image's
    // note) and commits it before returning.
    DecisionRecord recordDecision(qint64 imageId, Decision decision, const QString& note,
                                  const QString& reviewer);
    // Every decision ever made, oldest first; imageId -1 for all images.
    std::vector<DecisionRecord> decisionHistory(qint64 imageId = -1) const;

    void setSelectedImage(qint64 imageId);
    void setReviewBand(std::optional<double> lower);
    SessionState session() const;

    ProjectSnapshot snapshot() const;

    // Images whose file is no longer at its recorded path.
    QStringList missingImages() const;
    // The deepest folder that holds every missing image: the oldPrefix to offer for relocate().
    QString suggestedOldRoot() const;
    // Rewrites paths under oldPrefix to newPrefix for the images whose file at the new place has
    // the recorded SHA-256; the others keep their path and are listed in the result. One
    // transaction. `progress` (optional) counts hashed files and may cancel before the write.
    RelocationResult relocate(const QString& oldPrefix, const QString& newPrefix,
                              Progress* progress = nullptr);

    // Hex SHA-256 of a file's content; throws cada::Error when it cannot be read.
    static QString fileSha256(const QString& path);

    // SQLite's full integrity check (every page, every index entry against its table, the
    // constraints; open() runs only the quick check, which skips index contents) and the foreign
    // keys, on a read-only connection of its own: callable from any thread, while the project is
    // open elsewhere. Empty when the file is sound, else SQLite's findings (at most 20). Throws
    // cada::Error when the file is not an SQLite database or cannot be read.
    static QStringList integrityProblems(const QString& file);

  private:
    explicit ProjectStore(const QString& file);
    // A project file must exist, be a file and start like an SQLite database.
    static void requireSqliteFile(const QString& file);
    void connect();
    void checkAndMigrate();
    QSqlQuery exec(const QString& sql, const QVariantList& values = {}) const;
    // Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back and rethrows on any exception.
    void transaction(const std::function<void()>& body);
    void writeModel(const ModelRecord& model);  // inside a transaction
    void writeScores(const ImageRecord& image); // inside a transaction
    QString meta(const QString& key) const;
    void setMeta(const QString& key, const QString& value);
    [[noreturn]] void fail(const QString& what, const QString& detail) const;

    QString m_file;
    QString m_connection;
    QSqlDatabase m_db;
    int m_migratedFrom = 0;
    QString m_backup;
};

} // namespace cada::project
