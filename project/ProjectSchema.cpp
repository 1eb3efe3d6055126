#include "ProjectSchema.h"

namespace cada::project::schema {

QStringList createStatements()
{
    return {
        QStringLiteral("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE model(id INTEGER PRIMARY KEY CHECK (id = 1), path TEXT NOT NULL,"
            " sha256 TEXT NOT NULL, method TEXT NOT NULL, alignment TEXT NOT NULL,"
            " image_size INTEGER NOT NULL, default_threshold REAL NOT NULL,"
            " version INTEGER NOT NULL DEFAULT 1)"),
        QStringLiteral(
            "CREATE TABLE images(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, folder TEXT "
            "NOT NULL,"
            " sha256 TEXT NOT NULL, size_bytes INTEGER NOT NULL, class_name TEXT NOT NULL DEFAULT "
            "'',"
            " ground_truth INTEGER NOT NULL DEFAULT -1 CHECK (ground_truth IN (-1, 0, 1)))"),
        QStringLiteral(
            "CREATE TABLE scores(image_id INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE "
            "CASCADE,"
            " raw_score REAL, score REAL, u_hat REAL, gamma_hat REAL,"
            " group_id INTEGER NOT NULL DEFAULT -1, unknown_type INTEGER NOT NULL DEFAULT 0,"
            " error TEXT NOT NULL DEFAULT '', model_version INTEGER NOT NULL DEFAULT 1,"
            " model_sha256 TEXT NOT NULL DEFAULT '')"),
        QStringLiteral(
            "CREATE TABLE group_names(group_id INTEGER PRIMARY KEY, name TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE threshold_history(id INTEGER PRIMARY KEY AUTOINCREMENT, value "
                       "REAL NOT NULL,"
                       " changed_at TEXT NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE decisions(id INTEGER PRIMARY KEY AUTOINCREMENT,"
            " image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,"
            " decision TEXT NOT NULL CHECK (decision IN ('none', 'ok', 'defective', 'unsure')),"
            " note TEXT NOT NULL DEFAULT '', reviewer TEXT NOT NULL DEFAULT '', decided_at TEXT "
            "NOT NULL)"),
        QStringLiteral("CREATE INDEX decisions_by_image ON decisions(image_id, id)"),
        QStringLiteral(
            "CREATE TABLE session(id INTEGER PRIMARY KEY CHECK (id = 1), selected_image INTEGER,"
            " view_alignment TEXT NOT NULL DEFAULT 'cada', review_band_lower REAL)"),
        QStringLiteral("INSERT INTO session(id) VALUES (1)"),
        QStringLiteral("INSERT INTO meta(key, value) VALUES ('application', '%1')")
            .arg(QLatin1String(kApplicationId)),
        QStringLiteral("PRAGMA user_version = %1").arg(kCurrentVersion),
    };
}

QStringList migrationStep(int fromVersion)
{
    switch (fromVersion) {
    case 1:
        return {
            QStringLiteral("ALTER TABLE session ADD COLUMN review_band_lower REAL"),
            QStringLiteral("PRAGMA user_version = 2"),
        };
    case 2:
        return {
            QStringLiteral("ALTER TABLE model ADD COLUMN version INTEGER NOT NULL DEFAULT 1"),
            QStringLiteral(
                "ALTER TABLE scores ADD COLUMN model_version INTEGER NOT NULL DEFAULT 1"),
            QStringLiteral("ALTER TABLE scores ADD COLUMN model_sha256 TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("UPDATE scores SET model_sha256 = COALESCE((SELECT sha256 FROM model "
                           "WHERE id = 1), '')"),
            QStringLiteral("PRAGMA user_version = 3"),
        };
    default:
        return {};
    }
}

} // namespace cada::project::schema
