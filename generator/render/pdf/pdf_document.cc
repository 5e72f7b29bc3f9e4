#include "render/pdf/pdf_document.h"

#include <hpdf.h>
// libharu's internal structures, installed by libhpdf-dev 2.3.0 and matching
// the library. Reached only for what the public API lacks: the catalog (/Lang),
// the information dictionary, a TrueType font's cmap, metrics and used-glyph
// flags, the content stream of a page, streams of our own (bytes_stream).
#include <hpdf_conf.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <new>
#include <sstream>
#include <utility>

#include "render/pdf/font_subset.h"
#include "render/pdf/pdf_content.h"
#include "render/pdf/tounicode.h"
#include "support/parallel.h"
#include "support/utf8.h"

// How fonts end up in the file. libharu 2.3.0 parses each TrueType font (we
// keep its font definition: metrics, the glyphs marked as used), but the PDF
// objects of a font are ours (use_font, finish_font): a Type0 font over a
// CIDFontType2, Identity-H, the codes being the code points. The embedded
// program is our subset (font_subset.h): only the glyphs drawn, renumbered.
// Measured on the shipped publications: a Marianne face is 17 to 24 KB
// before compression, DejaVu Sans 18 KB for a few glyphs, 15 KB of it its
// 'name' table (libharu's own subsets kept every glyph id: 'loca' and 'hmtx'
// full size, 25 to 29 KB for Marianne, 75 KB for DejaVu Sans).
//
// Fonts are made PDF objects only when text is first drawn with them, so a
// loaded but unused font writes nothing; measuring uses the font program's
// tables directly.
//
// Text, colours and the streams' compression also bypass libharu's drawing
// and writing calls where they were the cost of a document (pdf_content.h):
// draw_text and draw_line write whole text objects, save() compresses the
// page contents and font streams itself.

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

// A read-only libharu stream over bytes held in memory (bytes_stream()).
// libharu's own memory stream copies and reads byte by byte; this one uses
// memcpy. Its semantics are those of the memory stream: a short read returns
// HPDF_STREAM_EOF with the bytes it could read, a seek past the end sets
// HPDF_STREAM_EOF.
struct SharedBytes {
  std::shared_ptr<const std::string> data;
  HPDF_UINT pos = 0;
  const std::string& bytes() const { return *data; }
};

static HPDF_STATUS bilan_bytes_read(HPDF_Stream stream, HPDF_BYTE* buf, HPDF_UINT* size) {
  auto* src = static_cast<SharedBytes*>(stream->attr);
  const HPDF_UINT left = static_cast<HPDF_UINT>(src->bytes().size()) - src->pos;
  const HPDF_UINT n = *size < left ? *size : left;
  if (n > 0) std::memcpy(buf, src->bytes().data() + src->pos, n);
  src->pos += n;
  const bool short_read = n < *size;
  *size = n;
  return short_read ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS bilan_bytes_seek(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
  auto* src = static_cast<SharedBytes*>(stream->attr);
  long long at = pos;
  if (mode == HPDF_SEEK_CUR) at += src->pos;
  else if (mode == HPDF_SEEK_END) at = static_cast<long long>(src->bytes().size()) - pos;
  if (at < 0 || at > static_cast<long long>(src->bytes().size()))
    return HPDF_SetError(stream->error, HPDF_STREAM_EOF, 0);
  src->pos = static_cast<HPDF_UINT>(at);
  return HPDF_OK;
}

static HPDF_INT32 bilan_bytes_tell(HPDF_Stream stream) {
  return static_cast<HPDF_INT32>(static_cast<SharedBytes*>(stream->attr)->pos);
}

static HPDF_UINT32 bilan_bytes_size(HPDF_Stream stream) {
  return static_cast<HPDF_UINT32>(static_cast<SharedBytes*>(stream->attr)->bytes().size());
}

// Called by HPDF_Stream_Free, which then frees the stream record itself.
static void bilan_bytes_free(HPDF_Stream stream) {
  delete static_cast<SharedBytes*>(stream->attr);
  stream->attr = nullptr;
}

// The dictionary write hook of streams compressed by us (mark_deflated).
static HPDF_STATUS bilan_write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}
}

namespace bilan {

namespace {

// A read-only stream over `bytes`, shared (not copied): the font files for
// HPDF_TTFontDef_Load, the contents of the streams written at save time.
// Null when out of memory. Freed by libharu (HPDF_Stream_Free) like its own
// streams.
HPDF_Stream bytes_stream(HPDF_MMgr mmgr, std::shared_ptr<const std::string> bytes) {
  SharedBytes* src = new (std::nothrow) SharedBytes{std::move(bytes), 0};
  if (!src) return nullptr;
  auto* stream = static_cast<HPDF_Stream>(HPDF_GetMem(mmgr, sizeof(HPDF_Stream_Rec)));
  if (!stream) {
    delete src;
    return nullptr;
  }
  std::memset(stream, 0, sizeof(HPDF_Stream_Rec));
  stream->sig_bytes = HPDF_STREAM_SIG_BYTES;
  stream->type = HPDF_STREAM_CALLBACK;
  stream->mmgr = mmgr;
  stream->error = mmgr->error;
  stream->size = static_cast<HPDF_UINT>(src->bytes().size());
  stream->read_fn = bilan_bytes_read;
  stream->seek_fn = bilan_bytes_seek;
  stream->tell_fn = bilan_bytes_tell;
  stream->size_fn = bilan_bytes_size;
  stream->free_fn = bilan_bytes_free;
  stream->attr = src;
  return stream;
}

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

// Text is written as two-byte codes (draw_line) and UTF-16 strings without
// surrogates (text_string): characters beyond the basic multilingual plane
// cannot be shown. Returns the first one, or 0.
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

// A PDF text string for `utf8` (basic multilingual plane only): UTF-16BE
// with a byte order mark, written in hex ("<FEFF0042...>"), as libharu writes
// strings of its UTF-8 encoder.
HPDF_Binary text_string(HPDF_MMgr mmgr, std::string_view utf8) {
  std::string bytes = "\xFE\xFF";
  for (size_t i = 0; i < utf8.size();) {
    char32_t cp = next_code_point(utf8, &i);
    bytes += static_cast<char>((cp >> 8) & 0xFF);
    bytes += static_cast<char>(cp & 0xFF);
  }
  return HPDF_Binary_New(mmgr, reinterpret_cast<HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT>(bytes.size()));
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

// The glyph of each code point of a font, as libharu's
// HPDF_TTFontDef_GetGlyphid gives it (0 for none, or beyond the font).
struct GlyphTable {
  std::vector<std::uint16_t> gids;  // U+0000..U+FFFF -> glyph id
  std::vector<char32_t> mapped;     // the code points with a glyph, ascending
};

std::shared_ptr<const GlyphTable> glyph_table(HPDF_FontDef def) {
  auto table = std::make_shared<GlyphTable>();
  std::vector<std::uint16_t>& gids = table->gids;
  gids.assign(0x10000, 0);
  HPDF_TTFontDefAttr attr = static_cast<HPDF_TTFontDefAttr>(def->attr);
  const HPDF_TTF_CmapRange& cmap = attr->cmap;
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
        gids[cp] = gid < attr->num_glyphs ? gid : 0;
      }
    }
  } else {
    for (std::uint32_t cp = 0; cp <= 0xFFFF; ++cp) {
      std::uint16_t gid = HPDF_TTFontDef_GetGlyphid(def, static_cast<HPDF_UINT16>(cp));
      gids[cp] = gid < attr->num_glyphs ? gid : 0;
    }
  }
  for (std::uint32_t cp = 0; cp <= 0xFFFF; ++cp)
    if (gids[cp] != 0) table->mapped.push_back(cp);
  return table;
}

struct FontEntry {
  std::string path;       // as given to load_font
  std::string name;       // PostScript name, libharu's key for the font
  HPDF_FontDef def = nullptr;
  std::shared_ptr<const GlyphTable> table;  // shared with a PdfFontFile when loaded from one
  const std::uint16_t* gids = nullptr;     // table->gids.data(): code point -> glyph id, 0 = none
  std::shared_ptr<const std::string> program;  // the .ttf file, subset at save time
  // The font's objects in the document (see use_font), created at first draw.
  HPDF_Dict font = nullptr;            // the Type0 font, named in the pages' resources
  HPDF_Dict cid_font = nullptr;        // its descendant CIDFontType2
  HPDF_Dict to_unicode = nullptr;      // streams filled by finish_font
  HPDF_Dict cid_to_gid = nullptr;
  HPDF_Dict font_file = nullptr;       // /FontFile2, with its descriptor

  HPDF_TTFontDefAttr tt() const { return static_cast<HPDF_TTFontDefAttr>(def->attr); }

  // Advance width of a code point in thousandths of the font size, computed as
  // libharu's HPDF_TTFontDef_GetCharWidth does, without its side effect of
  // marking the glyph as used: finish_font writes it in /W, text_width adds
  // it up.
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

namespace {

// Streams are compressed here (libdeflate, pdf_content.h) rather than by
// libharu, which deflates in 4 KB pieces copied byte by byte, at zlib level
// 6. Compression was the largest cost of writing a document. At level 4 the
// 22 PDFs of the shipped content take 1,226,041 bytes (zlib at level 4 made
// 1,244,383) and compression 13 % of a full build's CPU samples (zlib: 22 %);
// level 1 gives 1,274,211 bytes, level 6 1,209,437 for a slower build.
constexpr int kLevel = 4;

// save() packs fonts and page contents on this many threads (its own
// included): a document written while the other core is idle (the
// brochure, after the leaflets) takes half as long to pack.
constexpr unsigned kPackThreads = 2;

// What save() makes of a used font away from libharu, on any thread: the
// subset program and the /ToUnicode and /CIDToGIDMap streams, compressed.
struct FontPack {
  std::vector<char32_t> used;  // the code points drawn, ascending
  size_t program_length = 0;  // /Length1: the subset before compression
  std::string program, to_unicode, cid_to_gid;
  std::string error;  // when not empty, the reason the font cannot be embedded
};

}  // namespace

struct PdfDocument::Impl {
  HPDF_Doc doc = nullptr;
  std::vector<Raised> raised;  // filled by bilan_hpdf_error_handler
  std::vector<std::string> errors;
  std::vector<FontEntry> fonts;
  std::vector<HPDF_Page> pages;
  std::vector<HPDF_Outline> outlines;
  // Reused by draw_text and draw_line, which run for every word and line.
  std::vector<std::pair<int, char32_t>> glyph_scratch;  // (font id, code point)
  std::string ops_scratch;
  Deflater deflaters[kPackThreads] = {Deflater(kLevel), Deflater(kLevel)};  // one per packing thread

  // A piece of text shaped into glyph_scratch[glyphs.first, glyphs.second).
  struct Piece {
    double size = 0, x = 0;
    std::pair<size_t, size_t> glyphs;
  };
  bool shape(const PdfFontChain& chain, double size, std::string_view utf8,
             std::vector<std::pair<int, char32_t>>* glyphs);
  std::vector<double> write_line(HPDF_Page page, double y, const std::vector<Piece>& pieces);

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

  // Whether libharu raised an error that take() would report.
  bool has_raised() const { return !raised.empty() || (doc && HPDF_GetError(doc) != HPDF_OK); }

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

  // The code points of `utf8` that no font of `chain` has, each once, in
  // the order they come.
  std::vector<char32_t> missing(const PdfFontChain& chain, std::string_view utf8) const {
    std::vector<char32_t> out;
    for (size_t i = 0; i < utf8.size();) {
      char32_t cp = next_code_point(utf8, &i);
      bool found = false;
      for (PdfFont f : chain) {
        const FontEntry* e = entry(f);
        found = found || (e && cp <= 0xFFFF && e->gids[cp] != 0);
      }
      if (!found && std::find(out.begin(), out.end(), cp) == out.end()) out.push_back(cp);
    }
    return out;
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

  // Creates the PDF objects of font `f` (a Type0 font over a CIDFontType2,
  // Identity-H: the codes in the content streams are the code points), the
  // first time text is drawn with it; an unused font writes nothing.
  //
  // libharu's HPDF_GetFont would make them from its UTF-8 encoder, filling
  // /W and /CIDToGIDMap for all 65,536 codes (Debian's 2.3.0: a glyph
  // lookup, a width and a byte-by-byte copy per code, several million
  // instructions per font and document), with a ToUnicode map poppler
  // rejects, and would embed its own subset at save time. Everything it
  // would compute is computed by finish_font from our tables, for the
  // characters drawn, so the objects are made here through libharu's object
  // API; libharu only writes them.
  HPDF_Dict use_font(FontEntry* f) {
    if (f->font) return f->font;
    const char* base = f->tt()->base_font;  // with its subset tag: "HPDFAA+Marianne-Regular"
    HPDF_MMgr mmgr = doc->mmgr;
    HPDF_Dict font = HPDF_Dict_New(mmgr), cid = HPDF_Dict_New(mmgr);
    HPDF_Dict to_unicode = HPDF_DictStream_New(mmgr, doc->xref), map = HPDF_DictStream_New(mmgr, doc->xref);
    HPDF_Array descendants = HPDF_Array_New(mmgr);
    HPDF_Dict info = HPDF_Dict_New(mmgr);
    if (!font || !cid || !to_unicode || !map || !descendants || !info) return nullptr;
    HPDF_STATUS ret = HPDF_OK;
    ret += HPDF_Xref_Add(doc->xref, font);
    ret += HPDF_Xref_Add(doc->xref, cid);
    if (ret != HPDF_OK) return nullptr;
    ret += HPDF_Dict_AddName(font, "Type", "Font");
    ret += HPDF_Dict_AddName(font, "Subtype", "Type0");
    ret += HPDF_Dict_AddName(font, "BaseFont", base);
    ret += HPDF_Dict_AddName(font, "Encoding", "Identity-H");
    ret += HPDF_Dict_Add(font, "DescendantFonts", descendants);
    ret += HPDF_Array_Add(descendants, cid);
    ret += HPDF_Dict_Add(font, "ToUnicode", to_unicode);
    ret += HPDF_Dict_AddName(cid, "Type", "Font");
    ret += HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
    ret += HPDF_Dict_AddName(cid, "BaseFont", base);
    ret += HPDF_Dict_Add(cid, "CIDSystemInfo", info);
    ret += HPDF_Dict_Add(info, "Registry", HPDF_String_New(mmgr, "Adobe", nullptr));
    ret += HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mmgr, "Identity", nullptr));
    ret += HPDF_Dict_AddNumber(info, "Supplement", 0);
    ret += HPDF_Dict_AddNumber(cid, "DW", f->def->missing_width);
    ret += HPDF_Dict_Add(cid, "CIDToGIDMap", map);
    if (ret != HPDF_OK) return nullptr;
    f->font = font;
    f->cid_font = cid;
    f->to_unicode = to_unicode;
    f->cid_to_gid = map;
    return font;
  }

  // Loads a TrueType font with `load_def` (which returns libharu's name for
  // it, or null on error) unless `key` (a path or a name) was loaded already.
  // `program` is the font file when it is in memory (see FontEntry);
  // `table` its glyph table when already computed (PdfFontFile).
  template <typename LoadDef>
  bool load(const std::string& key, PdfFont* font, std::string* err, std::shared_ptr<const std::string> program,
            std::shared_ptr<const GlyphTable> table, LoadDef load_def);
  bool load_program(const std::string& name, std::shared_ptr<const std::string> program,
                    std::shared_ptr<const GlyphTable> table, PdfFont* font, std::string* err);

  bool finish_font(FontEntry* f, FontPack* pack, std::string* message);
};

namespace {

// Replaces the content of a libharu stream object, keeping the object (its
// number, compression and place in the cross-reference table).
bool replace_stream_content(HPDF_Dict stream_dict, std::string content) {
  std::shared_ptr<const std::string> bytes;
  try {
    bytes = std::make_shared<const std::string>(std::move(content));
  } catch (const std::bad_alloc&) {
    return false;
  }
  HPDF_Stream fresh = bytes_stream(stream_dict->mmgr, std::move(bytes));
  if (!fresh) return false;
  HPDF_Stream_Free(stream_dict->stream);
  stream_dict->stream = fresh;
  return true;
}

// Marks a stream whose content is compressed already: libharu writes it as
// it is (no filter of its own), and this write hook adds the /Filter entry
// (libharu drops a /Filter key from the dictionary of a stream it does not
// filter itself).
void mark_deflated(HPDF_Dict stream_dict) {
  stream_dict->filter = HPDF_STREAM_FILTER_NONE;
  stream_dict->write_fn = bilan_write_flate_filter;
}

// As replace_stream_content, with `deflated`: content compressed already.
bool replace_stream_deflated(HPDF_Dict stream_dict, std::string deflated) {
  if (!replace_stream_content(stream_dict, std::move(deflated))) return false;
  mark_deflated(stream_dict);
  return true;
}

// The bytes written so far into a libharu memory stream.
std::string memory_stream_bytes(HPDF_Stream stream) {
  std::string out;
  const HPDF_UINT chunks = HPDF_MemStream_GetBufCount(stream);
  for (HPDF_UINT i = 0; i < chunks; ++i) {
    HPDF_UINT length = 0;
    const HPDF_BYTE* chunk = HPDF_MemStream_GetBufPtr(stream, i, &length);
    if (chunk) out.append(reinterpret_cast<const char*>(chunk), length);
  }
  return out;
}

// Packs, just before saving, what a font needs for the characters drawn so
// far (save() may run again after more drawing). Reads the font's tables and
// libharu's marks but changes nothing, so fonts pack on several threads:
// - the used code points: those whose glyph libharu marked as used when
//   they were drawn (HPDF_TTFontDef_GetCharWidth marks the glyph and the
//   components of a composite glyph), so the subset can draw each of them;
// - the font program: our subset of those glyphs (font_subset.h), glyphs
//   renumbered;
// - /ToUnicode: identity entries for the used code points (tounicode.h);
// - /CIDToGIDMap: code point -> glyph id in the subset, up to the last used
//   code point.
void pack_font(const FontEntry& f, Deflater* deflater, FontPack* pack) {
  HPDF_TTFontDefAttr attr = f.tt();
  std::vector<std::pair<char32_t, std::uint16_t>> code_points;
  for (char32_t cp : f.table->mapped) {
    std::uint16_t gid = f.gids[cp];
    if (gid < attr->num_glyphs && attr->glyph_tbl.flgs[gid]) {
      pack->used.push_back(cp);
      code_points.emplace_back(cp, gid);
    }
  }
  std::vector<std::uint16_t> glyphs;
  for (HPDF_UINT16 gid = 0; gid < attr->num_glyphs; ++gid)
    if (attr->glyph_tbl.flgs[gid]) glyphs.push_back(gid);
  FontSubset subset;
  if (!subset_truetype(*f.program, glyphs, code_points, &subset, &pack->error)) return;

  // CIDToGIDMap: two bytes per code, big-endian glyph id.
  std::string map;
  if (!pack->used.empty()) map.assign(2 * (pack->used.back() + 1), '\0');
  for (char32_t cp : pack->used) {
    const std::uint16_t gid = subset.new_ids[f.gids[cp]];
    map[2 * cp] = static_cast<char>(gid >> 8);
    map[2 * cp + 1] = static_cast<char>(gid & 0xFF);
  }
  pack->program_length = subset.bytes.size();
  if (!deflater->compress(subset.bytes, &pack->program) ||
      !deflater->compress(identity_to_unicode_cmap(pack->used), &pack->to_unicode) ||
      !deflater->compress(map, &pack->cid_to_gid))
    pack->error = "out of memory";
}

}  // namespace

// Fills the objects use_font made for a font with its pack, on the thread
// that owns the document, and adds the font's descriptor (the entries
// libharu writes, plus /CapHeight, which the PDF specification requires)
// and /W: the advance widths of the used code points, the same that
// text_width adds up.
bool PdfDocument::Impl::finish_font(FontEntry* f, FontPack* pack, std::string* message) {
  const std::string context = "cannot embed font '" + f->name + "'";
  auto fail = [&](const std::string& why) {
    if (!take(context, message)) *message = context + ": " + why;
    return false;
  };
  if (!pack->error.empty()) return fail(pack->error);
  HPDF_TTFontDefAttr attr = f->tt();
  const std::vector<char32_t>& used = pack->used;
  if (!f->font_file) {
    HPDF_Dict file = HPDF_DictStream_New(doc->mmgr, doc->xref);
    HPDF_Dict descriptor = HPDF_Dict_New(doc->mmgr);
    if (!file || !descriptor || HPDF_Xref_Add(doc->xref, descriptor) != HPDF_OK) return fail("out of memory");
    HPDF_FontDef def = f->def;
    HPDF_STATUS ret = HPDF_OK;
    ret += HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
    ret += HPDF_Dict_AddName(descriptor, "FontName", attr->base_font);
    ret += HPDF_Dict_AddNumber(descriptor, "Flags", static_cast<HPDF_INT32>(def->flags));
    ret += HPDF_Dict_Add(descriptor, "FontBBox", HPDF_Box_Array_New(doc->mmgr, def->font_bbox));
    ret += HPDF_Dict_AddNumber(descriptor, "ItalicAngle", def->italic_angle);
    ret += HPDF_Dict_AddNumber(descriptor, "Ascent", def->ascent);
    ret += HPDF_Dict_AddNumber(descriptor, "Descent", def->descent);
    ret += HPDF_Dict_AddNumber(descriptor, "CapHeight", def->cap_height);
    ret += HPDF_Dict_AddNumber(descriptor, "XHeight", def->x_height);
    ret += HPDF_Dict_AddNumber(descriptor, "StemV", def->stemv);
    ret += HPDF_Dict_Add(descriptor, "FontFile2", file);
    ret += HPDF_Dict_Add(f->cid_font, "FontDescriptor", descriptor);
    if (ret != HPDF_OK) return fail("out of memory");
    f->font_file = file;
  }
  if (HPDF_Dict_AddNumber(f->font_file, "Length1", static_cast<HPDF_INT32>(pack->program_length)) != HPDF_OK ||
      !replace_stream_deflated(f->font_file, std::move(pack->program)) ||
      !replace_stream_deflated(f->to_unicode, std::move(pack->to_unicode)) ||
      !replace_stream_deflated(f->cid_to_gid, std::move(pack->cid_to_gid)))
    return fail("out of memory");

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
  if (!widths || HPDF_Dict_Add(f->cid_font, "W", widths) != HPDF_OK) return fail("out of memory");
  return !take(context, message);
}

template <typename LoadDef>
bool PdfDocument::Impl::load(const std::string& path, PdfFont* font, std::string* err,
                             std::shared_ptr<const std::string> program, std::shared_ptr<const GlyphTable> table,
                             LoadDef load_def) {
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
  if (!program) {
    // Only libharu could read the file (see load_font); the subset is made
    // from the bytes.
    *err = context + ": the file cannot be read";
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
  f.program = std::move(program);
  f.table = table ? std::move(table) : glyph_table(def);
  f.gids = f.table->gids.data();
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
  // No libharu encoder: text is written by draw_line with codes of our own,
  // and bookmark titles and document information as UTF-16 strings
  // (text_string). Registering libharu's UTF-8 encoder cleared 256 KB byte
  // by byte for each document.
  // /Lang and UTF-16 text strings are PDF 1.4 features; libharu would write 1.3.
  d.doc->pdf_version = HPDF_VER_14;
  d.record_raised("cannot set up the pdf document");
}

PdfDocument::~PdfDocument() = default;
PdfDocument::PdfDocument(PdfDocument&&) noexcept = default;
PdfDocument& PdfDocument::operator=(PdfDocument&&) noexcept = default;

bool PdfDocument::load_font(const std::string& path, PdfFont* font, std::string* err) {
  // Read here, the font is subset from memory like one given by its bytes
  // (and gives the same file); libharu reads it only to report why a file
  // cannot be read.
  std::ifstream in(path, std::ios::binary);
  std::ostringstream read;
  if (in && (read << in.rdbuf())) {
    const std::string bytes = read.str();
    if (!bytes.empty()) return load_font_data(path, bytes, font, err);
  }
  return impl_->load(path, font, err, nullptr, nullptr,
                     [&](HPDF_Doc doc) { return HPDF_LoadTTFontFromFile(doc, path.c_str(), HPDF_TRUE); });
}

bool PdfDocument::load_font_data(const std::string& name, std::string_view bytes, PdfFont* font, std::string* err) {
  std::shared_ptr<const std::string> program;
  try {
    program = std::make_shared<const std::string>(bytes);
  } catch (const std::bad_alloc&) {
    *err = "cannot load font '" + name + "': out of memory";
    return false;
  }
  return impl_->load_program(name, std::move(program), nullptr, font, err);
}

bool PdfDocument::load_font_file(const PdfFontFile& file, PdfFont* font, std::string* err) {
  return impl_->load_program(file.name_, file.bytes_, std::static_pointer_cast<const GlyphTable>(file.glyphs_), font,
                             err);
}

std::shared_ptr<const PdfFontFile> PdfFontFile::prepare(const std::string& name, std::string bytes, std::string* err) {
  std::shared_ptr<PdfFontFile> file(new PdfFontFile);
  file->name_ = name;
  file->bytes_ = std::make_shared<const std::string>(std::move(bytes));
  // Read once in a document of its own, as each document would read it.
  PdfDocument scratch;
  PdfFont font;
  if (!scratch.impl_->load_program(name, file->bytes_, nullptr, &font, err)) return nullptr;
  file->glyphs_ = scratch.impl_->fonts[font.id].table;
  return file;
}

bool PdfDocument::Impl::load_program(const std::string& name, std::shared_ptr<const std::string> program,
                                     std::shared_ptr<const GlyphTable> table, PdfFont* font, std::string* err) {
  std::shared_ptr<const std::string> bytes = program;
  return load(name, font, err, std::move(program), std::move(table), [&](HPDF_Doc doc) -> const char* {
    // What HPDF_LoadTTFontFromFile does, over a stream reading the bytes
    // (bytes_stream): parse (the font definition then owns the stream),
    // register, and give the font the next subset tag ("HPDFAA", "HPDFAB",
    // ...).
    HPDF_Stream stream = bytes_stream(doc->mmgr, bytes);
    if (!stream) {
      HPDF_SetError(doc->mmgr->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
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
  return impl_->missing(chain, utf8);
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

// Checks a piece of text as draw_text documents and chooses the font of each
// character (the first of the chain that has it): appends (font id, code
// point) pairs to *glyphs. Records an error and returns false when the piece
// cannot be drawn.
bool PdfDocument::Impl::shape(const PdfFontChain& chain, double size, std::string_view utf8,
                              std::vector<std::pair<int, char32_t>>* glyphs) {
  // Built only when there is something to report: text is drawn word by word.
  auto context = [&] { return "cannot draw text " + quote(utf8); };
  if (chain.empty()) {
    errors.push_back(context() + ": no font given");
    return false;
  }
  for (PdfFont f : chain) {
    if (!entry(f)) {
      errors.push_back(context() + ": font " + std::to_string(f.id) + " was not loaded in this document");
      return false;
    }
  }
  size_t bad = 0;
  if (!is_valid_utf8(utf8, &bad)) {
    errors.push_back(context() + ": invalid utf-8 at byte " + std::to_string(bad));
    return false;
  }
  if (!(size > 0 && size <= HPDF_MAX_FONTSIZE)) {
    errors.push_back(context() + ": invalid font size " + std::to_string(size));
    return false;
  }
  const size_t start = glyphs->size();
  bool all_found = true;
  for (size_t i = 0; i < utf8.size();) {
    char32_t cp = next_code_point(utf8, &i);
    int chosen = -1;
    for (PdfFont f : chain) {
      if (cp <= 0xFFFF && fonts[f.id].gids[cp] != 0) {
        chosen = f.id;
        break;
      }
    }
    all_found = all_found && chosen >= 0;
    glyphs->emplace_back(chosen, cp);
  }
  if (!all_found) {
    glyphs->resize(start);
    std::string names;
    for (char32_t cp : missing(chain, utf8)) names += (names.empty() ? "" : ", ") + code_point_name(cp);
    errors.push_back(context() + ": no font has a glyph for " + names);
    return false;
  }
  for (size_t k = start; k < glyphs->size(); ++k) {
    if (!use_font(&fonts[(*glyphs)[k].first])) {
      if (!record_raised(context()))
        errors.push_back(context() + ": cannot create font '" + fonts[(*glyphs)[k].first].name + "'");
      glyphs->resize(start);
      return false;
    }
  }
  return true;
}

// One text object for pieces on one baseline, written whole into the content
// stream (pdf_content.h): a Tf where the font or size changes, the glyphs of
// each run of one font as a string, the gaps between pieces as adjustments
// in TJ arrays (in thousandths of the font size), so that each piece starts
// where draw_text would put it. The pen position is followed as a reader
// computes it, from the widths written in /W (those text_width adds up), so
// rounding does not add up along a line. Returns the width of each piece.
std::vector<double> PdfDocument::Impl::write_line(HPDF_Page page, double y, const std::vector<Piece>& pieces) {
  std::vector<double> widths(pieces.size(), 0.0);
  std::string& ops = ops_scratch;
  ops = "BT\n";
  double pen = 0;
  int font = -1;
  double font_size = 0;
  std::string array;   // the elements of the TJ being written
  int strings = 0;     // strings in it
  bool numbers = false;
  auto close_array = [&] {
    if (strings == 1 && !numbers) {
      ops += array;  // "(...)": a plain Tj
      ops += " Tj\n";
    } else if (strings > 0) {
      ops += '[';
      ops += array;
      ops += "] TJ\n";
    }
    array.clear();
    strings = 0;
    numbers = false;
  };
  bool first = true;
  for (size_t p = 0; p < pieces.size(); ++p) {
    const Piece& piece = pieces[p];
    if (piece.glyphs.first == piece.glyphs.second) continue;
    if (first) {
      // The text position, rounded as every number of the stream.
      std::string start;
      append_pdf_number(&start, piece.x);
      pen = std::strtod(start.c_str(), nullptr);
      ops += start;
      ops += ' ';
      append_pdf_number(&ops, y);
      ops += " Td\n";
    }
    bool piece_start = true;
    for (size_t k = piece.glyphs.first; k < piece.glyphs.second;) {
      const int id = glyph_scratch[k].first;
      FontEntry& f = fonts[id];
      if (id != font || piece.size != font_size) {
        close_array();
        const char* name = HPDF_Page_GetLocalFontName(page, f.font);
        if (!name) {
          if (!record_raised("cannot draw text")) errors.push_back("cannot draw text: the page has no font resources");
          return widths;
        }
        ops += '/';
        ops += name;
        ops += ' ';
        append_pdf_number(&ops, piece.size, 4);
        ops += " Tf\n";
        font = id;
        font_size = piece.size;
      }
      if (piece_start && !first) {
        // The gap from the pen to the piece, as an adjustment of the text
        // position: a positive number moves left.
        std::string adjust;
        append_pdf_number(&adjust, (pen - piece.x) * 1000.0 / piece.size);
        const double value = std::strtod(adjust.c_str(), nullptr);
        if (value != 0) {
          if (!array.empty()) array += ' ';
          array += adjust;
          numbers = true;
          pen -= value * piece.size / 1000.0;
        }
      }
      piece_start = false;
      first = false;
      if (!array.empty()) array += ' ';
      array += '(';
      ++strings;
      HPDF_TTFontDefAttr attr = f.tt();
      long units = 0;
      for (; k < piece.glyphs.second && glyph_scratch[k].first == id; ++k) {
        const char32_t cp = glyph_scratch[k].second;
        // Mark the glyph as used (with the components of a composite glyph)
        // so that it is in the subset and in the ToUnicode map; libharu's
        // call does that the first time only, so it is made the first time
        // only.
        const std::uint16_t gid = f.gids[cp];
        if (!attr->glyph_tbl.flgs[gid]) HPDF_TTFontDef_GetCharWidth(f.def, static_cast<HPDF_UINT16>(cp));
        units += f.advance(cp);
        // The code is the code point, two bytes big-endian (Identity-H;
        // /CIDToGIDMap maps it), in a literal string: half the size of hex.
        for (const unsigned byte : {(cp >> 8) & 0xFFu, cp & 0xFFu}) {
          if (byte == '(' || byte == ')' || byte == '\\') {
            array += '\\';
            array += static_cast<char>(byte);
          } else if (byte == '\r') {
            array += "\\r";  // a raw carriage return would read as a line feed
          } else {
            array += static_cast<char>(byte);
          }
        }
      }
      array += ')';
      const double advance = static_cast<double>(units) * piece.size / 1000.0;
      widths[p] += advance;
      pen += advance;
    }
  }
  close_array();
  if (first) return widths;  // nothing to draw
  ops += "ET\n";
  append_page_content(page, ops);
  if (has_raised()) record_raised("cannot draw text");
  return widths;
}

double PdfDocument::draw_text(int page_index, const PdfFontChain& chain, double size, double x, double y,
                              std::string_view utf8) {
  Impl& d = *impl_;
  if (!d.usable()) return 0;
  d.flush_direct_calls();
  if (page_index < 0 || static_cast<size_t>(page_index) >= d.pages.size()) {
    d.page_at(page_index, ("cannot draw text " + quote(utf8)).c_str());
    return 0;
  }
  d.glyph_scratch.clear();
  if (!d.shape(chain, size, utf8, &d.glyph_scratch)) return 0;
  return d.write_line(d.pages[page_index], y, {Impl::Piece{size, x, {0, d.glyph_scratch.size()}}}).front();
}

void PdfDocument::draw_line(int page_index, double y, const std::vector<PdfTextPiece>& pieces) {
  Impl& d = *impl_;
  if (!d.usable()) return;
  d.flush_direct_calls();
  if (page_index < 0 || static_cast<size_t>(page_index) >= d.pages.size()) {
    d.page_at(page_index, "cannot draw text");
    return;
  }
  d.glyph_scratch.clear();
  std::vector<Impl::Piece> shaped;
  shaped.reserve(pieces.size());
  for (const PdfTextPiece& piece : pieces) {
    const size_t start = d.glyph_scratch.size();
    if (!piece.chain || !d.shape(*piece.chain, piece.size, piece.utf8, &d.glyph_scratch)) continue;
    shaped.push_back({piece.size, piece.x, {start, d.glyph_scratch.size()}});
  }
  d.write_line(d.pages[page_index], y, shaped);
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
  HPDF_Outline outline =
      HPDF_CreateOutline(d.doc, parent < 0 ? nullptr : d.outlines[parent], title.c_str(), nullptr);
  if (outline) {
    HPDF_Dict_Add(outline, "Title", text_string(d.doc->mmgr, title));
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
    // libharu makes the information dictionary (with its /Producer) and the
    // entry; the value is then written as a UTF-16 string.
    static constexpr const char* kKeys[] = {"CreationDate", "ModDate", "Author",  "Creator",
                                            "Producer",     "Title",   "Subject", "Keywords"};
    if (HPDF_SetInfoAttr(d.doc, type, "") == HPDF_OK && d.doc->info)
      HPDF_Dict_Add(d.doc->info, kKeys[type], text_string(d.doc->mmgr, *value));
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
  // Subsetting and compression, the bulk of the work, run on kPackThreads
  // threads: each font and each page is packed on its own (pack_font, the
  // page's bytes compressed), reading the document without changing it.
  // libharu's objects are then changed here, on this thread.
  std::vector<FontEntry*> fonts;
  for (FontEntry& f : d.fonts)
    if (f.font) fonts.push_back(&f);
  struct Packed {
    HPDF_Dict contents;
    std::string bytes;  // the page's content, then compressed
    HPDF_Stream own = nullptr;
    HPDF_UINT filter = 0;
  };
  std::vector<Packed> packed;
  packed.reserve(d.pages.size());
  try {
    for (HPDF_Page page : d.pages) {
      auto* attr = static_cast<HPDF_PageAttr>(page->attr);
      HPDF_Dict contents = attr->contents;
      if (!contents || contents->stream != attr->stream || contents->write_fn) continue;
      packed.push_back({contents, memory_stream_bytes(attr->stream)});
    }
  } catch (const std::bad_alloc&) {
    *err = "cannot write the pdf: out of memory";
    return false;
  }
  std::vector<FontPack> font_packs(fonts.size());
  std::vector<char> page_ok(packed.size(), 0);
  try {
    run_parallel(fonts.size() + packed.size(), kPackThreads, [&](size_t task, unsigned worker) {
      Deflater* z = &d.deflaters[worker];
      if (task < fonts.size()) return pack_font(*fonts[task], z, &font_packs[task]);
      Packed& p = packed[task - fonts.size()];
      std::string out;
      page_ok[task - fonts.size()] = z->compress(p.bytes, &out);
      p.bytes = std::move(out);
    });
  } catch (const std::bad_alloc&) {
    *err = "cannot write the pdf: out of memory";
    return false;
  }
  for (size_t i = 0; i < fonts.size(); ++i)
    if (!d.finish_font(fonts[i], &font_packs[i], err)) return false;

  const std::string context = "cannot write the pdf";
  // The compressed page contents are handed to libharu for the write only:
  // each page gets its own stream back after, so that drawing can go on and
  // save() run again.
  size_t swapped = 0;
  auto restore = [&] {
    for (size_t i = 0; i < swapped; ++i) {
      const Packed& p = packed[i];
      HPDF_Stream_Free(p.contents->stream);
      p.contents->stream = p.own;
      p.contents->filter = p.filter;
      p.contents->write_fn = nullptr;
    }
  };
  for (Packed& p : packed) {
    HPDF_Stream stream = nullptr;
    if (page_ok[swapped]) {
      try {
        stream = bytes_stream(d.doc->mmgr, std::make_shared<const std::string>(std::move(p.bytes)));
      } catch (const std::bad_alloc&) {
        stream = nullptr;
      }
    }
    if (!stream) {
      restore();
      *err = context + ": out of memory";
      return false;
    }
    p.own = p.contents->stream;
    p.filter = p.contents->filter;
    p.contents->stream = stream;
    mark_deflated(p.contents);
    ++swapped;
  }
  HPDF_STATUS status = HPDF_SaveToStream(d.doc);
  restore();
  if (d.take(context, err)) return false;
  if (status != HPDF_OK) {
    *err = context + ": " + describe({status, 0});
    return false;
  }
  // The file, read from libharu's memory stream in its chunks.
  HPDF_UINT32 size = HPDF_GetStreamSize(d.doc);
  *bytes = memory_stream_bytes(d.doc->stream);
  if (d.take(context, err)) return false;
  if (bytes->size() != size) {
    *err = context + ": read " + std::to_string(bytes->size()) + " of " + std::to_string(size) + " bytes";
    bytes->clear();
    return false;
  }
  return true;
}

std::vector<std::string> PdfDocument::errors() const { return impl_->errors; }

}  // namespace bilan
