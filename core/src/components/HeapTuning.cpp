#include "components/HeapTuning.h"

#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace cada {

void keepFreedBuffers()
{
#if defined(__GLIBC__)
    static std::once_flag once;
    std::call_once(once, [] {
        constexpr int kOneGiB = 1 << 30;
        mallopt(M_MMAP_THRESHOLD, kOneGiB); // larger blocks still get their own mapping
        mallopt(M_TRIM_THRESHOLD, kOneGiB); // keep up to 1 GiB of free heap for reuse
    });
#endif
}

void releaseFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace cada
