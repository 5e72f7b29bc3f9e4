#include "render/html/svg_chart.h"

#include "render/html/escape.h"

namespace bilan {

namespace {

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

// What esc() gives, appended: no temporary strings for the many short texts
// and colours of a chart.
void append_esc(const std::string& s, std::string* out) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n') continue;
    switch (c) {
      case '&': out->append("&amp;"); break;
      case '<': out->append("&lt;"); break;
      case '>': out->append("&gt;"); break;
      case '"': out->append("&quot;"); break;
      case '\'': out->append("&#39;"); break;
      default: out->push_back(c);
    }
  }
}

// Appends its pieces to a string; numbers as format_coord writes them. The
// elements are written piece by piece into the SVG rather than as sums of
// temporary strings: a site of tens of thousands of pages draws a chart on
// each.
class Out {
 public:
  explicit Out(std::string* s) : s_(s) {}
  Out& operator<<(const std::string& piece) {
    s_->append(piece);
    return *this;
  }
  Out& operator<<(const char* piece) {
    s_->append(piece);
    return *this;
  }
  Out& operator<<(double v) {
    s_->append(format_coord(v));
    return *this;
  }
  // Text and colours, escaped (a colour "none" when empty).
  struct Escaped {
    const std::string& text;
  };
  struct Paint {
    const std::string& color;
  };
  Out& operator<<(Escaped e) {
    append_esc(e.text, s_);
    return *this;
  }
  Out& operator<<(Paint p) {
    if (p.color.empty())
      s_->append("none");
    else
      append_esc(p.color, s_);
    return *this;
  }

 private:
  std::string* s_;
};

void dash_attr(double dash, Out* o) {
  if (dash > 0) *o << " stroke-dasharray=\"" << dash << "\"";
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
  out_ += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + format_coord(d.width) + " " +
          format_coord(d.height) + "\" width=\"" + format_coord(d.width) + "\" height=\"" + format_coord(d.height) + "\" role=\"img\" aria-labelledby=\"" +
          id_ + "-title " + id_ + "-desc\" font-family=\"Marianne, arial, sans-serif\">\n";
  out_ += "<title id=\"" + id_ + "-title\">" + esc(d.title) + "</title>\n";
  out_ += "<desc id=\"" + id_ + "-desc\">" + esc(d.description) + "</desc>\n";
  if (!d.hatches.empty()) {
    out_ += "<defs>\n";
    for (const Hatch& h : d.hatches) {
      // A vertical line in a tile rotated by the hatch angle: its lines are
      // { p : p·(cos a, sin a) = k·spacing }, as hatch_lines() draws them.
      out_ += "<pattern id=\"" + id_ + "-" + esc(h.id) + "\" patternUnits=\"userSpaceOnUse\" x=\"" +
              format_coord(-h.spacing / 2) + "\" y=\"0\" width=\"" + format_coord(h.spacing) + "\" height=\"" + format_coord(h.spacing) +
              "\" patternTransform=\"rotate(" + format_coord(h.angle) + ")\"><line x1=\"" + format_coord(h.spacing / 2) + "\" y1=\"-1\" x2=\"" +
              format_coord(h.spacing / 2) + "\" y2=\"" + format_coord(h.spacing + 1) + "\" stroke=\"" + paint(h.color) +
              "\" stroke-width=\"" + format_coord(h.line_width) + "\"/></pattern>\n";
    }
    out_ += "</defs>\n";
  }
}

void SvgCanvas::rect(const DrawRect& r, const Hatch* hatch) {
  Out o(&out_);
  auto box = [&] { o << "x=\"" << r.x << "\" y=\"" << r.y << "\" width=\"" << r.w << "\" height=\"" << r.h << "\""; };
  auto stroke = [&] {
    if (r.stroke.empty()) return;
    o << " stroke=\"" << Out::Paint{r.stroke} << "\" stroke-width=\"" << r.stroke_width << "\"";
    dash_attr(r.dash, &o);
  };
  if (hatch) {
    // The fill, then the hatching over it with the outline on top.
    if (!r.fill.empty()) {
      o << "<rect ";
      box();
      o << " fill=\"" << Out::Paint{r.fill} << "\"/>\n";
    }
    o << "<rect ";
    box();
    o << " fill=\"url(#" << id_ << "-" << Out::Escaped{hatch->id} << ")\"";
    stroke();
    o << "/>\n";
    return;
  }
  o << "<rect ";
  box();
  o << " fill=\"" << Out::Paint{r.fill} << "\"";
  stroke();
  o << "/>\n";
}

void SvgCanvas::line(const DrawLine& l) {
  Out o(&out_);
  o << "<line x1=\"" << l.x1 << "\" y1=\"" << l.y1 << "\" x2=\"" << l.x2 << "\" y2=\"" << l.y2 << "\" stroke=\""
    << Out::Paint{l.stroke} << "\" stroke-width=\"" << l.width << "\"";
  dash_attr(l.dash, &o);
  o << "/>\n";
}

void SvgCanvas::text(const DrawText& t) {
  Out o(&out_);
  o << "<text x=\"" << t.x << "\" y=\"" << t.y << "\" font-size=\"" << t.size << "\"";
  if (t.bold) o << " font-weight=\"bold\"";
  if (t.anchor == Anchor::middle) o << " text-anchor=\"middle\"";
  if (t.anchor == Anchor::end) o << " text-anchor=\"end\"";
  o << " fill=\"" << Out::Paint{t.color} << "\">" << Out::Escaped{t.text} << "</text>\n";
}

void SvgCanvas::path(const DrawPath& p) {
  Out o(&out_);
  o << "<path d=\"";
  bool first = true;
  for (const PathSegment& s : p.segments) {
    if (!first) o << " ";
    first = false;
    switch (s.kind) {
      case PathSegment::move: o << "M" << s.x << " " << s.y; break;
      case PathSegment::line: o << "L" << s.x << " " << s.y; break;
      case PathSegment::cubic:
        o << "C" << s.x1 << " " << s.y1 << " " << s.x2 << " " << s.y2 << " " << s.x << " " << s.y;
        break;
      case PathSegment::close: o << "Z"; break;
    }
  }
  o << "\" fill=\"" << Out::Paint{p.fill} << "\"";
  if (p.even_odd) o << " fill-rule=\"evenodd\"";
  if (!p.stroke.empty()) {
    o << " stroke=\"" << Out::Paint{p.stroke} << "\" stroke-width=\"" << p.stroke_width << "\"";
    if (p.cap == LineCap::round) o << " stroke-linecap=\"round\"";
    if (p.cap == LineCap::square) o << " stroke-linecap=\"square\"";
    if (p.join == LineJoin::round) o << " stroke-linejoin=\"round\"";
    if (p.join == LineJoin::bevel) o << " stroke-linejoin=\"bevel\"";
  }
  o << "/>\n";
}

void SvgCanvas::end() { out_ += "</svg>\n"; }

std::string chart_svg(const ChartDrawing& d, const std::string& id) {
  SvgCanvas canvas(id);
  draw(d, &canvas);
  return canvas.svg();
}

}  // namespace bilan
