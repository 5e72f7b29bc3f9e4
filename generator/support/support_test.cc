#include <catch2/catch.hpp>

#include "support/diagnostic.h"
#include "support/fs.h"
#include "support/spelling.h"
#include "support/utf8.h"

using namespace bilan;

TEST_CASE("diagnostics print like ninja, with the line and a caret") {
  std::string src = "id: bretagne\npopulaton: 3200000\n";
  Diagnostic d{{"content/regions/bretagne/region.yaml", 2, 1}, "unknown key 'populaton'"};
  CHECK(format_diagnostic(d, &src) ==
        "bilan: error: content/regions/bretagne/region.yaml:2:1: unknown key 'populaton'\n"
        "    populaton: 3200000\n"
        "    ^\n");
  Diagnostic e{{"a.yaml", 1, 5}, "x"};
  CHECK(format_diagnostic(e, &src) == "bilan: error: a.yaml:1:5: x\n    id: bretagne\n        ^\n");
  // The caret counts characters, not bytes, before the column.
  std::string accents = "name: Île: x\n";
  Diagnostic f{{"b.yaml", 1, 11}, "y"};
  CHECK(format_diagnostic(f, &accents) == "bilan: error: b.yaml:1:11: y\n    name: Île: x\n             ^\n");
  CHECK(format_diagnostic({{"c.yaml", 0, 0}, "z"}, nullptr) == "bilan: error: c.yaml: z\n");
  CHECK(format_diagnostic({{}, "w"}, nullptr) == "bilan: error: w\n");
}

TEST_CASE("UTF-8 validation finds the first bad byte") {
  size_t bad = 0;
  CHECK(is_valid_utf8("é è à ç Î Œ ’ « » — €", &bad));
  CHECK_FALSE(is_valid_utf8("ab\xff", &bad));
  CHECK(bad == 2);
  CHECK_FALSE(is_valid_utf8("\xc3", &bad));               // truncated
  CHECK_FALSE(is_valid_utf8("\xc0\xaf", &bad));           // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80", &bad));       // surrogate
  CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80", &bad));   // above U+10FFFF
  int line, col;
  line_column("ab\ncd", 4, &line, &col);
  CHECK((line == 2 && col == 2));
}

TEST_CASE("spelling suggestions") {
  CHECK(edit_distance("population", "populaton") == 1);
  CHECK(edit_distance("msp", "mps") == 1);
  CHECK(did_you_mean("populaton", {"population", "name"}) == " (did you mean 'population'?)");
  CHECK(did_you_mean("habitants", {"population", "name"}) == "");
}

TEST_CASE("paths written in content stay inside the project") {
  CHECK(is_safe_relative_path("intro.md"));
  CHECK(is_safe_relative_path("pictos/cesp.svg"));
  CHECK(is_safe_relative_path("a/..b/c"));
  CHECK_FALSE(is_safe_relative_path(""));
  CHECK_FALSE(is_safe_relative_path("/etc/passwd"));
  CHECK_FALSE(is_safe_relative_path("../../etc/passwd"));
  CHECK_FALSE(is_safe_relative_path("a/../../b"));
  CHECK_FALSE(is_safe_relative_path("a/.."));
  CHECK_FALSE(is_safe_relative_path("a\\..\\b"));
  CHECK(join_path("content/regions/x", "intro.md") == "content/regions/x/intro.md");
  CHECK(dir_name("a/b/c.yaml") == "a/b");
  CHECK(dir_name("c.yaml") == "");
}

TEST_CASE("memory file system lists and reads") {
  MemoryFileSystem fs;
  fs.add("content/a.yaml", "a");
  fs.add("content/sub/b.md", "b");
  fs.add("other/c", "c");
  CHECK(fs.list("content") == std::vector<std::string>{"content/a.yaml", "content/sub/b.md"});
  CHECK(fs.is_dir("content/sub"));
  CHECK_FALSE(fs.is_dir("content/a.yaml"));
  std::string text, err;
  CHECK_FALSE(fs.read("content/none", &text, &err));
  CHECK(err == "no such file");
  CHECK_FALSE(fs.read("content/sub", &text, &err));
  CHECK(err == "is a directory");
}
