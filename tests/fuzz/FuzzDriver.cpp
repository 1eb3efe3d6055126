// A small stand-in for libFuzzer's main, so that the fuzz targets also build with gcc and run in
// the test suite: every input file is run once, then mutations of them (bit flips, byte runs,
// interesting values, cuts, splices) for the given number of seconds. Seeded and reproducible;
// a failing input is written to fuzz-crash-<seed>-<n> in the working folder before it runs.
//   fuzz_target [--seconds S] [--seed N] FILE|FOLDER...
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) __attribute__((weak));

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// The last input is kept on disk while it runs: after a crash it is the reproducer.
void run(const Bytes& input, const std::string& keepAs)
{
    std::ofstream(keepAs, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(input.data()), std::streamsize(input.size()));
    LLVMFuzzerTestOneInput(input.data(), input.size());
}

Bytes mutate(Bytes b, const std::vector<Bytes>& corpus, std::mt19937_64& rng)
{
    auto pick = [&](std::size_t n) { return n == 0 ? 0 : std::size_t(rng() % n); };
    // Half of the edits land in the first 4 KB, where the headers that parsers trust live.
    auto where = [&](std::size_t n) {
        return pick(rng() % 2 ? std::min<std::size_t>(n, 4096) : n);
    };
    const int edits = 1 + int(rng() % 4);
    for (int e = 0; e < edits; ++e) {
        switch (rng() % 7) {
        case 0: // flip a bit
            if (!b.empty())
                b[where(b.size())] ^= std::uint8_t(1u << (rng() % 8));
            break;
        case 1: // random byte
            if (!b.empty())
                b[where(b.size())] = std::uint8_t(rng());
            break;
        case 2: { // an interesting value, little- or big-endian, 1 to 8 bytes
            static const std::uint64_t values[] = {0,          1,          0x7F,       0x80,
                                                   0xFF,       0x7FFF,     0xFFFF,     0x7FFFFFFF,
                                                   0xFFFFFFFF, 1ull << 32, ~0ull >> 1, ~0ull};
            const std::uint64_t v = values[pick(sizeof values / sizeof *values)];
            const std::size_t width = 1u << (rng() % 4);
            if (b.size() >= width) {
                const std::size_t at = where(b.size() - width + 1);
                const bool big = rng() % 2;
                for (std::size_t k = 0; k < width; ++k)
                    b[at + k] = std::uint8_t(v >> (8 * (big ? width - 1 - k : k)));
            }
            break;
        }
        case 3: // cut the tail
            if (!b.empty())
                b.resize(pick(b.size()));
            break;
        case 4: // erase a run
            if (b.size() > 1) {
                const std::size_t at = pick(b.size()),
                                  n = 1 + pick(std::min<std::size_t>(64, b.size() - at));
                b.erase(b.begin() + std::ptrdiff_t(at), b.begin() + std::ptrdiff_t(at + n));
            }
            break;
        case 5: { // duplicate a run
            if (!b.empty()) {
                const std::size_t at = pick(b.size()),
                                  n = 1 + pick(std::min<std::size_t>(64, b.size() - at));
                const Bytes run(b.begin() + std::ptrdiff_t(at), b.begin() + std::ptrdiff_t(at + n));
                b.insert(b.begin() + std::ptrdiff_t(pick(b.size())), run.begin(), run.end());
            }
            break;
        }
        default: { // splice in a piece of another input
            const Bytes& other = corpus[pick(corpus.size())];
            if (!other.empty() && !b.empty()) {
                const std::size_t from = pick(other.size()),
                                  n = 1 + pick(std::min<std::size_t>(256, other.size() - from));
                const std::size_t at = pick(b.size());
                const std::size_t fit = std::min(n, b.size() - at);
                std::memcpy(b.data() + at, other.data() + from, fit);
            }
            break;
        }
        }
    }
    return b;
}

} // namespace

int main(int argc, char** argv)
{
    double seconds = 0;
    std::uint64_t seed = 1;
    std::vector<Bytes> corpus;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--seconds" && i + 1 < argc) {
            seconds = std::stod(argv[++i]);
        } else if (a == "--seed" && i + 1 < argc) {
            seed = std::stoull(argv[++i]);
        } else if (std::filesystem::is_directory(a)) {
            for (const auto& e : std::filesystem::directory_iterator(a))
                if (e.is_regular_file())
                    corpus.push_back(readFile(e.path()));
        } else if (std::filesystem::is_regular_file(a)) {
            corpus.push_back(readFile(a));
        } else {
            std::cerr << "usage: " << argv[0] << " [--seconds S] [--seed N] FILE|FOLDER...\n"
                      << "not a file or folder: " << a << "\n";
            return 2;
        }
    }
    if (corpus.empty()) {
        std::cerr << "no inputs\n";
        return 2;
    }
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    const std::string keep = "fuzz-crash-" + std::to_string(seed);
    for (const Bytes& input : corpus)
        run(input, keep);
    std::mt19937_64 rng(seed);
    const auto stop = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    std::size_t runs = corpus.size();
    while (std::chrono::steady_clock::now() < stop) {
        run(mutate(corpus[std::size_t(rng() % corpus.size())], corpus, rng), keep);
        ++runs;
    }
    std::remove(keep.c_str());
    std::cout << "fuzz: " << runs << " inputs (" << corpus.size() << " seeds, seed " << seed << ", "
              << seconds << " s of mutations), no finding\n";
    return 0;
}
