// Times the site stage (render_site) on a project (a benchmark, not a test):
//   site_perftest [--source PROJECT] [--repeat N]
// loads the project once, then renders the site N times into an OutputSet
// whose sink only counts the bytes (nothing is written or kept, so the file
// system and the build's digests are left out), and prints each run's
// wall-clock and CPU time, then the median of each, the pages and bytes made
// and the process's peak resident memory.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "load/loader.h"
#include "render/html/site.h"
#include "support/fs.h"
#include "support/output.h"
#include "validate/validate.h"
#include "perftest.h"

using namespace bilan;

namespace {

class CountingSink : public OutputSink {
 public:
  void put(const std::string& path, std::string bytes) override {
    bytes_ += bytes.size();
    if (path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0) ++pages_;
  }
  size_t bytes() const { return bytes_; }
  size_t pages() const { return pages_; }

 private:
  std::atomic<size_t> bytes_{0}, pages_{0};
};

}  // namespace

int main(int argc, char** argv) {
  std::string source = BILAN_SOURCE_DIR;
  int repeat = 3;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--source") && i + 1 < argc) source = argv[++i];
    else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
  }
  DiskFileSystem fs(source);
  Project project;
  Style style;
  if (!load_measured_project(fs, &project, &style)) return 1;
  Diagnostics diags;
  validate_project(project, fs, &diags);
  if (!diags.empty()) {
    print_problems(diags);
    return 1;
  }

  rusage loaded{};
  getrusage(RUSAGE_SELF, &loaded);
  std::printf("loaded: %zu territories, peak RSS %ld MB\n", project.territories.size(), loaded.ru_maxrss / 1024);

  std::vector<double> walls, cpus;
  size_t pages = 0, bytes = 0;
  for (int r = 0; r < repeat; ++r) {
    CountingSink sink;
    OutputSet out(&sink);
    double w0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    Diagnostics d = render_site(project, style, fs, &out);
    double w1 = clock_ms(CLOCK_MONOTONIC), c1 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    if (!d.empty()) {
      print_problems(d);
      return 1;
    }
    walls.push_back(w1 - w0);
    cpus.push_back(c1 - c0);
    pages = sink.pages();
    bytes = sink.bytes();
    std::printf("run %d: wall %.1f ms, cpu %.1f ms\n", r + 1, w1 - w0, c1 - c0);
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("site: %zu pages, %.1f MB; median wall %.1f ms, cpu %.1f ms; peak RSS %ld MB\n", pages,
              static_cast<double>(bytes) / 1e6, median(walls), median(cpus), usage.ru_maxrss / 1024);
  return 0;
}
