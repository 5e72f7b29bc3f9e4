// Maps, laid out once from the model and the map geometry into a
// ChartDrawing (layout/drawing.h) that the SVG and PDF backends draw like any
// chart: filled paths for the shapes, stroked paths for the borders, text for
// the values and names, rectangles for the legend.
//
// Shapes are fitted to the drawing, then each arc is simplified once with
// Douglas–Peucker at a fraction of a drawing unit, so a small map carries no
// detail it cannot show and neighbours still share their borders exactly.
// A region is drawn as the union of its départements (membership from
// content/regions/*/region.yaml): one filled shape, with borders drawn only
// where the region changes.
//
// Colours: the measure's (content/measures.yaml), tinted by class; style
// colours text, muted, rule (frames), target (hatching of "non renseigné"),
// grid (neighbouring départements) and accent / accent_light (département
// maps). Sizes:
// chart_text, chart_title.
#pragma once

#include <string>
#include <vector>

#include "layout/drawing.h"
#include "layout/map_geometry.h"
#include "model/model.h"
#include "model/style.h"

namespace bilan {

/// One class of a choropleth: values v with lower <= v < upper (the last
/// class includes its upper bound).
struct MapClass {
  double lower = 0;
  double upper = 0;
  std::string label;  ///< as printed in the legend ("de 20 à 49", "100 ou plus")
  std::string color;  ///< fill "#rrggbb"
};

/// At most `max_classes` classes for `values` (any order), coloured from a
/// light tint of `color` through `color` to a darker shade of it. Breaks are quantiles rounded down to a "nice" number
/// (two significant digits, the second 0 or 5); classes that would be empty
/// are merged away. With whole values the labels read "moins de 20",
/// "de 20 à 49", "100 ou plus"; otherwise "de 2,5 à moins de 5". Empty for
/// no values.
std::vector<MapClass> map_classes(std::vector<double> values, int max_classes, const std::string& color);

/// The choropleth of the regions of `project` (Project::regions()) for one
/// figure: `measure`/`field` of content/measures.yaml. Each region is filled
/// with its class colour and carries its value; a region without that figure
/// is hatched and listed as "non renseigné" in the legend and the table,
/// never drawn as 0. Overseas regions are drawn in inset boxes, in the
/// asset's area order, in a column left of metropolitan France, with their
/// names. The title is the measure's short name and the field's label; the
/// table lists every region (label = region name, value with its qualifier
/// as in "près de 200", kind "observé" or empty, note = its class); the map
/// itself prints the bare number.
ChartDrawing layout_region_map(const Project& project, const Style& style, const MapGeometry& geo,
                               const std::string& measure, const std::string& field, double width,
                               double height);

/// The map of one region (a Territory with départements): its départements
/// filled and named (the content's names; a name that does not fit its shape
/// or would overlap another label is replaced by the code), the neighbouring
/// départements of the same area in grey for context, cut at the frame.
/// Towns are not placed: content gives them without coordinates. The table
/// lists the départements (label = name, value = INSEE code).
ChartDrawing layout_departement_map(const Territory& region, const Style& style, const MapGeometry& geo,
                                    double width, double height);

}  // namespace bilan
