#include "render/pdf/composer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "render/pdf/pdf_chart.h"
#include "render/pdf/pdf_content.h"
#include "support/french.h"
#include "support/utf8.h"

namespace bilan {

namespace {

// Slack when comparing sums of line heights.
constexpr double kSlack = 1e-6;

std::string code_point_list(const std::vector<char32_t>& cps) {
  std::string out;
  for (char32_t cp : cps) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    if (!out.empty()) out += ", ";
    out += buf;
    out += " '";
    append_utf8(cp, &out);
    out += "'";
  }
  return out;
}

std::vector<FlowBlock> flows_of(const std::vector<SetBlock>& blocks) {
  std::vector<FlowBlock> out;
  out.reserve(blocks.size());
  for (const SetBlock& b : blocks) out.push_back(b.flow);
  return out;
}

double balanced(const std::vector<FlowBlock>& flows, int columns, double max_height) {
  double total = 0;
  for (const FlowBlock& f : flows)
    for (double h : f.line_heights) total += h;
  // A height fits when every line is placed and no paragraph is split
  // against the rules: flow_blocks lets them give way in a frame too short
  // for them, which balancing must not mistake for a fit.
  auto fits = [&](double h) {
    FlowResult r = flow_blocks("", flows, std::vector<double>(static_cast<size_t>(columns), h));
    if (r.lines_over != 0) return false;
    for (const FlowFrame& f : r.frames) {
      for (const FlowSlice& s : f.slices) {
        const size_t n = flows[s.block].line_heights.size();
        if (s.line_count < n && (n < 4 || s.line_count < 2)) return false;
      }
    }
    return true;
  };
  if (total <= 0) return 0;
  if (!fits(max_height)) return max_height + 1;
  if (columns <= 1) {
    // One column: the stacked height, found the same way (spacing included).
    double lo = total - kSlack, hi = max_height;
    for (int i = 0; i < 24 && hi - lo > 0.05; ++i) {
      double mid = (lo + hi) / 2;
      (fits(mid) ? hi : lo) = mid;
    }
    return hi;
  }
  double lo = total / columns - kSlack, hi = max_height;
  for (int i = 0; i < 24 && hi - lo > 0.05; ++i) {
    double mid = (lo + hi) / 2;
    (fits(mid) ? hi : lo) = mid;
  }
  return hi;
}

}  // namespace

std::string to_upper_fr(const std::string& utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    char32_t cp = next_code_point(utf8, &i);
    if (cp >= 'a' && cp <= 'z') {
      cp -= 32;
    } else if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) {
      cp -= 32;
    } else if (cp == 0x153) {  // œ
      cp = 0x152;
    } else if (cp == 0xFF) {  // ÿ
      cp = 0x178;
    } else if (cp >= 0x100 && cp <= 0x17F && cp != 0x131 && cp != 0x138 && cp != 0x149 && cp != 0x17F) {
      // Latin Extended-A pairs: upper case even, lower case odd, except
      // U+0139-U+0148 and U+0179-U+017E, where the pairs start on odd points.
      bool odd_start = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
      if (odd_start ? (cp % 2 == 0) : (cp % 2 == 1)) cp -= 1;
    }
    append_utf8(cp, &out);
  }
  return out;
}

Composer::Composer(PdfDocument* pdf, PdfFonts* fonts, const PageStyle& ps, const Hyphenator* hyphenator,
                   Diagnostics* diags)
    : pdf_(pdf),
      fonts_(fonts),
      ps_(ps),
      diags_(diags),
      measurer_(*pdf, *fonts),
      typesetter_(measurer_, hyphenator) {}

void Composer::fonts_loaded() {
  PdfFontMetrics m = pdf_->metrics(fonts_->chain(0).front());
  ascent_ = m.ascent / 1000.0;
  descent_ = m.descent / 1000.0;
}

// --- Pages -------------------------------------------------------------------

int Composer::add_page(PageFooter footer) {
  int p = pdf_->add_page(ps_.page_width, ps_.page_height);
  if (p >= 0) footers_.push_back(footer);
  return p;
}

Area Composer::content(int page) const {
  Area a;
  a.x = is_left(page) ? ps_.margin_outer : ps_.margin_inner;
  a.y = ps_.margin_top;
  a.w = ps_.page_width - ps_.margin_inner - ps_.margin_outer;
  a.h = ps_.page_height - ps_.margin_top - ps_.margin_bottom;
  return a;
}

void Composer::draw_footers(const std::string& title) {
  for (size_t i = 0; i < footers_.size(); ++i) {
    if (footers_[i] != PageFooter::shown) continue;
    int page = static_cast<int>(i);
    Area a = content(page);
    double base = ps_.page_height - ps_.margin_bottom / 2;
    std::string number = std::to_string(page + 1);
    double number_w = label_width(number, ps_.footer, font_index(true, false));
    double title_w = label_width(title, ps_.footer, 0);
    stroke_line(page, a.x, base - ps_.footer * 1.6, a.right(), base - ps_.footer * 1.6, ps_.rule_color, ps_.rule);
    if (is_left(page)) {
      draw_label(page, a.x, base, number, ps_.footer, font_index(true, false), ps_.accent);
      draw_label(page, a.right() - title_w, base, title, ps_.footer, 0, ps_.muted);
    } else {
      draw_label(page, a.right() - number_w, base, number, ps_.footer, font_index(true, false), ps_.accent);
      draw_label(page, a.x, base, title, ps_.footer, 0, ps_.muted);
    }
  }
}

// --- Text --------------------------------------------------------------------

bool Composer::prepare(const std::vector<TextRun>& runs, const std::string& name, const SourcePos& pos) {
  bool ok = true;
  for (const TextRun& r : runs) {
    // The typesetter adds no-break spaces (french_spacing): check those too.
    std::string spaced = french_spacing(r.text);
    std::string err;
    if (!fonts_->ensure_glyphs(r.font, spaced, &err)) {
      diags_->push_back({pos, err});
      return false;
    }
    std::vector<char32_t> missing = fonts_->missing(r.font, spaced);
    if (!missing.empty()) {
      diags_->push_back({pos, "text of '" + name + "' has characters no font can draw: " + code_point_list(missing)});
      ok = false;
    }
  }
  return ok;
}

namespace {

void append_bits(std::string* key, double v) {
  char bytes[sizeof v];
  std::memcpy(bytes, &v, sizeof v);
  key->append(bytes, sizeof v);
}

}  // namespace

const ParagraphLayout& ParagraphCache::get(const std::vector<TextRun>& runs, const ParagraphStyle& style,
                                           const std::function<void(ParagraphLayout*)>& set) {
  // Everything the typesetter reads, exactly.
  std::string key;
  for (const TextRun& r : runs) {
    key += r.text;
    key += '\0';
    key += static_cast<char>('0' + r.font);
    append_bits(&key, r.size);
  }
  key += static_cast<char>('0' + static_cast<int>(style.align));
  key += style.hyphenate ? 'h' : '-';
  for (double v : {style.width, style.first_indent, style.indent, style.leading, style.line_height})
    append_bits(&key, v);
  std::shared_ptr<Entry> entry;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    std::shared_ptr<Entry>& slot = entries_[key];
    if (!slot) slot = std::make_shared<Entry>();
    entry = slot;
  }
  std::call_once(entry->once, [&] { set(&entry->layout); });
  return entry->layout;
}

void Composer::typeset(const std::vector<TextRun>& runs, const ParagraphStyle& style, ParagraphLayout* out) {
  if (!paragraphs_) {
    typesetter_.set(runs, style, out);
    return;
  }
  *out = paragraphs_->get(runs, style, [&](ParagraphLayout* layout) { typesetter_.set(runs, style, layout); });
}

void Composer::check_overflow(const ParagraphLayout& layout, const std::string& name, const SourcePos& pos) {
  for (const TextOverflow& o : layout.overflows) diags_->push_back({pos, "text of '" + name + "': " + o.message()});
}

namespace {

ParagraphStyle paragraph_style(double width, const TextStyle& ts, double indent) {
  ParagraphStyle st;
  st.width = width;
  st.align = ts.align;
  st.first_indent = indent;
  st.indent = indent;
  st.line_height = ts.line_height;
  st.hyphenate = ts.hyphenate;
  return st;
}

}  // namespace

SetBlock Composer::set_runs(const std::vector<Run>& runs, double width, const TextStyle& ts, const std::string& name,
                            const SourcePos& pos) {
  SetBlock b;
  std::vector<TextRun> text;
  text.reserve(runs.size());
  for (const Run& r : runs) {
    text.push_back(TextRun{ts.uppercase ? to_upper_fr(r.text) : r.text,
                           font_index(ts.bold || r.bold, ts.italic || r.italic), ts.size});
    b.links.push_back(r.link);
  }
  b.color = ts.color;
  if (prepare(text, name, pos)) {
    typeset(text, paragraph_style(width, ts, 0), &b.layout);
    check_overflow(b.layout, name, pos);
  }
  b.flow = flow_block(b.layout, ts.space_before, ts.space_after, ts.keep_with_next);
  return b;
}

SetBlock Composer::set_text(const std::string& utf8, double width, const TextStyle& ts, const std::string& name,
                            const SourcePos& pos) {
  Run r;
  r.text = utf8;
  return set_runs({r}, width, ts, name, pos);
}

std::vector<SetBlock> Composer::set_rich(const RichText& rich, double width, const TextStyle& body,
                                         const std::string& bullet_color, const std::string& heading_color,
                                         const std::string& name) {
  std::vector<SetBlock> out;
  out.reserve(rich.blocks.size());
  for (size_t i = 0; i < rich.blocks.size(); ++i) {
    const Block& block = rich.blocks[i];
    TextStyle ts = body;
    double indent = 0;
    std::string marker;
    const bool next_is_item = i + 1 < rich.blocks.size() && (rich.blocks[i + 1].kind == BlockKind::bullet ||
                                                             rich.blocks[i + 1].kind == BlockKind::numbered);
    switch (block.kind) {
      case BlockKind::paragraph:
        ts.space_before = ts.space_after = ps_.paragraph_space;
        break;
      case BlockKind::quote:
        ts.italic = true;
        indent = ps_.bullet_indent;
        ts.space_before = ts.space_after = ps_.paragraph_space;
        break;
      case BlockKind::bullet:
      case BlockKind::numbered:
        indent = ps_.bullet_indent * std::max(1, block.level);
        marker = block.kind == BlockKind::bullet ? "►" : std::to_string(block.number) + ".";
        ts.space_before = ps_.paragraph_space;
        ts.space_after = next_is_item ? ps_.item_space : ps_.paragraph_space;
        break;
      case BlockKind::heading:
        ts.bold = true;
        ts.color = heading_color;
        ts.align = TextAlign::left;
        ts.hyphenate = false;
        ts.keep_with_next = true;
        if (block.level <= 2) ts.size = std::max(body.size, ps_.h3), ts.line_height = ts.size * 1.25;
        ts.space_before = ps_.paragraph_space * 2;
        ts.space_after = ps_.paragraph_space / 2;
        break;
    }
    // Items of one list sit closer together than paragraphs.
    if ((block.kind == BlockKind::bullet || block.kind == BlockKind::numbered) && i > 0 &&
        (rich.blocks[i - 1].kind == BlockKind::bullet || rich.blocks[i - 1].kind == BlockKind::numbered))
      ts.space_before = ps_.item_space;

    SetBlock b;
    std::vector<TextRun> text;
    text.reserve(block.runs.size());
    for (const Run& r : block.runs) {
      text.push_back(TextRun{ts.uppercase ? to_upper_fr(r.text) : r.text,
                             font_index(ts.bold || r.bold, ts.italic || r.italic), ts.size});
      b.links.push_back(r.link);
    }
    b.color = ts.color;
    if (!marker.empty()) {
      b.marker = marker;
      b.marker_font = block.kind == BlockKind::bullet ? 0 : font_index(true, false);
      b.marker_color = bullet_color;
      b.marker_x = indent - ps_.bullet_indent;
      std::vector<TextRun> marker_run = {TextRun{marker, b.marker_font, ts.size}};
      prepare(marker_run, name, rich.pos);
    }
    if (prepare(text, name, rich.pos)) {
      typeset(text, paragraph_style(width, ts, indent), &b.layout);
      check_overflow(b.layout, name, rich.pos);
    }
    b.flow = flow_block(b.layout, ts.space_before, ts.space_after, ts.keep_with_next);
    out.push_back(std::move(b));
  }
  return out;
}

double Composer::stacked_height(const std::vector<SetBlock>& blocks) {
  double h = 0, after = 0;
  bool first = true;
  for (const SetBlock& b : blocks) {
    if (b.layout.lines.empty()) continue;
    if (!first) h += std::max(after, b.flow.space_before);
    h += b.layout.height;
    after = b.flow.space_after;
    first = false;
  }
  return h;
}

double Composer::baseline(double top, double line_height, double size) const {
  // CSS's model: the glyph box (ascent to descent) centred in the line box.
  double content = (ascent_ - descent_) * size;
  return top + (line_height - content) / 2 + ascent_ * size;
}

void Composer::set_fill(int page, const std::string& color) {
  std::string op;
  append_pdf_color(&op, color, false);
  append_page_content(pdf_->page(page), op);
}

void Composer::draw_lines(int page, double x, double y, const SetBlock& b, size_t first, size_t count) {
  double top = y;
  std::string current;
  auto use = [&](const std::string& color) {
    if (color != current) set_fill(page, color);
    current = color;
  };
  const double H = ps_.page_height;
  for (size_t k = first; k < first + count && k < b.layout.lines.size(); ++k) {
    const TypesetLine& line = b.layout.lines[k];
    double base = baseline(top, line.height, line.size);
    if (k == 0 && !b.marker.empty()) {
      use(b.marker_color);
      // The bullet is a little smaller than the text, as in the brochure.
      double size = b.marker == "►" ? line.size * 0.8 : line.size;
      pdf_->draw_text(page, fonts_->chain(b.marker_font), size, x + b.marker_x, H - base, b.marker);
    }
    // The words of one colour go out as one text object (draw_line).
    std::vector<PdfTextPiece> words;
    for (const PlacedText& piece : line.pieces) {
      const std::string& link = piece.run < static_cast<int>(b.links.size()) ? b.links[piece.run] : std::string();
      const std::string& color = link.empty() ? b.color : ps_.accent;
      if (color != current && !words.empty()) {
        pdf_->draw_line(page, H - base, words);
        words.clear();
      }
      use(color);
      words.push_back(PdfTextPiece{&fonts_->chain(piece.font), piece.size, x + piece.x, piece.text});
      if (!link.empty()) {
        Area a{x + piece.x, base - ascent_ * piece.size, piece.width, (ascent_ - descent_) * piece.size};
        uri_link(page, a, link);
      }
    }
    if (!words.empty()) pdf_->draw_line(page, H - base, words);
    top += line.height;
  }
}

double Composer::draw_block(int page, double x, double y, const SetBlock& b) {
  draw_lines(page, x, y, b, 0, b.layout.lines.size());
  return b.layout.height;
}

double Composer::draw_stack(int page, double x, double y, const std::vector<SetBlock>& blocks) {
  double h = 0, after = 0;
  bool first = true;
  for (const SetBlock& b : blocks) {
    if (b.layout.lines.empty()) continue;
    if (!first) h += std::max(after, b.flow.space_before);
    h += draw_block(page, x, y + h, b);
    after = b.flow.space_after;
    first = false;
  }
  return h;
}

std::vector<double> Composer::flow_into(const std::string& name, const SourcePos& pos,
                                        const std::vector<SetBlock>& blocks, const std::vector<Frame>& frames) {
  std::vector<double> heights;
  for (const Frame& f : frames) heights.push_back(f.area.h);
  FlowResult r = flow_blocks(name, flows_of(blocks), heights);
  std::vector<double> used(frames.size(), 0);
  for (size_t k = 0; k < frames.size(); ++k) {
    for (const FlowSlice& s : r.frames[k].slices)
      draw_lines(frames[k].page, frames[k].area.x, frames[k].area.y + s.y, blocks[s.block], s.first_line,
                 s.line_count);
    used[k] = r.frames[k].used;
  }
  if (!r.ok()) diags_->push_back({pos, r.error});
  return used;
}

double Composer::balanced_height(const std::vector<SetBlock>& blocks, int columns, double max_height) {
  return balanced(flows_of(blocks), columns, max_height);
}

double Composer::label_width(const std::string& utf8, double size, int font) {
  std::string err;
  if (!fonts_->ensure_glyphs(font, utf8, &err)) return 0;
  return pdf_->text_width(fonts_->chain(font), size, utf8);
}

double Composer::draw_label(int page, double x, double baseline, const std::string& utf8, double size, int font,
                            const std::string& color) {
  std::string err;
  if (!fonts_->ensure_glyphs(font, utf8, &err)) {
    diags_->push_back({SourcePos{}, err});
    return 0;
  }
  set_fill(page, color);
  return pdf_->draw_text(page, fonts_->chain(font), size, x, ps_.page_height - baseline, utf8);
}

// --- Graphics ----------------------------------------------------------------

void Composer::fill_rect(int page, const Area& a, const std::string& color) {
  HPDF_Page p = pdf_->page(page);
  set_fill(page, color);
  HPDF_Page_Rectangle(p, static_cast<HPDF_REAL>(a.x), static_cast<HPDF_REAL>(ps_.page_height - a.bottom()),
                      static_cast<HPDF_REAL>(a.w), static_cast<HPDF_REAL>(a.h));
  HPDF_Page_Fill(p);
}

void Composer::stroke_line(int page, double x1, double y1, double x2, double y2, const std::string& color,
                           double width) {
  HPDF_Page p = pdf_->page(page);
  double r = 0, g = 0, b = 0;
  parse_color(color, &r, &g, &b);
  HPDF_Page_SetRGBStroke(p, static_cast<HPDF_REAL>(r), static_cast<HPDF_REAL>(g), static_cast<HPDF_REAL>(b));
  HPDF_Page_SetLineWidth(p, static_cast<HPDF_REAL>(width));
  HPDF_Page_MoveTo(p, static_cast<HPDF_REAL>(x1), static_cast<HPDF_REAL>(ps_.page_height - y1));
  HPDF_Page_LineTo(p, static_cast<HPDF_REAL>(x2), static_cast<HPDF_REAL>(ps_.page_height - y2));
  HPDF_Page_Stroke(p);
}

void Composer::draw_drawing(int page, const ChartDrawing& d, double x, double y) {
  ChartFonts fonts;
  fonts.width = [this](std::string_view text, double size, bool bold) {
    return label_width(std::string(text), size, font_index(bold, false));
  };
  fonts.draw = [this, page](std::string_view text, double size, bool bold, double px, double py) {
    std::string t(text);
    std::string err;
    int font = font_index(bold, false);
    if (!fonts_->ensure_glyphs(font, t, &err)) {
      diags_->push_back({SourcePos{}, err});
      return;
    }
    pdf_->draw_text(page, fonts_->chain(font), size, px, py, t);
  };
  draw_chart(pdf_->page(page), d, x, ps_.page_height - y, fonts);
}

void Composer::link(int page, const Area& a, int target_page, double target_y) {
  PdfRect r{a.x, ps_.page_height - a.bottom(), a.right(), ps_.page_height - a.y};
  pdf_->add_link(page, r, target_page, ps_.page_height - target_y);
}

void Composer::uri_link(int page, const Area& a, const std::string& uri) {
  PdfRect r{a.x, ps_.page_height - a.bottom(), a.right(), ps_.page_height - a.y};
  pdf_->add_uri_link(page, r, uri);
}

// --- Story -------------------------------------------------------------------

Story::Story(Composer* c, std::function<int()> new_page) : c_(c), new_page_(std::move(new_page)) {}

void Story::break_page() {
  page_ = new_page_();
  area_ = c_->content(page_);
  y_ = area_.y;
}

void Story::need(double height) {
  if (page_ < 0 || (!at_top() && height > remaining() + kSlack)) break_page();
}

void Story::place(double height, const std::function<void(int, double)>& draw) {
  need(height);
  draw(page_, y_);
  y_ += height;
}

void Story::columns(const std::string& name, const SourcePos& pos, const std::vector<SetBlock>& blocks, int columns) {
  if (page_ < 0) break_page();
  const double gap = c_->ps().column_gap;
  // What is left to place: block index and first line, for each flow block.
  struct Piece {
    size_t block;
    size_t first_line;
  };
  std::vector<Piece> pieces;
  for (size_t i = 0; i < blocks.size(); ++i)
    if (!blocks[i].layout.lines.empty()) pieces.push_back({i, 0});
  double min_room = 2 * c_->ps().leading;
  int pages = 0;
  while (!pieces.empty()) {
    if (remaining() < min_room && !at_top()) break_page();
    std::vector<FlowBlock> flows;
    for (const Piece& p : pieces) {
      FlowBlock f = blocks[p.block].flow;
      if (p.first_line > 0) {
        f.line_heights.erase(f.line_heights.begin(), f.line_heights.begin() + static_cast<long>(p.first_line));
        f.space_before = 0;
      }
      flows.push_back(std::move(f));
    }
    const double room = remaining();
    double h = balanced(flows, columns, room);
    bool all = h <= room + kSlack;
    if (!all) h = room;
    FlowResult r = flow_blocks(name, flows, std::vector<double>(static_cast<size_t>(columns), h));
    const double col_w = (area_.w - gap * (columns - 1)) / columns;
    double used = 0;
    Piece next{pieces.size(), 0};  // the first piece not placed, as (index into pieces, lines placed)
    bool placed_any = false;
    for (size_t k = 0; k < r.frames.size(); ++k) {
      for (const FlowSlice& s : r.frames[k].slices) {
        const Piece& p = pieces[s.block];
        c_->draw_lines(page_, area_.x + k * (col_w + gap), y_ + s.y, blocks[p.block], p.first_line + s.first_line,
                       s.line_count);
        placed_any = true;
        size_t end = s.first_line + s.line_count;
        next = end == flows[s.block].line_heights.size() ? Piece{s.block + 1, 0} : Piece{s.block, end};
      }
      used = std::max(used, r.frames[k].used);
    }
    if (all && r.ok()) {
      y_ += used;
      return;
    }
    if (!placed_any) {
      if (at_top()) {
        // Not even one line fits on an empty page.
        c_->diags().push_back({pos, "text of '" + name + "' does not fit its frame (" +
                                        std::to_string(r.lines_over) + " lines over)"});
        return;
      }
      break_page();
      continue;
    }
    std::vector<Piece> rest;
    if (next.block < pieces.size()) {
      const Piece& p = pieces[next.block];
      rest.push_back({p.block, p.first_line + next.first_line});
      for (size_t i = next.block + 1; i < pieces.size(); ++i) rest.push_back(pieces[i]);
    }
    pieces = std::move(rest);
    if (++pages > 200) {
      c_->diags().push_back({pos, "text of '" + name + "' does not fit its frame"});
      return;
    }
    break_page();
  }
}

}  // namespace bilan
