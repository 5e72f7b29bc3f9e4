// One page per territory below the regions: a département, a local
// territory (content/territories/<id>.yaml). The regions have their own pages
// (region_pages.cc); the nation is the home page; a former region has none.
//
// A project may hold tens of thousands of such territories (the benchmark's
// one page per commune), so nothing here walks all territories per page: the
// parent of each is found through one index built up front.
#include <unordered_map>
#include <unordered_set>

#include "render/html/pages.h"
#include "render/html/rich_text.h"
#include "support/french.h"

namespace bilan {

namespace {

bool has_territory_page(const Territory& t) { return t.level == Level::departement || t.level == Level::local; }

}  // namespace

void add_territory_pages(const SiteContext& site, std::vector<Page>* pages) {
  const Project& p = site.project();
  std::unordered_map<std::string, const Territory*> by_id;
  for (const Territory& t : p.territories) by_id.emplace(t.id, &t);
  std::unordered_set<const Territory*> regions;
  for (const Territory* r : p.regions()) regions.insert(r);
  auto parent_of = [&](const Territory& t) -> const Territory* {
    auto it = t.parent.empty() ? by_id.end() : by_id.find(t.parent);
    return it == by_id.end() ? nullptr : it->second;
  };

  for (const Territory& t : p.territories) {
    if (!has_territory_page(t)) continue;
    Page page;
    page.path = site_path::territory(t);
    page.kind = "territory";
    page.title = french_spacing(t.name);
    page.description = rich_text_summary(t.intro);
    page.section = "regions";

    // Breadcrumb: home, the regions, then the enclosing region and
    // territories that have a page, outermost first.
    std::vector<Crumb> ancestors;
    const Territory* cur = parent_of(t);
    for (int guard = 0; cur && guard < 16; ++guard, cur = parent_of(*cur)) {
      if (regions.count(cur)) {
        ancestors.push_back({french_spacing(cur->name), site_path::region(*cur)});
        break;
      }
      if (has_territory_page(*cur)) ancestors.push_back({french_spacing(cur->name), site_path::territory(*cur)});
    }
    page.trail = {{SectionTitles::home, site_path::home()}, {SectionTitles::regions, site_path::regions()}};
    page.trail.insert(page.trail.end(), ancestors.rbegin(), ancestors.rend());

    Links links = site.links_for(page);
    TemplateData& d = page.data;
    d.set("name_in", TemplateData(french_spacing(t.name_in)));
    std::string population = t.population ? format_count(static_cast<double>(*t.population)) : "";
    d.set("population", text_or_false(population));
    // "3,2 millions d'habitants" but "812 000 habitants".
    d.set("population_millions", TemplateData(population.find("million") != std::string::npos));
    set_list(&d, "figures", site.figure_blocks(t, true, links));
    d.set("figures_source", text_or_false(source_line(t.figures_source)));
    d.set("intro_html", text_or_false(rich_text_html(t.intro, 2)));
    // The first chart is the highlight chart, beside the text; any others follow.
    std::vector<TemplateData> charts;
    for (const Chart& c : t.charts) charts.push_back(site.chart_block(c, "graphique-" + c.id));
    d.set("highlight", charts.empty() ? TemplateData(false) : charts.front());
    if (!charts.empty()) charts.erase(charts.begin());
    set_list(&d, "charts", std::move(charts));
    pages->push_back(std::move(page));
  }
}

}  // namespace bilan
