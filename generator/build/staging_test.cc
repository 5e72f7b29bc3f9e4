// StagingSink links the files the old folder already holds, writes the others.
#include "build/staging.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "build/inputs.h"
#include "support/test_files.h"

namespace bilan {
namespace {

namespace stdfs = std::filesystem;

TEST_CASE("a sink links what the old folder holds with the same bytes, and writes the rest") {
  TempDir dir("staging");
  const stdfs::path out = dir.path / "site";
  stdfs::create_directories(out / "a");
  write_file(out / "a/same.html", "same");
  write_file(out / "a/changed.html", "before");
  const ino_t same_inode = inode_of(out / "a/same.html");
  const ino_t changed_inode = inode_of(out / "a/changed.html");

  StagingFolder folder(out.string());
  REQUIRE(folder.ok());
  std::vector<std::string> asked;
  StagingSink sink(&folder, [&](const std::string& path, const std::string& digest) {
    asked.push_back(path);
    return digest == content_digest(read_file(out / path));  // what a manifest record says
  });
  sink.put("a/same.html", "same");
  sink.put("a/changed.html", "after");
  sink.put("b/new.html", "new");
  CHECK(asked == std::vector<std::string>{"a/same.html", "a/changed.html", "b/new.html"});
  CHECK(sink.written().at("a/same.html").linked);
  CHECK_FALSE(sink.written().at("a/changed.html").linked);
  CHECK_FALSE(sink.written().at("b/new.html").linked);
  CHECK(sink.written().at("a/same.html").digest == "32e4fc33210edf0a94d0af822e63d179");  // xxhsum -H2
  REQUIRE(folder.commit());

  CHECK(inode_of(out / "a/same.html") == same_inode);  // the old file itself
  CHECK(inode_of(out / "a/changed.html") != changed_inode);
  CHECK(read_file(out / "a/same.html") == "same");
  CHECK(read_file(out / "a/changed.html") == "after");
  CHECK(read_file(out / "b/new.html") == "new");
}

TEST_CASE("a sink without a way to compare writes every file") {
  TempDir dir("staging");
  const stdfs::path out = dir.path / "site";
  stdfs::create_directories(out);
  write_file(out / "same.html", "same");
  const ino_t same_inode = inode_of(out / "same.html");
  StagingFolder folder(out.string());
  StagingSink sink(&folder);
  sink.put("same.html", "same");
  CHECK_FALSE(sink.written().at("same.html").linked);
  REQUIRE(folder.commit());
  CHECK(inode_of(out / "same.html") != same_inode);
  CHECK(read_file(out / "same.html") == "same");
}

}  // namespace
}  // namespace bilan
