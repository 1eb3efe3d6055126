#include "cada/io/TemporaryFiles.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>

#include <unistd.h>

#include "cada/Error.h"

namespace cada::io {
namespace {

std::string kindOf(const std::filesystem::file_status& status)
{
    namespace fs = std::filesystem;
    switch (status.type()) {
    case fs::file_type::directory:
        return "it is a folder";
    case fs::file_type::fifo:
        return "it is a FIFO (named pipe)";
    case fs::file_type::socket:
        return "it is a socket";
    case fs::file_type::block:
    case fs::file_type::character:
        return "it is a device";
    default:
        return "it is not a regular file";
    }
}

} // namespace

void requireRegularFile(const std::filesystem::path& path, const std::string& what)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
        throw Error("Cannot read the " + what + " '" + path.string() + "': " +
                    (ec == std::errc::permission_denied
                         ? std::string("permission denied on a folder on its way")
                         : std::string("it does not exist")) +
                    ".");
    if (!std::filesystem::is_regular_file(status))
        throw Error("Cannot read the " + what + " '" + path.string() + "': " + kindOf(status) +
                    ", not a file.");
}

std::filesystem::path outputTarget(const std::filesystem::path& out, const std::string& what)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto link = fs::symlink_status(out, ec);
    if (ec || !fs::exists(link))
        return out;
    fs::path target = out;
    if (fs::is_symlink(link)) {
        target = fs::weakly_canonical(out, ec);
        if (ec)
            throw Error("Cannot write the " + what + " '" + out.string() +
                        "': the symbolic link cannot be followed (" + ec.message() + ").");
    }
    const auto status = fs::status(target, ec);
    if (!ec && fs::exists(status) && !fs::is_regular_file(status))
        throw Error("Cannot write the " + what + " '" + out.string() + "': " + kindOf(status) +
                    ". Choose a file name.");
    return target;
}

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
