// The Pacte 2 dossier: its title and foreword with the list of its axes and
// engagements (each a link to its page), then one engagement per page (or
// more): its number and title, its first section (L'essentiel) in a box,
// the other sections (Les enjeux, Les actions, ...) in two columns, and its
// "bilan depuis 2012" charts.
#include <algorithm>

#include "render/pdf/publication_writer.h"

namespace bilan {

namespace {

struct PendingLink {
  int page;
  Area area;
  int engagement;
};

}  // namespace

void PublicationWriter::dossier(const DocumentSection& s) {
  const Dossier& d = project_.dossier;
  const SourcePos pos = pub_.document->pos;
  Story story(&c_, [this] { return new_page(PageFooter::shown); });
  story.break_page();
  const Area a = story.area();
  const double gap = ps_.column_gap;
  const double half = (a.w - gap) / 2;
  auto place_block = [&](const SetBlock& b, double x) {
    story.place(b.height(), [&](int page, double y) { c_.draw_block(page, x, y, b); });
  };

  anchor(0, s.title.empty() ? d.title : s.title, story.page(), story.y());
  place_block(title_block(d.title, a.w, ps_.h1, ps_.accent, "dossier title", pos), a.x);
  if (!d.subtitle.empty()) {
    story.advance(ps_.item_space);
    place_block(title_block(d.subtitle, a.w, ps_.h2, ps_.text, "dossier subtitle", pos), a.x);
  }
  story.advance(ps_.block_space / 2);
  story.place(ps_.accent_rule + ps_.block_space, [&](int page, double y) { accent_rule(page, a.x, y); });

  // The foreword, a little larger than running text, and its signature.
  if (!d.intro.empty()) {
    TextStyle fw = body();
    fw.size = ps_.body * 1.15;
    fw.line_height = ps_.leading * 1.15;
    story.columns("dossier foreword", d.intro.pos, c_.set_rich(d.intro, half, fw, ps_.accent, ps_.accent, "foreword"),
                  2);
  }
  if (!d.signature.empty()) {
    TextStyle st = body();
    st.italic = true;
    st.align = TextAlign::right;
    st.hyphenate = false;
    story.advance(ps_.paragraph_space);
    place_block(c_.set_text(d.signature, half, st, "dossier signature", d.intro.pos), a.x + half + gap);
  }

  // The axes and their engagements.
  std::vector<PendingLink> pending;
  const double pad = ps_.box_padding * 0.7;
  for (const Axis& axis : d.axes) {
    story.advance(ps_.block_space);
    SetBlock band =
        title_block(std::string(PageWords::axis) + " " + axis.id + " – " + axis.title, a.w - 2 * pad, ps_.h3,
                    ps_.on_accent, "axis " + axis.id, pos);
    const double band_h = band.height() + 2 * pad;
    story.need(band_h + 3 * ps_.leading);
    story.place(band_h, [&](int page, double y) {
      c_.fill_rect(page, Area{a.x, y, a.w, band_h}, ps_.accent);
      c_.draw_block(page, a.x + pad, y + pad, band);
    });
    // Engagements without a group first, then each group under its name.
    std::vector<std::string> groups = {""};
    groups.insert(groups.end(), axis.groups.begin(), axis.groups.end());
    for (const std::string& group : groups) {
      if (!group.empty()) {
        TextStyle gt = body();
        gt.bold = true;
        gt.color = ps_.accent;
        gt.align = TextAlign::left;
        story.advance(ps_.paragraph_space);
        SetBlock g = c_.set_text(group, a.w, gt, "axis " + axis.id, pos);
        story.need(g.height() + 2 * ps_.leading);
        place_block(g, a.x);
      }
      for (const Engagement& e : d.engagements) {
        if (e.axis != axis.id || e.group != group) continue;
        Run label;
        label.text = std::string(PageWords::engagement) + " " + std::to_string(e.number) + " : ";
        label.bold = true;
        Run title;
        title.text = e.title;
        TextStyle et = body();
        et.align = TextAlign::left;
        SetBlock b = c_.set_runs({label, title}, a.w - ps_.bullet_indent, et, "engagement " + std::to_string(e.number),
                                 e.pos);
        story.advance(ps_.item_space);
        story.place(b.height(), [&](int page, double y) {
          c_.draw_block(page, a.x + ps_.bullet_indent, y, b);
          pending.push_back({page, Area{a.x + ps_.bullet_indent, y, a.w - ps_.bullet_indent, b.height()}, e.number});
        });
      }
    }
  }

  // One engagement after the other, each from the top of a page.
  std::vector<std::pair<int, std::pair<int, double>>> starts;  // number -> page, y
  for (const Engagement& e : d.engagements) {
    story.break_page();
    const std::string name = "engagement " + std::to_string(e.number);
    const std::string heading = std::string(PageWords::engagement) + " " + std::to_string(e.number);
    anchor(1, heading + " : " + e.title, story.page(), story.y());
    starts.push_back({e.number, {story.page(), story.y()}});

    const Axis* axis = nullptr;
    for (const Axis& x : d.axes)
      if (x.id == e.axis) axis = &x;
    if (axis) {
      TextStyle at = small();
      at.bold = true;
      at.uppercase = true;
      at.color = ps_.muted;
      at.align = TextAlign::left;
      at.hyphenate = false;
      std::string line = std::string(PageWords::axis) + " " + axis->id + " – " + axis->title;
      if (!e.group.empty()) line += " – " + e.group;
      place_block(c_.set_text(line, a.w, at, name, e.pos), a.x);
      story.advance(ps_.paragraph_space);
    }
    place_block(title_block(heading + " :", a.w, ps_.h2, ps_.accent, name, e.pos), a.x);
    TextStyle tt = body();
    tt.size = ps_.h2;
    tt.line_height = ps_.h2 * 1.2;
    tt.bold = true;
    tt.align = TextAlign::left;
    tt.hyphenate = false;
    place_block(c_.set_text(e.title, a.w, tt, name, e.pos), a.x);
    story.advance(ps_.block_space / 2);
    story.place(ps_.accent_rule + ps_.block_space, [&](int page, double y) { accent_rule(page, a.x, y); });

    for (size_t i = 0; i < e.sections.size(); ++i) {
      const Section& sec = e.sections[i];
      const std::string sec_name = name + " " + to_upper_fr(sec.title);
      if (i == 0) {
        // The summary, in a box across the page.
        const double bp = ps_.box_padding;
        const double inner = a.w - 2 * bp;
        const double col = (inner - gap) / 2;
        SetBlock head = title_block(sec.title, inner, ps_.h3, ps_.accent, sec_name, sec.text.pos);
        std::vector<SetBlock> text = c_.set_rich(sec.text, col, body(), ps_.accent, ps_.accent, sec_name);
        const double text_h = Composer::balanced_height(text, 2, a.h);
        const double box_h = 2 * bp + head.height() + ps_.paragraph_space + text_h;
        if (box_h <= a.h) {
          story.place(box_h, [&](int page, double y) {
            c_.fill_rect(page, Area{a.x, y, a.w, box_h}, ps_.accent_light);
            double ty = y + bp + c_.draw_block(page, a.x + bp, y + bp, head) + ps_.paragraph_space;
            c_.flow_into(sec_name, sec.text.pos, text,
                         {Frame{page, Area{a.x + bp, ty, col, text_h}},
                          Frame{page, Area{a.x + bp + col + gap, ty, col, text_h}}});
          });
          story.advance(ps_.block_space);
          continue;
        }
      }
      SetBlock head = title_block(sec.title, a.w, ps_.h3, ps_.accent, sec_name, sec.text.pos);
      story.need(head.height() + ps_.item_space + ps_.block_space / 2 + 3 * ps_.leading);
      story.place(head.height() + ps_.item_space, [&](int page, double y) {
        c_.draw_block(page, a.x, y, head);
        double ry = y + head.height() + ps_.item_space;
        c_.stroke_line(page, a.x, ry, a.right(), ry, ps_.rule_color, ps_.rule);
      });
      story.advance(ps_.block_space / 2);
      story.columns(sec_name, sec.text.pos, c_.set_rich(sec.text, half, body(), ps_.accent, ps_.accent, sec_name), 2);
      story.advance(ps_.block_space);
    }

    for (size_t i = 0; i < e.charts.size(); i += 2) {
      const bool pair = i + 1 < e.charts.size();
      const double h = ps_.chart_height;
      story.place(h, [&](int page, double y) {
        chart_cell(page, e.charts[i], a.x, y, pair ? half : a.w, h);
        if (pair) chart_cell(page, e.charts[i + 1], a.x + half + gap, y, half, h);
      });
      story.advance(ps_.block_space);
    }
  }

  for (const PendingLink& l : pending) {
    for (const auto& [number, at] : starts)
      if (number == l.engagement) c_.link(l.page, l.area, at.first, at.second);
  }
}

}  // namespace bilan
