// What `bilan build` tells a person: a progress bar while it works (on a
// terminal only) and a closing table like Hugo's.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "build/incremental.h"

namespace bilan {

/// The closing summary:
///
///                     | files
///   ------------------+-------
///     pages           |   104
///     ...
///   bilan: built site in 48 ms
///
/// With `verbose`, the notes (why renderers ran) and every file written or
/// removed follow the tables.
std::string format_summary(const BuildSummary& s, bool verbose);

/// A time for the summary: "38 ms", "1.2 s".
std::string format_duration(double ms);

/// One frame of the progress bar, `width` cells wide:
/// "[##########----------]  50% html".
std::string progress_line(double fraction, const std::string& stage, int width);

/// A progress bar drawn on `out` by a thread of its own, from 300 ms after the
/// start (short builds show none), redrawn every 100 ms, erased by finish().
/// The bar advances by stage, weighted by how long each stage took in the
/// previous build (`expected`, from the manifest) when known, and by the
/// count of files while writing. Disabled, it draws nothing and costs nothing.
class ProgressBar {
 public:
  ProgressBar(std::ostream& out, bool enabled, std::vector<std::string> stages, std::vector<StageTime> expected);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  /// Stage `name` starts (one of `stages`).
  void stage(const std::string& name);
  /// Writing: `done` of `total` files.
  void files(size_t done, size_t total);
  /// Stops drawing and erases the bar.
  void finish();

 private:
  double fraction() const;
  void run();

  std::ostream& out_;
  bool enabled_;
  std::vector<std::string> stages_;
  std::map<std::string, double> expected_ms_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  size_t current_ = 0;  // index in stages_
  std::chrono::steady_clock::time_point stage_start_;
  size_t files_done_ = 0, files_total_ = 0;
  bool stop_ = false;
  bool drawn_ = false;
  std::thread thread_;
};

}  // namespace bilan
