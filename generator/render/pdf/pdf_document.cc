#include "render/pdf/pdf_document.h"

#include <hpdf.h>
// libharu's internal structures, installed by libhpdf-dev 2.3.0 and matching
// the library. Reached only for what the public API lacks: the catalog (/Lang),
// a font's ToUnicode stream and CIDSystemInfo, a TrueType font's cmap, advance
// widths and used-glyph flags.
#include <hpdf_conf.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <utility>

#include "render/pdf/tounicode.h"
#include "support/utf8.h"

// How fonts end up in the file: libharu 2.3.0 embeds TrueType fonts as
// *glyph subsets*. At save time it rewrites 'glyf' and 'loca' keeping the
// outlines of the glyphs it was asked to draw (plus components of composite
// glyphs) and emptying the others, keeps glyph ids unchanged, copies 'cmap',
// 'hmtx', 'name', 'post' and the hinting tables whole, drops the OpenType
// layout tables, and names the font "HPDFAA+Name". Measured on a 10-page
// test document: a Marianne face is 27 KB before compression, 13 KB in the
// file (the whole TTF is 240 KB); DejaVu Sans is 137 KB before compression,
// 49 KB in the file, even for one glyph, because its 'post' (62 KB of glyph
// names), 'name', 'cmap', 'hmtx' and 'loca' tables are copied whole. libharu
// cannot renumber glyphs or drop tables; that would take rewriting the font
// file before loading it (a TrueType subsetter of our own, or pyftsubset from
// Debian's fonttools at set-up time).
//
// Because every Type0 font libharu creates is written to the file, used or
// not, a font is only handed to libharu's HPDF_GetFont when text is first
// drawn with it; measuring uses the font program's tables directly.

extern "C" {
// libharu's error callback. It runs inside libharu's C code, so it must not
// throw or longjmp: it only appends to the list PdfDocument reads after each
// call.
static void bilan_hpdf_error_handler(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) {
  auto* raised = static_cast<std::vector<std::pair<HPDF_STATUS, HPDF_STATUS>>*>(user_data);
  try {
    if (raised->empty() || raised->back() != std::make_pair(code, detail)) raised->emplace_back(code, detail);
  } catch (...) {
    // Out of memory while recording an error: libharu's own error state
    // (HPDF_GetError) still holds the code and is read as a fallback.
  }
}
}

namespace bilan {

namespace {

struct HpdfErrorName {
  unsigned long code;
  const char* name;
};

// From hpdf_error.h, names made readable.
constexpr HpdfErrorName kHpdfErrors[] = {
    {0x1001, "array count error"},
    {0x1002, "array item not found"},
    {0x1003, "array item of unexpected type"},
    {0x1004, "binary length error"},
    {0x1005, "cannot get palette"},
    {0x1007, "dictionary count error"},
    {0x1008, "dictionary item not found"},
    {0x1009, "dictionary item of unexpected type"},
    {0x100A, "dictionary stream length not found"},
    {0x100B, "encryption dictionary not found"},
    {0x100C, "invalid document object"},
    {0x100E, "duplicate registration"},
    {0x100F, "too many jww codes"},
    {0x1011, "invalid encryption password"},
    {0x1013, "unknown object class"},
    {0x1014, "too many saved graphics states"},
    {0x1015, "out of memory"},
    {0x1016, "file input/output error"},
    {0x1017, "file open error"},
    {0x1019, "font already exists"},
    {0x101A, "invalid font widths table"},
    {0x101B, "invalid afm header"},
    {0x101C, "invalid annotation"},
    {0x101E, "invalid bits per component"},
    {0x101F, "invalid character metrics data"},
    {0x1020, "invalid colour space"},
    {0x1021, "invalid compression mode"},
    {0x1022, "invalid date or time"},
    {0x1023, "invalid destination"},
    {0x1025, "invalid document"},
    {0x1026, "invalid document state"},
    {0x1027, "invalid encoder"},
    {0x1028, "invalid encoder type"},
    {0x102B, "invalid encoding name"},
    {0x102C, "invalid encryption key length"},
    {0x102D, "invalid font definition data"},
    {0x102E, "invalid font definition type"},
    {0x102F, "invalid font name"},
    {0x1030, "invalid image"},
    {0x1031, "invalid jpeg data"},
    {0x1032, "invalid n data"},
    {0x1033, "invalid object"},
    {0x1034, "invalid object id"},
    {0x1035, "invalid operation"},
    {0x1036, "invalid outline"},
    {0x1037, "invalid page"},
    {0x1038, "invalid pages"},
    {0x1039, "invalid parameter"},
    {0x103B, "invalid png image"},
    {0x103C, "invalid stream"},
    {0x103D, "missing file name entry"},
    {0x103F, "invalid ttc file"},
    {0x1040, "invalid ttc index"},
    {0x1041, "invalid wx data"},
    {0x1042, "item not found"},
    {0x1043, "libpng error"},
    {0x1044, "invalid name"},
    {0x1045, "name out of range"},
    {0x1048, "invalid page parameter count"},
    {0x1049, "pages missing kids entry"},
    {0x104A, "page object not found"},
    {0x104B, "cannot get root pages"},
    {0x104C, "cannot restore graphics state"},
    {0x104D, "cannot set page parent"},
    {0x104E, "page font not found"},
    {0x104F, "invalid page font"},
    {0x1050, "invalid font size"},
    {0x1051, "invalid graphics mode"},
    {0x1052, "invalid page index"},
    {0x1053, "invalid page rotation"},
    {0x1054, "invalid page size"},
    {0x1055, "invalid xobject"},
    {0x1056, "page out of range"},
    {0x1057, "real number out of range"},
    {0x1058, "end of stream"},
    {0x1059, "stream readln continue"},
    {0x105B, "string out of range"},
    {0x105C, "function was skipped"},
    {0x105D, "truetype font does not allow embedding"},
    {0x105E, "invalid truetype cmap"},
    {0x105F, "invalid truetype format"},
    {0x1060, "missing truetype table"},
    {0x1061, "unsupported font type"},
    {0x1062, "unsupported function"},
    {0x1063, "unsupported jpeg format"},
    {0x1064, "unsupported type1 font"},
    {0x1065, "cross-reference count error"},
    {0x1066, "zlib error"},
    {0x1067, "invalid page index"},
    {0x1068, "invalid uri"},
    {0x1069, "page layout out of range"},
    {0x1070, "page mode out of range"},
    {0x1071, "page number style out of range"},
    {0x1072, "invalid annotation icon"},
    {0x1073, "invalid annotation border style"},
    {0x1074, "invalid page direction"},
    {0x1075, "invalid font"},
    {0x1076, "insufficient space on page"},
    {0x1077, "invalid page display time"},
    {0x1078, "invalid page transition time"},
    {0x1079, "invalid page slideshow type"},
    {0x1080, "extended graphics state out of range"},
    {0x1081, "invalid extended graphics state"},
    {0x1082, "extended graphics state is read only"},
    {0x1083, "invalid u3d data"},
    {0x1084, "cannot get names"},
    {0x1085, "invalid icc component count"},
};

using Raised = std::pair<HPDF_STATUS, HPDF_STATUS>;  // libharu error code, detail

std::string describe(const Raised& e) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "libharu error 0x%04lX", static_cast<unsigned long>(e.first));
  std::string out = buf;
  out += std::string(" (") + hpdf_error_name(e.first) + "), detail " + std::to_string(e.second);
  // For file errors libharu passes errno as the detail.
  if ((e.first == HPDF_FILE_OPEN_ERROR || e.first == HPDF_FILE_IO_ERROR) && e.second != 0) {
    std::string reason = std::strerror(static_cast<int>(e.second));
    if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
    out += " (" + reason + ")";
  }
  return out;
}

std::string code_point_name(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  std::string out = buf;
  if (cp >= 0x20 && cp != 0xFFFD) {
    out += " '";
    append_utf8(cp, &out);
    out += "'";
  }
  return out;
}

// The text quoted in a message, cut at 60 bytes on a character boundary.
std::string quote(std::string_view text) {
  constexpr size_t kMax = 60;
  if (text.size() <= kMax) return "'" + std::string(text) + "'";
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "'" + std::string(text.substr(0, cut)) + "...'";
}

// libharu's UTF-8 encoder turns text into two-byte codes: it cannot show
// characters beyond the basic multilingual plane. Returns the first one, or 0.
char32_t first_non_bmp(std::string_view utf8) {
  for (size_t i = 0; i < utf8.size();) {
    char32_t cp = next_code_point(utf8, &i);
    if (cp > 0xFFFF) return cp;
  }
  return 0;
}

bool is_language_tag(const std::string& tag) {
  // BCP 47 in its common shape: a 2-3 letter language, then subtags of 1-8
  // letters or digits ("fr", "fr-FR", "gcf-GP").
  size_t i = 0;
  size_t letters = 0;
  while (i < tag.size() && std::isalpha(static_cast<unsigned char>(tag[i]))) ++i, ++letters;
  if (letters < 2 || letters > 3) return false;
  while (i < tag.size()) {
    if (tag[i] != '-') return false;
    size_t start = ++i;
    while (i < tag.size() && std::isalnum(static_cast<unsigned char>(tag[i]))) ++i;
    if (i - start < 1 || i - start > 8) return false;
  }
  return true;
}

std::string percent_encode_non_ascii(const std::string& uri) {
  std::string out;
  for (unsigned char c : uri) {
    if (c > 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

struct FontEntry {
  std::string path;       // as given to load_font
  std::string name;       // PostScript name, libharu's key for the font
  HPDF_FontDef def = nullptr;
  HPDF_Font font = nullptr;            // the Type0 font, created at first draw
  std::vector<std::uint16_t> gids;     // code point (U+0000..U+FFFF) -> glyph id, 0 = none
  bool dictionaries_fixed = false;     // see fix_font_dictionaries

  HPDF_TTFontDefAttr tt() const { return static_cast<HPDF_TTFontDefAttr>(def->attr); }

  // Advance width of a code point in thousandths of the font size, computed as
  // libharu's HPDF_TTFontDef_GetCharWidth does (the value it writes in /W),
  // without its side effect of marking the glyph as used.
  int advance(char32_t cp) const {
    std::uint16_t gid = cp <= 0xFFFF ? gids[cp] : 0;
    HPDF_TTFontDefAttr attr = tt();
    if (gid >= attr->num_glyphs) return def->missing_width;
    return static_cast<HPDF_INT16>(static_cast<HPDF_UINT16>(
        static_cast<HPDF_UINT>(attr->h_metric[gid].advance_width) * 1000 / attr->header.units_per_em));
  }
};

}  // namespace

const char* hpdf_error_name(unsigned long code) {
  for (const HpdfErrorName& e : kHpdfErrors) {
    if (e.code == code) return e.name;
  }
  return "unknown error";
}

struct PdfDocument::Impl {
  HPDF_Doc doc = nullptr;
  std::vector<Raised> raised;  // filled by bilan_hpdf_error_handler
  std::vector<std::string> errors;
  std::vector<FontEntry> fonts;
  std::vector<HPDF_Page> pages;
  std::vector<HPDF_Outline> outlines;

  ~Impl() {
    if (doc) HPDF_Free(doc);
  }

  // Turns what libharu raised since the last check into one message prefixed
  // by `context`, and clears libharu's error state so that the document
  // stays usable (libharu refuses document-level calls while an error is set).
  bool take(const std::string& context, std::string* message) {
    if (raised.empty() && doc && HPDF_GetError(doc) != HPDF_OK) {
      raised.emplace_back(HPDF_GetError(doc), HPDF_GetErrorDetail(doc));
    }
    if (raised.empty()) return false;
    *message = context + ": " + describe(raised.front());
    raised.clear();
    if (doc) HPDF_ResetError(doc);
    return true;
  }

  // As take(), recording the message; true when there was an error.
  bool record_raised(const std::string& context) {
    std::string message;
    if (!take(context, &message)) return false;
    errors.push_back(std::move(message));
    return true;
  }

  // Errors raised by direct libharu calls on page handles since our last call.
  void flush_direct_calls() { record_raised("a libharu drawing call failed"); }

  bool usable() {
    if (doc) return true;
    if (errors.empty()) errors.push_back("the pdf document could not be created");
    return false;
  }

  const FontEntry* entry(PdfFont f) const {
    if (f.id < 0 || static_cast<size_t>(f.id) >= fonts.size()) return nullptr;
    return &fonts[f.id];
  }

  HPDF_Page page_at(int index, const char* what) {
    if (index >= 0 && static_cast<size_t>(index) < pages.size()) return pages[index];
    errors.push_back(std::string(what) + ": page " + std::to_string(index) + " does not exist (the document has " +
                     std::to_string(pages.size()) + ")");
    return nullptr;
  }

  // A destination showing `page` with `top` at the top of the window and the
  // reader's zoom kept: [page /XYZ null top null]. HPDF_Destination_SetXYZ
  // insists on a numeric zoom, so the array is written directly.
  HPDF_Destination destination(HPDF_Page page, double top) {
    HPDF_Destination dst = HPDF_Page_CreateDestination(page);
    if (!dst) return nullptr;
    HPDF_Array_Clear(dst);
    HPDF_Array_Add(dst, page);
    HPDF_Array_AddName(dst, "XYZ");
    HPDF_Array_Add(dst, HPDF_Null_New(doc->mmgr));
    HPDF_Array_AddReal(dst, static_cast<HPDF_REAL>(top));
    HPDF_Array_Add(dst, HPDF_Null_New(doc->mmgr));
    return dst;
  }

  // Gives libharu the Type0 font for `f` (which writes it to the file).
  //
  // Creating it, libharu (CIDFontType2_New) looks up the glyph of each of
  // the 65,536 codes to fill /W and /CIDToGIDMap, and each lookup walks the
  // cmap segments from the first: for a Latin font most codes lie past the
  // last segment, so this took milliseconds per font and document. Both
  // entries are rewritten from our own table at save time
  // (fix_font_dictionaries), so during that call the font shows libharu a
  // cmap of one segment that maps nothing; the real one is put back at once
  // (drawing and glyph marking need it).
  HPDF_Font use_font(FontEntry* f) {
    if (f->font) return f->font;
    HPDF_TTFontDefAttr attr = f->tt();
    if (attr->cmap.format != 4) {
      f->font = HPDF_GetFont(doc, f->name.c_str(), "UTF-8");
      return f->font;
    }
    HPDF_UINT16 end[1] = {0xFFFF}, start[1] = {0xFFFF}, range_offset[1] = {0};
    HPDF_INT16 delta[1] = {0};
    const HPDF_TTF_CmapRange real = attr->cmap;
    attr->cmap.seg_count_x2 = 2;
    attr->cmap.end_count = end;
    attr->cmap.start_count = start;
    attr->cmap.id_delta = delta;
    attr->cmap.id_range_offset = range_offset;
    f->font = HPDF_GetFont(doc, f->name.c_str(), "UTF-8");
    attr->cmap = real;
    return f->font;
  }

  // Loads a TrueType font with `load_def` (which returns libharu's name for
  // it, or null on error) unless `key` (a path or a name) was loaded already.
  template <typename LoadDef>
  bool load(const std::string& key, PdfFont* font, std::string* err, LoadDef load_def);

  bool fix_font_dictionaries(FontEntry* f, std::string* message);
};

namespace {

// Replaces the content of a libharu stream object, keeping the object (its
// number, compression and place in the cross-reference table).
bool replace_stream_content(HPDF_Dict stream_dict, const std::string& content) {
  HPDF_Stream fresh = HPDF_MemStream_New(stream_dict->mmgr, HPDF_STREAM_BUF_SIZ);
  if (!fresh) return false;
  if (HPDF_Stream_Write(fresh, reinterpret_cast<const HPDF_BYTE*>(content.data()),
                        static_cast<HPDF_UINT>(content.size())) != HPDF_OK) {
    HPDF_Stream_Free(fresh);
    return false;
  }
  HPDF_Stream_Free(stream_dict->stream);
  stream_dict->stream = fresh;
  return true;
}

}  // namespace

// Rewrites, just before saving, the parts of a used font's dictionaries that
// libharu 2.3.0 gets wrong or makes needlessly big. Done in place through
// libharu's object API rather than by patching the saved bytes: the objects,
// their compression and the cross-reference table stay libharu's, and the
// file is written once.
//
// - /ToUnicode: libharu attaches a copy of its encoding CMap (begincidrange
//   lines), which is not a valid ToUnicode CMap: poppler prints "Invalid
//   'begincidrange' operator in ToUnicode CMap" and other readers may guess.
//   The codes shown are the code points themselves (libharu's UTF-8
//   encoder), so the new map lists, as identity entries, every code point
//   whose glyph libharu marked as used: the characters the subset can draw.
// - /W and /CIDToGIDMap: libharu fills them for all 65,536 codes when the font
//   is created (25 KB of widths and 9 KB of map for DejaVu Sans, widths
//   uncompressed in the font dictionary). Only the used code points can
//   appear in the content streams, so only they are kept.
// - /CIDSystemInfo of the descendant font: libharu writes /Ordering
//   (Identity-H), the name of the encoding, for the ordering /Identity.
bool PdfDocument::Impl::fix_font_dictionaries(FontEntry* f, std::string* message) {
  const std::string context = "cannot finish font '" + f->name + "'";
  auto* font_attr = static_cast<HPDF_FontAttr>(f->font->attr);
  HPDF_Dict to_unicode = font_attr->cmap_stream;
  HPDF_Dict cid_to_gid = font_attr->map_stream;
  HPDF_Dict descendant = font_attr->descendant_font;
  if (!to_unicode || !cid_to_gid || !descendant ||
      HPDF_Dict_GetItem(f->font, "ToUnicode", HPDF_OCLASS_DICT) != to_unicode ||
      HPDF_Dict_GetItem(descendant, "CIDToGIDMap", HPDF_OCLASS_DICT) != cid_to_gid) {
    take(context, message);
    *message = context + ": its dictionaries are not where libharu 2.3.0 puts them";
    return false;
  }
  HPDF_TTFontDefAttr attr = f->tt();
  std::vector<char32_t> used;
  for (char32_t cp = 0; cp <= 0xFFFF; ++cp) {
    std::uint16_t gid = f->gids[cp];
    if (gid != 0 && gid < attr->num_glyphs && attr->glyph_tbl.flgs[gid]) used.push_back(cp);
  }

  if (!replace_stream_content(to_unicode, identity_to_unicode_cmap(used))) {
    if (!take(context, message)) *message = context + ": out of memory";
    return false;
  }

  // CIDToGIDMap: two bytes per code, big-endian glyph id, up to the last used code.
  std::string map;
  if (!used.empty()) map.assign(2 * (used.back() + 1), '\0');
  for (char32_t cp : used) {
    map[2 * cp] = static_cast<char>(f->gids[cp] >> 8);
    map[2 * cp + 1] = static_cast<char>(f->gids[cp] & 0xFF);
  }
  if (!replace_stream_content(cid_to_gid, map)) {
    if (!take(context, message)) *message = context + ": out of memory";
    return false;
  }

  // W: [first [w w ...] first [w ...]] over runs of consecutive used codes.
  HPDF_Array widths = HPDF_Array_New(doc->mmgr);
  HPDF_Array run = nullptr;
  for (size_t i = 0; widths && i < used.size(); ++i) {
    if (i == 0 || used[i] != used[i - 1] + 1) {
      run = HPDF_Array_New(doc->mmgr);
      HPDF_Array_AddNumber(widths, static_cast<HPDF_INT32>(used[i]));
      HPDF_Array_Add(widths, run);
    }
    if (run) HPDF_Array_AddNumber(run, f->advance(used[i]));
  }
  if (widths) HPDF_Dict_Add(descendant, "W", widths);  // frees libharu's array

  if (!f->dictionaries_fixed) {
    // The keys of the encoding CMap describe another CMap; a ToUnicode stream
    // needs none of them.
    for (const char* key : {"Type", "CMapName", "CIDSystemInfo", "WMode"}) HPDF_Dict_RemoveElement(to_unicode, key);
    HPDF_Dict info = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(descendant, "CIDSystemInfo", HPDF_OCLASS_DICT));
    if (info) HPDF_Dict_Add(info, "Ordering", HPDF_String_New(doc->mmgr, "Identity", nullptr));
    f->dictionaries_fixed = true;
  }
  return !take(context, message);
}

template <typename LoadDef>
bool PdfDocument::Impl::load(const std::string& path, PdfFont* font, std::string* err, LoadDef load_def) {
  Impl& d = *this;
  *font = PdfFont{};
  if (!d.usable()) {
    *err = d.errors.front();
    return false;
  }
  d.flush_direct_calls();
  for (size_t i = 0; i < d.fonts.size(); ++i) {
    if (d.fonts[i].path == path) {
      font->id = static_cast<int>(i);
      return true;
    }
  }
  const std::string context = "cannot load font '" + path + "'";
  const char* name = load_def(d.doc);
  if (d.take(context, err)) return false;
  HPDF_FontDef def = name ? HPDF_Doc_FindFontDef(d.doc, name) : nullptr;
  if (d.take(context, err)) return false;
  if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE) {
    *err = context + ": not a truetype font";
    return false;
  }
  // Two files with the same PostScript name are one font for libharu.
  for (size_t i = 0; i < d.fonts.size(); ++i) {
    if (d.fonts[i].name == name) {
      font->id = static_cast<int>(i);
      return true;
    }
  }

  FontEntry f;
  f.path = path;
  f.name = name;
  f.def = def;
  f.gids.assign(0x10000, 0);
  HPDF_TTFontDefAttr attr = f.tt();
  const HPDF_TTF_CmapRange& cmap = attr->cmap;
  auto map = [&](std::uint32_t cp) {
    std::uint16_t gid = HPDF_TTFontDef_GetGlyphid(def, static_cast<HPDF_UINT16>(cp));
    f.gids[cp] = gid < attr->num_glyphs ? gid : 0;
  };
  if (cmap.format == 4 && cmap.seg_count_x2 > 0) {
    // Only code points inside a segment can map to a glyph. The glyph is
    // computed as HPDF_TTFontDef_GetGlyphid does, segment by segment: calling
    // it for each code point searches the segments linearly every time,
    // which made loading DejaVu Sans (2,000 segments) cost milliseconds.
    const unsigned segments = cmap.seg_count_x2 / 2u;
    for (unsigned s = 0; s < segments; ++s) {
      const std::uint32_t start = cmap.start_count[s], end = cmap.end_count[s];
      // Code points of an earlier segment belong to it (segments are sorted
      // and do not overlap in a valid font; the first one wins, as in libharu).
      const std::uint32_t from = s == 0 ? start : std::max<std::uint32_t>(start, cmap.end_count[s - 1] + 1u);
      for (std::uint32_t cp = from; cp <= end && cp <= 0xFFFF; ++cp) {
        std::uint16_t gid;
        if (cmap.id_range_offset[s] == 0) {
          gid = static_cast<std::uint16_t>(cp + cmap.id_delta[s]);
        } else {
          std::uint32_t idx = cmap.id_range_offset[s] / 2u + (cp - start) - (segments - s);
          gid = idx < cmap.glyph_id_array_count
                    ? static_cast<std::uint16_t>(cmap.glyph_id_array[idx] + cmap.id_delta[s])
                    : std::uint16_t{0};
        }
        f.gids[cp] = gid < attr->num_glyphs ? gid : 0;
      }
    }
  } else {
    for (std::uint32_t cp = 0; cp <= 0xFFFF; ++cp) map(cp);
  }
  if (d.take(context, err)) return false;
  font->id = static_cast<int>(d.fonts.size());
  d.fonts.push_back(std::move(f));
  return true;
}

PdfDocument::PdfDocument() : impl_(std::make_unique<Impl>()) {
  Impl& d = *impl_;
  d.doc = HPDF_New(bilan_hpdf_error_handler, &d.raised);
  if (!d.doc) {
    std::string message;
    if (!d.take("cannot create a pdf document", &message)) message = "cannot create a pdf document: out of memory";
    d.errors.push_back(message);
    return;
  }
  HPDF_SetCompressionMode(d.doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(d.doc);
  HPDF_SetCurrentEncoder(d.doc, "UTF-8");  // also the encoding of info strings
  // /Lang and UTF-16 text strings are PDF 1.4 features; libharu would write 1.3.
  d.doc->pdf_version = HPDF_VER_14;
  d.record_raised("cannot set up the pdf document");
}

PdfDocument::~PdfDocument() = default;
PdfDocument::PdfDocument(PdfDocument&&) noexcept = default;
PdfDocument& PdfDocument::operator=(PdfDocument&&) noexcept = default;

bool PdfDocument::load_font(const std::string& path, PdfFont* font, std::string* err) {
  return impl_->load(path, font, err, [&](HPDF_Doc doc) { return HPDF_LoadTTFontFromFile(doc, path.c_str(), HPDF_TRUE); });
}

bool PdfDocument::load_font_data(const std::string& name, std::string_view bytes, PdfFont* font, std::string* err) {
  return impl_->load(name, font, err, [&](HPDF_Doc doc) -> const char* {
    // What HPDF_LoadTTFontFromFile does, over a memory stream holding the
    // bytes in one chunk: parse (the font definition then owns the stream
    // and reads the tables it embeds from it at save time), register, and
    // give the font the next subset tag ("HPDFAA", "HPDFAB", ...).
    HPDF_Stream stream = HPDF_MemStream_New(doc->mmgr, static_cast<HPDF_UINT>(std::max<size_t>(bytes.size(), 1)));
    if (!stream) return nullptr;
    if (HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                          static_cast<HPDF_UINT>(bytes.size())) != HPDF_OK) {
      HPDF_Stream_Free(stream);
      return nullptr;
    }
    HPDF_FontDef def = HPDF_TTFontDef_Load(doc->mmgr, stream, HPDF_TRUE);  // frees the stream on failure
    if (!def) return nullptr;
    if (HPDF_FontDef existing = HPDF_Doc_FindFontDef(doc, def->base_font)) {
      HPDF_FontDef_Free(def);
      return existing->base_font;
    }
    if (HPDF_Doc_RegisterFontDef(doc, def) != HPDF_OK) return nullptr;  // frees def on failure
    if (doc->ttfont_tag[0] == 0) {
      std::memcpy(doc->ttfont_tag, "HPDFAA", 6);
    } else {
      for (int i = 5; i >= 0; --i) {
        doc->ttfont_tag[i] += 1;
        if (doc->ttfont_tag[i] > 'Z')
          doc->ttfont_tag[i] = 'A';
        else
          break;
      }
    }
    HPDF_TTFontDef_SetTagName(def, reinterpret_cast<char*>(doc->ttfont_tag));
    return def->base_font;
  });
}

bool PdfDocument::has_glyph(PdfFont font, char32_t code_point) const {
  const FontEntry* f = impl_->entry(font);
  return f && code_point <= 0xFFFF && f->gids[code_point] != 0;
}

std::string PdfDocument::font_name(PdfFont font) const {
  const FontEntry* f = impl_->entry(font);
  return f ? f->name : std::string();
}

PdfFontMetrics PdfDocument::metrics(PdfFont font) const {
  PdfFontMetrics m;
  if (const FontEntry* f = impl_->entry(font)) {
    m.ascent = f->def->ascent;
    m.descent = f->def->descent;
    m.cap_height = f->def->cap_height;
    m.x_height = f->def->x_height;
  }
  return m;
}

std::vector<char32_t> PdfDocument::missing_glyphs(const PdfFontChain& chain, std::string_view utf8) const {
  std::vector<char32_t> missing;
  for (size_t i = 0; i < utf8.size();) {
    char32_t cp = next_code_point(utf8, &i);
    bool found = false;
    for (PdfFont f : chain) {
      if (has_glyph(f, cp)) {
        found = true;
        break;
      }
    }
    if (!found && std::find(missing.begin(), missing.end(), cp) == missing.end()) missing.push_back(cp);
  }
  return missing;
}

std::vector<PdfTextRun> PdfDocument::text_runs(const PdfFontChain& chain, std::string_view utf8) const {
  std::vector<PdfTextRun> runs;
  if (chain.empty()) return runs;
  for (size_t i = 0; i < utf8.size();) {
    char32_t cp = next_code_point(utf8, &i);
    PdfFont chosen = chain.front();
    for (PdfFont f : chain) {
      if (has_glyph(f, cp)) {
        chosen = f;
        break;
      }
    }
    if (runs.empty() || runs.back().font != chosen) runs.push_back(PdfTextRun{chosen, std::string()});
    append_utf8(cp, &runs.back().text);
  }
  return runs;
}

double PdfDocument::text_width(PdfFont font, double size, std::string_view utf8) const {
  const FontEntry* f = impl_->entry(font);
  if (!f) return 0;
  long units = 0;
  for (size_t i = 0; i < utf8.size();) units += f->advance(next_code_point(utf8, &i));
  return static_cast<double>(units) * size / 1000.0;
}

double PdfDocument::text_width(const PdfFontChain& chain, double size, std::string_view utf8) const {
  double width = 0;
  for (const PdfTextRun& run : text_runs(chain, utf8)) width += text_width(run.font, size, run.text);
  return width;
}

int PdfDocument::add_page(double width, double height) {
  Impl& d = *impl_;
  if (!d.usable()) return -1;
  d.flush_direct_calls();
  HPDF_Page page = HPDF_AddPage(d.doc);
  if (page) {
    HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(width));
    HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(height));
  }
  if (d.record_raised("cannot add a page of " + std::to_string(width) + " x " + std::to_string(height) + " pt") ||
      !page) {
    return -1;
  }
  d.pages.push_back(page);
  return static_cast<int>(d.pages.size()) - 1;
}

int PdfDocument::page_count() const { return static_cast<int>(impl_->pages.size()); }

HPDF_Page PdfDocument::page(int index) {
  Impl& d = *impl_;
  d.flush_direct_calls();
  return d.page_at(index, "cannot draw");
}

double PdfDocument::draw_text(int page_index, const PdfFontChain& chain, double size, double x, double y,
                              std::string_view utf8) {
  Impl& d = *impl_;
  if (!d.usable()) return 0;
  d.flush_direct_calls();
  const std::string context = "cannot draw text " + quote(utf8);
  HPDF_Page page = d.page_at(page_index, context.c_str());
  if (!page) return 0;
  if (chain.empty()) {
    d.errors.push_back(context + ": no font given");
    return 0;
  }
  for (PdfFont f : chain) {
    if (!d.entry(f)) {
      d.errors.push_back(context + ": font " + std::to_string(f.id) + " was not loaded in this document");
      return 0;
    }
  }
  size_t bad = 0;
  if (!is_valid_utf8(utf8, &bad)) {
    d.errors.push_back(context + ": invalid utf-8 at byte " + std::to_string(bad));
    return 0;
  }
  std::vector<char32_t> missing = missing_glyphs(chain, utf8);
  if (!missing.empty()) {
    std::string names;
    for (char32_t cp : missing) names += (names.empty() ? "" : ", ") + code_point_name(cp);
    d.errors.push_back(context + ": no font has a glyph for " + names);
    return 0;
  }
  std::vector<PdfTextRun> runs = text_runs(chain, utf8);
  double width = 0;
  // One text object; each Tj advances the text position by the widths
  // libharu wrote in /W, the same ones text_width adds up.
  HPDF_Page_BeginText(page);
  HPDF_Page_MoveTextPos(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y));
  for (const PdfTextRun& run : runs) {
    FontEntry& f = d.fonts[run.font.id];
    HPDF_Font font = d.use_font(&f);
    if (!font) break;
    // Mark the glyphs as used (with the components of composite glyphs), so
    // that they are in the subset and in the ToUnicode map whatever libharu's
    // own bookkeeping does.
    for (size_t i = 0; i < run.text.size();) {
      HPDF_TTFontDef_GetCharWidth(f.def, static_cast<HPDF_UINT16>(next_code_point(run.text, &i)));
    }
    HPDF_Page_SetFontAndSize(page, font, static_cast<HPDF_REAL>(size));
    HPDF_Page_ShowText(page, run.text.c_str());
    width += text_width(run.font, size, run.text);
  }
  HPDF_Page_EndText(page);
  d.record_raised(context);
  return width;
}

int PdfDocument::add_outline(int parent, const std::string& title, int page_index, double top, bool open) {
  Impl& d = *impl_;
  if (!d.usable()) return -1;
  d.flush_direct_calls();
  const std::string context = "cannot add bookmark " + quote(title);
  size_t bad = 0;
  if (!is_valid_utf8(title, &bad)) {
    d.errors.push_back(context + ": invalid utf-8 at byte " + std::to_string(bad));
    return -1;
  }
  if (char32_t cp = first_non_bmp(title)) {
    d.errors.push_back(context + ": " + code_point_name(cp) + " is beyond U+FFFF");
    return -1;
  }
  if (parent < -1 || parent >= static_cast<int>(d.outlines.size())) {
    d.errors.push_back(context + ": parent bookmark " + std::to_string(parent) + " does not exist");
    return -1;
  }
  HPDF_Page page = d.page_at(page_index, context.c_str());
  if (!page) return -1;
  HPDF_Outline outline = HPDF_CreateOutline(d.doc, parent < 0 ? nullptr : d.outlines[parent], title.c_str(),
                                            HPDF_GetEncoder(d.doc, "UTF-8"));
  if (outline) {
    HPDF_Outline_SetDestination(outline, d.destination(page, top));
    HPDF_Outline_SetOpened(outline, open ? HPDF_TRUE : HPDF_FALSE);
    if (d.outlines.empty()) HPDF_SetPageMode(d.doc, HPDF_PAGE_MODE_USE_OUTLINE);
  }
  if (d.record_raised(context) || !outline) return -1;
  d.outlines.push_back(outline);
  return static_cast<int>(d.outlines.size()) - 1;
}

void PdfDocument::add_link(int page_index, const PdfRect& area, int target_page, double top) {
  Impl& d = *impl_;
  if (!d.usable()) return;
  d.flush_direct_calls();
  const std::string context = "cannot add a link to page " + std::to_string(target_page);
  HPDF_Page page = d.page_at(page_index, context.c_str());
  HPDF_Page target = d.page_at(target_page, context.c_str());
  if (!page || !target) return;
  HPDF_Rect rect = {static_cast<HPDF_REAL>(area.left), static_cast<HPDF_REAL>(area.bottom),
                    static_cast<HPDF_REAL>(area.right), static_cast<HPDF_REAL>(area.top)};
  HPDF_Annotation annot = HPDF_Page_CreateLinkAnnot(page, rect, d.destination(target, top));
  if (annot) HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
  d.record_raised(context);
}

void PdfDocument::add_uri_link(int page_index, const PdfRect& area, const std::string& uri) {
  Impl& d = *impl_;
  if (!d.usable()) return;
  d.flush_direct_calls();
  const std::string encoded = percent_encode_non_ascii(uri);
  const std::string context = "cannot add a link to '" + encoded + "'";
  HPDF_Page page = d.page_at(page_index, context.c_str());
  if (!page) return;
  HPDF_Rect rect = {static_cast<HPDF_REAL>(area.left), static_cast<HPDF_REAL>(area.bottom),
                    static_cast<HPDF_REAL>(area.right), static_cast<HPDF_REAL>(area.top)};
  HPDF_Annotation annot = HPDF_Page_CreateURILinkAnnot(page, rect, encoded.c_str());
  if (annot) HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0);
  d.record_raised(context);
}

void PdfDocument::set_info(const PdfInfo& info) {
  Impl& d = *impl_;
  if (!d.usable()) return;
  d.flush_direct_calls();
  const std::pair<HPDF_InfoType, const std::string*> fields[] = {
      {HPDF_INFO_TITLE, &info.title},       {HPDF_INFO_AUTHOR, &info.author},
      {HPDF_INFO_SUBJECT, &info.subject},   {HPDF_INFO_KEYWORDS, &info.keywords},
      {HPDF_INFO_CREATOR, &info.creator},
  };
  for (const auto& [type, value] : fields) {
    if (value->empty()) continue;
    const std::string context = "cannot set document information " + quote(*value);
    size_t bad = 0;
    if (!is_valid_utf8(*value, &bad)) {
      d.errors.push_back(context + ": invalid utf-8 at byte " + std::to_string(bad));
      continue;
    }
    if (char32_t cp = first_non_bmp(*value)) {
      d.errors.push_back(context + ": " + code_point_name(cp) + " is beyond U+FFFF");
      continue;
    }
    // With the UTF-8 encoder current, libharu writes UTF-16BE with a BOM.
    HPDF_SetInfoAttr(d.doc, type, value->c_str());
    d.record_raised(context);
  }
}

void PdfDocument::set_language(const std::string& tag) {
  Impl& d = *impl_;
  if (!d.usable()) return;
  d.flush_direct_calls();
  const std::string context = "cannot set the document language to '" + tag + "'";
  if (!is_language_tag(tag)) {
    d.errors.push_back(context + ": not a language tag like 'fr-FR'");
    return;
  }
  // libharu 2.3.0 has no call for /Lang; it is a text string in the catalog.
  HPDF_Dict_Add(d.doc->catalog, "Lang", HPDF_String_New(d.doc->mmgr, tag.c_str(), nullptr));
  d.record_raised(context);
}

bool PdfDocument::save(std::string* bytes, std::string* err) {
  Impl& d = *impl_;
  bytes->clear();
  if (d.usable()) d.flush_direct_calls();
  if (!d.errors.empty()) {
    *err = d.errors.front();
    if (d.errors.size() > 1) {
      size_t more = d.errors.size() - 1;
      *err += " (and " + std::to_string(more) + " more error" + (more > 1 ? "s" : "") + ")";
    }
    return false;
  }
  for (FontEntry& f : d.fonts) {
    if (f.font && !d.fix_font_dictionaries(&f, err)) return false;
  }
  const std::string context = "cannot write the pdf";
  HPDF_STATUS status = HPDF_SaveToStream(d.doc);
  if (d.take(context, err)) return false;
  if (status != HPDF_OK) {
    *err = context + ": " + describe({status, 0});
    return false;
  }
  HPDF_UINT32 size = HPDF_GetStreamSize(d.doc);
  bytes->resize(size);
  HPDF_UINT32 read = size;
  HPDF_ReadFromStream(d.doc, reinterpret_cast<HPDF_BYTE*>(bytes->data()), &read);
  // Reading up to the end of libharu's memory stream reports "end of stream".
  if (!d.raised.empty() && d.raised.front().first == HPDF_STREAM_EOF) d.raised.clear();
  if (d.doc && HPDF_GetError(d.doc) == HPDF_STREAM_EOF) HPDF_ResetError(d.doc);
  if (d.take(context, err)) return false;
  if (read != size) {
    *err = context + ": read " + std::to_string(read) + " of " + std::to_string(size) + " bytes";
    return false;
  }
  return true;
}

std::vector<std::string> PdfDocument::errors() const { return impl_->errors; }

}  // namespace bilan
