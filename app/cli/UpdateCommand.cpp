// update: teach a model more normal images (false alarms, a new product type).
#include <chrono>
#include <iomanip>
#include <iostream>
#include <memory>

#include "CommandHelpers.h"
#include "Commands.h"
#include "TerminalProgress.h"
#include "cada/Error.h"
#include "cada/io/Dataset.h"
#include "cada/model/Model.h"

namespace fs = std::filesystem;

namespace cada::cli {
namespace {

struct UpdateArgs {
    std::string model, out, layout = "auto", reason = "false-alarms", reviewer, device = "auto";
    std::vector<std::string> add;
    int threads = 0, epochs = 0;
    bool force = false, replace = false;
};

bool samePath(const fs::path& a, const fs::path& b)
{
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec))
        return fs::equivalent(a, b, ec);
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

// The guard rail: images the base model scores far above its threshold look like defects, not
// false alarms; they are taught only with --force. Unreadable images stop the update here.
void checkImages(const Model& base, const std::vector<TrainingImage>& images, bool force,
                 bool quiet)
{
    std::vector<fs::path> paths;
    for (const auto& i : images)
        paths.push_back(i.path);
    TerminalProgress bar(quiet);
    Progress progress(bar.callback());
    cancelOnInterrupt(progress);
    const auto checks = base.checkTeaching(paths, progress);
    bar.finish();
    int far = 0, unknown = 0;
    for (const auto& c : checks) {
        if (!c.error.empty())
            throw Error("Cannot add '" + c.path.string() + "': " + c.error);
        unknown += c.unknownType;
        if (!c.farAbove)
            continue;
        ++far;
        std::cerr << (force ? "warning: " : "refused: ") << c.path.string() << " scores "
                  << std::setprecision(3) << c.score << " (threshold " << c.threshold
                  << "): far above it, probably a defect\n";
    }
    if (unknown > 0)
        std::cout << unknown << " of " << checks.size()
                  << " image(s) are of a type the model does not know (a new group)\n";
    if (far > 0 && !force)
        throw Error(std::to_string(far) + " image(s) score more than " +
                    "threshold + max(threshold, 1) under the model: they look defective. " +
                    "Remove them, or add --force if they are normal.");
}

void runUpdate(const UpdateArgs& a, const GlobalOptions& global)
{
    UpdateOptions options;
    options.reason = parseUpdateReason(a.reason);
    options.reviewer = a.reviewer;
    options.device = a.device;
    options.threads = a.threads;
    options.epochs = a.epochs;
    if (samePath(a.model, a.out) && !a.replace)
        throw Error("--out names the model being updated ('" + a.out +
                    "'); write the new version to another file (the old one is its parent), or "
                    "add --replace to overwrite it.");
    requireWritable(a.out, "model file");

    std::vector<TrainingImage> images;
    for (const auto& dir : a.add) {
        const auto ds = io::scanDataset(dir, io::parseLayout(a.layout));
        for (const auto& p : ds.problems)
            std::cerr << "warning: " << p.path.string() << ": " << p.reason << "\n";
        const auto found = trainingImages(ds);
        images.insert(images.end(), found.begin(), found.end());
    }
    if (images.empty())
        throw Error("No normal images found in the --add folder(s).");

    const auto base = Model::load(a.model, a.device, a.threads);
    checkImages(*base, images, a.force, global.quiet);

    TerminalProgress bar(global.quiet);
    Progress progress(bar.callback());
    cancelOnInterrupt(progress);
    const auto t0 = std::chrono::steady_clock::now();
    const auto model = Model::update(a.model, images, options, progress);
    progress.throwIfCancelled();
    model->save(a.out);
    bar.finish();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const auto& before = base->info();
    const auto& info = model->info();
    std::cout << std::fixed << std::setprecision(1) << "Updated " << methodName(info.method)
              << " model to version " << info.version << " with " << images.size() << " image(s) ("
              << updateReasonName(options.reason) << ") in " << seconds << " s\n"
              << "Training images: " << before.trainImages << " -> " << info.trainImages
              << ", calibration normals: " << before.calibrationImages << " -> "
              << info.calibrationImages << "\n";
    if (info.bankPatches > 0)
        std::cout << "Memory bank: " << before.bankPatches << " -> " << info.bankPatches
                  << " patches (cap " << model->config().maxBank << ")\n";
    std::cout << std::setprecision(4) << "Default threshold (cada): " << before.threshold << " -> "
              << info.threshold << "\n";
    const auto& oldGroups = base->groups();
    for (const auto& g : model->groups()) {
        const bool isNew = size_t(g.id) >= oldGroups.size();
        const long above = calibrationNormalsAbove(g, info.threshold);
        std::cout << "  " << g.name << (isNew ? " (new)" : "") << ": " << g.count << " images, "
                  << above << " of " << g.calibrationScores.size()
                  << " calibration normals above the threshold";
        if (!isNew)
            std::cout << " (before: "
                      << calibrationNormalsAbove(oldGroups[size_t(g.id)], before.threshold)
                      << " of " << oldGroups[size_t(g.id)].calibrationScores.size() << ")";
        std::cout << "\n";
    }
    std::cout << "Saved " << a.out << " (parent sha256 " << info.parentSha256 << ")\n";
}

} // namespace

void addUpdateCommand(CLI::App& app, const GlobalOptions& global)
{
    auto u = std::make_shared<UpdateArgs>();
    auto* update = app.add_subcommand(
        "update", "Teach a model more normal images (false alarms, a new product type); writes "
                  "a new version that records its parent");
    update->add_option("--model", u->model, "Model file to update (left unchanged)")->required();
    update->add_option("--add", u->add, "Folder(s) of normal images to teach")->required();
    update->add_option("--out", u->out, "New model file")->required();
    update->add_option("--layout", u->layout, "auto|folder|mvtec|visa")->capture_default_str();
    update->add_option("--reason", u->reason, "false-alarms|new-type")->capture_default_str();
    update->add_option("--reviewer", u->reviewer, "Who reviewed the images as normal");
    update->add_option("--device", u->device, "auto|cpu|cuda|cuda:N")->capture_default_str();
    update->add_option("--threads", u->threads, "CPU threads (0: the model's)")
        ->capture_default_str();
    update
        ->add_option("--epochs", u->epochs,
                     "Reverse Distillation fine-tuning epochs (0: a fifth of training's, >= 5)")
        ->check(CLI::Range(0, 100000))
        ->capture_default_str();
    update->add_flag("--force", u->force,
                     "Teach images even when the model scores them far above its threshold");
    update->add_flag("--replace", u->replace, "Allow --out to overwrite the --model file");
    update->callback([u, &global] { runUpdate(*u, global); });
}

} // namespace cada::cli
