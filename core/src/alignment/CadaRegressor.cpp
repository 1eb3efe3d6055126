#include "alignment/CadaRegressor.h"

#include <cmath>

#include "cada/Error.h"

namespace cada {

torch::Tensor CadaRegressor::features(const torch::Tensor& embeddings) const
{
    return ((embeddings.to(torch::kCPU) - m_inMean) / m_inStd).mm(m_basis);
}

void CadaRegressor::fitFeatureSpace(const torch::Tensor& embeddingsIn)
{
    const auto embeddings = embeddingsIn.to(torch::kCPU).to(torch::kFloat32);
    const auto n = embeddings.size(0);
    if (n < 2)
        throw Error("CADA calibration needs at least 2 normal images; got " + std::to_string(n) +
                    ". Add more training images.");
    m_inMean = embeddings.mean(0);
    m_inStd = embeddings.std(0).clamp_min(1e-6);
    const auto z = (embeddings - m_inMean) / m_inStd;
    // PCA via SVD of the centred data; components ordered by variance.
    const auto svd = torch::linalg::svd(z, false, c10::nullopt);
    const auto components = std::min<std::int64_t>({16, n - 1, z.size(1)});
    m_basis = std::get<2>(svd).slice(0, 0, components).t().contiguous(); // d x p
}

torch::Tensor CadaRegressor::forward(const torch::Tensor& x) const
{
    // Every member on the same rows (E x n x p), averaged.
    const auto xs = x.unsqueeze(0).expand({m_w1.size(0), x.size(0), x.size(1)});
    const auto hidden = torch::tanh(torch::bmm(xs, m_w1) + m_b1.unsqueeze(1));
    return (torch::bmm(hidden, m_w2) + m_b2.unsqueeze(1)).mean(0);
}

CadaRegressor::Fit CadaRegressor::fit(const torch::Tensor& embeddingsIn,
                                      const std::vector<double>& mapMean,
                                      const std::vector<double>& mapMax, std::uint64_t seed)
{
    const auto embeddings = embeddingsIn.to(torch::kCPU).to(torch::kFloat32);
    const auto n = embeddings.size(0);
    if (n < 2 || std::int64_t(mapMean.size()) != n || std::int64_t(mapMax.size()) != n)
        throw Error("CADA calibration needs at least 2 normal images; got " + std::to_string(n) +
                    ". Add more training images.");
    fitFeatureSpace(embeddings);
    const auto x = features(embeddings);

    auto targets = torch::empty({n, 2});
    for (std::int64_t i = 0; i < n; ++i) {
        targets[i][0] = std::log(std::max(mapMean[size_t(i)], 1e-9));
        targets[i][1] = std::log(std::max(mapMax[size_t(i)] - mapMean[size_t(i)], 1e-6));
    }
    m_logMean = true;
    m_outMean = targets.mean(0);
    m_outStd = targets.std(0).clamp_min(1e-6);
    const auto y = (targets - m_outMean) / m_outStd;

    std::vector<torch::Tensor> w1s, b1s, w2s, b2s;
    Fit result;
    for (int member = 0; member < kMembers; ++member) {
        const Member m = fitMember(x, y, seed + 101 + 1000 * std::uint64_t(member));
        w1s.push_back(m.w1);
        b1s.push_back(m.b1);
        w2s.push_back(m.w2);
        b2s.push_back(m.b2);
        result.epochs = std::max(result.epochs, m.fit.epochs);
        result.trainLoss += m.fit.trainLoss / kMembers;
        result.validationLoss += m.fit.validationLoss / kMembers;
    }
    m_w1 = torch::stack(w1s);
    m_b1 = torch::stack(b1s);
    m_w2 = torch::stack(w2s);
    m_b2 = torch::stack(b2s);
    return result;
}

CadaRegressor::Member CadaRegressor::fitMember(const torch::Tensor& x, const torch::Tensor& y,
                                               std::uint64_t seed)
{
    const auto n = x.size(0);
    auto gen = at::detail::createCPUGenerator(seed);
    const auto perm = torch::randperm(n, gen);
    const std::int64_t nVal = n >= 10 ? std::max<std::int64_t>(2, n / 5) : 0;
    const auto valIdx = perm.slice(0, 0, nVal), trainIdx = perm.slice(0, nVal, n);
    const auto xt = x.index_select(0, trainIdx), yt = y.index_select(0, trainIdx);
    const auto xv = x.index_select(0, valIdx), yv = y.index_select(0, valIdx);

    const std::int64_t p = x.size(1), hidden = 32;
    auto w1 =
        (torch::randn({p, hidden}, gen) * std::sqrt(1.0 / double(std::max<std::int64_t>(1, p))))
            .requires_grad_();
    auto b1 = torch::zeros({hidden}).requires_grad_();
    auto w2 = (torch::randn({hidden, 2}, gen) * std::sqrt(1.0 / double(hidden))).requires_grad_();
    auto b2 = torch::zeros({2}).requires_grad_();
    torch::optim::Adam opt({w1, b1, w2, b2}, torch::optim::AdamOptions(0.01).weight_decay(1e-3));
    auto net = [&](const torch::Tensor& in) { return torch::tanh(in.mm(w1) + b1).mm(w2) + b2; };

    Member best;
    double bestVal = std::numeric_limits<double>::infinity();
    int sinceBest = 0;
    const int maxEpochs = 3000, patience = 200;
    for (int epoch = 0; epoch < maxEpochs; ++epoch) {
        opt.zero_grad();
        auto loss = (net(xt) - yt).pow(2).mean();
        loss.backward();
        opt.step();
        torch::NoGradGuard noGrad;
        const double val =
            nVal > 0 ? (net(xv) - yv).pow(2).mean().item<double>() : loss.item<double>();
        if (val < bestVal - 1e-6) {
            bestVal = val;
            sinceBest = 0;
            best.w1 = w1.detach().clone();
            best.b1 = b1.detach().clone();
            best.w2 = w2.detach().clone();
            best.b2 = b2.detach().clone();
            best.fit.epochs = epoch + 1;
            best.fit.trainLoss = loss.item<double>();
            best.fit.validationLoss = val;
        } else if (++sinceBest > patience) {
            break;
        }
    }
    return best;
}

std::vector<std::pair<double, double>> CadaRegressor::predict(const torch::Tensor& embeddings) const
{
    return predictFromFeatures(features(embeddings.to(torch::kFloat32)));
}

std::vector<std::pair<double, double>>
CadaRegressor::predictFromFeatures(const torch::Tensor& featureRows) const
{
    torch::NoGradGuard noGrad;
    const auto y = forward(featureRows.to(torch::kCPU).to(torch::kFloat32)) * m_outStd + m_outMean;
    std::vector<std::pair<double, double>> out;
    for (std::int64_t i = 0; i < y.size(0); ++i) {
        const double u = m_logMean ? std::exp(y[i][0].item<double>()) : y[i][0].item<double>();
        out.emplace_back(u, u + std::exp(y[i][1].item<double>()));
    }
    return out;
}

void CadaRegressor::save(TensorArchive& a) const
{
    a.put("cada.in_mean", m_inMean);
    a.put("cada.in_std", m_inStd);
    a.put("cada.basis", m_basis);
    a.put("cada.out_mean", m_outMean);
    a.put("cada.out_std", m_outStd);
    a.put("cada.w1", m_w1);
    a.put("cada.b1", m_b1);
    a.put("cada.w2", m_w2);
    a.put("cada.b2", m_b2);
    if (m_logMean)
        a.put("cada.log_mean", torch::ones({1}));
}

void CadaRegressor::load(const TensorArchive& a)
{
    m_inMean = a.get("cada.in_mean");
    const auto d = m_inMean.size(0);
    m_inStd = a.get("cada.in_std", {d});
    m_basis = a.get("cada.basis");
    if (m_basis.dim() != 2 || m_basis.size(0) != d)
        throw Error("Model file is inconsistent: the CADA regressor's projection does not match "
                    "its input size.");
    const auto p = m_basis.size(1);
    // Regressors from before the mean was predicted in log space have no marker.
    m_logMean = a.has("cada.log_mean");
    m_outMean = a.get("cada.out_mean", {2});
    m_outStd = a.get("cada.out_std", {2});
    m_w1 = a.get("cada.w1");
    if (!((m_w1.dim() == 2 && m_w1.size(0) == p) || (m_w1.dim() == 3 && m_w1.size(1) == p)))
        throw Error("Model file is inconsistent: the CADA regressor's first layer does not match "
                    "its input.");
    // Models from before the ensemble store one member without the leading dimension.
    if (m_w1.dim() == 2) {
        const auto h = m_w1.size(1);
        m_w1 = m_w1.unsqueeze(0);
        m_b1 = a.get("cada.b1", {h}).unsqueeze(0);
        m_w2 = a.get("cada.w2", {h, 2}).unsqueeze(0);
        m_b2 = a.get("cada.b2", {2}).unsqueeze(0);
        return;
    }
    const auto e = m_w1.size(0), h = m_w1.size(2);
    m_b1 = a.get("cada.b1", {e, h});
    m_w2 = a.get("cada.w2", {e, h, 2});
    m_b2 = a.get("cada.b2", {e, 2});
}

} // namespace cada
