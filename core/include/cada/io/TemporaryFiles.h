#pragma once
// Files (or folders) written under a temporary name and moved into place: `<target>.part-<pid>`.
#include <filesystem>
#include <string>

namespace cada::io {

// The temporary name this process uses for `target`.
std::filesystem::path temporaryFor(const std::filesystem::path& target);

// Removes the temporaries of `target` left by processes that no longer run (a run killed with
// SIGKILL or a power cut cannot clean up after itself); a running process's file is left alone.
// Returns how many were removed. Never throws.
int removeStaleTemporaries(const std::filesystem::path& target);

} // namespace cada::io
