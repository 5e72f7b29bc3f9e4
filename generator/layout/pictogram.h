// Measure pictograms (assets/pictos/*.svg): one file inlined as is in the
// HTML pages and parsed here into paths for the PDFs and key-figure blocks.
//
// The files use a small subset of SVG, so that both readings agree:
//   <?xml ...?> (optional, first), comments, <svg> (root, with viewBox),
//   <title>text</title>, <g>, <rect x y width height rx>, <circle cx cy r>,
//   <path d> with absolute M, L, C and Z commands only;
//   presentation attributes fill and stroke ("currentColor" or "none"),
//   stroke-width, stroke-linecap, stroke-linejoin, fill-rule, inherited from
//   <svg> and <g>; and on <svg> only: xmlns, width, height, aria-hidden.
// Every shape must get a fill (itself or from an ancestor): SVG's default
// (black) would not follow the measure colour.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "layout/drawing.h"
#include "support/diagnostic.h"
#include "support/fs.h"

namespace bilan {

/// One shape of a pictogram, in viewBox coordinates.
struct PictogramShape {
  std::vector<PathSegment> segments;
  bool fill = false;    ///< filled with the pictogram colour
  bool stroke = false;  ///< stroked with the pictogram colour
  double stroke_width = 1;
  LineCap cap = LineCap::butt;
  LineJoin join = LineJoin::miter;
  bool even_odd = false;
};

struct Pictogram {
  double view_x = 0, view_y = 0, view_w = 0, view_h = 0;  ///< the viewBox
  std::string title;  ///< text of <title>, may be empty
  std::vector<PictogramShape> shapes;  ///< in painting order
};

/// Parses the text of a pictogram file (`file` is only used in errors). On
/// success fills *out and returns true; otherwise sets *err to the first
/// construct outside the subset, with its line and column, and returns false.
bool parse_pictogram(std::string_view svg, const std::string& file, Pictogram* out, Diagnostic* err);

/// Reads and parses `path` (relative to the file system root, e.g.
/// "assets/pictos/cesp.svg").
bool load_pictogram(const FileSystem& fs, const std::string& path, Pictogram* out, Diagnostic* err);

/// Appends the pictogram's shapes to *items, scaled uniformly to fit the
/// square (x, y, size) and centred in it, painted in `color`.
void place_pictogram(const Pictogram& p, double x, double y, double size, const std::string& color,
                     std::vector<Primitive>* items);

}  // namespace bilan
