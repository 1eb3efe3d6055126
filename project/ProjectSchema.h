#pragma once
// The project database schema, as SQL text, and the migrations between its versions.
//
// Version history (PRAGMA user_version):
//  1: images, model, scores, group names, threshold history, decisions, session (selection,
//     view alignment).
//  2: session.review_band_lower (the optional second threshold that marks "needs review").
//  3: model.version, and per score the model file (SHA-256) and version that computed it, so a
//     project taught with `cada update` or the workstation says which version scored each image.
#include <QStringList>

namespace cada::project::schema {

inline constexpr int kCurrentVersion = 3;
inline constexpr const char* kApplicationId = "cada-inspect";

// Statements that create an empty project at the current version (user_version included).
QStringList createStatements();

// Statements that bring a database from `fromVersion` to `fromVersion + 1`; empty when no such
// step exists.
QStringList migrationStep(int fromVersion);

} // namespace cada::project::schema
