#pragma once
// Progress reporting and cancellation shared by every long operation (fit, score, eval, export),
// by the CLI's progress bar and by the GUI's worker adapter.
//
// Threading: an operation runs on one worker thread and calls begin()/advance() there; the
// callback runs on that thread. cancel() may be called from any thread at any time (it only sets
// an atomic flag); the operation notices it at its next checkpoint and throws cada::Cancelled.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "cada/Error.h"

namespace cada {

struct ProgressEvent {
    std::string stage; // e.g. "Fitting memory bank"
    std::int64_t done = 0;
    std::int64_t total = 0; // 0 when unknown
};

class Progress {
  public:
    using Callback = std::function<void(const ProgressEvent&)>;

    Progress() = default;
    explicit Progress(Callback callback) : m_callback(std::move(callback)) {}
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // Starts a new stage with `total` steps; checks for cancellation.
    void begin(const std::string& stage, std::int64_t total)
    {
        throwIfCancelled();
        m_event = ProgressEvent{stage, 0, total};
        notify();
    }
    // Marks `steps` more steps done; checks for cancellation.
    void advance(std::int64_t steps = 1)
    {
        m_event.done += steps;
        notify();
        throwIfCancelled();
    }

    void cancel() { m_cancelled.store(true); }
    bool isCancelled() const { return m_cancelled.load(); }
    void throwIfCancelled() const
    {
        if (m_cancelled.load())
            throw Cancelled();
    }
    const ProgressEvent& current() const { return m_event; }

  private:
    void notify()
    {
        if (m_callback)
            m_callback(m_event);
    }

    Callback m_callback;
    ProgressEvent m_event;
    std::atomic<bool> m_cancelled{false};
};

} // namespace cada
