// DiskFileSystem on a real folder: what it refuses, and that it never hangs.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "support/fs.h"

using namespace bilan;
namespace stdfs = std::filesystem;

namespace {

// A fresh folder under the system temp folder, removed at the end of the test:
//   <tmp>/project/...   the root given to DiskFileSystem
//   <tmp>/outside/...   files a hostile project might point at
struct TempProject {
  stdfs::path base;
  stdfs::path root;
  TempProject() {
    std::string tmpl = (stdfs::temp_directory_path() / "bilan-fs-test-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()));
    base = tmpl;
    root = base / "project";
    stdfs::create_directories(root / "content/regions/bretagne");
    stdfs::create_directories(base / "outside/folder");
    write(root / "content/site.yaml", "title: x\n");
    write(root / "content/regions/bretagne/region.yaml", "id: bretagne\n");
    write(base / "outside/secret.md", "secret\n");
    write(base / "outside/folder/region.yaml", "id: dehors\n");
  }
  ~TempProject() {
    std::error_code ec;
    stdfs::remove_all(base, ec);
  }
  static void write(const stdfs::path& p, const std::string& text) { std::ofstream(p) << text; }
};

}  // namespace

TEST_CASE("disk file system reads files inside its root") {
  TempProject t;
  DiskFileSystem fs(t.root.string());
  std::string text, err;
  REQUIRE(fs.read("content/site.yaml", &text, &err));
  CHECK(text == "title: x\n");
  CHECK(fs.list("content") ==
        std::vector<std::string>{"content/regions/bretagne/region.yaml", "content/site.yaml"});
  CHECK_FALSE(fs.read("content/none.yaml", &text, &err));
  CHECK(err == "no such file");
  CHECK_FALSE(fs.read("content/regions", &text, &err));
  CHECK(err == "is a directory");
}

TEST_CASE("disk file system refuses paths that leave the root") {
  TempProject t;
  DiskFileSystem fs(t.root.string());
  std::string text, err;
  CHECK_FALSE(fs.read("../outside/secret.md", &text, &err));
  CHECK(err == "path leaves the project folder");
  CHECK_FALSE(fs.read("content/../../outside/secret.md", &text, &err));
  CHECK(err == "path leaves the project folder");
  CHECK_FALSE(fs.read("/etc/passwd", &text, &err));
  CHECK(err == "path leaves the project folder");
  CHECK_FALSE(fs.exists("../outside/secret.md"));
  CHECK(fs.list("..").empty());
}

TEST_CASE("disk file system refuses symbolic links leading out of the root") {
  TempProject t;
  stdfs::create_symlink(t.base / "outside/secret.md", t.root / "content/regions/bretagne/intro.md");
  stdfs::create_symlink("/etc/passwd", t.root / "content/passwd.yaml");
  stdfs::create_symlink(t.base / "outside/folder", t.root / "content/regions/dehors");
  DiskFileSystem fs(t.root.string());
  std::string text, err;
  CHECK_FALSE(fs.read("content/regions/bretagne/intro.md", &text, &err));
  CHECK(err == "symbolic link leads out of the project folder");
  CHECK_FALSE(fs.read("content/passwd.yaml", &text, &err));
  CHECK(err == "symbolic link leads out of the project folder");
  CHECK(text.empty());
  // Links to files are listed under their own name (so reading them reports
  // the problem); a link to a folder is not entered.
  CHECK(fs.list("content") == std::vector<std::string>{"content/passwd.yaml", "content/regions/bretagne/intro.md",
                                                       "content/regions/bretagne/region.yaml", "content/site.yaml"});
  CHECK_FALSE(fs.read("content/regions/dehors/region.yaml", &text, &err));
  CHECK(err == "symbolic link leads out of the project folder");
}

TEST_CASE("a symbolic link inside the root is followed") {
  TempProject t;
  stdfs::create_symlink("../site.yaml", t.root / "content/regions/site-link.yaml");
  DiskFileSystem fs(t.root.string());
  std::string text, err;
  REQUIRE(fs.read("content/regions/site-link.yaml", &text, &err));
  CHECK(text == "title: x\n");
  // Listed under the link's name, not the target's ("content/regions/../site.yaml").
  CHECK(fs.list("content/regions") ==
        std::vector<std::string>{"content/regions/bretagne/region.yaml", "content/regions/site-link.yaml"});
}

TEST_CASE("a dangling link is listed and does not stop the listing") {
  TempProject t;
  stdfs::create_symlink("nowhere.yaml", t.root / "content/a-dangling.yaml");
  DiskFileSystem fs(t.root.string());
  CHECK(fs.list("content") == std::vector<std::string>{"content/a-dangling.yaml",
                                                       "content/regions/bretagne/region.yaml", "content/site.yaml"});
  std::string text, err;
  CHECK_FALSE(fs.read("content/a-dangling.yaml", &text, &err));
  CHECK(err == "no such file");
}

TEST_CASE("a named pipe is refused, not waited on") {
  TempProject t;
  REQUIRE(::mkfifo((t.root / "content/intro.md").c_str(), 0644) == 0);
  DiskFileSystem fs(t.root.string());
  std::string text, err;
  CHECK_FALSE(fs.read("content/intro.md", &text, &err));
  CHECK(err == "not a regular file");
}

TEST_CASE("a loop of symbolic links is refused") {
  TempProject t;
  stdfs::create_symlink("b.md", t.root / "content/a.md");
  stdfs::create_symlink("a.md", t.root / "content/b.md");
  DiskFileSystem fs(t.root.string());
  std::string text, err;
  CHECK_FALSE(fs.read("content/a.md", &text, &err));
  CHECK(err == "too many levels of symbolic links");
}

TEST_CASE("an unreadable file reports permission denied") {
  TempProject t;
  ::chmod((t.root / "content/site.yaml").c_str(), 0);
  DiskFileSystem fs(t.root.string());
  std::string text, err;
  if (::geteuid() != 0) {
    CHECK_FALSE(fs.read("content/site.yaml", &text, &err));
    CHECK(err == "permission denied");
    return;
  }
  // root reads any file whatever its mode. Read as 'nobody' instead: the
  // effective user can be switched back, since the saved user stays root.
  for (const auto& dir : {t.base, t.root, t.root / "content"}) ::chmod(dir.c_str(), 0755);
  struct AsNobody {
    bool ok = ::setegid(65534) == 0 && ::seteuid(65534) == 0;
    ~AsNobody() {
      if (::seteuid(0) != 0 || ::setegid(0) != 0) std::abort();
    }
  };
  bool read;
  {
    AsNobody nobody;
    if (!nobody.ok) {
      WARN("running as root and cannot switch to user nobody: test skipped");
      return;
    }
    read = fs.read("content/site.yaml", &text, &err);
  }
  CHECK_FALSE(read);
  CHECK(err == "permission denied");
}
