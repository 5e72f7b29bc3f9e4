#include "render/pdf/publication.h"

#include "layout/map.h"
#include "render/pdf/publication_writer.h"
#include "support/french.h"

namespace bilan {

namespace {

std::string joined(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

}  // namespace

std::shared_ptr<const ChartDrawing> MapLayouts::departement_map(const Territory& region, const Style& style,
                                                                const MapGeometry& geo, double width, double height) {
  std::shared_ptr<Entry> entry;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    std::shared_ptr<Entry>& slot = entries_[Key{&region, &style, &geo, width, height}];
    if (!slot) slot = std::make_shared<Entry>();
    entry = slot;
  }
  std::call_once(entry->once, [&] {
    entry->drawing = std::make_shared<const ChartDrawing>(layout_departement_map(region, style, geo, width, height));
  });
  return entry->drawing;
}

PublicationWriter::PublicationWriter(const DocumentInstance& pub, const PublicationResources& res,
                                     Diagnostics* diags)
    : pub_(pub),
      res_(res),
      project_(*res.project),
      ps_(res.page),
      diags_(diags),
      c_(&pdf_, &fonts_, res.page, res.hyphenator, diags) {
  c_.set_paragraph_cache(res.paragraphs);
}

TextStyle PublicationWriter::body() const {
  TextStyle t;
  t.size = ps_.body;
  t.line_height = ps_.leading;
  t.color = ps_.text;
  return t;
}

TextStyle PublicationWriter::small() const {
  TextStyle t;
  t.size = ps_.small;
  t.line_height = ps_.small_leading;
  t.color = ps_.text;
  return t;
}

bool PublicationWriter::write(std::string* bytes, PublicationOutline* outline) {
  const SourcePos doc_pos = pub_.document->pos;
  std::string err;
  if (!fonts_.load(&pdf_, &res_.fonts, &err)) {
    diags_->push_back({res_.style->pos, err});
    return false;
  }
  c_.fonts_loaded();

  const std::vector<DocumentSection>& sections = pub_.document->sections;
  for (size_t i = 0; i < sections.size(); ++i) {
    const DocumentSection& s = sections[i];
    const bool after_territory = i > 0 && sections[i - 1].kind == SectionKind::territory;
    const bool before_territory = i + 1 < sections.size() && sections[i + 1].kind == SectionKind::territory;
    switch (s.kind) {
      case SectionKind::cover:
        // A leaflet's cover is the masthead of its first page.
        if (!before_territory) cover();
        break;
      case SectionKind::contents:
        contents(s);
        break;
      case SectionKind::themes:
        themes(s);
        break;
      case SectionKind::regions:
        regions(s);
        break;
      case SectionKind::territory: {
        bool masthead = i > 0 && sections[i - 1].kind == SectionKind::cover;
        bool contacts = i + 1 < sections.size() && sections[i + 1].kind == SectionKind::back_cover;
        territory(s, masthead, contacts);
        break;
      }
      case SectionKind::dossier:
        dossier(s);
        break;
      case SectionKind::note:
        note(s);
        break;
      case SectionKind::back_cover:
        // A leaflet's back cover is the contact strip of its last page.
        if (!after_territory) back_cover();
        break;
    }
  }
  if (c_.page_count() == 0) {
    diags_->push_back({doc_pos, "document '" + pub_.id + "' has no page (its sections show nothing)"});
    return false;
  }
  finish_contents();
  c_.draw_footers(pub_.title);

  // Bookmarks: sections at the top level, their items below.
  int parent = -1;
  for (const Bookmark& a : anchors_) {
    if (a.level == 0) {
      parent = pdf_.add_outline(-1, a.title, a.page, ps_.page_height - a.top, true);
    } else {
      pdf_.add_outline(parent, a.title, a.page, ps_.page_height - a.top, false);
    }
    if (outline) {
      outline->titles.push_back(a.title);
      outline->pages.push_back(a.page);
      outline->levels.push_back(a.level);
    }
  }
  if (outline) outline->page_count = c_.page_count();

  const Site& site = project_.site;
  PdfInfo info;
  info.title = pub_.title;
  info.author = joined(site.ministry, " ");
  info.subject = !pub_.document->subtitle.empty() ? pub_.document->subtitle
                                                  : (pub_.note ? pub_.note->title : site.tagline);
  std::vector<std::string> keywords = {site.title};
  for (const Measure& m : project_.measures)
    if (m.key) keywords.push_back(m.short_name);
  if (pub_.territory) keywords.push_back(pub_.territory->name);
  info.keywords = joined(keywords, ", ");
  info.creator = std::string("bilan ") + BILAN_VERSION;
  pdf_.set_info(info);
  pdf_.set_language(site.language);

  if (!diags_->empty()) return false;
  if (!pdf_.save(bytes, &err)) {
    diags_->push_back({doc_pos, publication_path(pub_) + ": " + err});
    return false;
  }
  return true;
}

Diagnostics write_publication(const DocumentInstance& publication, const PublicationResources& resources,
                              std::string* bytes, PublicationOutline* outline) {
  Diagnostics diags;
  PublicationWriter writer(publication, resources, &diags);
  writer.write(bytes, outline);
  return diags;
}

Diagnostics write_publication(const DocumentInstance& publication, const PublicationResources& resources,
                              std::string* bytes) {
  return write_publication(publication, resources, bytes, nullptr);
}

// --- Pieces shared by sections -------------------------------------------------

SetBlock PublicationWriter::title_block(const std::string& text, double width, double size, const std::string& color,
                                        const std::string& name, const SourcePos& pos) {
  TextStyle t;
  t.size = size;
  t.line_height = size * 1.15;
  t.bold = true;
  t.uppercase = true;
  t.color = color;
  t.align = TextAlign::left;
  t.hyphenate = false;
  return c_.set_text(text, width, t, name, pos);
}

double PublicationWriter::accent_rule(int page, double x, double y) {
  const double width = ps_.block_space * 3;
  if (page >= 0) c_.fill_rect(page, Area{x, y, width, ps_.accent_rule}, ps_.marianne_red);
  return ps_.accent_rule + ps_.block_space;
}

std::vector<const Measure*> PublicationWriter::key_measures_of(const Territory& t) const {
  std::vector<const Measure*> out;
  for (const Measure& m : project_.measures) {
    if (!m.key) continue;
    for (const KeyFigure& f : t.figures) {
      if (f.measure == m.id) {
        out.push_back(&m);
        break;
      }
    }
  }
  return out;
}

const Pictogram* PublicationWriter::pictogram(const std::string& measure) const {
  auto it = res_.pictograms.find(measure);
  return it == res_.pictograms.end() ? nullptr : &it->second;
}

std::string PublicationWriter::measure_color(const std::string& measure) const {
  const Measure* m = project_.find_measure(measure);
  return m && !m->color.empty() ? m->color : ps_.accent;
}

double PublicationWriter::caption_height(const Chart& chart, double w) {
  if (chart.caption.empty()) return 0;
  TextStyle t = small();
  t.italic = true;
  t.align = TextAlign::left;
  t.color = ps_.muted;
  SetBlock b = c_.set_text(chart.caption, w, t, chart.id + " caption", chart.pos);
  return b.height() + ps_.paragraph_space;
}

void PublicationWriter::chart_cell(int page, const Chart& chart, double x, double y, double w, double h) {
  double caption = caption_height(chart, w);
  ChartDrawing d = layout_chart(chart, project_, *res_.style, w, h - caption);
  c_.draw_drawing(page, d, x, y);
  if (caption > 0) {
    TextStyle t = small();
    t.italic = true;
    t.align = TextAlign::left;
    t.color = ps_.muted;
    SetBlock b = c_.set_text(chart.caption, w, t, chart.id + " caption", chart.pos);
    c_.draw_block(page, x, y + h - caption + ps_.paragraph_space, b);
  }
}

}  // namespace bilan
