#include "render/pdf/pdf_chart.h"

#include <cmath>
#include <string>

namespace bilan {

PdfCanvas::PdfCanvas(HPDF_Page page, double x, double y_top, const ChartFonts& fonts)
    : page_(page), x_(x), y_top_(y_top), fonts_(fonts) {}

void PdfCanvas::set_fill(const std::string& color) {
  double r = 0, g = 0, b = 0;
  parse_color(color, &r, &g, &b);
  HPDF_Page_SetRGBFill(page_, static_cast<HPDF_REAL>(r), static_cast<HPDF_REAL>(g), static_cast<HPDF_REAL>(b));
}

void PdfCanvas::set_stroke(const std::string& color, double width, double dash) {
  double r = 0, g = 0, b = 0;
  parse_color(color, &r, &g, &b);
  HPDF_Page_SetRGBStroke(page_, static_cast<HPDF_REAL>(r), static_cast<HPDF_REAL>(g), static_cast<HPDF_REAL>(b));
  HPDF_Page_SetLineWidth(page_, static_cast<HPDF_REAL>(width));
  if (dash > 0) {
    // libharu takes whole-point dash lengths; layouts use whole numbers.
    HPDF_UINT16 pattern[2];
    pattern[0] = pattern[1] = static_cast<HPDF_UINT16>(std::max(1L, std::lround(dash)));
    HPDF_Page_SetDash(page_, pattern, 2, 0);
  }
}

void PdfCanvas::begin(const ChartDrawing&) {}

void PdfCanvas::rect(const DrawRect& r, const Hatch* hatch) {
  HPDF_REAL x = static_cast<HPDF_REAL>(px(r.x)), y = static_cast<HPDF_REAL>(py(r.y + r.h));
  HPDF_REAL w = static_cast<HPDF_REAL>(r.w), h = static_cast<HPDF_REAL>(r.h);
  HPDF_Page_GSave(page_);
  if (!r.fill.empty()) {
    set_fill(r.fill);
    HPDF_Page_Rectangle(page_, x, y, w, h);
    HPDF_Page_Fill(page_);
  }
  if (hatch) {
    HPDF_Page_GSave(page_);
    HPDF_Page_Rectangle(page_, x, y, w, h);
    HPDF_Page_Clip(page_);
    HPDF_Page_EndPath(page_);
    std::vector<DrawLine> lines = hatch_lines(*hatch, r.x, r.y, r.w, r.h);
    if (!lines.empty()) {
      set_stroke(hatch->color, hatch->line_width, 0);
      for (const DrawLine& l : lines) {
        HPDF_Page_MoveTo(page_, static_cast<HPDF_REAL>(px(l.x1)), static_cast<HPDF_REAL>(py(l.y1)));
        HPDF_Page_LineTo(page_, static_cast<HPDF_REAL>(px(l.x2)), static_cast<HPDF_REAL>(py(l.y2)));
      }
      HPDF_Page_Stroke(page_);
    }
    HPDF_Page_GRestore(page_);
  }
  if (!r.stroke.empty()) {
    set_stroke(r.stroke, r.stroke_width, r.dash);
    HPDF_Page_Rectangle(page_, x, y, w, h);
    HPDF_Page_Stroke(page_);
  }
  HPDF_Page_GRestore(page_);
}

void PdfCanvas::line(const DrawLine& l) {
  if (l.stroke.empty()) return;
  HPDF_Page_GSave(page_);
  set_stroke(l.stroke, l.width, l.dash);
  HPDF_Page_MoveTo(page_, static_cast<HPDF_REAL>(px(l.x1)), static_cast<HPDF_REAL>(py(l.y1)));
  HPDF_Page_LineTo(page_, static_cast<HPDF_REAL>(px(l.x2)), static_cast<HPDF_REAL>(py(l.y2)));
  HPDF_Page_Stroke(page_);
  HPDF_Page_GRestore(page_);
}

void PdfCanvas::text(const DrawText& t) {
  if (t.text.empty()) return;
  bool hooks = fonts_.width && fonts_.draw;
  HPDF_Font font = t.bold ? fonts_.bold : fonts_.regular;
  if (!hooks && !font) return;
  HPDF_Page_GSave(page_);
  set_fill(t.color);
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
    fonts_.draw(t.text, t.size, t.bold, x, y);
  } else {
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, font, static_cast<HPDF_REAL>(t.size));
    HPDF_Page_TextOut(page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y), t.text.c_str());
    HPDF_Page_EndText(page_);
  }
  HPDF_Page_GRestore(page_);
}

void PdfCanvas::path(const DrawPath& p) {
  if (p.segments.empty() || (p.fill.empty() && p.stroke.empty())) return;
  HPDF_Page_GSave(page_);
  if (!p.fill.empty()) set_fill(p.fill);
  if (!p.stroke.empty()) {
    set_stroke(p.stroke, p.stroke_width, 0);
    HPDF_Page_SetLineCap(page_, p.cap == LineCap::round    ? HPDF_ROUND_END
                                : p.cap == LineCap::square ? HPDF_PROJECTING_SCUARE_END
                                                           : HPDF_BUTT_END);
    HPDF_Page_SetLineJoin(page_, p.join == LineJoin::round   ? HPDF_ROUND_JOIN
                                 : p.join == LineJoin::bevel ? HPDF_BEVEL_JOIN
                                                             : HPDF_MITER_JOIN);
  }
  for (const PathSegment& s : p.segments) {
    switch (s.kind) {
      case PathSegment::move:
        HPDF_Page_MoveTo(page_, static_cast<HPDF_REAL>(px(s.x)), static_cast<HPDF_REAL>(py(s.y)));
        break;
      case PathSegment::line:
        HPDF_Page_LineTo(page_, static_cast<HPDF_REAL>(px(s.x)), static_cast<HPDF_REAL>(py(s.y)));
        break;
      case PathSegment::cubic:
        HPDF_Page_CurveTo(page_, static_cast<HPDF_REAL>(px(s.x1)), static_cast<HPDF_REAL>(py(s.y1)),
                          static_cast<HPDF_REAL>(px(s.x2)), static_cast<HPDF_REAL>(py(s.y2)),
                          static_cast<HPDF_REAL>(px(s.x)), static_cast<HPDF_REAL>(py(s.y)));
        break;
      case PathSegment::close: HPDF_Page_ClosePath(page_); break;
    }
  }
  bool fill = !p.fill.empty(), stroke = !p.stroke.empty();
  if (fill && stroke) p.even_odd ? HPDF_Page_EofillStroke(page_) : HPDF_Page_FillStroke(page_);
  else if (fill) p.even_odd ? HPDF_Page_Eofill(page_) : HPDF_Page_Fill(page_);
  else HPDF_Page_Stroke(page_);
  HPDF_Page_GRestore(page_);
}

void PdfCanvas::end() {}

void draw_chart(HPDF_Page page, const ChartDrawing& d, double x, double y_top, const ChartFonts& fonts) {
  PdfCanvas canvas(page, x, y_top, fonts);
  draw(d, &canvas);
}

}  // namespace bilan
