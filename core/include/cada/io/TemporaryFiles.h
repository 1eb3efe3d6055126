#pragma once
// Files (or folders) written under a temporary name and moved into place: `<target>.part-<pid>`;
// and the checks on the paths a user names for reading and writing.
#include <filesystem>
#include <string>

namespace cada::io {

// Throws cada::Error ("Cannot read the <what> '<path>': ...") unless `path` is an existing
// regular file (after symbolic links): a folder, device, FIFO or socket would hang a reader or
// feed it endless data.
void requireRegularFile(const std::filesystem::path& path, const std::string& what);

// Where a result named `out` is written: `out` itself, or the file a symbolic link at `out`
// points to (the link stays). Throws cada::Error when `out` exists and is not a regular file
// (a folder, device, FIFO or socket): renaming a finished file over it would replace a device
// node or fail late.
std::filesystem::path outputTarget(const std::filesystem::path& out, const std::string& what);

// The temporary name this process uses for `target`.
std::filesystem::path temporaryFor(const std::filesystem::path& target);

// Removes the temporaries of `target` left by processes that no longer run (a run killed with
// SIGKILL or a power cut cannot clean up after itself); a running process's file is left alone.
// Returns how many were removed. Never throws.
int removeStaleTemporaries(const std::filesystem::path& target);

} // namespace cada::io
