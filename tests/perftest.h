// What the benchmark programs of tests/ (pdf_perftest, site_perftest,
// rebuild_perftest) share: a clock in milliseconds, the median, printing
// the problems that stop a run, and loading the project measured.
#pragma once

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "load/loader.h"
#include "support/diagnostic.h"
#include "support/fs.h"

namespace bilan {

/// `clock` (CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID) in milliseconds.
inline double clock_ms(clockid_t clock) {
  timespec t{};
  clock_gettime(clock, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

inline double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

/// Each diagnostic on stderr as "file:line:col: message".
inline void print_problems(const Diagnostics& diags) {
  for (const Diagnostic& d : diags) std::fprintf(stderr, "%s%s\n", location_prefix(d.pos).c_str(), d.message.c_str());
}

/// Loads the project under `files`; false, with its problems printed, when it
/// does not load.
inline bool load_measured_project(const FileSystem& files, Project* project, Style* style) {
  Diagnostics diags;
  if (load_project(files, project, style, &diags)) return true;
  print_problems(diags);
  return false;
}

}  // namespace bilan
