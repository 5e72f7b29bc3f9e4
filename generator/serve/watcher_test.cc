#include "serve/watcher.h"

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "support/test_files.h"

namespace bilan {
namespace {

namespace stdfs = std::filesystem;

using Paths = std::vector<std::string>;

// Waits for changes until `want` is among them (events may come in several batches).
Paths wait_for(Watcher& w, const std::string& want) {
  Paths all;
  for (int i = 0; i < 20; ++i) {
    Paths got = w.wait(1000);
    all.insert(all.end(), got.begin(), got.end());
    if (std::find(all.begin(), all.end(), want) != all.end()) break;
    if (got.empty()) break;
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

TEST_CASE("the watcher reports files written, created, renamed and deleted, in folders old and new") {
  TempDir d{"watch"};
  write_file(d.path / "content/site.yaml", "title: x\n");
  write_file(d.path / "content/regions/bretagne/region.yaml", "id: bretagne\n");
  write_file(d.path / "other/ignored.txt", "x\n");
  Watcher w;
  std::string err;
  REQUIRE(w.start(d.path.string(), {"content", "templates", "assets"}, &err));
  CHECK(w.watched() == Paths{"content", "content/regions", "content/regions/bretagne"});

  SECTION("a file written in place") {
    write_file(d.path / "content/regions/bretagne/region.yaml", "id: bretagne\norder: 3\n");
    CHECK(wait_for(w, "content/regions/bretagne/region.yaml") == Paths{"content/regions/bretagne/region.yaml"});
  }
  SECTION("a file saved the way editors do: written beside, then renamed over") {
    write_file(d.path / "content/.site.yaml.swp", "scratch");
    write_file(d.path / "content/site.yaml.new", "title: y\n");
    std::rename((d.path / "content/site.yaml.new").c_str(), (d.path / "content/site.yaml").c_str());
    Paths got = wait_for(w, "content/site.yaml");
    CHECK(std::find(got.begin(), got.end(), "content/site.yaml") != got.end());
    CHECK(std::find(got.begin(), got.end(), "content/.site.yaml.swp") == got.end());
  }
  SECTION("a new folder is watched, with what was written in it before the watch") {
    stdfs::create_directories(d.path / "content/regions/corse/examples");
    write_file(d.path / "content/regions/corse/region.yaml", "id: corse\n");
    Paths got = wait_for(w, "content/regions/corse/region.yaml");
    CHECK(std::find(got.begin(), got.end(), "content/regions/corse/region.yaml") != got.end());
    write_file(d.path / "content/regions/corse/examples/ajaccio.md", "---\nname: Ajaccio\n---\n");
    CHECK(wait_for(w, "content/regions/corse/examples/ajaccio.md") ==
          Paths{"content/regions/corse/examples/ajaccio.md"});
  }
  SECTION("a watched folder created after the start") {
    stdfs::create_directories(d.path / "templates/layouts");
    wait_for(w, "templates");
    write_file(d.path / "templates/layouts/base.html", "<html>");
    Paths got = wait_for(w, "templates/layouts/base.html");
    CHECK(std::find(got.begin(), got.end(), "templates/layouts/base.html") != got.end());
  }
  SECTION("a deleted file, and nothing outside the watched folders") {
    write_file(d.path / "other/ignored.txt", "y\n");
    stdfs::remove(d.path / "content/site.yaml");
    CHECK(wait_for(w, "content/site.yaml") == Paths{"content/site.yaml"});
  }
  SECTION("wake() ends a wait at once, from another thread") {
    std::thread t([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      w.wake();
    });
    auto start = std::chrono::steady_clock::now();
    CHECK(w.wait(10000).empty());
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    t.join();
  }
}

TEST_CASE("editor scratch files") {
  for (const char* s : {".region.yaml.swp", "region.yaml~", "4913", "#region.yaml#", "x.tmp", ".#lock"})
    CHECK(is_scratch_file(s));
  for (const char* s : {"region.yaml", "intro.md", "01-installation.md"}) CHECK_FALSE(is_scratch_file(s));
}

}  // namespace
}  // namespace bilan
