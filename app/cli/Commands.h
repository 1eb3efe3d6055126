#pragma once
// Registration of the `cada` sub-commands; each group lives in its own file.
#include <CLI/CLI.hpp>

namespace cada::cli {

struct GlobalOptions {
    bool quiet = false; // no progress output
};

void addDataCommands(CLI::App& app, const GlobalOptions& global);
void addModelCommands(CLI::App& app, const GlobalOptions& global);
void addProjectCommands(CLI::App& app, const GlobalOptions& global);
void addUpdateCommand(CLI::App& app, const GlobalOptions& global);

} // namespace cada::cli
