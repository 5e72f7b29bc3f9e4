#include "load/yaml_check.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "load/test_random.h"

using namespace bilan;

namespace {

// The nesting check as first written, byte by byte: parse_yaml's faster one
// must answer the same, position included.
bool reference_nesting_ok(const std::string& text, int* line, int* column) {
  int depth = 0;
  int ln = 1;
  size_t line_start = 0;
  char quote = 0;
  bool comment = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      ++ln, line_start = i + 1, comment = false;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (c == quote) quote = 0;
      else if (c == '\\' && quote == '"') ++i;
      continue;
    }
    if (c == '#' && (i == line_start || text[i - 1] == ' ')) {
      comment = true;
      continue;
    }
    if (c == '"' || c == '\'') {
      if (i == line_start || text[i - 1] == ' ' || text[i - 1] == '[' || text[i - 1] == '{' || text[i - 1] == ',')
        quote = c;
      continue;
    }
    if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) {
        *line = ln, *column = static_cast<int>(i - line_start) + 1;
        return false;
      }
    } else if (c == ']' || c == '}') {
      if (depth > 0) --depth;
    }
    if (i == line_start) {
      size_t k = i;
      while (k < text.size() && (text[k] == ' ' || text[k] == '-')) ++k;
      if (static_cast<int>(k - line_start) > kMaxNesting * 4) {
        *line = ln, *column = 1;
        return false;
      }
    }
  }
  return true;
}


}  // namespace

TEST_CASE("the nesting check finds what the byte-by-byte one finds") {
  const std::vector<std::string> pieces = {"[", "]", "{", "}", "\"", "'", "\\", "#", " #", "\n", " ", "  ",
                                           "-", "a", "é", ",", "[[[[[[[[", std::string(70, ' '), "x: ", "\\\n"};
  TestRandom r{7};
  int refused = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    size_t count = 1 + r.below(120);
    for (size_t i = 0; i < count; ++i) text += pieces[r.below(pieces.size())];
    int line = 0, column = 0;
    bool ok = reference_nesting_ok(text, &line, &column);
    YamlDoc doc;
    doc.path = "x.yaml";
    Diagnostics diags;
    parse_yaml(text, &doc, &diags);
    bool nesting = !diags.empty() && diags[0].message == "nesting deeper than 32 levels";
    INFO(text);
    REQUIRE(nesting == !ok);
    if (!ok) {
      ++refused;
      CHECK(diags[0].pos.line == line);
      CHECK(diags[0].pos.column == column);
    }
  }
  CHECK(refused > 100);
}
