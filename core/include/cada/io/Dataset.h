#pragma once
// Dataset scanning: turns a folder into a deterministic list of image records.
//
// Layouts (detected automatically, or forced):
//  - folder: every image below the root, recursively (hidden entries skipped, symlinked
//    folders followed once, so loops are safe), no class/split/label information;
//  - mvtec:  <class>/train/good, <class>/test/<defect>,
//  <class>/ground_truth/<defect>/<name>_mask.png
//            (the root may also be a single class folder);
//  - visa:   split_csv/1cls.csv with columns object,split,label,image,mask (paths relative to
//  root).
//
// Unreadable entries and inconsistencies (a defect image without its mask, a CSV row naming a
// missing file) are reported in Dataset::problems and skipped; only an unusable root throws.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cada {
class Progress;
}

namespace cada::io {

enum class Layout { Auto, Folder, MVTec, VisA };
enum class Split { Unknown, Train, Test };
enum class Label { Unknown, Normal, Anomalous };

std::string layoutName(Layout layout);
std::string splitName(Split split);
std::string labelName(Label label);
// Parses "auto", "folder", "mvtec", "visa" (case-insensitive); throws cada::Error otherwise.
Layout parseLayout(const std::string& text);

struct DatasetRecord {
    std::filesystem::path path; // absolute
    std::string relativePath;   // relative to the dataset root, '/'-separated
    std::string className;      // empty when the layout gives none
    Split split = Split::Unknown;
    Label label = Label::Unknown;
    std::string defectType;         // "good" or the defect folder name (MVTec); empty otherwise
    std::filesystem::path maskPath; // empty when there is none
};

struct ScanProblem {
    std::filesystem::path path;
    std::string reason;
    // True when the file is not among the records (it will not be scored); false for a note about
    // a record (a defect image without its mask is still scored).
    bool skipped = true;
};

struct Dataset {
    std::filesystem::path root;
    Layout layout = Layout::Folder;
    std::vector<DatasetRecord> records;
    std::vector<ScanProblem> problems;

    // Sorted, distinct class names (empty for plain folders).
    std::vector<std::string> classes() const;
    std::vector<DatasetRecord> select(Split split) const;
    // The images to train on: the normal training images (train split, not anomalous) of an
    // MVTec AD or VisA layout, every image of a plain folder.
    std::vector<DatasetRecord> normalTrainingRecords() const;
};

// Throws cada::Error when the root is missing, not a folder, unreadable, or does not match a
// forced layout.
Dataset scanDataset(const std::filesystem::path& root, Layout layout = Layout::Auto);

// The layout Auto would pick for this root.
Layout detectLayout(const std::filesystem::path& root);

} // namespace cada::io
