// Times the PDF stage on the shipped content (a benchmark, not a test):
//   pdf_perftest [--source PROJECT] [--out DIR] [--repeat N]
// prints, for each publication, its pages, size, and the wall-clock and CPU
// time to write it alone (best of N; PdfDocument::save packs fonts and pages
// on a second thread, so CPU counts the whole process), then the whole stage
// as the build runs it (two workers): wall-clock and CPU time. With --out,
// writes the PDFs under DIR/pdf/.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <sys/stat.h>

#include "layout/hyphenate.h"
#include "layout/map_geometry.h"
#include "load/loader.h"
#include "render/pdf/documents.h"
#include "render/pdf/publication.h"
#include "support/fs.h"
#include "support/output.h"

using namespace bilan;

namespace {

double cpu_ms(clockid_t clock) {
  timespec t{};
  clock_gettime(clock, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

int count_pages(const std::string& pdf) {
  int n = 0;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1))
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++n;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir, source = BILAN_SOURCE_DIR;
  int repeat = 5;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--out") && i + 1 < argc) out_dir = argv[++i];
    else if (!std::strcmp(argv[i], "--source") && i + 1 < argc) source = argv[++i];
    else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
  }
  DiskFileSystem fs(source);
  Project project;
  Style style;
  Diagnostics diags;
  if (!load_project(fs, &project, &style, &diags)) {
    for (const Diagnostic& d : diags) std::fprintf(stderr, "%s%s\n", location_prefix(d.pos).c_str(), d.message.c_str());
    return 1;
  }

  // The whole stage, as `bilan build` runs it.
  double best_wall = 1e18, best_cpu = 1e18;
  OutputSet out;
  for (int r = 0; r < repeat; ++r) {
    OutputSet o;
    double w0 = cpu_ms(CLOCK_MONOTONIC), c0 = cpu_ms(CLOCK_PROCESS_CPUTIME_ID);
    Diagnostics d = render_documents(project, style, fs, &o);
    double w1 = cpu_ms(CLOCK_MONOTONIC), c1 = cpu_ms(CLOCK_PROCESS_CPUTIME_ID);
    if (!d.empty()) {
      for (const Diagnostic& x : d)
        std::fprintf(stderr, "%s%s\n", location_prefix(x.pos).c_str(), x.message.c_str());
      return 1;
    }
    best_wall = std::min(best_wall, w1 - w0);
    best_cpu = std::min(best_cpu, c1 - c0);
    if (r == 0)
      for (const auto& [path, bytes] : o.files()) out.add(path, bytes);
  }

  // Each publication alone, on this thread, with the resources made once
  // (as render_documents shares them between its workers).
  PublicationResources res;
  res.project = &project;
  res.style = &style;
  resolve_page_style(style, &res.page, &diags);
  read_font_files(style, fs, &res.fonts, &diags);
  std::string err;
  auto hyphenator = Hyphenator::load(kFrenchHyphenDictionary, &err);
  res.hyphenator = hyphenator.get();
  for (const Measure& m : project.measures) {
    Pictogram p;
    Diagnostic d;
    if (!m.pictogram.empty() && load_pictogram(fs, "assets/" + m.pictogram, &p, &d)) res.pictograms[m.id] = p;
  }
  MapGeometry geo;
  if (fs.exists(kPdfMapGeometryPath) && load_map_geometry(fs, kPdfMapGeometryPath, &geo, &diags)) res.geometry = &geo;

  std::printf("%-44s %5s %9s %9s %9s\n", "publication", "pages", "bytes", "cpu ms", "wall ms");
  double sum = 0, sum_wall = 0;
  int pages = 0;
  for (const DocumentInstance& pub : project.publications()) {
    double best = 1e18, best_wall_one = 1e18;
    std::string bytes;
    for (int r = 0; r < repeat; ++r) {
      double w0 = cpu_ms(CLOCK_MONOTONIC), c0 = cpu_ms(CLOCK_PROCESS_CPUTIME_ID);
      Diagnostics d = write_publication(pub, res, &bytes);
      best = std::min(best, cpu_ms(CLOCK_PROCESS_CPUTIME_ID) - c0);
      best_wall_one = std::min(best_wall_one, cpu_ms(CLOCK_MONOTONIC) - w0);
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
