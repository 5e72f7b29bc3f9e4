#include "scaffold/scaffold.h"

#include <catch2/catch.hpp>

#include "load/loader.h"
#include "load/test_project.h"
#include "scaffold/slug.h"
#include "validate/validate.h"

namespace bilan {
namespace {

TEST_CASE("slugify removes accents and keeps letters, digits and single dashes") {
  CHECK(slugify("Île-de-France") == "ile-de-france");
  CHECK(slugify("Provence-Alpes-Côte d’Azur") == "provence-alpes-cote-d-azur");
  CHECK(slugify("La Réunion") == "la-reunion");
  CHECK(slugify("  Belle-Île-en-Mer !") == "belle-ile-en-mer");
  CHECK(slugify("Cœur de Bretagne – Kreiz Breizh") == "coeur-de-bretagne-kreiz-breizh");
  CHECK(slugify("Ÿ ß Ł Ž Ą ĳ") == "y-ss-l-z-a-ij");
  CHECK(slugify("Pays 2") == "pays-2");
  CHECK(slugify("—") == "");
  CHECK(slugify("北京") == "");
}

TEST_CASE("yaml_scalar quotes only what YAML would read otherwise") {
  CHECK(yaml_scalar("Île-de-France") == "Île-de-France");
  CHECK(yaml_scalar("Provence-Alpes-Côte d’Azur") == "Provence-Alpes-Côte d’Azur");
  CHECK(yaml_scalar("Oui: non") == "\"Oui: non\"");
  CHECK(yaml_scalar("yes") == "\"yes\"");
  CHECK(yaml_scalar("2016") == "\"2016\"");
  CHECK(yaml_scalar("- liste") == "\"- liste\"");
  CHECK(yaml_scalar("a \"b\" # c") == "\"a \\\"b\\\" # c\"");
  CHECK(yaml_scalar("") == "\"\"");
}

// Loads and validates `fs` with the new files laid over it.
Diagnostics check_with(const MemoryFileSystem& fs, const std::vector<NewFile>& created) {
  OverlayFileSystem with(fs, created);
  Project p;
  Style st;
  Diagnostics d;
  if (load_project(with, &p, &st, &d)) validate_project(p, with, &d);
  return d;
}

Project load(const FileSystem& fs) {
  Project p;
  Style st;
  Diagnostics d;
  REQUIRE(load_project(fs, &p, &st, &d));
  return p;
}

TEST_CASE("new region: a skeleton that passes the checks, with the figures left out") {
  MemoryFileSystem fs = small_project();
  Project p = load(fs);
  std::vector<NewFile> created;
  std::string err;
  REQUIRE(new_region(p, fs, "Île-de-France", &created, &err));
  REQUIRE(created.size() == 2);
  CHECK(created[0].path == "content/regions/ile-de-france/region.yaml");
  CHECK(created[1].path == "content/regions/ile-de-france/intro.md");
  const std::string& y = created[0].text;
  CHECK(y.find("\nid: ile-de-france ") != std::string::npos);
  CHECK(y.find("\nname: Île-de-France ") != std::string::npos);
  CHECK(y.find("\nparent: france ") != std::string::npos);
  CHECK(y.find("\norder: 4 ") != std::string::npos);  // after bretagne's 3
  // Every measure field of measures.yaml, commented out: absent, not 0.
  CHECK(y.find("\n# key_figures:\n#   cesp:") != std::string::npos);
  CHECK(y.find("\n#     installes:") != std::string::npos);
  CHECK(y.find("\n#     ouvertes:") != std::string::npos);
  CHECK(y.find("\nkey_figures:") == std::string::npos);
  CHECK(y.find("\npopulation:") == std::string::npos);
  CHECK(check_with(fs, created).empty());

  OverlayFileSystem with(fs, created);
  Project after = load(with);
  const Territory* t = after.find_territory("ile-de-france");
  REQUIRE(t);
  CHECK(t->figures.empty());
  CHECK_FALSE(t->population);
  CHECK(t->intro.empty());  // the intro's guidance is an HTML comment, never published
}

TEST_CASE("new region refuses an existing region and a name without letters") {
  MemoryFileSystem fs = small_project();
  Project p = load(fs);
  std::vector<NewFile> created;
  std::string err;
  CHECK_FALSE(new_region(p, fs, "Bretagne", &created, &err));
  CHECK(err == "region 'bretagne' already exists (content/regions/bretagne)");
  CHECK_FALSE(new_region(p, fs, "!!", &created, &err));
  CHECK(err == "region name '!!' has no letter or digit to make an id from");
  CHECK(created.empty());
}

TEST_CASE("new example: a skeleton in the region's examples folder that passes the checks") {
  MemoryFileSystem fs = small_project();
  Project p = load(fs);
  std::vector<NewFile> created;
  std::string err;
  REQUIRE(new_example(p, fs, "Bretagne", "Belle-Île-en-Mer", &created, &err));
  REQUIRE(created.size() == 1);
  CHECK(created[0].path == "content/regions/bretagne/examples/belle-ile-en-mer.md");
  const std::string& md = created[0].text;
  CHECK(md.rfind("---\nname: Belle-Île-en-Mer ", 0) == 0);
  CHECK(md.find("# departement: \"\"") != std::string::npos);
  CHECK(md.find(": 35\n") != std::string::npos);          // the region's département codes
  CHECK(md.find("cesp, msp") != std::string::npos);       // the measure ids
  CHECK(md.find("\norder: 1 ") != std::string::npos);     // after retiers (order 0)
  CHECK(check_with(fs, created).empty());

  CHECK_FALSE(new_example(p, fs, "bretagen", "X", &created, &err));
  CHECK(err == "unknown region 'bretagen' (did you mean 'bretagne'?)");
  CHECK_FALSE(new_example(p, fs, "bretagne", "Retiers", &created, &err));
  CHECK(err == "example 'retiers' already exists (content/regions/bretagne/examples/retiers.md)");
}

}  // namespace
}  // namespace bilan
