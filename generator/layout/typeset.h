// Setting a paragraph: styled runs in, lines of placed text out. Backend
// independent: the PDF backend measures with HPDF_Font_TextWidth and draws
// each piece at its x; tests measure with a fixed-width fake.
//
// Line breaking is total-fit (Knuth & Plass, "Breaking paragraphs into lines",
// 1981, as in TeX): the breaks of the whole paragraph are chosen together to
// minimise the sum of the lines' demerits, in up to three passes:
//   1. no hyphenation, tolerance 100 (TeX's \pretolerance);
//   2. with the dictionary's hyphenation points, tolerance 200 — so a word is
//      only hyphenated when the paragraph cannot be set well without it;
//   3. any loose line accepted; a word wider than the line stays alone on
//      its line and is reported in ParagraphLayout::overflows (never clipped).
// Justified lines spread the space between words (never between letters);
// the last line of a paragraph keeps natural spaces. Left, centred and
// right-aligned (ragged) text is broken by the same algorithm with natural
// spaces and a stretchable line end, which evens out the rag.
//
// French spacing: the typesetter applies support/french.h `french_spacing`
// to the paragraph (across run boundaries) before breaking, so callers pass
// text as written; text already spaced is unchanged (the function is
// idempotent). U+00A0 and U+202F are never break points: "1 800",
// "30 minutes", "mots ;" stay on one line, and their width does not stretch.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "layout/hyphenate.h"
#include "model/model.h"

namespace bilan {

/// The font index of a face, as the measurer and backends use it:
/// 0 regular, 1 bold, 2 italic, 3 bold italic.
constexpr int font_index(bool bold, bool italic) { return (bold ? 1 : 0) + (italic ? 2 : 0); }

/// A piece of text in one font.
struct TextRun {
  std::string text;  ///< UTF-8; runs of spaces, tabs and newlines are one breakable space
  int font = 0;      ///< font_index: 0 regular, 1 bold, 2 italic, 3 bold italic
  double size = 0;   ///< font size, pt
};

/// Measures text for the typesetter.
class TextMeasurer {
 public:
  virtual ~TextMeasurer() = default;
  /// Advance width of `utf8` in font `font` (font_index) at `size` points, in
  /// points. Expected additive (width("ab") == width("a") + width("b"), no
  /// kerning), as HPDF_Font_TextWidth is: the typesetter measures words and
  /// word fragments separately and merges pieces of a line.
  virtual double width(int font, std::string_view utf8, double size) const = 0;
};

enum class TextAlign {
  left,     ///< ragged right
  justify,  ///< flush both sides; the last line is set left with natural spaces
  center,   ///< each line centred
  right,    ///< ragged left
};

struct ParagraphStyle {
  double width = 0;                      ///< column width, pt
  TextAlign align = TextAlign::justify;  ///< alignment of the lines
  double first_indent = 0;  ///< left indent of the first line, pt (first-line indent, or the text start after a bullet)
  double indent = 0;        ///< left indent of the following lines, pt (= first_indent for a hanging bullet)
  double leading = 1.2;     ///< line height as a multiple of the largest font size on the line
  double line_height = 0;   ///< when > 0, a fixed line height in pt (overrides `leading`)
  bool hyphenate = true;    ///< use dictionary hyphenation when a Hyphenator is given
};

/// Text drawn at one place on a line.
struct PlacedText {
  std::string text;  ///< UTF-8 to draw as is; ends with "-" on a hyphenated line
  int font = 0;      ///< font_index
  double size = 0;   ///< font size, pt
  double x = 0;      ///< left edge, pt from the paragraph's left edge (indent included)
  double width = 0;  ///< measured width of `text`, pt
  int run = 0;       ///< index of the TextRun it comes from (for colour, links)
};

/// One line, top to bottom order within its paragraph.
struct TypesetLine {
  /// Left to right. Where spaces are stretched or shrunk (justified lines),
  /// one piece per word (or word part in one font); where spaces keep their
  /// natural width, consecutive words of one run are one piece with their
  /// spaces, to keep the PDF small.
  std::vector<PlacedText> pieces;
  double height = 0;        ///< baseline-to-baseline advance, pt
  double size = 0;          ///< largest font size on the line, pt (place the baseline with the font's ascent)
  double indent = 0;        ///< left indent of this line, pt
  double available = 0;     ///< width available for text: style.width - indent, pt
  double width = 0;         ///< from the first piece's x to the last piece's end, pt (= available when justified)
  double word_space = 0;    ///< width given to the line's first interword space, pt (0 if none)
  double ratio = 0;         ///< adjustment ratio: 0 natural spaces; > 0 spaces stretched by ratio × half a space;
                            ///< < 0 shrunk by |ratio| × a third of a space (-1 at most)
  bool hyphenated = false;  ///< a hyphen was added at the end of the line (a break at a written hyphen is not flagged)
  bool overflow = false;    ///< the line is wider than `available` (a word that cannot fit)
};

/// A line wider than its column: a word (or no-break group) too long for the
/// width even after hyphenation.
struct TextOverflow {
  size_t line = 0;     ///< index into ParagraphLayout::lines
  std::string text;    ///< the text of that line
  double excess = 0;   ///< how much wider than available, pt
  /// "'anticonstitutionnellement' is 4.5 pt wider than its line"
  std::string message() const;
};

struct ParagraphLayout {
  std::vector<TypesetLine> lines;
  double height = 0;                    ///< sum of the lines' heights, pt
  std::vector<TextOverflow> overflows;  ///< empty when every line fits
  bool fits() const { return overflows.empty(); }
};

/// Sets paragraphs, reusing its buffers from one paragraph to the next. Not
/// thread-safe: use one per thread (the Hyphenator may be shared).
class Typesetter {
 public:
  /// `hyphenator` may be null: no hyphenation (written hyphens still break).
  /// Both must outlive the Typesetter.
  Typesetter(const TextMeasurer& measurer, const Hyphenator* hyphenator);
  ~Typesetter();
  Typesetter(const Typesetter&) = delete;
  Typesetter& operator=(const Typesetter&) = delete;

  /// Sets `runs` as one paragraph. Empty or blank text gives no lines.
  ParagraphLayout set(const std::vector<TextRun>& runs, const ParagraphStyle& style);
  /// The same, writing into *out (its vectors' storage is reused).
  void set(const std::vector<TextRun>& runs, const ParagraphStyle& style, ParagraphLayout* out);

 private:
  struct Item;
  struct Node;
  void prepare_text(const std::vector<TextRun>& runs);
  void build_items(const std::vector<TextRun>& runs, const ParagraphStyle& style, bool hyphenate);
  void add_word(const std::vector<TextRun>& runs, size_t begin, size_t end, bool hyphenate);
  int run_of(size_t byte);
  double space_width(const std::vector<TextRun>& runs, int run);
  double hyphen_width(const std::vector<TextRun>& runs, int run);
  bool find_breaks(const ParagraphStyle& style, double tolerance, bool final_pass);
  void place_lines(const std::vector<TextRun>& runs, const ParagraphStyle& style, ParagraphLayout* out);
  double line_width(int line, const ParagraphStyle& style) const;

  const TextMeasurer& measurer_;
  const Hyphenator* hyphenator_;
  // Scratch, reused across paragraphs.
  std::string raw_;                 // the runs' text joined
  std::string text_;                // raw_ after french_spacing
  std::vector<size_t> run_end_;     // end of each run in text_
  std::vector<Item> items_;
  std::vector<Node> nodes_;
  std::vector<int> active_;
  std::vector<int> breaks_;         // items where the chosen lines end, in order
  std::vector<double> space_width_;   // per run, < 0 until measured
  std::vector<double> hyphen_width_;  // per run, < 0 until measured
  std::vector<std::pair<size_t, bool>> break_at_;  // break points in a word: offset, adds a hyphen
  size_t run_cursor_ = 0;           // run_of() position
  double lone_word_stretch_ = 0;    // stretch a line of one word is judged with
};

/// One-shot form of Typesetter::set.
ParagraphLayout typeset_paragraph(const std::vector<TextRun>& runs, const ParagraphStyle& style,
                                  const TextMeasurer& measurer, const Hyphenator* hyphenator);

/// The model's runs as TextRuns of one size (bold/italic give the font index;
/// links keep their text). Run i of the result is run i of the input.
std::vector<TextRun> text_runs(const std::vector<Run>& runs, double size);

}  // namespace bilan
