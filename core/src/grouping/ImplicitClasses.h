#pragma once
// Implicit classes: the product types, discovered without labels by clustering global embeddings.
//
// Embeddings are z-scored per dimension and reduced by PCA to their 32 leading components (fewer
// with fewer images); k-means (k-means++, several restarts, seeded) runs for k = 2..maxK and the k
// with the best mean silhouette wins, or k = 1 when no k reaches a silhouette of 0.25 (no
// structure). The silhouette is computed on at most 2000 images (a seeded sample beyond that). A
// user may force k (at most the number of images).
//
// Unknown type: an image whose distance to its nearest group centre (in the z-scored space, PCA
// residual included) exceeds 2x the 95th-percentile distance of that group's own training
// images. CADA's predicted statistics are not trustworthy for a type it never saw.
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

namespace cada {

class ImplicitClasses {
  public:
    // embeddings: n x d, CV_32F. Returns the group of each row.
    std::vector<int> fit(const cv::Mat& embeddings, int maxK, int forcedK, std::uint64_t seed);
    // Throws when a user forces more groups than there are images (callers check it early).
    static void checkForcedGroups(int forcedK, int images);
    // Nearest group of one embedding (1 x d); sets `unknown` by the rule above.
    int assign(const cv::Mat& embedding, bool& unknown, double* distance = nullptr) const;

    // A new group for images that fit no existing one (a model update's new type): its centre is
    // their mean in the clustering space (whose z-scoring and PCA stay), radius and medoid as in
    // fit(). Existing groups keep their ids, centres and radii. Returns the new group's id;
    // `medoidRow` receives the medoid's row in `embeddings` (stored as the group's medoid).
    int addGroup(const cv::Mat& embeddings, int* medoidRow = nullptr);

    int k() const { return m_centres.rows; }
    int dimension() const { return m_mean.cols; } // of the embeddings it assigns
    // Index (into the fitted rows) of each group's medoid: the member with the least summed
    // distance to the others in the clustering space (to a sample of 2000 of them in larger
    // groups).
    const std::vector<int>& medoids() const { return m_medoids; }
    double silhouette() const { return m_silhouette; }

    nlohmann::json toJson() const;
    void fromJson(const nlohmann::json& json);

  private:
    cv::Mat project(const cv::Mat& embeddings) const; // z-score + PCA
    // Distance of one embedding (its projection given) to group g's centre, PCA residual included.
    double distance(const cv::Mat& embedding, const cv::Mat& projected, int g) const;

    cv::Mat m_mean, m_std;         // 1 x d
    cv::Mat m_pcaMean, m_pcaBasis; // PCA (rows = components)
    cv::Mat m_centres;             // k x p, in PCA space
    std::vector<double> m_radius;  // per group
    std::vector<int> m_medoids;
    double m_silhouette = 0.0;
};

// Euclidean distances between the rows (n x n, CV_64F).
cv::Mat pairwiseDistances(const cv::Mat& points);
// Mean silhouette coefficient of a labelling (Rousseeuw 1987), Euclidean; from the points or from
// their pairwise distances.
double meanSilhouette(const cv::Mat& points, const std::vector<int>& labels, int k);
double meanSilhouetteOfDistances(const cv::Mat& distances, const std::vector<int>& labels, int k);

} // namespace cada
