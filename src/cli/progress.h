// A progress bar for `quarry ingest` on standard error, drawn only when
// standard error is a terminal (never in cron, pipes or log files).
#ifndef QUARRY_CLI_PROGRESS_H_
#define QUARRY_CLI_PROGRESS_H_

#include <chrono>
#include <cstddef>
#include <string>

namespace quarry {

class ProgressBar {
 public:
  // Draws nothing unless `enabled` (the caller passes: stderr is a terminal
  // and neither --quiet nor --json was given).
  explicit ProgressBar(bool enabled) : enabled_(enabled) {}
  ~ProgressBar() { Finish(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // Whether stderr is a terminal.
  static bool StderrIsTerminal();

  // After each file; redraws at most ten times a second, and at the end.
  void Update(size_t done, size_t total, size_t failed);
  // Erases the bar so that the summary starts on a clean line.
  void Finish();

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

// "[#########.........]  123/456  27%  3 failed" in `width` columns.
std::string FormatProgress(size_t done, size_t total, size_t failed, int width);

}  // namespace quarry

#endif  // QUARRY_CLI_PROGRESS_H_
