// StagingSink links the files the old folder already holds, writes the others.
#include "build/staging.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "build/inputs.h"

namespace bilan {
namespace {

namespace stdfs = std::filesystem;

struct TempDir {
  stdfs::path path;
  TempDir() {
    std::string tmpl = (stdfs::temp_directory_path() / "bilan-staging-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    stdfs::remove_all(path, ec);
  }
};

std::string read(const stdfs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

ino_t inode(const stdfs::path& p) {
  struct stat st;
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_ino;
}

TEST_CASE("a sink links what the old folder holds with the same bytes, and writes the rest") {
  TempDir dir;
  const stdfs::path out = dir.path / "site";
  stdfs::create_directories(out / "a");
  std::ofstream(out / "a/same.html") << "same";
  std::ofstream(out / "a/changed.html") << "before";
  const ino_t same_inode = inode(out / "a/same.html");
  const ino_t changed_inode = inode(out / "a/changed.html");

  StagingFolder folder(out.string());
  REQUIRE(folder.ok());
  std::vector<std::string> asked;
  StagingSink sink(&folder, [&](const std::string& path, const std::string& digest) {
    asked.push_back(path);
    return digest == content_digest(read(out / path));  // what a manifest record says
  });
  sink.put("a/same.html", "same");
  sink.put("a/changed.html", "after");
  sink.put("b/new.html", "new");
  CHECK(asked == std::vector<std::string>{"a/same.html", "a/changed.html", "b/new.html"});
  CHECK(sink.written().at("a/same.html").linked);
  CHECK_FALSE(sink.written().at("a/changed.html").linked);
  CHECK_FALSE(sink.written().at("b/new.html").linked);
  CHECK(sink.written().at("a/same.html").digest == content_digest("same"));
  REQUIRE(folder.commit());

  CHECK(inode(out / "a/same.html") == same_inode);  // the old file itself
  CHECK(inode(out / "a/changed.html") != changed_inode);
  CHECK(read(out / "a/same.html") == "same");
  CHECK(read(out / "a/changed.html") == "after");
  CHECK(read(out / "b/new.html") == "new");
}

TEST_CASE("a sink without a way to compare writes every file") {
  TempDir dir;
  const stdfs::path out = dir.path / "site";
  stdfs::create_directories(out);
  std::ofstream(out / "same.html") << "same";
  const ino_t same_inode = inode(out / "same.html");
  StagingFolder folder(out.string());
  StagingSink sink(&folder);
  sink.put("same.html", "same");
  CHECK_FALSE(sink.written().at("same.html").linked);
  REQUIRE(folder.commit());
  CHECK(inode(out / "same.html") != same_inode);
  CHECK(read(out / "same.html") == "same");
}

}  // namespace
}  // namespace bilan
