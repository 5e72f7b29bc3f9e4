// Page content written straight into a libharu page's content stream.
//
// libharu's drawing calls (HPDF_Page_LineTo, HPDF_Page_ShowText...) each
// check state, clear a 2 KB buffer byte by byte and print numbers with five
// decimals of a float ("785.14001"): a map of a few thousand points cost
// more than all the rest of a page, and the long numbers made the content
// streams (and their compression) several times larger than needed. The
// page builders that draw much (charts, maps, text) compose their
// operators here instead and hand libharu whole sequences.
//
//   std::string ops = "q\n";
//   append_pdf_number(&ops, 785.1400146); ops += ' ';   // "785.14 "
//   ...
//   ops += "f\nQ\n";
//   append_page_content(page, ops);
//
// Numbers have two decimals (1/7200 inch), colours three (every 8-bit
// channel value k/255 reads back as k).
#pragma once

#include <hpdf.h>

#include <string>
#include <string_view>

namespace bilan {

/// Appends `v` as a PDF number rounded to `decimals` (0 to 4) decimals,
/// without trailing zeros or exponent: 785.1400146 -> "785.14", 2.0 -> "2",
/// -0.001 -> "0". Not-a-number and infinities are written as 0.
void append_pdf_number(std::string* out, double v, int decimals = 2);

/// Appends "x y" (two numbers separated by a space, two decimals).
void append_pdf_point(std::string* out, double x, double y);

/// Appends "r g b rg" (fill) or "r g b RG" (stroke) for a "#rrggbb" colour
/// (black when it does not parse).
void append_pdf_color(std::string* out, const std::string& hex, bool stroke);

/// Appends `ops` (content-stream operators, each line ended by '\n') to the
/// content stream of `page`.
///
/// Contract: `ops` is self-contained (balanced q/Q, every path followed by
/// its painting operator, every BT by its ET), and the page is in libharu's
/// page description mode (no path or text object of libharu's own left
/// open). libharu's bookkeeping (graphics mode, saved states) then stays
/// true for the calls that follow. Otherwise nothing is written and an
/// "invalid graphics mode" error is raised on the page, reported like the
/// errors of libharu's own drawing calls. Returns whether it wrote.
bool append_page_content(HPDF_Page page, std::string_view ops);

/// `data` compressed for /FlateDecode (the zlib format) by libdeflate at
/// `level` (1 fastest .. 12 smallest), into *out. The same input and level
/// always give the same bytes. False when out of memory.
bool deflate_bytes(std::string_view data, int level, std::string* out);

/// deflate_bytes for many streams in a row: one libdeflate compressor, made
/// at the first stream (it holds several hundred kilobytes of tables).
/// Gives the same bytes as deflate_bytes. Not thread-safe: one per thread.
class Deflater {
 public:
  explicit Deflater(int level) : level_(level) {}
  ~Deflater();
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
  bool compress(std::string_view data, std::string* out);

 private:
  int level_;
  void* state_ = nullptr;  // a libdeflate_compressor, once used
};

}  // namespace bilan
