// The sommaire. Its page is reserved where the section stands and filled
// once every later section is laid out, with the pages where they really
// start; each entry is a link to its page.
#include <algorithm>

#include "render/pdf/publication_writer.h"

namespace bilan {

void PublicationWriter::contents(const DocumentSection& s) {
  if (contents_page_ >= 0) {
    diags_->push_back({pub_.document->pos, "document '" + pub_.document->id + "' has two contents sections"});
    return;
  }
  contents_page_ = new_page(PageFooter::shown);
  contents_section_ = &s;
  anchor(0, s.title, contents_page_, 0, false);
  contents_from_ = anchors_.size();
}

void PublicationWriter::finish_contents() {
  if (contents_page_ < 0) return;
  const int page = contents_page_;
  const Area a = c_.content(page);
  const SourcePos pos = pub_.document->pos;
  double y = a.y;
  if (!contents_section_->title.empty()) {
    SetBlock title = title_block(contents_section_->title, a.w, ps_.h1, ps_.accent, "sommaire", pos);
    y += c_.draw_block(page, a.x, y, title) + ps_.block_space / 2;
    y += accent_rule(page, a.x, y) + ps_.block_space;
  }

  // The widest page number sets the column the numbers are aligned in.
  const int number_font = font_index(true, false);
  double number_w = 0;
  for (size_t i = contents_from_; i < anchors_.size(); ++i)
    number_w = std::max(number_w, c_.label_width(std::to_string(anchors_[i].page + 1), ps_.h3, number_font));
  const double leader_gap = ps_.bullet_indent;

  // The entries, set first: the space between them grows to spread them
  // over the page (up to a limit), so that a short sommaire does not sit
  // at the top of an empty page.
  struct Entry {
    const Bookmark* bookmark;
    SetBlock block;
    TextStyle style;
    double indent;
  };
  std::vector<Entry> entries;
  double total = 0;
  size_t sections = 0, items = 0;
  for (size_t i = contents_from_; i < anchors_.size(); ++i) {
    const Bookmark& e = anchors_[i];
    if (!e.in_contents) continue;
    const bool section = e.level == 0;
    TextStyle t = body();
    t.align = TextAlign::left;
    t.hyphenate = false;
    if (section) {
      t.size = ps_.h3;
      t.line_height = ps_.h3 * 1.3;
      t.bold = true;
      t.uppercase = true;
      t.color = ps_.accent;
    }
    const double indent = section ? 0 : ps_.bullet_indent;
    const double text_w = a.w - indent - number_w - 2 * leader_gap;
    SetBlock b = c_.set_text(e.title, text_w, t, "sommaire", pos);
    if (b.layout.lines.empty()) continue;
    if (!entries.empty()) {
      total += section ? ps_.block_space : ps_.item_space;
      (section ? sections : items) += 1;
    }
    total += b.height();
    entries.push_back({&e, std::move(b), t, indent});
  }
  const double spare = a.bottom() - y - total;
  const double units = static_cast<double>(items) + 3 * static_cast<double>(sections);
  const double extra = spare > 0 && units > 0 ? std::min(spare / units, ps_.leading * 0.6) : 0;

  size_t over = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& entry = entries[i];
    const Bookmark& e = *entry.bookmark;
    const SetBlock& b = entry.block;
    const bool section = e.level == 0;
    if (i > 0) y += section ? ps_.block_space + 3 * extra : ps_.item_space + extra;
    if (y + b.height() > a.bottom() + 1e-6) {
      ++over;
      continue;
    }
    c_.draw_block(page, a.x + entry.indent, y, b);
    // The page number at the right of the last line, with a dotted leader.
    const TypesetLine& last = b.layout.lines.back();
    double last_top = y + b.height() - last.height;
    double base = c_.baseline(last_top, last.height, last.size);
    std::string number = std::to_string(e.page + 1);
    double w = c_.label_width(number, entry.style.size, number_font);
    c_.draw_label(page, a.right() - w, base, number, entry.style.size, number_font, ps_.accent);
    double from = a.x + entry.indent + last.indent + last.width + leader_gap / 2;
    double to = a.right() - number_w - leader_gap / 2;
    if (to > from) {
      HPDF_Page p = pdf_.page(page);
      HPDF_Page_GSave(p);
      const HPDF_UINT16 dots[2] = {1, 3};
      HPDF_Page_SetDash(p, dots, 2, 0);
      c_.stroke_line(page, from, base, to, base, ps_.muted, ps_.rule);
      HPDF_Page_GRestore(p);
    }
    c_.link(page, Area{a.x, y, a.w, b.height()}, e.page, e.top);
    y += b.height();
  }
  if (over > 0)
    diags_->push_back({pos, "the sommaire of '" + pub_.id + "' does not fit its page (" + std::to_string(over) +
                                (over == 1 ? " entry over)" : " entries over)")});
}

}  // namespace bilan
