#include "render/html/open_data.h"

#include <catch2/catch.hpp>

using namespace bilan;

namespace {

Project sample() {
  Project p;
  p.site.title = "Pacte";
  Measure m;
  m.id = "cesp";
  m.short_name = "CESP";
  m.fields = {{"signes", "contrats signés", "", ""}};
  p.measures.push_back(m);
  Territory n;
  n.id = "france";
  n.name = "France";
  n.level = Level::nation;
  KeyFigure f;
  f.measure = "cesp";
  f.field = "signes";
  f.value = 1800;
  f.qualifier = "près de";
  n.figures.push_back(f);
  p.territories.push_back(n);
  Territory r;
  r.id = "bretagne";
  r.name = "Bretagne, \"la\"";
  r.parent = "france";
  r.figures_source = "source : DGOS";
  KeyFigure g;
  g.measure = "cesp";
  g.field = "signes";
  g.value = 77.48;
  r.figures.push_back(g);
  Chart c;
  c.id = "evolution";
  c.title = "Évolution";
  c.measure = "cesp";
  c.unit = "contrats";
  c.series.push_back(Series{"", {Point{"2017", 1700, PointKind::target, "", {}}}});
  r.charts.push_back(c);
  p.territories.push_back(r);
  return p;
}

}  // namespace

TEST_CASE("open data CSV has one row per figure, quoted as RFC 4180 says") {
  std::string csv = open_data_csv(sample());
  CHECK(csv ==
        "type,territoire_id,territoire,niveau,mesure_id,mesure,indicateur_id,indicateur,serie,libelle,valeur,nature,"
        "qualificatif,unite,note,source\r\n"
        "chiffre_cle,france,France,nation,cesp,CESP,signes,contrats signés,,,1800,observe,près de,,,\r\n"
        "chiffre_cle,bretagne,\"Bretagne, \"\"la\"\"\",region,cesp,CESP,signes,contrats signés,,,77.48,observe,,,,"
        "source : DGOS\r\n"
        "serie,bretagne,\"Bretagne, \"\"la\"\"\",region,cesp,CESP,evolution,Évolution,,2017,1700,objectif,,contrats,,"
        "\r\n");
}

TEST_CASE("open data JSON has the columns, their description and numeric values") {
  std::string json = open_data_json(sample());
  CHECK(json.find("\"title\": \"Pacte\"") != std::string::npos);
  CHECK(json.find("{\"name\": \"valeur\", \"description\": ") != std::string::npos);
  CHECK(json.find("\"territoire\": \"Bretagne, \\\"la\\\"\"") != std::string::npos);
  CHECK(json.find("\"valeur\": 77.48,") != std::string::npos);
  CHECK(json.find("\"valeur\": 1800,") != std::string::npos);
  CHECK(open_data_rows(sample()).size() == 3);
  CHECK(open_data_columns().size() == 16);
}
