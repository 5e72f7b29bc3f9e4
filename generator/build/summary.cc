#include "build/summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace bilan {

std::string format_duration(double ms) {
  if (ms < 1000) return fmt::format("{} ms", static_cast<long>(std::lround(ms)));
  return fmt::format("{:.1f} s", ms / 1000);
}

namespace {

// A two-column table: a header row, a rule, then the rows, the values right-aligned.
std::string table(const std::string& head, const std::vector<std::pair<std::string, std::string>>& rows) {
  size_t left = 0, right = head.size();
  for (const auto& [k, v] : rows) left = std::max(left, k.size()), right = std::max(right, v.size());
  std::string out = fmt::format("  {:<{}} | {:>{}}\n", "", left, head, right);
  out += std::string(left + 3, '-') + "+" + std::string(right + 2, '-') + "\n";
  for (const auto& [k, v] : rows) out += fmt::format("  {:<{}} | {:>{}}\n", k, left, v, right);
  return out;
}

}  // namespace

std::string format_summary(const BuildSummary& s, bool verbose) {
  std::string out = table("files", {{"pages", std::to_string(s.pages)},
                                    {"PDFs", std::to_string(s.pdfs)},
                                    {"other files", std::to_string(s.other)},
                                    {"written", std::to_string(s.written)},
                                    {"unchanged", std::to_string(s.unchanged)},
                                    {"removed", std::to_string(s.removed)}});
  out += "\n";
  std::vector<std::pair<std::string, std::string>> times;
  for (const auto& t : s.stages) times.push_back({t.name, t.skipped ? "up to date" : format_duration(t.ms)});
  out += table("time", times);
  if (verbose) {
    out += "\n";
    for (const auto& n : s.notes) out += "bilan: " + n + "\n";
    for (const auto& p : s.written_paths) out += "  written  " + p + "\n";
    for (const auto& p : s.removed_paths) out += "  removed  " + p + "\n";
  }
  out += "bilan: built " + s.out_dir + " in " + format_duration(s.total_ms) + "\n";
  return out;
}

std::string progress_line(double fraction, const std::string& stage, int width) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  int full = static_cast<int>(fraction * width);
  return "[" + std::string(full, '#') + std::string(width - full, '-') + "] " +
         fmt::format("{:>3}%", static_cast<int>(fraction * 100)) + " " + stage;
}

ProgressBar::ProgressBar(std::ostream& out, bool enabled, std::vector<std::string> stages,
                         std::vector<StageTime> expected)
    : out_(out), enabled_(enabled), stages_(std::move(stages)), stage_start_(std::chrono::steady_clock::now()) {
  for (const auto& t : expected)
    if (!t.skipped) expected_ms_[t.name] = t.ms;
  if (enabled_) thread_ = std::thread([this] { run(); });
}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::stage(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = std::find(stages_.begin(), stages_.end(), name);
  if (it != stages_.end()) current_ = static_cast<size_t>(it - stages_.begin());
  stage_start_ = std::chrono::steady_clock::now();
}

void ProgressBar::files(size_t done, size_t total) {
  std::lock_guard<std::mutex> lock(mu_);
  files_done_ = done, files_total_ = total;
}

double ProgressBar::fraction() const {
  // Weights: the previous build's stage times when every stage has one,
  // else equal steps.
  bool timed = std::all_of(stages_.begin(), stages_.end(), [&](const std::string& s) { return expected_ms_.count(s); });
  std::vector<double> w;
  for (const auto& s : stages_) w.push_back(timed ? std::max(1.0, expected_ms_.at(s)) : 1.0);
  double total = 0, before = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    total += w[i];
    if (i < current_) before += w[i];
  }
  if (total <= 0 || current_ >= w.size()) return 0;
  double within;
  if (stages_[current_] == "write" && files_total_ > 0) {
    within = static_cast<double>(files_done_) / files_total_;
  } else {
    // Approach the stage's expected end without reaching it.
    double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - stage_start_).count();
    double expect = timed ? w[current_] : 2000.0;
    within = 0.95 * (1 - std::exp(-elapsed / expect));
  }
  return (before + within * w[current_]) / total;
}

void ProgressBar::run() {
  std::unique_lock<std::mutex> lock(mu_);
  if (cv_.wait_for(lock, std::chrono::milliseconds(300), [&] { return stop_; })) return;
  while (!stop_) {
    std::string stage = current_ < stages_.size() ? stages_[current_] : "";
    out_ << "\r" << progress_line(fraction(), stage, 30) << "\x1b[K" << std::flush;
    drawn_ = true;
    cv_.wait_for(lock, std::chrono::milliseconds(100), [&] { return stop_; });
  }
}

void ProgressBar::finish() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stop_) return;
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (drawn_) out_ << "\r\x1b[K" << std::flush;
}

}  // namespace bilan
