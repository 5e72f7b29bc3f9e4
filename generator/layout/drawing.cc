#include "layout/drawing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "support/utf8.h"

namespace bilan {

void draw(const ChartDrawing& d, Canvas* canvas) {
  canvas->begin(d);
  for (const Primitive& p : d.items) {
    if (auto* r = std::get_if<DrawRect>(&p)) {
      const Hatch* hatch = nullptr;
      for (const Hatch& h : d.hatches)
        if (!r->hatch.empty() && h.id == r->hatch) hatch = &h;
      canvas->rect(*r, hatch);
    } else if (auto* l = std::get_if<DrawLine>(&p)) {
      canvas->line(*l);
    } else if (auto* t = std::get_if<DrawText>(&p)) {
      canvas->text(*t);
    } else if (auto* path = std::get_if<DrawPath>(&p)) {
      canvas->path(*path);
    }
  }
  canvas->end();
}

// Same bytes as printing "%.2f" and trimming, without printf: the exact
// value is rounded to hundredths (ties to even, as glibc does for exact
// ties), each comparison made exact by fma (a*100 - k is computed with one
// rounding, so its sign is the exact sign). Values beyond 1e13 or not finite
// take the printf path.
std::string format_coord(double v) {
  double a = std::fabs(v);
  if (a < 1e13) {
    long long n = static_cast<long long>(a * 100);  // floor of a*100, up to one off
    if (std::fma(a, 100.0, -static_cast<double>(n)) < 0) --n;
    if (std::fma(a, 100.0, -static_cast<double>(n + 1)) >= 0) ++n;
    double rest = std::fma(a, 100.0, -(static_cast<double>(n) + 0.5));
    if (rest > 0 || (rest == 0 && (n & 1))) ++n;
    char buf[32];
    char* end = buf + sizeof buf;
    char* p = end;
    int cents = static_cast<int>(n % 100);
    long long whole = n / 100;
    if (cents != 0) {
      if (cents % 10 != 0) *--p = static_cast<char>('0' + cents % 10);
      *--p = static_cast<char>('0' + cents / 10);
      *--p = '.';
    }
    do {
      *--p = static_cast<char>('0' + whole % 10);
      whole /= 10;
    } while (whole != 0);
    if (v < 0 && n != 0) *--p = '-';
    return std::string(p, end);
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s(buf);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

namespace {

const char* anchor_name(Anchor a) {
  switch (a) {
    case Anchor::start: return "start";
    case Anchor::middle: return "middle";
    case Anchor::end: return "end";
  }
  return "start";
}

std::string f(double v) { return format_coord(v); }

}  // namespace

void RecordingCanvas::begin(const ChartDrawing& d) {
  std::string op = "begin " + f(d.width) + " " + f(d.height);
  for (const Hatch& h : d.hatches)
    op += " hatch(" + h.id + " " + h.color + " " + f(h.spacing) + " " + f(h.line_width) + " " + f(h.angle) + ")";
  ops_.push_back(op);
}

void RecordingCanvas::rect(const DrawRect& r, const Hatch* hatch) {
  ops_.push_back("rect " + f(r.x) + " " + f(r.y) + " " + f(r.w) + " " + f(r.h) + " fill=" + r.fill +
                 " stroke=" + r.stroke + " " + f(r.stroke_width) + " dash=" + f(r.dash) +
                 " hatch=" + (hatch ? hatch->id : ""));
}

void RecordingCanvas::line(const DrawLine& l) {
  ops_.push_back("line " + f(l.x1) + " " + f(l.y1) + " " + f(l.x2) + " " + f(l.y2) + " stroke=" + l.stroke +
                 " " + f(l.width) + " dash=" + f(l.dash));
}

void RecordingCanvas::text(const DrawText& t) {
  ops_.push_back("text " + f(t.x) + " " + f(t.y) + " " + f(t.size) + (t.bold ? " bold " : " regular ") +
                 anchor_name(t.anchor) + " " + t.color + " " + t.text);
}

void RecordingCanvas::path(const DrawPath& p) {
  std::string op = "path fill=" + p.fill + " stroke=" + p.stroke + " " + f(p.stroke_width) +
                   " cap=" + std::to_string(static_cast<int>(p.cap)) +
                   " join=" + std::to_string(static_cast<int>(p.join)) + (p.even_odd ? " evenodd" : " nonzero");
  for (const PathSegment& s : p.segments) {
    switch (s.kind) {
      case PathSegment::move: op += " M" + f(s.x) + "," + f(s.y); break;
      case PathSegment::line: op += " L" + f(s.x) + "," + f(s.y); break;
      case PathSegment::cubic:
        op += " C" + f(s.x1) + "," + f(s.y1) + " " + f(s.x2) + "," + f(s.y2) + " " + f(s.x) + "," + f(s.y);
        break;
      case PathSegment::close: op += " Z"; break;
    }
  }
  ops_.push_back(op);
}

void RecordingCanvas::end() { ops_.push_back("end"); }

std::vector<DrawLine> hatch_lines(const Hatch& hatch, double x, double y, double w, double h) {
  std::vector<DrawLine> out;
  if (hatch.spacing <= 0 || w <= 0 || h <= 0) return out;
  const double kPi = 3.14159265358979323846;
  double a = hatch.angle * kPi / 180;
  double c = std::cos(a), s = std::sin(a);
  // Projections of the corners on the normal (c, s).
  double us[4] = {x * c + y * s, (x + w) * c + y * s, x * c + (y + h) * s, (x + w) * c + (y + h) * s};
  double umin = *std::min_element(us, us + 4), umax = *std::max_element(us, us + 4);
  long kmin = static_cast<long>(std::ceil(umin / hatch.spacing - 1e-9));
  long kmax = static_cast<long>(std::floor(umax / hatch.spacing + 1e-9));
  for (long k = kmin; k <= kmax; ++k) {
    double u = k * hatch.spacing;
    // Point on the line and its direction (-s, c); clip t to the rectangle.
    double px = u * c, py = u * s, dx = -s, dy = c;
    double t0 = -1e300, t1 = 1e300;
    auto clip = [&](double p, double d, double lo, double hi) {
      if (std::fabs(d) < 1e-12) {
        if (p < lo || p > hi) t0 = 1, t1 = 0;
        return;
      }
      double ta = (lo - p) / d, tb = (hi - p) / d;
      if (ta > tb) std::swap(ta, tb);
      t0 = std::max(t0, ta);
      t1 = std::min(t1, tb);
    };
    clip(px, dx, x, x + w);
    clip(py, dy, y, y + h);
    if (t1 - t0 < 1e-6) continue;
    DrawLine l;
    l.x1 = px + t0 * dx;
    l.y1 = py + t0 * dy;
    l.x2 = px + t1 * dx;
    l.y2 = py + t1 * dy;
    l.stroke = hatch.color;
    l.width = hatch.line_width;
    out.push_back(l);
  }
  return out;
}

namespace {

// Advance widths of Marianne for U+0020..U+007E, in 1/1000 em, measured from
// assets/fonts/Marianne-{Regular,Bold}.ttf (the fonts both the site and the
// PDFs use).
const short kRegular[95] = {
    270, 304, 463, 662, 600, 824, 745, 270, 322, 322, 431, 600, 270, 310, 270, 357,
    600, 462, 600, 600, 600, 600, 600, 600, 600, 600, 270, 270, 600, 600, 600, 509,
    839, 738, 600, 757, 799, 563, 523, 809, 835, 316, 328, 721, 523, 889, 835, 837,
    574, 837, 641, 588, 629, 725, 738, 1039, 716, 676, 668, 305, 357, 305, 600, 540,
    600, 562, 661, 560, 659, 581, 388, 557, 621, 265, 265, 546, 265, 945, 621, 640,
    660, 660, 397, 443, 420, 604, 534, 802, 530, 549, 505, 305, 357, 305, 600};
const short kBold[95] = {
    270, 331, 490, 695, 600, 829, 741, 270, 363, 363, 471, 600, 270, 310, 270, 377,
    600, 462, 600, 600, 600, 600, 600, 600, 600, 600, 270, 270, 600, 600, 600, 518,
    833, 746, 637, 740, 794, 583, 543, 795, 843, 348, 359, 748, 543, 901, 843, 829,
    605, 829, 669, 588, 637, 733, 746, 1072, 741, 709, 695, 332, 377, 332, 600, 540,
    600, 565, 656, 551, 656, 579, 405, 558, 617, 279, 279, 557, 279, 919, 617, 633,
    656, 656, 405, 457, 428, 601, 541, 837, 560, 560, 534, 332, 377, 332, 600};

// Base letters of U+00C0..U+00FF, for accented letters.
const char kLatin1Base[] = "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";

double glyph_width(char32_t cp, bool bold) {
  const short* table = bold ? kBold : kRegular;
  if (cp >= 0x20 && cp <= 0x7E) return table[cp - 0x20];
  if (cp >= 0xC0 && cp <= 0xFF) return table[kLatin1Base[cp - 0xC0] - 0x20];
  switch (cp) {
    case 0x202F: return 135;  // narrow no-break space
    case 0x00A0: return 270;  // no-break space
    case 0x2019: return 270;  // ’
    case 0x00AB:
    case 0x00BB: return bold ? 564 : 530;  // « »
    case 0x2026: return bold ? 753 : 705;  // …
    case 0x2013: return 540;  // –
    case 0x2014: return 1080; // —
    case 0x00B2: return 389;  // ²
    case 0x0152: return table['O' - 0x20] * 1.5;  // Œ
    case 0x0153: return table['o' - 0x20] * 1.5;  // œ
    default: return 600;
  }
}

}  // namespace

double text_width(std::string_view text, double size, bool bold) {
  double units = 0;
  size_t i = 0;
  while (i < text.size()) units += glyph_width(next_code_point(text, &i), bold);
  return units * size / 1000;
}

std::vector<std::string> wrap_text(std::string_view text, double size, bool bold, double max_width) {
  std::vector<std::string> lines;
  std::string line;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (j == i) break;
    std::string word(text.substr(i, j - i));
    i = j;
    std::string candidate = line.empty() ? word : line + " " + word;
    if (line.empty() || text_width(candidate, size, bold) <= max_width) {
      line = candidate;
    } else {
      lines.push_back(line);
      line = word;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

Box text_box(const DrawText& t) {
  double w = text_width(t.text, t.size, t.bold);
  Box b;
  switch (t.anchor) {
    case Anchor::start: b.x0 = t.x; break;
    case Anchor::middle: b.x0 = t.x - w / 2; break;
    case Anchor::end: b.x0 = t.x - w; break;
  }
  b.x1 = b.x0 + w;
  b.y0 = t.y - 0.75 * t.size;
  b.y1 = t.y + 0.25 * t.size;
  return b;
}

namespace {

bool intersects(const Box& a, const Box& b) {
  const double eps = 0.01;
  return a.x0 < b.x1 - eps && b.x0 < a.x1 - eps && a.y0 < b.y1 - eps && b.y0 < a.y1 - eps;
}

bool contains(const Box& outer, const Box& inner) {
  return inner.x0 >= outer.x0 && inner.x1 <= outer.x1 && inner.y0 >= outer.y0 && inner.y1 <= outer.y1;
}

}  // namespace

std::vector<std::pair<size_t, size_t>> find_collisions(const ChartDrawing& d) {
  std::vector<std::pair<size_t, size_t>> out;
  Box page{0, 0, d.width, d.height};
  for (size_t i = 0; i < d.items.size(); ++i) {
    auto* t = std::get_if<DrawText>(&d.items[i]);
    if (!t) continue;
    Box a = text_box(*t);
    if (!contains(page, a)) out.emplace_back(i, i);
    for (size_t j = 0; j < d.items.size(); ++j) {
      if (j == i) continue;
      if (auto* u = std::get_if<DrawText>(&d.items[j])) {
        if (j > i && intersects(a, text_box(*u))) out.emplace_back(i, j);
      } else if (auto* r = std::get_if<DrawRect>(&d.items[j])) {
        if (r->fill.empty() && r->hatch.empty()) continue;
        Box b{r->x, r->y, r->x + r->w, r->y + r->h};
        if (intersects(a, b) && !contains(b, a)) out.emplace_back(i, j);
      }
    }
  }
  return out;
}

bool parse_color(const std::string& color, double* r, double* g, double* b) {
  if (color.size() != 7 || color[0] != '#') return false;
  int v[3];
  for (int k = 0; k < 3; ++k) {
    int n = 0;
    for (int m = 0; m < 2; ++m) {
      char c = color[1 + 2 * k + m];
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (digit < 0) return false;
      n = n * 16 + digit;
    }
    v[k] = n;
  }
  *r = v[0] / 255.0;
  *g = v[1] / 255.0;
  *b = v[2] / 255.0;
  return true;
}

std::string tint(const std::string& color, double t) {
  double c[3];
  if (!parse_color(color, &c[0], &c[1], &c[2])) return color;
  char buf[8];
  int v[3];
  for (int k = 0; k < 3; ++k) v[k] = static_cast<int>(std::lround((c[k] + (1 - c[k]) * t) * 255));
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", v[0], v[1], v[2]);
  return buf;
}

void add_text(ChartDrawing* d, double x, double baseline, std::string s, double size, bool bold, Anchor anchor,
              const std::string& color) {
  DrawText t;
  t.x = x;
  t.y = baseline;
  t.text = std::move(s);
  t.size = size;
  t.bold = bold;
  t.anchor = anchor;
  t.color = color;
  d->items.push_back(std::move(t));
}

}  // namespace bilan
