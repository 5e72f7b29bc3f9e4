#include "render/html/site_context.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "layout/map.h"
#include "layout/pictogram.h"
#include "render/html/escape.h"
#include "render/html/rich_text.h"
#include "render/html/svg_chart.h"
#include "support/french.h"

namespace bilan {

TemplateData text_or_false(std::string text) {
  if (text.empty()) return TemplateData(false);
  return TemplateData(std::move(text));
}

TemplateData make_list(std::vector<TemplateData> items) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].is_object()) {
      items[i].set("first", TemplateData(i == 0));
      items[i].set("last", TemplateData(i + 1 == items.size()));
      items[i].set("index", TemplateData(std::to_string(i + 1)));
    }
  }
  return TemplateData(std::move(items));
}

void set_list(TemplateData* d, const std::string& key, std::vector<TemplateData> items) {
  d->set("has_" + key, TemplateData(!items.empty()));
  d->set(key, make_list(std::move(items)));
}

TemplateData text_list(const std::vector<std::string>& items) {
  std::vector<TemplateData> out;
  for (const std::string& s : items) {
    TemplateData d;
    d.set("text", TemplateData(french_spacing(s)));
    out.push_back(std::move(d));
  }
  return make_list(std::move(out));
}

std::string source_line(const std::string& source) {
  std::string s = french_spacing(source);
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

namespace {

// The pictogram file as it may be inlined: without XML declaration and
// comments, marked decorative.
std::string inline_svg(const std::string& svg) {
  std::string s = svg;
  if (s.compare(0, 5, "<?xml") == 0) {
    size_t end = s.find("?>");
    s.erase(0, end == std::string::npos ? s.size() : end + 2);
  }
  for (size_t b = s.find("<!--"); b != std::string::npos; b = s.find("<!--", b)) {
    size_t e = s.find("-->", b);
    s.erase(b, e == std::string::npos ? std::string::npos : e + 3 - b);
  }
  size_t root = s.find("<svg");
  if (root == std::string::npos) return "";
  s.erase(0, root);
  size_t root_end = s.find('>');
  if (root_end != std::string::npos && s.substr(0, root_end).find("aria-hidden") == std::string::npos)
    s.insert(4, " aria-hidden=\"true\"");
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

// Colours go into style attributes: only "#rrggbb" is let through.
bool is_hex_color(const std::string& c) {
  if (c.size() != 7 || c[0] != '#') return false;
  for (size_t i = 1; i < 7; ++i)
    if (!std::isxdigit(static_cast<unsigned char>(c[i]))) return false;
  return true;
}

// "Période" when every label holds a digit (years, dates), else a neutral word.
bool labels_are_dates(const std::vector<DataRow>& rows) {
  for (const DataRow& r : rows)
    if (std::none_of(r.label.begin(), r.label.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  return !rows.empty();
}

// "1 200", "1 200 (objectif)", "800 (estimation 2015)".
std::string cell_text(const DataRow& r) {
  std::string s = r.value;
  std::string extra = r.note.empty() ? (r.kind == "observé" || r.kind.empty() ? "" : r.kind) : r.note;
  if (!extra.empty()) s += " (" + extra + ")";
  return s;
}

// The drawing's data as a table: one row per label, one column per series.
TemplateData data_table(const ChartDrawing& d) {
  std::vector<std::string> labels, series;
  for (const DataRow& r : d.table) {
    if (std::find(labels.begin(), labels.end(), r.label) == labels.end()) labels.push_back(r.label);
    if (std::find(series.begin(), series.end(), r.series) == series.end()) series.push_back(r.series);
  }
  TemplateData t;
  t.set("label_is_date", TemplateData(labels_are_dates(d.table)));
  t.set("unit", text_or_false(d.unit));
  std::vector<TemplateData> heads;
  heads.reserve(series.size());
  for (const std::string& s : series) {
    TemplateData h;
    h.set("name", text_or_false(s));
    heads.push_back(std::move(h));
  }
  set_list(&t, "series", std::move(heads));
  std::vector<TemplateData> rows;
  rows.reserve(labels.size());
  for (const std::string& label : labels) {
    TemplateData row;
    row.set("label", TemplateData(label));
    std::vector<TemplateData> cells;
    cells.reserve(series.size());
    for (const std::string& s : series) {
      TemplateData cell;
      auto it = std::find_if(d.table.begin(), d.table.end(),
                             [&](const DataRow& r) { return r.label == label && r.series == s; });
      cell.set("value", text_or_false(it == d.table.end() ? "" : cell_text(*it)));
      cells.push_back(std::move(cell));
    }
    set_list(&row, "cells", std::move(cells));
    rows.push_back(std::move(row));
  }
  set_list(&t, "rows", std::move(rows));
  return t;
}

}  // namespace

SiteContext::SiteContext(const Project& project, const Style& style, const FileSystem& files)
    : project_(project), style_(style), files_(files) {
  for (const Measure& m : project_.measures) {
    if (m.pictogram.empty()) continue;
    std::string path = "assets/" + m.pictogram;
    std::string text, err;
    if (!files_.read(path, &text, &err)) {
      diags_.push_back({m.pos, "pictogram " + path + ": " + err});
      continue;
    }
    Pictogram parsed;
    Diagnostic d;
    // Only files within the pictogram subset are inlined: it has no script,
    // no link and no style, so the page stays safe.
    if (!parse_pictogram(text, path, &parsed, &d)) {
      diags_.push_back(d);
      continue;
    }
    pictograms_[m.id] = inline_svg(text);
  }
  if (files_.exists(kMapGeometryPath)) geometry_ = shared_map_geometry(files_, kMapGeometryPath, &diags_);
  for (const std::string& line : project_.site.ministry) publisher_ += (publisher_.empty() ? "" : " ") + line;
  for (const Measure& m : project_.measures) {
    measure_texts_.emplace(&m, measure_texts(m));
    for (const FigureField& f : m.fields) field_texts_.emplace(&f, field_texts(f));
  }
}

SiteContext::MeasureTexts SiteContext::measure_texts(const Measure& m) const {
  return {french_spacing(m.short_name), french_spacing(m.long_name), french_spacing(m.description),
          is_hex_color(m.color) ? m.color : "", pictogram_html(m)};
}

SiteContext::FieldTexts SiteContext::field_texts(const FigureField& f) {
  return {french_spacing(f.prefix), french_spacing(f.label)};
}

Links SiteContext::links_for(const Page& page) const {
  return page.absolute_links ? Links::absolute(base_path(project_.site.base_url)) : Links::relative_from(page.path);
}

TemplateData SiteContext::figure_line(const FigureField& field, const KeyFigure& f) const {
  auto known = field_texts_.find(&field);
  FieldTexts other;  // a field of no measure of the project
  if (known == field_texts_.end()) other = field_texts(field);
  const FieldTexts& texts = known != field_texts_.end() ? known->second : other;
  TemplateData line;
  line.set("prefix", text_or_false(texts.prefix));
  line.set("qualifier", text_or_false(french_spacing(f.qualifier)));
  // "2,5 millions": the number and the word, so a page can set them apart.
  std::string value = format_count(f.value);
  size_t space = value.find(kNbsp);
  bool words = space != std::string::npos && value.find("million") != std::string::npos;
  line.set("value", TemplateData(value));
  line.set("value_number", TemplateData(words ? value.substr(0, space) : value));
  line.set("value_words", text_or_false(words ? value.substr(space + kNbsp.size()) : ""));
  line.set("label", text_or_false(texts.label));
  line.set("field", TemplateData(field.id));
  return line;
}

std::vector<TemplateData> SiteContext::figure_blocks(const Territory& t, bool key_only, const Links& links) const {
  std::vector<TemplateData> blocks;
  blocks.reserve(project_.measures.size());
  for (const Measure& m : project_.measures) {
    if (key_only && !m.key) continue;
    std::vector<TemplateData> lines;
    lines.reserve(m.fields.size());
    for (const FigureField& field : m.fields)
      if (const KeyFigure* f = find_figure(t, m.id, field.id)) {
        lines.push_back(figure_line(field, *f));
        // A prefix ("et", "déjà") ties a figure to the one above it: the
        // first figure shown has none above when the headline is absent.
        if (lines.size() == 1) lines.back().set("prefix", TemplateData(false));
      }
    if (lines.empty()) continue;
    TemplateData block = measure_ref(m, links);
    set_list(&block, "lines", std::move(lines));
    blocks.push_back(std::move(block));
  }
  return blocks;
}

TemplateData SiteContext::measure_ref(const Measure& m, const Links& links) const {
  auto known = measure_texts_.find(&m);
  MeasureTexts other;  // a measure not of the project
  if (known == measure_texts_.end()) other = measure_texts(m);
  const MeasureTexts& texts = known != measure_texts_.end() ? known->second : other;
  TemplateData d;
  d.set("id", TemplateData(m.id));
  d.set("short_name", TemplateData(texts.short_name));
  d.set("long_name", TemplateData(texts.long_name));
  d.set("description", text_or_false(texts.description));
  d.set("url", TemplateData(links.to(site_path::measure(m))));
  d.set("color", text_or_false(texts.color));
  d.set("pictogram_html", text_or_false(texts.pictogram_html));
  return d;
}

std::string SiteContext::pictogram_html(const Measure& m) const {
  auto it = pictograms_.find(m.id);
  return it == pictograms_.end() ? "" : it->second;
}

TemplateData SiteContext::drawing_block(ChartDrawing drawing, const std::string& title, const std::string& caption,
                                        const std::string& source, const std::string& dom_id) const {
  // The page prints the title and the source as text; the drawing keeps them
  // as its accessible name only.
  drawing.title = title;
  TemplateData d;
  d.set("id", TemplateData(dom_id));
  d.set("title", TemplateData(french_spacing(title)));
  d.set("title_hidden", TemplateData(false));
  d.set("map", TemplateData(false));
  d.set("caption", text_or_false(french_spacing(caption)));
  d.set("description", text_or_false(french_spacing(drawing.description)));
  d.set("source", text_or_false(source_line(source)));
  d.set("publisher", TemplateData(publisher()));
  d.set("svg_html", TemplateData(chart_svg(drawing, dom_id + "-svg")));
  d.set("table", data_table(drawing));
  return d;
}

TemplateData SiteContext::map_block(ChartDrawing drawing, const std::string& source, const std::string& dom_id) const {
  std::string title = drawing.title;
  TemplateData d = drawing_block(std::move(drawing), title, "", source, dom_id);
  d.set("title_hidden", TemplateData(true));
  d.set("map", TemplateData(true));
  return d;
}

TemplateData SiteContext::region_map_block(const Measure& measure, const FigureField& field,
                                           const std::string& source, const std::string& dom_id) const {
  if (!geometry_) return TemplateData(false);
  const auto key = std::make_pair(measure.id, field.id);
  std::optional<ChartDrawing> drawing;
  {
    std::lock_guard<std::mutex> lock(region_maps_mu_);
    auto it = region_maps_.find(key);
    if (it != region_maps_.end()) drawing = it->second;
  }
  if (!drawing) {
    drawing = layout_region_map(project_, style_, *geometry_, measure.id, field.id, kMapWidth, kMapHeight);
    std::lock_guard<std::mutex> lock(region_maps_mu_);
    region_maps_.emplace(key, *drawing);  // kept as it is if another thread drew it meanwhile: the same
  }
  return map_block(std::move(*drawing), source, dom_id);
}

TemplateData SiteContext::regions_map_block() const {
  for (const Measure& m : project_.measures)
    if (m.key && !m.fields.empty()) return region_map_block(m, m.fields.front(), "", "carte-" + m.id);
  return TemplateData(false);
}

TemplateData SiteContext::departement_map_block(const Territory& region, const std::string& dom_id) const {
  if (!geometry_ || region.departements.empty()) return TemplateData(false);
  // The map shows no figure: its only source is the base map's, which the
  // drawing prints under the map (as on the regions' maps), so no source line.
  return map_block(layout_departement_map(region, style_, *geometry_, kMapWidth, kMapHeight), "", dom_id);
}

std::vector<TemplateData> SiteContext::chart_blocks(const std::vector<Chart>& charts) const {
  std::vector<TemplateData> blocks;
  blocks.reserve(charts.size());
  for (const Chart& c : charts) blocks.push_back(chart_block(c, "graphique-" + c.id));
  return blocks;
}

std::vector<TemplateData> SiteContext::section_blocks(const std::vector<Section>& sections) const {
  std::vector<TemplateData> blocks;
  blocks.reserve(sections.size());
  for (const Section& s : sections) {
    TemplateData sd;
    sd.set("title", text_or_false(french_spacing(s.title)));
    sd.set("text_html", TemplateData(rich_text_html(s.text, 0)));
    blocks.push_back(std::move(sd));
  }
  return blocks;
}

TemplateData SiteContext::chart_block(const Chart& chart, const std::string& dom_id) const {
  Chart bare = chart;
  bare.title.clear();
  bare.source.clear();
  ChartDrawing drawing = layout_chart(bare, project_, style_, kChartWidth, kChartHeight);
  return drawing_block(std::move(drawing), chart.title, chart.caption, chart.source, dom_id);
}

TemplateData SiteContext::ranking_block(const std::vector<std::pair<std::string, double>>& items,
                                        const std::string& title, const std::string& unit,
                                        const std::string& color, const std::string& source,
                                        const std::string& dom_id) const {
  RankingSpec spec;
  spec.unit = unit;
  spec.color = color;
  // A bar per item, plus room for the axis labels.
  double height = 24 + 20.0 * static_cast<double>(items.size());
  ChartDrawing drawing = layout_ranking(items, spec, style_, kChartWidth, height);
  return drawing_block(std::move(drawing), title, "", source, dom_id);
}

std::vector<TemplateData> SiteContext::publications_of(const Territory& t, const Links& links) const {
  std::vector<TemplateData> out;
  for (const DocumentInstance& d : project_.publications()) {
    if (d.document->each != "region" || d.territory != &t) continue;
    TemplateData p;
    p.set("title", TemplateData(french_spacing(d.title)));
    p.set("url", TemplateData(links.to(publication_path(d))));
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<TemplateData> SiteContext::publications_of(const Note& n, const Links& links) const {
  std::vector<TemplateData> out;
  for (const DocumentInstance& d : project_.publications()) {
    if (d.note != &n) continue;
    TemplateData p;
    p.set("title", TemplateData(french_spacing(d.title)));
    p.set("url", TemplateData(links.to(publication_path(d))));
    out.push_back(std::move(p));
  }
  return out;
}

const Territory* SiteContext::region_of(const Territory& t) const {
  auto regions = project_.regions();
  const Territory* cur = &t;
  for (int guard = 0; cur && guard < 16; ++guard) {
    if (std::find(regions.begin(), regions.end(), cur) != regions.end()) return cur;
    if (cur->parent.empty()) return nullptr;
    cur = project_.find_territory(cur->parent);
  }
  return nullptr;
}

}  // namespace bilan
