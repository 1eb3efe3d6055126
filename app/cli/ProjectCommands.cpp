// project create, check and report: the headless side of the workstation's projects.
#include <QCoreApplication>
#include <QFileInfo>
#include <QGuiApplication>

#include <iomanip>
#include <iostream>
#include <memory>

#include "Commands.h"
#include "ProjectBuilder.h"
#include "ProjectStore.h"
#include "ReportWriter.h"
#include "TerminalProgress.h"
#include "cada/Error.h"
#include "cada/model/Model.h"

namespace cada::cli {
namespace {

// Qt SQL needs a QCoreApplication to load its driver plugin; the PDF needs a QGuiApplication for
// fonts. The command line never shows a window, so the offscreen platform is used unless the
// user chose one.
template <class App> std::unique_ptr<QCoreApplication> makeQtApp()
{
    if (QCoreApplication::instance())
        return nullptr;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "cada";
    static char* argv[] = {name, nullptr};
    return std::make_unique<App>(argc, argv);
}

struct CreateArgs {
    std::string model, images, layout = "auto", split = "auto", alignment = "cada", out,
                               device = "auto";
    int threads = 0;
};

void runCreate(const CreateArgs& a, const GlobalOptions& global)
{
    const auto qt = makeQtApp<QCoreApplication>();
    const auto model = Model::load(a.model, a.device, a.threads);
    project::CreateOptions o;
    o.projectFile = QString::fromStdString(a.out);
    o.imagesDir = QString::fromStdString(a.images);
    o.layout = io::parseLayout(a.layout);
    o.split = QString::fromStdString(a.split);
    o.alignment = parseAlignment(a.alignment);
    TerminalProgress bar(global.quiet);
    Progress progress(bar.callback());
    cancelOnInterrupt(progress);
    const auto s = project::createProject(*model, QString::fromStdString(a.model), o, progress);
    bar.finish();
    for (const QString& p : s.scanProblems)
        std::cerr << "warning: " << p.toStdString() << "\n";
    std::cout << "Created " << a.out << ": " << s.images << " images, " << s.flagged
              << " flagged at threshold " << std::setprecision(4) << s.threshold << ", " << s.failed
              << " failed, " << s.labelled << " with layout labels\n";
}

struct ReportArgs {
    std::string project, out, model, device = "auto", groundTruth = "auto";
    int threads = 0, top = 12;
};

project::GroundTruth parseGroundTruth(const std::string& text)
{
    if (text == "auto")
        return project::GroundTruth::Auto;
    if (text == "layout")
        return project::GroundTruth::Layout;
    if (text == "review")
        return project::GroundTruth::Review;
    throw Error("Unknown ground truth '" + text + "'; use auto, layout or review.");
}

void runReport(const ReportArgs& a, const GlobalOptions& global)
{
    const auto qt = makeQtApp<QGuiApplication>();
    const auto store = project::ProjectStore::open(QString::fromStdString(a.project));
    if (store->migratedFrom())
        std::cerr << "note: the project was migrated from format version " << store->migratedFrom()
                  << "; the old file was kept as " << store->backupFile().toStdString() << "\n";
    const project::ProjectSnapshot snapshot = store->snapshot();

    // Overlays need the model: the one given, else the project's own when it is still there
    // unchanged.
    std::unique_ptr<Model> model;
    QString modelPath = QString::fromStdString(a.model);
    if (modelPath.isEmpty() && QFileInfo::exists(snapshot.model.path)) {
        if (project::ProjectStore::fileSha256(snapshot.model.path) == snapshot.model.sha256)
            modelPath = snapshot.model.path;
        else
            std::cerr
                << "warning: the model file " << snapshot.model.path.toStdString()
                << " has changed since the project was created; pass --model to draw overlays.\n";
    }
    if (!modelPath.isEmpty())
        model = Model::load(modelPath.toStdString(), a.device, a.threads);
    else
        std::cerr << "warning: no model available (the project's model "
                  << snapshot.model.path.toStdString()
                  << " is missing); the report has no heatmaps. Pass --model to draw them.\n";

    project::ReportOptions options;
    options.groundTruth = parseGroundTruth(a.groundTruth);
    options.topFlagged = a.top;
    TerminalProgress bar(global.quiet);
    Progress progress(bar.callback());
    cancelOnInterrupt(progress);
    const auto files = project::writeReport(snapshot, model.get(), QString::fromStdString(a.out),
                                            progress, options);
    bar.finish();
    for (const QString& p : files.problems)
        std::cerr << "warning: overlay skipped: " << p.toStdString() << "\n";
    std::cout << "Wrote " << files.csv.toStdString() << ", " << files.json.toStdString() << ", "
              << files.pdf.toStdString();
    if (model)
        std::cout << " and " << files.overlays << " overlay(s) in "
                  << files.overlayDir.toStdString();
    std::cout << "\n";
}

// The full check that open() does not run: every index entry against its table. Exit status 1
// when the file is damaged.
void runCheck(const std::string& file)
{
    const auto qt = makeQtApp<QCoreApplication>();
    const QStringList problems =
        project::ProjectStore::integrityProblems(QString::fromStdString(file));
    if (problems.isEmpty()) {
        std::cout << file << ": OK (SQLite integrity check and foreign keys)\n";
        return;
    }
    std::string list;
    for (const QString& p : problems)
        list += "\n  " + p.toStdString();
    throw Error("The project '" + file + "' is damaged; SQLite found:" + list +
                "\nOpen a backup copy of it (a '.vN.bak' file beside it is one), or create the "
                "project again from its images.");
}

} // namespace

void addProjectCommands(CLI::App& app, const GlobalOptions& global)
{
    auto* proj = app.add_subcommand("project",
                                    "Projects: a scored batch with its review, in one SQLite file");
    proj->require_subcommand(1);
    auto c = std::make_shared<CreateArgs>();
    auto* create = proj->add_subcommand("create", "Score a batch of images into a new project");
    create->add_option("--model", c->model, "Model file")->required();
    create->add_option("--images", c->images, "Image folder")->required();
    create
        ->add_option("--layout", c->layout,
                     "auto|folder|mvtec|visa (labels are stored when it has them)")
        ->capture_default_str();
    create
        ->add_option("--split", c->split,
                     "auto (test split of MVTec/VisA, else all)|all|train|test")
        ->capture_default_str();
    create->add_option("--alignment", c->alignment, "none|cada")->capture_default_str();
    create->add_option("--out", c->out, "Project file to create")->required();
    create->add_option("--device", c->device, "auto|cpu|cuda|cuda:N")->capture_default_str();
    create->add_option("--threads", c->threads, "CPU threads (0: all cores)");
    create->callback([c, &global] { runCreate(*c, global); });

    auto checked = std::make_shared<std::string>();
    auto* check = proj->add_subcommand(
        "check", "Run SQLite's full integrity check on a project (open runs the quick one)");
    check->add_option("--project", *checked, "Project file")->required();
    check->callback([checked] { runCheck(*checked); });

    auto r = std::make_shared<ReportArgs>();
    auto* report = app.add_subcommand(
        "report", "Write report.csv, report.json, report.pdf and overlays/ for a project");
    report->add_option("--project", r->project, "Project file")->required();
    report->add_option("--out", r->out, "Output folder")->required();
    report->add_option("--model", r->model,
                       "Model for the heatmap overlays (default: the project's, if unchanged)");
    report->add_option("--ground-truth", r->groundTruth, "auto|layout|review")
        ->capture_default_str();
    report->add_option("--top", r->top, "Flagged images shown in the PDF")->capture_default_str();
    report->add_option("--device", r->device, "auto|cpu|cuda|cuda:N")->capture_default_str();
    report->add_option("--threads", r->threads, "CPU threads (0: all cores)");
    report->callback([r, &global] { runReport(*r, global); });
}

} // namespace cada::cli
