// Covers: the full cover and back cover, and their compact forms on a
// leaflet's two pages (masthead at the top of the first, contact strip at
// the bottom of the last).
#include <algorithm>

#include "layout/pictogram.h"
#include "render/pdf/publication_writer.h"

namespace bilan {

namespace {

// Contacts, title and ministry come from content/site.yaml, which keeps no
// position per key.
const SourcePos kSitePos{"content/site.yaml", 0, 0};

// The address a contact line leads to: e-mail addresses and web sites are
// links; other lines (names, telephone numbers) are not.
std::string contact_uri(const std::string& line) {
  if (line.empty() || line.find(' ') != std::string::npos) return "";
  if (line.find('@') != std::string::npos) return "mailto:" + line;
  if (line.rfind("http://", 0) == 0 || line.rfind("https://", 0) == 0) return line;
  if (line.rfind("www.", 0) == 0) return "https://" + line;
  return "";
}

}  // namespace

double PublicationWriter::ministry_block(int page, double x, double y, double size, const std::string& color,
                                         bool draw) {
  const double line = size * 1.25;
  double h = 0;
  for (const std::string& l : project_.site.ministry) {
    if (draw) c_.draw_label(page, x, y + h + c_.baseline(0, line, size), to_upper_fr(l), size, font_index(true, false),
                            color);
    h += line;
  }
  return h;
}

void PublicationWriter::cover() {
  const int page = new_page(PageFooter::hidden);
  anchor(0, pub_.title, page, 0, false);
  const Area a = c_.content(page);
  const Document& doc = *pub_.document;

  ministry_block(page, a.x, a.y, ps_.ministry, ps_.text, true);

  // Title, red rule, subtitle, from a little above the middle of the page.
  double y = ps_.page_height * 0.27;
  SetBlock title = title_block(pub_.title, a.w * 0.92, ps_.cover_title, ps_.accent, "cover title", doc.pos);
  y += c_.draw_block(page, a.x, y, title) + ps_.block_space;
  y += accent_rule(page, a.x, y);
  if (!doc.subtitle.empty()) {
    SetBlock sub = title_block(doc.subtitle, a.w * 0.8, ps_.cover_subtitle, ps_.text, "cover subtitle", doc.pos);
    y += c_.draw_block(page, a.x, y, sub);
  }

  // The lower part in the accent colour, with the pictograms of the key
  // measures and the date.
  const double band_top = ps_.page_height * 0.70;
  c_.fill_rect(page, Area{0, band_top, ps_.page_width, ps_.page_height - band_top}, ps_.accent);
  std::vector<const Measure*> keys;
  for (const Measure& m : project_.measures)
    if (m.key && pictogram(m.id)) keys.push_back(&m);
  if (!keys.empty()) {
    const double size = ps_.key_figure * 2;
    const double step = a.w / static_cast<double>(keys.size());
    const double top = band_top + ps_.block_space * 2;
    for (size_t i = 0; i < keys.size(); ++i) {
      double cx = a.x + step * (static_cast<double>(i) + 0.5);
      ChartDrawing d;
      d.width = size;
      d.height = size;
      place_pictogram(*pictogram(keys[i]->id), 0, 0, size, ps_.on_accent, &d.items);
      c_.draw_drawing(page, d, cx - size / 2, top);
      std::string name = keys[i]->short_name;
      double w = c_.label_width(name, ps_.h3, font_index(true, false));
      c_.draw_label(page, cx - w / 2, top + size + ps_.block_space + ps_.h3, name, ps_.h3, font_index(true, false),
                    ps_.on_accent);
    }
  }
  if (!doc.date.empty()) {
    double w = c_.label_width(doc.date, ps_.h2, font_index(true, false));
    c_.draw_label(page, a.right() - w, ps_.page_height - ps_.margin_bottom, doc.date, ps_.h2, font_index(true, false),
                  ps_.on_accent);
  }
}

double PublicationWriter::masthead(int page, const Area& a, bool draw) {
  const Document& doc = *pub_.document;
  const double ministry_size = ps_.small;
  const double left_w = a.w * 0.3;
  double left_h = ministry_block(page, a.x, a.y, ministry_size, ps_.text, draw);
  const double right_x = a.x + left_w + ps_.column_gap;
  const double right_w = a.right() - right_x;
  SetBlock title = title_block(pub_.title, right_w, ps_.h2, ps_.accent, "masthead", doc.pos);
  double right_h = title.height();
  if (draw) c_.draw_block(page, right_x, a.y, title);
  if (!doc.subtitle.empty()) {
    TextStyle t = small();
    t.uppercase = true;
    t.bold = true;
    t.color = ps_.muted;
    t.align = TextAlign::left;
    t.hyphenate = false;
    SetBlock sub = c_.set_text(doc.subtitle, right_w, t, "masthead subtitle", doc.pos);
    if (draw) c_.draw_block(page, right_x, a.y + right_h + ps_.item_space, sub);
    right_h += ps_.item_space + sub.height();
  }
  double h = std::max(left_h, right_h) + ps_.block_space / 2;
  if (draw) c_.stroke_line(page, a.x, a.y + h, a.right(), a.y + h, ps_.rule_color, ps_.rule);
  return h + ps_.block_space;
}

double PublicationWriter::contact_strip(int page, const Area& a, bool draw) {
  const std::vector<Contact>& contacts = project_.site.contacts;
  if (contacts.empty()) return 0;
  const size_t n = contacts.size();
  const double w = (a.w - ps_.column_gap * static_cast<double>(n - 1)) / static_cast<double>(n);
  TextStyle label = small();
  label.bold = true;
  label.color = ps_.accent;
  label.align = TextAlign::left;
  label.hyphenate = false;
  TextStyle line = small();
  line.align = TextAlign::left;
  line.hyphenate = false;
  std::vector<std::vector<std::pair<SetBlock, std::string>>> columns(n);
  double h = 0;
  for (size_t i = 0; i < n; ++i) {
    double ch = 0;
    if (!contacts[i].label.empty()) {
      columns[i].push_back({c_.set_text(contacts[i].label, w, label, "contacts", kSitePos), ""});
      ch += columns[i].back().first.height();
    }
    for (const std::string& l : contacts[i].lines) {
      columns[i].push_back({c_.set_text(l, w, line, "contacts", kSitePos), contact_uri(l)});
      ch += columns[i].back().first.height();
    }
    h = std::max(h, ch);
  }
  const double total = h + ps_.block_space;
  if (draw) {
    double top = a.bottom() - h;
    c_.stroke_line(page, a.x, top - ps_.block_space / 2, a.right(), top - ps_.block_space / 2, ps_.rule_color,
                   ps_.rule);
    for (size_t i = 0; i < n; ++i) {
      double x = a.x + static_cast<double>(i) * (w + ps_.column_gap), y = top;
      for (const auto& [block, uri] : columns[i]) {
        c_.draw_block(page, x, y, block);
        if (!uri.empty() && !block.layout.lines.empty())
          c_.uri_link(page, Area{x, y, block.layout.lines.front().width, block.height()}, uri);
        y += block.height();
      }
    }
  }
  return total;
}

void PublicationWriter::back_cover() {
  const int page = new_page(PageFooter::hidden);
  anchor(0, PageWords::contacts, page, 0, false);
  const Area a = c_.content(page);
  const Site& site = project_.site;

  // The upper part in the accent colour, with the site's title and tagline.
  const double band_bottom = ps_.page_height * 0.30;
  c_.fill_rect(page, Area{0, 0, ps_.page_width, band_bottom}, ps_.accent);
  SetBlock title = title_block(site.title, a.w, ps_.h1, ps_.on_accent, "back cover", kSitePos);
  SetBlock tagline = title_block(site.tagline, a.w * 0.8, ps_.h3, ps_.on_accent, "back cover", kSitePos);
  double y = band_bottom - ps_.block_space * 2 - tagline.height() - ps_.block_space - title.height();
  y += c_.draw_block(page, a.x, y, title) + ps_.block_space;
  c_.draw_block(page, a.x, y, tagline);

  // The contacts, one under the other.
  TextStyle label = body();
  label.bold = true;
  label.size = ps_.h3;
  label.line_height = ps_.h3 * 1.3;
  label.color = ps_.accent;
  label.align = TextAlign::left;
  label.hyphenate = false;
  TextStyle line = body();
  line.align = TextAlign::left;
  line.hyphenate = false;
  y = ps_.page_height * 0.42;
  for (const Contact& contact : site.contacts) {
    if (!contact.label.empty()) {
      SetBlock b = c_.set_text(contact.label, a.w, label, "contacts", kSitePos);
      y += c_.draw_block(page, a.x, y, b);
    }
    for (const std::string& l : contact.lines) {
      SetBlock b = c_.set_text(l, a.w, line, "contacts", kSitePos);
      c_.draw_block(page, a.x, y, b);
      std::string uri = contact_uri(l);
      if (!uri.empty() && !b.layout.lines.empty())
        c_.uri_link(page, Area{a.x, y, b.layout.lines.front().width, b.height()}, uri);
      y += b.height();
    }
    y += ps_.block_space;
  }

  // The ministry at the foot of the page.
  double h = ministry_block(-1, 0, 0, ps_.ministry, ps_.text, false);
  ministry_block(page, a.x, a.bottom() - h, ps_.ministry, ps_.text, true);
}

}  // namespace bilan
