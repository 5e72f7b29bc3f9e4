// A benchmark, not a test: how long `bilan serve` takes from a saved region
// file to the republished site, and how long `bilan build` takes clean and
// with nothing changed, on a project folder (the shipped content by default).
//
//   rebuild_perftest [PROJECT_DIR] [RUNS]
//
// Wall-clock times depend on what else the machine does; the CPU time of the
// rebuilding thread does not, so both are printed (min / median / max).
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "build/incremental.h"
#include "build/renderers.h"
#include "serve/rebuilder.h"
#include "perftest.h"

using namespace bilan;

namespace {

void print(const char* what, std::vector<double> v) {
  std::sort(v.begin(), v.end());
  std::printf("%-44s %8.1f %8.1f %8.1f ms\n", what, v.front(), v[v.size() / 2], v.back());
}

}  // namespace

int main(int argc, char** argv) {
  std::string project = argc > 1 ? argv[1] : ".";
  int runs = argc > 2 ? std::atoi(argv[2]) : 20;
  DiskFileSystem disk(project);
  Rebuilder rebuilder(disk, default_renderers());
  auto publish = [](SiteFiles) { return std::vector<std::string>(); };
  RebuildReport first = rebuilder.rebuild({}, publish);
  if (!first.ok) {
    std::fprintf(stderr, "%s", first.error.c_str());
    return 1;
  }
  std::printf("%-44s %8s %8s %8s\n", "", "min", "median", "max");
  struct Case {
    const char* name;
    std::string path;
  };
  for (const Case& c : {Case{"serve: region.yaml saved, to site published", "content/regions/bretagne/region.yaml"},
                        Case{"serve: stylesheet saved, to site published", "assets/css/site.css"}}) {
    std::vector<double> wall, cpu, all;
    std::map<std::string, std::vector<double>> stages;
    std::vector<std::string> order;
    for (int i = 0; i < runs; ++i) {
      double c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
      RebuildReport r = rebuilder.rebuild({c.path}, publish);
      cpu.push_back(clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0);
      wall.push_back(r.first_publish_ms);
      all.push_back(r.total_ms);
      for (const auto& st : r.stages) {
        if (!stages.count(st.name)) order.push_back(st.name);
        stages[st.name].push_back(st.ms);
      }
    }
    print(c.name, wall);
    print("  the same, CPU time of the rebuilding thread", cpu);
    print("  every renderer done", all);
    for (const auto& name : order) print(("  stage " + name).c_str(), stages[name]);
  }

  // bilan build, into a temporary folder beside nothing else.
  namespace stdfs = std::filesystem;
  stdfs::path tmp = stdfs::temp_directory_path() / "bilan-rebuild-perftest";
  stdfs::remove_all(tmp);
  std::vector<double> clean, unchanged;
  for (int i = 0; i < std::max(1, runs / 4); ++i) {
    BuildOptions o;
    o.clean = true;
    BuildResult r = build_project(disk, (tmp / "site").string(), default_renderers(), o);
    if (!r.ok()) return 1;
    clean.push_back(r.summary.total_ms);
    BuildResult again = build_project(disk, (tmp / "site").string(), default_renderers(), BuildOptions());
    unchanged.push_back(again.summary.total_ms);
  }
  print("build --clean", clean);
  print("build, nothing changed", unchanged);
  stdfs::remove_all(tmp);
  return 0;
}
