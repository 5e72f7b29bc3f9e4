// The PDF backend of charts: a ChartDrawing (layout/drawing.h) drawn on a
// libharu page with path operators. It draws, and decides nothing.
//
// The drawing's y-down coordinates are placed with their origin at (x, y_top)
// in page coordinates (points, y up): a drawing point (u, v) lands at
// (x + u, y_top - v). Hatching is drawn as lines clipped to their rectangle
// (hatch_lines()); each primitive is drawn between q/Q so that no line width,
// dash or colour leaks to the page. Rectangles, lines and paths are written
// into the content stream as whole q...Q groups (pdf_content.h: a map is
// thousands of points, which libharu's calls made slow and verbose).
#pragma once

#include <hpdf.h>

#include <functional>
#include <string>
#include <string_view>

#include "layout/drawing.h"

namespace bilan {

/// How chart text reaches the page. Either two libharu fonts loaded with the
/// "UTF-8" encoder (text drawn with HPDF_Page_TextOut), or, when `draw` and
/// `width` are both set, these two functions instead: a document that routes
/// text through its own writer (PdfDocument::draw_text, with font fallback,
/// subsetting and ToUnicode) passes them and leaves the handles null.
struct ChartFonts {
  HPDF_Font regular = nullptr;
  HPDF_Font bold = nullptr;
  /// Advance width in points of `text` at `size`.
  std::function<double(std::string_view text, double size, bool bold)> width;
  /// Draws `text` with the left end of its baseline at page point (x, y), in
  /// the page's current fill colour.
  std::function<void(std::string_view text, double size, bool bold, double x, double y)> draw;
};

/// Draws `d` on `page` with its top-left corner at page point (x, y_top).
void draw_chart(HPDF_Page page, const ChartDrawing& d, double x, double y_top, const ChartFonts& fonts);

/// The canvas behind draw_chart, for tests that look at the operations.
class PdfCanvas : public Canvas {
 public:
  PdfCanvas(HPDF_Page page, double x, double y_top, const ChartFonts& fonts);
  void begin(const ChartDrawing& d) override;
  void rect(const DrawRect& r, const Hatch* hatch) override;
  void line(const DrawLine& l) override;
  void text(const DrawText& t) override;
  void path(const DrawPath& p) override;
  void end() override;

 private:
  double px(double u) const { return x_ + u; }
  double py(double v) const { return y_top_ - v; }
  void set_fill(const std::string& color);
  // Appends to ops_ the stroke colour, width and dash.
  void stroke_state(const std::string& color, double width, double dash);
  // Appends to ops_ a rectangle in page coordinates (bottom-left corner).
  void rect_path(double x, double y, double w, double h);

  HPDF_Page page_;
  double x_, y_top_;
  const ChartFonts& fonts_;
  std::string ops_;  // the operators of the primitive being drawn
};

}  // namespace bilan
