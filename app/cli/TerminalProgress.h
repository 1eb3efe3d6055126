#pragma once
// Draws a cada::Progress on stderr: a redrawn bar with count, rate and ETA on a terminal, or one
// line per 10 % when stderr is a file or pipe (CI logs stay readable).
#include <chrono>
#include <string>

#include "cada/Progress.h"

namespace cada::cli {

class TerminalProgress {
  public:
    explicit TerminalProgress(bool quiet = false);
    ~TerminalProgress();
    // A callback to pass to cada::Progress.
    Progress::Callback callback();
    void finish();

  private:
    void draw(const ProgressEvent& event);

    bool m_quiet;
    bool m_tty;
    bool m_lineOpen = false;
    std::string m_stage;
    int m_lastDecile = -1;
    std::chrono::steady_clock::time_point m_stageStart;
    std::chrono::steady_clock::time_point m_lastDraw;
};

// Installs a SIGINT handler that cancels `progress` (first Ctrl+C) instead of killing the
// process, so work stops cleanly at the next checkpoint.
void cancelOnInterrupt(Progress& progress);

} // namespace cada::cli
