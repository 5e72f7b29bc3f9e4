// One PDF being written: a thin owner of a libharu 2.3.0 document that adds
// what the brochures need and libharu lacks or gets wrong.
//
//   PdfDocument pdf;
//   PdfFont regular, fallback;
//   if (!pdf.load_font("/abs/assets/fonts/Marianne-Regular.ttf", &regular, &err)) ...
//   if (!pdf.load_font("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", &fallback, &err)) ...
//   PdfFontChain body = {regular, fallback};
//   int p = pdf.add_page(kA4Width, kA4Height);
//   HPDF_Page_SetRGBFill(pdf.page(p), 0.09, 0.09, 0.09);   // drawing: plain libharu
//   pdf.draw_text(p, body, 9.5, 42, 790, "1 800 médecins ► 2017");
//   pdf.add_outline(-1, "Bretagne", p, 841.89, true);
//   std::string bytes;
//   if (!pdf.save(&bytes, &err)) ...
//
// What it guarantees:
// - Errors are values. libharu reports errors through a callback; ours only
//   records them (no exception crosses C code, no longjmp). Calls that can
//   fail because of their input (load_font, save) return false and a message
//   such as "cannot load font 'x.ttf': libharu error 0x1017 (file open error),
//   detail 2 (no such file or directory)". Drawing and navigation calls record
//   their errors; save() then fails with the first one. Errors raised by
//   direct libharu calls on page() handles are caught the same way.
// - Text is UTF-8 (basic multilingual plane only: the codes written in the
//   content streams are the 16-bit code points, over embedded TrueType
//   fonts). Each character is drawn with the first
//   font of a PdfFontChain that has a glyph for it, so Marianne's gaps (►, ▲)
//   come from DejaVu; a character no font of the chain has is an error.
// - Fonts are embedded as glyph subsets, renumbered (font_subset.h), and
//   only when text is drawn with them: a loaded but unused font costs
//   nothing. Their /W widths and /CIDToGIDMap cover only the characters drawn.
// - Each used font gets a correct ToUnicode CMap (tounicode.h), so the text
//   extracts (pdftotext, screen readers) without poppler's "Invalid
//   'begincidrange' operator in ToUnicode CMap".
// - The output is deterministic: the same calls give the same bytes (no
//   creation date, no /ID: libharu 2.3.0 writes an /ID only for encrypted
//   documents and a date only when asked).
//
// Coordinates are PDF points with the origin at the bottom left of the page.
// Text must go through draw_text or draw_line (not HPDF_Page_ShowText) so
// that fallback, subsetting and ToUnicode stay right; lines, rectangles,
// colours and curves are drawn with plain libharu calls on page(i), or
// written whole with append_page_content (pdf_content.h) where they are many.
#pragma once

#include <hpdf.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bilan {

/// A4 portrait in points, as assets/style.yaml's page_width/page_height.
inline constexpr double kA4Width = 595.276;
inline constexpr double kA4Height = 841.89;

/// A font loaded into one PdfDocument; meaningless in another document.
struct PdfFont {
  int id = -1;
  bool valid() const { return id >= 0; }
  bool operator==(const PdfFont& o) const { return id == o.id; }
  bool operator!=(const PdfFont& o) const { return id != o.id; }
};

/// Fonts tried in order for each character: the text font, then fallbacks.
using PdfFontChain = std::vector<PdfFont>;

/// A piece of a line for PdfDocument::draw_line.
struct PdfTextPiece {
  const PdfFontChain* chain = nullptr;  ///< fonts tried in order for each character
  double size = 0;
  double x = 0;                         ///< left end of its baseline
  std::string_view utf8;
};

/// A piece of text drawn with a single font.
struct PdfTextRun {
  PdfFont font;
  std::string text;  ///< UTF-8
};

/// Vertical metrics in thousandths of the font size, as written in the PDF
/// font descriptor (multiply by size / 1000 for points).
struct PdfFontMetrics {
  int ascent = 0;      ///< top of the tallest glyphs above the baseline
  int descent = 0;     ///< bottom of descenders, negative (below the baseline)
  int cap_height = 0;  ///< height of capital letters
  int x_height = 0;    ///< height of lowercase letters without ascender
};

/// A rectangle in page coordinates (points, origin at the bottom left).
struct PdfRect {
  double left = 0, bottom = 0, right = 0, top = 0;
};

/// The document information dictionary; empty fields are left out.
struct PdfInfo {
  std::string title;     ///< UTF-8, shown by readers as the window title
  std::string author;
  std::string subject;
  std::string keywords;  ///< comma-separated
  std::string creator;   ///< the program that made the content ("bilan 0.1.0")
};

/// A TrueType font file prepared once for all the documents of a build: its
/// bytes and the glyph of each code point, shared by the documents that load
/// it (PdfDocument::load_font_file) instead of copied and recomputed by each.
/// Immutable: threads may share it.
class PdfFontFile {
 public:
  /// Prepares `bytes`, a .ttf file; `name` stands for its path as in
  /// PdfDocument::load_font_data. Null, with *err set as load_font_data
  /// would set it, when it is not a TrueType font.
  static std::shared_ptr<const PdfFontFile> prepare(const std::string& name, std::string bytes, std::string* err);
  const std::string& name() const { return name_; }
  const std::string& bytes() const { return *bytes_; }

 private:
  friend class PdfDocument;
  PdfFontFile() = default;
  std::string name_;
  std::shared_ptr<const std::string> bytes_;
  std::shared_ptr<const void> glyphs_;  // the code point -> glyph table (pdf_document.cc)
};

/// Not thread-safe; separate documents may be built on separate threads.
/// A moved-from document may only be destroyed or assigned to.
class PdfDocument {
 public:
  PdfDocument();
  ~PdfDocument();
  PdfDocument(PdfDocument&&) noexcept;
  PdfDocument& operator=(PdfDocument&&) noexcept;
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  // --- Fonts ---------------------------------------------------------------

  /// Loads a TrueType font (.ttf) for embedding. Loading the same path twice
  /// gives the same font. On failure returns false and sets *err.
  bool load_font(const std::string& path, PdfFont* font, std::string* err);
  /// The same from the bytes of a .ttf file, for fonts read through a
  /// FileSystem (support/fs.h). `name` stands for the path: it names the font
  /// in messages and loading the same name twice gives the same font.
  bool load_font_data(const std::string& name, std::string_view bytes, PdfFont* font, std::string* err);
  /// The same for a prepared file: the same font, the same document.
  bool load_font_file(const PdfFontFile& file, PdfFont* font, std::string* err);
  /// True when `font` has a glyph for `code_point` (false for code points
  /// above U+FFFF, which the 16-bit codes cannot show).
  bool has_glyph(PdfFont font, char32_t code_point) const;
  /// libharu's name for the font: its PostScript name, followed for
  /// non-regular faces by the style ("Marianne-Regular", "Marianne-Bold,Bold").
  std::string font_name(PdfFont font) const;
  PdfFontMetrics metrics(PdfFont font) const;

  /// The characters of `utf8` that no font of `chain` can draw, in order of
  /// first appearance, without repeats; what layout checks to report a
  /// located diagnostic before drawing. Invalid UTF-8 bytes count as U+FFFD.
  std::vector<char32_t> missing_glyphs(const PdfFontChain& chain, std::string_view utf8) const;
  /// `utf8` cut into runs of characters drawn with the same font of `chain`
  /// (characters no font has go to the first font).
  std::vector<PdfTextRun> text_runs(const PdfFontChain& chain, std::string_view utf8) const;
  /// Advance width in points of `utf8` at `size`, as draw_text will set it
  /// (the fonts' advance widths, no kerning). With a single font, missing
  /// glyphs count with the font's .notdef width.
  double text_width(PdfFont font, double size, std::string_view utf8) const;
  double text_width(const PdfFontChain& chain, double size, std::string_view utf8) const;

  // --- Pages ---------------------------------------------------------------

  /// Appends a page of the given size in points; returns its index (0-based).
  int add_page(double width, double height);
  int page_count() const;
  /// The libharu page, for drawing with HPDF_Page_* calls; nullptr (and a
  /// recorded error) when `index` does not exist.
  HPDF_Page page(int index);

  /// Draws one line of text with its left end of baseline at (x, y), using the
  /// fonts of `chain` character by character. Returns the advance width in
  /// points (text_width(chain, size, utf8)). Uses the page's current fill
  /// colour. Records an error for invalid UTF-8 or a character no font has.
  double draw_text(int page, const PdfFontChain& chain, double size, double x, double y,
                   std::string_view utf8);
  /// Draws pieces of text that share the baseline `y`, in order (a line set
  /// by the typesetter, word by word): the same as draw_text for each piece,
  /// written as one text object, in fewer bytes. A piece draw_text would
  /// refuse records the same error and is left out.
  void draw_line(int page, double y, const std::vector<PdfTextPiece>& pieces);

  // --- Navigation ----------------------------------------------------------

  /// Adds a bookmark under `parent` (-1 for the top level) that shows `page`
  /// with `top` (points from the bottom) at the top of the window, keeping
  /// the reader's zoom. `open` shows its children. Returns its id, or -1 on
  /// error. The first bookmark makes readers open the bookmarks panel.
  int add_outline(int parent, const std::string& title, int page, double top, bool open);
  /// Makes `area` of page `page` a link to page `target_page`, shown with
  /// `top` at the top of the window. No border is drawn. Both pages must exist.
  void add_link(int page, const PdfRect& area, int target_page, double top);
  /// Makes `area` a link to an external address; non-ASCII bytes are
  /// percent-encoded. No border is drawn.
  void add_uri_link(int page, const PdfRect& area, const std::string& uri);

  // --- Metadata ------------------------------------------------------------

  void set_info(const PdfInfo& info);
  /// The natural language of the text ("fr-FR"), written as /Lang in the
  /// catalog so screen readers pick the right voice. A BCP 47 tag.
  void set_language(const std::string& tag);

  // --- Output --------------------------------------------------------------

  /// Writes the document into *bytes. Fails, with the first recorded error in
  /// *err ("... (and 2 more errors)"), when any call went wrong. May be
  /// called again after more drawing.
  bool save(std::string* bytes, std::string* err);
  /// Every error recorded so far, oldest first.
  std::vector<std::string> errors() const;

 private:
  friend class PdfFontFile;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The short description of a libharu error code ("file open error"), or
/// "unknown error".
const char* hpdf_error_name(unsigned long code);

}  // namespace bilan
