#include "components/Device.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <thread>

#include <dlfcn.h>

#include "cada/Error.h"

namespace cada {

torch::Device resolveDevice(const std::string& spec)
{
    if (spec.empty() || spec == "auto")
        return torch::cuda::is_available() ? torch::Device(torch::kCUDA, 0)
                                           : torch::Device(torch::kCPU);
    if (spec == "cpu")
        return torch::Device(torch::kCPU);
    if (spec.rfind("cuda", 0) == 0) {
        if (!torch::cuda::is_available())
            throw Error("Device '" + spec +
                        "' requested, but this build of LibTorch has no CUDA support or no "
                        "CUDA device is present. Use --device cpu or auto, or build against a CUDA "
                        "LibTorch.");
        int index = 0;
        if (spec.size() > 5 && spec[4] == ':') {
            try {
                index = std::stoi(spec.substr(5));
            } catch (...) {
                throw Error("Device '" + spec + "' is not valid; use cuda or cuda:N.");
            }
        } else if (spec != "cuda") {
            throw Error("Device '" + spec + "' is not valid; use auto, cpu, cuda or cuda:N.");
        }
        if (index < 0 || index >= int(torch::cuda::device_count()))
            throw Error("Device '" + spec + "' does not exist; " +
                        std::to_string(torch::cuda::device_count()) +
                        " CUDA device(s) are present.");
        return torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index));
    }
    throw Error("Device '" + spec + "' is not valid; use auto, cpu, cuda or cuda:N.");
}

void configureThreads(int threads)
{
    // OpenBLAS (Debian's pthread build) keeps its own pool of spinning threads beside LibTorch's
    // OpenMP pool; on the same cores the two starve each other. Matrix products that need more
    // than one core are run in parallel by the caller instead (NearestNeighbourIndex).
    static std::once_flag once;
    std::call_once(once, [] {
        using SetThreads = void (*)(int);
        if (auto* set =
                reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads")))
            set(1);
    });
    // LibTorch's own default counts physical cores as cpuinfo reports them, which on some virtual
    // machines is one for two vCPUs: use every logical CPU unless the user asks otherwise.
    // OMP_NUM_THREADS, the usual way to share a machine between processes, is honoured.
    const int all = int(std::max(1u, std::thread::hardware_concurrency()));
    const char* env = std::getenv("OMP_NUM_THREADS");
    const int fromEnv = env ? std::atoi(env) : 0;
    torch::set_num_threads(threads > 0 ? threads : fromEnv > 0 ? fromEnv : all);
}

} // namespace cada
