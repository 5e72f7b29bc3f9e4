// libFuzzer target: the line breaker (layout/typeset.h) with the French
// hyphenation dictionary. The input is text with a small markup, so that the
// seeds stay readable:
//   byte 0        column width: 8 + byte * 2 pt (8 to 518 pt)
//   byte 1        bits 0-1 alignment, bit 2 hyphenation, bit 3 fixed line
//                 height, bits 4-7 first-line indent (0 to 75 pt)
//   then text     where bytes 0x01-0x04 start a run in font 0-3 and bytes
//                 0x05-0x07 set the size of the next runs (6, 9.5, 24 pt).
// The text is made valid UTF-8 without other control characters first, as
// the loader guarantees for every text that reaches the typesetter.
// Checked: positions are finite, a line not flagged `overflow` fits its
// width, and every line not hyphenated holds only text of the paragraph.
#include <sanitizer/lsan_interface.h>

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "layout/typeset.h"
#include "support/utf8.h"

namespace {

// Widths that differ by character, additive like HPDF_Font_TextWidth.
class VaryingWidthMeasurer : public bilan::TextMeasurer {
 public:
  double width(int font, std::string_view utf8, double size) const override {
    double units = 0;
    for (size_t i = 0; i < utf8.size();) {
      char32_t cp = bilan::next_code_point(utf8, &i);
      units += cp == ' ' ? 0.25 : cp == 'm' || cp == 'W' ? 0.8 : cp < 0x80 ? 0.5 : 0.6;
    }
    return units * size * ((font & 1) ? 1.1 : 1.0);
  }
};

const bilan::Hyphenator* french() {
  static std::unique_ptr<bilan::Hyphenator> h = [] {
    std::string error;
    // libhyphen loses a few strings while loading a dictionary, once (see
    // scripts/lsan-suppressions.txt); the leak checker is told to look away
    // for that call only, since its fast stacks stop inside libhyphen.
    __lsan_disable();
    auto loaded = bilan::Hyphenator::load(bilan::kFrenchHyphenDictionary, &error);
    __lsan_enable();
    if (!loaded) {
      std::fprintf(stderr, "fuzz_linebreak: %s\n", error.c_str());
      std::abort();
    }
    return loaded;
  }();
  return h.get();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  bilan::ParagraphStyle style;
  style.width = 8 + data[0] * 2.0;
  const int align = data[1] & 3;
  style.align = align == 0 ? bilan::TextAlign::justify
                : align == 1 ? bilan::TextAlign::left
                : align == 2 ? bilan::TextAlign::center
                             : bilan::TextAlign::right;
  style.hyphenate = (data[1] & 4) != 0;
  if (data[1] & 8) style.line_height = 12;
  style.first_indent = (data[1] >> 4) * 5.0;
  style.indent = 0;

  const std::string_view raw(reinterpret_cast<const char*>(data + 2), size - 2);
  std::vector<bilan::TextRun> runs(1, bilan::TextRun{"", 0, 9.5});
  double next_size = 9.5;
  for (size_t i = 0; i < raw.size();) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c >= 1 && c <= 4) {
      runs.push_back(bilan::TextRun{"", c - 1, next_size});
      ++i;
      continue;
    }
    if (c >= 5 && c <= 7) {
      next_size = c == 5 ? 6 : c == 6 ? 9.5 : 24;
      ++i;
      continue;
    }
    char32_t cp = bilan::next_code_point(raw, &i);
    if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp <= 0x9f)) continue;
    bilan::append_utf8(cp, &runs.back().text);
  }

  VaryingWidthMeasurer measurer;
  bilan::Typesetter typesetter(measurer, french());
  bilan::ParagraphLayout layout = typesetter.set(runs, style);
  for (const auto& line : layout.lines) {
    if (!std::isfinite(line.width) || !std::isfinite(line.height) || !std::isfinite(line.ratio)) __builtin_trap();
    if (!line.overflow && line.width > line.available + 1e-6) __builtin_trap();
    for (const auto& piece : line.pieces) {
      if (!std::isfinite(piece.x) || !std::isfinite(piece.width)) __builtin_trap();
      if (piece.run < 0 || static_cast<size_t>(piece.run) >= runs.size()) __builtin_trap();
    }
  }
  // Setting the same paragraph again with the reused buffers gives the same lines.
  bilan::ParagraphLayout again = typesetter.set(runs, style);
  if (again.lines.size() != layout.lines.size() || again.height != layout.height) __builtin_trap();
  return 0;
}
