// The model file container refuses crafted blob tables whose checksum was recomputed: an offset
// near 2^64 (which wrapped `offset + size` and read before the buffer) and a shape that does not
// account for the blob's bytes. Regression tests for issue 20, defect 1.
// This translation unit includes torch, so Qt's keywords are off (QT_NO_KEYWORDS: Q_SLOTS).
#include <torch/torch.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include <QTemporaryDir>
#include <QtTest>

#include "cada/Error.h"
#include "model/Sha256.h"
#include "model/TensorArchive.h"

using namespace cada;

namespace {

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream b;
    b << in.rdbuf();
    return b.str();
}

template <typename T> T readAt(const std::string& s, size_t at)
{
    T v;
    std::memcpy(&v, s.data() + at, sizeof v);
    return v;
}

template <typename T> void append(std::string& s, T v)
{
    s.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// Rewrites a saved archive with `edit` applied to its header and a valid checksum, as an attacker
// who knows the format would.
std::string recrafted(const std::string& file, const std::function<void(nlohmann::json&)>& edit)
{
    size_t at = 12;
    const auto headerSize = readAt<std::uint64_t>(file, at);
    at += 8;
    auto header = nlohmann::json::parse(file.substr(at, headerSize));
    at += headerSize;
    const auto payloadSize = readAt<std::uint64_t>(file, at);
    const std::string payload = file.substr(at + 8, payloadSize);
    edit(header);
    const std::string text = header.dump();
    std::string out = file.substr(0, 12);
    append<std::uint64_t>(out, text.size());
    out += text;
    append<std::uint64_t>(out, payload.size());
    out += payload;
    return out + sha256Raw(out.substr(12));
}

QString loadError(const std::string& bytes, const QString& dir)
{
    const std::string path = (dir + "/crafted.cada").toStdString();
    std::ofstream(path, std::ios::binary) << bytes;
    try {
        TensorArchive::load(path);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

class TstTensorArchive : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    void craftedBlobTablesAreRefusedWithTheFileNamed()
    {
        QTemporaryDir dir;
        TensorArchive archive;
        archive.put("a", torch::arange(16, torch::kFloat32));
        archive.put("b", torch::arange(4, torch::kInt64));
        const std::string path = (dir.path() + "/ok.cada").toStdString();
        archive.save(path);
        const auto file = readFile(path);
        QVERIFY(torch::equal(TensorArchive::load(path).get("b"), torch::arange(4, torch::kInt64)));
        // The unchanged recrafted file still loads: the rewriting itself is faithful.
        QVERIFY(loadError(recrafted(file, [](nlohmann::json&) {}), dir.path()).isEmpty());

        const auto wrapped =
            loadError(recrafted(file,
                                [](nlohmann::json& h) {
                                    h["blobs"][1]["offset"] =
                                        std::numeric_limits<std::uint64_t>::max() - 7;
                                }),
                      dir.path());
        QVERIFY2(wrapped.contains("crafted.cada") && wrapped.contains("outside the payload"),
                 qPrintable(wrapped));

        const auto huge = loadError(recrafted(file,
                                              [](nlohmann::json& h) {
                                                  h["blobs"][0]["shape"] = {1 << 30, 1 << 30, 64};
                                              }),
                                    dir.path());
        QVERIFY2(huge.contains("does not match its shape"), qPrintable(huge));

        const auto negative = loadError(recrafted(file,
                                                  [](nlohmann::json& h) {
                                                      h["blobs"][0]["shape"] = {-4, -4};
                                                  }),
                                        dir.path());
        QVERIFY2(negative.contains("does not match its shape"), qPrintable(negative));
    }
};

QTEST_APPLESS_MAIN(TstTensorArchive)
#include "tst_tensorarchive.moc"
