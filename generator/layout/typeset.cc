#include "layout/typeset.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

#include "support/french.h"
#include "support/utf8.h"

namespace bilan {

namespace {

// Knuth–Plass parameters, LaTeX's defaults (which discourage hyphens on
// consecutive lines and tight lines next to loose ones more than plain TeX).
constexpr double kInfinitePenalty = 10000;   // a penalty that forbids a break
constexpr double kForcedBreak = -10000;      // a penalty that forces one
constexpr double kHyphenPenalty = 50;        // \hyphenpenalty
constexpr double kWrittenHyphenPenalty = 50; // \exhyphenpenalty
constexpr double kLinePenalty = 10;          // \linepenalty
constexpr double kDoubleHyphenDemerits = 10000;  // \doublehyphendemerits: two hyphenated lines in a row
constexpr double kFinalHyphenDemerits = 5000;    // \finalhyphendemerits: hyphen on the next-to-last line
constexpr double kAdjacentDemerits = 10000;      // \adjdemerits: a tight line next to a loose one
constexpr double kPretolerance = 100;  // pass 1, without hyphenation
constexpr double kTolerance = 200;     // pass 2, with hyphenation
constexpr double kFill = 1e6;          // stretch of the glue ending the paragraph (\parfillskip)
constexpr double kInfiniteRatio = 1e9;

// Interword glue of a justified line: a space may grow by half its width and
// shrink by a third (TeX's Computer Modern values, fine for French text).
constexpr double kSpaceStretch = 1.0 / 2;
constexpr double kSpaceShrink = 1.0 / 3;
// Ragged lines keep natural spaces; the line end stretches by a third of the
// width, so a line a third short has badness 100.
constexpr double kRaggedStretch = 1.0 / 3;

bool is_break_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

double badness(double r) {
  if (r < 0) r = -r;
  if (r >= 100) return 10000;
  return std::min(10000.0, 100 * r * r * r);
}

int fitness_class(double r) {
  if (r < -0.5) return 0;  // tight
  if (r <= 0.5) return 1;  // decent
  if (r <= 1) return 2;    // loose
  return 3;                // very loose
}

// Maps the run ends of `raw` onto `spaced` = french_spacing(raw), which only
// replaces a space by a no-break space and inserts narrow no-break spaces.
// False when the two do not correspond that way.
bool map_run_ends(std::string_view raw, std::string_view spaced, const std::vector<size_t>& raw_end,
                  std::vector<size_t>* spaced_end) {
  spaced_end->assign(raw_end.size(), spaced.size());
  size_t i = 0, j = 0, r = 0;
  for (;;) {
    while (r < raw_end.size() && raw_end[r] <= i) (*spaced_end)[r++] = j;
    if (i >= raw.size()) break;
    if (j >= spaced.size()) return false;
    size_t i2 = i, j2 = j;
    char32_t a = next_code_point(raw, &i2);
    char32_t b = next_code_point(spaced, &j2);
    if (a == b || (a == ' ' && (b == 0xA0 || b == 0x202F))) {
      i = i2;
      j = j2;
    } else if (b == 0x202F) {
      j = j2;  // inserted
    } else {
      return false;
    }
  }
  for (size_t k = 0; k < raw_end.size(); ++k)
    if (raw_end[k] == raw.size()) (*spaced_end)[k] = spaced.size();
  return true;
}

}  // namespace

struct Typesetter::Item {
  enum Kind : uint8_t { kBox, kGlue, kPenalty };
  Kind kind = kBox;
  bool flagged = false;  // penalty: a break at a hyphen (added or written)
  bool soft = false;     // penalty: the break adds a hyphen
  bool fill = false;     // glue: the paragraph's final fill, not a break point
  int run = 0;           // the run whose font applies
  uint32_t begin = 0;    // box: text_[begin, end)
  uint32_t end = 0;
  double width = 0;
  double stretch = 0;
  double shrink = 0;
  double penalty = 0;
};

// A feasible break (an active node while lines may still start there).
struct Typesetter::Node {
  int item = -1;  // index of the break item; -1 for the paragraph start
  int line = 0;   // index of the line that starts after this break
  int fitness = 1;
  double width = 0, stretch = 0, shrink = 0;  // totals from the paragraph start to the next line's start
  double demerits = 0;                        // total demerits up to this break
  int previous = -1;                          // node of the previous break
  bool flagged = false;                       // the line ending here ends at a hyphen
};

Typesetter::Typesetter(const TextMeasurer& measurer, const Hyphenator* hyphenator)
    : measurer_(measurer), hyphenator_(hyphenator) {}

Typesetter::~Typesetter() = default;

ParagraphLayout Typesetter::set(const std::vector<TextRun>& runs, const ParagraphStyle& style) {
  ParagraphLayout out;
  set(runs, style, &out);
  return out;
}

void Typesetter::set(const std::vector<TextRun>& runs, const ParagraphStyle& style, ParagraphLayout* out) {
  out->overflows.clear();
  out->height = 0;
  prepare_text(runs);
  build_items(runs, style, false);
  if (items_.empty()) {
    out->lines.clear();
    return;
  }
  if (!find_breaks(style, kPretolerance, false)) {
    if (style.hyphenate && hyphenator_) build_items(runs, style, true);
    if (!find_breaks(style, kTolerance, false) && !find_breaks(style, kTolerance, true)) {
      // The final pass always finds breaks; should it not, set the paragraph
      // on one line, which place_lines() reports as an overflow.
      breaks_.assign(1, static_cast<int>(items_.size()) - 1);
    }
  }
  place_lines(runs, style, out);
}

void Typesetter::prepare_text(const std::vector<TextRun>& runs) {
  raw_.clear();
  std::vector<size_t>& raw_end = run_end_;  // reused below for the spaced ends
  raw_end.clear();
  for (const TextRun& r : runs) {
    raw_ += r.text;
    raw_end.push_back(raw_.size());
  }
  text_ = french_spacing(raw_);
  if (text_ == raw_) return;
  std::vector<size_t> spaced_end;
  if (map_run_ends(raw_, text_, raw_end, &spaced_end)) {
    run_end_ = std::move(spaced_end);
  } else {
    // Cannot happen while french_spacing keeps its contract; set the text as written.
    text_ = raw_;
  }
}

int Typesetter::run_of(size_t byte) {
  while (run_cursor_ + 1 < run_end_.size() && run_end_[run_cursor_] <= byte) ++run_cursor_;
  return static_cast<int>(run_cursor_);
}

double Typesetter::space_width(const std::vector<TextRun>& runs, int run) {
  double& w = space_width_[run];
  if (w < 0) w = measurer_.width(runs[run].font, " ", runs[run].size);
  return w;
}

double Typesetter::hyphen_width(const std::vector<TextRun>& runs, int run) {
  double& w = hyphen_width_[run];
  if (w < 0) w = measurer_.width(runs[run].font, "-", runs[run].size);
  return w;
}

void Typesetter::build_items(const std::vector<TextRun>& runs, const ParagraphStyle& style, bool hyphenate) {
  items_.clear();
  space_width_.assign(runs.size(), -1);
  hyphen_width_.assign(runs.size(), -1);
  run_cursor_ = 0;
  const bool justify = style.align == TextAlign::justify;
  const size_t n = text_.size();
  size_t i = 0;
  bool pending_space = false;
  int space_run = 0;
  while (i < n) {
    if (is_break_space(text_[i])) {
      if (!items_.empty() && !pending_space) {
        pending_space = true;
        space_run = run_of(i);
      }
      ++i;
      continue;
    }
    size_t begin = i;
    while (i < n && !is_break_space(text_[i])) ++i;
    if (pending_space) {
      Item glue;
      glue.kind = Item::kGlue;
      glue.run = space_run;
      glue.width = space_width(runs, space_run);
      if (justify) {
        glue.stretch = glue.width * kSpaceStretch;
        glue.shrink = glue.width * kSpaceShrink;
      }
      items_.push_back(glue);
      pending_space = false;
    }
    add_word(runs, begin, i, hyphenate);
  }
  if (items_.empty()) return;
  Item fill;
  fill.kind = Item::kGlue;
  fill.fill = true;
  fill.run = items_.back().run;
  fill.stretch = kFill;
  items_.push_back(fill);
  Item end;
  end.kind = Item::kPenalty;
  end.run = fill.run;
  end.penalty = kForcedBreak;
  items_.push_back(end);
}

void Typesetter::add_word(const std::vector<TextRun>& runs, size_t begin, size_t end, bool hyphenate) {
  std::string_view word(text_.data() + begin, end - begin);
  break_at_.clear();

  // Written hyphens (territoire-santé): a break after the hyphen, none added,
  // with a letter on both sides and the 2/3 letters French custom asks.
  int letters = 0;
  bool has_hyphen = false;
  for (size_t k = 0; k < word.size();) {
    char32_t c = next_code_point(word, &k);
    if (is_letter(c)) ++letters;
    if (c == '-' || c == 0x2010) has_hyphen = true;
  }
  if (has_hyphen) {
    int before = 0;
    char32_t prev = 0;
    for (size_t k = 0; k < word.size();) {
      char32_t c = next_code_point(word, &k);
      if ((c == '-' || c == 0x2010) && is_letter(prev) && k < word.size()) {
        size_t k2 = k;
        if (is_letter(next_code_point(word, &k2)) && before >= 2 && letters - before >= 3)
          break_at_.emplace_back(begin + k, false);
      }
      if (is_letter(c)) ++before;
      prev = c;
    }
  }
  if (hyphenate && hyphenator_ && letters >= 6) {
    const std::vector<uint16_t>& points = hyphenator_->points(word);
    if (!points.empty()) {
      for (uint16_t p : points) break_at_.emplace_back(begin + p, true);
      std::sort(break_at_.begin(), break_at_.end());
    }
  }

  // Boxes cut at run changes and at break points; a penalty at each break.
  size_t at = begin;
  size_t next_break = 0;
  int last_run = run_of(begin);
  while (at < end) {
    if (next_break < break_at_.size() && break_at_[next_break].first == at) {
      Item penalty;
      penalty.kind = Item::kPenalty;
      penalty.flagged = true;
      penalty.soft = break_at_[next_break].second;
      penalty.run = last_run;
      penalty.width = penalty.soft ? hyphen_width(runs, last_run) : 0;
      penalty.penalty = penalty.soft ? kHyphenPenalty : kWrittenHyphenPenalty;
      items_.push_back(penalty);
      ++next_break;
      continue;
    }
    int run = run_of(at);
    size_t stop = std::min(end, run_end_[run]);
    if (next_break < break_at_.size()) stop = std::min(stop, break_at_[next_break].first);
    Item box;
    box.kind = Item::kBox;
    box.run = run;
    box.begin = static_cast<uint32_t>(at);
    box.end = static_cast<uint32_t>(stop);
    box.width = measurer_.width(runs[run].font, std::string_view(text_.data() + at, stop - at), runs[run].size);
    items_.push_back(box);
    last_run = run;
    at = stop;
  }
}

double Typesetter::line_width(int line, const ParagraphStyle& style) const {
  return style.width - (line == 0 ? style.first_indent : style.indent);
}

bool Typesetter::find_breaks(const ParagraphStyle& style, double tolerance, bool final_pass) {
  const bool ragged = style.align != TextAlign::justify;
  nodes_.clear();
  active_.clear();
  nodes_.push_back(Node());
  active_.push_back(0);
  double sum_width = 0, sum_stretch = 0, sum_shrink = 0;
  const int n = static_cast<int>(items_.size());
  lone_word_stretch_ = 0;
  for (const Item& item : items_)
    if (item.kind == Item::kGlue && !item.fill) {
      lone_word_stretch_ = item.width * kSpaceStretch;
      break;
    }

  auto try_break = [&](int i) {
    const Item& item = items_[i];
    const bool is_penalty = item.kind == Item::kPenalty;
    const bool forced = is_penalty && item.penalty <= kForcedBreak;
    const bool flagged = is_penalty && item.flagged;
    double best[4];
    int best_from[4];
    for (int c = 0; c < 4; ++c) {
      best[c] = std::numeric_limits<double>::infinity();
      best_from[c] = -1;
    }
    int too_long = -1;  // the last node whose line to here is overfull (for the final pass)
    for (size_t k = 0; k < active_.size();) {
      const int a = active_[k];
      const Node& node = nodes_[a];
      const double available = line_width(node.line, style);
      const double natural = sum_width - node.width + (is_penalty ? item.width : 0);
      const double shortfall = available - natural;
      double r = 0;
      if (shortfall > 0) {
        double stretch = sum_stretch - node.stretch + (ragged ? available * kRaggedStretch : 0);
        // A line of one word cannot be justified; judge it as if it had one
        // space, so that a nearly full one beats a short one.
        if (stretch <= 0) stretch = lone_word_stretch_;
        r = stretch > 0 ? shortfall / stretch : kInfiniteRatio;
      } else if (shortfall < 0) {
        double shrink = sum_shrink - node.shrink;
        r = shrink > 0 ? shortfall / shrink : -kInfiniteRatio;
      }
      if (r >= -1) {
        const double bad = badness(r);
        if (bad <= tolerance || final_pass) {
          double d = kLinePenalty + bad;
          d *= d;
          const double p = is_penalty ? item.penalty : 0;
          if (p >= 0)
            d += p * p;
          else if (p > kForcedBreak)
            d -= p * p;
          if (flagged && node.flagged) d += kDoubleHyphenDemerits;
          if (forced && node.flagged) d += kFinalHyphenDemerits;
          const int c = fitness_class(r);
          if (std::abs(c - node.fitness) > 1) d += kAdjacentDemerits;
          d += node.demerits;
          if (d < best[c]) {
            best[c] = d;
            best_from[c] = a;
          }
        }
      }
      if (r < -1 || forced) {
        if (r < -1 && (too_long < 0 || nodes_[too_long].item < node.item ||
                       (nodes_[too_long].item == node.item && nodes_[too_long].demerits > node.demerits)))
          too_long = a;
        active_[k] = active_.back();
        active_.pop_back();
      } else {
        ++k;
      }
    }

    // Totals at the start of the next line: the glue at a break is dropped,
    // and so are spaces that would start the line.
    double width = sum_width, stretch = sum_stretch, shrink = sum_shrink;
    for (int j = i; j < n; ++j) {
      const Item& x = items_[j];
      if (x.kind == Item::kGlue) {
        width += x.width;
        stretch += x.stretch;
        shrink += x.shrink;
      } else if (x.kind == Item::kBox || (j > i && x.penalty <= kForcedBreak)) {
        break;
      }
    }
    bool added = false;
    for (int c = 0; c < 4; ++c) {
      if (best_from[c] < 0) continue;
      Node node;
      node.item = i;
      node.line = nodes_[best_from[c]].line + 1;
      node.fitness = c;
      node.width = width;
      node.stretch = stretch;
      node.shrink = shrink;
      node.demerits = best[c];
      node.previous = best_from[c];
      node.flagged = flagged;
      active_.push_back(static_cast<int>(nodes_.size()));
      nodes_.push_back(node);
      added = true;
    }
    // Last resort: no line can end here or later without being overfull.
    // Break anyway after the shortest overfull line, which place_lines()
    // reports as an overflow (TeX's overfull box).
    if (final_pass && !added && active_.empty() && too_long >= 0) {
      Node node;
      node.item = i;
      node.line = nodes_[too_long].line + 1;
      node.fitness = 1;
      node.width = width;
      node.stretch = stretch;
      node.shrink = shrink;
      node.demerits = nodes_[too_long].demerits + kInfinitePenalty * kInfinitePenalty;
      node.previous = too_long;
      node.flagged = flagged;
      active_.push_back(static_cast<int>(nodes_.size()));
      nodes_.push_back(node);
    }
  };

  for (int i = 0; i < n; ++i) {
    const Item& item = items_[i];
    if (item.kind == Item::kBox) {
      sum_width += item.width;
    } else if (item.kind == Item::kGlue) {
      if (!item.fill && i > 0 && items_[i - 1].kind == Item::kBox) try_break(i);
      sum_width += item.width;
      sum_stretch += item.stretch;
      sum_shrink += item.shrink;
    } else if (item.penalty < kInfinitePenalty) {
      try_break(i);
    }
    if (active_.empty()) return false;
  }

  int best = active_[0];
  for (int a : active_)
    if (nodes_[a].demerits < nodes_[best].demerits) best = a;
  breaks_.clear();
  for (int k = best; k > 0; k = nodes_[k].previous) breaks_.push_back(nodes_[k].item);
  std::reverse(breaks_.begin(), breaks_.end());
  return true;
}

void Typesetter::place_lines(const std::vector<TextRun>& runs, const ParagraphStyle& style, ParagraphLayout* out) {
  out->lines.resize(breaks_.size());
  int start = 0;
  for (size_t k = 0; k < breaks_.size(); ++k) {
    const int end = breaks_[k];
    const bool last = k + 1 == breaks_.size();
    const Item& brk = items_[end];
    const bool hyphen = brk.kind == Item::kPenalty && brk.soft;
    // Spaces and breaks after the previous break are dropped.
    while (start < end && items_[start].kind != Item::kBox) ++start;

    double natural = hyphen ? brk.width : 0, stretch = 0, shrink = 0, size = 0;
    int first_box = -1, last_box = -1;
    for (int j = start; j < end; ++j) {
      const Item& it = items_[j];
      if (it.kind == Item::kBox) {
        natural += it.width;
        size = std::max(size, runs[it.run].size);
        if (first_box < 0) first_box = j;
        last_box = j;
      } else if (it.kind == Item::kGlue && !it.fill) {
        natural += it.width;
        stretch += it.stretch;
        shrink += it.shrink;
      }
    }
    TypesetLine& line = out->lines[k];
    line.pieces.clear();
    line.indent = k == 0 ? style.first_indent : style.indent;
    line.available = style.width - line.indent;
    const double shortfall = line.available - natural;
    double r = 0;
    if (style.align == TextAlign::justify) {
      if (shortfall > 0 && !last)
        r = stretch > 0 ? shortfall / stretch : 0;  // a lone word: left as it is
      else if (shortfall < 0)
        r = shrink > 0 ? std::max(-1.0, shortfall / shrink) : 0;
    }
    const double set_width = natural + (r > 0 ? r * stretch : r * shrink);
    double x = line.indent;
    if (set_width < line.available) {
      if (style.align == TextAlign::center) x += (line.available - set_width) / 2;
      if (style.align == TextAlign::right) x += line.available - set_width;
    }
    const double x0 = x;

    PlacedText* piece = nullptr;
    bool space_before = false;
    int space_run = -1;
    line.word_space = 0;
    for (int j = start; j < end; ++j) {
      const Item& it = items_[j];
      if (it.kind == Item::kGlue) {
        if (it.fill) continue;
        const double w = it.width + (r > 0 ? r * it.stretch : r * it.shrink);
        if (line.word_space == 0) line.word_space = w;
        x += w;
        space_before = true;
        space_run = it.run;
        continue;
      }
      if (it.kind != Item::kBox) continue;
      std::string_view text(text_.data() + it.begin, it.end - it.begin);
      // One piece per word on a stretched or shrunk line; otherwise words of
      // one run merge with their (natural, measured) spaces.
      const bool merge = piece && piece->run == it.run && (!space_before || (r == 0 && space_run == it.run));
      if (merge) {
        if (space_before) piece->text += ' ';
        piece->text.append(text);
        piece->width = x + it.width - piece->x;
      } else {
        line.pieces.emplace_back();
        piece = &line.pieces.back();
        piece->text.assign(text);
        piece->font = runs[it.run].font;
        piece->size = runs[it.run].size;
        piece->x = x;
        piece->width = it.width;
        piece->run = it.run;
      }
      x += it.width;
      space_before = false;
    }
    if (hyphen && piece) {
      piece->text += '-';
      piece->width += brk.width;
      x += brk.width;
    }
    line.width = x - x0;
    line.ratio = r;
    line.hyphenated = hyphen;
    line.size = size;
    line.height = style.line_height > 0 ? style.line_height : style.leading * size;
    line.overflow = set_width > line.available + 1e-6;
    out->height += line.height;
    if (line.overflow && first_box >= 0) {
      TextOverflow overflow;
      overflow.line = k;
      overflow.text.assign(text_, items_[first_box].begin, items_[last_box].end - items_[first_box].begin);
      if (hyphen) overflow.text += '-';
      overflow.excess = set_width - line.available;
      out->overflows.push_back(std::move(overflow));
    }
    start = end + 1;
  }
}

std::string TextOverflow::message() const {
  char excess_text[32];
  std::snprintf(excess_text, sizeof excess_text, "%.1f", excess);
  return "'" + text + "' is " + excess_text + " pt wider than its line";
}

ParagraphLayout typeset_paragraph(const std::vector<TextRun>& runs, const ParagraphStyle& style,
                                  const TextMeasurer& measurer, const Hyphenator* hyphenator) {
  Typesetter typesetter(measurer, hyphenator);
  return typesetter.set(runs, style);
}

std::vector<TextRun> text_runs(const std::vector<Run>& runs, double size) {
  std::vector<TextRun> out;
  out.reserve(runs.size());
  for (const Run& r : runs) out.push_back(TextRun{r.text, font_index(r.bold, r.italic), size});
  return out;
}

}  // namespace bilan
