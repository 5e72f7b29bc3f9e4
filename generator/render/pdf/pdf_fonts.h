// The fonts of the publications: the four faces of the text font (Marianne)
// and of its fallback (DejaVu), read once per build and loaded into each
// PdfDocument, and the TextMeasurer the typesetter measures with.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "layout/typeset.h"
#include "model/style.h"
#include "render/pdf/pdf_document.h"
#include "support/diagnostic.h"
#include "support/fs.h"

namespace bilan {

/// One font file of assets/style.yaml. It is made ready for documents
/// (read if not read yet, prepared) the first time a
/// document needs the face, once for all threads: most builds never draw
/// with some faces (DejaVu's are only for the characters Marianne lacks), and
/// reading and preparing the eight files first held up every PDF.
struct FontFile {
  std::string key;   ///< its key in the style file ("text_font.regular")
  std::string path;  ///< as written there
  /// The file as read by read_font_files: project files are read there, so
  /// that a build records them as inputs; system fonts (absolute paths) are
  /// read by ready().
  std::string raw;

  struct Ready {
    /// The .ttf file, prepared once for every document (null when it is not
    /// a TrueType font: loading `bytes` into a document then reports why).
    std::shared_ptr<const PdfFontFile> prepared;
    std::string bytes;  ///< the file, kept only when `prepared` is null
    std::string error;  ///< why the file cannot be read, when it cannot
  };
  /// The file ready for documents, made on first call. Thread-safe.
  const Ready& ready() const;

 private:
  mutable std::once_flag once_;
  mutable Ready ready_;
};

/// The eight files, by font_index (0 regular, 1 bold, 2 italic, 3 bold italic).
struct FontFileSet {
  std::array<FontFile, 4> text;
  std::array<FontFile, 4> fallback;
};

/// Reads the font files of `style` that are in the project (relative paths,
/// read through `files`, so a build knows it depends on them) and checks
/// that the others (absolute paths: system fonts such as DejaVu) are there;
/// FontFile::ready() does the rest. A file that cannot be read is a
/// diagnostic at its line of assets/style.yaml, naming the key:
/// "font file 'assets/fonts/Marianne-Bold.ttf' (text_font.bold) cannot be
/// read: no such file (scripts/fonts.sh makes the Marianne files)".
bool read_font_files(const Style& style, const FileSystem& files, FontFileSet* out, Diagnostics* diags);

/// The font chains of one document, by font_index: the text face, then its
/// fallback. Faces are loaded only when text needs them (see ensure_glyphs):
/// loading parses the whole font and keeps a copy of it in the document, and
/// most documents never use bold italic or DejaVu. The order of loading
/// follows the text, so it is the same from one build to the next.
class PdfFonts {
 public:
  /// Loads the regular text face into `pdf` (the others follow on demand).
  /// On failure returns false and sets *err.
  bool load(PdfDocument* pdf, const FontFileSet* files, std::string* err);

  /// The chain of a face; empty until ensure_glyphs was called for it.
  const PdfFontChain& chain(int font_index) const { return chains_[font_index]; }
  /// Makes sure the chain of `font_index` is loaded and can draw every
  /// character of `utf8` that the fallback has, loading the fallback face when
  /// the text face lacks one. Returns false and sets *err when a face cannot
  /// be loaded.
  bool ensure_glyphs(int font_index, std::string_view utf8, std::string* err);
  /// Characters of `utf8` that neither face of the chain has, once each.
  std::vector<char32_t> missing(int font_index, std::string_view utf8);

 private:
  bool load_face(int font_index, std::string* err);
  bool load_file(const FontFile& file, PdfFont* font, std::string* err);

  PdfDocument* pdf_ = nullptr;
  const FontFileSet* files_ = nullptr;
  std::array<PdfFontChain, 4> chains_;
};

/// Measures with the document's fonts (the widths libharu writes in /W), as
/// the typesetter needs it. Missing glyphs must have been ensured before.
class PdfMeasurer : public TextMeasurer {
 public:
  PdfMeasurer(const PdfDocument& pdf, const PdfFonts& fonts) : pdf_(pdf), fonts_(fonts) {}
  double width(int font, std::string_view utf8, double size) const override;

 private:
  const PdfDocument& pdf_;
  const PdfFonts& fonts_;
};

}  // namespace bilan
