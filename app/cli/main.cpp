// cada: the headless command line over the CADA Inspect core.
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>

#include "Commands.h"
#include "cada/Error.h"
#include "cada/Version.h"

int main(int argc, char** argv)
{
    CLI::App app{"cada: absolute-unified visual anomaly detection (CADA Inspect), headless"};
    app.require_subcommand(1);
    cada::cli::GlobalOptions global;
    app.add_flag("-q,--quiet", global.quiet, "Do not draw progress");
    app.set_version_flag("--version", [] {
        return "cada " + cada::programVersion() + "\nLibTorch " + cada::torchVersion() +
               "\nOpenCV " + cada::openCvVersion() + "\nfaiss " + cada::faissVersion() +
               "\nCUDA available: " +
               (cada::cudaAvailable()
                    ? "yes (" + std::to_string(cada::cudaDeviceCount()) + " device(s))"
                    : std::string("no"));
    });
    cada::cli::addDataCommands(app, global);
    cada::cli::addModelCommands(app, global);
    cada::cli::addUpdateCommand(app, global);
    cada::cli::addProjectCommands(app, global);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const cada::Cancelled& e) {
        std::cerr << "cancelled: " << e.what() << "\n";
        return 130;
    } catch (const cada::Error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "error: unexpected failure: " << cada::errorText(e) << "\n";
        return 1;
    }
    return 0;
}
