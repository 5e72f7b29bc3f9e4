// The quoted line of a diagnostic with hostile or awkward content: long
// lines, control characters, bytes that are not UTF-8.
#include <catch2/catch.hpp>

#include "support/diagnostic.h"

using namespace bilan;

TEST_CASE("a long line is cut to a window around the column") {
  std::string line = std::string(300, 'a') + "X" + std::string(300, 'b');
  std::string q = quote_line(line, 300);
  std::string want_text = "    ..." + std::string(80, 'a') + "X" + std::string(79, 'b') + "...\n";
  std::string want_caret = "    " + std::string(3 + 80, ' ') + "^\n";
  CHECK(q == want_text + want_caret);
}

TEST_CASE("a long line with the column near its start or end") {
  std::string line = "X" + std::string(200, 'a');
  CHECK(quote_line(line, 0) == "    X" + std::string(159, 'a') + "...\n    ^\n");
  std::string end = std::string(200, 'a') + "X";
  CHECK(quote_line(end, 200) == "    ..." + std::string(159, 'a') + "X\n    " + std::string(3 + 159, ' ') + "^\n");
}

TEST_CASE("a long line is never cut inside a character") {
  std::string line;
  for (int i = 0; i < 100; ++i) line += "é";  // 200 bytes
  std::string q = quote_line(line, 0);
  std::string want;
  for (int i = 0; i < 80; ++i) want += "é";
  CHECK(q == "    " + want + "...\n    ^\n");
}

TEST_CASE("control characters are not sent to the terminal") {
  CHECK(quote_line("name: \x1b[2Jx", 6) == "    name: \xEF\xBF\xBD[2Jx\n          ^\n");
  CHECK(quote_line(std::string("a\0b", 3), 2) == "    a\xEF\xBF\xBD" "b\n      ^\n");
  // C1 controls, as UTF-8 (U+009B is a CSI on some terminals).
  CHECK(quote_line("a\xC2\x9B" "b", 3) == "    a\xEF\xBF\xBD" "b\n      ^\n");
  // Tabs stay, and the caret lines up under them.
  CHECK(quote_line("\tkey: x", 1) == "    \tkey: x\n    \t^\n");
}

TEST_CASE("bytes that are not UTF-8 are shown as U+FFFD, one column each") {
  CHECK(quote_line("D\xe9partement", 2) == "    D\xEF\xBF\xBDpartement\n      ^\n");
  CHECK(quote_line("x \xc0\xaf y", 5) == "    x \xEF\xBF\xBD\xEF\xBF\xBD y\n         ^\n");
}

TEST_CASE("a CRLF line end is not quoted") {
  std::string src = "id: x\r\nnme: y\r\n";
  CHECK(format_diagnostic({{"a.yaml", 2, 1}, "unknown key 'nme'"}, &src) ==
        "bilan: error: a.yaml:2:1: unknown key 'nme'\n    nme: y\n    ^\n");
}
