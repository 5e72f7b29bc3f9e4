// The drawing vocabulary shared by charts, rankings and key-figure blocks:
// a list of primitives in a y-down coordinate space, computed once by
// layout/ and drawn by two thin backends (render/html/svg_chart,
// render/pdf/pdf_chart). Both backends walk a drawing through `draw()` and
// the `Canvas` interface below, so they receive the very same operations.
//
// Units are whatever the caller chose for width/height (PDF points for the
// PDFs; the SVG uses them as its viewBox). Colours are "#rrggbb"; an empty
// colour means "none".
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace bilan {

enum class Anchor { start, middle, end };

/// Diagonal hatching, used for targets ("objectif") so that they read without
/// colour. The lines are { p : p·(cos a, sin a) = k·spacing } for whole k,
/// in drawing coordinates (y down), a = `angle` in degrees: 45 gives "/"
/// lines on screen. Anchored at the drawing's origin, so every backend puts
/// them at the same place (SVG: a pattern rotated by `angle`).
struct Hatch {
  std::string id;        ///< unique within the drawing ("h0"); backends make it unique in their output
  std::string color;     ///< line colour
  double spacing = 4;    ///< distance between two lines, perpendicular to them
  double line_width = 1;
  double angle = 45;     ///< degrees
};

struct DrawRect {
  double x = 0, y = 0, w = 0, h = 0;  ///< top-left corner and size
  std::string fill;      ///< "" = not filled
  std::string stroke;    ///< "" = no outline
  double stroke_width = 0;
  double dash = 0;       ///< dash length of the outline (on = off = dash), 0 = solid; a whole number
  std::string hatch;     ///< Hatch::id drawn over the fill, inside the rectangle; "" = none
};

struct DrawLine {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  std::string stroke;
  double width = 1;
  double dash = 0;       ///< as DrawRect::dash
};

/// One line of text; never wrapped by a backend (layout already did it).
struct DrawText {
  double x = 0, y = 0;   ///< anchor point on the baseline
  std::string text;      ///< UTF-8, no markup
  double size = 8;       ///< font size
  bool bold = false;
  Anchor anchor = Anchor::start;
  std::string color;
};

/// A path segment in drawing coordinates. Curves are cubic Béziers.
struct PathSegment {
  enum Kind { move, line, cubic, close } kind = move;
  double x = 0, y = 0;               ///< end point (unused for close)
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;  ///< control points of a cubic
};

enum class LineCap { butt, round, square };
enum class LineJoin { miter, round, bevel };

/// A filled and/or stroked path (pictograms, dots of a line chart).
struct DrawPath {
  std::vector<PathSegment> segments;
  std::string fill;
  std::string stroke;
  double stroke_width = 0;
  LineCap cap = LineCap::butt;
  LineJoin join = LineJoin::miter;
  bool even_odd = false;  ///< fill rule: even-odd when true, else non-zero
};

using Primitive = std::variant<DrawRect, DrawLine, DrawText, DrawPath>;

/// One row of the text equivalent of a chart (an HTML table, a PDF tag tree).
struct DataRow {
  std::string label;   ///< x label as printed ("2016", "Finistère")
  std::string series;  ///< series name, may be empty for single-series charts
  std::string value;   ///< value formatted the French way ("1 800")
  std::string kind;    ///< "observé", "objectif" or "estimation"
  std::string note;    ///< the point's note ("estimation 2015"), may be empty
};

/// A complete chart (or ranking, or key-figure block), ready to draw.
struct ChartDrawing {
  double width = 0, height = 0;
  std::string title;        ///< short accessible name (the chart's title)
  std::string description;  ///< one French sentence or two summarising the data
  std::string unit;         ///< unit of the values in `table`, may be empty
  std::vector<DataRow> table;     ///< the data as text, in reading order
  std::vector<Hatch> hatches;     ///< referenced by DrawRect::hatch
  std::vector<Primitive> items;   ///< in painting order
};

/// What a backend implements. `draw()` calls begin, then one call per
/// primitive in order, then end: a backend decides nothing about content.
class Canvas {
 public:
  virtual ~Canvas() = default;
  /// Size, title, description and hatch definitions come from `d`.
  virtual void begin(const ChartDrawing& d) = 0;
  virtual void rect(const DrawRect& r, const Hatch* hatch) = 0;  ///< hatch: resolved r.hatch, or nullptr
  virtual void line(const DrawLine& l) = 0;
  virtual void text(const DrawText& t) = 0;
  virtual void path(const DrawPath& p) = 0;
  virtual void end() = 0;
};

/// Walks `d` through `canvas`. The single place where primitives become
/// backend operations.
void draw(const ChartDrawing& d, Canvas* canvas);

/// Appends a text item (baseline at `baseline`) to `d`; shared by the chart
/// and map layouts.
void add_text(ChartDrawing* d, double x, double baseline, std::string s, double size, bool bold, Anchor anchor,
              const std::string& color);

/// A canvas that writes each operation as one line of text, with numbers
/// rounded to 0.01; used by tests to compare what backends were asked to do.
class RecordingCanvas : public Canvas {
 public:
  void begin(const ChartDrawing& d) override;
  void rect(const DrawRect& r, const Hatch* hatch) override;
  void line(const DrawLine& l) override;
  void text(const DrawText& t) override;
  void path(const DrawPath& p) override;
  void end() override;
  const std::vector<std::string>& ops() const { return ops_; }

 private:
  std::vector<std::string> ops_;
};

// ---------------------------------------------------------------------------
// Helpers shared by layouts and backends.

/// The lines of `hatch` clipped to the rectangle (x, y, w, h), in drawing
/// coordinates; what a backend without patterns draws (the PDF one).
std::vector<DrawLine> hatch_lines(const Hatch& hatch, double x, double y, double w, double h);

/// Estimated advance width of `text` set in Marianne at `size`. Uses the
/// font's own advance widths (measured once from assets/fonts and kept in a
/// table, so layout does not read font files and stays deterministic);
/// accented letters take their base letter's width, unknown characters 0.6 em.
double text_width(std::string_view text, double size, bool bold);

/// Greedy word wrap of `text` into lines no wider than `max_width`; a word
/// wider than that stays alone on its line.
std::vector<std::string> wrap_text(std::string_view text, double size, bool bold, double max_width);

/// The box a text primitive covers: ascent 0.75 em above the baseline,
/// descent 0.25 em below.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
Box text_box(const DrawText& t);

/// Pairs of items (indices into d.items) that collide: two texts whose boxes
/// intersect, or a text that partly covers a filled rectangle (a text fully
/// inside a rectangle, as in a badge, is intended). Also lists texts that
/// leave the drawing, as (i, i). Empty when the drawing is clean.
std::vector<std::pair<size_t, size_t>> find_collisions(const ChartDrawing& d);

/// `color` ("#rrggbb") mixed with white: t = 0 gives the colour, 1 white.
std::string tint(const std::string& color, double t);

/// Parses "#rrggbb" into 0..1 components; false when malformed.
bool parse_color(const std::string& color, double* r, double* g, double* b);

/// A number for SVG attributes and traces: at most two decimals, no
/// trailing zeros, "." as decimal point, never "-0".
std::string format_coord(double v);

}  // namespace bilan
