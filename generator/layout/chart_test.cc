#include "layout/chart.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "layout/chart_test_samples.h"
#include "support/french.h"

using namespace bilan;

namespace {

const std::string kNnbsp(kNarrowNbsp);

std::vector<const DrawText*> texts(const ChartDrawing& d) {
  std::vector<const DrawText*> out;
  for (const Primitive& p : d.items)
    if (auto* t = std::get_if<DrawText>(&p)) out.push_back(t);
  return out;
}

std::vector<const DrawRect*> rects(const ChartDrawing& d) {
  std::vector<const DrawRect*> out;
  for (const Primitive& p : d.items)
    if (auto* r = std::get_if<DrawRect>(&p)) out.push_back(r);
  return out;
}

const DrawText* find_text(const ChartDrawing& d, const std::string& s) {
  for (const DrawText* t : texts(d))
    if (t->text == s) return t;
  return nullptr;
}

std::string describe_item(const ChartDrawing& d, size_t i) {
  if (auto* t = std::get_if<DrawText>(&d.items[i])) return "text '" + t->text + "'";
  if (auto* r = std::get_if<DrawRect>(&d.items[i]))
    return "rect at " + format_coord(r->x) + "," + format_coord(r->y);
  return "item " + std::to_string(i);
}

// Collisions as readable lines, so a failure says what overlaps.
std::vector<std::string> collisions(const ChartDrawing& d) {
  std::vector<std::string> out;
  for (auto [i, j] : find_collisions(d))
    out.push_back(i == j ? describe_item(d, i) + " leaves the drawing"
                         : describe_item(d, i) + " overlaps " + describe_item(d, j));
  return out;
}

// Everything drawn stays inside the drawing.
void check_inside(const ChartDrawing& d) {
  for (const DrawRect* r : rects(d)) {
    CHECK(r->x >= -0.01);
    CHECK(r->y >= -0.01);
    CHECK(r->x + r->w <= d.width + 0.01);
    CHECK(r->y + r->h <= d.height + 0.01);
    CHECK(r->h >= 0);
  }
}

}  // namespace

TEST_CASE("nice_ticks steps by 1, 2 or 5 times a power of ten") {
  CHECK(nice_ticks(1400, 5) == std::vector<double>{0, 500, 1000, 1500});
  CHECK(nice_ticks(896, 5) == std::vector<double>{0, 200, 400, 600, 800, 1000});
  CHECK(nice_ticks(28, 5) == std::vector<double>{0, 10, 20, 30});
  CHECK(nice_ticks(100, 5) == std::vector<double>{0, 20, 40, 60, 80, 100});
  CHECK(nice_ticks(0.8, 4) == std::vector<double>{0, 0.2, 0.4, 0.6, 0.8});
  CHECK(nice_ticks(2, 5, true) == std::vector<double>{0, 1, 2});
  CHECK(nice_ticks(0, 5) == std::vector<double>{0, 1});
  CHECK(nice_ticks(-3, 5) == std::vector<double>{0, 1});
}

TEST_CASE("every sample chart lays out without overlapping labels") {
  Project project = samples::project();
  Style style = samples::style();
  std::vector<Chart> charts = {samples::bars_targets(),   samples::bars_estimate(), samples::comparison(),
                               samples::cumulative(),     samples::cumulative_dated(), samples::bars_projection(),
                               samples::grouped(),        samples::escaping()};
  // A PDF half column and a web column.
  for (auto [w, h] : {std::pair<double, double>{250, 180}, {480, 260}}) {
    for (const Chart& c : charts) {
      INFO(c.id << " at " << w << "x" << h);
      ChartDrawing d = layout_chart(c, project, style, w, h);
      CHECK(collisions(d) == std::vector<std::string>{});
      check_inside(d);
    }
  }
}

TEST_CASE("bars: targets are hatched and labelled, values formatted the French way") {
  ChartDrawing d = layout_chart(samples::bars_targets(), samples::project(), samples::style(), 480, 260);
  CHECK(d.title == "Nombre de maisons de santé pluriprofessionnelles");
  CHECK(d.unit == "MSP");
  CHECK(d.description == "Diagramme en barres (MSP). 2013 : 370 ; 2014 : 600 ; 2015 : 708 ; 2016 : 896 ; 2017 : 1" +
                             kNnbsp + "200 (objectif) ; 2018 : 1" + kNnbsp + "400 (objectif).");
  REQUIRE(d.table.size() == 6);
  CHECK(d.table[4].label == "2017");
  CHECK(d.table[4].value == "1" + kNnbsp + "200");
  CHECK(d.table[4].kind == "objectif");
  CHECK(d.table[0].kind == "observé");

  // Two hatched outlined bars in the measure colour, four plain ones.
  int hatched = 0, plain = 0;
  for (const DrawRect* r : rects(d)) {
    if (!r->hatch.empty()) {
      ++hatched;
      CHECK(r->stroke == "#e4794a");
      CHECK(r->fill == "#ffffff");
    } else if (r->fill == "#e4794a") {
      ++plain;
    }
  }
  CHECK(hatched == 2);
  CHECK(plain == 4);
  CHECK(d.hatches.size() == 1);  // shared by both targets
  int objectif = 0;
  for (const DrawText* t : texts(d)) objectif += t->text == "objectif";
  CHECK(objectif == 2);
  CHECK(find_text(d, "1" + kNnbsp + "400"));
  // No growth label when the content gives none.
  for (const DrawText* t : texts(d)) CHECK(t->text.rfind("x ", 0) != 0);
}

TEST_CASE("bars: the target bar is as tall as its value says") {
  ChartDrawing d = layout_chart(samples::bars_targets(), samples::project(), samples::style(), 480, 260);
  const DrawRect* first = nullptr;
  const DrawRect* last = nullptr;
  for (const DrawRect* r : rects(d)) {
    if (r->fill != "#e4794a" && r->hatch.empty()) continue;
    if (!first) first = r;
    last = r;
  }
  REQUIRE(first);
  REQUIRE(last);
  CHECK(last->h / first->h == Approx(1400.0 / 370.0));
  CHECK(first->y + first->h == Approx(last->y + last->h));
}

TEST_CASE("bars: an estimate is lighter, dashed and labelled with its note") {
  ChartDrawing d = layout_chart(samples::bars_estimate(), samples::project(), samples::style(), 480, 260);
  const DrawRect* estimate = nullptr;
  for (const DrawRect* r : rects(d))
    if (r->dash > 0) estimate = r;
  REQUIRE(estimate);
  CHECK(estimate->fill == tint("#e4794a", 0.55));
  CHECK(find_text(d, "estimation 2015"));
  CHECK(find_text(d, "x 3,5"));
  CHECK(find_text(d, "source : DGOS"));
  CHECK(d.description == "Diagramme en barres. 2012 : 174 ; 2013 : 370 ; 2014 : 600 ; 2015 : 800 (estimation 2015). "
                         "Évolution : x 3,5.");
  CHECK(d.table[3].kind == "estimation");
  CHECK(d.table[3].note == "estimation 2015");
}

TEST_CASE("comparison: the growth label sits between the two bars") {
  ChartDrawing d = layout_chart(samples::comparison(), samples::project(), samples::style(), 480, 260);
  std::vector<const DrawRect*> bars;
  for (const DrawRect* r : rects(d))
    if (r->fill == "#ce0500") bars.push_back(r);
  REQUIRE(bars.size() == 2);
  const DrawText* growth = find_text(d, "x 2,4");
  REQUIRE(growth);
  CHECK(growth->x > bars[0]->x + bars[0]->w);
  CHECK(growth->x < bars[1]->x);
  CHECK(find_text(d, "214"));
  CHECK(find_text(d, "MCS"));
  CHECK(d.description == "Comparaison (MCS). 2012 : 88 ; 2016 : 214. Évolution : x 2,4.");
}

TEST_CASE("comparison: too narrow for the badge between the bars, it goes to the header") {
  ChartDrawing d = layout_chart(samples::comparison(), samples::project(), samples::style(), 90, 200);
  const DrawText* growth = find_text(d, "x 2,4");
  REQUIRE(growth);
  const DrawText* title = find_text(d, "Médecins");
  REQUIRE(title);
  CHECK(growth->y < find_text(d, "214")->y);
}

TEST_CASE("cumulative: a line through the bar tops, labels clear of it") {
  ChartDrawing d = layout_chart(samples::cumulative(), samples::project(), samples::style(), 250, 180);
  int segments = 0;
  for (const Primitive& p : d.items)
    if (auto* l = std::get_if<DrawLine>(&p))
      if (l->stroke == "#161616" && l->width == 1.2) ++segments;
  CHECK(segments == 4);
  int dots = 0;
  for (const Primitive& p : d.items) dots += std::holds_alternative<DrawPath>(p);
  CHECK(dots == 5);
  CHECK(find_text(d, "objectif"));  // "objectif 2017", wrapped to its bar
  CHECK(find_text(d, "+275 %"));
  CHECK(find_text(d, "*à chaque fin d’année universitaire"));
  CHECK(collisions(d) == std::vector<std::string>{});
}

TEST_CASE("cumulative: long dated labels wrap under their bar") {
  ChartDrawing d = layout_chart(samples::cumulative_dated(), samples::project(), samples::style(), 250, 180);
  CHECK(find_text(d, "Septembre"));
  CHECK(find_text(d, "2013"));
  CHECK(collisions(d) == std::vector<std::string>{});
}

TEST_CASE("grouped: a legend, one bar per series and label, series distinguishable") {
  ChartDrawing d = layout_chart(samples::grouped(), samples::project(), samples::style(), 480, 260);
  CHECK(find_text(d, "MSP en 2012"));
  CHECK(find_text(d, "MSP en 2016"));
  int light = 0, full = 0;
  for (const DrawRect* r : rects(d)) {
    light += r->fill == tint("#e4794a", 0.6);
    full += r->fill == "#e4794a";
  }
  CHECK(light == 5);  // four bars and a legend swatch
  CHECK(full == 5);
  CHECK(d.table.size() == 8);
  CHECK(d.table[0].series == "MSP en 2012");
  CHECK(d.description ==
        "Diagramme en barres groupées (MSP), 2 séries : MSP en 2012 et MSP en 2016. Finistère : 9 et 28 ; "
        "Côtes-d’Armor : 1 et 19 ; Morbihan : 10 et 17 ; Ille-et-Vilaine : 2 et 14. Évolution : x 3,5.");
}

TEST_CASE("charts take the accent colour without a known measure") {
  ChartDrawing d = layout_chart(samples::escaping(), samples::project(), samples::style(), 480, 260);
  bool accent = false;
  for (const DrawRect* r : rects(d)) accent = accent || r->fill == "#000091";
  CHECK(accent);
}

TEST_CASE("ranking: largest first, reference line, highlighted item") {
  ChartDrawing d = layout_ranking(samples::ranking_items(), samples::ranking_spec(), samples::style(), 480, 260);
  REQUIRE(d.table.size() == 9);
  CHECK(d.table[0].label == "Occitanie");
  CHECK(d.table[8].label == "Corse");
  CHECK(d.description.rfind("Classement (contrats). Occitanie : 205 ; Hauts-de-France : 150 ;", 0) == 0);
  CHECK(d.description.find("Corse : 10. Objectif : 120.") != std::string::npos);
  CHECK(find_text(d, "objectif : 120"));
  int dashed = 0;
  for (const Primitive& p : d.items)
    if (auto* l = std::get_if<DrawLine>(&p)) dashed += l->dash > 0;
  CHECK(dashed == 1);
  int full = 0;
  for (const DrawRect* r : rects(d)) full += r->fill == "#000091";
  CHECK(full == 1);
  CHECK(collisions(d) == std::vector<std::string>{});
  ChartDrawing small = layout_ranking(samples::ranking_items(), samples::ranking_spec(), samples::style(), 250, 180);
  CHECK(collisions(small) == std::vector<std::string>{});
}

TEST_CASE("key figure: headline, other figures, pictogram in the measure colour") {
  Pictogram picto;
  Diagnostic err;
  REQUIRE(parse_pictogram("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" fill=\"currentColor\">"
                          "<rect x=\"0\" y=\"0\" width=\"10\" height=\"10\"/></svg>",
                          "p.svg", &picto, &err));
  Project p = samples::project();
  ChartDrawing d = layout_key_figure(p.measures[0], samples::cesp_figures(), &picto, samples::style(), 240, 80);
  CHECK(d.title == "CESP");
  CHECK(d.description == "CESP : 241 contrats signés, déjà 19 installations et 67 à venir d'ici 2018.");
  REQUIRE(find_text(d, "241"));
  CHECK(find_text(d, "241")->size == 26);
  CHECK(find_text(d, "contrats signés"));
  CHECK(find_text(d, "déjà"));
  CHECK(find_text(d, "19"));
  CHECK(find_text(d, "19")->bold);
  REQUIRE(d.items.size() > 0);
  auto* path = std::get_if<DrawPath>(&d.items[0]);
  REQUIRE(path);
  CHECK(path->fill == "#000091");
  CHECK(collisions(d) == std::vector<std::string>{});
  CHECK(d.table.size() == 3);
}

TEST_CASE("key figure: absent figures are left out") {
  Project p = samples::project();
  std::vector<KeyFigure> figures = samples::cesp_figures();
  figures.erase(figures.begin() + 1);
  ChartDrawing d = layout_key_figure(p.measures[0], figures, nullptr, samples::style(), 240, 80);
  CHECK(d.description == "CESP : 241 contrats signés et 67 à venir d'ici 2018.");
  CHECK_FALSE(find_text(d, "déjà"));
}

TEST_CASE("highlight: a round number of millions in words") {
  Project p = samples::project();
  ChartDrawing d = layout_highlight(samples::highlight(), &p.measures[0], nullptr, samples::style(), 240, 100);
  CHECK(find_text(d, "2,5" + std::string(kNbsp) + "millions"));
  CHECK(d.description ==
        "2,5" + std::string(kNbsp) + "millions de patients peuvent aujourd’hui consulter à distance un médecin.");
  CHECK(collisions(d) == std::vector<std::string>{});
}
