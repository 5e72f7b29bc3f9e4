#include "layout/chart.h"

#include <algorithm>
#include <cmath>

#include "support/french.h"

namespace bilan {

namespace {

constexpr double kPad = 2;          // margin inside the drawing
constexpr double kAscent = 0.75;    // as in text_box()
constexpr double kLabelGap = 2.5;   // between a bar top and its label
constexpr double kLeading = 1.25;   // line height / font size

// The look of one drawing, read once from the style.
struct Look {
  double text_size;   // chart_text
  double title_size;  // chart_title
  double line;        // text_size * kLeading
  std::string text, muted, grid, accent;
  std::string white = "#ffffff";

  explicit Look(const Style& s)
      : text_size(s.size("chart_text", 8)),
        title_size(s.size("chart_title", 9)),
        line(text_size * kLeading),
        text(s.color("text", "#161616")),
        muted(s.color("muted", "#666666")),
        grid(s.color("grid", "#e5e5e5")),
        accent(s.color("accent", "#000091")) {}
};


void add_line(ChartDrawing* d, double x1, double y1, double x2, double y2, const std::string& color, double width,
              double dash = 0) {
  DrawLine l;
  l.x1 = x1, l.y1 = y1, l.x2 = x2, l.y2 = y2;
  l.stroke = color;
  l.width = width;
  l.dash = dash;
  d->items.push_back(l);
}

// Relative luminance (WCAG 2) of a "#rrggbb" colour.
double luminance(const std::string& color) {
  double c[3];
  if (!parse_color(color, &c[0], &c[1], &c[2])) return 0;
  for (double& v : c) v = v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

// `color` darkened (mixed with black) until it has a 4.5:1 contrast on white,
// for text printed in a measure colour.
std::string readable_on_white(const std::string& color) {
  double c[3];
  if (!parse_color(color, &c[0], &c[1], &c[2])) return color;
  for (int step = 0; step <= 20; ++step) {
    double k = 1 - step * 0.05;
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(std::lround(c[0] * k * 255)),
                  static_cast<int>(std::lround(c[1] * k * 255)), static_cast<int>(std::lround(c[2] * k * 255)));
    if (1.05 / (luminance(buf) + 0.05) >= 4.5) return buf;
  }
  return "#000000";
}

std::string measure_color(const Project& project, const std::string& id, const Look& look) {
  for (const Measure& m : project.measures)
    if (m.id == id && !m.color.empty()) return m.color;
  return look.accent;
}

bool is_percent(const std::string& unit) { return unit == "%"; }

// A value as printed on a chart: "1 800", or "80 %" for percentages.
std::string value_text(double v, const std::string& unit) {
  std::string s = format_number(v);
  if (is_percent(unit)) s += std::string(kNbsp) + "%";
  return s;
}

const char* kind_word(PointKind k) {
  switch (k) {
    case PointKind::observed: return "observé";
    case PointKind::target: return "objectif";
    case PointKind::estimate: return "estimation";
  }
  return "observé";
}

// The words printed above a bar besides its value.
std::string point_label(const Point& p) {
  if (!p.note.empty()) return p.note;
  if (p.kind == PointKind::target) return "objectif";
  if (p.kind == PointKind::estimate) return "estimation";
  return "";
}

// Title lines from the top; returns the y below them.
double title_block(ChartDrawing* d, const std::string& title, const Look& look, double width, double y) {
  if (title.empty()) return y;
  for (const std::string& line : wrap_text(title, look.title_size, true, width - 2 * kPad)) {
    add_text(d, kPad, y + kAscent * look.title_size, line, look.title_size, true, Anchor::start, look.text);
    y += look.title_size * kLeading;
  }
  return y + 2;
}

// Note and source lines at the bottom; returns their total height.
double footer_height(const std::vector<std::string>& lines, const Look& look) {
  return lines.empty() ? 0 : lines.size() * look.text_size * 0.9 * kLeading + 3;
}

std::vector<std::string> footer_lines(const std::string& note, const std::string& source, const Look& look,
                                      double width) {
  std::vector<std::string> out;
  for (const std::string* s : {&note, &source})
    for (std::string& l : wrap_text(*s, look.text_size * 0.9, false, width - 2 * kPad)) out.push_back(std::move(l));
  return out;
}

void draw_footer(ChartDrawing* d, const std::vector<std::string>& lines, const Look& look, double height) {
  double size = look.text_size * 0.9;
  double y = height - kPad - footer_height(lines, look) + 3;
  for (const std::string& l : lines) {
    add_text(d, kPad, y + kAscent * size, l, size, false, Anchor::start, look.muted);
    y += size * kLeading;
  }
}

// "a, b et c"; a last part that already starts with "et" is not given a
// second one ("déjà 19 installations et 67 à venir", from the prefix "et").
std::string join_fr(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) {
      bool last = i + 1 == parts.size();
      if (last && parts[i].rfind("et ", 0) == 0) out += " ";
      else out += last ? " et " : ", ";
    }
    out += parts[i];
  }
  return out;
}

// `s` ending with a full stop (not doubled).
std::string sentence(const std::string& s) {
  if (s.empty()) return s;
  char last = s.back();
  return last == '.' || last == '!' || last == '?' ? s : s + ".";
}

// The non-empty parts, separated by spaces.
std::string join_words(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts)
    if (!p.empty()) out += (out.empty() ? "" : " ") + p;
  return out;
}

// One bar of a column chart, flattened from the series.
struct Bar {
  const Point* point;
  size_t series;  // index of its series
  size_t slot;    // index of its x label
};

// A stack of lines printed above a bar, listed top to bottom.
struct LabelLine {
  std::string text;
  double size;
  bool bold;
  std::string color;
};

double stack_height(const std::vector<LabelLine>& lines) {
  double h = 0;
  for (const LabelLine& l : lines) h += l.size * kLeading;
  return h;
}

double stack_width(const std::vector<LabelLine>& lines) {
  double w = 0;
  for (const LabelLine& l : lines) w = std::max(w, text_width(l.text, l.size, l.bold));
  return w;
}

// Draws `lines` centred on x with the last line's box bottom at `bottom`.
void draw_stack(ChartDrawing* d, const std::vector<LabelLine>& lines, double x, double bottom) {
  double y = bottom - stack_height(lines);
  for (const LabelLine& l : lines) {
    double step = l.size * kLeading;
    // Baseline such that the box (0.75 em up, 0.25 em down) sits at the
    // bottom of the line's slot.
    add_text(d, x, y + step - 0.25 * l.size, l.text, l.size, l.bold, Anchor::middle, l.color);
    y += step;
  }
}

// Header items beside the title: the unit, the legend and the growth badge.
struct HeaderItem {
  std::string text;
  std::string swatch;  // legend colour, empty for plain text
  bool badge = false;
};

double badge_width(const std::string& s, const Look& look) {
  return text_width(s, look.text_size * 1.2, true) + 8;
}
double badge_height(const Look& look) { return look.text_size * 1.2 + 6; }

void draw_badge(ChartDrawing* d, const std::string& s, double cx, double cy, const std::string& color,
                const Look& look) {
  double w = badge_width(s, look), h = badge_height(look);
  DrawRect r;
  r.x = cx - w / 2;
  r.y = cy - h / 2;
  r.w = w;
  r.h = h;
  r.fill = look.white;
  r.stroke = color;
  r.stroke_width = 1.5;
  d->items.push_back(r);
  double size = look.text_size * 1.2;
  add_text(d, cx, cy + (kAscent - 0.5 + 0.125) * size, s, size, true, Anchor::middle, look.text);
}

// Lays out header items in rows under the title; returns the y below them.
double header_rows(ChartDrawing* d, const std::vector<HeaderItem>& items, const Look& look, double width, double y) {
  if (items.empty()) return y;
  double x = kPad;
  double row_h = look.line;
  for (const HeaderItem& it : items)
    if (it.badge) row_h = std::max(row_h, badge_height(look));
  double gap = look.text_size;
  for (const HeaderItem& it : items) {
    double w = it.badge ? badge_width(it.text, look)
                        : text_width(it.text, look.text_size, false) + (it.swatch.empty() ? 0 : look.text_size + 3);
    if (x > kPad && x + w > width - kPad) {
      x = kPad;
      y += row_h + 2;
    }
    double mid = y + row_h / 2;
    if (it.badge) {
      // Badges go to the right end of their row.
      draw_badge(d, it.text, width - kPad - w / 2, mid, it.swatch, look);
      x = width;  // nothing after a badge on this row
      continue;
    }
    double tx = x;
    if (!it.swatch.empty()) {
      DrawRect r;
      r.x = x;
      r.y = mid - look.text_size / 2;
      r.w = r.h = look.text_size;
      r.fill = it.swatch;
      d->items.push_back(r);
      tx += look.text_size + 3;
    }
    add_text(d, tx, mid + (kAscent - 0.5 + 0.125) * look.text_size, it.text, look.text_size, false, Anchor::start,
             it.swatch.empty() ? look.muted : look.text);
    x += w + gap;
  }
  return y + row_h + 3;
}

std::string chart_kind_phrase(ChartKind k) {
  switch (k) {
    case ChartKind::bars: return "Diagramme en barres";
    case ChartKind::comparison: return "Comparaison";
    case ChartKind::cumulative: return "Évolution cumulée, en barres";
    case ChartKind::grouped: return "Diagramme en barres groupées";
  }
  return "Diagramme";
}

std::string point_phrase(const Point& p, const std::string& unit) {
  std::string s = value_text(p.value, unit);
  std::string extra = point_label(p);
  if (!extra.empty()) s += " (" + extra + ")";
  return s;
}

void describe(const Chart& chart, const std::vector<std::string>& labels, const std::vector<Bar>& bars,
              ChartDrawing* d) {
  std::string s = chart_kind_phrase(chart.kind);
  if (!chart.unit.empty() && !is_percent(chart.unit)) s += " (" + chart.unit + ")";
  bool grouped = chart.kind == ChartKind::grouped && chart.series.size() > 1;
  if (grouped) {
    std::vector<std::string> names;
    for (const Series& se : chart.series) names.push_back(se.name);
    s += ", " + std::to_string(chart.series.size()) + " séries : " + join_fr(names);
  }
  s += ". ";
  for (size_t slot = 0; slot < labels.size(); ++slot) {
    std::vector<std::string> values;
    for (const Bar& b : bars)
      if (b.slot == slot) values.push_back(point_phrase(*b.point, chart.unit));
    if (slot > 0) s += " ; ";
    s += labels[slot] + " : " + join_fr(values);
  }
  s += ".";
  if (!chart.growth.empty()) s += " Évolution : " + chart.growth + ".";
  d->description = s;
  for (const Bar& b : bars) {
    DataRow row;
    row.label = b.point->label;
    row.series = chart.series[b.series].name;
    row.value = value_text(b.point->value, chart.unit);
    row.kind = kind_word(b.point->kind);
    row.note = b.point->note;
    d->table.push_back(row);
  }
}

// Column charts: bars, comparison, cumulative, grouped.
void layout_columns(const Chart& chart, const std::string& color, const Look& look, ChartDrawing* d) {
  const double width = d->width, height = d->height;
  const bool comparison = chart.kind == ChartKind::comparison;
  const bool grouped = chart.kind == ChartKind::grouped && chart.series.size() > 1;
  const bool cumulative = chart.kind == ChartKind::cumulative;

  // Slots (x labels) and bars. Grouped charts share labels across series;
  // the others put every point in its own slot.
  std::vector<std::string> labels;
  std::vector<Bar> bars;
  for (size_t si = 0; si < chart.series.size(); ++si) {
    for (const Point& p : chart.series[si].points) {
      size_t slot = labels.size();
      if (grouped) {
        auto it = std::find(labels.begin(), labels.end(), p.label);
        slot = static_cast<size_t>(it - labels.begin());
      }
      if (slot == labels.size()) labels.push_back(p.label.empty() ? chart.series[si].name : p.label);
      bars.push_back(Bar{&p, si, slot});
    }
  }
  describe(chart, labels, bars, d);
  const size_t nseries = grouped ? chart.series.size() : 1;
  auto series_color = [&](size_t si) {
    if (!grouped) return color;
    // From light to full colour; the last series (the latest) is full.
    double t = 0.6 * static_cast<double>(nseries - 1 - si) / static_cast<double>(nseries - 1);
    return tint(color, t);
  };

  // Header: title, then the unit, the legend and the growth label.
  double y = title_block(d, chart.title, look, width, kPad);
  std::vector<HeaderItem> header;
  if (!chart.unit.empty() && !is_percent(chart.unit) && !comparison) header.push_back({chart.unit, "", false});
  if (grouped)
    for (size_t si = 0; si < chart.series.size(); ++si) header.push_back({chart.series[si].name, series_color(si), false});
  std::vector<std::string> footer = footer_lines(chart.note, chart.source, look, width);
  double bottom_of_plot = height - kPad - footer_height(footer, look);

  // Axis, ticks and slots.
  double max_value = 0;
  for (const Bar& b : bars) max_value = std::max(max_value, b.point->value);
  bool whole = true;
  for (const Bar& b : bars) whole = whole && b.point->value == std::floor(b.point->value);
  std::vector<double> ticks = nice_ticks(max_value, 5, whole);
  double top_value = ticks.back();
  double axis_w = 0;
  if (!comparison)
    for (double t : ticks) axis_w = std::max(axis_w, text_width(value_text(t, chart.unit), look.text_size, false));
  double x0 = kPad + (comparison ? 0 : axis_w + 4), x1 = width - kPad;
  double slot_w = labels.empty() ? 0 : (x1 - x0) / labels.size();
  double group_w = std::min(slot_w * (grouped ? 0.84 : 0.62), grouped ? slot_w : look.text_size * 7.5);
  double bar_w = grouped ? (group_w - (nseries - 1) * 2) / nseries : group_w;

  // Growth label: between the two bars of a comparison when it fits,
  // otherwise in the header.
  bool badge_between = false;
  if (!chart.growth.empty()) {
    if (comparison && labels.size() >= 2 && slot_w - bar_w - 8 >= badge_width(chart.growth, look))
      badge_between = true;
    else
      header.push_back({chart.growth, color, true});
  }
  y = header_rows(d, header, look, width, y);
  double header_bottom = y;

  // X labels, wrapped to their slot.
  std::vector<std::vector<std::string>> xlabels;
  size_t xlines = 0;
  for (const std::string& l : labels) {
    xlabels.push_back(wrap_text(l, look.text_size, false, slot_w - 2));
    xlines = std::max(xlines, xlabels.back().size());
  }
  double base = bottom_of_plot - xlines * look.line - 3;  // the baseline of the bars

  // Labels above each bar, bottom line last.
  std::vector<std::vector<LabelLine>> stacks;
  double value_size = comparison ? look.text_size * 1.6 : look.text_size;
  for (const Bar& b : bars) {
    std::vector<LabelLine> st;
    std::string extra = point_label(*b.point);
    double size = value_size;
    std::string value = value_text(b.point->value, chart.unit);
    // Narrow grouped bars: shrink the value until it fits its bar and gap.
    if (grouped)
      while (size > 6 && text_width(value, size, true) > bar_w + 2) size -= 0.5;
    for (std::string& l : wrap_text(extra, look.text_size, false, std::max(slot_w / nseries - 2, bar_w)))
      st.push_back({std::move(l), look.text_size, false, look.muted});
    st.push_back({value, size, true, look.text});
    if (comparison && !chart.unit.empty() && !is_percent(chart.unit))
      st.push_back({chart.unit, look.text_size, false, look.muted});
    stacks.push_back(std::move(st));
  }

  // Bar centres.
  std::vector<double> cx(bars.size());
  for (size_t i = 0; i < bars.size(); ++i) {
    double slot_left = x0 + bars[i].slot * slot_w;
    double group_left = slot_left + (slot_w - group_w) / 2;
    size_t k = grouped ? bars[i].series : 0;
    cx[i] = group_left + k * (bar_w + 2) + bar_w / 2;
  }

  // The plot top: high enough that every label stack fits under the header.
  // A bar of ratio r has its top at P + (1 - r)(base - P); its stack must end
  // above it, so P >= (H + gap + h - (1 - r) base) / r. Cumulative charts
  // also lift a label above the line leaving its bar (`lift`), which depends
  // on P, hence the few rounds.
  std::vector<double> lift(bars.size(), 0);
  double plot_top = header_bottom;
  for (int round = 0; round < 4; ++round) {
    double need = header_bottom + (comparison ? 0 : look.text_size * 0.5);
    for (size_t i = 0; i < bars.size(); ++i) {
      double r = std::max(0.0, bars[i].point->value) / top_value;
      double h = stack_height(stacks[i]) + kLabelGap + lift[i];
      if (r <= 0) continue;
      need = std::max(need, (header_bottom + h - (1 - r) * base) / r);
    }
    plot_top = need;
    if (!cumulative) break;
    // Line through the bar tops; lift labels clear of the next segment.
    bool changed = false;
    for (size_t i = 0; i < bars.size(); ++i) {
      double half = stack_width(stacks[i]) / 2;
      double ty = base - std::max(0.0, bars[i].point->value) / top_value * (base - plot_top);
      double l = 0;
      for (size_t j : {i - 1, i + 1}) {
        if (j >= bars.size()) continue;  // i - 1 wraps around for i == 0
        double tyj = base - std::max(0.0, bars[j].point->value) / top_value * (base - plot_top);
        double slope = (tyj - ty) / (cx[j] - cx[i]);  // dy per dx
        double dx = j > i ? half : -half;
        double y_at_edge = ty + slope * dx;  // the segment at the stack's edge
        l = std::max(l, ty - y_at_edge);
      }
      if (l > lift[i] + 0.01) {
        lift[i] = l;
        changed = true;
      }
    }
    if (!changed) break;
  }
  double plot_h = base - plot_top;
  auto y_of = [&](double v) { return base - std::max(0.0, v) / top_value * plot_h; };

  // Grid and tick labels.
  if (!comparison) {
    for (double t : ticks) {
      double gy = y_of(t);
      if (t > 0) add_line(d, x0, gy, x1, gy, look.grid, 0.5);
      add_text(d, x0 - 4, gy + (kAscent - 0.5 + 0.125) * look.text_size, value_text(t, chart.unit), look.text_size,
               false, Anchor::end, look.muted);
    }
  }

  // Bars.
  for (size_t i = 0; i < bars.size(); ++i) {
    const Point& p = *bars[i].point;
    std::string c = series_color(bars[i].series);
    DrawRect r;
    r.x = cx[i] - bar_w / 2;
    r.w = bar_w;
    r.y = y_of(p.value);
    r.h = base - r.y;
    if (p.kind == PointKind::target) {
      // One hatch per colour, shared by the targets of that colour.
      std::string hatch_color = tint(c, 0.2), id;
      for (const Hatch& h : d->hatches)
        if (h.color == hatch_color) id = h.id;
      if (id.empty()) {
        id = "h" + std::to_string(d->hatches.size());
        Hatch h;
        h.id = id;
        h.color = hatch_color;
        h.spacing = 4;
        h.line_width = 1;
        d->hatches.push_back(h);
      }
      r.fill = look.white;
      r.hatch = id;
      r.stroke = c;
      r.stroke_width = 1.2;
    } else if (p.kind == PointKind::estimate) {
      r.fill = tint(c, 0.55);
      r.stroke = c;
      r.stroke_width = 1;
      r.dash = 3;
    } else {
      r.fill = c;
    }
    d->items.push_back(r);
  }

  // Cumulative: the line through the bar tops, dashed towards targets.
  if (cumulative) {
    for (size_t i = 0; i + 1 < bars.size(); ++i) {
      bool target = bars[i + 1].point->kind != PointKind::observed || bars[i].point->kind != PointKind::observed;
      add_line(d, cx[i], y_of(bars[i].point->value), cx[i + 1], y_of(bars[i + 1].point->value), look.text, 1.2,
               target ? 3 : 0);
    }
    for (size_t i = 0; i < bars.size(); ++i) {
      double r = 2.2, k = r * 0.5522847498307936, px = cx[i], py = y_of(bars[i].point->value);
      DrawPath dot;
      dot.fill = look.text;
      auto seg = [](PathSegment::Kind kind, double x1, double y1, double x2, double y2, double x, double y) {
        PathSegment s;
        s.kind = kind;
        s.x1 = x1, s.y1 = y1, s.x2 = x2, s.y2 = y2, s.x = x, s.y = y;
        return s;
      };
      dot.segments = {seg(PathSegment::move, 0, 0, 0, 0, px + r, py),
                      seg(PathSegment::cubic, px + r, py + k, px + k, py + r, px, py + r),
                      seg(PathSegment::cubic, px - k, py + r, px - r, py + k, px - r, py),
                      seg(PathSegment::cubic, px - r, py - k, px - k, py - r, px, py - r),
                      seg(PathSegment::cubic, px + k, py - r, px + r, py - k, px + r, py),
                      seg(PathSegment::close, 0, 0, 0, 0, 0, 0)};
      d->items.push_back(dot);
    }
  }

  // Baseline, value labels, x labels.
  add_line(d, comparison ? kPad : x0, base, x1, base, look.text, 0.75);
  for (size_t i = 0; i < bars.size(); ++i)
    draw_stack(d, stacks[i], cx[i], y_of(bars[i].point->value) - kLabelGap - lift[i] - (cumulative ? 2.2 : 0));
  for (size_t s = 0; s < labels.size(); ++s) {
    double lx = x0 + (s + 0.5) * slot_w;
    double ly = base + 3 + kAscent * look.text_size;
    for (const std::string& l : xlabels[s]) {
      add_text(d, lx, ly, l, look.text_size, false, Anchor::middle, look.text);
      ly += look.line;
    }
  }
  if (badge_between) {
    // Centred between the first two bars, halfway up the plot.
    draw_badge(d, chart.growth, (cx[0] + cx[1]) / 2, (plot_top + base) / 2, color, look);
  }
  draw_footer(d, footer, look, height);
}

// Runs of text flowed into lines: used by key-figure blocks, where a line
// mixes a bold number and regular words.
struct Word {
  std::string text;
  bool bold;
};

// Flows `words` from (x, y top) within max_width; returns the y below.
double flow(ChartDrawing* d, const std::vector<Word>& words, double x, double y, double max_width, double size,
            const std::string& color, const std::string& bold_color) {
  double space = text_width(" ", size, false);
  double cursor = x;
  double baseline = y + kAscent * size;
  std::string run;
  bool run_bold = false;
  double run_x = x;
  auto flush = [&]() {
    if (!run.empty()) add_text(d, run_x, baseline, run, size, run_bold, Anchor::start, run_bold ? bold_color : color);
    run.clear();
  };
  for (const Word& w : words) {
    double ww = text_width(w.text, size, w.bold);
    bool first = cursor == x;
    if (!first && cursor + space + ww > x + max_width) {
      flush();
      cursor = x;
      baseline += size * kLeading;
      first = true;
    }
    if (!first && w.bold == run_bold && !run.empty()) {
      run += " " + w.text;
      cursor += space + ww;
      continue;
    }
    flush();
    run_x = first ? cursor : cursor + space;
    run = w.text;
    run_bold = w.bold;
    cursor = run_x + ww;
  }
  flush();
  return baseline + (1 - kAscent) * size + (kLeading - 1) * size;
}

std::vector<Word> words_of(const std::string& s, bool bold) {
  std::vector<Word> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back({s.substr(i, j - i), bold});
    i = j;
  }
  return out;
}

// The figure-block layout shared by key figures and highlights.
struct BigNumber {
  std::string qualifier;  // "près de"
  std::string number;     // "1 800", "2,5 millions"
  std::string label;      // words after the headline number
  // Further lines: prefix, number, label.
  struct Other {
    std::string prefix, qualifier, number, label;
  };
  std::vector<Other> others;
};

// Where the text column of a figure block is, and how far down it went.
struct Column {
  double x, width, bottom;
};

Column layout_big_number(const BigNumber& b, const std::string& color, const Pictogram* pictogram, const Style& style,
                         ChartDrawing* d) {
  Look look(style);
  double big = style.size("key_figure", 26), body = style.size("body", 9.5);
  double pic = 0;
  if (pictogram) {
    pic = std::min(d->height - 2 * kPad, d->width * 0.28);
    place_pictogram(*pictogram, kPad, kPad, pic, color, &d->items);
  }
  double x = kPad + (pic > 0 ? pic + 8 : 0);
  double avail = d->width - kPad - x;
  std::string number_color = readable_on_white(color);
  double y = kPad;
  if (!b.qualifier.empty()) {
    add_text(d, x, y + kAscent * body, b.qualifier, body, false, Anchor::start, look.text);
    y += body * kLeading;
  }
  // The number, then its label on the same baseline when it fits, else below.
  if (!b.number.empty()) {
    double nw = text_width(b.number, big, true);
    double baseline = y + kAscent * big;
    add_text(d, x, baseline, b.number, big, true, Anchor::start, number_color);
    y += big * 1.05;
    if (!b.label.empty()) {
      double gap = body * 0.4;
      std::vector<std::string> lines = wrap_text(b.label, body, true, avail - nw - gap);
      if (lines.size() == 1 && nw + gap + text_width(lines[0], body, true) <= avail)
        add_text(d, x + nw + gap, baseline, lines[0], body, true, Anchor::start, look.text);
      else
        y = flow(d, words_of(b.label, true), x, y, avail, body, look.text, look.text);
    }
  }
  for (const BigNumber::Other& o : b.others) {
    std::vector<Word> words = words_of(o.prefix, false);
    for (Word& w : words_of(o.qualifier, false)) words.push_back(std::move(w));
    words.push_back({o.number, true});
    for (Word& w : words_of(o.label, false)) words.push_back(std::move(w));
    y = flow(d, words, x, y + 1, avail, body, look.text, number_color);
  }
  return Column{x, avail, y};
}

}  // namespace

std::vector<double> nice_ticks(double max_value, int max_intervals, bool whole) {
  if (max_intervals < 1) max_intervals = 1;
  if (!(max_value > 0)) return {0, 1};
  double raw = max_value / max_intervals;
  int exponent = static_cast<int>(std::floor(std::log10(raw)));
  if (whole && exponent < 0) exponent = 0;
  // Ticks are (i * m) scaled by 10^exponent, dividing for negative exponents
  // so that 0.6 comes out as 0.6 and not 0.6000000000000001.
  auto scaled = [exponent](double units) {
    return exponent >= 0 ? units * std::pow(10.0, exponent) : units / std::pow(10.0, -exponent);
  };
  double m = 10;
  for (double candidate : {1.0, 2.0, 5.0, 10.0}) {
    if (scaled(candidate) * max_intervals >= max_value * (1 - 1e-12)) {
      m = candidate;
      break;
    }
  }
  int n = static_cast<int>(std::ceil(max_value / scaled(m) - 1e-9));
  std::vector<double> ticks;
  for (int i = 0; i <= n; ++i) ticks.push_back(scaled(i * m));
  return ticks;
}

ChartDrawing layout_chart(const Chart& chart, const Project& project, const Style& style, double width,
                          double height) {
  Look look(style);
  ChartDrawing d;
  d.width = width;
  d.height = height;
  d.title = chart.title;
  d.unit = chart.unit;
  layout_columns(chart, measure_color(project, chart.measure, look), look, &d);
  return d;
}

ChartDrawing layout_ranking(const std::vector<std::pair<std::string, double>>& items, const RankingSpec& spec,
                            const Style& style, double width, double height) {
  Look look(style);
  ChartDrawing d;
  d.width = width;
  d.height = height;
  d.title = spec.title;
  d.unit = spec.unit;
  std::string color = spec.color.empty() ? look.accent : spec.color;

  std::vector<std::pair<std::string, double>> sorted = items;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });

  // Description and table.
  std::string s = "Classement";
  if (!spec.unit.empty() && !is_percent(spec.unit)) s += " (" + spec.unit + ")";
  s += ". ";
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0) s += " ; ";
    s += sorted[i].first + " : " + value_text(sorted[i].second, spec.unit);
    DataRow row;
    row.label = sorted[i].first;
    row.value = value_text(sorted[i].second, spec.unit);
    row.kind = kind_word(PointKind::observed);
    d.table.push_back(row);
  }
  s += ".";
  if (spec.reference) {
    std::string label = spec.reference_label.empty() ? std::string("référence") : spec.reference_label;
    if (label[0] >= 'a' && label[0] <= 'z') label[0] = static_cast<char>(label[0] - 'a' + 'A');
    s += " " + label + " : " + value_text(*spec.reference, spec.unit) + ".";
  }
  d.description = s;

  double y = title_block(&d, spec.title, look, width, kPad);
  std::vector<std::string> footer = footer_lines("", spec.source, look, width);
  double bottom = height - kPad - footer_height(footer, look);
  // Room for the reference label above the bars.
  std::string ref_text;
  if (spec.reference) {
    ref_text = value_text(*spec.reference, spec.unit);
    if (!spec.reference_label.empty()) ref_text = spec.reference_label + " : " + ref_text;
    y += look.line + 2;
  }
  if (sorted.empty()) {
    draw_footer(&d, footer, look, height);
    return d;
  }
  double row_h = (bottom - y) / sorted.size();
  double size = std::min(look.text_size, row_h / kLeading);
  double label_w = 0, value_w = 0, max_value = 0;
  for (const auto& [label, v] : sorted) {
    label_w = std::max(label_w, text_width(label, size, false));
    value_w = std::max(value_w, text_width(value_text(v, spec.unit), size, true));
    max_value = std::max(max_value, v);
  }
  if (spec.reference) max_value = std::max(max_value, *spec.reference);
  label_w = std::min(label_w, width * 0.45);
  double x0 = kPad + label_w + 4, x1 = width - kPad - value_w - 4;
  double scale = max_value > 0 ? (x1 - x0) / max_value : 0;
  for (size_t i = 0; i < sorted.size(); ++i) {
    const auto& [label, v] = sorted[i];
    double top = y + i * row_h, mid = top + row_h / 2;
    add_text(&d, x0 - 4, mid + (kAscent - 0.5 + 0.125) * size, label, size, false, Anchor::end, look.text);
    DrawRect r;
    r.x = x0;
    r.y = mid - row_h * 0.65 / 2;
    r.w = std::max(0.0, v) * scale;
    r.h = row_h * 0.65;
    r.fill = spec.highlight.empty() || spec.highlight == label ? color : tint(color, 0.55);
    d.items.push_back(r);
  }
  add_line(&d, x0, y, x0, y + sorted.size() * row_h, look.text, 0.75);
  if (spec.reference) {
    double rx = x0 + *spec.reference * scale;
    add_line(&d, rx, y - 2, rx, y + sorted.size() * row_h, look.text, 1, 3);
    double tw = text_width(ref_text, look.text_size, true);
    // Keep the label inside the drawing: centred on the line when possible.
    double lx = std::clamp(rx - tw / 2, kPad, width - kPad - tw);
    add_text(&d, lx, y - 4 - 0.25 * look.text_size, ref_text, look.text_size, true, Anchor::start, look.text);
  }
  // Values at the end of the bars, on a white ground so that the reference
  // line does not run through them.
  for (size_t i = 0; i < sorted.size(); ++i) {
    const auto& [label, v] = sorted[i];
    double mid = y + (i + 0.5) * row_h;
    DrawText t;
    t.x = x0 + std::max(0.0, v) * scale + 3;
    t.y = mid + (kAscent - 0.5 + 0.125) * size;
    t.text = value_text(v, spec.unit);
    t.size = size;
    t.bold = true;
    t.color = look.text;
    if (spec.reference) {
      Box b = text_box(t);
      DrawRect ground;
      ground.x = b.x0 - 1;
      ground.y = b.y0;
      ground.w = b.x1 - b.x0 + 2;
      ground.h = b.y1 - b.y0;
      ground.fill = look.white;
      d.items.push_back(ground);
    }
    d.items.push_back(t);
  }
  draw_footer(&d, footer, look, height);
  return d;
}

ChartDrawing layout_key_figure(const Measure& m, const std::vector<KeyFigure>& figures, const Pictogram* pictogram,
                               const Style& style, double width, double height) {
  ChartDrawing d;
  d.width = width;
  d.height = height;
  d.title = m.short_name;
  BigNumber b;
  std::vector<std::string> phrases;
  bool first = true;
  for (const FigureField& field : m.fields) {
    const KeyFigure* f = nullptr;
    for (const KeyFigure& k : figures)
      if (k.measure == m.id && k.field == field.id) f = &k;
    if (!f) continue;
    std::string number = format_count(f->value);
    if (first) {
      // A prefix ("déjà", "et") links a figure to the one before it; the
      // first figure shown has none before it (Corse gives only "à venir"),
      // so it is printed without, as on the site.
      b.qualifier = f->qualifier;
      b.number = number;
      b.label = field.label;
      phrases.push_back(join_words({f->qualifier, number, field.label}));
    } else {
      b.others.push_back({field.prefix, f->qualifier, number, field.label});
      phrases.push_back(join_words({field.prefix, f->qualifier, number, field.label}));
    }
    DataRow row;
    row.label = field.label;
    row.value = format_number(f->value);
    row.kind = kind_word(PointKind::observed);
    row.note = f->qualifier;
    d.table.push_back(row);
    first = false;
  }
  d.description = m.short_name + " : " + join_fr(phrases) + ".";
  if (phrases.empty()) d.description = m.short_name + ".";
  if (!first || pictogram) layout_big_number(b, m.color.empty() ? Look(style).accent : m.color,
                                             pictogram, style, &d);
  return d;
}

ChartDrawing layout_highlight(const Highlight& h, const Measure* m, const Pictogram* pictogram, const Style& style,
                              double width, double height) {
  ChartDrawing d;
  d.width = width;
  d.height = height;
  BigNumber b;
  b.qualifier = h.qualifier;
  if (h.value) b.number = format_count(*h.value);
  std::string phrase = join_words({b.qualifier, b.number, h.text});
  d.title = phrase;
  d.description = sentence(phrase);
  if (h.value) {
    DataRow row;
    row.label = h.text;
    row.value = format_number(*h.value);
    row.kind = kind_word(PointKind::observed);
    row.note = h.qualifier;
    d.table.push_back(row);
  }
  std::string color = m && !m->color.empty() ? m->color : Look(style).accent;
  // The words go under the number (highlights are sentences, not labels);
  // without a number they are the block's bold text.
  Look look(style);
  Column col = layout_big_number(b, color, pictogram, style, &d);
  double y = h.value ? col.bottom : kPad;
  flow(&d, words_of(h.text, !h.value), col.x, y, col.width, style.size("body", 9.5), look.text, look.text);
  return d;
}

}  // namespace bilan
