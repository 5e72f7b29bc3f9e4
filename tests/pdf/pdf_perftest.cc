// Times the PDF stage on the shipped content (a benchmark, not a test):
//   pdf_perftest [--source PROJECT] [--out DIR] [--repeat N]
// prints, for each publication, its pages, size, and the wall-clock and CPU
// time to write it alone (best of N; PdfDocument::save packs fonts and pages
// on a second thread, so CPU counts the whole process), then the whole stage
// as the build runs it (two workers): wall-clock and CPU time. With --out,
// writes the PDFs under DIR/pdf/.
//
//   pdf_perftest --only pdf/bilan-2016.pdf [--source PROJECT] [--out DIR]
// does in a new process only what one publication needs, once: load the
// project, read the fonts, the hyphenation patterns, the pictograms and the
// map geometry, write that publication (under DIR when given), and prints
// nothing: bench/run.sh times the whole process, as it times Typst's.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <sys/stat.h>

#include "load/loader.h"
#include "render/pdf/documents.h"
#include "render/pdf/publication.h"
#include "support/fs.h"
#include "support/output.h"
#include "perftest.h"

using namespace bilan;

namespace {

int count_pages(const std::string& pdf) {
  int n = 0;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1))
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++n;
  return n;
}

// --only: one publication from a new process, as `bilan build` would make it.
int write_only(const Project& project, const Style& style, const FileSystem& fs, const std::string& path,
               const std::string& out_dir) {
  PublicationSetup setup;
  Diagnostics diags = prepare_publications(project, style, fs, &setup);
  std::string bytes;
  bool found = false;
  for (const DocumentInstance& pub : project.publications()) {
    if (publication_path(pub) != path) continue;
    found = true;
    if (diags.empty()) diags = write_publication(pub, setup.resources, &bytes);
  }
  if (!found) diags.push_back({SourcePos{}, "no publication is written at '" + path + "'"});
  print_problems(diags);
  if (!diags.empty()) return 1;
  if (!out_dir.empty()) {
    mkdir(out_dir.c_str(), 0755);
    mkdir((out_dir + "/pdf").c_str(), 0755);
    std::ofstream(out_dir + "/" + path, std::ios::binary) << bytes;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir, source = BILAN_SOURCE_DIR, only;
  int repeat = 5;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--out") && i + 1 < argc) out_dir = argv[++i];
    else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
    else if (!std::strcmp(argv[i], "--source") && i + 1 < argc) source = argv[++i];
    else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
  }
  DiskFileSystem fs(source);
  Project project;
  Style style;
  if (!load_measured_project(fs, &project, &style)) return 1;

  if (!only.empty()) return write_only(project, style, fs, only, out_dir);

  // The whole stage, as `bilan build` runs it.
  double best_wall = 1e18, best_cpu = 1e18;
  OutputSet out;
  for (int r = 0; r < repeat; ++r) {
    OutputSet o;
    double w0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    Diagnostics d = render_documents(project, style, fs, &o);
    double w1 = clock_ms(CLOCK_MONOTONIC), c1 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    if (!d.empty()) {
      print_problems(d);
      return 1;
    }
    best_wall = std::min(best_wall, w1 - w0);
    best_cpu = std::min(best_cpu, c1 - c0);
    if (r == 0)
      for (const auto& [path, bytes] : o.files()) out.add(path, bytes);
  }

  // Each publication alone, on this thread, with the resources made once
  // (as render_documents shares them between its workers).
  PublicationSetup setup;
  Diagnostics diags = prepare_publications(project, style, fs, &setup);
  // No map layout or paragraph kept from one run to the next: each run makes
  // its publication as the first document of a build does.
  setup.resources.maps = nullptr;
  setup.resources.paragraphs = nullptr;
  const PublicationResources& res = setup.resources;

  std::printf("%-44s %5s %9s %9s %9s\n", "publication", "pages", "bytes", "cpu ms", "wall ms");
  double sum = 0, sum_wall = 0;
  int pages = 0;
  for (const DocumentInstance& pub : project.publications()) {
    double best = 1e18, best_wall_one = 1e18;
    std::string bytes;
    for (int r = 0; r < repeat; ++r) {
      double w0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
      Diagnostics d = write_publication(pub, res, &bytes);
      best = std::min(best, clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0);
      best_wall_one = std::min(best_wall_one, clock_ms(CLOCK_MONOTONIC) - w0);
    }
    int n = count_pages(bytes);
    pages += n;
    sum += best;
    sum_wall += best_wall_one;
    std::printf("%-44s %5d %9zu %9.2f %9.2f\n", publication_path(pub).c_str(), n, bytes.size(), best, best_wall_one);
  }
  std::printf("%-44s %5d %9s %9.2f %9.2f\n", "sum (one at a time)", pages, "", sum, sum_wall);
  std::printf("render_documents (2 threads): wall %.2f ms, cpu %.2f ms (best of %d)\n", best_wall, best_cpu, repeat);

  if (!out_dir.empty()) {
    mkdir(out_dir.c_str(), 0755);
    mkdir((out_dir + "/pdf").c_str(), 0755);
    for (const auto& [path, bytes] : out.files()) std::ofstream(out_dir + "/" + path, std::ios::binary) << bytes;
  }
  return 0;
}
