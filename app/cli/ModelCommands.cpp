// train, score, eval, bench and info.
#include <algorithm>
#include <unistd.h>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <memory>
#include <sys/resource.h>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "CommandHelpers.h"
#include "Commands.h"
#include "TerminalProgress.h"
#include "cada/Error.h"
#include "cada/model/Model.h"
#include "cada/eval/Evaluation.h"
#include "cada/io/CsvField.h"
#include "cada/io/Dataset.h"
#include "cada/io/TemporaryFiles.h"

namespace fs = std::filesystem;

namespace cada::cli {
namespace {

struct TrainArgs {
    std::vector<std::string> data;
    std::string layout = "auto", out, method = "patchcore", backbone = "builtin", device = "auto";
    int size = 256, threads = 0, epochs = TrainConfig{}.epochs, batch = TrainConfig{}.batchSize,
        groups = 0, maxGroups = TrainConfig{}.maxGroups;
    std::uint64_t seed = 0;
    std::int64_t maxBank = TrainConfig{}.maxBank;
    int maxCalibration = TrainConfig{}.maxCalibration;
    int probes = TrainConfig{}.searchProbes;
    double coreset = TrainConfig{}.coresetRatio, far = TrainConfig{}.targetFalseAlarmRate;
    bool topPercent = false;
};

// Writes a small result file (JSON) in one piece: a temporary of this process, renamed into
// place; every failure names the file.
void writeResultFile(const std::string& path, const std::string& text, const std::string& what)
{
    const fs::path target = io::outputTarget(path, what);
    const fs::path tmp = io::temporaryFor(target);
    {
        std::ofstream out(tmp);
        out << text;
        out.close();
        if (!out) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw Error("Cannot write the " + what + " '" + path +
                        "': its folder is missing or not writable, or the disk is full.");
        }
    }
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw Error("Cannot write the " + what + " '" + path + "': " + ec.message() + ".");
    }
}

void runTrain(const TrainArgs& a, const GlobalOptions& global)
{
    TrainConfig c;
    c.method = parseMethod(a.method);
    if (a.backbone == "builtin" || a.backbone == "scattering")
        c.backbone.kind = "scattering";
    else if (a.backbone == "randomcnn")
        c.backbone.kind = "randomcnn";
    else {
        c.backbone.kind = "torchscript";
        c.backbone.torchScriptPath = a.backbone;
    }
    c.imageSize = a.size;
    c.device = a.device;
    c.threads = a.threads;
    c.epochs = a.epochs;
    c.batchSize = a.batch;
    c.seed = a.seed;
    c.coresetRatio = a.coreset;
    c.maxBank = a.maxBank;
    c.maxCalibration = a.maxCalibration;
    c.searchProbes = a.probes;
    c.targetFalseAlarmRate = a.far;
    c.forcedGroups = a.groups;
    c.maxGroups = a.maxGroups;
    c.topPercentScore = a.topPercent;
    requireWritable(a.out, "model file"); // before minutes of training, not after

    std::vector<TrainingImage> images;
    std::vector<std::string> folders;
    for (const auto& dir : a.data) {
        const auto ds = io::scanDataset(dir, io::parseLayout(a.layout));
        for (const auto& p : ds.problems)
            std::cerr << "warning: " << p.path.string() << ": " << p.reason << "\n";
        auto imgs = trainingImages(ds);
        images.insert(images.end(), imgs.begin(), imgs.end());
        folders.push_back(ds.root.string());
    }
    if (images.empty())
        throw Error("No normal training images found in the given folder(s).");
    TerminalProgress bar(global.quiet);
    Progress progress(bar.callback());
    cancelOnInterrupt(progress);
    const auto t0 = std::chrono::steady_clock::now();
    const auto model = Model::train(images, c, progress, folders);
    progress.throwIfCancelled();
    model->save(a.out);
    bar.finish();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const auto& info = model->info();
    for (const auto& s : info.skippedImages)
        std::cerr << "skipped: " << s << "\n";
    std::cout << "Trained " << methodName(info.method) << " on " << info.trainImages << " images ("
              << info.calibrationImages << " calibration normals, " << info.calibrationMethod
              << ") on " << info.device << " in " << std::fixed << std::setprecision(1) << seconds
              << " s\n"
              << (info.bankPatches > 0
                      ? "Memory bank: " + std::to_string(info.bankPatches) + " patches\n"
                      : std::string())
              << "Implicit groups: " << model->groups().size()
              << "\nDefault threshold (cada): " << std::setprecision(4) << info.threshold << "\n";
    // A type the one threshold treats unfairly shows here, before the model is deployed.
    for (const auto& g : model->groups())
        if (const long above = calibrationNormalsAbove(g, info.threshold); above > 0)
            std::cout << "  " << g.name << ": " << above << " of its " << g.calibrationScores.size()
                      << " calibration normals score above it\n";
    std::cout << "Saved " << a.out << "\n";
}

struct ScoreArgs {
    std::string model, images, layout = "auto", split = "all", out, maps, alignment = "cada",
                               device = "auto";
    double threshold = std::numeric_limits<double>::quiet_NaN();
    int threads = 0, probes = -1;
};

std::vector<io::DatasetRecord> selectSplit(const io::Dataset& ds, const std::string& split)
{
    if (split == "all")
        return ds.records;
    if (split == "train")
        return ds.select(io::Split::Train);
    if (split == "test")
        return ds.select(io::Split::Test);
    throw Error("Unknown split '" + split + "'; use train, test or all.");
}

// The --maps folder, created; refused when it lies inside the scanned images (its TIFFs would
// be mixed with, or written over, the images being scored) or cannot be created.
fs::path mapsFolder(const std::string& maps, const fs::path& imagesRoot)
{
    std::error_code ec;
    const fs::path folder = fs::weakly_canonical(fs::absolute(maps), ec);
    const fs::path root = fs::weakly_canonical(fs::absolute(imagesRoot), ec);
    const auto rel = folder.lexically_relative(root);
    if (!rel.empty() && *rel.begin() != "..")
        throw Error("The maps folder '" + maps + "' is inside the image folder '" +
                    imagesRoot.string() +
                    "': its maps would be mixed with the images. Choose a folder outside it.");
    fs::create_directories(folder, ec);
    if (ec || !fs::is_directory(folder))
        throw Error("Cannot create the maps folder '" + maps +
                    "': " + (ec ? ec.message() : std::string("a file has that name")) + ".");
    return folder;
}

void runScore(const ScoreArgs& a, const GlobalOptions& global)
{
    const auto model = Model::load(a.model, a.device, a.threads);
    if (a.probes >= 0)
        model->setSearchProbes(a.probes);
    const auto ds = io::scanDataset(a.images, io::parseLayout(a.layout));
    const auto records = selectSplit(ds, a.split);
    for (const auto& p : ds.problems)
        std::cerr << "warning: " << p.path.string() << ": " << p.reason << "\n";
    std::vector<fs::path> paths;
    for (const auto& r : records)
        paths.push_back(r.path);
    // A name of this process's own: two runs writing the same CSV never share a temporary file.
    const fs::path target = io::outputTarget(a.out, "CSV file");
    io::removeStaleTemporaries(target); // of runs that were killed before they could clean up
    const std::string tmp = io::temporaryFor(target).string();
    const fs::path maps = a.maps.empty() ? fs::path() : mapsFolder(a.maps, ds.root);
    std::ofstream csv(tmp);
    if (!csv)
        throw Error("Cannot write '" + a.out + "' (folder missing or not writable).");
    csv << "path,group,raw_score,score,u_hat,gamma_hat,unknown_type,verdict,error,warning\n";
    ScoreOptions so;
    so.alignment = parseAlignment(a.alignment);
    if (!std::isnan(a.threshold))
        so.threshold = a.threshold;
    so.keepMaps = !a.maps.empty();
    TerminalProgress bar(global.quiet);
    Progress progress(bar.callback());
    cancelOnInterrupt(progress);
    int flagged = 0, failed = 0;
    // A cancelled or failed run leaves no partial CSV behind.
    struct RemoveUnlessKept {
        std::string path;
        bool keep = false;
        ~RemoveUnlessKept()
        {
            std::error_code ec;
            if (!keep)
                fs::remove(path, ec);
        }
    } partial{tmp};
    model->score(paths, so, progress, [&](size_t i, ImageResult& r) {
        csv << io::csvTextField(records[i].relativePath) << ",";
        if (!r.ok()) {
            ++failed;
            csv << ",,,,,,error," << io::csvTextField(r.error) << ",\n";
            return;
        }
        flagged += r.defective;
        csv << r.group << "," << r.rawScore << "," << r.score << "," << r.uHat << "," << r.gammaHat
            << "," << (r.unknownType ? 1 : 0) << "," << (r.defective ? "defective" : "ok") << ",,"
            << io::csvTextField(r.warning) << "\n";
        if (!r.warning.empty())
            std::cerr << "warning: " << r.path.string() << ": " << r.warning << "\n";
        if (!maps.empty()) {
            // The image's own name plus .tiff: a.png and a.jpg get a map each.
            const fs::path out = maps / (records[i].relativePath + ".tiff");
            std::error_code ec;
            fs::create_directories(out.parent_path(), ec);
            if (ec || !cv::imwrite(out.string(),
                                   so.alignment == Alignment::None ? r.rawMap : r.alignedMap))
                throw Error("Cannot write the map '" + out.string() + "'" +
                            (ec ? ": " + ec.message() : std::string()) + ".");
        }
    });
    // Every file that was found but not scored is a row too, with its reason.
    for (const auto& p : ds.problems) {
        if (!p.skipped)
            continue; // a note about a scored image (a missing mask), on stderr above
        ++failed;
        csv << io::csvTextField(p.path.lexically_relative(ds.root).generic_string())
            << ",,,,,,,error," << io::csvTextField(p.reason) << ",\n";
    }
    csv.close();
    if (!csv)
        throw Error("Writing '" + a.out + "' failed part-way (disk full?).");
    std::error_code renamed;
    fs::rename(tmp, target, renamed);
    if (renamed)
        throw Error("Cannot write '" + a.out + "': " + renamed.message() + ".");
    partial.keep = true;
    bar.finish();
    std::cout << "Scored " << paths.size() << " images: " << flagged << " flagged, " << failed
              << " failed. Wrote " << a.out << "\n";
}

struct EvalArgs {
    std::string model, data, layout = "auto", json, device = "auto",
                             alignments = "none,cada,oracle";
    int threads = 0, pixelSize = 128, probes = -1;
    double threshold = std::numeric_limits<double>::quiet_NaN();
};

void runEval(const EvalArgs& a, const GlobalOptions& global)
{
    const auto model = Model::load(a.model, a.device, a.threads);
    if (a.probes >= 0)
        model->setSearchProbes(a.probes);
    const auto ds = io::scanDataset(a.data, io::parseLayout(a.layout));
    EvalOptions options;
    options.alignments.clear();
    std::stringstream list(a.alignments);
    for (std::string item; std::getline(list, item, ',');)
        options.alignments.push_back(parseAlignment(item));
    if (options.alignments.empty())
        throw Error("--alignments names none; use some of none,cada,oracle.");
    options.pixelSize = a.pixelSize;
    if (!std::isnan(a.threshold))
        options.threshold = a.threshold;
    TerminalProgress bar(global.quiet);
    Progress progress(bar.callback());
    cancelOnInterrupt(progress);
    const auto report = evaluate(*model, ds, options, progress);
    bar.finish();
    if (report.alignments.empty()) {
        std::string why;
        for (const auto& note : report.notes)
            why += "\n  " + note;
        throw Error("Nothing to report: no requested alignment could be evaluated." + why);
    }
    std::cout << toTable(report);
    if (!a.json.empty()) {
        writeResultFile(a.json, toJsonText(report) + "\n", "report");
        std::cout << "Wrote " << a.json << "\n";
    }
}

struct BenchArgs {
    std::string model, images, json, device = "auto";
    int batch = 8, threads = 0, repeats = 3, probes = -1;
};

void runBench(const BenchArgs& a, const GlobalOptions&)
{
    const auto model = Model::load(a.model, a.device, a.threads);
    if (a.probes >= 0)
        model->setSearchProbes(a.probes);
    const auto ds = io::scanDataset(a.images);
    std::vector<fs::path> paths;
    for (const auto& r : ds.records)
        paths.push_back(r.path);
    if (paths.empty())
        throw Error("No images in '" + a.images + "'.");
    ScoreOptions so;
    so.batchSize = a.batch;
    so.keepMaps = true;
    Progress quiet;
    model->score(std::vector<fs::path>(paths.begin(),
                                       paths.begin() + std::min<long>(long(paths.size()), a.batch)),
                 so, quiet); // warm-up
    ScoreTimings t;
    so.timings = &t;
    const auto t0 = std::chrono::steady_clock::now();
    size_t failed = 0;
    std::string firstError;
    for (int i = 0; i < a.repeats; ++i)
        for (const auto& r : model->score(paths, so, quiet))
            if (!r.ok() && i == 0 && failed++ == 0)
                firstError = r.path.string() + ": " + r.error;
    const double total =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double backbone = 0;
    for (int i = 0; i < a.repeats; ++i)
        backbone += model->backboneOnlySeconds(paths, a.batch);
    // Figures over images that failed to decode would be meaningless.
    if (failed == paths.size())
        throw Error("None of the " + std::to_string(paths.size()) +
                    " images could be scored; first: " + firstError);
    if (failed > 0)
        std::cerr << "warning: " << failed << " of " << paths.size()
                  << " images could not be scored; the figures include them. First: " << firstError
                  << "\n";
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    const double n = double(paths.size()) * a.repeats;
    nlohmann::json j = {{"images", paths.size()},
                        {"repeats", a.repeats},
                        {"batch", a.batch},
                        {"device", model->info().device},
                        {"method", methodName(model->info().method)},
                        {"search_probes", model->config().searchProbes},
                        {"pipeline_images_per_s", n / total},
                        {"backbone_only_images_per_s", n / backbone},
                        {"pipeline_over_backbone", backbone / total},
                        {"stages_ms_per_image",
                         {{"decode", 1000 * t.decode / n},
                          {"preprocess", 1000 * t.preprocess / n},
                          {"backbone", 1000 * t.backbone / n},
                          {"detector", 1000 * t.detector / n},
                          {"alignment", 1000 * t.alignment / n},
                          {"postprocess", 1000 * t.postprocess / n}}},
                        {"peak_rss_mb", double(usage.ru_maxrss) / 1024.0}};
    std::cout << std::fixed << std::setprecision(2) << "Pipeline:      " << n / total
              << " images/s\n"
              << "Backbone only: " << n / backbone << " images/s (floor)\n"
              << "Ratio pipeline/backbone throughput: " << backbone / total << "\n"
              << "Per image (ms): decode " << 1000 * t.decode / n << ", preprocess "
              << 1000 * t.preprocess / n << ", backbone " << 1000 * t.backbone / n << ", detector "
              << 1000 * t.detector / n << ", alignment " << 1000 * t.alignment / n
              << ", post-processing " << 1000 * t.postprocess / n << "\n"
              << "Peak memory: " << double(usage.ru_maxrss) / 1024.0 << " MB\n";
    if (!a.json.empty())
        writeResultFile(a.json, j.dump(2) + "\n", "benchmark file");
}

// What a model file holds, for someone who was handed one.
void runInfo(const std::string& path)
{
    const auto model = Model::load(path, "cpu", 0);
    const auto& info = model->info();
    const auto& config = model->config();
    const auto folders = [&] {
        std::string out;
        for (const auto& f : info.sourceFolders)
            out += (out.empty() ? "" : ", ") + f;
        return out.empty() ? std::string("(not recorded)") : out;
    }();
    std::cout << std::fixed << std::setprecision(1) << "Model " << path << "\n"
              << "  method:           " << methodName(info.method) << "\n"
              << "  backbone:         " << info.backbone << "\n"
              << "  input size:       " << info.imageSize << " x " << info.imageSize << " px\n"
              << "  trained:          " << info.trainedAt << " on " << info.device << " (fit "
              << info.fitSeconds << " s, calibration " << info.calibrationSeconds << " s)\n"
              << "  training images:  " << info.trainImages << " from " << folders << " ("
              << info.skippedImages.size() << " skipped)\n"
              << "  calibration:      " << info.calibrationImages << " normals, "
              << info.calibrationMethod << "\n";
    if (info.method == Method::PatchCore)
        std::cout << "  memory bank:      "
                  << (info.bankPatches > 0 ? std::to_string(info.bankPatches) + " patches"
                                           : std::string("size not recorded (older model file)"))
                  << " (coreset " << config.coresetRatio * 100.0 << " %, cap " << config.maxBank
                  << "), searched "
                  << (config.searchProbes > 0
                          ? "in the " + std::to_string(config.searchProbes) + " nearest lists"
                          : std::string("exactly"))
                  << "\n";
    else
        std::cout << "  student:          " << config.epochs << " epochs\n";
    std::cout << std::setprecision(4) << "  threshold:        " << info.threshold << " (cada), "
              << info.thresholdNone << " (none), set at " << std::setprecision(1)
              << config.targetFalseAlarmRate * 100.0
              << " % false alarms on the calibration normals\n"
              << "  implicit groups:  " << model->groups().size() << "\n";
    for (const auto& g : model->groups()) {
        const long above = calibrationNormalsAbove(g, info.threshold);
        std::cout << "    " << std::left << std::setw(12) << g.name << std::right << std::setw(5)
                  << g.count << " images, " << above << "/" << g.calibrationScores.size()
                  << " calibration normals above the threshold, representative " << g.representative
                  << "\n";
    }
    printLineage(std::cout, info);
    for (const auto& s : info.skippedImages)
        std::cout << "  skipped: " << s << "\n";
}

} // namespace

void addModelCommands(CLI::App& app, const GlobalOptions& global)
{
    auto t = std::make_shared<TrainArgs>();
    auto* train = app.add_subcommand(
        "train", "Train a model on normal images (mixed product types, no labels)");
    train->add_option("--data", t->data, "Training folder(s)")->required();
    train->add_option("--layout", t->layout, "auto|folder|mvtec|visa")->capture_default_str();
    train->add_option("--out", t->out, "Model file to write")->required();
    train->add_option("--method", t->method, "patchcore|revdist")->capture_default_str();
    train
        ->add_option("--backbone", t->backbone,
                     "builtin (scattering), randomcnn, or a TorchScript .pt file")
        ->capture_default_str();
    train->add_option("--size", t->size, "Image side after resizing (multiple of 16)")
        ->capture_default_str();
    train->add_option("--device", t->device, "auto|cpu|cuda|cuda:N")->capture_default_str();
    train->add_option("--threads", t->threads, "CPU threads (0: all cores)")->capture_default_str();
    train->add_option("--epochs", t->epochs, "Reverse Distillation epochs")->capture_default_str();
    train->add_option("--batch", t->batch, "Batch size")->capture_default_str();
    train->add_option("--seed", t->seed, "Random seed")->capture_default_str();
    train->add_option("--coreset", t->coreset, "PatchCore coreset ratio")->capture_default_str();
    train
        ->add_option("--max-bank", t->maxBank,
                     "PatchCore memory bank cap in patches (scoring time grows with it)")
        ->check(CLI::Range(std::int64_t(1), std::int64_t(100000000)))
        ->capture_default_str();
    train
        ->add_option("--max-calibration", t->maxCalibration,
                     "Calibration images at most, a seeded subset (0: all; each costs a score)")
        ->check(CLI::Range(0, 100000000))
        ->capture_default_str();
    train
        ->add_option("--false-alarm-rate", t->far,
                     "Target false-alarm rate for the default threshold")
        ->capture_default_str();
    train->add_option("--groups", t->groups, "Force the number of implicit classes (0: automatic)")
        ->capture_default_str();
    train
        ->add_option("--max-groups", t->maxGroups,
                     "Most implicit classes the automatic choice considers")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    train
        ->add_option("--probes", t->probes,
                     "PatchCore: inverted lists each patch searches (0: all, an exact search)")
        ->check(CLI::Range(0, 1000000))
        ->capture_default_str();
    train->add_flag("--top-percent", t->topPercent,
                    "Image score = mean of the top 1 % of the map instead of its max");
    train->callback([t, &global] { runTrain(*t, global); });

    auto s = std::make_shared<ScoreArgs>();
    auto* score = app.add_subcommand(
        "score", "Score images and write a CSV (and optionally the anomaly maps)");
    score->add_option("--model", s->model, "Model file")->required();
    score->add_option("--images", s->images, "Image folder")->required();
    score->add_option("--layout", s->layout, "auto|folder|mvtec|visa")->capture_default_str();
    score->add_option("--split", s->split, "train|test|all")->capture_default_str();
    score->add_option("--out", s->out, "CSV file to write")->required();
    score->add_option("--maps", s->maps,
                      "Folder for float32 TIFF maps (aligned unless --alignment none)");
    score->add_option("--alignment", s->alignment, "none|cada")->capture_default_str();
    score->add_option("--threshold", s->threshold, "Override the model's default threshold");
    score->add_option("--device", s->device, "auto|cpu|cuda|cuda:N")->capture_default_str();
    score->add_option("--threads", s->threads, "CPU threads (0: all cores)");
    score
        ->add_option(
            "--probes", s->probes,
            "PatchCore: inverted lists each patch searches, overriding the model's (0: all, exact)")
        ->check(CLI::Range(0, 1000000));
    score->callback([s, &global] { runScore(*s, global); });

    auto e = std::make_shared<EvalArgs>();
    auto* eval = app.add_subcommand(
        "eval", "Evaluate on a labelled test split (pooled, mean per class, per class)");
    eval->add_option("--model", e->model, "Model file")->required();
    eval->add_option("--data", e->data, "Dataset root (MVTec AD or VisA layout)")->required();
    eval->add_option("--layout", e->layout, "auto|mvtec|visa")->capture_default_str();
    eval->add_option("--alignments", e->alignments, "Comma-separated: none,cada,oracle")
        ->capture_default_str();
    eval->add_option("--json", e->json, "Write the report as JSON");
    eval->add_option("--threshold", e->threshold,
                     "Count cada's false alarms and caught defects at this threshold instead of "
                     "the model's default");
    eval->add_option("--pixel-size", e->pixelSize,
                     "Resolution of pixel metrics (0: the model's image size)")
        ->check(CLI::Range(0, 2048))
        ->capture_default_str();
    eval->add_option("--device", e->device, "auto|cpu|cuda|cuda:N")->capture_default_str();
    eval->add_option("--threads", e->threads, "CPU threads (0: all cores)");
    eval->add_option(
            "--probes", e->probes,
            "PatchCore: inverted lists each patch searches, overriding the model's (0: all, exact)")
        ->check(CLI::Range(0, 1000000));
    eval->callback([e, &global] { runEval(*e, global); });

    auto b = std::make_shared<BenchArgs>();
    auto* bench =
        app.add_subcommand("bench", "Benchmark scoring throughput, per-stage times and memory");
    bench->add_option("--model", b->model, "Model file")->required();
    bench->add_option("--images", b->images, "Image folder")->required();
    bench->add_option("--batch", b->batch, "Batch size")
        ->check(CLI::Range(1, 1024))
        ->capture_default_str();
    bench->add_option("--threads", b->threads, "CPU threads (0: all cores)");
    bench
        ->add_option(
            "--probes", b->probes,
            "PatchCore: inverted lists each patch searches, overriding the model's (0: all, exact)")
        ->check(CLI::Range(0, 1000000));
    bench->add_option("--repeats", b->repeats, "Timed passes after the warm-up")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    bench->add_option("--device", b->device, "auto|cpu|cuda|cuda:N")->capture_default_str();
    bench->add_option("--json", b->json, "Write the figures as JSON");
    bench->callback([b, &global] { runBench(*b, global); });

    auto model = std::make_shared<std::string>();
    auto* info = app.add_subcommand(
        "info", "Show what a model file holds: method, backbone, training data, bank, groups");
    info->add_option("--model", *model, "Model file")->required();
    info->callback([model] { runInfo(*model); });
}

} // namespace cada::cli
