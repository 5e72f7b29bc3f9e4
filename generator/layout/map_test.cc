#include "layout/map.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "layout/map_geometry.h"
#include "support/fs.h"

using namespace bilan;

namespace {

// Two squares side by side, A = (0,0)-(10,10) and B = (10,0)-(20,10), with
// their shared edge stored once (arc 0), and a far island C in an inset.
const char* kTwoSquares = R"({
  "source": "test", "licence": "public domain", "credit": "Fond de carte : test", "unit_m": 100,
  "areas": [
    {"id": "metropole", "name": "Main", "inset": false, "width": 20, "height": 10},
    {"id": "971", "name": "Island", "inset": true, "width": 4, "height": 4}
  ],
  "departements": [
    {"code": "01", "name": "A", "area": "metropole", "rings": [[1, 0]]},
    {"code": "02", "name": "B", "area": "metropole", "rings": [[2, -1]]},
    {"code": "971", "name": "C", "area": "971", "rings": [[3]]}
  ],
  "arcs": [
    [10, 0, 10, 10],
    [10, 10, 0, 10, 0, 0, 10, 0],
    [10, 0, 20, 0, 20, 10, 10, 10],
    [0, 0, 4, 0, 4, 4, 0, 4, 0, 0]
  ]
}
)";

MapGeometry two_squares() {
  MemoryFileSystem fs;
  fs.add("map.json", kTwoSquares);
  MapGeometry geo;
  Diagnostics diags;
  REQUIRE(load_map_geometry(fs, "map.json", &geo, &diags));
  return geo;
}

std::vector<std::string> load_errors(const std::string& text) {
  MemoryFileSystem fs;
  fs.add("map.json", text);
  MapGeometry geo;
  Diagnostics diags;
  CHECK_FALSE(load_map_geometry(fs, "map.json", &geo, &diags));
  std::vector<std::string> out;
  for (const Diagnostic& d : diags) out.push_back(location_prefix(d.pos) + d.message);
  return out;
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

Style test_style() {
  Style s;
  s.colors = {{"text", "#161616"}, {"muted", "#666666"}, {"accent", "#000091"}, {"accent_light", "#e3e3fd"},
              {"grid", "#e5e5e5"}, {"rule", "#dddddd"}, {"target", "#929292"}};
  s.sizes = {{"chart_text", 8}, {"chart_title", 9}};
  return s;
}

Territory region(const std::string& id, const std::string& name, std::vector<Departement> deps, int order) {
  Territory t;
  t.id = id;
  t.name = name;
  t.level = Level::region;
  t.parent = "france";
  t.order = order;
  t.departements = std::move(deps);
  return t;
}

// France with three regions: "ouest" (A) gives its CESP figure, "est" (B)
// does not, "ile" (C, overseas) does.
Project three_regions() {
  Project p;
  Measure cesp;
  cesp.id = "cesp";
  cesp.short_name = "CESP";
  cesp.color = "#000091";
  cesp.fields = {{"signes", "contrats signés", "", ""}};
  p.measures.push_back(cesp);
  Territory france;
  france.id = "france";
  france.level = Level::nation;
  france.name = "France";
  p.territories.push_back(france);
  p.territories.push_back(region("ouest", "Ouest", {{"01", "Alpha", {}}}, 1));
  p.territories.push_back(region("est", "Est", {{"02", "Bêta", {}}}, 2));
  p.territories.push_back(region("ile", "Île", {{"971", "Gamma", {}}}, 3));
  p.territories[1].figures.push_back({"cesp", "signes", 120, "", {}, {}});
  p.territories[3].figures.push_back({"cesp", "signes", 7, "", {}, {}});
  return p;
}

std::vector<std::string> texts(const ChartDrawing& d) {
  std::vector<std::string> out;
  for (const Primitive& p : d.items)
    if (auto* t = std::get_if<DrawText>(&p)) out.push_back(t->text);
  return out;
}

bool has_text(const ChartDrawing& d, const std::string& s) {
  for (const std::string& t : texts(d))
    if (t == s) return true;
  return false;
}

}  // namespace

TEST_CASE("the map geometry loads, with shared arcs joined into rings") {
  MapGeometry geo = two_squares();
  REQUIRE(geo.departements.size() == 3);
  CHECK(geo.credit == "Fond de carte : test");
  CHECK(geo.areas[1].inset);
  std::vector<MapPoint> a = ring_points(geo, geo.find("01")->rings[0]);
  REQUIRE(a.size() == 4);
  CHECK(a[0].x == 10);
  CHECK(a[0].y == 10);
  std::vector<MapPoint> b = ring_points(geo, geo.find("02")->rings[0]);
  REQUIRE(b.size() == 4);
  CHECK(b[3].x == 10);  // the shared edge walked backwards: (10,10) then back to (10,0)
  CHECK(b[3].y == 10);
}

TEST_CASE("the union of départements keeps the arcs used once") {
  MapGeometry geo = two_squares();
  CHECK(merged_rings(geo, {geo.find("01"), geo.find("02")}) == std::vector<std::vector<int>>{{1, 2}});
  CHECK(merged_rings(geo, {geo.find("02")}) == std::vector<std::vector<int>>{{2, -1}});
}

TEST_CASE("malformed map geometry is reported at file:line:col") {
  CHECK(load_errors("{\"source\": \"x\",\n  \"arcs\": [1 2]}") ==
        std::vector<std::string>{"map.json:2:14: expected ',' or ']' in array, found '2'"});
  CHECK(load_errors("{\"source\": \"x\n\"}") ==
        std::vector<std::string>{"map.json:1:14: control character in string"});
  CHECK(load_errors("[1, 2") == std::vector<std::string>{"map.json:1:6: expected ',' or ']' in array, found end of file"});
  CHECK(load_errors("{} x") == std::vector<std::string>{"map.json:1:4: unexpected text after the JSON value"});

  MemoryFileSystem empty;
  MapGeometry geo;
  Diagnostics diags;
  CHECK_FALSE(load_map_geometry(empty, "assets/map/departements.json", &geo, &diags));
  REQUIRE(diags.size() == 1);
  CHECK(location_prefix(diags[0].pos) + diags[0].message ==
        "assets/map/departements.json: cannot read the map geometry: no such file");
}

TEST_CASE("map geometry with the wrong shape is reported at the value") {
  CHECK(load_errors(replace(kTwoSquares, "\"departements\":", "\"departement\":")) ==
        std::vector<std::string>{
            "map.json:7:3: unknown key 'departement' in the map geometry (did you mean 'departements'?)",
            "map.json:1:1: missing key 'departements' in the map geometry"});
  CHECK(load_errors(replace(kTwoSquares, "[[2, -1]]", "[[2, -9]]")) ==
        std::vector<std::string>{
            "map.json:9:68: arc reference out of range in département '02' (there are 4 arcs; ~i is written -i-1)"});
  CHECK(load_errors(replace(kTwoSquares, "[[2, -1]]", "[[2, 0]]")) ==
        std::vector<std::string>{
            "map.json:9:65: a ring of département '02' does not close: arc 2 does not end where the next starts"});
  CHECK(load_errors(replace(kTwoSquares, "\"area\": \"971\"", "\"area\": \"972\"")) ==
        std::vector<std::string>{"map.json:10:42: unknown area '972' in département '971' (did you mean '971'?)"});
  CHECK(load_errors(replace(kTwoSquares, "\"width\": 4,", "\"width\": \"4\",")) ==
        std::vector<std::string>{"map.json:5:61: 'width' of area '971' must be a number, not a string"});
  CHECK(load_errors(replace(kTwoSquares, "[10, 0, 10, 10],", "[10, 0, 10],")) ==
        std::vector<std::string>{"map.json:13:5: arc 0 must list x, y pairs of at least two points"});
}

TEST_CASE("the committed asset has every département of metropolitan France and the DROM") {
  DiskFileSystem fs(BILAN_SOURCE_DIR);
  std::string text, err;
  REQUIRE(fs.read("assets/map/departements.json", &text, &err));
  CHECK(text.size() < 200 * 1024);
  MapGeometry geo;
  Diagnostics diags;
  REQUIRE(load_map_geometry(fs, "assets/map/departements.json", &geo, &diags));
  CHECK(geo.departements.size() == 101);
  REQUIRE(geo.areas.size() == 6);
  CHECK(geo.areas[0].id == "metropole");
  CHECK_FALSE(geo.areas[0].inset);
  for (const char* code : {"01", "2A", "2B", "75", "95", "971", "972", "973", "974", "976"}) {
    INFO(code);
    CHECK(geo.find(code));
  }
  CHECK(geo.find("20") == nullptr);
  CHECK(geo.find("974")->area == "974");
  CHECK(geo.find("29")->area == "metropole");
  CHECK(geo.source.find("Natural Earth") != std::string::npos);
  CHECK(geo.licence.find("public domain") != std::string::npos);
}

TEST_CASE("classes: rounded quantile breaks, French labels, light to dark") {
  std::vector<MapClass> c =
      map_classes({126, 90, 78, 63, 4, 68, 2, 3, 66, 50, 9, 2, 34, 105, 77, 69, 21}, 4, "#e4794a");
  REQUIRE(c.size() == 4);
  CHECK(c[0].label == "moins de 9");
  CHECK(c[1].label == "de 9 à 59");
  CHECK(c[2].label == "de 60 à 74");
  CHECK(c[3].label == "75 ou plus");
  CHECK(c[3].upper == 126);
  for (size_t i = 0; i + 1 < c.size(); ++i) CHECK(c[i].color != c[i + 1].color);

  std::vector<MapClass> one = map_classes({5, 5, 5}, 4, "#000091");
  REQUIRE(one.size() == 1);
  CHECK(one[0].label == "5");
  CHECK(map_classes({}, 4, "#000091").empty());

  std::vector<MapClass> decimals = map_classes({0.5, 1.5, 2.5, 7.5}, 2, "#000091");
  REQUIRE(decimals.size() == 2);
  CHECK(decimals[0].label == "moins de 2,5");
  CHECK(decimals[1].label == "2,5 ou plus");

  // Breaks that would leave a class empty are dropped.
  std::vector<MapClass> skewed = map_classes({1, 1, 1, 1, 1, 1, 40}, 4, "#000091");
  REQUIRE(skewed.size() == 2);
  CHECK(skewed[0].label == "moins de 40");
  CHECK(skewed[1].label == "40 ou plus");
}

TEST_CASE("region map: a region without the figure is hatched and 'non renseigné', never 0") {
  MapGeometry geo = two_squares();
  Project p = three_regions();
  ChartDrawing d = layout_region_map(p, test_style(), geo, "cesp", "signes", 400, 300);
  CHECK(d.title == "CESP : contrats signés, par région");
  REQUIRE(d.table.size() == 3);
  CHECK(d.table[0].label == "Ouest");
  CHECK(d.table[0].value == "120");
  CHECK(d.table[0].kind == "observé");
  CHECK(d.table[1].label == "Est");
  CHECK(d.table[1].value == "non renseigné");
  CHECK(d.table[1].kind == "");
  CHECK(d.table[2].value == "7");
  CHECK(d.description ==
        "Carte des 3 régions (CESP, contrats signés), en 2 classes. Valeur la plus forte : Ouest (120) ; la plus "
        "faible : Île (7). Non renseigné : Est.");
  CHECK(has_text(d, "120"));
  CHECK(has_text(d, "7"));
  CHECK_FALSE(has_text(d, "0"));
  CHECK(has_text(d, "non renseigné"));  // legend
  CHECK(has_text(d, "Île"));            // inset name
  CHECK(has_text(d, "Fond de carte : test"));
  // The hatching of "Est": one stroked path of grey segments inside B.
  int hatch_paths = 0;
  for (const Primitive& prim : d.items)
    if (auto* path = std::get_if<DrawPath>(&prim))
      if (path->stroke == "#929292") {
        ++hatch_paths;
        for (const PathSegment& s : path->segments) CHECK(s.kind != PathSegment::close);
      }
  CHECK(hatch_paths == 1);
  CHECK(find_collisions(d).empty());
}

TEST_CASE("region map: the border between two regions is drawn, not the coast") {
  MapGeometry geo = two_squares();
  ChartDrawing d = layout_region_map(three_regions(), test_style(), geo, "cesp", "signes", 400, 300);
  int white_lines = 0;
  for (const Primitive& prim : d.items)
    if (auto* path = std::get_if<DrawPath>(&prim))
      if (path->stroke == "#ffffff") {
        ++white_lines;
        REQUIRE(path->segments.size() == 2);  // the shared edge only
        CHECK(path->segments[0].x == Approx(path->segments[1].x));
      }
  CHECK(white_lines == 1);
}

TEST_CASE("département map: names that fit, codes for those that do not") {
  MapGeometry geo = two_squares();
  Territory t = region("ouest", "Ouest", {{"01", "Alpha", {}}, {"02", "Un nom beaucoup trop long pour la case", {}}}, 1);
  ChartDrawing d = layout_departement_map(t, test_style(), geo, 120, 90);
  CHECK(d.title == "Ouest : 2 départements");
  CHECK(has_text(d, "Alpha"));
  CHECK(has_text(d, "02"));
  REQUIRE(d.table.size() == 2);
  CHECK(d.table[1].label == "Un nom beaucoup trop long pour la case");
  CHECK(d.table[1].value == "02");
  CHECK(d.description == "Carte de la région Ouest et de ses 2 départements : Alpha (01) et Un nom beaucoup trop "
                         "long pour la case (02).");
  CHECK(find_collisions(d).empty());

  Territory ile = region("ile", "Île", {{"971", "Gamma", {}}}, 3);
  ChartDrawing one = layout_departement_map(ile, test_style(), geo, 200, 140);
  CHECK(one.title == "Île");
  CHECK(one.description == "Carte : Île (971).");
  CHECK(has_text(one, "Gamma"));
}

TEST_CASE("coverage: a content département without a shape is reported at its region") {
  MapGeometry geo = two_squares();
  Project p = three_regions();
  p.territories[1].departements.push_back({"99", "Nulle part", {}});
  p.territories[1].pos = {"content/regions/ouest/region.yaml", 0, 0};
  p.territories[2].departements.push_back({"971", "Gamma", {}});
  Diagnostics diags;
  check_map_coverage(p, geo, "map.json", &diags);
  REQUIRE(diags.size() == 2);
  CHECK(location_prefix(diags[0].pos) + diags[0].message ==
        "content/regions/ouest/region.yaml: département '99' of region 'ouest' is not in map.json");
  CHECK(diags[1].message == "the départements of region 'est' lie in more than one map area");
}
