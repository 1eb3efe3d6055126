#include "cada/io/Dataset.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "cada/Error.h"
#include "cada/io/ImageLoader.h"
#include "cada/io/TemporaryFiles.h"

namespace fs = std::filesystem;

namespace cada::io {
namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

bool isHidden(const fs::path& p)
{
    const std::string name = p.filename().string();
    return !name.empty() && name[0] == '.';
}

std::string relativeTo(const fs::path& path, const fs::path& root)
{
    return path.lexically_relative(root).generic_string();
}

// Lists one folder's entries sorted by name, reporting an unreadable folder as a problem.
std::vector<fs::directory_entry> listSorted(const fs::path& dir, std::vector<ScanProblem>& problems)
{
    std::vector<fs::directory_entry> entries;
    std::error_code ec;
    fs::directory_iterator it(dir, ec); // no skip_permission_denied: that would hide the folder
    if (ec) {
        problems.push_back({dir, "folder cannot be read: " + ec.message()});
        return entries;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) {
            problems.push_back({dir, "listing stopped early: " + ec.message()});
            break;
        }
        if (!isHidden(it->path()))
            entries.push_back(*it);
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.path().filename() < b.path().filename();
    });
    return entries;
}

void checkReadable(const fs::path& file, std::vector<ScanProblem>& problems, bool& ok)
{
    std::ifstream in(file, std::ios::binary);
    ok = bool(in);
    if (!ok)
        problems.push_back({file, "file cannot be opened for reading (check its permissions)."});
}

// Recursively collects images. Folders are identified by their canonical path so that a
// symlink pointing back up the tree is visited once, not forever.
void collectImages(const fs::path& dir, std::set<fs::path>& visited, std::vector<fs::path>& images,
                   std::vector<ScanProblem>& problems)
{
    std::error_code ec;
    const fs::path canonical = fs::canonical(dir, ec);
    if (ec) {
        problems.push_back({dir, "folder cannot be resolved: " + ec.message()});
        return;
    }
    if (!visited.insert(canonical).second)
        return;
    for (const auto& entry : listSorted(dir, problems)) {
        std::error_code sec;
        if (entry.is_symlink(sec)) {
            std::error_code target;
            const bool exists = fs::exists(entry.path(), target);
            if (target == std::errc::too_many_symbolic_link_levels) {
                problems.push_back(
                    {entry.path(), "symbolic link loop (the link leads back to itself)."});
                continue;
            }
            if (!exists) {
                problems.push_back(
                    {entry.path(), "broken symbolic link (its target does not exist)."});
                continue;
            }
        }
        const bool isDir = entry.is_directory(sec);
        if (sec) {
            problems.push_back({entry.path(), "entry cannot be inspected: " + sec.message()});
            continue;
        }
        if (isDir) {
            collectImages(entry.path(), visited, images, problems);
        } else if (entry.is_regular_file(sec) && hasImageExtension(entry.path())) {
            bool ok = false;
            checkReadable(entry.path(), problems, ok);
            if (ok)
                images.push_back(entry.path());
        } else if (hasImageExtension(entry.path())) {
            // Never opened: reading a FIFO blocks, a device never ends.
            problems.push_back({entry.path(), "not a regular file (a FIFO, socket or device); "
                                              "skipped without reading it."});
        }
    }
}

bool isMVTecClassDir(const fs::path& dir)
{
    std::error_code ec;
    return fs::is_directory(dir / "train" / "good", ec) || fs::is_directory(dir / "test", ec);
}

void scanMVTecClass(const fs::path& root, const fs::path& classDir, Dataset& ds)
{
    const std::string cls = classDir.filename().string();
    std::set<fs::path> visited;
    for (const std::string splitName : {"train", "test"}) {
        const fs::path splitDir = classDir / splitName;
        std::error_code ec;
        if (!fs::is_directory(splitDir, ec))
            continue;
        for (const auto& defectEntry : listSorted(splitDir, ds.problems)) {
            if (!defectEntry.is_directory(ec))
                continue;
            const std::string defect = defectEntry.path().filename().string();
            std::vector<fs::path> images;
            collectImages(defectEntry.path(), visited, images, ds.problems);
            for (const auto& image : images) {
                DatasetRecord r;
                r.path = fs::absolute(image);
                r.relativePath = relativeTo(image, root);
                r.className = cls;
                r.split = splitName == "train" ? Split::Train : Split::Test;
                r.defectType = defect;
                r.label = defect == "good" ? Label::Normal : Label::Anomalous;
                if (r.label == Label::Anomalous) {
                    const fs::path mask =
                        classDir / "ground_truth" / defect / (image.stem().string() + "_mask.png");
                    if (fs::is_regular_file(mask, ec))
                        r.maskPath = fs::absolute(mask);
                    else
                        ds.problems.push_back(
                            {image,
                             "defect image without a ground-truth mask (expected '" +
                                 mask.string() + "'); pixel metrics skip it.",
                             false});
                }
                ds.records.push_back(std::move(r));
            }
        }
    }
}

std::vector<std::string> splitCsvLine(const std::string& line)
{
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (char c : line) {
        if (c == '"')
            quoted = !quoted;
        else if (c == ',' && !quoted) {
            cells.push_back(cell);
            cell.clear();
        } else if (c != '\r')
            cell += c;
    }
    cells.push_back(cell);
    return cells;
}

void scanVisA(const fs::path& root, Dataset& ds)
{
    const fs::path csv = root / "split_csv" / "1cls.csv";
    requireRegularFile(csv, "VisA split file");
    std::ifstream in(csv);
    if (!in)
        throw Error("Cannot read the VisA split file '" + csv.string() +
                    "' (check it exists and is readable).");
    std::string line;
    std::getline(in, line);
    const auto header = splitCsvLine(line);
    std::map<std::string, size_t> column;
    for (size_t i = 0; i < header.size(); ++i)
        column[lower(header[i])] = i;
    for (const char* needed : {"object", "split", "label", "image"})
        if (!column.count(needed))
            throw Error("The VisA split file '" + csv.string() + "' has no '" + needed +
                        "' column; expected the header object,split,label,image,mask.");
    int lineNo = 1;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        const auto cells = splitCsvLine(line);
        auto cell = [&](const char* name) {
            const auto it = column.find(name);
            return it != column.end() && it->second < cells.size() ? cells[it->second]
                                                                   : std::string();
        };
        // Paths are relative to the root and stay inside it: a row cannot name (or make --maps
        // write next to) a file elsewhere on the machine.
        const auto inside = [](const std::string& relative) {
            const fs::path p = fs::path(relative).lexically_normal();
            return !relative.empty() && p.is_relative() && *p.begin() != "..";
        };
        const fs::path image = root / cell("image");
        std::error_code ec;
        if (!cell("image").empty() && !inside(cell("image"))) {
            ds.problems.push_back({image, csv.filename().string() + " line " +
                                              std::to_string(lineNo) +
                                              " names an image outside the dataset folder."});
            continue;
        }
        if (cell("image").empty() || !fs::is_regular_file(image, ec)) {
            ds.problems.push_back({image, csv.filename().string() + " line " +
                                              std::to_string(lineNo) +
                                              " names an image that does not exist."});
            continue;
        }
        DatasetRecord r;
        r.path = fs::absolute(image);
        r.relativePath = relativeTo(image, root);
        r.className = cell("object");
        const std::string split = lower(cell("split"));
        r.split = split == "train" ? Split::Train : split == "test" ? Split::Test : Split::Unknown;
        const std::string label = lower(cell("label"));
        r.label = label == "normal"                              ? Label::Normal
                  : (label == "anomaly" || label == "anomalous") ? Label::Anomalous
                                                                 : Label::Unknown;
        r.defectType = r.label == Label::Normal      ? "good"
                       : r.label == Label::Anomalous ? "anomaly"
                                                     : "";
        const std::string mask = cell("mask");
        if (!mask.empty()) {
            if (inside(mask) && fs::is_regular_file(root / mask, ec))
                r.maskPath = fs::absolute(root / mask);
            else
                ds.problems.push_back({root / mask,
                                       "mask named on line " + std::to_string(lineNo) +
                                           (inside(mask) ? " does not exist."
                                                         : " is outside the dataset folder."),
                                       false});
        }
        ds.records.push_back(std::move(r));
    }
}

} // namespace

std::string layoutName(Layout layout)
{
    switch (layout) {
    case Layout::Auto:
        return "auto";
    case Layout::Folder:
        return "folder";
    case Layout::MVTec:
        return "mvtec";
    case Layout::VisA:
        return "visa";
    }
    return "?";
}
std::string splitName(Split split)
{
    return split == Split::Train ? "train" : split == Split::Test ? "test" : "unknown";
}
std::string labelName(Label label)
{
    return label == Label::Normal ? "normal" : label == Label::Anomalous ? "anomalous" : "unknown";
}

Layout parseLayout(const std::string& text)
{
    const std::string t = lower(text);
    if (t == "auto")
        return Layout::Auto;
    if (t == "folder")
        return Layout::Folder;
    if (t == "mvtec")
        return Layout::MVTec;
    if (t == "visa")
        return Layout::VisA;
    throw Error("Unknown dataset layout '" + text + "'; use auto, folder, mvtec or visa.");
}

std::vector<std::string> Dataset::classes() const
{
    std::set<std::string> names;
    for (const auto& r : records)
        if (!r.className.empty())
            names.insert(r.className);
    return {names.begin(), names.end()};
}

std::vector<DatasetRecord> Dataset::select(Split split) const
{
    std::vector<DatasetRecord> out;
    std::copy_if(records.begin(), records.end(), std::back_inserter(out),
                 [split](const DatasetRecord& r) { return r.split == split; });
    return out;
}

std::vector<DatasetRecord> Dataset::normalTrainingRecords() const
{
    std::vector<DatasetRecord> out;
    std::copy_if(records.begin(), records.end(), std::back_inserter(out),
                 [this](const DatasetRecord& r) {
                     return layout == Layout::Folder ||
                            (r.split == Split::Train && r.label != Label::Anomalous);
                 });
    return out;
}

Layout detectLayout(const fs::path& root)
{
    std::error_code ec;
    if (fs::is_regular_file(root / "split_csv" / "1cls.csv", ec))
        return Layout::VisA;
    if (isMVTecClassDir(root))
        return Layout::MVTec;
    for (const auto& entry :
         fs::directory_iterator(root, fs::directory_options::skip_permission_denied, ec))
        if (!isHidden(entry.path()) && entry.is_directory(ec) &&
            fs::is_directory(entry.path() / "train" / "good", ec))
            return Layout::MVTec;
    return Layout::Folder;
}

Dataset scanDataset(const fs::path& rootIn, Layout layout)
{
    std::error_code ec;
    if (!fs::exists(rootIn, ec))
        throw Error("Dataset folder '" + rootIn.string() + "' does not exist.");
    if (!fs::is_directory(rootIn, ec))
        throw Error("'" + rootIn.string() +
                    "' is not a folder; point at the folder that holds the images.");
    fs::directory_iterator probe(rootIn, ec);
    if (ec)
        throw Error("Dataset folder '" + rootIn.string() + "' cannot be read: " + ec.message() +
                    ".");

    Dataset ds;
    ds.root = fs::absolute(rootIn).lexically_normal();
    if (ds.root.has_filename() == false)
        ds.root = ds.root.parent_path();
    ds.layout = layout == Layout::Auto ? detectLayout(ds.root) : layout;

    switch (ds.layout) {
    case Layout::VisA:
        scanVisA(ds.root, ds);
        break;
    case Layout::MVTec:
        if (isMVTecClassDir(ds.root)) {
            scanMVTecClass(ds.root.parent_path(), ds.root, ds);
            for (auto& r : ds.records) // relative to the root the user gave
                r.relativePath = relativeTo(r.path, ds.root);
        } else {
            for (const auto& entry : listSorted(ds.root, ds.problems))
                if (entry.is_directory(ec) && isMVTecClassDir(entry.path()))
                    scanMVTecClass(ds.root, entry.path(), ds);
        }
        if (ds.records.empty())
            throw Error("'" + ds.root.string() +
                        "' does not look like an MVTec AD dataset: expected "
                        "<class>/train/good and <class>/test/<defect> folders with images.");
        break;
    case Layout::Folder:
    case Layout::Auto: {
        std::set<fs::path> visited;
        std::vector<fs::path> images;
        collectImages(ds.root, visited, images, ds.problems);
        for (const auto& image : images)
            ds.records.push_back({fs::absolute(image),
                                  relativeTo(image, ds.root),
                                  "",
                                  Split::Unknown,
                                  Label::Unknown,
                                  "",
                                  {}});
        ds.layout = Layout::Folder;
        break;
    }
    }
    return ds;
}

} // namespace cada::io
