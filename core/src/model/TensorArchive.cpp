#include "model/TensorArchive.h"

#include <cstring>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "cada/Error.h"
#include "cada/io/TemporaryFiles.h"
#include "model/Sha256.h"

namespace cada {
namespace {

constexpr char kMagic[8] = {'C', 'A', 'D', 'A', 'M', 'O', 'D', 'L'};

template <typename T> void append(std::string& out, T value)
{
    out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <typename T> T read(const std::string& in, size_t& at, const std::string& file)
{
    if (at + sizeof(T) > in.size())
        throw Error("Model file '" + file +
                    "' is truncated (it ends inside its header). Re-train or copy it again.");
    T value;
    std::memcpy(&value, in.data() + at, sizeof(T));
    at += sizeof(T);
    return value;
}

} // namespace

void TensorArchive::put(const std::string& name, const torch::Tensor& tensor)
{
    auto t = tensor.detach().to(torch::kCPU).contiguous();
    if (t.scalar_type() != torch::kFloat32 && t.scalar_type() != torch::kInt64)
        t = t.to(torch::kFloat32);
    m_tensors[name] = t.clone();
}

void TensorArchive::putBytes(const std::string& name, const std::string& bytes)
{
    m_blobs[name] = bytes;
}

bool TensorArchive::has(const std::string& name) const
{
    return m_tensors.count(name) || m_blobs.count(name);
}

torch::Tensor TensorArchive::get(const std::string& name,
                                 std::vector<std::int64_t> expectedShape) const
{
    const auto it = m_tensors.find(name);
    if (it == m_tensors.end())
        throw Error("Model file is incomplete: it has no '" + name +
                    "' data. It was written by an incompatible "
                    "version or is damaged; re-train the model.");
    if (!expectedShape.empty() && it->second.sizes().vec() != expectedShape)
        throw Error("Model file is inconsistent: '" + name + "' has shape " +
                    c10::str(it->second.sizes()) + " but " +
                    c10::str(c10::IntArrayRef(expectedShape)) +
                    " was expected. Re-train the model.");
    return it->second;
}

const std::string& TensorArchive::bytes(const std::string& name) const
{
    const auto it = m_blobs.find(name);
    if (it == m_blobs.end())
        throw Error("Model file is incomplete: it has no '" + name + "' blob. Re-train the model.");
    return it->second;
}

void TensorArchive::save(const std::filesystem::path& path) const
{
    std::string payload;
    nlohmann::json index = nlohmann::json::array();
    for (const auto& [name, t] : m_tensors) {
        const size_t size = size_t(t.numel()) * t.element_size();
        index.push_back({{"name", name},
                         {"dtype", t.scalar_type() == torch::kInt64 ? "i64" : "f32"},
                         {"shape", t.sizes().vec()},
                         {"offset", payload.size()},
                         {"size", size}});
        payload.append(static_cast<const char*>(t.data_ptr()), size);
    }
    for (const auto& [name, b] : m_blobs) {
        index.push_back(
            {{"name", name}, {"dtype", "bytes"}, {"offset", payload.size()}, {"size", b.size()}});
        payload += b;
    }
    nlohmann::json header = m_meta;
    header["blobs"] = index;
    const std::string headerText = header.dump();

    std::string file(kMagic, 8);
    append<std::uint32_t>(file, kFormatVersion);
    append<std::uint64_t>(file, headerText.size());
    file += headerText;
    append<std::uint64_t>(file, payload.size());
    file += payload;
    file += sha256Raw(file.substr(8 + 4));

    const std::filesystem::path target = io::outputTarget(path, "model file");
    io::removeStaleTemporaries(target); // of runs that were killed before they could clean up
    const std::filesystem::path tmp = io::temporaryFor(target);
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error("Cannot write the model file '" + path.string() +
                        "': the folder is missing or not writable.");
        out.write(file.data(), std::streamsize(file.size()));
        out.flush();
        if (!out) {
            out.close();
            std::filesystem::remove(tmp);
            throw Error("Writing the model file '" + path.string() + "' failed (disk full?).");
        }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, target, ec);
    if (ec) {
        std::filesystem::remove(tmp);
        throw Error("Cannot move the finished model to '" + path.string() + "': " + ec.message());
    }
}

TensorArchive TensorArchive::load(const std::filesystem::path& path)
{
    const std::string name = path.string();
    io::requireRegularFile(path, "model file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("Cannot open the model file '" + name + "' (check its permissions).");
    // The magic first: a large file of another kind is refused without being read.
    char magic[8] = {};
    in.read(magic, 8);
    if (in.gcount() == 0)
        throw Error("The model file '" + name + "' is empty (0 bytes).");
    if (in.gcount() < 8 || std::memcmp(magic, kMagic, 8) != 0)
        throw Error("'" + name +
                    "' is not a CADA Inspect model file (wrong magic number). Choose a .cada model "
                    "written by 'cada train' or the workstation.");
    in.seekg(0);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string file = buffer.str();
    size_t at = 8;
    const auto version = read<std::uint32_t>(file, at, name);
    if (version > kFormatVersion)
        throw Error("Model file '" + name + "' has format version " + std::to_string(version) +
                    ", newer than this program understands (" + std::to_string(kFormatVersion) +
                    "). Update CADA Inspect.");
    const auto headerSize = read<std::uint64_t>(file, at, name);
    if (headerSize > file.size() - at)
        throw Error("Model file '" + name +
                    "' is truncated (header cut off). Re-train or copy it again.");
    const std::string headerText = file.substr(at, headerSize);
    at += headerSize;
    const auto payloadSize = read<std::uint64_t>(file, at, name);
    if (payloadSize > file.size() - at || file.size() - at - payloadSize != 32)
        throw Error("Model file '" + name + "' is truncated or has trailing data (" +
                    std::to_string(file.size()) + " bytes). Re-train or copy it again.");
    const size_t payloadAt = at;
    if (sha256Raw(file.substr(8 + 4, payloadAt + payloadSize - 12)) !=
        file.substr(payloadAt + payloadSize))
        throw Error(
            "Model file '" + name +
            "' is damaged: its checksum does not match its content. Re-train or copy it again.");

    TensorArchive archive;
    try {
        archive.m_meta = nlohmann::json::parse(headerText);
        for (const auto& blob : archive.m_meta.at("blobs")) {
            const auto offset = blob.at("offset").get<std::uint64_t>(),
                       size = blob.at("size").get<std::uint64_t>();
            // Two comparisons, not offset + size: a crafted offset near 2^64 would wrap the sum.
            if (offset > payloadSize || size > payloadSize - offset)
                throw Error("blob '" + blob.at("name").get<std::string>() +
                            "' lies outside the payload");
            const std::string dtype = blob.at("dtype");
            const char* data = file.data() + payloadAt + offset;
            if (dtype == "bytes") {
                archive.m_blobs[blob.at("name")] = std::string(data, size);
                continue;
            }
            const auto shape = blob.at("shape").get<std::vector<std::int64_t>>();
            const auto type = dtype == "i64" ? torch::kInt64 : torch::kFloat32;
            // The shape must account for exactly the blob's bytes before anything is allocated.
            std::uint64_t count = 1;
            bool fits = true;
            for (const auto extent : shape) {
                if (extent < 0 || (extent > 0 && count > UINT64_MAX / std::uint64_t(extent)))
                    fits = false;
                else
                    count *= std::uint64_t(extent);
            }
            const std::uint64_t elementSize = type == torch::kInt64 ? 8 : 4;
            if (!fits || count > size / elementSize || count * elementSize != size)
                throw Error("blob '" + blob.at("name").get<std::string>() +
                            "' has a size that does not match its shape");
            auto t = torch::empty(shape, torch::TensorOptions().dtype(type));
            if (size > 0) // an empty tensor has no storage to copy into
                std::memcpy(t.data_ptr(), data, size);
            // NaN or infinity in any stored tensor would make every score silently NaN.
            if (type == torch::kFloat32 && !torch::isfinite(t).all().item<bool>())
                throw Error("blob '" + blob.at("name").get<std::string>() +
                            "' holds values that are not finite (NaN or infinity)");
            archive.m_tensors[blob.at("name")] = t;
        }
    } catch (const Error& e) {
        throw Error("Model file '" + name + "' is inconsistent: " + e.what() +
                    ". Re-train the model.");
    } catch (const std::exception& e) {
        throw Error("Model file '" + name + "' has an unreadable header (" + errorText(e) +
                    "). Re-train the model.");
    }
    archive.m_meta.erase("blobs");
    return archive;
}

} // namespace cada
