#include "render/html/site_paths.h"

#include <catch2/catch.hpp>

using namespace bilan;

TEST_CASE("pages are folders and links point at them relatively") {
  Territory t;
  t.id = "bretagne";
  CHECK(site_path::region(t) == "regions/bretagne/index.html");
  Links from_region = Links::relative_from(site_path::region(t));
  CHECK(from_region.root() == "../../");
  CHECK(from_region.to(site_path::home()) == "../../");
  CHECK(from_region.to(site_path::regions()) == "../../regions/");
  CHECK(from_region.to("pdf/leaflet-bretagne.pdf") == "../../pdf/leaflet-bretagne.pdf");
  Links from_home = Links::relative_from(site_path::home());
  CHECK(from_home.to(site_path::home()) == "./");
  CHECK(from_home.to(site_path::region(t)) == "./regions/bretagne/");
}

TEST_CASE("absolute links start at the base URL's path") {
  CHECK(base_path("https://example.org/pacte") == "/pacte/");
  CHECK(base_path("https://example.org/pacte/") == "/pacte/");
  CHECK(base_path("https://example.org") == "/");
  CHECK(base_path("https://example.org/a/b?x#y") == "/a/b/");
  CHECK(base_path("") == "/");
  Links l = Links::absolute("/pacte/");
  CHECK(l.to(site_path::home()) == "/pacte/");
  CHECK(l.to(site_path::downloads()) == "/pacte/telechargements/");
}

TEST_CASE("without_index drops only a final index.html") {
  CHECK(without_index("index.html") == "");
  CHECK(without_index("a/index.html") == "a/");
  CHECK(without_index("a/myindex.html") == "a/myindex.html");
  CHECK(without_index("donnees/chiffres.csv") == "donnees/chiffres.csv");
}
