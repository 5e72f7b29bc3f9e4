// The home page and the national themes ("Le pacte : des avancées
// significatives pour les patients et pour les professionnels").
#include "render/html/pages.h"
#include "render/html/rich_text.h"
#include "support/french.h"

namespace bilan {

namespace {

TemplateData theme_ref(const Theme& t, const Links& links) {
  TemplateData d;
  d.set("id", TemplateData(t.id));
  d.set("title", TemplateData(french_spacing(t.title)));
  d.set("label", TemplateData(french_spacing(t.title)));
  d.set("url", TemplateData(links.to(site_path::theme(t))));
  d.set("summary", text_or_false(rich_text_summary(t.text, 160)));
  return d;
}

TemplateData highlight_data(const SiteContext& site, const Highlight& h, const Links& links) {
  TemplateData d;
  d.set("qualifier", text_or_false(french_spacing(h.qualifier)));
  d.set("value", text_or_false(h.value ? format_count(*h.value) : ""));
  d.set("text", TemplateData(french_spacing(h.text)));
  const Measure* m = site.project().find_measure(h.measure);
  d.set("measure", m ? site.measure_ref(*m, links) : TemplateData(false));
  return d;
}

void home_page(const SiteContext& site, Page* page) {
  const Project& p = site.project();
  page->path = site_path::home();
  page->title = french_spacing(p.site.title);
  page->description = rich_text_summary(p.site.about);
  page->section = "home";
  Links links = site.links_for(*page);
  TemplateData& d = page->data;
  d.set("about_html", text_or_false(rich_text_html(p.site.about, 1)));

  const Territory* nation = p.nation();
  set_list(&d, "figures", nation ? site.figure_blocks(*nation, false, links) : std::vector<TemplateData>{});
  d.set("figures_source", text_or_false(nation ? source_line(nation->figures_source) : ""));

  // The national charts are those of the themes (and the nation's own, if any).
  std::vector<TemplateData> charts;
  if (nation)
    for (const Chart& c : nation->charts) {
      TemplateData block = site.chart_block(c, "graphique-" + nation->id + "-" + c.id);
      block.set("theme", TemplateData(false));
      charts.push_back(std::move(block));
    }
  for (const Theme& t : p.themes)
    for (const Chart& c : t.charts) {
      TemplateData block = site.chart_block(c, "graphique-" + t.id + "-" + c.id);
      block.set("theme", theme_ref(t, links));
      charts.push_back(std::move(block));
    }
  set_list(&d, "charts", std::move(charts));

  std::vector<TemplateData> regions;
  for (const Territory* r : p.regions()) {
    TemplateData rd;
    rd.set("name", TemplateData(french_spacing(r->name)));
    rd.set("url", TemplateData(links.to(site_path::region(*r))));
    rd.set("overseas", TemplateData(r->overseas));
    regions.push_back(std::move(rd));
  }
  set_list(&d, "regions", std::move(regions));
  d.set("map", site.regions_map_block());

  std::vector<TemplateData> themes;
  for (const Theme& t : p.themes) themes.push_back(theme_ref(t, links));
  set_list(&d, "themes", std::move(themes));

  std::vector<TemplateData> measures;
  for (const Measure& m : p.measures) measures.push_back(site.measure_ref(m, links));
  set_list(&d, "measures", std::move(measures));

  TemplateData pacte2;
  pacte2.set("title", TemplateData(french_spacing(p.dossier.title)));
  pacte2.set("subtitle", text_or_false(french_spacing(p.dossier.subtitle)));
  pacte2.set("url", TemplateData(links.to(site_path::pacte2())));
  d.set("pacte2", p.dossier.title.empty() ? TemplateData(false) : std::move(pacte2));
}

void themes_page(const SiteContext& site, Page* page) {
  const Project& p = site.project();
  page->path = site_path::themes();
  page->title = SectionTitles::themes;
  page->section = "themes";
  page->trail = {{SectionTitles::home, site_path::home()}};
  Links links = site.links_for(*page);
  std::vector<TemplateData> themes;
  for (const Theme& t : p.themes) themes.push_back(theme_ref(t, links));
  set_list(&page->data, "themes", std::move(themes));
}

void theme_page(const SiteContext& site, size_t i, Page* page) {
  const Project& p = site.project();
  const Theme& t = p.themes[i];
  page->path = site_path::theme(t);
  page->title = french_spacing(t.title);
  page->description = rich_text_summary(t.text);
  page->section = "themes";
  page->trail = {{SectionTitles::home, site_path::home()}, {SectionTitles::themes, site_path::themes()}};
  Links links = site.links_for(*page);
  TemplateData& d = page->data;
  d.set("theme", theme_ref(t, links));
  d.set("text_html", text_or_false(rich_text_html(t.text, 0)));
  std::vector<TemplateData> highlights;
  for (const Highlight& h : t.highlights) highlights.push_back(highlight_data(site, h, links));
  set_list(&d, "highlights", std::move(highlights));
  set_list(&d, "charts", site.chart_blocks(t.charts));
  std::vector<TemplateData> measures;
  for (const std::string& id : t.measures)
    if (const Measure* m = p.find_measure(id)) measures.push_back(site.measure_ref(*m, links));
  set_list(&d, "measures", std::move(measures));
  d.set("previous", i > 0 ? theme_ref(p.themes[i - 1], links) : TemplateData(false));
  d.set("next", i + 1 < p.themes.size() ? theme_ref(p.themes[i + 1], links) : TemplateData(false));
}

}  // namespace

void add_home_page(const SiteContext& site, std::vector<PageJob>* jobs) {
  jobs->push_back({"home", [&site](Page* page) { home_page(site, page); }});
}

void add_theme_pages(const SiteContext& site, std::vector<PageJob>* jobs) {
  const Project& p = site.project();
  if (p.themes.empty()) return;
  jobs->push_back({"themes", [&site](Page* page) { themes_page(site, page); }});
  for (size_t i = 0; i < p.themes.size(); ++i)
    jobs->push_back({"theme", [&site, i](Page* page) { theme_page(site, i, page); }});
}

}  // namespace bilan
