// The maps of the shipped content (content/ and assets/map/departements.json)
// against the golden SVG files in tests/golden/maps/, and through the PDF
// backend. A golden file that differs is either a regression or an intended
// change: rerun with BILAN_UPDATE_GOLDEN=1 and review the diff (and the
// picture: open the .svg in a browser).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "layout/map.h"
#include "load/loader.h"
#include "render/html/svg_chart.h"
#include "render/pdf/pdf_chart.h"
#include "support/french.h"
#include "validate/validate.h"

using namespace bilan;

namespace {

const char* kAsset = "assets/map/departements.json";

struct Shipped {
  Project project;
  Style style;
  MapGeometry geo;
  Diagnostics diags;
};

const Shipped& shipped() {
  static Shipped* s = [] {
    auto* x = new Shipped;
    DiskFileSystem fs(BILAN_SOURCE_DIR);
    if (load_project(fs, &x->project, &x->style, &x->diags)) validate_project(x->project, fs, &x->diags);
    load_map_geometry(fs, kAsset, &x->geo, &x->diags);
    return x;
  }();
  return *s;
}

const Territory& region(const std::string& id) {
  const Territory* t = shipped().project.find_territory(id);
  REQUIRE(t);
  return *t;
}

// The maps kept as golden files: the home-page map at a web column size,
// and the département maps of a region page.
std::map<std::string, ChartDrawing> golden_maps() {
  const Shipped& s = shipped();
  std::map<std::string, ChartDrawing> out;
  out["regions-cesp-signes"] = layout_region_map(s.project, s.style, s.geo, "cesp", "signes", 560, 520);
  out["regions-msp-ouvertes"] = layout_region_map(s.project, s.style, s.geo, "msp", "ouvertes", 560, 520);
  // A figure no region gives: every region "non renseigné".
  out["regions-stages-maitres"] = layout_region_map(s.project, s.style, s.geo, "stages", "maitres", 360, 340);
  out["departements-bretagne"] = layout_departement_map(region("bretagne"), s.style, s.geo, 360, 300);
  out["departements-ile-de-france"] = layout_departement_map(region("ile-de-france"), s.style, s.geo, 360, 320);
  out["departements-occitanie"] = layout_departement_map(region("occitanie"), s.style, s.geo, 360, 320);
  out["departements-la-reunion"] = layout_departement_map(region("la-reunion"), s.style, s.geo, 360, 300);
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string messages(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags) out += location_prefix(d.pos) + d.message + "\n";
  return out;
}

void on_error(HPDF_STATUS error, HPDF_STATUS detail, void* data) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "libharu error 0x%04X detail %u", static_cast<unsigned>(error),
                static_cast<unsigned>(detail));
  static_cast<std::vector<std::string>*>(data)->push_back(buf);
}

}  // namespace

TEST_CASE("the shipped content and the map geometry load, and every département has a shape") {
  const Shipped& s = shipped();
  INFO(messages(s.diags));
  REQUIRE(s.diags.empty());
  Diagnostics coverage;
  check_map_coverage(s.project, s.geo, kAsset, &coverage);
  INFO(messages(coverage));
  CHECK(coverage.empty());
  CHECK(s.project.regions().size() == 17);
}

TEST_CASE("map SVGs match the golden files in tests/golden/maps") {
  bool update = std::getenv("BILAN_UPDATE_GOLDEN") && std::string(std::getenv("BILAN_UPDATE_GOLDEN")) == "1";
  for (const auto& [name, drawing] : golden_maps()) {
    std::string svg = chart_svg(drawing, name);
    std::string path = std::string(BILAN_SOURCE_DIR) + "/tests/golden/maps/" + name + ".svg";
    if (update) {
      std::ofstream(path, std::ios::binary) << svg;
      continue;
    }
    INFO(path << " differs; run with BILAN_UPDATE_GOLDEN=1 to rewrite it, then review the diff");
    CHECK(svg == read_file(path));
  }
}

TEST_CASE("the shipped maps have no overlapping or clipped labels") {
  for (const auto& [name, drawing] : golden_maps()) {
    INFO(name);
    CHECK(find_collisions(drawing).empty());
  }
  const Shipped& s = shipped();
  // For a look: BILAN_MAP_DUMP=/tmp/maps writes every region's map there.
  const char* dump = std::getenv("BILAN_MAP_DUMP");
  for (const Territory* t : s.project.regions()) {
    INFO(t->id);
    ChartDrawing d = layout_departement_map(*t, s.style, s.geo, 360, 300);
    CHECK(find_collisions(d).empty());
    CHECK(find_collisions(layout_departement_map(*t, s.style, s.geo, 240, 200)).empty());
    if (dump) std::ofstream(std::string(dump) + "/" + t->id + ".svg", std::ios::binary) << chart_svg(d, t->id);
  }
  for (const Measure& m : s.project.measures)
    for (const FigureField& f : m.fields) {
      INFO(m.id << "/" << f.id);
      // A web column, and a brochure column (points).
      CHECK(find_collisions(layout_region_map(s.project, s.style, s.geo, m.id, f.id, 560, 520)).empty());
      ChartDrawing small = layout_region_map(s.project, s.style, s.geo, m.id, f.id, 260, 260);
      CHECK(find_collisions(small).empty());
      if (dump)
        std::ofstream(std::string(dump) + "/regions-" + m.id + "-" + f.id + ".svg", std::ios::binary)
            << chart_svg(small, m.id + "-" + f.id);
    }
}

TEST_CASE("the region map lists every region, with its figure or as non renseigné") {
  const Shipped& s = shipped();
  ChartDrawing d = layout_region_map(s.project, s.style, s.geo, "cesp", "signes", 560, 520);
  REQUIRE(d.table.size() == 17);
  for (size_t i = 0; i < d.table.size(); ++i) {
    const Territory* t = s.project.regions()[i];
    CHECK(d.table[i].label == t->name);
    const KeyFigure* k = find_figure(*t, "cesp", "signes");
    CHECK(d.table[i].value == (k ? format_number(k->value) : "non renseigné"));
  }
  ChartDrawing none = layout_region_map(s.project, s.style, s.geo, "stages", "maitres", 360, 340);
  for (const DataRow& row : none.table) CHECK(row.value == "non renseigné");
}

TEST_CASE("maps draw through the PDF backend without libharu errors") {
  std::vector<std::string> errors;
  HPDF_Doc doc = HPDF_New(on_error, &errors);
  HPDF_UseUTFEncodings(doc);
  ChartFonts fonts;
  std::string regular = std::string(BILAN_SOURCE_DIR) + "/assets/fonts/Marianne-Regular.ttf";
  std::string bold = std::string(BILAN_SOURCE_DIR) + "/assets/fonts/Marianne-Bold.ttf";
  if (!std::ifstream(regular).good()) {
    regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
  }
  fonts.regular = HPDF_GetFont(doc, HPDF_LoadTTFontFromFile(doc, regular.c_str(), HPDF_TRUE), "UTF-8");
  fonts.bold = HPDF_GetFont(doc, HPDF_LoadTTFontFromFile(doc, bold.c_str(), HPDF_TRUE), "UTF-8");
  for (const auto& [name, drawing] : golden_maps()) {
    HPDF_Page page = HPDF_AddPage(doc);
    HPDF_Page_SetWidth(page, 595);
    HPDF_Page_SetHeight(page, 842);
    draw_chart(page, drawing, 20, 820, fonts);
  }
  HPDF_SaveToStream(doc);
  CHECK(HPDF_GetStreamSize(doc) > 0);
  // For a look: BILAN_MAP_PDF=/tmp/maps.pdf writes the pages there.
  if (const char* out = std::getenv("BILAN_MAP_PDF")) HPDF_SaveToFile(doc, out);
  HPDF_Free(doc);
  INFO((errors.empty() ? std::string() : errors.front()));
  CHECK(errors.empty());
}
