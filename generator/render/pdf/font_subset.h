// TrueType glyph subsetting for the fonts embedded in the PDFs.
//
// libharu 2.3.0 embeds a TrueType font by emptying the outlines of the
// glyphs it did not draw, keeping every glyph id: the 'loca' and 'hmtx'
// tables stay full size (25 KB each for DejaVu Sans, even for one glyph),
// and it copies the font byte by byte through its streams, then reads the
// copy back four bytes at a time for the checksums, which made embedding the
// costliest step of writing a document. This subsetter keeps only the
// glyphs asked for and renumbers them, in one pass over bytes in memory.
//
// The subset is a valid TrueType font for a CIDFontType2 whose
// /CIDToGIDMap maps each code to its *new* glyph id (`new_ids`):
// - glyphs: .notdef (glyph 0), the glyphs asked for and, recursively, the
//   components of composite glyphs, renumbered in their original order;
//   composite glyphs point at their components' new ids;
// - 'glyf', 'loca' (in the font's own short or long format), 'hmtx' (one
//   long metric per glyph), 'hhea' and 'maxp' rewritten for the new count;
// - 'cmap': one format 4 subtable (Windows, Unicode BMP) mapping the given
//   code points to their new glyph ids;
// - 'post' as format 3 (no glyph names: their order would be wrong, and text
//   is extracted through the PDF's ToUnicode map);
// - 'OS/2', 'name', and the hinting tables 'cvt ', 'fpgm', 'prep' copied;
//   every other table is left out, as libharu does;
// - table checksums and head.checkSumAdjustment recomputed.
// The output depends only on the inputs (deterministic).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bilan {

struct FontSubset {
  std::string bytes;                   ///< the TrueType font program
  std::vector<std::uint16_t> new_ids;  ///< old glyph id -> new glyph id; 0 for glyphs left out (and .notdef)
  int glyph_count = 0;                 ///< glyphs in the subset, .notdef included
};

/// Subsets the TrueType font `ttf` to `glyphs` (old glyph ids; ids beyond
/// the font are ignored) and writes a cmap for `code_points` (code point,
/// old glyph id; pairs whose glyph is not kept are left out). Returns false
/// with a message in *err when `ttf` is not a TrueType font it can read
/// (tables missing or out of bounds, a CFF font).
bool subset_truetype(std::string_view ttf, const std::vector<std::uint16_t>& glyphs,
                     const std::vector<std::pair<char32_t, std::uint16_t>>& code_points, FontSubset* out,
                     std::string* err);

/// The TrueType checksum of `bytes` (a table, or a whole font for
/// head.checkSumAdjustment): the sum of its big-endian 32-bit words, the last
/// one padded with zeros.
std::uint32_t truetype_checksum(std::string_view bytes);

}  // namespace bilan
