#include "TerminalProgress.h"

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace cada::cli {
namespace {
Progress* g_interruptTarget = nullptr;

extern "C" void onInterrupt(int)
{
    if (g_interruptTarget)
        g_interruptTarget->cancel(); // only an atomic store: async-signal-safe
    std::signal(SIGINT, SIG_DFL);    // a second Ctrl+C (or kill) ends it at once
    std::signal(SIGTERM, SIG_DFL);
}
} // namespace

TerminalProgress::TerminalProgress(bool quiet) : m_quiet(quiet), m_tty(isatty(fileno(stderr)) != 0)
{
}

TerminalProgress::~TerminalProgress()
{
    finish();
}

Progress::Callback TerminalProgress::callback()
{
    return [this](const ProgressEvent& e) { draw(e); };
}

void TerminalProgress::finish()
{
    if (m_lineOpen)
        std::fputc('\n', stderr);
    m_lineOpen = false;
}

void TerminalProgress::draw(const ProgressEvent& e)
{
    if (m_quiet)
        return;
    using clock = std::chrono::steady_clock;
    const auto now = clock::now();
    if (e.stage != m_stage) {
        finish();
        m_stage = e.stage;
        m_stageStart = now;
        m_lastDecile = -1;
        m_lastDraw = {};
    }
    const bool last = e.total > 0 && e.done >= e.total;
    const double fraction = e.total > 0 ? double(e.done) / double(e.total) : 0.0;
    const double elapsed = std::chrono::duration<double>(now - m_stageStart).count();
    const double eta =
        (e.done > 0 && e.total > 0) ? elapsed * double(e.total - e.done) / double(e.done) : 0.0;
    if (m_tty) {
        if (!last && now - m_lastDraw < std::chrono::milliseconds(100))
            return;
        m_lastDraw = now;
        const int width = 30, filled = int(fraction * width);
        std::string bar(size_t(filled), '#');
        bar.resize(size_t(width), '-');
        if (e.total > 0)
            std::fprintf(stderr, "\r%-28.28s [%s] %lld/%lld  %5.1fs  ETA %5.1fs ", e.stage.c_str(),
                         bar.c_str(), (long long)e.done, (long long)e.total, elapsed, eta);
        else
            std::fprintf(stderr, "\r%-28.28s %lld  %5.1fs ", e.stage.c_str(), (long long)e.done,
                         elapsed);
        m_lineOpen = true;
        if (last)
            finish();
    } else {
        const int decile = e.total > 0 ? int(fraction * 10) : -1;
        if (decile == m_lastDecile)
            return;
        m_lastDecile = decile;
        std::fprintf(stderr, "%s: %lld/%lld (%.0f%%, %.1fs)\n", e.stage.c_str(), (long long)e.done,
                     (long long)e.total, fraction * 100.0, elapsed);
    }
    std::fflush(stderr);
}

void cancelOnInterrupt(Progress& progress)
{
    g_interruptTarget = &progress;
    // SIGTERM (kill, a service manager, a closing terminal session) cleans up as Ctrl+C does.
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
}

} // namespace cada::cli
