#include "cada/io/TemporaryFiles.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>

#include <unistd.h>

namespace cada::io {

std::filesystem::path temporaryFor(const std::filesystem::path& target)
{
    return target.string() + ".part-" + std::to_string(::getpid());
}

int removeStaleTemporaries(const std::filesystem::path& target)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const std::string prefix = target.filename().string() + ".part-";
    int removed = 0;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0)
            continue;
        char* rest = nullptr;
        const long pid = std::strtol(name.c_str() + prefix.size(), &rest, 10);
        if (pid <= 0 || !rest || *rest != '\0')
            continue;
        // kill(pid, 0) probes without sending: ESRCH means no such process.
        if (::kill(pid_t(pid), 0) == 0 || errno != ESRCH)
            continue;
        std::error_code rm;
        if (fs::remove_all(it->path(), rm) > 0) // a file, or a folder of one (a report)
            ++removed;
    }
    return removed;
}

} // namespace cada::io
