// What every page builder shares: the model, the look, and the pieces that
// recur on several pages (key-figure blocks, charts with their data table,
// measure pictograms, links to publications). Builders only turn the model
// into template values; templates decide the markup and the wording.
#pragma once

#include <map>
#include <mutex>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "layout/chart.h"
#include "layout/map_geometry.h"
#include "model/model.h"
#include "model/style.h"
#include "render/html/page.h"
#include "render/html/site_paths.h"
#include "render/html/templates.h"
#include "support/diagnostic.h"
#include "support/fs.h"

namespace bilan {


/// Size of the charts' viewBox on the site. Small enough that the chart text
/// (style size chart_text) stays legible once the SVG is scaled to a phone's
/// width; the stylesheet caps the displayed width on large screens.
inline constexpr double kChartWidth = 280;
inline constexpr double kChartHeight = 180;
inline constexpr double kMapWidth = 280;
inline constexpr double kMapHeight = 260;

class SiteContext {
 public:
  SiteContext(const Project& project, const Style& style, const FileSystem& files);

  const Project& project() const { return project_; }
  const Style& style() const { return style_; }

  /// Links for `page` (relative, or absolute from the base URL's path).
  Links links_for(const Page& page) const;

  /// "Ministère des affaires sociales et de la santé": the ministry lines in
  /// one phrase, the publisher named when a chart prints no source.
  const std::string& publisher() const { return publisher_; }

  /// The figures of `t` as key-figure blocks, one per measure that has at
  /// least one figure (only CHIFFRES CLÉS measures when `key_only`), in
  /// measure order. Absent figures give no line; a measure without figures no
  /// block.
  std::vector<TemplateData> figure_blocks(const Territory& t, bool key_only, const Links& links) const;

  /// One figure line: {prefix, qualifier, value ("2,5 millions"), value_number
  /// ("2,5"), value_words ("millions" or false), label, field}.
  TemplateData figure_line(const FigureField& field, const KeyFigure& f) const;

  /// A chart with its HTML title, caption, source line and data table;
  /// `dom_id` is unique within the page.
  TemplateData chart_block(const Chart& chart, const std::string& dom_id) const;
  /// chart_block of each chart of a page that shows one owner's charts
  /// (dom ids "graphique-<chart id>").
  std::vector<TemplateData> chart_blocks(const std::vector<Chart>& charts) const;

  /// The titled parts of a narrative: {title (or false), text_html}.
  std::vector<TemplateData> section_blocks(const std::vector<Section>& sections) const;

  /// A ranking of `items` (label, value), largest first, drawn as horizontal bars.
  TemplateData ranking_block(const std::vector<std::pair<std::string, double>>& items, const std::string& title,
                             const std::string& unit, const std::string& color, const std::string& source,
                             const std::string& dom_id) const;

  /// The choropleth of the regions for `measure`/`field`, or false when the
  /// project has no map geometry (assets/map/departements.json).
  TemplateData region_map_block(const Measure& measure, const FigureField& field, const std::string& source,
                                const std::string& dom_id) const;
  /// The way into the regions (home and regions pages): the map of the first
  /// CHIFFRES CLÉS measure's headline figure, or false.
  TemplateData regions_map_block() const;
  /// The map of a region's départements, or false without geometry or départements.
  TemplateData departement_map_block(const Territory& region, const std::string& dom_id) const;

  /// {id, short_name, long_name, url, color, pictogram_html} for a link to a measure page.
  TemplateData measure_ref(const Measure& m, const Links& links) const;

  /// The measure's pictogram as inline SVG (decorative, aria-hidden), or ""
  /// when the measure has none.
  std::string pictogram_html(const Measure& m) const;

  /// The publications about `t` (leaflets), as {title, url}.
  std::vector<TemplateData> publications_of(const Territory& t, const Links& links) const;
  /// The publications of note `n`, as {title, url}.
  std::vector<TemplateData> publications_of(const Note& n, const Links& links) const;

  /// The region page a territory belongs to: itself for a region, the
  /// nearest region ancestor otherwise; nullptr when none has a page.
  const Territory* region_of(const Territory& t) const;

  /// Problems met while setting up: a pictogram or the map geometry that
  /// cannot be read.
  const Diagnostics& diagnostics() const { return diags_; }

 private:
  TemplateData drawing_block(ChartDrawing drawing, const std::string& title, const std::string& caption,
                             const std::string& source, const std::string& dom_id) const;
  // Maps print their own title: the page keeps it for screen readers only.
  TemplateData map_block(ChartDrawing drawing, const std::string& source, const std::string& dom_id) const;

  // What measure_ref() and figure_line() show of a measure or a field, the
  // same on every page: made once (French spacing is not free, and a page
  // per territory shows every key measure).
  struct MeasureTexts {
    std::string short_name, long_name, description, color, pictogram_html;
  };
  struct FieldTexts {
    std::string prefix, label;
  };
  MeasureTexts measure_texts(const Measure& m) const;
  static FieldTexts field_texts(const FigureField& f);

  const Project& project_;
  const Style& style_;
  const FileSystem& files_;
  std::string publisher_;
  std::map<std::string, std::string> pictograms_;  // measure id -> inline SVG
  std::unordered_map<const Measure*, MeasureTexts> measure_texts_;  // the project's measures
  std::unordered_map<const FigureField*, FieldTexts> field_texts_;  // their fields
  std::shared_ptr<const MapGeometry> geometry_;  // null when there is none
  // The region maps drawn, by measure and field id: the home and regions
  // pages show the same one as the first measure's page. Filled by any thread.
  mutable std::mutex region_maps_mu_;
  mutable std::map<std::pair<std::string, std::string>, ChartDrawing> region_maps_;
  Diagnostics diags_;
};

// Template helpers. Mustache treats an empty string as true, and looks a
// missing name up in the enclosing objects; so optional text is stored as
// the string when present and as `false` when empty, never left out.

/// The string, or false when empty: `{{#key}}<p>{{key}}</p>{{/key}}` then works.
TemplateData text_or_false(std::string text);
/// A list from objects, each given "first" and "last" flags for separators.
TemplateData make_list(std::vector<TemplateData> items);
/// Sets `key` to make_list(items) and "has_<key>" to whether it has any.
void set_list(TemplateData* d, const std::string& key, std::vector<TemplateData> items);
/// [{text, first, last}] from strings.
TemplateData text_list(const std::vector<std::string>& items);
/// "source : DGOS" -> "Source : DGOS" (first ASCII letter upper-cased), French spacing applied.
std::string source_line(const std::string& source);

}  // namespace bilan
