// The shipped content against tests/content/expected/: a figure typed wrong
// on either side fails here.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "load/loader.h"
#include "validate/validate.h"

using namespace bilan;

namespace {

struct Loaded {
  Project project;
  Style style;
  Diagnostics diags;
};

const Loaded& shipped() {
  static Loaded* l = [] {
    auto* x = new Loaded;
    DiskFileSystem fs(BILAN_SOURCE_DIR);
    if (load_project(fs, &x->project, &x->style, &x->diags)) validate_project(x->project, fs, &x->diags);
    return x;
  }();
  return *l;
}

std::vector<std::vector<std::string>> read_tsv(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      continue;
    }
    if (line.empty()) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, '\t')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

std::string fmt_value(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

}  // namespace

TEST_CASE("the shipped content loads and validates without error") {
  std::string all;
  for (const auto& d : shipped().diags) all += location_prefix(d.pos) + d.message + "\n";
  CHECK(all == "");
}

TEST_CASE("the brochure's 17 regions are there, in order, without Mayotte") {
  auto regions = shipped().project.regions();
  REQUIRE(regions.size() == 17);
  std::vector<std::string> ids;
  for (auto* r : regions) ids.push_back(r->id);
  CHECK(ids == std::vector<std::string>{"auvergne-rhone-alpes", "bourgogne-franche-comte", "bretagne",
                                        "centre-val-de-loire", "corse", "grand-est", "hauts-de-france",
                                        "ile-de-france", "normandie", "nouvelle-aquitaine", "occitanie",
                                        "pays-de-la-loire", "provence-alpes-cote-d-azur", "guadeloupe", "martinique",
                                        "guyane", "la-reunion"});
  for (auto* r : regions) {
    INFO(r->id);
    CHECK(!r->intro.empty());
    CHECK(!r->examples.empty());
    CHECK(!r->departements.empty());
  }
}

TEST_CASE("every territory's key figures match the second transcription") {
  const Project& p = shipped().project;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(BILAN_SOURCE_DIR) + "/tests/content/expected")) {
    std::string id = entry.path().stem().string();
    if (id == "pacte2") continue;
    ++files;
    INFO("territory " << id);
    const Territory* t = p.find_territory(id);
    REQUIRE(t);
    std::set<std::string> expected, actual;
    for (const auto& row : read_tsv(entry.path().string())) {
      REQUIRE(row.size() == 3);
      expected.insert(row[0] + "." + row[1] + " = " + row[2]);
    }
    for (const auto& f : t->figures) actual.insert(f.measure + "." + f.field + " = " + fmt_value(f.value));
    CHECK(actual == expected);
  }
  // Every region of the brochure has its expected figures.
  for (auto* r : p.regions()) {
    INFO(r->id);
    CHECK(std::filesystem::exists(std::string(BILAN_SOURCE_DIR) + "/tests/content/expected/" + r->id + ".tsv"));
  }
  CHECK(files >= 20);
}

TEST_CASE("unknown is not zero: absent figures stay absent") {
  const Project& p = shipped().project;
  const Territory* corse = p.find_territory("corse");
  REQUIRE(corse);
  CHECK(find_figure(*corse, "cesp", "signes") == nullptr);
  const Territory* martinique = p.find_territory("martinique");
  REQUIRE(martinique);
  CHECK(find_figure(*martinique, "mcs", "signataires") == nullptr);
}

TEST_CASE("Pacte 2 charts match the second transcription") {
  const Project& p = shipped().project;
  REQUIRE(p.dossier.engagements.size() == 10);
  std::multiset<std::string> expected, actual;
  for (const auto& row : read_tsv(std::string(BILAN_SOURCE_DIR) + "/tests/content/expected/pacte2.tsv")) {
    REQUIRE(row.size() == 4);
    expected.insert(row[0] + " | " + row[1] + " | " + row[2] + " | " + row[3]);
  }
  for (const auto& e : p.dossier.engagements)
    for (const auto& c : e.charts)
      for (const auto& s : c.series)
        for (const auto& pt : s.points)
          actual.insert(std::to_string(e.number) + " | " + c.title + " | " + pt.label + " | " + fmt_value(pt.value));
  CHECK(actual == expected);
  for (const auto& e : p.dossier.engagements) {
    INFO("engagement " << e.number);
    CHECK(e.sections.size() >= 3);
  }
}
