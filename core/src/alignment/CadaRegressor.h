#pragma once
// CADA's regressor: from a global embedding, predict (u, gamma), the mean and the maximum anomaly
// score that normal images of the image's (unknown) type have.
//
// Inputs are z-scored and reduced by PCA (at most 16 components, fitted on the training rows);
// a small MLP (one tanh hidden layer) predicts log u and log(gamma - u), so 0 < u < gamma always
// holds. Both in log space, because types' scales differ by factors: an error is then relative to
// the type's own scale. Predicted linearly, u missed a flat product's mean (0.017, the others
// 0.15-1) by 0.017, a small error in the regression's units but four times that type's gamma - u,
// so its normal images scored 8.3 and the other types' 1.1-2.1. (Anomaly maps are distances or
// 1 - cosine, so their mean is positive.)
// Trained with a squared loss on standardised targets, full batch Adam with weight decay, early
// stopping on a seeded 20 % validation split, best weights kept; an ensemble of kMembers such
// MLPs (different splits and initialisations) is averaged. Deterministic for a seed.
// Squared loss makes it predict the expectation over images that look alike: the type's statistics.
#include <utility>
#include <vector>

#include <torch/torch.h>

#include "model/TensorArchive.h"

namespace cada {

class CadaRegressor {
  public:
    struct Fit {
        int epochs = 0;
        double trainLoss = 0, validationLoss = 0;
    };
    // embeddings: n x d (CPU float); mapMean, mapMax: per-image targets.
    Fit fit(const torch::Tensor& embeddings, const std::vector<double>& mapMean,
            const std::vector<double>& mapMax, std::uint64_t seed);
    // n x d -> (u, gamma) per row.
    std::vector<std::pair<double, double>> predict(const torch::Tensor& embeddings) const;
    // The same from rows of features() (n x p).
    std::vector<std::pair<double, double>>
    predictFromFeatures(const torch::Tensor& featureRows) const;

    // The input space alone (z-score and PCA of the embeddings; fit() fits the same one), so that
    // other class-agnostic estimates can find the calibration images that look alike.
    void fitFeatureSpace(const torch::Tensor& embeddings);
    torch::Tensor features(const torch::Tensor& embeddings) const; // n x d -> n x p
    std::int64_t featureCount() const { return m_basis.defined() ? m_basis.size(1) : 0; }
    std::int64_t embeddingSize() const { return m_basis.defined() ? m_basis.size(0) : 0; } // d

    void save(TensorArchive& archive) const;
    void load(const TensorArchive& archive);

    // Members of the ensemble, each with its own validation split and initialisation; their
    // predictions are averaged, which removes most of the seed-to-seed variance of one small MLP.
    static constexpr int kMembers = 5;

  private:
    struct Member {
        torch::Tensor w1, b1, w2, b2;
        Fit fit;
    };
    static Member fitMember(const torch::Tensor& x, const torch::Tensor& y, std::uint64_t seed);
    torch::Tensor forward(const torch::Tensor& x) const;

    torch::Tensor m_inMean, m_inStd, m_basis; // z-score and PCA basis (d x p)
    torch::Tensor m_outMean, m_outStd;        // target standardisation (2)
    bool m_logMean = true;                    // the first target is log u (else u: older models)
    torch::Tensor m_w1, m_b1, m_w2, m_b2;     // MLP weights, one row per member (E x ...)
};

} // namespace cada
