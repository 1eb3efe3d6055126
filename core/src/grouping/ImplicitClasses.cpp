#include "grouping/ImplicitClasses.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <numeric>

#include "cada/Error.h"

namespace cada {
namespace {

// How far beyond its own training images a group reaches (see the header).
constexpr double kUnknownFactor = 2.0;
// Dimensions of the clustering space (see fit()).
constexpr int kMaxComponents = 32;
// Images the silhouette is computed on (see fit()).
constexpr int kSilhouetteSample = 2000;

nlohmann::json matToJson(const cv::Mat& m)
{
    cv::Mat f;
    m.convertTo(f, CV_32F);
    std::vector<float> v(f.begin<float>(), f.end<float>());
    return {{"rows", m.rows}, {"cols", m.cols}, {"data", v}};
}

cv::Mat matFromJson(const nlohmann::json& j, const char* name)
{
    const int rows = j.at("rows"), cols = j.at("cols");
    const auto v = j.at("data").get<std::vector<float>>();
    if (rows < 0 || cols < 0 || v.size() != size_t(rows) * size_t(cols))
        throw Error("the implicit classes' matrix '" + std::string(name) + "' has a size (" +
                    std::to_string(rows) + " x " + std::to_string(cols) +
                    ") that does not match its data");
    if (!std::all_of(v.begin(), v.end(), [](float x) { return std::isfinite(x); }))
        throw Error("the implicit classes' matrix '" + std::string(name) +
                    "' holds values that are not finite");
    if (rows == 0 || cols == 0)
        return cv::Mat(rows, cols, CV_32F);
    return cv::Mat(rows, cols, CV_32F, const_cast<float*>(v.data())).clone();
}

double quantile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const double pos = q * double(v.size() - 1);
    const size_t lo = size_t(std::floor(pos)), hi = std::min(v.size() - 1, lo + 1);
    return v[lo] + (v[hi] - v[lo]) * (pos - double(lo));
}

// The member with the least summed distance to the other members (rows of `points`). Beyond
// kSilhouetteSample members the sum runs over an evenly spaced sample of them, so a large group
// costs members x sample distances, not members squared.
int medoid(const cv::Mat& pointsIn, const std::vector<int>& members)
{
    if (members.empty())
        return -1;
    cv::Mat points;
    pointsIn.convertTo(points, CV_64F);
    const size_t step = std::max<size_t>(1, members.size() / size_t(kSilhouetteSample) +
                                                (members.size() % kSilhouetteSample ? 1 : 0));
    int best = members.front();
    double bestSum = std::numeric_limits<double>::infinity();
    for (int i : members) {
        const double* a = points.ptr<double>(i);
        double sum = 0.0;
        for (size_t r = 0; r < members.size(); r += step) {
            const double* b = points.ptr<double>(members[r]);
            double sq = 0.0;
            for (int c = 0; c < points.cols; ++c)
                sq += (a[c] - b[c]) * (a[c] - b[c]);
            sum += std::sqrt(sq);
        }
        if (sum < bestSum) {
            bestSum = sum;
            best = i;
        }
    }
    return best;
}

} // namespace

cv::Mat pairwiseDistances(const cv::Mat& pointsIn)
{
    cv::Mat points;
    pointsIn.convertTo(points, CV_64F);
    const int n = points.rows, d = points.cols;
    cv::Mat dist(n, n, CV_64F, cv::Scalar(0.0));
    for (int i = 0; i < n; ++i) {
        const double* a = points.ptr<double>(i);
        for (int j = i + 1; j < n; ++j) {
            const double* b = points.ptr<double>(j);
            double sum = 0.0;
            for (int c = 0; c < d; ++c)
                sum += (a[c] - b[c]) * (a[c] - b[c]);
            dist.at<double>(i, j) = dist.at<double>(j, i) = std::sqrt(sum);
        }
    }
    return dist;
}

double meanSilhouetteOfDistances(const cv::Mat& dist, const std::vector<int>& labels, int k)
{
    const int n = dist.rows;
    if (k < 2 || n <= k)
        return -1.0;
    std::vector<int> counts(static_cast<size_t>(k), 0);
    for (int l : labels)
        ++counts[size_t(l)];
    double total = 0.0;
    std::vector<double> sums(static_cast<size_t>(k));
    for (int i = 0; i < n; ++i) {
        std::fill(sums.begin(), sums.end(), 0.0);
        const double* row = dist.ptr<double>(i);
        for (int j = 0; j < n; ++j)
            sums[size_t(labels[size_t(j)])] += row[j]; // row[i] is 0
        const int own = labels[size_t(i)];
        if (counts[size_t(own)] <= 1)
            continue; // silhouette of a singleton is 0
        const double a = sums[size_t(own)] / (counts[size_t(own)] - 1);
        double b = std::numeric_limits<double>::infinity();
        for (int c = 0; c < k; ++c)
            if (c != own && counts[size_t(c)] > 0)
                b = std::min(b, sums[size_t(c)] / counts[size_t(c)]);
        if (std::max(a, b) > 0.0) // identical points in two groups: 0, not 0 / 0
            total += (b - a) / std::max(a, b);
    }
    return total / n;
}

double meanSilhouette(const cv::Mat& points, const std::vector<int>& labels, int k)
{
    return meanSilhouetteOfDistances(pairwiseDistances(points), labels, k);
}

cv::Mat ImplicitClasses::project(const cv::Mat& embeddings) const
{
    cv::Mat z = embeddings.clone();
    for (int r = 0; r < z.rows; ++r)
        z.row(r) = (z.row(r) - m_mean) / m_std;
    if (m_pcaBasis.empty())
        return z;
    cv::Mat centred = z - cv::repeat(m_pcaMean, z.rows, 1);
    return centred * m_pcaBasis.t();
}

std::vector<int> ImplicitClasses::fit(const cv::Mat& embeddingsIn, int maxK, int forcedK,
                                      std::uint64_t seed)
{
    cv::Mat embeddings;
    embeddingsIn.convertTo(embeddings, CV_32F);
    const int n = embeddings.rows;
    if (n == 0)
        throw Error("Cannot find implicit classes without images.");
    cv::reduce(embeddings, m_mean, 0, cv::REDUCE_AVG);
    m_std = cv::Mat(1, embeddings.cols, CV_32F);
    for (int c = 0; c < embeddings.cols; ++c) {
        cv::Scalar mean, sd;
        cv::meanStdDev(embeddings.col(c), mean, sd);
        m_std.at<float>(0, c) = float(std::max(sd[0], 1e-6));
    }
    m_pcaBasis.release();
    m_pcaMean.release();
    cv::Mat z = project(embeddings);
    if (n > 2) {
        // The leading kMaxComponents components, not a share of the variance: with few, tight
        // types nearly all the variance lies between the well-separated ones, and the direction
        // that separates two close types can hold 1-2 % of it. "99 % of the variance" (as
        // cv::PCA counts it, one component short) dropped exactly that direction on the demo data
        // at 256 px and merged carpet with mesh (ARI 0.82); the small components left in add
        // little distance.
        cv::PCA pca(z, cv::Mat(), cv::PCA::DATA_AS_ROW, std::min(kMaxComponents, n - 1));
        m_pcaBasis = pca.eigenvectors.clone();
        m_pcaMean = pca.mean.clone();
    }
    const cv::Mat p = project(embeddings);

    cv::theRNG().state = seed ? seed : 0x5eedULL;
    auto cluster = [&](int k, std::vector<int>& labels, cv::Mat& centres) {
        cv::Mat l;
        cv::kmeans(p, k, l,
                   cv::TermCriteria(cv::TermCriteria::EPS + cv::TermCriteria::COUNT, 200, 1e-5), 8,
                   cv::KMEANS_PP_CENTERS, centres);
        labels.assign(l.begin<int>(), l.end<int>());
    };
    std::vector<int> labels(size_t(n), 0);
    cv::reduce(p, m_centres, 0, cv::REDUCE_AVG);
    m_silhouette = 0.0;
    checkForcedGroups(forcedK, n);
    // The silhouette compares every pair of images: on more than kSilhouetteSample images it is
    // estimated on a seeded sample of them (as scikit-learn's sample_size does).
    std::vector<int> sample(static_cast<size_t>(n));
    std::iota(sample.begin(), sample.end(), 0);
    if (n > kSilhouetteSample) {
        cv::RNG rng(seed ^ 0x51u);
        for (int i = n - 1; i > 0; --i)
            std::swap(sample[size_t(i)], sample[size_t(rng.uniform(0, i + 1))]);
        sample.resize(size_t(kSilhouetteSample));
    }
    cv::Mat sampled(int(sample.size()), p.cols, p.type());
    for (size_t i = 0; i < sample.size(); ++i)
        p.row(sample[i]).copyTo(sampled.row(int(i)));
    const cv::Mat sampleDist = pairwiseDistances(sampled);
    auto silhouette = [&](const std::vector<int>& l, int k) {
        std::vector<int> ls;
        for (int i : sample)
            ls.push_back(l[size_t(i)]);
        return meanSilhouetteOfDistances(sampleDist, ls, k);
    };
    if (forcedK > 1) {
        cluster(forcedK, labels, m_centres);
        m_silhouette = silhouette(labels, forcedK);
    } else if (forcedK != 1) {
        double best = 0.25; // below this, no k is clearly better than one group
        for (int k = 2; k <= std::min(maxK, n - 1); ++k) {
            std::vector<int> l;
            cv::Mat c;
            cluster(k, l, c);
            const double s = silhouette(l, k);
            if (s > best + 1e-9) {
                best = s;
                labels = l;
                m_centres = c;
                m_silhouette = s;
            }
        }
    }

    // Groups are numbered by size (largest first) so that ids are stable for the same data.
    const int k = m_centres.rows;
    std::vector<int> order(static_cast<size_t>(k)), counts(static_cast<size_t>(k), 0);
    for (int l : labels)
        ++counts[size_t(l)];
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return counts[size_t(a)] > counts[size_t(b)]; });
    std::vector<int> rank(static_cast<size_t>(k));
    cv::Mat sorted(k, m_centres.cols, CV_32F);
    for (int i = 0; i < k; ++i) {
        rank[size_t(order[size_t(i)])] = i;
        m_centres.row(order[size_t(i)]).copyTo(sorted.row(i));
    }
    m_centres = sorted;
    for (auto& l : labels)
        l = rank[size_t(l)];

    // Radius and medoid per group, from its own members.
    m_radius.assign(size_t(k), 0.0);
    m_medoids.assign(size_t(k), -1);
    for (int g = 0; g < k; ++g) {
        std::vector<int> members;
        std::vector<double> dist;
        for (int i = 0; i < n; ++i) {
            if (labels[size_t(i)] != g)
                continue;
            members.push_back(i);
            dist.push_back(distance(embeddings.row(i), p.row(i), g));
        }
        m_radius[size_t(g)] = std::max(1e-6, kUnknownFactor * quantile(dist, 0.95));
        m_medoids[size_t(g)] = medoid(p, members);
    }
    return labels;
}

double ImplicitClasses::distance(const cv::Mat& embedding, const cv::Mat& projected, int g) const
{
    // distance to the group's centre including the PCA residual
    cv::Mat z = embedding.clone();
    z = (z - m_mean) / m_std;
    const double residual = m_pcaBasis.empty()
                                ? 0.0
                                : std::max(0.0, cv::norm(z - m_pcaMean, cv::NORM_L2SQR) -
                                                    cv::norm(projected, cv::NORM_L2SQR));
    return std::sqrt(cv::norm(projected, m_centres.row(g), cv::NORM_L2SQR) + residual);
}

int ImplicitClasses::addGroup(const cv::Mat& embeddingsIn, int* medoidRow)
{
    if (m_centres.rows == 0 || embeddingsIn.rows == 0)
        throw Error("A group can only be added to fitted implicit classes, from 1 or more images.");
    cv::Mat embeddings;
    embeddingsIn.convertTo(embeddings, CV_32F);
    const cv::Mat p = project(embeddings);
    cv::Mat centre;
    cv::reduce(p, centre, 0, cv::REDUCE_AVG);
    m_centres.push_back(centre);
    const int g = m_centres.rows - 1;
    std::vector<int> members;
    std::vector<double> dist;
    for (int i = 0; i < embeddings.rows; ++i) {
        members.push_back(i);
        dist.push_back(distance(embeddings.row(i), p.row(i), g));
    }
    m_radius.push_back(std::max(1e-6, kUnknownFactor * quantile(dist, 0.95)));
    const int med = medoid(p, members);
    m_medoids.push_back(med);
    if (medoidRow)
        *medoidRow = med;
    return g;
}

void ImplicitClasses::checkForcedGroups(int forcedK, int images)
{
    if (forcedK > images)
        throw Error("Cannot split " + std::to_string(images) + " training images into " +
                    std::to_string(forcedK) + " groups; ask for at most " + std::to_string(images) +
                    ".");
}

int ImplicitClasses::assign(const cv::Mat& embeddingIn, bool& unknown, double* distance) const
{
    cv::Mat e;
    embeddingIn.convertTo(e, CV_32F);
    if (e.cols != m_mean.cols)
        throw Error("Embedding has " + std::to_string(e.cols) +
                    " dimensions; the implicit classes expect " + std::to_string(m_mean.cols) +
                    ".");
    const cv::Mat p = project(e);
    cv::Mat z = (e - m_mean) / m_std;
    const double residual =
        m_pcaBasis.empty()
            ? 0.0
            : std::max(0.0, cv::norm(z - m_pcaMean, cv::NORM_L2SQR) - cv::norm(p, cv::NORM_L2SQR));
    int best = 0;
    double bestD = std::numeric_limits<double>::infinity();
    for (int g = 0; g < m_centres.rows; ++g) {
        const double d = std::sqrt(cv::norm(p, m_centres.row(g), cv::NORM_L2SQR) + residual);
        if (d < bestD) {
            bestD = d;
            best = g;
        }
    }
    unknown = bestD > m_radius[size_t(best)];
    if (distance)
        *distance = bestD;
    return best;
}

nlohmann::json ImplicitClasses::toJson() const
{
    return {{"mean", matToJson(m_mean)},
            {"std", matToJson(m_std)},
            {"pca_mean", matToJson(m_pcaMean)},
            {"pca_basis", matToJson(m_pcaBasis)},
            {"centres", matToJson(m_centres)},
            {"radius", m_radius},
            {"medoids", m_medoids},
            {"silhouette", m_silhouette}};
}

void ImplicitClasses::fromJson(const nlohmann::json& j)
{
    m_mean = matFromJson(j.at("mean"), "mean");
    m_std = matFromJson(j.at("std"), "std");
    m_pcaMean = matFromJson(j.at("pca_mean"), "pca_mean");
    m_pcaBasis = matFromJson(j.at("pca_basis"), "pca_basis");
    if (m_pcaBasis.rows == 0)
        m_pcaBasis.release();
    m_centres = matFromJson(j.at("centres"), "centres");
    m_radius = j.at("radius").get<std::vector<double>>();
    m_medoids = j.at("medoids").get<std::vector<int>>();
    m_silhouette = j.value("silhouette", 0.0);
    if (m_centres.rows == 0)
        return; // no groups: nothing is projected
    // Shapes that fit together: z-scoring 1 x d, PCA p x d (optional), centres k x p (or k x d).
    const int d = m_mean.cols;
    const int p = m_pcaBasis.empty() ? d : m_pcaBasis.rows;
    auto require = [](bool ok, const std::string& what) {
        if (!ok)
            throw Error("the implicit classes are inconsistent: " + what);
    };
    require(d > 0 && m_mean.rows == 1 && m_std.rows == 1 && m_std.cols == d,
            "the z-scoring mean and std differ in size");
    require(cv::checkRange(m_std, true, nullptr, 1e-12, DBL_MAX), "a std is not positive");
    require(m_pcaBasis.empty() ||
                (m_pcaBasis.cols == d && m_pcaMean.rows == 1 && m_pcaMean.cols == d),
            "the PCA does not fit the embedding size");
    require(m_centres.cols == p, "the centres do not fit the PCA");
    require(int(m_radius.size()) == m_centres.rows && int(m_medoids.size()) == m_centres.rows,
            std::to_string(m_centres.rows) + " centres but " + std::to_string(m_radius.size()) +
                " radii and " + std::to_string(m_medoids.size()) + " medoids");
    require(std::all_of(m_radius.begin(), m_radius.end(),
                        [](double r) { return std::isfinite(r) && r >= 0; }),
            "a radius is negative or not finite");
}

} // namespace cada
