#pragma once
// Portable random helpers for the demo generator. The standard fixes mt19937's output sequence
// but not the algorithms behind std::uniform_*_distribution / std::normal_distribution, so the
// conversions are done here to keep "same seed => same images" true across standard libraries.
#include <cmath>
#include <cstdint>
#include <random>
#include <string>

namespace cada::demo::detail {

// splitmix64 finaliser: turns structured inputs (seed, class, index) into independent seeds.
inline std::uint64_t mixSeed(std::uint64_t a, std::uint64_t b)
{
    std::uint64_t z = a + 0x9E3779B97F4A7C15ull * (b + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// FNV-1a; std::hash<std::string> is implementation-defined.
inline std::uint64_t hashString(const std::string& text)
{
    std::uint64_t h = 0xCBF29CE484222325ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001B3ull;
    }
    return h;
}

class Rng {
  public:
    explicit Rng(std::uint64_t seed) : m_engine(static_cast<std::uint32_t>(seed ^ (seed >> 32))) {}

    // [0, 1) with 32 random bits.
    double uniform() { return m_engine() * (1.0 / 4294967296.0); }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // Inclusive range; the modulo bias is irrelevant for the small ranges used here.
    int uniformInt(int lo, int hi)
    {
        return lo + static_cast<int>(m_engine() % static_cast<std::uint32_t>(hi - lo + 1));
    }
    bool chance(double p) { return uniform() < p; }
    // Box-Muller, one value per call (the pair's second value is dropped for simplicity).
    double normal()
    {
        const double u1 = 1.0 - uniform(); // (0, 1], keeps log finite
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    std::uint64_t nextSeed()
    {
        const std::uint64_t hi = m_engine();
        return (hi << 32) | m_engine();
    }

  private:
    std::mt19937 m_engine;
};

} // namespace cada::demo::detail
