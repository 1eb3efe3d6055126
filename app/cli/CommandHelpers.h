#pragma once
// Small pieces that several `cada` sub-commands share.
#include <string>
#include <vector>

#include "cada/io/Dataset.h"
#include "cada/model/Model.h"

namespace cada::cli {

// How many of a group's calibration normals the threshold flags: the false-reject rate to
// expect on that product type with one threshold for all.
long calibrationNormalsAbove(const ImplicitGroup& g, double threshold);

// The normal training images of a scanned folder (class names from its layout).
std::vector<TrainingImage> trainingImages(const io::Dataset& ds);

// Creates (and removes) a file beside `out`, so that a missing folder, a read-only one or an
// `out` that is a folder or device is reported before any work is done.
void requireWritable(const std::string& out, const std::string& what);

// The model's version and the updates that made it, for `cada info` and `cada update`.
void printLineage(std::ostream& out, const ModelInfo& info);

} // namespace cada::cli
