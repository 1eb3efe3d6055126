#pragma once
// Shared by the metric tests: closeness with a readable failure, and the Mann-Whitney AUROC
// computed by its pairwise definition (independent of the implementation under test).
#include <QByteArray>
#include <QTest>

#include <cmath>
#include <string>
#include <vector>

#include "cada/Error.h"

namespace {

inline bool near(double a, double b, double tolerance = 1e-12)
{
    return std::abs(a - b) <= tolerance;
}

inline QByteArray describe(double actual, double expected)
{
    return QByteArray("actual ") + QByteArray::number(actual, 'g', 17) + ", expected " +
           QByteArray::number(expected, 'g', 17);
}

#define VERIFY_NEAR(actual, expected, tolerance)                                                   \
    do {                                                                                           \
        const double a_ = (actual), e_ = (expected);                                               \
        QVERIFY2(near(a_, e_, (tolerance)), describe(a_, e_).constData());                         \
    } while (false)

// P(s+ > s-) + 0.5 P(s+ = s-) over all positive/negative pairs: the Mann-Whitney definition.
inline double pairwiseAuroc(const std::vector<double>& scores, const std::vector<int>& labels)
{
    double wins = 0;
    double pairs = 0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (labels[i] != 1)
            continue;
        for (std::size_t j = 0; j < scores.size(); ++j) {
            if (labels[j] != 0)
                continue;
            pairs += 1;
            if (scores[i] > scores[j])
                wins += 1;
            else if (scores[i] == scores[j])
                wins += 0.5;
        }
    }
    return wins / pairs;
}

template <typename F> bool throwsCadaErrorContaining(F f, const std::string& fragment)
{
    try {
        f();
    } catch (const cada::Error& e) {
        return std::string(e.what()).find(fragment) != std::string::npos;
    }
    return false;
}

} // namespace
