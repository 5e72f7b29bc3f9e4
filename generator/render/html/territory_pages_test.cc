#include <catch2/catch.hpp>

#include "render/html/site.h"
#include "support/fs.h"

using namespace bilan;

namespace {

RichText paragraph(std::string text) {
  RichText t;
  t.markdown = text;
  Block b;
  Run r;
  r.text = std::move(text);
  b.runs.push_back(std::move(r));
  t.blocks.push_back(std::move(b));
  return t;
}

Territory territory(std::string id, Level level, std::string name, std::string parent) {
  Territory t;
  t.id = std::move(id);
  t.level = level;
  t.name = std::move(name);
  t.name_in = "à " + t.name;
  t.parent = std::move(parent);
  return t;
}

// A nation, a region, a département of it with a commune, and a département
// under a former region (which has no page), as in the shipped content.
Project sample_project() {
  Project p;
  p.site.title = "Pacte territoire santé";
  p.site.ministry = {"Ministère"};
  Measure msp;
  msp.id = "msp";
  msp.short_name = "MSP";
  msp.long_name = "maison de santé pluriprofessionnelle";
  msp.color = "#e4794a";
  msp.key = true;
  msp.fields = {{"ouvertes", "structures ouvertes", "", ""}};
  p.measures = {msp};

  Territory france = territory("france", Level::nation, "France", "");
  Territory bretagne = territory("bretagne", Level::region, "Bretagne", "france");
  Territory finistere = territory("finistere-29", Level::departement, "Finistère", "bretagne");
  Territory brest = territory("brest-29019", Level::local, "Brest", "finistere-29");
  brest.population = 139602;
  brest.intro = paragraph("La commune de Brest : un exemple.");
  brest.figures_source = "source : ARS";
  KeyFigure f;
  f.measure = "msp";
  f.field = "ouvertes";
  f.value = 4;
  brest.figures.push_back(f);
  Chart c;
  c.id = "msp-2012-2016";
  c.title = "MSP ouvertes";
  c.measure = "msp";
  c.series.push_back(Series{"", {Point{"2012", 1, PointKind::observed, "", {}}, Point{"2016", 4, PointKind::observed, "", {}}}});
  brest.charts.push_back(c);
  Territory midi = territory("midi-pyrenees", Level::former_region, "Midi-Pyrénées", "france");
  Territory tarn = territory("tarn-et-garonne", Level::departement, "Tarn-et-Garonne", "midi-pyrenees");
  p.territories = {france, bretagne, finistere, brest, midi, tarn};
  return p;
}

MemoryFileSystem project_files() {
  MemoryFileSystem fs;
  DiskFileSystem source(BILAN_SOURCE_DIR);
  for (const std::string& path : source.list("templates")) {
    std::string text, err;
    REQUIRE(source.read(path, &text, &err));
    fs.add(path, text);
  }
  fs.add("assets/vendor/dsfr/core/core.main.min.css", "/* dsfr */");
  fs.add("assets/css/site.css", "/* site */");
  fs.add("assets/css/print.css", "/* print */");
  return fs;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("départements and local territories get a page; regions, the nation and former regions do not") {
  OutputSet out;
  MemoryFileSystem fs = project_files();
  Diagnostics diags = render_site(sample_project(), Style(), fs, &out);
  REQUIRE(diags.empty());
  CHECK(out.contains("territoires/finistere-29/index.html"));
  CHECK(out.contains("territoires/brest-29019/index.html"));
  CHECK(out.contains("territoires/tarn-et-garonne/index.html"));
  CHECK_FALSE(out.contains("territoires/midi-pyrenees/index.html"));
  CHECK_FALSE(out.contains("territoires/bretagne/index.html"));
  CHECK_FALSE(out.contains("territoires/france/index.html"));
}

TEST_CASE("a territory page shows its figures, text and chart, under its region and département") {
  OutputSet out;
  MemoryFileSystem fs = project_files();
  REQUIRE(render_site(sample_project(), Style(), fs, &out).empty());
  const std::string& brest = out.files().at("territoires/brest-29019/index.html");
  CHECK(contains(brest, "<h1>Brest</h1>"));
  CHECK(contains(brest, "139\xE2\x80\xAF" "602&#160;habitants"));
  CHECK(contains(brest, "<span class=\"bilan-figure__value\">4</span> <span class=\"bilan-figure__label\">structures "
                        "ouvertes</span>"));
  CHECK(contains(brest, "Source\xC2\xA0: ARS"));
  CHECK(contains(brest, "<h2 id=\"le-pacte\">Le pacte à Brest</h2>"));
  CHECK(contains(brest, "La commune de Brest\xC2\xA0: un exemple."));
  CHECK(contains(brest, "id=\"graphique-msp-2012-2016\""));
  CHECK(contains(brest, "<svg"));
  // Breadcrumb: home, the regions, Bretagne, Finistère, then the page.
  size_t regions = brest.find("href=\"../../regions/\"");
  size_t bretagne = brest.find("href=\"../../regions/bretagne/\"");
  size_t finistere = brest.find("href=\"../../territoires/finistere-29/\"");
  REQUIRE(regions != std::string::npos);
  REQUIRE(bretagne != std::string::npos);
  REQUIRE(finistere != std::string::npos);
  CHECK(regions < bretagne);
  CHECK(bretagne < finistere);

  // A département under a former region: no page to link to above it.
  const std::string& tarn = out.files().at("territoires/tarn-et-garonne/index.html");
  CHECK(contains(tarn, "<h1>Tarn-et-Garonne</h1>"));
  CHECK_FALSE(contains(tarn, "midi-pyrenees"));
  CHECK_FALSE(contains(tarn, "Chiffres clés"));  // no figures: no block
}
