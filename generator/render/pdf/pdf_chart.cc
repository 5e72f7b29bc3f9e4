#include "render/pdf/pdf_chart.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "render/pdf/pdf_content.h"

namespace bilan {

PdfCanvas::PdfCanvas(HPDF_Page page, double x, double y_top, const ChartFonts& fonts)
    : page_(page), x_(x), y_top_(y_top), fonts_(fonts) {}

void PdfCanvas::set_fill(const std::string& color) {
  double r = 0, g = 0, b = 0;
  parse_color(color, &r, &g, &b);
  HPDF_Page_SetRGBFill(page_, static_cast<HPDF_REAL>(r), static_cast<HPDF_REAL>(g), static_cast<HPDF_REAL>(b));
}

void PdfCanvas::begin(const ChartDrawing&) {}

// Rectangles, lines and paths are written as whole q...Q groups into the
// content stream (pdf_content.h): a map is thousands of points.

void PdfCanvas::stroke_state(const std::string& color, double width, double dash) {
  append_pdf_color(&ops_, color, true);
  append_pdf_number(&ops_, width);
  ops_ += " w\n";
  if (dash > 0) {
    // Whole-point dash lengths; layouts use whole numbers.
    std::string d = std::to_string(std::max(1L, std::lround(dash)));
    ops_ += "[" + d + " " + d + "] 0 d\n";
  }
}

void PdfCanvas::rect_path(double x, double y, double w, double h) {
  append_pdf_point(&ops_, x, y);
  ops_ += ' ';
  append_pdf_point(&ops_, w, h);
  ops_ += " re\n";
}

void PdfCanvas::rect(const DrawRect& r, const Hatch* hatch) {
  const double x = px(r.x), y = py(r.y + r.h);
  ops_ = "q\n";
  if (!r.fill.empty()) {
    append_pdf_color(&ops_, r.fill, false);
    rect_path(x, y, r.w, r.h);
    ops_ += "f\n";
  }
  if (hatch) {
    ops_ += "q\n";
    rect_path(x, y, r.w, r.h);
    ops_ += "W n\n";
    std::vector<DrawLine> lines = hatch_lines(*hatch, r.x, r.y, r.w, r.h);
    if (!lines.empty()) {
      stroke_state(hatch->color, hatch->line_width, 0);
      for (const DrawLine& l : lines) {
        append_pdf_point(&ops_, px(l.x1), py(l.y1));
        ops_ += " m\n";
        append_pdf_point(&ops_, px(l.x2), py(l.y2));
        ops_ += " l\n";
      }
      ops_ += "S\n";
    }
    ops_ += "Q\n";
  }
  if (!r.stroke.empty()) {
    stroke_state(r.stroke, r.stroke_width, r.dash);
    rect_path(x, y, r.w, r.h);
    ops_ += "S\n";
  }
  ops_ += "Q\n";
  append_page_content(page_, ops_);
}

void PdfCanvas::line(const DrawLine& l) {
  if (l.stroke.empty()) return;
  ops_ = "q\n";
  stroke_state(l.stroke, l.width, l.dash);
  append_pdf_point(&ops_, px(l.x1), py(l.y1));
  ops_ += " m\n";
  append_pdf_point(&ops_, px(l.x2), py(l.y2));
  ops_ += " l\nS\nQ\n";
  append_page_content(page_, ops_);
}

void PdfCanvas::text(const DrawText& t) {
  if (t.text.empty()) return;
  bool hooks = fonts_.width && fonts_.draw;
  HPDF_Font font = t.bold ? fonts_.bold : fonts_.regular;
  if (!hooks && !font) return;
  double width = 0;
  if (t.anchor != Anchor::start) {
    if (hooks) {
      width = fonts_.width(t.text, t.size, t.bold);
    } else {
      width = HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(t.text.data()),
                                  static_cast<HPDF_UINT>(t.text.size()))
                  .width *
              t.size / 1000.0;
    }
  }
  double x = px(t.x) - (t.anchor == Anchor::middle ? width / 2 : t.anchor == Anchor::end ? width : 0);
  double y = py(t.y);
  if (hooks) {
    // The hook writes a whole BT...ET group: the colour goes around it.
    ops_ = "q\n";
    append_pdf_color(&ops_, t.color, false);
    append_page_content(page_, ops_);
    fonts_.draw(t.text, t.size, t.bold, x, y);
    append_page_content(page_, "Q\n");
  } else {
    HPDF_Page_GSave(page_);
    set_fill(t.color);
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, font, static_cast<HPDF_REAL>(t.size));
    HPDF_Page_TextOut(page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y), t.text.c_str());
    HPDF_Page_EndText(page_);
    HPDF_Page_GRestore(page_);
  }
}

void PdfCanvas::path(const DrawPath& p) {
  if (p.segments.empty() || (p.fill.empty() && p.stroke.empty())) return;
  ops_ = "q\n";
  if (!p.fill.empty()) append_pdf_color(&ops_, p.fill, false);
  if (!p.stroke.empty()) {
    stroke_state(p.stroke, p.stroke_width, 0);
    // Cap and join as numbers: 0 butt / miter, 1 round, 2 square / bevel.
    ops_ += p.cap == LineCap::round ? "1 J\n" : p.cap == LineCap::square ? "2 J\n" : "0 J\n";
    ops_ += p.join == LineJoin::round ? "1 j\n" : p.join == LineJoin::bevel ? "2 j\n" : "0 j\n";
  }
  for (const PathSegment& s : p.segments) {
    switch (s.kind) {
      case PathSegment::move:
        append_pdf_point(&ops_, px(s.x), py(s.y));
        ops_ += " m\n";
        break;
      case PathSegment::line:
        append_pdf_point(&ops_, px(s.x), py(s.y));
        ops_ += " l\n";
        break;
      case PathSegment::cubic:
        append_pdf_point(&ops_, px(s.x1), py(s.y1));
        ops_ += ' ';
        append_pdf_point(&ops_, px(s.x2), py(s.y2));
        ops_ += ' ';
        append_pdf_point(&ops_, px(s.x), py(s.y));
        ops_ += " c\n";
        break;
      case PathSegment::close: ops_ += "h\n"; break;
    }
  }
  bool fill = !p.fill.empty(), stroke = !p.stroke.empty();
  if (fill && stroke) ops_ += p.even_odd ? "B*\n" : "B\n";
  else if (fill) ops_ += p.even_odd ? "f*\n" : "f\n";
  else ops_ += "S\n";
  ops_ += "Q\n";
  append_page_content(page_, ops_);
}

void PdfCanvas::end() {}

void draw_chart(HPDF_Page page, const ChartDrawing& d, double x, double y_top, const ChartFonts& fonts) {
  PdfCanvas canvas(page, x, y_top, fonts);
  draw(d, &canvas);
}

}  // namespace bilan
