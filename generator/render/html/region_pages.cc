// "Le pacte en région": the list of regions and one page per region, the web
// form of a regional spread of the brochure.
#include <algorithm>
#include <memory>

#include "render/html/pages.h"
#include "render/html/rich_text.h"
#include "support/french.h"

namespace bilan {

namespace {

TemplateData region_ref(const Territory& r, const Links& links) {
  TemplateData d;
  d.set("id", TemplateData(r.id));
  d.set("name", TemplateData(french_spacing(r.name)));
  d.set("label", TemplateData(french_spacing(r.name)));
  d.set("name_in", TemplateData(french_spacing(r.name_in)));
  d.set("url", TemplateData(links.to(site_path::region(r))));
  d.set("overseas", TemplateData(r.overseas));
  return d;
}

std::string departement_name(const Territory& r, const std::string& code) {
  for (const Departement& d : r.departements)
    if (d.code == code) return d.name;
  return "";
}

TemplateData example_data(const SiteContext& site, const Territory& r, const Example& e, const Links& links) {
  TemplateData d;
  d.set("anchor", TemplateData(site_path::example_anchor(e)));
  d.set("name", TemplateData(french_spacing(e.name)));
  d.set("population", text_or_false(e.population ? format_number(static_cast<double>(*e.population)) : ""));
  d.set("departement", text_or_false(french_spacing(departement_name(r, e.departement))));
  std::vector<TemplateData> measures;
  for (const std::string& id : e.measures)
    if (const Measure* m = site.project().find_measure(id)) measures.push_back(site.measure_ref(*m, links));
  set_list(&d, "measures", std::move(measures));
  d.set("text_html", TemplateData(rich_text_html(e.text, 2)));
  return d;
}

void regions_page(const SiteContext& site, Page* page) {
  const Project& p = site.project();
  page->path = site_path::regions();
  page->title = SectionTitles::regions;
  page->section = "regions";
  page->trail = {{SectionTitles::home, site_path::home()}};
  Links links = site.links_for(*page);
  std::vector<TemplateData> list;
  for (const Territory* r : p.regions()) {
    TemplateData rd = region_ref(*r, links);
    set_list(&rd, "figures", site.figure_blocks(*r, true, links));
    list.push_back(std::move(rd));
  }
  set_list(&page->data, "regions", std::move(list));
  page->data.set("map", site.regions_map_block());
}

// The page of regions[i].
void region_page(const SiteContext& site, const std::vector<const Territory*>& regions, size_t i, Page* page) {
  const Project& p = site.project();
  const Territory& r = *regions[i];
  page->path = site_path::region(r);
  page->title = french_spacing(r.name);
  page->description = rich_text_summary(r.intro);
  page->section = "regions";
  page->trail = {{SectionTitles::home, site_path::home()}, {SectionTitles::regions, site_path::regions()}};
  Links links = site.links_for(*page);
  TemplateData& d = page->data;
  d.set("region", region_ref(r, links));
  std::string population = r.population ? format_count(static_cast<double>(*r.population)) : "";
  d.set("population", text_or_false(population));
  // "3,2 millions d'habitants" but "812 000 habitants".
  d.set("population_millions", TemplateData(population.find("million") != std::string::npos));
  set_list(&d, "figures", site.figure_blocks(r, true, links));
  d.set("figures_source", text_or_false(source_line(r.figures_source)));
  d.set("intro_html", text_or_false(rich_text_html(r.intro, 2)));

  // The first chart is the spread's highlight chart; any others follow it.
  std::vector<TemplateData> charts = site.chart_blocks(r.charts);
  d.set("highlight", charts.empty() ? TemplateData(false) : std::move(charts.front()));
  if (!charts.empty()) charts.erase(charts.begin());
  set_list(&d, "charts", std::move(charts));

  std::vector<TemplateData> departements;
  for (const Departement& dep : r.departements) {
    TemplateData dd;
    dd.set("code", TemplateData(dep.code));
    dd.set("name", TemplateData(french_spacing(dep.name)));
    dd.set("towns", text_list(dep.towns));
    dd.set("has_towns", TemplateData(!dep.towns.empty()));
    departements.push_back(std::move(dd));
  }
  set_list(&d, "departements", std::move(departements));
  d.set("departement_map", site.departement_map_block(r, "carte-" + r.id));

  std::vector<const Example*> examples;
  for (const Example& e : r.examples) examples.push_back(&e);
  std::stable_sort(examples.begin(), examples.end(),
                   [](const Example* a, const Example* b) { return a->order < b->order; });
  std::vector<TemplateData> example_list;
  for (const Example* e : examples) example_list.push_back(example_data(site, r, *e, links));
  set_list(&d, "examples", std::move(example_list));

  set_list(&d, "publications", site.publications_of(r, links));

  // Notes about the region or one of its territories.
  std::vector<TemplateData> notes;
  for (const Note& n : p.notes) {
    const Territory* t = p.find_territory(n.territory);
    if (!t || site.region_of(*t) != &r) continue;
    TemplateData nd;
    nd.set("title", TemplateData(french_spacing(n.title)));
    nd.set("url", TemplateData(links.to(site_path::note(n))));
    nd.set("date", text_or_false(french_spacing(n.date)));
    notes.push_back(std::move(nd));
  }
  set_list(&d, "region_notes", std::move(notes));

  d.set("previous", i > 0 ? region_ref(*regions[i - 1], links) : TemplateData(false));
  d.set("next", i + 1 < regions.size() ? region_ref(*regions[i + 1], links) : TemplateData(false));
}

}  // namespace

void add_region_pages(const SiteContext& site, std::vector<PageJob>* jobs) {
  jobs->push_back({"regions", [&site](Page* page) { regions_page(site, page); }});
  auto regions = std::make_shared<const std::vector<const Territory*>>(site.project().regions());
  for (size_t i = 0; i < regions->size(); ++i)
    jobs->push_back({"region", [&site, regions, i](Page* page) { region_page(site, *regions, i, page); }});
}

}  // namespace bilan
