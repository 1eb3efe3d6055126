#pragma once
// The model file container: a JSON header plus named float/int64 tensors, stored
// device-independent.
//
// Layout (version 1, little-endian):
//   8 bytes  magic "CADAMODL"
//   u32      format version
//   u64      header length, then the header (UTF-8 JSON; lists every blob with dtype, shape,
//   offset) u64      payload length, then the payload (raw tensor bytes and opaque blobs) 32 bytes
//   SHA-256 of header + payload
// Loading checks magic, version, lengths, checksum and every blob's declared size.
#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

namespace cada {

class TensorArchive {
  public:
    static constexpr std::uint32_t kFormatVersion = 1;

    nlohmann::json& meta() { return m_meta; }
    const nlohmann::json& meta() const { return m_meta; }

    void put(const std::string& name, const torch::Tensor& tensor); // float32 or int64, any device
    void putBytes(const std::string& name, const std::string& bytes);
    bool has(const std::string& name) const;
    // Returns a CPU tensor; throws cada::Error naming the blob when missing or of another shape.
    torch::Tensor get(const std::string& name, std::vector<std::int64_t> expectedShape = {}) const;
    const std::string& bytes(const std::string& name) const;

    // Writes to a temporary file beside `path` and renames it, so a crash or cancel never leaves a
    // partial model under the final name.
    void save(const std::filesystem::path& path) const;
    static TensorArchive load(const std::filesystem::path& path);

  private:
    nlohmann::json m_meta = nlohmann::json::object();
    std::map<std::string, torch::Tensor> m_tensors;
    std::map<std::string, std::string> m_blobs;
};

} // namespace cada
