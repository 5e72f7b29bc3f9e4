// Charts, rankings and key-figure blocks, laid out once from the model into a
// ChartDrawing (layout/drawing.h) that the SVG and PDF backends draw alike.
//
// A drawing is self-contained: it prints the chart's title, legend, growth
// label, note and source itself, so a page shows it without repeating them
// (the caption, a sentence of prose, is left to the page). Every figure
// printed comes from the content; values are formatted with format_number.
// Colours come from the measure (content/measures.yaml) and from
// assets/style.yaml: text, muted, grid, accent. Sizes: chart_text,
// chart_title, key_figure, body.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "layout/drawing.h"
#include "layout/pictogram.h"
#include "model/model.h"
#include "model/style.h"

namespace bilan {

/// Lays out `chart` in a width × height box (y down).
///  - bars: one bar per point; targets (PointKind::target) are outlined and
///    hatched, labelled with their note or "objectif"; estimates are lighter,
///    outlined with a dash, labelled with their note ("estimation 2015").
///  - comparison: the points (of all series, in order) as wide bars, with the
///    content's `growth` label between the first two when it fits.
///  - cumulative: bars joined by a line through their tops.
///  - grouped: one bar per series within each label, with a legend; series
///    go from light to full measure colour.
/// Charts other than comparisons get a value axis with 1-2-5 ticks and grid
/// lines. Values are expected non-negative (counts); a negative value is drawn
/// as an empty bar and still listed in the table.
/// The measure colour comes from the Measure whose id is chart.measure, else
/// the style's "accent".
ChartDrawing layout_chart(const Chart& chart, const Project& project, const Style& style, double width,
                          double height);

/// What a ranking shows besides its items.
struct RankingSpec {
  std::string title;           ///< heading printed above the bars, may be empty
  std::string unit;            ///< unit of the values ("%" is appended to values), may be empty
  std::string color;           ///< bar colour "#rrggbb" (the measure's); "" = style accent
  std::optional<double> reference;  ///< a value drawn as a dashed vertical line (a national target)
  std::string reference_label;      ///< its label, printed with its value ("objectif national")
  std::string highlight;       ///< label of one item drawn in full colour, the others lighter; "" = all full
  std::string source;          ///< source line, may be empty
};

/// Horizontal bars, largest first (ties keep their given order), labels on
/// the left, values at the end of the bars.
ChartDrawing layout_ranking(const std::vector<std::pair<std::string, double>>& items, const RankingSpec& spec,
                            const Style& style, double width, double height);

/// The CHIFFRES CLÉS block of one measure: its pictogram on the left, the
/// headline figure in large type with its label, then the other figures of
/// the measure ("déjà 19 installations", "et 67 à venir d'ici 2018") in field
/// order. `figures` are the territory's figures (any measure: those of `m`
/// are picked); `pictogram` may be null.
ChartDrawing layout_key_figure(const Measure& m, const std::vector<KeyFigure>& figures, const Pictogram* pictogram,
                               const Style& style, double width, double height);

/// A "big number" block of the national pages ("2,5 millions de patients ...").
/// `m` (for the colour) and `pictogram` may be null.
ChartDrawing layout_highlight(const Highlight& h, const Measure* m, const Pictogram* pictogram, const Style& style,
                              double width, double height);

/// Axis ticks from 0 to the first multiple of the step at or above
/// `max_value`, with the smallest step of 1, 2 or 5 times a power of ten that
/// needs at most `max_intervals` intervals; with `whole`, the step is at
/// least 1 (for counts). {0, 1} when max_value <= 0.
std::vector<double> nice_ticks(double max_value, int max_intervals, bool whole = false);

}  // namespace bilan
