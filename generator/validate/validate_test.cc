#include "validate/validate.h"

#include <catch2/catch.hpp>

#include "load/loader.h"
#include "load/test_project.h"

using namespace bilan;

namespace {

std::string errors(const MemoryFileSystem& fs) {
  Project p;
  Style s;
  Diagnostics d;
  if (load_project(fs, &p, &s, &d)) validate_project(p, fs, &d);
  std::string out;
  for (const auto& x : d) out += location_prefix(x.pos) + x.message + "\n";
  return out;
}

MemoryFileSystem edit(const std::string& path, const std::string& from, const std::string& to) {
  MemoryFileSystem fs = small_project();
  std::string text, err;
  fs.read(path, &text, &err);
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  fs.add(path, text);
  return fs;
}

const char* kRegion = "content/regions/bretagne/region.yaml";

}  // namespace

TEST_CASE("the small project is valid") { CHECK(errors(small_project()) == ""); }

TEST_CASE("unknown measure in key figures") {
  CHECK(errors(edit(kRegion, "  msp: { ouvertes: 78 }", "  mps: { ouvertes: 78 }")) ==
        "content/regions/bretagne/region.yaml:10:3: unknown measure 'mps' (did you mean 'msp'?)\n");
}

TEST_CASE("unknown figure of a measure") {
  CHECK(errors(edit(kRegion, "{ signes: 92,", "{ signe: 92,")) ==
        "content/regions/bretagne/region.yaml:9:11: measure 'cesp' has no figure 'signe' (did you mean 'signes'?)\n");
}

TEST_CASE("installations above contracts signed") {
  CHECK(errors(edit(kRegion, "installes: 4", "installes: 120")) ==
        "content/regions/bretagne/region.yaml:9:23: 'installes' (120) is above 'signes' (92) for CESP\n");
}

TEST_CASE("unknown parent territory") {
  CHECK(errors(edit(kRegion, "parent: france", "parent: frnace")) ==
        "content/regions/bretagne/region.yaml:1:5: unknown territory 'frnace' (did you mean 'france'?)\n");
}

TEST_CASE("duplicate territory ids") {
  MemoryFileSystem fs = small_project();
  std::string text, err;
  fs.read(kRegion, &text, &err);
  text.replace(text.find("id: bretagne"), 12, "id: corse");
  fs.add("content/regions/corse/region.yaml", text);
  fs.add("content/regions/corse/intro.md", "Texte.\n");
  fs.add("content/regions/bretagne/region.yaml",
         std::string("id: corse\nlevel: region\nname: Corse\nparent: france\n"));
  CHECK(errors(fs) ==
        "content/regions/bretagne/region.yaml:1:5: region id 'corse' does not match its folder 'bretagne'\n");
}

TEST_CASE("duplicate ids across files") {
  MemoryFileSystem fs = small_project();
  fs.add("content/territories/bretagne.yaml", "id: bretagne\nlevel: departement\nname: Bretagne bis\nparent: france\n");
  CHECK(errors(fs) ==
        "content/territories/bretagne.yaml:1:5: duplicate territory 'bretagne' (first defined at "
        "content/regions/bretagne/region.yaml:1)\n");
}

TEST_CASE("example in a département of another region") {
  CHECK(errors(edit("content/regions/bretagne/examples/retiers.md", "departement: \"35\"", "departement: \"29\"")) ==
        "content/regions/bretagne/examples/retiers.md:2:1: département '29' is not one of the départements of "
        "'bretagne'\n");
}

TEST_CASE("unknown measure in a chart") {
  CHECK(errors(edit(kRegion, "measure: msp", "measure: mpc")) ==
        "content/regions/bretagne/region.yaml:12:5: unknown measure 'mpc'\n");
}

TEST_CASE("objectif dated before the observed series") {
  CHECK(errors(edit(kRegion, "      - { label: \"2016\", value: 78 }\n",
                    "      - { label: \"2016\", value: 78 }\n      - { label: \"2014\", value: 100, kind: target }\n")) ==
        "content/regions/bretagne/region.yaml:19:9: objectif dated 2014 is before the observed series (last observed "
        "2016)\n");
}

TEST_CASE("a chart needs a title") {
  CHECK(errors(edit(kRegion, "title: Les MSP ont plus que triplé", "title: \"\"")) ==
        "content/regions/bretagne/region.yaml:12:5: chart 'msp' has an empty title\n");
}

TEST_CASE("a chart needs points") {
  CHECK(errors(edit(kRegion,
                    "    points:\n      - { label: \"2012\", value: 22 }\n      - { label: \"2016\", value: 78 }\n",
                    "")) == "content/regions/bretagne/region.yaml:12:5: chart 'msp' has no points (give `points` or "
                            "`series`)\n");
}

TEST_CASE("bad colour") {
  CHECK(errors(edit("content/measures.yaml", "\"#000091\"", "bleu")) ==
        "content/measures.yaml:2:9: colour 'bleu' of measure 'cesp' is not of the form #rrggbb\n");
}

TEST_CASE("missing pictogram") {
  CHECK(errors(edit("content/measures.yaml", "    key: true\n", "    key: true\n    pictogram: pictos/cesp.svg\n")) ==
        "content/measures.yaml:2:9: pictogram 'assets/pictos/cesp.svg' not found\n");
}

TEST_CASE("pictogram path leaving assets") {
  CHECK(errors(edit("content/measures.yaml", "    key: true\n", "    key: true\n    pictogram: ../../etc/passwd\n")) ==
        "content/measures.yaml:2:9: pictogram path '../../etc/passwd' leaves the assets folder\n");
}

TEST_CASE("at_most names an unknown field") {
  CHECK(errors(edit("content/measures.yaml", "at_most: signes", "at_most: signe")) ==
        "content/measures.yaml:2:9: field 'installes' of measure 'cesp' is bounded by unknown field 'signe' (did you "
        "mean 'signes'?)\n");
}

TEST_CASE("unknown region in a document") {
  CHECK(errors(edit("content/documents/bilan.yaml", "title: Le pacte en région }",
                    "title: Le pacte en région, refs: [bretange] }")) ==
        "content/documents/bilan.yaml:1:5: unknown territory 'bretange' (did you mean 'bretagne'?)\n");
}
