// Hand-made charts for the chart tests of layout/, render/html and
// render/pdf (test data shaped like the brochure's charts, not content).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "layout/chart.h"
#include "model/model.h"
#include "model/style.h"

namespace bilan::samples {

inline Style style() {
  Style s;
  s.colors = {{"text", "#161616"}, {"muted", "#666666"}, {"accent", "#000091"},
              {"grid", "#e5e5e5"}, {"rule", "#dddddd"}};
  s.sizes = {{"chart_text", 8}, {"chart_title", 9}, {"key_figure", 26}, {"body", 9.5}};
  return s;
}

inline Measure measure(const std::string& id, const std::string& short_name, const std::string& color) {
  Measure m;
  m.id = id;
  m.short_name = short_name;
  m.color = color;
  return m;
}

inline Project project() {
  Project p;
  p.measures = {measure("cesp", "CESP", "#000091"), measure("ptmg", "PTMG", "#009081"),
                measure("mcs", "MCS", "#ce0500"), measure("msp", "MSP", "#e4794a")};
  Measure& cesp = p.measures[0];
  cesp.fields = {{"signes", "contrats signés", "", ""},
                 {"installes", "installations", "déjà", "signes"},
                 {"a_venir", "à venir d'ici 2018", "et", "signes"}};
  return p;
}

inline Point point(const std::string& label, double value, PointKind kind = PointKind::observed,
                   const std::string& note = "") {
  Point p;
  p.label = label;
  p.value = value;
  p.kind = kind;
  p.note = note;
  return p;
}

inline Chart chart(const std::string& id, ChartKind kind, const std::string& title, const std::string& measure,
                   const std::string& unit, std::vector<Series> series) {
  Chart c;
  c.id = id;
  c.kind = kind;
  c.title = title;
  c.measure = measure;
  c.unit = unit;
  c.series = std::move(series);
  return c;
}

/// Yearly bars with two targets.
inline Chart bars_targets() {
  return chart("msp-2013-2018", ChartKind::bars, "Nombre de maisons de santé pluriprofessionnelles", "msp", "MSP",
               {{"", {point("2013", 370), point("2014", 600), point("2015", 708), point("2016", 896),
                      point("2017", 1200, PointKind::target), point("2018", 1400, PointKind::target)}}});
}

/// Yearly bars ending with an estimate, with a growth label and a source.
inline Chart bars_estimate() {
  Chart c = chart("msp-2012-2015", ChartKind::bars, "LE NOMBRE DE MAISONS DE SANTÉ", "msp", "",
                  {{"", {point("2012", 174), point("2013", 370), point("2014", 600),
                         point("2015", 800, PointKind::estimate, "estimation 2015")}}});
  c.growth = "x 3,5";
  c.source = "source : DGOS";
  return c;
}

/// Before/after, with the growth label between the bars.
inline Chart comparison() {
  Chart c = chart("mcs-2012-2016", ChartKind::comparison, "Médecins correspondants du SAMU", "mcs", "MCS",
                  {{"", {point("2012", 88), point("2016", 214)}}});
  c.growth = "x 2,4";
  return c;
}

/// Cumulative bars with a line, a target and a footnote.
inline Chart cumulative() {
  Chart c = chart("cesp-cumul", ChartKind::cumulative, "L’ÉVOLUTION CUMULÉE DU NOMBRE DE CESP SIGNÉS DEPUIS 2012*",
                  "cesp", "contrats",
                  {{"", {point("2012", 355), point("2013", 550), point("2014", 880), point("2015", 1325),
                         point("2017", 1700, PointKind::target, "objectif 2017")}}});
  c.growth = "+275 %";
  c.note = "*à chaque fin d’année universitaire";
  return c;
}

/// Cumulative bars with long dated labels.
inline Chart cumulative_dated() {
  Chart c = chart("ptmg-cumul", ChartKind::cumulative, "L’EVOLUTION CUMULÉE DU NOMBRE DE CONTRATS DE PTMG", "ptmg",
                  "PTMG",
                  {{"", {point("Septembre 2013", 30), point("Décembre 2013", 180), point("Décembre 2014", 345),
                         point("Octobre 2015", 500)}}});
  c.source = "source : DGOS";
  return c;
}

/// Dated bars with a projection.
inline Chart bars_projection() {
  return chart("mcs-2012-2015", ChartKind::bars, "LE NOMBRE DE MÉDECINS CORRESPONDANTS DE SAMU", "mcs", "",
               {{"", {point("2012", 150), point("Oct 2013", 320), point("Oct 2014", 440),
                      point("2015", 600, PointKind::estimate, "projection fin 2015")}}});
}

/// Two series over four départements.
inline Chart grouped() {
  Chart c = chart("msp-departements", ChartKind::grouped, "Les MSP ont plus que triplé entre 2012 et 2016", "msp",
                  "MSP",
                  {{"MSP en 2012", {point("Finistère", 9), point("Côtes-d’Armor", 1), point("Morbihan", 10),
                                    point("Ille-et-Vilaine", 2)}},
                   {"MSP en 2016", {point("Finistère", 28), point("Côtes-d’Armor", 19), point("Morbihan", 17),
                                    point("Ille-et-Vilaine", 14)}}});
  c.growth = "x 3,5";
  return c;
}

/// Text from YAML may hold markup characters: they must come out escaped.
inline Chart escaping() {
  Chart c = chart("escaping", ChartKind::bars, "Titre <b>gras</b> & \"guillemets\" 'simples'", "", "",
                  {{"", {point("<2013>", 1), point("A & B", 2, PointKind::estimate, "note \"x\" <y>")}}});
  c.source = "source : <script>alert('x')</script>";
  return c;
}

inline std::vector<std::pair<std::string, double>> ranking_items() {
  return {{"Bretagne", 92},         {"Corse", 10},          {"Grand Est", 141},
          {"Hauts-de-France", 150}, {"Normandie", 118},     {"Occitanie", 205},
          {"Île-de-France", 96},    {"Provence-Alpes-Côte d’Azur", 134}, {"La Réunion", 31}};
}

inline RankingSpec ranking_spec() {
  RankingSpec s;
  s.title = "CESP signés par région";
  s.unit = "contrats";
  s.color = "#000091";
  s.reference = 120;
  s.reference_label = "objectif";
  s.highlight = "Bretagne";
  s.source = "source : DGOS";
  return s;
}

inline std::vector<KeyFigure> cesp_figures() {
  auto fig = [](const std::string& field, double v) {
    KeyFigure k;
    k.measure = "cesp";
    k.field = field;
    k.value = v;
    return k;
  };
  return {fig("signes", 241), fig("installes", 19), fig("a_venir", 67)};
}

inline Highlight highlight() {
  Highlight h;
  h.value = 2500000;
  h.text = "de patients peuvent aujourd’hui consulter à distance un médecin.";
  h.measure = "cesp";
  return h;
}

}  // namespace bilan::samples
