#include "build/inputs.h"

#include <catch2/catch.hpp>

namespace bilan {
namespace {

TEST_CASE("a recording file system records every question and its answer") {
  MemoryFileSystem mem;
  mem.add("content/site.yaml", "title: x\n");
  mem.add("content/regions/bretagne/region.yaml", "id: bretagne\n");
  RecordingFileSystem rec(mem, true);
  std::string text, err;
  CHECK(rec.read("content/site.yaml", &text, &err));
  CHECK_FALSE(rec.read("templates/base.html", &text, &err));
  CHECK(rec.list("content/regions").size() == 1);
  CHECK_FALSE(rec.exists("assets/pictos/x.svg"));
  CHECK(rec.is_dir("content"));
  InputRecord r = rec.take();
  CHECK(r.reads.at("content/site.yaml") == content_digest("title: x\n"));
  CHECK(r.reads.at("templates/base.html") == "!no such file");
  CHECK(r.exists.at("assets/pictos/x.svg") == false);
  CHECK(r.still_valid(mem));
  CHECK(rec.take().reads.empty());

  SECTION("affected_by: files read or asked about, their folders, and anything in a listed folder") {
    CHECK(r.affected_by("content/site.yaml"));
    CHECK(r.affected_by("templates/base.html"));         // its absence was part of the answer
    CHECK(r.affected_by("templates"));                    // a folder holding a file read
    CHECK(r.affected_by("content/regions/corse/region.yaml"));  // new file in a listed folder
    CHECK(r.affected_by("content/regions"));
    CHECK(r.affected_by("assets/pictos/x.svg"));
    CHECK_FALSE(r.affected_by("content/site.yaml.bak"));
    CHECK_FALSE(r.affected_by("content/themes/01-x.md"));
    CHECK_FALSE(r.affected_by("assets/css/site.css"));
  }

  SECTION("still_valid notices changed contents, listings and answers") {
    MemoryFileSystem changed = mem;
    changed.add("content/site.yaml", "title: y\n");
    CHECK_FALSE(r.still_valid(changed));
    MemoryFileSystem more = mem;
    more.add("content/regions/corse/region.yaml", "id: corse\n");
    CHECK_FALSE(r.still_valid(more));
    MemoryFileSystem picto = mem;
    picto.add("assets/pictos/x.svg", "<svg/>");
    CHECK_FALSE(r.still_valid(picto));
  }
}

TEST_CASE("content digests are XXH3-128, in xxHash's canonical hex form") {
  // As `xxhsum -H2` (Debian package xxhash, its own copy of the code) prints them.
  CHECK(content_digest("") == "99aa06d3014798d86001c324468d497f");
  CHECK(content_digest("abc") == "06b05ab6733a618578af5f94892f3950");
}

}  // namespace
}  // namespace bilan
