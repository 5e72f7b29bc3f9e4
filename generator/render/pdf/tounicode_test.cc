#include "render/pdf/tounicode.h"

#include <catch2/catch.hpp>

namespace bilan {
namespace {

const char* const kHeader =
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n"
    "/CMapType 2 def\n"
    "1 begincodespacerange\n"
    "<0000> <FFFF>\n"
    "endcodespacerange\n";

const char* const kFooter =
    "endcmap\n"
    "CMapName currentdict /CMap defineresource pop\n"
    "end\n"
    "end\n";

TEST_CASE("runs of code points become bfrange lines, lone ones bfchar lines", "[tounicode]") {
  // " !\"" then é, Œ, ’.
  std::string cmap = identity_to_unicode_cmap({0x20, 0x21, 0x22, 0xE9, 0x152, 0x2019});
  CHECK(cmap == std::string(kHeader) +
                    "1 beginbfrange\n"
                    "<0020> <0022> <0020>\n"
                    "endbfrange\n"
                    "3 beginbfchar\n"
                    "<00E9> <00E9>\n"
                    "<0152> <0152>\n"
                    "<2019> <2019>\n"
                    "endbfchar\n" +
                    kFooter);
}

TEST_CASE("a bfrange never crosses a high-byte boundary", "[tounicode]") {
  // U+00FE..U+0101 are consecutive but a bfrange may only vary the last byte.
  std::string cmap = identity_to_unicode_cmap({0xFE, 0xFF, 0x100, 0x101});
  CHECK(cmap == std::string(kHeader) +
                    "2 beginbfrange\n"
                    "<00FE> <00FF> <00FE>\n"
                    "<0100> <0101> <0100>\n"
                    "endbfrange\n" +
                    kFooter);
}

TEST_CASE("blocks hold at most 100 lines", "[tounicode]") {
  std::vector<char32_t> code_points;
  for (char32_t cp = 0x100; cp < 0x100 + 2 * 150; cp += 2) code_points.push_back(cp);  // 150 lone code points
  std::string cmap = identity_to_unicode_cmap(code_points);
  CHECK(cmap.find("100 beginbfchar\n<0100> <0100>\n") != std::string::npos);
  CHECK(cmap.find("<01C6> <01C6>\nendbfchar\n50 beginbfchar\n<01C8> <01C8>\n") != std::string::npos);
  CHECK(cmap.find("<022A> <022A>\nendbfchar\nendcmap\n") != std::string::npos);
}

TEST_CASE("an empty set gives a cmap without mappings", "[tounicode]") {
  CHECK(identity_to_unicode_cmap({}) == std::string(kHeader) + kFooter);
}

}  // namespace
}  // namespace bilan
