#include "load/yaml_subset.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "load/markdown.h"
#include "load/test_project.h"
#include "load/test_random.h"
#include "load/yaml_check.h"
#include "support/fs.h"

using namespace bilan;

namespace {

// What the subset parser made of `text`: "" when it left the text to
// yaml-cpp, else the tree; the tree must then be yaml-cpp's, without a
// diagnostic.
std::string subset_tree(const std::string& text) {
  YamlTree tree;
  if (!parse_yaml_subset(text, &tree)) return "";
  YamlDoc doc;
  doc.path = "x.yaml";
  Diagnostics diags;
  bool ok = parse_yaml_with_yaml_cpp(text, &doc, &diags);
  INFO("text:\n" << text);
  CHECK(ok);
  CHECK(diags.empty());
  CHECK(tree.dump() == doc.tree.dump());
  return tree.dump();
}


// Text that means something to a YAML scanner, to insert at random places.
const std::vector<std::string> kPieces = {
    " ",  "\n", "  ",  "-",   "- ",  ":",  ": ",  "#",     " #",  "'",   "\"",   "\\",   "{",    "}",
    "[",  "]",  ",",   "~",   "null", "&a ", "*a", "!",    "|",   ">",   "?",    "? ",   "%",    "@",
    "`",  "\t", "\r",  "---", "...", "é",  "\n  ", "\n- ", "''", "\\\"", "a: b", "{a: 1}", "[1, 2]", "\n\n",
    "\xEF\xBB\xBF", "\xC2\x85", "\xE2\x80\xA8", "x", "1", "Null", ": x", "\"a\\nb\"", "'it''s'", " - ",
};

std::string mutate(std::string text, TestRandom* r) {
  int count = 1 + static_cast<int>(r->below(r->below(4) == 0 ? 12 : 3));
  for (int i = 0; i < count; ++i) {
    size_t at = r->below(text.size() + 1);
    switch (r->below(4)) {
      case 0:
      case 1:
        text.insert(at, kPieces[r->below(kPieces.size())]);
        break;
      case 2:
        text.erase(at, 1 + r->below(3));
        break;
      default: {
        // Shift a line by one or two spaces, or repeat it.
        size_t start = text.rfind('\n', at == 0 ? 0 : at - 1);
        start = start == std::string::npos ? 0 : start + 1;
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        size_t how = r->below(3);
        if (how == 0) text.insert(start, r->below(2) ? " " : "  ");
        else if (how == 1 && text.compare(start, 1, " ") == 0) text.erase(start, 1);
        else text.insert(start, text.substr(start, end - start) + "\n");
      }
    }
  }
  return text;
}

// The YAML of every content file of the repository (front matter included).
std::vector<std::string> content_yaml() {
  DiskFileSystem fs(BILAN_SOURCE_DIR);
  std::vector<std::string> out;
  std::vector<std::string> paths = fs.list("content");
  paths.push_back("assets/style.yaml");
  for (const auto& path : paths) {
    std::string text, err;
    if (!fs.read(path, &text, &err)) continue;
    if (path.size() > 5 && path.compare(path.size() - 5, 5, ".yaml") == 0) {
      out.push_back(text);
    } else if (path.size() > 3 && path.compare(path.size() - 3, 3, ".md") == 0) {
      FrontMatter fm = split_front_matter(text, &err);
      if (fm.present) out.push_back(fm.yaml);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the subset parser reads block and flow collections as yaml-cpp does") {
  CHECK(subset_tree("a: 1\nb: x y\n") == "0:0 {0:0 'a': 0:3 '1', 1:0 'b': 1:3 'x y', }");
  CHECK(subset_tree("# about\n\nid: x  # the id\nlist:\n  - a\n  - 'b''c'\n  - \"d\\\"e\"\n") ==
        "2:0 {2:0 'id': 2:4 'x', 3:0 'list': 4:2 [4:4 'a', 5:4 'b'c', 6:4 'd\"e', ], }");
  CHECK(subset_tree("k: { a: 1, b: [x, \"y\"], c: {} }\n") ==
        "0:0 {0:0 'k': 0:3 {0:5 'a': 0:8 '1', 0:11 'b': 0:14 [0:15 'x', 0:18 'y', ], 0:24 'c': 0:27 {}, }, }");
  CHECK(subset_tree("s:\n- a: 1\n  b:\n  - x\n  c: ~\nt: null\n") ==
        "0:0 {0:0 's': 1:0 [1:2 {1:2 'a': 1:5 '1', 2:2 'b': 3:2 [3:4 'x', ], 4:2 'c': 4:5 null, }, ], "
        "5:0 't': 5:3 null, }");
}

TEST_CASE("an empty value takes the mark of what follows it") {
  CHECK(subset_tree("a:\nb: 1\n") == "0:0 {0:0 'a': 1:0 null, 1:0 'b': 1:3 '1', }");
  CHECK(subset_tree("x:\n  y:\n    z:\nw: 1") ==
        "0:0 {0:0 'x': 1:2 {1:2 'y': 2:4 {2:4 'z': 3:0 null, }, }, 3:0 'w': 3:3 '1', }");
  CHECK(subset_tree("a: 1\nb:\n\n# c\n") == "0:0 {0:0 'a': 0:3 '1', 1:0 'b': 4:0 null, }");
  CHECK(subset_tree("l:\n  -\n  - a\n  -\n") == "0:0 {0:0 'l': 1:2 [2:2 null, 2:4 'a', 4:0 null, ], }");
}

TEST_CASE("the subset parser leaves everything else to yaml-cpp") {
  for (const char* text : {
           "",                        // empty: yaml-cpp says so
           "# only a comment\n",      //
           "a: &x 1\nb: *x\n",        // anchors and aliases
           "a: !tag 1\n",             // tags
           "a: |\n  text\n",          // block scalars
           "a: >\n  text\n",          //
           "a: x\n  y\n",             // a plain scalar over two lines
           "a: \"x\n  y\"\n",         // a quoted one
           "a: \"\\n\"\n",            // escapes other than \" and \\ .
           "a: [1,\n 2]\n",           // a flow collection over two lines
           "a: [1, ]\n",              // an empty entry
           "a:\tb\n",                 // tabs
           "a: b\r\n",                // carriage returns
           "\xEF\xBB\xBF" "a: b\n",   // a byte order mark
           "a: b\n---\nc: d\n",       // documents
           "%YAML 1.2\n---\na: b\n",  // directives
           "? a\n: b\n",              // complex keys
           "\"a\": b\n",              // quoted keys
           "a b: c\n",                // keys with spaces
           "a: b: c\n",               // errors
           "a: 1\n b: 2\n",           //
           "- - a\n",                 //
           "  a: 1\n",                // an indented document
           "a\n",                     // a scalar document
           "a: 1\nb:",                // an empty value at the end of a text without a final line break
           "_:\n  _:\n ",             //
       }) {
    INFO(text);
    YamlTree tree;
    CHECK_FALSE(parse_yaml_subset(text, &tree));
  }
}

TEST_CASE("the subset parser's recursion is bounded") {
  YamlTree tree;
  CHECK_FALSE(parse_yaml_subset("a: " + std::string(100000, '[') + std::string(100000, ']') + "\n", &tree));
  std::string deep;
  for (int i = 0; i < 1000; ++i) deep += std::string(static_cast<size_t>(i) * 2, ' ') + "k:\n";
  CHECK_FALSE(parse_yaml_subset(deep, &tree));
}

TEST_CASE("every content file is read the same by both parsers") {
  int accepted = 0;
  std::vector<std::string> texts = content_yaml();
  REQUIRE(texts.size() > 20);
  for (const auto& text : texts)
    if (!subset_tree(text).empty()) ++accepted;
  // Nearly all of them are in the subset.
  CHECK(accepted * 10 >= static_cast<int>(texts.size()) * 9);
}

TEST_CASE("mutated content files are read the same by both parsers, or left to yaml-cpp") {
  std::vector<std::string> texts = content_yaml();
  MemoryFileSystem small = small_project();
  for (const auto& path : small.list("content")) {
    std::string text, err;
    if (small.read(path, &text, &err) && path.find(".yaml") != std::string::npos) texts.push_back(text);
  }
  // BILAN_SUBSET_MUTANTS raises the count for a longer search,
  // BILAN_SUBSET_SEED changes the mutations.
  const char* seed = std::getenv("BILAN_SUBSET_SEED");
  TestRandom r{seed ? std::strtoull(seed, nullptr, 10) : 20261125};
  const char* env = std::getenv("BILAN_SUBSET_MUTANTS");
  int mutants = env ? std::atoi(env) : 3000;
  int accepted = 0;
  for (int i = 0; i < mutants; ++i) {
    std::string text = mutate(texts[r.below(texts.size())], &r);
    if (!subset_tree(text).empty()) ++accepted;
  }
  CHECK(accepted > 0);
}
