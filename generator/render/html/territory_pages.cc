// One page per territory below the regions: a département, a local
// territory (content/territories/<id>.yaml). The regions have their own pages
// (region_pages.cc); the nation is the home page; a former region has none.
//
// A project may hold tens of thousands of such territories (the benchmark's
// one page per commune), so nothing here walks all territories per page: the
// parent of each is found through one index built up front.
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "render/html/pages.h"
#include "render/html/rich_text.h"
#include "support/french.h"

namespace bilan {

namespace {

bool has_territory_page(const Territory& t) { return t.level == Level::departement || t.level == Level::local; }

// What the territory pages share: the parent of each territory by id, and
// the regions.
struct TerritoryIndex {
  std::unordered_map<std::string, const Territory*> by_id;
  std::unordered_set<const Territory*> regions;

  const Territory* parent_of(const Territory& t) const {
    auto it = t.parent.empty() ? by_id.end() : by_id.find(t.parent);
    return it == by_id.end() ? nullptr : it->second;
  }
};

void territory_page(const SiteContext& site, const TerritoryIndex& index, const Territory& t, Page* page) {
  page->path = site_path::territory(t);
  page->title = french_spacing(t.name);
  page->description = rich_text_summary(t.intro);
  page->section = "regions";

  // Breadcrumb: home, the regions, then the enclosing region and
  // territories that have a page, outermost first.
  std::vector<Crumb> ancestors;
  const Territory* cur = index.parent_of(t);
  for (int guard = 0; cur && guard < 16; ++guard, cur = index.parent_of(*cur)) {
    if (index.regions.count(cur)) {
      ancestors.push_back({french_spacing(cur->name), site_path::region(*cur)});
      break;
    }
    if (has_territory_page(*cur)) ancestors.push_back({french_spacing(cur->name), site_path::territory(*cur)});
  }
  page->trail = {{SectionTitles::home, site_path::home()}, {SectionTitles::regions, site_path::regions()}};
  page->trail.insert(page->trail.end(), ancestors.rbegin(), ancestors.rend());

  Links links = site.links_for(*page);
  TemplateData& d = page->data;
  d.set("name_in", TemplateData(french_spacing(t.name_in)));
  std::string population = t.population ? format_count(static_cast<double>(*t.population)) : "";
  // "3,2 millions d'habitants" but "812 000 habitants".
  d.set("population_millions", TemplateData(population.find("million") != std::string::npos));
  d.set("population", text_or_false(std::move(population)));
  set_list(&d, "figures", site.figure_blocks(t, true, links));
  d.set("figures_source", text_or_false(source_line(t.figures_source)));
  d.set("intro_html", text_or_false(rich_text_html(t.intro, 2)));
  // The first chart is the highlight chart, beside the text; any others follow.
  std::vector<TemplateData> charts = site.chart_blocks(t.charts);
  d.set("highlight", charts.empty() ? TemplateData(false) : std::move(charts.front()));
  if (!charts.empty()) charts.erase(charts.begin());
  set_list(&d, "charts", std::move(charts));
}

}  // namespace

void add_territory_pages(const SiteContext& site, std::vector<PageJob>* jobs) {
  const Project& p = site.project();
  auto index = std::make_shared<TerritoryIndex>();
  for (const Territory& t : p.territories) index->by_id.emplace(t.id, &t);
  for (const Territory* r : p.regions()) index->regions.insert(r);
  std::shared_ptr<const TerritoryIndex> shared = std::move(index);
  for (const Territory& t : p.territories)
    if (has_territory_page(t))
      jobs->push_back({"territory", [&site, shared, &t](Page* page) { territory_page(site, *shared, t, page); }});
}

}  // namespace bilan
