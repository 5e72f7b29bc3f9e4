// Every chart of content/ lays out without overlapping labels, at a PDF
// half-column size and a web column size.
#include <catch2/catch.hpp>

#include <string>

#include "layout/chart.h"
#include "layout/pictogram.h"
#include "load/loader.h"
#include "support/fs.h"

using namespace bilan;

namespace {

struct Loaded {
  Project project;
  Style style;
};

const Loaded& shipped() {
  static Loaded loaded = [] {
    Loaded l;
    DiskFileSystem fs(BILAN_SOURCE_DIR);
    Diagnostics diags;
    load_project(fs, &l.project, &l.style, &diags);
    for (const Diagnostic& d : diags) WARN(location_prefix(d.pos) << d.message);
    return l;
  }();
  return loaded;
}

std::string describe(const ChartDrawing& d, size_t i) {
  if (auto* t = std::get_if<DrawText>(&d.items[i])) return "'" + t->text + "'";
  return "a bar";
}

std::vector<std::string> collisions(const ChartDrawing& d) {
  std::vector<std::string> out;
  for (auto [i, j] : find_collisions(d))
    out.push_back(i == j ? describe(d, i) + " leaves the drawing" : describe(d, i) + " overlaps " + describe(d, j));
  return out;
}

void check_charts(const std::vector<Chart>& charts, const std::string& owner) {
  const Loaded& l = shipped();
  for (const Chart& c : charts) {
    for (auto [w, h] : {std::pair<double, double>{250, 180}, {480, 260}}) {
      INFO(owner << " chart " << c.id << " (" << c.pos.file << ") at " << w << "x" << h);
      ChartDrawing d = layout_chart(c, l.project, l.style, w, h);
      CHECK(collisions(d) == std::vector<std::string>{});
      CHECK_FALSE(d.description.empty());
      CHECK(d.table.size() >= 1);
    }
  }
}

}  // namespace

TEST_CASE("shipped charts have no overlapping labels") {
  const Project& p = shipped().project;
  for (const Territory& t : p.territories) check_charts(t.charts, t.id);
  for (const Theme& t : p.themes) check_charts(t.charts, t.id);
  for (const Engagement& e : p.dossier.engagements) check_charts(e.charts, "engagement " + std::to_string(e.number));
  for (const Note& n : p.notes) check_charts(n.charts, n.id);
}

TEST_CASE("shipped pictograms parse and key-figure blocks fit") {
  const Loaded& l = shipped();
  DiskFileSystem fs(BILAN_SOURCE_DIR);
  for (const Measure& m : l.project.measures) {
    INFO(m.id);
    Pictogram picto;
    Diagnostic err;
    bool have = !m.pictogram.empty();
    if (have) {
      bool ok = load_pictogram(fs, "assets/" + m.pictogram, &picto, &err);
      INFO(location_prefix(err.pos) << err.message);
      CHECK(ok);
    }
    for (const Territory& t : l.project.territories) {
      INFO(t.id);
      ChartDrawing d = layout_key_figure(m, t.figures, have ? &picto : nullptr, l.style, 250, 80);
      CHECK(collisions(d) == std::vector<std::string>{});
    }
  }
}

TEST_CASE("shipped highlights fit") {
  const Loaded& l = shipped();
  for (const Theme& t : l.project.themes) {
    for (const Highlight& h : t.highlights) {
      INFO(t.id << " " << h.text);
      const Measure* m = nullptr;
      for (const Measure& x : l.project.measures)
        if (x.id == h.measure) m = &x;
      ChartDrawing d = layout_highlight(h, m, nullptr, l.style, 250, 110);
      CHECK(collisions(d) == std::vector<std::string>{});
    }
  }
}
