#include "serve/cached_fs.h"

#include <catch2/catch.hpp>

namespace bilan {
namespace {

// Counts the reads that reach the file system below.
class CountingFileSystem : public MemoryFileSystem {
 public:
  mutable int reads = 0, lists = 0;
  bool read(const std::string& path, std::string* content, std::string* err) const override {
    ++reads;
    return MemoryFileSystem::read(path, content, err);
  }
  std::vector<std::string> list(const std::string& dir) const override {
    ++lists;
    return MemoryFileSystem::list(dir);
  }
};

TEST_CASE("the cache answers from memory until told what changed") {
  CountingFileSystem base;
  base.add("content/site.yaml", "a");
  base.add("content/regions/bretagne/region.yaml", "b");
  CachedFileSystem cache(base);
  std::string text, err;
  REQUIRE(cache.read("content/site.yaml", &text, &err));
  REQUIRE(cache.read("content/site.yaml", &text, &err));
  CHECK(base.reads == 1);
  CHECK(cache.list("content/regions").size() == 1);
  CHECK(cache.list("content/regions").size() == 1);
  CHECK(base.lists == 1);
  CHECK_FALSE(cache.exists("content/regions/corse/region.yaml"));

  base.add("content/site.yaml", "changed");
  base.add("content/regions/corse/region.yaml", "c");
  cache.invalidate("content/site.yaml");
  REQUIRE(cache.read("content/site.yaml", &text, &err));
  CHECK(text == "changed");
  CHECK(cache.list("content/regions").size() == 1);  // not told yet
  cache.invalidate("content/regions/corse");
  CHECK(cache.list("content/regions").size() == 2);
  CHECK(cache.exists("content/regions/corse/region.yaml"));
  CHECK(cache.is_dir("content/regions/corse"));

  cache.invalidate("");
  int before = base.reads;
  REQUIRE(cache.read("content/regions/bretagne/region.yaml", &text, &err));
  CHECK(base.reads == before + 1);
}

}  // namespace
}  // namespace bilan
