#include "render/pdf/font_subset.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>

namespace bilan {

namespace {

std::uint16_t u16(std::string_view b, size_t at) {
  return static_cast<std::uint16_t>((static_cast<unsigned char>(b[at]) << 8) | static_cast<unsigned char>(b[at + 1]));
}

std::uint32_t u32(std::string_view b, size_t at) {
  return (static_cast<std::uint32_t>(u16(b, at)) << 16) | u16(b, at + 2);
}

void put16(std::string* out, std::uint32_t v) {
  out->push_back(static_cast<char>((v >> 8) & 0xFF));
  out->push_back(static_cast<char>(v & 0xFF));
}

void put32(std::string* out, std::uint32_t v) {
  put16(out, v >> 16);
  put16(out, v & 0xFFFF);
}

void set16(std::string* out, size_t at, std::uint32_t v) {
  (*out)[at] = static_cast<char>((v >> 8) & 0xFF);
  (*out)[at + 1] = static_cast<char>(v & 0xFF);
}

void set32(std::string* out, size_t at, std::uint32_t v) {
  set16(out, at, v >> 16);
  set16(out, at + 2, v & 0xFFFF);
}

// The big-endian 32-bit word at `p`, read in one load.
std::uint32_t big_endian_word(const void* p) {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  w = __builtin_bswap32(w);
#endif
  return w;
}


// Composite glyph flags (TrueType 'glyf').
constexpr std::uint16_t kArgsAreWords = 0x0001;
constexpr std::uint16_t kHaveScale = 0x0008;
constexpr std::uint16_t kMoreComponents = 0x0020;
constexpr std::uint16_t kHaveXYScale = 0x0040;
constexpr std::uint16_t kHaveTwoByTwo = 0x0080;

// Calls visit(offset of the component's glyph index within `glyph`) for each
// component of a composite glyph; false when the data runs out.
template <typename Visit>
bool for_each_component(std::string_view glyph, Visit visit) {
  size_t at = 10;  // after numberOfContours and the bounding box
  for (;;) {
    if (at + 4 > glyph.size()) return false;
    std::uint16_t flags = u16(glyph, at);
    visit(at + 2);
    at += 4 + ((flags & kArgsAreWords) ? 4 : 2);
    if (flags & kHaveScale) at += 2;
    else if (flags & kHaveXYScale) at += 4;
    else if (flags & kHaveTwoByTwo) at += 8;
    if (!(flags & kMoreComponents)) return at <= glyph.size();
  }
}

struct Table {
  std::uint32_t offset = 0, length = 0;
  bool present = false;
};

// A format 4 cmap (platform 3, encoding 1) for sorted (code point, glyph) pairs.
std::string format4_cmap(const std::vector<std::pair<std::uint32_t, std::uint16_t>>& map) {
  struct Segment {
    std::uint32_t start, end;
    std::uint16_t delta;
  };
  std::vector<Segment> segments;
  for (const auto& [cp, gid] : map) {
    if (cp >= 0xFFFF) continue;
    const std::uint16_t delta = static_cast<std::uint16_t>(gid - cp);
    if (!segments.empty() && segments.back().end + 1 == cp && segments.back().delta == delta) {
      segments.back().end = cp;
    } else {
      segments.push_back({cp, cp, delta});
    }
  }
  segments.push_back({0xFFFF, 0xFFFF, 1});  // the required last segment, to glyph 0
  const std::uint32_t count = static_cast<std::uint32_t>(segments.size());
  std::uint32_t power = 1, selector = 0;
  while (power * 2 <= count) power *= 2, ++selector;
  std::string sub;
  put16(&sub, 4);                  // format
  put16(&sub, 16 + 8 * count);     // length
  put16(&sub, 0);                  // language
  put16(&sub, 2 * count);          // segCountX2
  put16(&sub, 2 * power);          // searchRange
  put16(&sub, selector);           // entrySelector
  put16(&sub, 2 * count - 2 * power);  // rangeShift
  for (const Segment& s : segments) put16(&sub, s.end);
  put16(&sub, 0);  // reservedPad
  for (const Segment& s : segments) put16(&sub, s.start);
  for (const Segment& s : segments) put16(&sub, s.delta);
  for (size_t i = 0; i < segments.size(); ++i) put16(&sub, 0);  // idRangeOffset
  std::string cmap;
  put16(&cmap, 0);   // version
  put16(&cmap, 1);   // one subtable
  put16(&cmap, 3);   // Windows
  put16(&cmap, 1);   // Unicode BMP
  put32(&cmap, 12);  // its offset
  return cmap + sub;
}

}  // namespace

bool subset_truetype(std::string_view ttf, const std::vector<std::uint16_t>& glyphs,
                     const std::vector<std::pair<char32_t, std::uint16_t>>& code_points, FontSubset* out,
                     std::string* err) {
  *out = FontSubset{};
  auto fail = [&](const std::string& why) {
    *err = "cannot subset the font: " + why;
    return false;
  };
  if (ttf.size() < 12) return fail("too short");
  const std::uint32_t version = u32(ttf, 0);
  if (version != 0x00010000 && version != 0x74727565 /* 'true' */) return fail("not a TrueType font");
  const std::uint16_t table_count = u16(ttf, 4);
  if (12 + 16 * static_cast<size_t>(table_count) > ttf.size()) return fail("table directory out of bounds");

  // The tables kept, in tag order (the order of the directory).
  static constexpr std::array<const char*, 13> kTags = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                                        "hmtx", "loca", "maxp", "name", "post", "prep"};
  std::map<std::string, Table> tables;
  for (size_t i = 0; i < table_count; ++i) {
    const size_t rec = 12 + 16 * i;
    Table t{u32(ttf, rec + 8), u32(ttf, rec + 12), true};
    if (t.offset > ttf.size() || t.length > ttf.size() - t.offset) return fail("table out of bounds");
    tables[std::string(ttf.substr(rec, 4))] = t;
  }
  auto table = [&](const char* tag) { return tables.count(tag) ? tables[tag] : Table{}; };
  auto data = [&](const Table& t) { return ttf.substr(t.offset, t.length); };
  const Table head = table("head"), hhea = table("hhea"), maxp = table("maxp"), hmtx = table("hmtx"),
              loca = table("loca"), glyf = table("glyf");
  if (!head.present || !hhea.present || !maxp.present || !hmtx.present || !loca.present || !glyf.present)
    return fail("a required table (head, hhea, maxp, hmtx, loca or glyf) is missing");
  if (head.length < 54 || hhea.length < 36 || maxp.length < 6) return fail("short head, hhea or maxp table");

  const bool long_loca = u16(ttf, head.offset + 50) != 0;
  const std::uint32_t glyph_count = u16(ttf, maxp.offset + 4);
  const std::uint32_t metric_count = u16(ttf, hhea.offset + 34);
  if (glyph_count == 0 || metric_count == 0 || metric_count > glyph_count) return fail("bad glyph count");
  if (loca.length < (glyph_count + 1) * (long_loca ? 4u : 2u)) return fail("short loca table");
  if (hmtx.length < 4 * metric_count + 2 * (glyph_count - metric_count)) return fail("short hmtx table");

  std::vector<std::uint32_t> offsets(glyph_count + 1);
  for (std::uint32_t g = 0; g <= glyph_count; ++g) {
    offsets[g] = long_loca ? u32(ttf, loca.offset + 4 * g) : 2u * u16(ttf, loca.offset + 2 * g);
    if (offsets[g] > glyf.length || (g > 0 && offsets[g] < offsets[g - 1])) return fail("bad loca offsets");
  }
  auto glyph_data = [&](std::uint32_t g) {
    return ttf.substr(glyf.offset + offsets[g], offsets[g + 1] - offsets[g]);
  };
  auto composite = [&](std::string_view g) { return g.size() >= 10 && static_cast<std::int16_t>(u16(g, 0)) < 0; };

  // The glyph set: .notdef, the glyphs asked for, their components.
  std::vector<char> kept(glyph_count, 0);
  std::vector<std::uint32_t> todo{0};
  for (std::uint16_t g : glyphs)
    if (g < glyph_count) todo.push_back(g);
  while (!todo.empty()) {
    std::uint32_t g = todo.back();
    todo.pop_back();
    if (kept[g]) continue;
    kept[g] = 1;
    std::string_view gd = glyph_data(g);
    if (composite(gd) && !for_each_component(gd, [&](size_t at) {
          std::uint16_t c = u16(gd, at);
          if (c < glyph_count && !kept[c]) todo.push_back(c);
        }))
      return fail("composite glyph " + std::to_string(g) + " is cut short");
  }
  out->new_ids.assign(glyph_count, 0);
  std::vector<std::uint32_t> old_ids;
  for (std::uint32_t g = 0; g < glyph_count; ++g) {
    if (!kept[g]) continue;
    out->new_ids[g] = static_cast<std::uint16_t>(old_ids.size());
    old_ids.push_back(g);
  }
  const std::uint32_t count = static_cast<std::uint32_t>(old_ids.size());
  out->glyph_count = static_cast<int>(count);

  // glyf and loca.
  std::string new_glyf, new_loca;
  std::vector<std::uint32_t> new_offsets{0};
  for (std::uint32_t g : old_ids) {
    std::string_view gd = glyph_data(g);
    const size_t at = new_glyf.size();
    new_glyf.append(gd.data(), gd.size());
    if (composite(gd)) {
      for_each_component(gd, [&](size_t c) {
        const std::uint16_t old_id = u16(gd, c);
        set16(&new_glyf, at + c, old_id < glyph_count ? out->new_ids[old_id] : 0);
      });
    }
    // Short offsets count words: keep glyphs at even offsets.
    if (!long_loca && new_glyf.size() % 2) new_glyf.push_back('\0');
    new_offsets.push_back(static_cast<std::uint32_t>(new_glyf.size()));
  }
  for (std::uint32_t o : new_offsets) long_loca ? put32(&new_loca, o) : put16(&new_loca, o / 2);
  if (!long_loca && new_glyf.size() / 2 > 0xFFFF) return fail("glyph data too large for short loca offsets");

  // hmtx: one long metric (advance, left side bearing) per glyph.
  std::string new_hmtx;
  for (std::uint32_t g : old_ids) {
    const std::uint32_t m = std::min(g, metric_count - 1);
    put16(&new_hmtx, u16(ttf, hmtx.offset + 4 * m));
    put16(&new_hmtx, g < metric_count ? u16(ttf, hmtx.offset + 4 * g + 2)
                                      : u16(ttf, hmtx.offset + 4 * metric_count + 2 * (g - metric_count)));
  }

  std::string new_hhea(data(hhea));
  set16(&new_hhea, 34, count);
  std::string new_maxp(data(maxp));
  set16(&new_maxp, 4, count);
  std::string new_head(data(head));
  set32(&new_head, 8, 0);  // checkSumAdjustment, computed last

  std::vector<std::pair<std::uint32_t, std::uint16_t>> map;
  for (const auto& [cp, g] : code_points)
    if (g < glyph_count && kept[g] && g != 0) map.emplace_back(static_cast<std::uint32_t>(cp), out->new_ids[g]);
  std::sort(map.begin(), map.end());
  map.erase(std::unique(map.begin(), map.end(),
                        [](const auto& a, const auto& b) { return a.first == b.first; }),
            map.end());

  std::map<std::string, std::string> written;
  for (const char* tag : kTags) {
    const std::string t = tag;
    if (t == "glyf") written[t] = std::move(new_glyf);
    else if (t == "loca") written[t] = std::move(new_loca);
    else if (t == "hmtx") written[t] = std::move(new_hmtx);
    else if (t == "hhea") written[t] = std::move(new_hhea);
    else if (t == "maxp") written[t] = std::move(new_maxp);
    else if (t == "head") written[t] = std::move(new_head);
    else if (t == "cmap") written[t] = format4_cmap(map);
    else if (t == "post") {
      const Table post = table("post");
      if (post.present && post.length >= 32) {
        std::string p(data(post).substr(0, 32));
        set32(&p, 0, 0x00030000);
        written[t] = std::move(p);
      }
    } else if (table(tag).present) {
      written[t] = std::string(data(table(tag)));
    }
  }

  // The file: offset table, directory in tag order, tables on 4-byte boundaries.
  const std::uint32_t n = static_cast<std::uint32_t>(written.size());
  std::uint32_t power = 1, selector = 0;
  while (power * 2 <= n) power *= 2, ++selector;
  std::string& font = out->bytes;
  put32(&font, 0x00010000);
  put16(&font, n);
  put16(&font, 16 * power);
  put16(&font, selector);
  put16(&font, 16 * n - 16 * power);
  size_t offset = 12 + 16 * static_cast<size_t>(n);
  size_t head_at = 0;
  for (const auto& [tag, bytes] : written) {  // std::map: tag order
    font.append(tag);
    put32(&font, truetype_checksum(bytes));
    put32(&font, static_cast<std::uint32_t>(offset));
    put32(&font, static_cast<std::uint32_t>(bytes.size()));
    if (tag == "head") head_at = offset;
    offset += (bytes.size() + 3) / 4 * 4;
  }
  for (const auto& [tag, bytes] : written) {
    font += bytes;
    font.append((4 - bytes.size() % 4) % 4, '\0');
  }
  set32(&font, head_at + 8, 0xB1B0AFBAu - truetype_checksum(font));
  return true;
}

// Whole words are read four bytes at a time: fonts are hundreds of kilobytes.
std::uint32_t truetype_checksum(std::string_view b) {
  std::uint32_t sum = 0;
  size_t i = 0;
  for (; i + 4 <= b.size(); i += 4) {
    sum += big_endian_word(b.data() + i);
  }
  if (i < b.size()) {
    unsigned char tail[4] = {0, 0, 0, 0};
    std::memcpy(tail, b.data() + i, b.size() - i);
    sum += (static_cast<std::uint32_t>(tail[0]) << 24) | (static_cast<std::uint32_t>(tail[1]) << 16) |
           (static_cast<std::uint32_t>(tail[2]) << 8) | tail[3];
  }
  return sum;
}

}  // namespace bilan
