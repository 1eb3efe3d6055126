#include "CommandHelpers.h"

#include <algorithm>
#include <fstream>
#include <ostream>
#include <unistd.h>

#include "cada/Error.h"
#include "cada/io/TemporaryFiles.h"

namespace fs = std::filesystem;

namespace cada::cli {

long calibrationNormalsAbove(const ImplicitGroup& g, double threshold)
{
    return long(std::count_if(g.calibrationScores.begin(), g.calibrationScores.end(),
                              [&](double s) { return s >= threshold; }));
}

std::vector<TrainingImage> trainingImages(const io::Dataset& ds)
{
    std::vector<TrainingImage> out;
    for (const auto& r : ds.normalTrainingRecords())
        out.push_back({r.path, r.className});
    return out;
}

void requireWritable(const std::string& out, const std::string& what)
{
    const fs::path target = io::outputTarget(out, what);
    const std::string probe = target.string() + ".probe-" + std::to_string(::getpid());
    {
        std::ofstream f(probe);
        if (!f)
            throw Error("Cannot write the " + what + " '" + out +
                        "': its folder is missing or not writable. Choose another --out.");
    }
    std::error_code ec;
    fs::remove(probe, ec);
}

void printLineage(std::ostream& out, const ModelInfo& info)
{
    out << "  version:          " << info.version << (info.history.empty() ? " (as trained)" : "")
        << "\n";
    if (!info.parentSha256.empty())
        out << "  parent:           sha256 " << info.parentSha256 << "\n";
    int version = info.version - int(info.history.size());
    for (const auto& u : info.history) {
        ++version;
        out << "    v" << version << "  " << u.time << "  " << updateReasonName(u.reason) << ", "
            << u.added.size() << " image(s) added"
            << (u.reviewer.empty() ? std::string() : " by " + u.reviewer) << ", parent sha256 "
            << u.parentSha256.substr(0, 16) << "...\n";
        for (const auto& a : u.added)
            out << "        " << a.path << "  sha256 " << a.sha256.substr(0, 16) << "...\n";
    }
}

} // namespace cada::cli
