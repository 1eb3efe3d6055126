#pragma once
// Nearest-neighbour distances from query vectors to a fixed set of points, in torch on the device
// that runs the rest of the scoring path (CPU or CUDA): no copy of the queries to the host.
//
// An inverted file (Jégou, Douze & Schmid, "Product Quantization for Nearest Neighbor Search",
// TPAMI 2011, sec. IV-A): k-means splits the points into lists; a query is compared exactly with
// the points of the `probes` lists whose centroids are nearest. Probing every list is an exact
// search. Each list costs one matrix product and one row minimum over a block that stays in cache,
// so the work is queries x probed points, not queries x all points.
//
// Every point has an owner (PatchCore: the training image a patch came from) and a query may skip
// one owner's points (leave-self-out). A query whose probed lists hold only skipped points is
// searched again over every list.
//
// Thread safety: nearest() is const and may run concurrently; build() and load() may not.
#include <cstdint>
#include <functional>
#include <string>

#include <torch/torch.h>

#include "model/TensorArchive.h"

namespace cada {

class NearestNeighbourIndex {
  public:
    // points: N x D float, owners: N int64 (both any device; kept on `device`). lists <= 0 picks
    // about sqrt(N). The k-means is seeded, so the same points give the same lists.
    void build(const torch::Tensor& points, const torch::Tensor& owners, int lists,
               std::uint64_t seed, torch::Device device);

    // queries: Q x D on the index's device. skipOwner: Q int64 owner ids to skip (-1: none), or
    // undefined. probes <= 0 or >= listCount() searches every list (exact). Returns the Q
    // Euclidean distances (not squared), float, on the index's device. Throws cada::Error when a
    // query has no point that is not skipped.
    torch::Tensor nearest(const torch::Tensor& queries, const torch::Tensor& skipOwner,
                          int probes) const;

    bool empty() const { return !m_points.defined() || m_points.size(0) == 0; }
    std::int64_t size() const { return m_points.defined() ? m_points.size(0) : 0; }
    int listCount() const { return int(m_offsets.size()) - 1; }
    torch::Device device() const { return m_device; }
    // In list order (not the order given to build()).
    const torch::Tensor& points() const { return m_points; }
    const torch::Tensor& owners() const { return m_owners; }

    // Saves points, owners, centroids and list bounds under `prefix` (e.g. "patchcore.").
    void save(TensorArchive& archive, const std::string& prefix) const;
    // Loads what save() wrote, moved to `device`; checks every shape and bound. Throws cada::Error.
    void load(const TensorArchive& archive, const std::string& prefix, torch::Device device);

  private:
    void finish(torch::Tensor points, torch::Tensor owners, torch::Tensor centroids,
                const torch::Tensor& listOfPoint, torch::Device device);
    // Calls fn(list) for every list: in parallel on the CPU, in order on a GPU.
    void forEachList(const std::function<void(std::int64_t)>& fn) const;
    // Row minimum of squared distances minus |q|^2 from `queries` to points [begin, end).
    torch::Tensor minOverList(const torch::Tensor& queries, const torch::Tensor& skip,
                              std::int64_t begin, std::int64_t end) const;

    torch::Device m_device{torch::kCPU};
    torch::Tensor m_points;    // N x D, grouped by list
    torch::Tensor m_owners;    // N int64
    torch::Tensor m_norms;     // N, |p|^2
    torch::Tensor m_centroids; // L x D
    torch::Tensor m_centroidNorms;
    std::vector<std::int64_t> m_offsets; // L + 1 list bounds into m_points
};

} // namespace cada
