#include "layout/map.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <queue>
#include <set>

#include "support/french.h"

namespace bilan {

namespace {

constexpr double kPad = 2;           // margin inside the drawing
constexpr double kAscent = 0.75;     // as in text_box()
constexpr double kLeading = 1.25;    // line height / font size
constexpr double kTolerance = 0.5;   // simplification of the fitted arcs, drawing units
constexpr double kInsetGap = 6;      // between inset boxes, and between them and the main area

struct Look {
  double text_size, title_size;
  std::string text, muted, rule, hatch, context, accent, accent_light;
  std::string white = "#ffffff";
  explicit Look(const Style& s)
      : text_size(s.size("chart_text", 8)),
        title_size(s.size("chart_title", 9)),
        text(s.color("text", "#161616")),
        muted(s.color("muted", "#666666")),
        rule(s.color("rule", "#dddddd")),
        hatch(s.color("target", "#929292")),
        context(s.color("grid", "#e5e5e5")),
        accent(s.color("accent", "#000091")),
        accent_light(s.color("accent_light", "#e3e3fd")) {}
};

struct Pt {
  double x = 0, y = 0;
};
using Ring = std::vector<Pt>;


double title_block(ChartDrawing* d, const std::string& title, const Look& look, double y) {
  for (const std::string& line : wrap_text(title, look.title_size, true, d->width - 2 * kPad)) {
    add_text(d, kPad, y + kAscent * look.title_size, line, look.title_size, true, Anchor::start, look.text);
    y += look.title_size * kLeading;
  }
  return y + 2;
}

// The credit line at the bottom; returns the y above it.
double credit_line(ChartDrawing* d, const std::string& credit, const Look& look) {
  if (credit.empty()) return d->height - kPad;
  double size = look.text_size * 0.9;
  double baseline = d->height - kPad - 0.25 * size;
  add_text(d, kPad, baseline, credit, size, false, Anchor::start, look.muted);
  return baseline - kAscent * size - 3;
}

// Relative luminance (WCAG 2).
double luminance(const std::string& color) {
  double c[3];
  if (!parse_color(color, &c[0], &c[1], &c[2])) return 1;
  for (double& v : c) v = v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

double contrast(const std::string& a, const std::string& b) {
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The text colour that reads best on `fill`: the style's text colour or white.
const std::string& label_color(const std::string& fill, const Look& look) {
  return contrast(look.white, fill) > contrast(look.text, fill) ? look.white : look.text;
}

// ---------------------------------------------------------------------------
// Fitting areas to boxes, and arcs to the drawing.

struct Fit {
  double scale = 1, dx = 0, dy = 0;
  Pt apply(const MapPoint& p) const { return {dx + p.x * scale, dy + p.y * scale}; }
};

// Fits the area box (x0, y0)-(x1, y1) in area units into the rectangle
// (bx, by, bw, bh), centred, keeping proportions.
Fit fit_box(double x0, double y0, double x1, double y1, double bx, double by, double bw, double bh) {
  Fit f;
  double w = std::max(x1 - x0, 1e-9), h = std::max(y1 - y0, 1e-9);
  f.scale = std::min(bw / w, bh / h);
  f.dx = bx + (bw - w * f.scale) / 2 - x0 * f.scale;
  f.dy = by + (bh - h * f.scale) / 2 - y0 * f.scale;
  return f;
}

// The squared distance from p to the segment [a, b] (squared: the callers
// compare distances, and std::hypot cost more than the rest of the search).
double segment_distance2(const Pt& p, const Pt& a, const Pt& b) {
  double dx = b.x - a.x, dy = b.y - a.y;
  double len2 = dx * dx + dy * dy;
  double t = len2 == 0 ? 0 : ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2;
  t = std::max(0.0, std::min(1.0, t));
  double ex = p.x - a.x - t * dx, ey = p.y - a.y - t * dy;
  return ex * ex + ey * ey;
}

// Douglas–Peucker on an open polyline, keeping both ends.
std::vector<Pt> douglas_peucker(const std::vector<Pt>& pts, double tolerance) {
  if (pts.size() <= 2) return pts;
  std::vector<bool> keep(pts.size(), false);
  keep.front() = keep.back() = true;
  std::vector<std::pair<size_t, size_t>> stack{{0, pts.size() - 1}};
  while (!stack.empty()) {
    auto [i, j] = stack.back();
    stack.pop_back();
    double best2 = -1;
    size_t at = i;
    for (size_t k = i + 1; k < j; ++k) {
      double d2 = segment_distance2(pts[k], pts[i], pts[j]);
      if (d2 > best2) best2 = d2, at = k;
    }
    if (best2 > tolerance * tolerance) {
      keep[at] = true;
      stack.push_back({i, at});
      stack.push_back({at, j});
    }
  }
  std::vector<Pt> out;
  for (size_t k = 0; k < pts.size(); ++k)
    if (keep[k]) out.push_back(pts[k]);
  return out;
}

// A closed arc (an island, an enclave) is cut at its farthest point from its
// start so that both halves keep their shape; it keeps at least a triangle.
std::vector<Pt> simplify_arc(const std::vector<Pt>& pts, double tolerance) {
  bool closed = pts.size() > 3 && pts.front().x == pts.back().x && pts.front().y == pts.back().y;
  if (!closed) return douglas_peucker(pts, tolerance);
  size_t far = 1;
  double best = -1;
  for (size_t k = 1; k + 1 < pts.size(); ++k) {
    double dist = std::hypot(pts[k].x - pts[0].x, pts[k].y - pts[0].y);
    if (dist > best) best = dist, far = k;
  }
  std::vector<Pt> a = douglas_peucker(std::vector<Pt>(pts.begin(), pts.begin() + far + 1), tolerance);
  std::vector<Pt> b = douglas_peucker(std::vector<Pt>(pts.begin() + far, pts.end()), tolerance);
  a.insert(a.end(), b.begin() + 1, b.end());
  if (a.size() < 4) a = {pts[0], pts[std::max<size_t>(1, far / 2)], pts[far], pts[0]};
  return a;
}

// The arcs of the geometry fitted to the drawing, each simplified once, so
// that two neighbours draw the very same border.
class Projector {
 public:
  explicit Projector(const MapGeometry& geo) : geo_(geo), arcs_(geo.arcs.size()), area_of_arc_(geo.arcs.size()) {
    for (const MapDepartement& d : geo.departements)
      for (const std::vector<int>& ring : d.rings)
        for (int ref : ring) area_of_arc_[ref < 0 ? ~ref : ref] = d.area;
  }
  void set_fit(const std::string& area, const Fit& fit) { fits_[area] = fit; }
  bool has_fit(const std::string& area) const { return fits_.count(area) > 0; }

  const std::vector<Pt>& arc(int index) {
    std::vector<Pt>& out = arcs_[index];
    if (out.empty()) {
      const Fit& fit = fits_.at(area_of_arc_[index]);
      std::vector<Pt> pts;
      for (const MapPoint& p : geo_.arcs[index]) pts.push_back(fit.apply(p));
      out = simplify_arc(pts, kTolerance);
    }
    return out;
  }

  Ring ring(const std::vector<int>& refs) {
    Ring out;
    for (int ref : refs) {
      const std::vector<Pt>& a = arc(ref < 0 ? ~ref : ref);
      size_t n = a.size();
      for (size_t k = 0; k + 1 < n; ++k) out.push_back(ref < 0 ? a[n - 1 - k] : a[k]);
    }
    return out;
  }

  std::vector<Ring> rings(const std::vector<std::vector<int>>& refs) {
    std::vector<Ring> out;
    for (const std::vector<int>& r : refs) {
      Ring ring = this->ring(r);
      if (ring.size() >= 3) out.push_back(std::move(ring));
    }
    return out;
  }

 private:
  const MapGeometry& geo_;
  std::vector<std::vector<Pt>> arcs_;
  std::vector<std::string> area_of_arc_;
  std::map<std::string, Fit> fits_;
};

// ---------------------------------------------------------------------------
// Shapes as drawing primitives.

DrawPath fill_path(const std::vector<Ring>& rings, const std::string& fill) {
  DrawPath p;
  p.fill = fill;
  p.even_odd = true;
  for (const Ring& r : rings) {
    for (size_t k = 0; k < r.size(); ++k) {
      PathSegment s;
      s.kind = k == 0 ? PathSegment::move : PathSegment::line;
      s.x = r[k].x;
      s.y = r[k].y;
      p.segments.push_back(s);
    }
    PathSegment close;
    close.kind = PathSegment::close;
    p.segments.push_back(close);
  }
  return p;
}

DrawPath outline_path(const std::vector<Ring>& rings, const std::string& stroke, double width) {
  DrawPath p = fill_path(rings, "");
  p.stroke = stroke;
  p.stroke_width = width;
  p.join = LineJoin::round;
  p.cap = LineCap::round;
  return p;
}

// Open polylines as one stroked path.
DrawPath lines_path(const std::vector<std::vector<Pt>>& lines, const std::string& stroke, double width) {
  DrawPath p;
  p.stroke = stroke;
  p.stroke_width = width;
  p.join = LineJoin::round;
  p.cap = LineCap::round;
  for (const std::vector<Pt>& l : lines)
    for (size_t k = 0; k < l.size(); ++k) {
      PathSegment s;
      s.kind = k == 0 ? PathSegment::move : PathSegment::line;
      s.x = l[k].x;
      s.y = l[k].y;
      p.segments.push_back(s);
    }
  return p;
}

// The edges of some rings in runs of kRun, each run with its bounding box,
// so that a distance search can skip the runs that are too far.
struct EdgeRuns {
  static constexpr size_t kRun = 8;
  struct Edge {
    Pt a, b;
  };
  struct Run {
    double x0, y0, x1, y1;
    size_t begin, end;
  };
  std::vector<Edge> edges;
  std::vector<Run> runs;

  explicit EdgeRuns(const std::vector<Ring>& rings) {
    for (const Ring& r : rings)
      for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) edges.push_back({r[j], r[i]});
    for (size_t b = 0; b < edges.size(); b += kRun) {
      Run run{1e300, 1e300, -1e300, -1e300, b, std::min(edges.size(), b + kRun)};
      for (size_t k = run.begin; k < run.end; ++k)
        for (const Pt& p : {edges[k].a, edges[k].b}) {
          run.x0 = std::min(run.x0, p.x), run.y0 = std::min(run.y0, p.y);
          run.x1 = std::max(run.x1, p.x), run.y1 = std::max(run.y1, p.y);
        }
      runs.push_back(run);
    }
  }
};

// Distance from (x, y) to the nearest edge, negative outside: the square
// root of the smallest squared distance to an edge. A run of edges whose
// bounding box is farther than the best so far (with a margin of 1e-6, far
// above rounding errors at map sizes) is skipped whole; the minimum does not
// depend on the order in which edges are seen.
double signed_distance(const EdgeRuns& er, double x, double y) {
  double best2 = std::numeric_limits<double>::infinity();
  auto box2 = [&](const EdgeRuns::Run& run) {
    double bx = std::max({run.x0 - x, 0.0, x - run.x1});
    double by = std::max({run.y0 - y, 0.0, y - run.y1});
    return bx * bx + by * by;
  };
  // The nearest box first, so that the threshold is tight early.
  size_t first = 0;
  double first2 = std::numeric_limits<double>::infinity();
  for (size_t k = 0; k < er.runs.size(); ++k)
    if (double b2 = box2(er.runs[k]); b2 < first2) first2 = b2, first = k;
  for (size_t n = 0; n < er.runs.size(); ++n) {
    const EdgeRuns::Run& run = er.runs[n == 0 ? first : n == first ? 0 : n];
    double reach = std::sqrt(best2) + 1e-6;
    if (box2(run) > reach * reach * (1 + 1e-6)) continue;
    for (size_t k = run.begin; k < run.end; ++k)
      best2 = std::min(best2, segment_distance2({x, y}, er.edges[k].a, er.edges[k].b));
  }
  const double best = std::sqrt(best2);
  // Inside by the even-odd rule, skipping the runs that lie wholly above or below y (no edge
  // of theirs crosses the ray; the parity does not depend on the order).
  bool in = false;
  for (const EdgeRuns::Run& run : er.runs) {
    if (run.y0 > y || run.y1 <= y) continue;
    for (size_t k = run.begin; k < run.end; ++k) {
      const Pt& rj = er.edges[k].a;
      const Pt& ri = er.edges[k].b;
      if ((ri.y > y) != (rj.y > y) && x < (rj.x - ri.x) * (y - ri.y) / (rj.y - ri.y) + ri.x) in = !in;
    }
  }
  return in ? best : -best;
}

struct Label {
  Pt at;
  double radius = 0;  // distance to the nearest edge
};

// The pole of inaccessibility (the inside point farthest from the edges), by
// the quadtree search of Mapbox's polylabel, to `precision`.
Label pole_of_inaccessibility(const std::vector<Ring>& rings, double precision = 0.5) {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  for (const Ring& r : rings)
    for (const Pt& p : r) x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  if (rings.empty() || x1 <= x0 || y1 <= y0) return {};
  struct Cell {
    double x, y, h, d, max;
  };
  EdgeRuns edges(rings);
  auto make = [&](double x, double y, double h) {
    double d = signed_distance(edges, x, y);
    return Cell{x, y, h, d, d + h * std::sqrt(2.0)};
  };
  auto less = [](const Cell& a, const Cell& b) { return a.max < b.max; };
  std::priority_queue<Cell, std::vector<Cell>, decltype(less)> queue(less);
  double size = std::min(x1 - x0, y1 - y0), h = size / 2;
  for (double x = x0; x < x1; x += size)
    for (double y = y0; y < y1; y += size) queue.push(make(x + h, y + h, h));
  Cell best = make((x0 + x1) / 2, (y0 + y1) / 2, 0);
  for (int steps = 0; !queue.empty() && steps < 20000; ++steps) {
    Cell c = queue.top();
    queue.pop();
    if (c.d > best.d) best = c;
    if (c.max - best.d <= precision) continue;
    double q = c.h / 2;
    for (double sx : {-1.0, 1.0})
      for (double sy : {-1.0, 1.0}) queue.push(make(c.x + sx * q, c.y + sy * q, q));
  }
  return {{best.x, best.y}, best.d};
}

// Hatching lines of `hatch` inside `rings` (even-odd), as segments.
std::vector<std::vector<Pt>> hatch_inside(const Hatch& hatch, const std::vector<Ring>& rings) {
  std::vector<std::vector<Pt>> out;
  if (hatch.spacing <= 0 || rings.empty()) return out;
  const double kPi = 3.14159265358979323846;
  double a = hatch.angle * kPi / 180, c = std::cos(a), s = std::sin(a);
  double umin = 1e300, umax = -1e300;
  for (const Ring& r : rings)
    for (const Pt& p : r) umin = std::min(umin, p.x * c + p.y * s), umax = std::max(umax, p.x * c + p.y * s);
  for (long k = static_cast<long>(std::ceil(umin / hatch.spacing)); k * hatch.spacing <= umax; ++k) {
    double u = k * hatch.spacing;
    // Crossings of the line {p·(c, s) = u} with the edges, as positions t
    // along its direction (-s, c).
    std::vector<double> ts;
    for (const Ring& r : rings)
      for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) {
        double ua = r[j].x * c + r[j].y * s, ub = r[i].x * c + r[i].y * s;
        if ((ua > u) == (ub > u)) continue;
        double f = (u - ua) / (ub - ua);
        double x = r[j].x + f * (r[i].x - r[j].x), y = r[j].y + f * (r[i].y - r[j].y);
        ts.push_back(-x * s + y * c);
      }
    std::sort(ts.begin(), ts.end());
    for (size_t m = 0; m + 1 < ts.size(); m += 2) {
      if (ts[m + 1] - ts[m] < 0.2) continue;
      out.push_back({{u * c - ts[m] * s, u * s + ts[m] * c}, {u * c - ts[m + 1] * s, u * s + ts[m + 1] * c}});
    }
  }
  return out;
}

// Sutherland–Hodgman: `ring` cut to the rectangle (x0, y0)-(x1, y1).
Ring clip_ring(const Ring& ring, double x0, double y0, double x1, double y1) {
  Ring out = ring;
  for (int edge = 0; edge < 4 && !out.empty(); ++edge) {
    auto in = [&](const Pt& p) {
      switch (edge) {
        case 0: return p.x >= x0;
        case 1: return p.x <= x1;
        case 2: return p.y >= y0;
        default: return p.y <= y1;
      }
    };
    auto cross = [&](const Pt& a, const Pt& b) {
      double t;
      switch (edge) {
        case 0: t = (x0 - a.x) / (b.x - a.x); break;
        case 1: t = (x1 - a.x) / (b.x - a.x); break;
        case 2: t = (y0 - a.y) / (b.y - a.y); break;
        default: t = (y1 - a.y) / (b.y - a.y); break;
      }
      return Pt{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
    };
    Ring next;
    for (size_t i = 0; i < out.size(); ++i) {
      const Pt& cur = out[i];
      const Pt& prev = out[(i + out.size() - 1) % out.size()];
      if (in(cur)) {
        if (!in(prev)) next.push_back(cross(prev, cur));
        next.push_back(cur);
      } else if (in(prev)) {
        next.push_back(cross(prev, cur));
      }
    }
    out = std::move(next);
  }
  return out.size() >= 3 ? out : Ring();
}

bool boxes_overlap(const Box& a, const Box& b) {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

// The bounding box, in area units, of some départements.
struct Bounds {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  // Over every point of the département's arcs, read in place (every map
  // layout bounds every département of its area): a ring's points are its
  // arcs' points, in whatever order.
  void add(const MapGeometry& geo, const MapDepartement& d) {
    for (const std::vector<int>& ring : d.rings)
      for (int ref : ring)
        for (const MapPoint& p : geo.arcs[ref < 0 ? ~ref : ref])
          x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  }
  bool empty() const { return x1 < x0; }
};

const FigureField* find_field(const Measure* m, const std::string& field) {
  if (!m) return nullptr;
  for (const FigureField& f : m->fields)
    if (f.id == field) return &f;
  return nullptr;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i == 0 ? "" : i + 1 == names.size() ? " et " : ", ") + names[i];
  return out;
}

// CIE L* (0 black .. 100 white) of a colour, from its relative luminance.
double lightness(const std::string& color) {
  double y = luminance(color);
  return y > 216.0 / 24389 ? 116 * std::cbrt(y) - 16 : y * 24389.0 / 27;
}

// `color` mixed with white (t > 0) or black (t < 0) by |t|.
std::string mix(const std::string& color, double t) {
  if (t >= 0) return tint(color, t);
  double c[3];
  if (!parse_color(color, &c[0], &c[1], &c[2])) return color;
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(std::lround(c[0] * (1 + t) * 255)),
                static_cast<int>(std::lround(c[1] * (1 + t) * 255)), static_cast<int>(std::lround(c[2] * (1 + t) * 255)));
  return buf;
}

// The class colour at s in [0, 1]: `color` lightened or darkened to a
// lightness spaced evenly from 92 (s = 0) to the colour's own lightness, or
// 40 if the colour is lighter than that (s = 1), so that classes differ by
// equal steps whatever the measure colour.
std::string ramp_color(const std::string& color, double s) {
  double dark = std::min(lightness(color), 40.0);
  double target = 92 + (dark - 92) * s;
  double lo = -1, hi = 1;  // lightness grows with t
  for (int i = 0; i < 40; ++i) {
    double mid = (lo + hi) / 2;
    (lightness(mix(color, mid)) < target ? lo : hi) = mid;
  }
  return mix(color, (lo + hi) / 2);
}

// "2,5" -> a "nice" number at or below q: two significant digits, the
// second 0 or 5.
double nice_floor(double q) {
  if (q <= 0) return q;
  double unit = 5 * std::pow(10.0, std::floor(std::log10(q)) - 1);
  return std::floor(q / unit + 1e-9) * unit;
}

}  // namespace

std::vector<MapClass> map_classes(std::vector<double> values, int max_classes, const std::string& color) {
  std::vector<MapClass> classes;
  if (values.empty() || max_classes < 1) return classes;
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  bool whole = true;
  for (double v : values) whole = whole && v == std::floor(v);
  std::set<double> distinct(values.begin(), values.end());
  int k = std::min<int>(max_classes, static_cast<int>(distinct.size()));
  std::vector<double> lows{values.front()};
  for (int i = 1; i < k; ++i) {
    double q = values[static_cast<size_t>(i) * n / static_cast<size_t>(k)];
    // Many equal values: the quantile may fall on the previous break; take
    // the next value above it instead.
    if (q <= lows.back())
      for (double v : values)
        if (v > lows.back()) {
          q = v;
          break;
        }
    double b = nice_floor(q);
    if (b <= lows.back()) b = q;
    if (whole) b = std::floor(b);
    // A break is kept when it leaves values on both sides of it.
    bool below = false, above = false;
    for (double v : values) below = below || (v >= lows.back() && v < b), above = above || v >= b;
    if (b > lows.back() && below && above) lows.push_back(b);
  }
  size_t count = lows.size();
  for (size_t i = 0; i < count; ++i) {
    MapClass c;
    c.lower = lows[i];
    c.upper = i + 1 < count ? lows[i + 1] : values.back();
    c.color = ramp_color(color, count == 1 ? 1 : static_cast<double>(i) / (count - 1));
    std::string lo = format_number(c.lower), hi = format_number(c.upper);
    if (count == 1) {
      c.label = c.lower == c.upper ? lo : "de " + lo + " à " + hi;
    } else if (i == 0) {
      c.label = "moins de " + hi;
    } else if (i + 1 == count) {
      c.label = lo + " ou plus";
    } else if (whole) {
      c.label = c.upper - 1 == c.lower ? lo : "de " + lo + " à " + format_number(c.upper - 1);
    } else {
      c.label = "de " + lo + " à moins de " + hi;
    }
    classes.push_back(std::move(c));
  }
  return classes;
}

namespace {

// The legend: a swatch and a label per entry, in rows. Returns the y below it.
struct LegendEntry {
  std::string label;
  std::string fill;
  std::string hatch;  // Hatch::id, for "non renseigné"
};

double draw_legend(ChartDrawing* d, const std::vector<LegendEntry>& entries, const Look& look, double y) {
  const double sw = 12, sh = 8, gap = 3, between = 10;
  double size = look.text_size, line = std::max(sh, size) + 4;
  double x = kPad;
  for (const LegendEntry& e : entries) {
    double w = sw + gap + text_width(e.label, size, false);
    if (x > kPad && x + w > d->width - kPad) {
      x = kPad;
      y += line;
    }
    DrawRect r;
    r.x = x;
    r.y = y + (line - 4 - sh) / 2;
    r.w = sw;
    r.h = sh;
    r.fill = e.fill;
    r.hatch = e.hatch;
    r.stroke = look.muted;
    r.stroke_width = 0.5;
    d->items.push_back(r);
    add_text(d, x + sw + gap, r.y + sh / 2 + 0.35 * size, e.label, size, false, Anchor::start, look.text);
    x += w + between;
  }
  return y + line;
}

// Where the main area and the inset boxes go in `frame`: the insets in a
// column left of the main area, or in a row under it, whichever leaves the
// main area larger; the group is centred. Boxes are about square (DROM shapes
// are compact) and never larger than a fifth of the frame.
struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
};
struct Placement {
  Rect main;
  std::vector<Rect> boxes;
};

Placement place_areas(const MapArea* main, size_t n, const Rect& frame) {
  double aspect = main ? main->width / main->height : 1;
  double gaps = n > 1 ? kInsetGap * (n - 1) : 0;
  Placement column, row;
  {
    double bh = n ? (frame.h - gaps) / n : 0;
    double bw = n ? std::min(frame.w * 0.2, bh * 1.15) : 0;
    bh = std::min(bh, bw * 1.1);
    double side = n ? bw + kInsetGap : 0;
    double mw = std::min(frame.w - side, frame.h * aspect), mh = mw / aspect;
    double x = frame.x + (frame.w - side - mw) / 2;
    column.main = {x + side, frame.y + (frame.h - mh) / 2, mw, mh};
    double top = frame.y + (frame.h - (bh * n + gaps)) / 2;
    for (size_t i = 0; i < n; ++i) column.boxes.push_back({x, top + i * (bh + kInsetGap), bw, bh});
  }
  {
    double bw = n ? (frame.w - gaps) / n : 0;
    double bh = n ? std::min(frame.h * 0.2, bw * 1.1) : 0;
    bw = std::min(bw, bh * 1.15);
    double below = n ? bh + kInsetGap : 0;
    double mh = std::min(frame.h - below, frame.w / aspect), mw = mh * aspect;
    double y = frame.y + (frame.h - below - mh) / 2;
    row.main = {frame.x + (frame.w - mw) / 2, y, mw, mh};
    double left = frame.x + (frame.w - (bw * n + gaps)) / 2;
    for (size_t i = 0; i < n; ++i) row.boxes.push_back({left + i * (bw + kInsetGap), y + mh + kInsetGap, bw, bh});
  }
  return column.main.w >= row.main.w ? column : row;
}

}  // namespace

ChartDrawing layout_region_map(const Project& project, const Style& style, const MapGeometry& geo,
                               const std::string& measure, const std::string& field, double width,
                               double height) {
  Look look(style);
  ChartDrawing d;
  d.width = width;
  d.height = height;
  const Measure* m = project.find_measure(measure);
  const FigureField* f = find_field(m, field);
  std::string color = m && !m->color.empty() ? m->color : look.accent;
  std::string measure_name = m ? m->short_name : measure;
  std::string field_label = f ? f->label : field;
  d.title = measure_name + " : " + field_label + ", par région";
  d.unit = field_label;

  // The regions, their départements in the geometry, and their figures.
  struct RegionShape {
    const Territory* t;
    std::vector<const MapDepartement*> departements;
    std::string area;
    std::optional<double> value;
    std::string qualifier;  // "près de", ... printed in the table
    const MapClass* cls = nullptr;
  };
  std::vector<RegionShape> regions;
  std::vector<double> values;
  for (const Territory* t : project.regions()) {
    RegionShape r{t, {}, "", std::nullopt, "", nullptr};
    for (const Departement& dep : t->departements)
      if (const MapDepartement* md = geo.find(dep.code)) r.departements.push_back(md);
    if (!r.departements.empty()) r.area = r.departements.front()->area;
    if (const KeyFigure* k = find_figure(*t, measure, field)) {
      r.value = k->value;
      r.qualifier = k->qualifier;
      values.push_back(k->value);
    }
    regions.push_back(std::move(r));
  }
  std::vector<MapClass> classes = map_classes(values, 4, color);
  for (RegionShape& r : regions) {
    if (!r.value) continue;
    for (const MapClass& c : classes)
      if (*r.value >= c.lower) r.cls = &c;
  }
  bool any_missing = std::any_of(regions.begin(), regions.end(), [](const RegionShape& r) { return !r.value; });

  // Title, legend, credit; the map takes what is left.
  double y = title_block(&d, d.title, look, kPad);
  Hatch hatch;
  hatch.id = "h0";
  hatch.color = look.hatch;
  hatch.spacing = 4;
  hatch.line_width = 0.6;
  d.hatches.push_back(hatch);
  std::vector<LegendEntry> legend;
  for (const MapClass& c : classes) legend.push_back({c.label, c.color, ""});
  if (any_missing) legend.push_back({"non renseigné", look.white, hatch.id});
  y = draw_legend(&d, legend, look, y + 2) + 4;
  double bottom = credit_line(&d, geo.credit, look) - 2;

  // Areas to draw: the main one, and the insets that hold a region.
  std::vector<const MapArea*> insets;
  const MapArea* main = nullptr;
  for (const MapArea& a : geo.areas) {
    bool used = std::any_of(regions.begin(), regions.end(), [&](const RegionShape& r) { return r.area == a.id; });
    if (!used) continue;
    if (a.inset) insets.push_back(&a);
    else if (!main) main = &a;
  }
  Projector proj(geo);
  Placement place = place_areas(main, insets.size(), {kPad, y, width - 2 * kPad, std::max(bottom - y, 1.0)});
  if (main) proj.set_fit(main->id, fit_box(0, 0, main->width, main->height, place.main.x, place.main.y,
                                           place.main.w, place.main.h));
  std::map<std::string, std::string> inset_names;
  for (const RegionShape& r : regions)
    if (!r.area.empty() && !inset_names.count(r.area)) inset_names[r.area] = r.t->name;
  double label_size = look.text_size * 0.9;
  double label_h = label_size * kLeading + 2;
  for (size_t i = 0; i < insets.size(); ++i) {
    const Rect& b = place.boxes[i];
    DrawRect frame;
    frame.x = b.x;
    frame.y = b.y;
    frame.w = b.w;
    frame.h = b.h;
    frame.stroke = look.rule;
    frame.stroke_width = 0.75;
    d.items.push_back(frame);
    proj.set_fit(insets[i]->id,
                 fit_box(0, 0, insets[i]->width, insets[i]->height, b.x + 4, b.y + 4, b.w - 8, b.h - 8 - label_h));
  }

  // Fills, hatching, outlines of the missing, then region borders.
  std::vector<std::vector<Ring>> shapes(regions.size());
  for (size_t i = 0; i < regions.size(); ++i) {
    const RegionShape& r = regions[i];
    if (r.departements.empty() || !proj.has_fit(r.area)) continue;
    shapes[i] = proj.rings(merged_rings(geo, r.departements));
    d.items.push_back(fill_path(shapes[i], r.cls ? r.cls->color : look.white));
  }
  for (size_t i = 0; i < regions.size(); ++i) {
    if (regions[i].value || shapes[i].empty()) continue;
    std::vector<std::vector<Pt>> lines = hatch_inside(hatch, shapes[i]);
    if (!lines.empty()) d.items.push_back(lines_path(lines, hatch.color, hatch.line_width));
    d.items.push_back(outline_path(shapes[i], look.muted, 0.5));
  }
  // A border arc is one used by départements of two different regions.
  std::map<int, std::set<size_t>> arc_regions;
  for (size_t i = 0; i < regions.size(); ++i)
    for (const MapDepartement* md : regions[i].departements)
      for (const std::vector<int>& ring : md->rings)
        for (int ref : ring) arc_regions[ref < 0 ? ~ref : ref].insert(i);
  std::vector<std::vector<Pt>> borders;
  for (const auto& [arc, owners] : arc_regions)
    if (owners.size() > 1 && proj.has_fit(regions[*owners.begin()].area)) borders.push_back(proj.arc(arc));
  if (!borders.empty()) d.items.push_back(lines_path(borders, look.white, 0.9));

  // Values on the regions, names under the insets.
  for (size_t i = 0; i < regions.size(); ++i) {
    const RegionShape& r = regions[i];
    if (!r.value || shapes[i].empty()) continue;
    Label l = pole_of_inaccessibility(shapes[i]);
    add_text(&d, l.at.x, l.at.y + 0.35 * look.text_size, format_number(*r.value), look.text_size, true,
             Anchor::middle, label_color(r.cls ? r.cls->color : look.white, look));
  }
  for (size_t i = 0; i < insets.size(); ++i) {
    const Rect& b = place.boxes[i];
    add_text(&d, b.x + b.w / 2, b.y + b.h - 3 - 0.25 * label_size, inset_names[insets[i]->id], label_size, false,
             Anchor::middle, look.muted);
  }

  // The text equivalent.
  std::vector<std::string> missing;
  const RegionShape* lowest = nullptr;
  const RegionShape* highest = nullptr;
  for (const RegionShape& r : regions) {
    DataRow row;
    row.label = r.t->name;
    if (r.value) {
      row.value = (r.qualifier.empty() ? "" : r.qualifier + " ") + format_number(*r.value);
      row.kind = "observé";
      row.note = r.cls ? r.cls->label : "";
      if (!lowest || *r.value < *lowest->value) lowest = &r;
      if (!highest || *r.value > *highest->value) highest = &r;
    } else {
      row.value = "non renseigné";
      missing.push_back(r.t->name);
    }
    d.table.push_back(std::move(row));
  }
  d.description = "Carte des " + std::to_string(regions.size()) + " régions (" + measure_name + ", " + field_label +
                  ")";
  if (highest) {
    d.description += ", en " + std::to_string(classes.size()) + (classes.size() > 1 ? " classes" : " classe") +
                     ". Valeur la plus forte : " + highest->t->name + " (" + format_number(*highest->value) +
                     ") ; la plus faible : " + lowest->t->name + " (" + format_number(*lowest->value) + ")";
  }
  d.description += ".";
  if (!missing.empty()) d.description += " Non renseigné : " + join_names(missing) + ".";
  return d;
}

ChartDrawing layout_departement_map(const Territory& region, const Style& style, const MapGeometry& geo,
                                    double width, double height) {
  Look look(style);
  ChartDrawing d;
  d.width = width;
  d.height = height;
  struct Dep {
    const Departement* content;
    const MapDepartement* shape;
  };
  std::vector<Dep> deps;
  std::vector<const MapDepartement*> shapes;
  Bounds bounds;
  for (const Departement& dep : region.departements)
    if (const MapDepartement* md = geo.find(dep.code)) {
      deps.push_back({&dep, md});
      shapes.push_back(md);
      bounds.add(geo, *md);
    }
  size_t n = region.departements.size();
  d.title = n > 1 ? region.name + " : " + std::to_string(n) + " départements" : region.name;
  std::vector<std::string> names;
  for (const Departement& dep : region.departements) {
    names.push_back(dep.name + " (" + dep.code + ")");
    DataRow row;
    row.label = dep.name;
    row.value = dep.code;
    d.table.push_back(std::move(row));
  }
  d.unit = "code INSEE";
  d.description = n > 1 ? "Carte de la région " + region.name + " et de ses " + std::to_string(n) +
                              " départements : " + join_names(names) + "."
                        : "Carte : " + region.name + (n ? " (" + region.departements[0].code + ")." : ".");

  double y = title_block(&d, d.title, look, kPad) + 2;
  double bottom = credit_line(&d, geo.credit, look) - 2;
  if (deps.empty() || bounds.empty()) return d;
  const std::string& area = deps.front().shape->area;

  // The scale: the region with a margin, fitted to the frame.
  double margin = std::max(bounds.x1 - bounds.x0, bounds.y1 - bounds.y0) * 0.06;
  double frame_h = std::max(bottom - y, 1.0);
  Fit fit = fit_box(bounds.x0 - margin, bounds.y0 - margin, bounds.x1 + margin, bounds.y1 + margin, kPad, y,
                    width - 2 * kPad, frame_h);
  // The view is the whole frame, in area units: more context where the
  // region is narrower than the frame.
  Pt f0{kPad, y}, f1{width - kPad, y + frame_h};
  double vx0 = (f0.x - fit.dx) / fit.scale, vy0 = (f0.y - fit.dy) / fit.scale;
  double vx1 = (f1.x - fit.dx) / fit.scale, vy1 = (f1.y - fit.dy) / fit.scale;
  Projector proj(geo);
  proj.set_fit(area, fit);

  // Context: the other départements of the area that show in the frame.
  for (const MapDepartement& other : geo.departements) {
    if (other.area != area || std::find(shapes.begin(), shapes.end(), &other) != shapes.end()) continue;
    Bounds b;
    b.add(geo, other);
    if (b.x1 < vx0 || b.x0 > vx1 || b.y1 < vy0 || b.y0 > vy1) continue;
    std::vector<Ring> clipped;
    for (const Ring& r : proj.rings(other.rings)) {
      Ring c = clip_ring(r, f0.x, f0.y, f1.x, f1.y);
      if (!c.empty()) clipped.push_back(std::move(c));
    }
    if (clipped.empty()) continue;
    DrawPath p = fill_path(clipped, look.context);
    p.stroke = look.white;
    p.stroke_width = 0.75;
    p.join = LineJoin::round;
    d.items.push_back(std::move(p));
  }

  // The region: fills, borders between its départements, its outline.
  std::vector<std::vector<Ring>> dep_rings;
  for (const Dep& dep : deps) {
    dep_rings.push_back(proj.rings(dep.shape->rings));
    d.items.push_back(fill_path(dep_rings.back(), look.accent_light));
  }
  std::map<int, int> uses;
  for (const MapDepartement* md : shapes)
    for (const std::vector<int>& ring : md->rings)
      for (int ref : ring) ++uses[ref < 0 ? ~ref : ref];
  std::vector<std::vector<Pt>> inner;
  for (const auto& [arc, count] : uses)
    if (count > 1) inner.push_back(proj.arc(arc));
  if (!inner.empty()) d.items.push_back(lines_path(inner, look.white, 1.2));
  d.items.push_back(outline_path(proj.rings(merged_rings(geo, shapes)), look.accent, 1.2));
  DrawRect frame;
  frame.x = f0.x;
  frame.y = f0.y;
  frame.w = f1.x - f0.x;
  frame.h = f1.y - f0.y;
  frame.stroke = look.rule;
  frame.stroke_width = 0.75;
  d.items.push_back(frame);

  // Names: the whole name, on one line or split in two, when it fits its
  // shape and meets no other label; else the code.
  double size = look.text_size;
  std::vector<Box> placed;
  Box page{0, 0, width, height};
  for (size_t i = 0; i < deps.size(); ++i) {
    Label l = pole_of_inaccessibility(dep_rings[i]);
    const std::string& name = deps[i].content->name;
    std::vector<std::string> one_line{name}, two_lines;
    // Two lines, cut after the hyphen or space nearest the middle.
    size_t cut = std::string::npos;
    auto off_middle = [&](size_t k) { return std::fabs(static_cast<double>(k) - name.size() / 2.0); };
    for (size_t k = 1; k + 1 < name.size(); ++k)
      if ((name[k] == '-' || name[k] == ' ') && (cut == std::string::npos || off_middle(k) < off_middle(cut))) cut = k;
    if (cut != std::string::npos) two_lines = {name.substr(0, name[cut] == '-' ? cut + 1 : cut), name.substr(cut + 1)};
    std::vector<std::string> code{deps[i].content->code};
    auto layout = [&](const std::vector<std::string>& lines) {
      std::vector<DrawText> texts;
      double line = size * 1.1;
      double top = l.at.y - line * lines.size() / 2;
      for (size_t k = 0; k < lines.size(); ++k) {
        DrawText t;
        t.x = l.at.x;
        t.y = top + line * k + line / 2 + 0.35 * size;
        t.text = lines[k];
        t.size = size;
        t.anchor = Anchor::middle;
        t.color = look.text;
        texts.push_back(std::move(t));
      }
      return texts;
    };
    // Half the widest line over the room around the label point; the text
    // must also stay in the drawing and clear of the labels already placed.
    auto usable = [&](const std::vector<DrawText>& texts, double max_ratio) {
      for (const DrawText& t : texts) {
        Box b = text_box(t);
        if ((b.x1 - b.x0) / 2 > l.radius * max_ratio || b.x0 < page.x0 || b.x1 > page.x1 || b.y0 < page.y0 ||
            b.y1 > page.y1)
          return false;
        for (const Box& p : placed)
          if (boxes_overlap(b, p)) return false;
      }
      return true;
    };
    // In order: a name well inside its shape (one line, else two), a name
    // spilling a little (two lines, else one), the code.
    const std::pair<const std::vector<std::string>*, double> tries[] = {
        {&one_line, 1.0}, {&two_lines, 1.0}, {&two_lines, 1.45}, {&one_line, 1.45}, {&code, 1e9}};
    std::vector<DrawText> chosen;
    for (const auto& [lines, ratio] : tries) {
      if (lines->empty()) continue;
      std::vector<DrawText> texts = layout(*lines);
      if (usable(texts, ratio)) {
        chosen = std::move(texts);
        break;
      }
    }
    if (chosen.empty()) chosen = layout(code);
    for (DrawText& t : chosen) {
      placed.push_back(text_box(t));
      d.items.push_back(std::move(t));
    }
  }
  return d;
}

}  // namespace bilan
