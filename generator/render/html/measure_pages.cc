// One page per measure, comparing the regions: the national figure and
// target, a table of every region's figures (absent ones said absent) and a
// ranked bar chart of the headline figure.
#include <set>

#include "render/html/pages.h"
#include "render/html/rich_text.h"
#include "support/french.h"

namespace bilan {

namespace {

// Every chart of the national pages, with an id unique on a measure page.
struct NationalChart {
  const Chart* chart;
  std::string dom_id;
};

std::vector<NationalChart> national_charts(const Project& p, const std::string& measure) {
  std::vector<NationalChart> out;
  if (const Territory* n = p.nation())
    for (const Chart& c : n->charts)
      if (c.measure == measure) out.push_back({&c, "graphique-" + n->id + "-" + c.id});
  for (const Theme& t : p.themes)
    for (const Chart& c : t.charts)
      if (c.measure == measure) out.push_back({&c, "graphique-" + t.id + "-" + c.id});
  for (const Engagement& e : p.dossier.engagements)
    for (const Chart& c : e.charts)
      if (c.measure == measure) out.push_back({&c, "graphique-engagement-" + std::to_string(e.number) + "-" + c.id});
  return out;
}

// The objectifs printed in the national charts of the measure.
std::vector<TemplateData> targets(const std::vector<NationalChart>& charts) {
  std::vector<TemplateData> out;
  for (const NationalChart& nc : charts)
    for (const Series& s : nc.chart->series)
      for (const Point& pt : s.points) {
        if (pt.kind != PointKind::target) continue;
        TemplateData t;
        t.set("value", TemplateData(format_count(pt.value)));
        t.set("unit", text_or_false(french_spacing(nc.chart->unit)));
        t.set("label", TemplateData(french_spacing(pt.label)));
        t.set("note", text_or_false(french_spacing(pt.note)));
        t.set("chart", TemplateData(french_spacing(nc.chart->title)));
        out.push_back(std::move(t));
      }
  return out;
}

void measures_page(const SiteContext& site, Page* page) {
  const Project& p = site.project();
  page->path = site_path::measures();
  page->title = SectionTitles::measures;
  page->section = "measures";
  page->trail = {{SectionTitles::home, site_path::home()}};
  Links links = site.links_for(*page);
  std::vector<TemplateData> list;
  for (const Measure& m : p.measures) list.push_back(site.measure_ref(m, links));
  set_list(&page->data, "measures", std::move(list));
}

void measure_page(const SiteContext& site, const Measure& m, Page* page) {
  const Project& p = site.project();
  std::vector<const Territory*> regions = p.regions();
  page->path = site_path::measure(m);
  page->title = french_spacing(m.short_name);
  page->description = french_spacing(m.description);
  page->section = "measures";
  page->trail = {{SectionTitles::home, site_path::home()}, {SectionTitles::measures, site_path::measures()}};
  Links links = site.links_for(*page);
  TemplateData& d = page->data;
  d.set("measure", site.measure_ref(m, links));

  // National figure.
  const Territory* nation = p.nation();
  std::vector<TemplateData> national;
  if (nation)
    for (const FigureField& f : m.fields)
      if (const KeyFigure* k = find_figure(*nation, m.id, f.id)) {
        national.push_back(site.figure_line(f, *k));
        if (national.size() == 1) national.back().set("prefix", TemplateData(false));  // as in figure_blocks
      }
  d.set("has_national", TemplateData(!national.empty()));
  set_list(&d, "national", std::move(national));
  d.set("national_source", text_or_false(nation ? source_line(nation->figures_source) : ""));

  std::vector<NationalChart> charts = national_charts(p, m.id);
  set_list(&d, "targets", targets(charts));

  // Comparison table: the fields at least one region gives, in field order.
  std::vector<const FigureField*> fields;
  for (const FigureField& f : m.fields)
    for (const Territory* r : regions)
      if (find_figure(*r, m.id, f.id)) {
        fields.push_back(&f);
        break;
      }
  std::vector<TemplateData> columns;
  for (const FigureField* f : fields) {
    TemplateData c;
    c.set("label", TemplateData(french_spacing(f->label)));
    c.set("prefix", text_or_false(french_spacing(f->prefix)));
    columns.push_back(std::move(c));
  }
  std::vector<TemplateData> rows;
  std::set<std::string> sources;
  for (const Territory* r : regions) {
    TemplateData row;
    row.set("name", TemplateData(french_spacing(r->name)));
    row.set("url", TemplateData(links.to(site_path::region(*r))));
    std::vector<TemplateData> cells;
    for (const FigureField* f : fields) {
      TemplateData cell;
      const KeyFigure* k = find_figure(*r, m.id, f->id);
      cell.set("absent", TemplateData(k == nullptr));
      cell.set("value", text_or_false(k ? format_count(k->value) : ""));
      cell.set("qualifier", text_or_false(k ? french_spacing(k->qualifier) : ""));
      cells.push_back(std::move(cell));
      if (k && !r->figures_source.empty()) sources.insert(r->figures_source);
    }
    set_list(&row, "cells", std::move(cells));
    rows.push_back(std::move(row));
  }
  TemplateData table;
  set_list(&table, "columns", std::move(columns));
  set_list(&table, "rows", std::move(rows));
  d.set("comparison", fields.empty() ? TemplateData(false) : table);

  // Ranking of the headline figure; regions without it are named below.
  TemplateData ranking(false);
  std::string source_of_regions;
  std::vector<std::string> missing;
  if (!fields.empty() && fields.front() == &m.fields.front()) {
    const FigureField& headline = m.fields.front();
    std::vector<std::pair<std::string, double>> items;
    for (const Territory* r : regions) {
      if (const KeyFigure* k = find_figure(*r, m.id, headline.id))
        items.emplace_back(r->name, k->value);
      else
        missing.push_back(r->name);
    }
    std::string& source = source_of_regions;
    for (const std::string& s : sources) source += (source.empty() ? "" : " ; ") + s;
    ranking = site.ranking_block(items, m.short_name + " : " + headline.label + " par région", "", m.color, source,
                                 "classement-" + m.id);
    // The comparison table below is this chart's data table.
    ranking.set("table", TemplateData(false));
  }
  d.set("ranking", ranking);
  d.set("map", ranking.is_false() ? TemplateData(false)
                                  : site.region_map_block(m, m.fields.front(), source_of_regions, "carte-" + m.id));
  d.set("missing", text_list(missing));
  d.set("has_missing", TemplateData(!missing.empty()));

  std::vector<TemplateData> chart_blocks;
  for (const NationalChart& nc : charts) chart_blocks.push_back(site.chart_block(*nc.chart, nc.dom_id));
  set_list(&d, "charts", std::move(chart_blocks));

  // Where the measure appears: themes and local examples.
  std::vector<TemplateData> themes;
  for (const Theme& t : p.themes)
    for (const std::string& id : t.measures)
      if (id == m.id) {
        TemplateData td;
        td.set("title", TemplateData(french_spacing(t.title)));
        td.set("url", TemplateData(links.to(site_path::theme(t))));
        themes.push_back(std::move(td));
        break;
      }
  set_list(&d, "measure_themes", std::move(themes));
  std::vector<TemplateData> examples;
  for (const Territory* r : regions)
    for (const Example& e : r->examples)
      for (const std::string& id : e.measures)
        if (id == m.id) {
          TemplateData ed;
          ed.set("name", TemplateData(french_spacing(e.name)));
          ed.set("region", TemplateData(french_spacing(r->name)));
          ed.set("url", TemplateData(links.to(site_path::region(*r)) + "#" + site_path::example_anchor(e)));
          examples.push_back(std::move(ed));
          break;
        }
  set_list(&d, "examples", std::move(examples));
}

}  // namespace

void add_measure_pages(const SiteContext& site, std::vector<PageJob>* jobs) {
  jobs->push_back({"measures", [&site](Page* page) { measures_page(site, page); }});
  for (const Measure& m : site.project().measures)
    jobs->push_back({"measure", [&site, &m](Page* page) { measure_page(site, m, page); }});
}

}  // namespace bilan
