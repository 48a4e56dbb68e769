// Exports ProgressBar and FormatProgress.
#include "cli/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace quarry {

bool ProgressBar::StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

std::string FormatProgress(size_t done, size_t total, size_t failed, int width) {
  char counts[96];
  int percent = total ? static_cast<int>(done * 100 / total) : 100;
  std::snprintf(counts, sizeof counts, "  %zu/%zu  %3d%%", done, total, percent);
  std::string tail = counts;
  if (failed) tail += "  " + std::to_string(failed) + " failed";
  int bar = std::max(10, width - static_cast<int>(tail.size()) - 2);
  int filled = total ? static_cast<int>(static_cast<double>(done) / total * bar) : bar;
  return "[" + std::string(filled, '#') + std::string(bar - filled, '.') + "]" + tail;
}

void ProgressBar::Update(size_t done, size_t total, size_t failed) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (done < total && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  struct winsize ws {};
  int width = ::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col : 80;
  std::fprintf(stderr, "\r%s", FormatProgress(done, total, failed, std::min(width - 1, 100)).c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::Finish() {
  if (!drawn_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace quarry
