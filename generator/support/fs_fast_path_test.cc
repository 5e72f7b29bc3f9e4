// DiskFileSystem's fast way of reading (openat2 beneath the root) must accept
// and refuse exactly what the slow way (resolve()) does.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "support/fs.h"

using namespace bilan;
namespace stdfs = std::filesystem;

namespace {

struct TempFolder {
  stdfs::path base;
  TempFolder() {
    std::string tmpl = (stdfs::temp_directory_path() / "bilan-fs-fast-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()));
    base = tmpl;
    stdfs::create_directories(base / "project/content/regions/bretagne");
    std::ofstream(base / "project/content/regions/bretagne/region.yaml") << "id: bretagne\n";
    std::ofstream(base / "secret.md") << "secret\n";
  }
  ~TempFolder() {
    std::error_code ec;
    stdfs::remove_all(base, ec);
  }
};

}  // namespace

TEST_CASE("links that stay inside the root are read, relative or absolute") {
  TempFolder t;
  stdfs::path root = t.base / "project";
  // The kernel refuses an absolute link beneath the root (RESOLVE_BENEATH);
  // the slow way accepts it since its target is inside: so must read().
  stdfs::create_symlink(root / "content/regions/bretagne/region.yaml", root / "content/absolute.yaml");
  stdfs::create_symlink("regions/bretagne/region.yaml", root / "content/relative.yaml");
  DiskFileSystem fs(root.string());
  std::string text, err;
  REQUIRE(fs.read("content/absolute.yaml", &text, &err));
  CHECK(text == "id: bretagne\n");
  REQUIRE(fs.read("content/relative.yaml", &text, &err));
  CHECK(text == "id: bretagne\n");
}

TEST_CASE("links leading out are refused with the slow way's message") {
  TempFolder t;
  stdfs::path root = t.base / "project";
  stdfs::create_symlink("../../secret.md", root / "content/relative-out.md");
  stdfs::create_symlink(t.base / "secret.md", root / "content/absolute-out.md");
  DiskFileSystem fs(root.string());
  std::string text, err;
  CHECK_FALSE(fs.read("content/relative-out.md", &text, &err));
  CHECK(err == "symbolic link leads out of the project folder");
  err.clear();
  CHECK_FALSE(fs.read("content/absolute-out.md", &text, &err));
  CHECK(err == "symbolic link leads out of the project folder");
  CHECK(text.empty());
}

TEST_CASE("a copy of a disk file system outlives the original") {
  TempFolder t;
  auto original = std::make_unique<DiskFileSystem>((t.base / "project").string());
  DiskFileSystem copy = *original;
  original.reset();  // the shared root handle stays open for the copy
  std::string text, err;
  REQUIRE(copy.read("content/regions/bretagne/region.yaml", &text, &err));
  CHECK(text == "id: bretagne\n");
}

TEST_CASE("list gives paths relative to the root, whatever the spelling of the root") {
  TempFolder t;
  stdfs::create_symlink(t.base / "project", t.base / "link-to-project");
  for (const std::string& root : {(t.base / "project").string() + "/", (t.base / "link-to-project").string(),
                                  (t.base / "project/content/..").string()}) {
    DiskFileSystem fs(root);
    CHECK(fs.list("content") == std::vector<std::string>{"content/regions/bretagne/region.yaml"});
    CHECK(fs.list("content/regions/") == std::vector<std::string>{"content/regions/bretagne/region.yaml"});
  }
}
