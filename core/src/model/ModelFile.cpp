// Model::save and Model::load: what goes into a model file and what is checked coming out.
#include <nlohmann/json.hpp>

#include "components/Device.h"
#include "components/HeapTuning.h"
#include "model/ConfigJson.h"
#include "model/ModelImpl.h"
#include "model/TensorArchive.h"

namespace cada {

using namespace detail;

void Model::save(const std::filesystem::path& path) const
{
    TensorArchive archive;
    auto& meta = archive.meta();
    meta["kind"] = "cada-inspect-model";
    meta["config"] = d->config;
    meta["info"] = d->info;
    meta["backbone"] = nlohmann::json::parse(d->info.backbone);
    meta["alignment"] = {{"none", {{"u", d->uNone}, {"gamma", d->gammaNone}}}};
    meta["groups"] = d->classes.toJson();
    meta["group_list"] = d->groups;
    meta["calibration"] = d->calibration;
    d->detector->save(archive);
    d->regressor.save(archive);
    d->neighbours.save(archive);
    d->prior.save(archive);
    if (!d->torchScriptBytes.empty())
        archive.putBytes("backbone.torchscript", d->torchScriptBytes);
    archive.save(path);
}

std::unique_ptr<Model> Model::load(const std::filesystem::path& path, const std::string& device,
                                   int threads)
{
    const TensorArchive archive = TensorArchive::load(path);
    std::unique_ptr<Model> model(new Model());
    Impl& m = *model->d;
    try {
        const auto& meta = archive.meta();
        if (meta.value("kind", "") != "cada-inspect-model")
            throw Error("it is not a CADA Inspect model");
        m.config = meta.at("config").get<TrainConfig>();
        if (m.config.backbone.kind == "torchscript" && !archive.has("backbone.torchscript"))
            throw Error("it names a TorchScript backbone but does not hold it; a model file never "
                        "makes the program open a file it names. Re-train the model");
        configureThreads(threads > 0 ? threads : m.config.threads);
        keepFreedBuffers();
        m.device = resolveDevice(device);
        if (archive.has("backbone.torchscript"))
            m.torchScriptBytes = archive.bytes("backbone.torchscript");
        m.build();
        const std::string device = m.info.device;
        m.info = meta.at("info").get<ModelInfo>();
        m.info.device = device;
        m.detector->load(archive);
        m.regressor.load(archive);
        m.neighbours.load(archive);
        m.prior.load(archive);
        m.uNone = meta.at("alignment").at("none").at("u");
        m.gammaNone = meta.at("alignment").at("none").at("gamma");
        m.classes.fromJson(meta.at("groups"));
        if (m.classes.k() > 0 && m.classes.dimension() != m.regressor.embeddingSize())
            throw Error("its implicit classes expect embeddings of size " +
                        std::to_string(m.classes.dimension()) + ", its regressor of size " +
                        std::to_string(m.regressor.embeddingSize()) + "; re-train the model");
        m.groups = meta.at("group_list").get<std::vector<ImplicitGroup>>();
        m.calibration = meta.at("calibration").get<std::vector<CalibrationRecord>>();
        const auto rows = m.neighbours.count();
        if ((rows > 0 && rows != std::int64_t(m.calibration.size())) ||
            (!m.prior.empty() && m.prior.count() != rows) ||
            (rows > 0 && m.neighbours.features().size(1) != m.regressor.featureCount()))
            throw Error("the calibration neighbours do not match the calibration records; "
                        "re-train the model");
        m.predictAtNeighbours();
    } catch (const nlohmann::json::exception& e) {
        throw Error("Model file '" + path.string() + "' has an incomplete header (" + e.what() +
                    "). Re-train the model.");
    } catch (const Error& e) {
        throw Error("Cannot use model file '" + path.string() + "': " + e.what());
    } catch (const c10::Error& e) {
        throw Error("Cannot use model file '" + path.string() + "': its tensors do not fit (" +
                    e.what_without_backtrace() + "). Re-train the model.");
    } catch (const cv::Exception& e) {
        throw Error("Cannot use model file '" + path.string() + "': its matrices do not fit (" +
                    e.err + "). Re-train the model.");
    }
    return model;
}

} // namespace cada
