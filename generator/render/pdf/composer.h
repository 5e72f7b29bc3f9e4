// Putting set text and drawings on the pages of one PdfDocument: the toolkit
// the page builders (brochure_*.cc) share. It decides nothing about content;
// it sets paragraphs with the typesetter, flows them into frames, draws
// lines, boxes, charts and links, and records every problem as a diagnostic
// naming the block ("text of 'bretagne intro' does not fit its frame (3
// lines over)"): text is never clipped.
//
// Layout coordinates are points with y measured DOWN from the top of the
// page (as a reader sees it); conversion to PDF's bottom-up space happens
// only when drawing.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "layout/drawing.h"
#include "layout/flow.h"
#include "layout/hyphenate.h"
#include "layout/typeset.h"
#include "model/model.h"
#include "render/pdf/page_style.h"
#include "render/pdf/pdf_document.h"
#include "render/pdf/pdf_fonts.h"
#include "support/diagnostic.h"

namespace bilan {

/// A rectangle, y down from the top of the page.
struct Area {
  double x = 0, y = 0, w = 0, h = 0;
  double right() const { return x + w; }
  double bottom() const { return y + h; }
};

/// How a piece of text is set.
struct TextStyle {
  double size = 0;
  double line_height = 0;    ///< baseline to baseline, pt
  bool bold = false;         ///< every run bold (headings); runs may add bold/italic themselves
  bool italic = false;
  std::string color;         ///< "#rrggbb"
  TextAlign align = TextAlign::justify;
  bool hyphenate = true;
  bool uppercase = false;    ///< set in capitals (titles, labels)
  double space_before = 0, space_after = 0;  ///< between blocks, collapsing (flow.h)
  bool keep_with_next = false;
};

/// A paragraph set for one width, ready to flow and draw.
struct SetBlock {
  ParagraphLayout layout;
  FlowBlock flow;
  std::string color;               ///< text colour
  std::vector<std::string> links;  ///< link target of each run ("" for none)
  std::string marker;              ///< bullet or number drawn before the first line ("►", "2."), may be empty
  double marker_x = 0;             ///< its left edge from the block's left
  int marker_font = 0;
  std::string marker_color;
  double height() const { return layout.height; }
};

/// Where a text goes: frames filled in order (columns, then pages).
struct Frame {
  int page = 0;
  Area area;
};

/// Whether a page shows the running footer (page number, title).
enum class PageFooter { shown, hidden };

/// One entry of the bookmarks and, when `in_contents`, of the sommaire.
struct Bookmark {
  int level = 0;        ///< 0 for a section, 1 for an item inside it
  std::string title;    ///< as shown
  int page = 0;         ///< 0-based page index
  double top = 0;       ///< y of its top, down from the page top
  bool in_contents = true;
};

/// Paragraphs set once per build and shared by the documents that set the
/// same text the same way (a region's intro and examples in the brochure and
/// in its leaflet). A layout depends only on the runs, the paragraph style
/// and the fonts' widths, which are the same for every document of a build:
/// one cache per render_documents call. Thread-safe: the first document to
/// ask sets the paragraph, one asking meanwhile waits for it.
class ParagraphCache {
 public:
  /// The layout of `runs` in `style`, made by `set` the first time.
  /// The reference stays valid as long as the cache.
  const ParagraphLayout& get(const std::vector<TextRun>& runs, const ParagraphStyle& style,
                             const std::function<void(ParagraphLayout*)>& set);

 private:
  struct Entry {
    std::once_flag once;
    ParagraphLayout layout;
  };
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Entry>> entries_;
};

class Composer {
 public:
  /// `fonts` may still be empty: call fonts_loaded() once they are.
  Composer(PdfDocument* pdf, PdfFonts* fonts, const PageStyle& ps, const Hyphenator* hyphenator,
           Diagnostics* diags);
  /// Reads the text face's metrics (line placement depends on them).
  void fonts_loaded();
  /// Shares paragraph layouts with the other documents of the build (null:
  /// each paragraph is set here).
  void set_paragraph_cache(ParagraphCache* cache) { paragraphs_ = cache; }

  PdfDocument& pdf() { return *pdf_; }
  const PageStyle& ps() const { return ps_; }
  Diagnostics& diags() { return *diags_; }

  // --- Pages ---------------------------------------------------------------
  int add_page(PageFooter footer);
  int page_count() const { return pdf_->page_count(); }
  /// Even page numbers (odd indices) are left pages of a spread.
  static bool is_left(int page) { return page % 2 == 1; }
  /// The area inside the margins, mirrored on left pages.
  Area content(int page) const;
  /// Draws the page number and `title` at the foot of every page marked so.
  void draw_footers(const std::string& title);

  // --- Text ----------------------------------------------------------------
  /// One paragraph of plain text. `name` names it in diagnostics.
  SetBlock set_text(const std::string& utf8, double width, const TextStyle& ts, const std::string& name,
                    const SourcePos& pos);
  /// Styled runs as one paragraph.
  SetBlock set_runs(const std::vector<Run>& runs, double width, const TextStyle& ts, const std::string& name,
                    const SourcePos& pos);
  /// Every block of `text`: paragraphs in `body`, list items with their
  /// ► bullet (numbers for ordered lists) in `bullet_color`, headings bold in
  /// `heading_color` kept with what follows.
  std::vector<SetBlock> set_rich(const RichText& text, double width, const TextStyle& body,
                                 const std::string& bullet_color, const std::string& heading_color,
                                 const std::string& name);
  /// Height of blocks stacked, spacing collapsed as flow.h does.
  static double stacked_height(const std::vector<SetBlock>& blocks);

  /// Draws lines [first, first + count) of `b` with the top of the first at
  /// (x, y).
  void draw_lines(int page, double x, double y, const SetBlock& b, size_t first, size_t count);
  /// Draws the whole block; returns its height.
  double draw_block(int page, double x, double y, const SetBlock& b);
  /// Draws blocks stacked from (x, y); returns the height used.
  double draw_stack(int page, double x, double y, const std::vector<SetBlock>& blocks);

  /// Flows `blocks` into `frames`, in order, and draws them. Text that finds
  /// no room is a diagnostic at `pos` naming `name`. Returns the height used
  /// in each frame.
  std::vector<double> flow_into(const std::string& name, const SourcePos& pos, const std::vector<SetBlock>& blocks,
                                const std::vector<Frame>& frames);
  /// The smallest column height at which `blocks` fit in `columns` equal
  /// columns, at most `max_height`; `max_height` + 1 when they do not fit.
  static double balanced_height(const std::vector<SetBlock>& blocks, int columns, double max_height);

  /// One line of text at a baseline, no breaking (labels, page numbers).
  /// Returns its width.
  double draw_label(int page, double x, double baseline, const std::string& utf8, double size, int font,
                    const std::string& color);
  double label_width(const std::string& utf8, double size, int font);

  // --- Graphics ------------------------------------------------------------
  void fill_rect(int page, const Area& a, const std::string& color);
  void stroke_line(int page, double x1, double y1, double x2, double y2, const std::string& color, double width);
  /// Draws a chart, ranking or key-figure drawing with its top-left at (x, y).
  void draw_drawing(int page, const ChartDrawing& d, double x, double y);
  /// A link over `a` to the top of `target` area on page `target_page`.
  void link(int page, const Area& a, int target_page, double target_y);
  void uri_link(int page, const Area& a, const std::string& uri);

  /// Baseline of a line of `size` in a line box of `line_height` whose top is
  /// at `top`.
  double baseline(double top, double line_height, double size) const;

 private:
  void set_fill(int page, const std::string& color);
  bool prepare(const std::vector<TextRun>& runs, const std::string& name, const SourcePos& pos);
  void check_overflow(const ParagraphLayout& layout, const std::string& name, const SourcePos& pos);
  void typeset(const std::vector<TextRun>& runs, const ParagraphStyle& style, ParagraphLayout* out);

  PdfDocument* pdf_;
  PdfFonts* fonts_;
  const PageStyle& ps_;
  Diagnostics* diags_;
  PdfMeasurer measurer_;
  Typesetter typesetter_;
  ParagraphCache* paragraphs_ = nullptr;
  std::vector<PageFooter> footers_;
  double ascent_ = 0, descent_ = 0;  // of the text face, in em
};

/// Text in French capitals: "en Bretagne" -> "EN BRETAGNE", accents kept
/// (é -> É, œ -> Œ); other characters unchanged.
std::string to_upper_fr(const std::string& utf8);

/// A flow of blocks down the pages of a section: a cursor on the current
/// page, new pages as needed (through `new_page`), text in balanced columns
/// that continues on the next page when it does not fit.
class Story {
 public:
  Story(Composer* c, std::function<int()> new_page);

  int page() const { return page_; }
  Area area() const { return area_; }
  double y() const { return y_; }
  double remaining() const { return area_.bottom() - y_; }
  bool at_top() const { return y_ <= area_.y; }

  /// Starts a new page.
  void break_page();
  /// Starts a new page unless `height` fits below the cursor (or the page is
  /// still empty).
  void need(double height);
  void advance(double height) { y_ += height; }
  /// Text in `columns` columns across the area, balanced on its last page.
  void columns(const std::string& name, const SourcePos& pos, const std::vector<SetBlock>& blocks, int columns);
  /// Blocks that stay together, full width (titles, boxes drawn by `draw`):
  /// moves to a new page when `height` does not fit, then calls draw(page, y).
  void place(double height, const std::function<void(int page, double y)>& draw);

 private:
  Composer* c_;
  std::function<int()> new_page_;
  int page_ = -1;
  Area area_;
  double y_ = 0;
};

}  // namespace bilan
