#pragma once
// A tiny demo data set and model for ui tests: cada::demo data (64 px, 4 normals per class),
// a PatchCore model on the built-in backbone, saved to <dir>/model.cada.
#include <QString>
#include <QStringList>

namespace cada::test {

struct TinyModel {
    QString dataDir; // MVTec-layout demo data
    QString modelPath;
    QStringList testImages;
};

// Throws cada::Error on failure. `leaveOut` names a product type whose training images are not
// used (its test images are then of an unknown type to the model).
TinyModel makeTinyModel(const QString& dir, const QString& leaveOut = {});

} // namespace cada::test
