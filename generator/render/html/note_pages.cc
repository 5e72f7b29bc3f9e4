// Regional notes (press releases about one territory): a list and one page each.
#include "render/html/pages.h"
#include "render/html/rich_text.h"
#include "support/french.h"

namespace bilan {

namespace {

TemplateData note_ref(const SiteContext& site, const Note& n, const Links& links) {
  TemplateData d;
  d.set("title", TemplateData(french_spacing(n.title)));
  d.set("url", TemplateData(links.to(site_path::note(n))));
  d.set("kind", text_or_false(french_spacing(n.kind)));
  d.set("date", text_or_false(french_spacing(n.date)));
  const Territory* t = site.project().find_territory(n.territory);
  d.set("territory", TemplateData(t ? french_spacing(t->name) : ""));
  return d;
}

void notes_page(const SiteContext& site, Page* page) {
  const Project& p = site.project();
  page->path = site_path::notes();
  page->title = SectionTitles::notes;
  page->section = "notes";
  page->trail = {{SectionTitles::home, site_path::home()}};
  Links links = site.links_for(*page);
  std::vector<TemplateData> list;
  for (const Note& n : p.notes) list.push_back(note_ref(site, n, links));
  set_list(&page->data, "notes", std::move(list));
}

void note_page(const SiteContext& site, const Note& n, Page* page) {
  const Project& p = site.project();
  page->path = site_path::note(n);
  page->title = french_spacing(n.title);
  page->section = "notes";
  page->trail = {{SectionTitles::home, site_path::home()}, {SectionTitles::notes, site_path::notes()}};
  for (const Section& s : n.sections)
    if (page->description.empty()) page->description = rich_text_summary(s.text);
  Links links = site.links_for(*page);
  TemplateData& d = page->data;
  d.set("note", note_ref(site, n, links));
  const Territory* t = p.find_territory(n.territory);
  const Territory* region = t ? site.region_of(*t) : nullptr;
  TemplateData region_link(false);
  if (region) {
    region_link = TemplateData(TemplateData::type::object);
    region_link.set("name", TemplateData(french_spacing(region->name)));
    region_link.set("url", TemplateData(links.to(site_path::region(*region))));
  }
  d.set("region", std::move(region_link));
  set_list(&d, "figures", t ? site.figure_blocks(*t, false, links) : std::vector<TemplateData>{});
  d.set("figures_source", text_or_false(t ? source_line(t->figures_source) : ""));
  d.set("territory_name_in", text_or_false(t ? french_spacing(t->name_in) : ""));
  set_list(&d, "sections", site.section_blocks(n.sections));
  set_list(&d, "charts", site.chart_blocks(n.charts));
  set_list(&d, "publications", site.publications_of(n, links));
}

}  // namespace

void add_note_pages(const SiteContext& site, std::vector<PageJob>* jobs) {
  const Project& p = site.project();
  if (p.notes.empty()) return;
  jobs->push_back({"notes", [&site](Page* page) { notes_page(site, page); }});
  for (const Note& n : p.notes) jobs->push_back({"note", [&site, &n](Page* page) { note_page(site, n, page); }});
}

}  // namespace bilan
