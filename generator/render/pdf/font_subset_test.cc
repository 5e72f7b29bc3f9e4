#include "render/pdf/font_subset.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

using namespace bilan;

namespace {

// Debian's fonts-dejavu-core: composite glyphs (é is e + acute), a long
// 'hmtx', a format 4 'cmap'.
const char* const kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

unsigned u16(const std::string& b, size_t at) {
  return (static_cast<unsigned char>(b[at]) << 8) | static_cast<unsigned char>(b[at + 1]);
}
unsigned u32(const std::string& b, size_t at) { return (u16(b, at) << 16) | u16(b, at + 2); }

// A minimal reader of the tables of a TrueType file, for the checks.
struct Font {
  std::string bytes;
  std::map<std::string, std::pair<size_t, size_t>> tables;  // tag -> offset, length
  explicit Font(std::string b) : bytes(std::move(b)) {
    for (unsigned i = 0; i < u16(bytes, 4); ++i) {
      size_t rec = 12 + 16 * i;
      tables[bytes.substr(rec, 4)] = {u32(bytes, rec + 8), u32(bytes, rec + 12)};
    }
  }
  size_t at(const std::string& tag) const { return tables.at(tag).first; }
  unsigned glyph_count() const { return u16(bytes, at("maxp") + 4); }
  bool long_loca() const { return u16(bytes, at("head") + 50) != 0; }
  std::string glyph(unsigned g) const {
    auto offset = [&](unsigned i) {
      return long_loca() ? u32(bytes, at("loca") + 4 * i) : 2 * u16(bytes, at("loca") + 2 * i);
    };
    return bytes.substr(at("glyf") + offset(g), offset(g + 1) - offset(g));
  }
  unsigned advance(unsigned g) const {
    unsigned metrics = u16(bytes, at("hhea") + 34);
    return u16(bytes, at("hmtx") + 4 * std::min(g, metrics - 1));
  }
  // The glyph of `cp` through the format 4 subtable (3, 1) of 'cmap'.
  unsigned glyph_of(unsigned cp) const {
    size_t cmap = at("cmap");
    for (unsigned i = 0; i < u16(bytes, cmap + 2); ++i) {
      size_t rec = cmap + 4 + 8 * i;
      if (u16(bytes, rec) != 3 || u16(bytes, rec + 2) != 1) continue;
      size_t sub = cmap + u32(bytes, rec + 4);
      unsigned segs = u16(bytes, sub + 6) / 2;
      for (unsigned s = 0; s < segs; ++s) {
        unsigned end = u16(bytes, sub + 14 + 2 * s), start = u16(bytes, sub + 16 + 2 * segs + 2 * s);
        unsigned delta = u16(bytes, sub + 16 + 4 * segs + 2 * s);
        unsigned range = u16(bytes, sub + 16 + 6 * segs + 2 * s);
        if (cp < start || cp > end) continue;
        if (range == 0) return (cp + delta) & 0xFFFF;
        size_t at_glyph = sub + 16 + 6 * segs + 2 * s + range + 2 * (cp - start);
        unsigned g = u16(bytes, at_glyph);
        return g == 0 ? 0 : (g + delta) & 0xFFFF;
      }
    }
    return 0;
  }
  // Sums the file as TrueType does; a valid font sums to 0xB1B0AFBA.
  unsigned file_sum() const {
    unsigned sum = 0;
    std::string padded = bytes + std::string((4 - bytes.size() % 4) % 4, '\0');
    for (size_t i = 0; i < padded.size(); i += 4) sum += u32(padded, i);
    return sum;
  }
};

}  // namespace

TEST_CASE("a subset keeps the glyphs asked for and their components, renumbered", "[pdf][fonts]") {
  std::string ttf = read(kDejaVu);
  if (ttf.empty()) {
    WARN("DejaVu Sans not found (Debian package fonts-dejavu-core): test skipped");
    return;
  }
  const Font full(ttf);
  std::vector<std::pair<char32_t, std::uint16_t>> code_points;
  std::vector<std::uint16_t> glyphs;
  for (char32_t cp : {U'A', U'B', U'é', U'►'}) {
    std::uint16_t g = static_cast<std::uint16_t>(full.glyph_of(cp));
    REQUIRE(g != 0);
    glyphs.push_back(g);
    code_points.emplace_back(cp, g);
  }
  FontSubset subset;
  std::string err;
  REQUIRE(subset_truetype(ttf, glyphs, code_points, &subset, &err));
  CHECK(err.empty());
  const Font small(subset.bytes);

  // .notdef, A, B, é, ►, and the components of é (e and the acute accent).
  const std::string e_acute = full.glyph(full.glyph_of(U'é'));
  REQUIRE(static_cast<std::int16_t>(u16(e_acute, 0)) < 0);  // composite in DejaVu
  CHECK(subset.glyph_count == 7);
  CHECK(small.glyph_count() == 7u);
  CHECK(subset.bytes.size() < ttf.size() / 20);
  CHECK(small.file_sum() == 0xB1B0AFBAu);
  CHECK(small.tables.count("post"));
  CHECK(u32(small.bytes, small.at("post")) == 0x00030000u);
  CHECK(small.tables.count("GSUB") == 0);

  for (const auto& [cp, g] : code_points) {
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    const unsigned ng = subset.new_ids[g];
    CHECK(ng != 0);
    CHECK(small.glyph_of(cp) == ng);  // the subset's own cmap
    CHECK(small.advance(ng) == full.advance(g));
    if (cp != U'é') CHECK(small.glyph(ng) == full.glyph(g));  // simple glyphs: the same outline bytes
  }
  // é points at its components' new ids.
  const std::string composite = small.glyph(subset.new_ids[full.glyph_of(U'é')]);
  CHECK(composite.size() == e_acute.size());
  unsigned first_component = u16(e_acute, 12);
  CHECK(u16(composite, 12) == subset.new_ids[first_component]);
  CHECK(subset.new_ids[first_component] != 0);
  CHECK(small.glyph(subset.new_ids[first_component]) == full.glyph(first_component));

  // Deterministic: the same glyphs, in any order, give the same bytes.
  FontSubset again;
  std::vector<std::uint16_t> reversed(glyphs.rbegin(), glyphs.rend());
  REQUIRE(subset_truetype(ttf, reversed, code_points, &again, &err));
  CHECK(again.bytes == subset.bytes);
}

TEST_CASE("what is not a TrueType font is refused with a reason", "[pdf][fonts]") {
  FontSubset subset;
  std::string err;
  CHECK_FALSE(subset_truetype("not a font at all", {1}, {}, &subset, &err));
  CHECK(err == "cannot subset the font: not a TrueType font");
  const std::string cut = std::string("\x00\x01\x00\x00\x00\x09", 6) + std::string(6, '\0');  // 9 tables, none there
  CHECK_FALSE(subset_truetype(cut, {1}, {}, &subset, &err));
  CHECK(err == "cannot subset the font: table directory out of bounds");
}
