#include "render/html/svg_chart.h"

#include "render/html/escape.h"

namespace bilan {

namespace {

std::string f(double v) { return format_coord(v); }

// Escaped text, without the C0 control characters XML 1.0 forbids.
std::string esc(const std::string& s) {
  std::string clean;
  clean.reserve(s.size());
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n') continue;
    clean += c;
  }
  return escape_html(clean);
}

std::string paint(const std::string& color) { return color.empty() ? "none" : esc(color); }

std::string dash_attr(double dash) {
  return dash > 0 ? " stroke-dasharray=\"" + f(dash) + "\"" : "";
}

}  // namespace

std::string svg_id(const std::string& id) {
  std::string out;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    out += ok ? c : '-';
  }
  if (out.empty() || !((out[0] >= 'a' && out[0] <= 'z') || (out[0] >= 'A' && out[0] <= 'Z'))) out = "chart-" + out;
  return out;
}

SvgCanvas::SvgCanvas(const std::string& id) : id_(svg_id(id)) {}

void SvgCanvas::begin(const ChartDrawing& d) {
  out_ += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + f(d.width) + " " +
          f(d.height) + "\" width=\"" + f(d.width) + "\" height=\"" + f(d.height) + "\" role=\"img\" aria-labelledby=\"" +
          id_ + "-title " + id_ + "-desc\" font-family=\"Marianne, arial, sans-serif\">\n";
  out_ += "<title id=\"" + id_ + "-title\">" + esc(d.title) + "</title>\n";
  out_ += "<desc id=\"" + id_ + "-desc\">" + esc(d.description) + "</desc>\n";
  if (!d.hatches.empty()) {
    out_ += "<defs>\n";
    for (const Hatch& h : d.hatches) {
      // A vertical line in a tile rotated by the hatch angle: its lines are
      // { p : p·(cos a, sin a) = k·spacing }, as hatch_lines() draws them.
      out_ += "<pattern id=\"" + id_ + "-" + esc(h.id) + "\" patternUnits=\"userSpaceOnUse\" x=\"" +
              f(-h.spacing / 2) + "\" y=\"0\" width=\"" + f(h.spacing) + "\" height=\"" + f(h.spacing) +
              "\" patternTransform=\"rotate(" + f(h.angle) + ")\"><line x1=\"" + f(h.spacing / 2) + "\" y1=\"-1\" x2=\"" +
              f(h.spacing / 2) + "\" y2=\"" + f(h.spacing + 1) + "\" stroke=\"" + paint(h.color) +
              "\" stroke-width=\"" + f(h.line_width) + "\"/></pattern>\n";
    }
    out_ += "</defs>\n";
  }
}

void SvgCanvas::rect(const DrawRect& r, const Hatch* hatch) {
  std::string box = "x=\"" + f(r.x) + "\" y=\"" + f(r.y) + "\" width=\"" + f(r.w) + "\" height=\"" + f(r.h) + "\"";
  std::string stroke;
  if (!r.stroke.empty())
    stroke = " stroke=\"" + paint(r.stroke) + "\" stroke-width=\"" + f(r.stroke_width) + "\"" + dash_attr(r.dash);
  if (hatch) {
    // The fill, then the hatching over it with the outline on top.
    if (!r.fill.empty()) out_ += "<rect " + box + " fill=\"" + paint(r.fill) + "\"/>\n";
    out_ += "<rect " + box + " fill=\"url(#" + id_ + "-" + esc(hatch->id) + ")\"" + stroke + "/>\n";
    return;
  }
  out_ += "<rect " + box + " fill=\"" + paint(r.fill) + "\"" + stroke + "/>\n";
}

void SvgCanvas::line(const DrawLine& l) {
  out_ += "<line x1=\"" + f(l.x1) + "\" y1=\"" + f(l.y1) + "\" x2=\"" + f(l.x2) + "\" y2=\"" + f(l.y2) +
          "\" stroke=\"" + paint(l.stroke) + "\" stroke-width=\"" + f(l.width) + "\"" + dash_attr(l.dash) + "/>\n";
}

void SvgCanvas::text(const DrawText& t) {
  out_ += "<text x=\"" + f(t.x) + "\" y=\"" + f(t.y) + "\" font-size=\"" + f(t.size) + "\"";
  if (t.bold) out_ += " font-weight=\"bold\"";
  if (t.anchor == Anchor::middle) out_ += " text-anchor=\"middle\"";
  if (t.anchor == Anchor::end) out_ += " text-anchor=\"end\"";
  out_ += " fill=\"" + paint(t.color) + "\">" + esc(t.text) + "</text>\n";
}

void SvgCanvas::path(const DrawPath& p) {
  std::string d;
  for (const PathSegment& s : p.segments) {
    if (!d.empty()) d += ' ';
    switch (s.kind) {
      case PathSegment::move: d += "M" + f(s.x) + " " + f(s.y); break;
      case PathSegment::line: d += "L" + f(s.x) + " " + f(s.y); break;
      case PathSegment::cubic:
        d += "C" + f(s.x1) + " " + f(s.y1) + " " + f(s.x2) + " " + f(s.y2) + " " + f(s.x) + " " + f(s.y);
        break;
      case PathSegment::close: d += "Z"; break;
    }
  }
  out_ += "<path d=\"" + d + "\" fill=\"" + paint(p.fill) + "\"";
  if (p.even_odd) out_ += " fill-rule=\"evenodd\"";
  if (!p.stroke.empty()) {
    out_ += " stroke=\"" + paint(p.stroke) + "\" stroke-width=\"" + f(p.stroke_width) + "\"";
    if (p.cap == LineCap::round) out_ += " stroke-linecap=\"round\"";
    if (p.cap == LineCap::square) out_ += " stroke-linecap=\"square\"";
    if (p.join == LineJoin::round) out_ += " stroke-linejoin=\"round\"";
    if (p.join == LineJoin::bevel) out_ += " stroke-linejoin=\"bevel\"";
  }
  out_ += "/>\n";
}

void SvgCanvas::end() { out_ += "</svg>\n"; }

std::string chart_svg(const ChartDrawing& d, const std::string& id) {
  SvgCanvas canvas(id);
  draw(d, &canvas);
  return canvas.svg();
}

}  // namespace bilan
