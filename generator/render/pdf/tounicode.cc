#include "render/pdf/tounicode.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace bilan {

namespace {

// The CMap format limits each begin...end block to 100 lines.
constexpr size_t kMaxLinesPerBlock = 100;

std::string hex4(char32_t code) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "<%04X>", static_cast<unsigned>(code));
  return buf;
}

void write_blocks(const std::vector<std::string>& lines, const char* op, std::string* out) {
  for (size_t start = 0; start < lines.size(); start += kMaxLinesPerBlock) {
    size_t end = std::min(lines.size(), start + kMaxLinesPerBlock);
    *out += std::to_string(end - start) + " begin" + op + "\n";
    for (size_t i = start; i < end; ++i) *out += lines[i] + "\n";
    *out += std::string("end") + op + "\n";
  }
}

}  // namespace

std::string identity_to_unicode_cmap(const std::vector<char32_t>& code_points) {
  std::vector<std::string> ranges;
  std::vector<std::string> chars;
  for (size_t i = 0; i < code_points.size();) {
    // A bfrange may only vary the last byte of its codes (§9.10.3), so a run
    // of consecutive code points stops at a high-byte boundary.
    size_t j = i;
    while (j + 1 < code_points.size() && code_points[j + 1] == code_points[j] + 1 &&
           (code_points[j + 1] >> 8) == (code_points[i] >> 8)) {
      ++j;
    }
    if (j > i) {
      ranges.push_back(hex4(code_points[i]) + " " + hex4(code_points[j]) + " " + hex4(code_points[i]));
    } else {
      chars.push_back(hex4(code_points[i]) + " " + hex4(code_points[i]));
    }
    i = j + 1;
  }

  std::string out =
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\n"
      "begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n"
      "/CMapType 2 def\n"
      "1 begincodespacerange\n"
      "<0000> <FFFF>\n"
      "endcodespacerange\n";
  write_blocks(ranges, "bfrange", &out);
  write_blocks(chars, "bfchar", &out);
  out +=
      "endcmap\n"
      "CMapName currentdict /CMap defineresource pop\n"
      "end\n"
      "end\n";
  return out;
}

}  // namespace bilan
