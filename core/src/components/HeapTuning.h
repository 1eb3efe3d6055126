#pragma once
// glibc heap settings for large tensor temporaries (no-ops elsewhere).

namespace cada {

// Lets freed buffers up to 1 GiB be reused instead of returned to the system (once per process).
// glibc otherwise maps every allocation above 32 MB afresh and unmaps it on free, so each large
// temporary page-faults all its memory again (docs/engine.md, "Memory").
void keepFreedBuffers();
// Hands free heap back to the system after a job (training), so that a long-running workstation
// does not keep it.
void releaseFreedMemory();

// The two around one large job (training, an update): freed buffers are reused while it runs and
// handed back to the system when it ends, however it ends.
class JobHeapScope {
  public:
    JobHeapScope() { keepFreedBuffers(); }
    ~JobHeapScope() { releaseFreedMemory(); }
    JobHeapScope(const JobHeapScope&) = delete;
    JobHeapScope& operator=(const JobHeapScope&) = delete;
};

} // namespace cada
