// The SVG backend of charts: a ChartDrawing (layout/drawing.h) as inline SVG
// for the site's pages. It draws, and decides nothing.
//
// The output is a single <svg> element, without scripts or external
// references: role="img" with aria-labelledby pointing at its <title> and
// <desc>, a viewBox of the drawing's size, hatch patterns in <defs>, then one
// element per primitive, one per line. Every string goes through
// escape_html (escape.h), which escapes & < > " ' as XML needs.
#pragma once

#include <string>

#include "layout/drawing.h"

namespace bilan {

/// Inline SVG for `d`. `id` prefixes every id of the output ("<id>-title",
/// "<id>-desc", "<id>-h0"...), so several charts can share a page; it must be
/// unique in the page. Characters of `id` other than ASCII letters, digits,
/// '-' and '_' are replaced by '-', and an id not starting with a letter gets
/// "chart-" in front.
std::string chart_svg(const ChartDrawing& d, const std::string& id);

/// The canvas behind chart_svg, for tests that look at the operations.
class SvgCanvas : public Canvas {
 public:
  explicit SvgCanvas(const std::string& id);
  void begin(const ChartDrawing& d) override;
  void rect(const DrawRect& r, const Hatch* hatch) override;
  void line(const DrawLine& l) override;
  void text(const DrawText& t) override;
  void path(const DrawPath& p) override;
  void end() override;
  const std::string& svg() const { return out_; }

 private:
  std::string id_;
  std::string out_;
};

/// `id` made safe as an XML id, as chart_svg does.
std::string svg_id(const std::string& id);

}  // namespace bilan
