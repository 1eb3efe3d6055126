// demo-data and inspect-data.
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>

#include "Commands.h"
#include "TerminalProgress.h"
#include "cada/Error.h"
#include "cada/demo/DemoData.h"
#include "cada/io/Dataset.h"
#include "cada/io/ImageLoader.h"

namespace cada::cli {
namespace {

struct DemoArgs {
    std::string out;
    std::uint32_t seed = demo::DemoOptions{}.seed;
    int size = demo::DemoOptions{}.size;
    int perClass = demo::DemoOptions{}.perClass;
};

void runDemoData(const DemoArgs& args, const GlobalOptions& global)
{
    TerminalProgress bar(global.quiet);
    Progress progress(bar.callback());
    cancelOnInterrupt(progress);
    demo::DemoOptions options;
    options.seed = args.seed;
    options.size = args.size;
    options.perClass = args.perClass;
    const auto summary = demo::generateDemoData(args.out, options, &progress);
    bar.finish();
    std::cout << "Wrote demo data (MVTec AD layout) to " << args.out << "\n"
              << "  classes:        " << summary.classes.size() << " (";
    for (size_t i = 0; i < summary.classes.size(); ++i)
        std::cout << (i ? ", " : "") << summary.classes[i];
    std::cout << ")\n  train images:   " << summary.trainImages
              << "\n  test good:      " << summary.testGood
              << "\n  test defective: " << summary.testDefective << "\n";
}

struct InspectArgs {
    std::string root;
    std::string layout = "auto";
    bool decode = true;
};

int runInspectData(const InspectArgs& args, const GlobalOptions& global)
{
    const io::Dataset ds = io::scanDataset(args.root, io::parseLayout(args.layout));
    std::vector<io::ScanProblem> problems = ds.problems;

    size_t loadable = ds.records.size();
    if (args.decode) {
        TerminalProgress bar(global.quiet);
        Progress progress(bar.callback());
        cancelOnInterrupt(progress);
        progress.begin("Checking images", std::int64_t(ds.records.size()));
        loadable = 0;
        for (const auto& r : ds.records) {
            try {
                const auto image = io::loadImage(r.path);
                ++loadable;
                if (!r.maskPath.empty()) {
                    const auto mask = io::loadImage(r.maskPath);
                    if (mask.originalSize != image.originalSize)
                        problems.push_back(
                            {r.maskPath, "mask size differs from its image; it will be resized."});
                }
            } catch (const Error& e) {
                problems.push_back({r.path, e.what()});
            }
            progress.advance();
        }
    }

    std::cout << "Dataset: " << ds.root.string() << "\nLayout:  " << io::layoutName(ds.layout)
              << "\n";
    // counts[class][split/label]
    std::map<std::string, std::map<std::string, int>> counts;
    for (const auto& r : ds.records)
        ++counts[r.className.empty() ? "(all)" : r.className]
                [io::splitName(r.split) + "/" + io::labelName(r.label)];
    std::cout << "Classes: "
              << (ds.classes().empty() ? std::string("none (plain folder)")
                                       : std::to_string(ds.classes().size()))
              << "\n\n";
    const char* columns[] = {"train/normal", "test/normal", "test/anomalous", "unknown/unknown"};
    std::cout << std::left << std::setw(20) << "class";
    for (const char* c : columns)
        std::cout << std::right << std::setw(17) << c;
    std::cout << "\n";
    for (const auto& [cls, byKind] : counts) {
        std::cout << std::left << std::setw(20) << cls;
        for (const char* c : columns) {
            const auto it = byKind.find(c);
            std::cout << std::right << std::setw(17) << (it == byKind.end() ? 0 : it->second);
        }
        std::cout << "\n";
    }
    std::cout << "\nImages: " << ds.records.size() << " found, " << loadable << " loadable\n";
    if (problems.empty()) {
        std::cout << "Problems: none\n";
    } else {
        std::cout << "Problems: " << problems.size() << "\n";
        for (const auto& p : problems)
            std::cout << "  " << p.path.string() << ": " << p.reason << "\n";
    }
    if (loadable == 0) {
        std::cerr << "error: no loadable image in '" << args.root << "'.\n";
        return 2;
    }
    return 0;
}

} // namespace

void addDataCommands(CLI::App& app, const GlobalOptions& global)
{
    auto demoArgs = std::make_shared<DemoArgs>();
    auto* demoCmd = app.add_subcommand("demo-data",
                                       "Write a synthetic mixed production line (MVTec AD layout)");
    demoCmd->add_option("--out", demoArgs->out, "Output folder")->required();
    demoCmd->add_option("--seed", demoArgs->seed, "Random seed (same seed, same bytes)")
        ->capture_default_str();
    demoCmd->add_option("--size", demoArgs->size, "Image side in pixels")
        ->capture_default_str()
        ->check(CLI::Range(64, 1024));
    demoCmd->add_option("--per-class", demoArgs->perClass, "Training images per product type")
        ->capture_default_str()
        ->check(CLI::Range(1, 10000));
    demoCmd->callback([demoArgs, &global] { runDemoData(*demoArgs, global); });

    auto inspectArgs = std::make_shared<InspectArgs>();
    auto* inspectCmd =
        app.add_subcommand("inspect-data", "Report a dataset's layout, counts and problem files");
    inspectCmd->add_option("root", inspectArgs->root, "Dataset folder")->required();
    inspectCmd->add_option("--layout", inspectArgs->layout, "auto|folder|mvtec|visa")
        ->capture_default_str();
    inspectCmd->add_flag("!--no-decode", inspectArgs->decode,
                         "Only scan names; do not decode every image");
    inspectCmd->callback([inspectArgs, &global] {
        const int rc = runInspectData(*inspectArgs, global);
        if (rc != 0)
            throw CLI::RuntimeError(rc);
    });
}

} // namespace cada::cli
