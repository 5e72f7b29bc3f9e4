// A regional note: a press-release page with the ministry, the kind and date
// of the note, its title, then its sections in two columns (a section's
// heading across the page) and its charts.
#include <algorithm>

#include "render/pdf/publication_writer.h"

namespace bilan {

void PublicationWriter::note(const DocumentSection& s) {
  std::vector<const Note*> notes;
  if (s.refs.empty()) {
    if (pub_.note) notes.push_back(pub_.note);
  } else {
    for (const std::string& id : s.refs)
      for (const Note& n : project_.notes)
        if (n.id == id) notes.push_back(&n);
  }
  if (notes.empty()) {
    diags_->push_back({pub_.document->pos, "document '" + pub_.id + "' has a note section but no note " +
                                               "(give refs, or use each: note)"});
    return;
  }
  const double gap = ps_.column_gap;
  for (const Note* n : notes) {
    Story story(&c_, [this] { return new_page(PageFooter::shown); });
    story.break_page();
    const Area a = story.area();
    const double half = (a.w - gap) / 2;
    anchor(0, n->title, story.page(), story.y());

    // Ministry on the left, kind and date on the right.
    const int page = story.page();
    double head_h = ministry_block(page, a.x, a.y, ps_.ministry, ps_.text, true);
    std::string kind_date = n->kind;
    if (!n->date.empty()) kind_date += (kind_date.empty() ? "" : " – ") + n->date;
    if (!kind_date.empty()) {
      TextStyle kt = small();
      kt.bold = true;
      kt.color = ps_.muted;
      kt.align = TextAlign::right;
      kt.hyphenate = false;
      SetBlock k = c_.set_text(kind_date, half, kt, n->id + " kind", n->pos);
      c_.draw_block(page, a.x + half + gap, a.y, k);
      head_h = std::max(head_h, k.height());
    }
    story.advance(head_h + ps_.block_space);
    story.place(ps_.block_space, [&](int p, double y) {
      c_.stroke_line(p, a.x, y, a.right(), y, ps_.rule_color, ps_.rule);
    });

    TextStyle tt = body();
    tt.size = ps_.h2 * 1.25;
    tt.line_height = tt.size * 1.2;
    tt.bold = true;
    tt.color = ps_.accent;
    tt.align = TextAlign::left;
    tt.hyphenate = false;
    SetBlock title = c_.set_text(n->title, a.w, tt, n->id + " title", n->pos);
    story.place(title.height(), [&](int p, double y) { c_.draw_block(p, a.x, y, title); });
    story.advance(ps_.block_space / 2);
    story.place(ps_.accent_rule + ps_.block_space, [&](int p, double y) { accent_rule(p, a.x, y); });

    for (const Section& sec : n->sections) {
      const std::string name = n->id + (sec.title.empty() ? std::string(" text") : " " + sec.title);
      if (!sec.title.empty()) {
        TextStyle ht = body();
        ht.size = ps_.h3;
        ht.line_height = ps_.h3 * 1.3;
        ht.bold = true;
        ht.color = ps_.accent;
        ht.align = TextAlign::left;
        ht.hyphenate = false;
        SetBlock head = c_.set_text(sec.title, a.w, ht, name, sec.text.pos);
        story.advance(ps_.block_space / 2);
        story.need(head.height() + ps_.item_space + ps_.block_space / 2 + 3 * ps_.leading);
        story.place(head.height() + ps_.item_space, [&](int p, double y) {
          c_.draw_block(p, a.x, y, head);
          double ry = y + head.height() + ps_.item_space;
          c_.stroke_line(p, a.x, ry, a.right(), ry, ps_.rule_color, ps_.rule);
        });
        story.advance(ps_.block_space / 2);
      }
      story.columns(name, sec.text.pos, c_.set_rich(sec.text, half, body(), ps_.accent, ps_.accent, name), 2);
      story.advance(ps_.block_space);
    }

    for (size_t i = 0; i < n->charts.size(); i += 2) {
      const bool pair = i + 1 < n->charts.size();
      const double h = ps_.chart_height;
      story.place(h, [&](int p, double y) {
        chart_cell(p, n->charts[i], a.x, y, pair ? half : a.w, h);
        if (pair) chart_cell(p, n->charts[i + 1], a.x + half + gap, y, half, h);
      });
      story.advance(ps_.block_space);
    }
  }
}

}  // namespace bilan
