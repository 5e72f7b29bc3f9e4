#include "layout/pictogram.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "support/utf8.h"

namespace bilan {

namespace {

// Bézier handle length for a quarter circle of radius 1.
constexpr double kKappa = 0.5522847498307936;

struct Attribute {
  std::string name;
  std::string value;
  size_t name_offset = 0;   // offset of the name in the file
  size_t value_offset = 0;  // offset of the value's first character
};

// Presentation attributes in force for an element (after inheritance).
struct Paint {
  std::optional<bool> fill;  // unset: nothing said yet
  bool stroke = false;
  double stroke_width = 1;
  LineCap cap = LineCap::butt;
  LineJoin join = LineJoin::miter;
  bool even_odd = false;
};

class Parser {
 public:
  Parser(std::string_view text, const std::string& file, Pictogram* out, Diagnostic* err)
      : s_(text), file_(file), out_(out), err_(err) {}

  bool parse() {
    skip_space();
    if (starts("<?xml")) {
      size_t end = s_.find("?>", i_);
      if (end == std::string_view::npos) return fail(i_, "unterminated xml declaration");
      i_ = end + 2;
    }
    if (!skip_misc()) return false;
    if (i_ >= s_.size()) return fail(i_, "expected <svg>");
    Paint root;
    if (!element(root, /*depth=*/0)) return false;
    if (!skip_misc()) return false;
    if (i_ < s_.size()) return fail(i_, "unexpected content after </svg>");
    return true;
  }

 private:
  bool fail(size_t offset, const std::string& message) {
    int line = 0, column = 0;
    line_column(s_, std::min(offset, s_.size()), &line, &column);
    err_->pos = SourcePos{file_, line, column};
    err_->message = message;
    return false;
  }

  bool starts(std::string_view p) const { return s_.compare(i_, p.size(), p) == 0; }

  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
  }

  // Skips white space and comments.
  bool skip_misc() {
    for (;;) {
      skip_space();
      if (!starts("<!--")) return true;
      size_t end = s_.find("-->", i_ + 4);
      if (end == std::string_view::npos) return fail(i_, "unterminated comment");
      i_ = end + 3;
    }
  }

  static bool name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == ':' ||
           c == '_';
  }

  std::string name() {
    size_t start = i_;
    while (i_ < s_.size() && name_char(s_[i_])) ++i_;
    return std::string(s_.substr(start, i_ - start));
  }

  // Replaces the five predefined entities; anything else after '&' is an error.
  bool unescape(std::string_view raw, size_t offset, std::string* out) {
    out->clear();
    for (size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '<') return fail(offset + k, "'<' inside a value");
      if (raw[k] != '&') {
        *out += raw[k];
        continue;
      }
      static const std::pair<const char*, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool found = false;
      for (auto& [entity, c] : kEntities) {
        std::string_view e(entity);
        if (raw.compare(k, e.size(), e) == 0) {
          *out += c;
          k += e.size() - 1;
          found = true;
          break;
        }
      }
      if (!found) return fail(offset + k, "unsupported entity (only &amp; &lt; &gt; &quot; &apos;)");
    }
    return true;
  }

  // Reads attributes up to '>' or '/>'; sets *self_closing.
  bool attributes(std::vector<Attribute>* attrs, bool* self_closing) {
    for (;;) {
      skip_space();
      if (i_ >= s_.size()) return fail(i_, "unexpected end of file inside a tag");
      if (starts("/>")) {
        i_ += 2;
        *self_closing = true;
        return true;
      }
      if (s_[i_] == '>') {
        ++i_;
        *self_closing = false;
        return true;
      }
      Attribute a;
      a.name_offset = i_;
      a.name = name();
      if (a.name.empty()) return fail(i_, "expected an attribute name");
      skip_space();
      if (i_ >= s_.size() || s_[i_] != '=') return fail(i_, "expected '=' after attribute '" + a.name + "'");
      ++i_;
      skip_space();
      if (i_ >= s_.size() || (s_[i_] != '"' && s_[i_] != '\'')) return fail(i_, "expected a quoted value");
      char quote = s_[i_++];
      size_t end = s_.find(quote, i_);
      if (end == std::string_view::npos) return fail(i_, "unterminated attribute value");
      a.value_offset = i_;
      if (!unescape(s_.substr(i_, end - i_), i_, &a.value)) return false;
      i_ = end + 1;
      for (const Attribute& b : *attrs)
        if (b.name == a.name) return fail(a.name_offset, "duplicate attribute '" + a.name + "'");
      attrs->push_back(std::move(a));
    }
  }

  // Parses one number at text[*k] (after separators); false at the end.
  bool number(const Attribute& a, size_t* k, double* v) {
    const std::string& t = a.value;
    while (*k < t.size() && (t[*k] == ' ' || t[*k] == ',' || t[*k] == '\n' || t[*k] == '\t' || t[*k] == '\r'))
      ++*k;
    if (*k >= t.size()) return fail(a.value_offset + *k, "expected a number in '" + a.name + "'");
    const char* begin = t.c_str() + *k;
    char* end = nullptr;
    *v = std::strtod(begin, &end);
    if (end == begin || !std::isfinite(*v)) return fail(a.value_offset + *k, "expected a number in '" + a.name + "'");
    // strtod accepts hex and "inf"; the subset does not.
    for (const char* c = begin; c < end; ++c)
      if (!((*c >= '0' && *c <= '9') || *c == '.' || *c == '-' || *c == '+' || *c == 'e' || *c == 'E'))
        return fail(a.value_offset + *k, "expected a number in '" + a.name + "'");
    *k += end - begin;
    return true;
  }

  bool single_number(const Attribute& a, double* v, bool non_negative) {
    size_t k = 0;
    if (!number(a, &k, v)) return false;
    while (k < a.value.size() && a.value[k] == ' ') ++k;
    if (k != a.value.size()) return fail(a.value_offset + k, "unexpected text after the number in '" + a.name + "'");
    if (non_negative && *v < 0) return fail(a.value_offset, "'" + a.name + "' must not be negative");
    return true;
  }

  // Applies a presentation attribute to *paint; false with an error when the
  // attribute is not one, or its value is outside the subset.
  bool presentation(const Attribute& a, Paint* paint, bool* known) {
    *known = true;
    if (a.name == "fill" || a.name == "stroke") {
      bool on;
      if (a.value == "currentColor") on = true;
      else if (a.value == "none") on = false;
      else return fail(a.value_offset, "unsupported colour '" + a.value + "' (only currentColor or none)");
      if (a.name == "fill") paint->fill = on;
      else paint->stroke = on;
      return true;
    }
    if (a.name == "stroke-width") return single_number(a, &paint->stroke_width, true);
    if (a.name == "stroke-linecap") {
      if (a.value == "butt") paint->cap = LineCap::butt;
      else if (a.value == "round") paint->cap = LineCap::round;
      else if (a.value == "square") paint->cap = LineCap::square;
      else return fail(a.value_offset, "unsupported stroke-linecap '" + a.value + "'");
      return true;
    }
    if (a.name == "stroke-linejoin") {
      if (a.value == "miter") paint->join = LineJoin::miter;
      else if (a.value == "round") paint->join = LineJoin::round;
      else if (a.value == "bevel") paint->join = LineJoin::bevel;
      else return fail(a.value_offset, "unsupported stroke-linejoin '" + a.value + "'");
      return true;
    }
    if (a.name == "fill-rule") {
      if (a.value == "nonzero") paint->even_odd = false;
      else if (a.value == "evenodd") paint->even_odd = true;
      else return fail(a.value_offset, "unsupported fill-rule '" + a.value + "'");
      return true;
    }
    *known = false;
    return true;
  }

  bool unsupported_attribute(const Attribute& a, const std::string& element) {
    return fail(a.name_offset, "unsupported attribute '" + a.name + "' on <" + element + ">");
  }

  bool path_data(const Attribute& a, std::vector<PathSegment>* segs) {
    const std::string& d = a.value;
    size_t k = 0;
    char command = 0;
    bool have_current = false;
    for (;;) {
      while (k < d.size() && (d[k] == ' ' || d[k] == ',' || d[k] == '\n' || d[k] == '\t' || d[k] == '\r')) ++k;
      if (k >= d.size()) break;
      char c = d[k];
      bool is_number_start = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
      if (!is_number_start) {
        if (c != 'M' && c != 'L' && c != 'C' && c != 'Z')
          return fail(a.value_offset + k, std::string("unsupported path command '") + c +
                                              "' (only absolute M, L, C and Z)");
        if (c != 'M' && !have_current) return fail(a.value_offset + k, std::string("'") + c + "' before any 'M'");
        command = c;
        ++k;
        if (c == 'Z') {
          PathSegment s;
          s.kind = PathSegment::close;
          segs->push_back(s);
          command = 0;  // numbers may not follow Z
        }
        continue;
      }
      if (command == 0) return fail(a.value_offset + k, "expected a path command");
      PathSegment s;
      if (command == 'M' || command == 'L') {
        if (!number(a, &k, &s.x) || !number(a, &k, &s.y)) return false;
        s.kind = command == 'M' ? PathSegment::move : PathSegment::line;
        if (command == 'M') command = 'L';  // implicit lineto after a moveto
      } else {  // C
        if (!number(a, &k, &s.x1) || !number(a, &k, &s.y1) || !number(a, &k, &s.x2) || !number(a, &k, &s.y2) ||
            !number(a, &k, &s.x) || !number(a, &k, &s.y))
          return false;
        s.kind = PathSegment::cubic;
      }
      have_current = true;
      segs->push_back(s);
    }
    if (segs->empty()) return fail(a.value_offset, "empty path data");
    if (segs->front().kind != PathSegment::move) return fail(a.value_offset, "path data must start with 'M'");
    return true;
  }

  static void add_move(std::vector<PathSegment>* segs, double x, double y) {
    PathSegment s;
    s.kind = PathSegment::move;
    s.x = x;
    s.y = y;
    segs->push_back(s);
  }
  static void add_line(std::vector<PathSegment>* segs, double x, double y) {
    PathSegment s;
    s.kind = PathSegment::line;
    s.x = x;
    s.y = y;
    segs->push_back(s);
  }
  static void add_cubic(std::vector<PathSegment>* segs, double x1, double y1, double x2, double y2, double x,
                        double y) {
    PathSegment s;
    s.kind = PathSegment::cubic;
    s.x1 = x1, s.y1 = y1, s.x2 = x2, s.y2 = y2, s.x = x, s.y = y;
    segs->push_back(s);
  }
  static void add_close(std::vector<PathSegment>* segs) {
    PathSegment s;
    s.kind = PathSegment::close;
    segs->push_back(s);
  }

  // A shape element (rect, circle, path): geometry plus its own paint.
  bool shape(const std::string& tag, size_t tag_offset, const std::vector<Attribute>& attrs, Paint paint) {
    PictogramShape out;
    double x = 0, y = 0, w = -1, h = -1, rx = 0, cx = 0, cy = 0, r = -1;
    bool have_d = false;
    for (const Attribute& a : attrs) {
      bool known = false;
      if (!presentation(a, &paint, &known)) return false;
      if (known) continue;
      bool ok = true;
      if (tag == "rect" && a.name == "x") ok = single_number(a, &x, false);
      else if (tag == "rect" && a.name == "y") ok = single_number(a, &y, false);
      else if (tag == "rect" && a.name == "width") ok = single_number(a, &w, true);
      else if (tag == "rect" && a.name == "height") ok = single_number(a, &h, true);
      else if (tag == "rect" && a.name == "rx") ok = single_number(a, &rx, true);
      else if (tag == "circle" && a.name == "cx") ok = single_number(a, &cx, false);
      else if (tag == "circle" && a.name == "cy") ok = single_number(a, &cy, false);
      else if (tag == "circle" && a.name == "r") ok = single_number(a, &r, true);
      else if (tag == "path" && a.name == "d") {
        ok = path_data(a, &out.segments);
        have_d = true;
      } else {
        return unsupported_attribute(a, tag);
      }
      if (!ok) return false;
    }
    if (tag == "rect") {
      if (w < 0 || h < 0) return fail(tag_offset, "<rect> needs width and height");
      rx = std::min({rx, w / 2, h / 2});
      auto* s = &out.segments;
      if (rx <= 0) {
        add_move(s, x, y);
        add_line(s, x + w, y);
        add_line(s, x + w, y + h);
        add_line(s, x, y + h);
        add_close(s);
      } else {
        double k = rx * kKappa;
        add_move(s, x + rx, y);
        add_line(s, x + w - rx, y);
        add_cubic(s, x + w - rx + k, y, x + w, y + rx - k, x + w, y + rx);
        add_line(s, x + w, y + h - rx);
        add_cubic(s, x + w, y + h - rx + k, x + w - rx + k, y + h, x + w - rx, y + h);
        add_line(s, x + rx, y + h);
        add_cubic(s, x + rx - k, y + h, x, y + h - rx + k, x, y + h - rx);
        add_line(s, x, y + rx);
        add_cubic(s, x, y + rx - k, x + rx - k, y, x + rx, y);
        add_close(s);
      }
    } else if (tag == "circle") {
      if (r < 0) return fail(tag_offset, "<circle> needs r");
      double k = r * kKappa;
      auto* s = &out.segments;
      add_move(s, cx + r, cy);
      add_cubic(s, cx + r, cy + k, cx + k, cy + r, cx, cy + r);
      add_cubic(s, cx - k, cy + r, cx - r, cy + k, cx - r, cy);
      add_cubic(s, cx - r, cy - k, cx - k, cy - r, cx, cy - r);
      add_cubic(s, cx + k, cy - r, cx + r, cy - k, cx + r, cy);
      add_close(s);
    } else if (!have_d) {
      return fail(tag_offset, "<path> needs d");
    }
    if (!paint.fill.has_value())
      return fail(tag_offset, "<" + tag + "> has no fill: set fill=\"currentColor\" or fill=\"none\" on it or a parent");
    out.fill = *paint.fill;
    out.stroke = paint.stroke;
    out.stroke_width = paint.stroke_width;
    out.cap = paint.cap;
    out.join = paint.join;
    out.even_odd = paint.even_odd;
    out_->shapes.push_back(std::move(out));
    return true;
  }

  bool svg_attributes(const std::vector<Attribute>& attrs, Paint* paint, size_t tag_offset) {
    bool have_view_box = false;
    for (const Attribute& a : attrs) {
      bool known = false;
      if (!presentation(a, paint, &known)) return false;
      if (known) continue;
      if (a.name == "xmlns") {
        if (a.value != "http://www.w3.org/2000/svg")
          return fail(a.value_offset, "xmlns must be http://www.w3.org/2000/svg");
      } else if (a.name == "width" || a.name == "height") {
        double v;
        if (!single_number(a, &v, true)) return false;
      } else if (a.name == "aria-hidden") {
        // Decorative when inlined; nothing to draw.
      } else if (a.name == "viewBox") {
        size_t k = 0;
        if (!number(a, &k, &out_->view_x) || !number(a, &k, &out_->view_y) || !number(a, &k, &out_->view_w) ||
            !number(a, &k, &out_->view_h))
          return false;
        while (k < a.value.size() && a.value[k] == ' ') ++k;
        if (k != a.value.size()) return fail(a.value_offset + k, "viewBox takes four numbers");
        if (out_->view_w <= 0 || out_->view_h <= 0) return fail(a.value_offset, "viewBox width and height must be positive");
        have_view_box = true;
      } else {
        return unsupported_attribute(a, "svg");
      }
    }
    if (!have_view_box) return fail(tag_offset, "<svg> needs a viewBox");
    return true;
  }

  // Parses the element starting at i_ ('<'), with the inherited paint.
  bool element(Paint inherited, int depth) {
    size_t tag_offset = i_;
    if (i_ >= s_.size() || s_[i_] != '<') return fail(i_, "expected an element");
    ++i_;
    std::string tag = name();
    if (tag.empty()) return fail(i_, "expected an element name");
    std::vector<Attribute> attrs;
    bool self_closing = false;
    if (!attributes(&attrs, &self_closing)) return false;

    if (depth == 0 && tag != "svg") return fail(tag_offset, "the root element must be <svg>, not <" + tag + ">");
    if (depth > 0 && tag == "svg") return fail(tag_offset, "nested <svg> is not supported");

    Paint paint = inherited;
    if (tag == "svg") {
      if (!svg_attributes(attrs, &paint, tag_offset)) return false;
    } else if (tag == "g") {
      for (const Attribute& a : attrs) {
        bool known = false;
        if (!presentation(a, &paint, &known)) return false;
        if (!known) return unsupported_attribute(a, tag);
      }
    } else if (tag == "title") {
      if (!attrs.empty()) return unsupported_attribute(attrs.front(), tag);
      if (self_closing) return true;
      size_t end = s_.find("</title>", i_);
      if (end == std::string_view::npos) return fail(tag_offset, "unterminated <title>");
      std::string text;
      if (!unescape(s_.substr(i_, end - i_), i_, &text)) return false;
      out_->title = text;
      i_ = end + 8;
      return true;
    } else if (tag == "rect" || tag == "circle" || tag == "path") {
      if (!shape(tag, tag_offset, attrs, paint)) return false;
      if (!self_closing) {
        if (!skip_misc()) return false;
        if (!starts("</" + tag + ">")) return fail(i_, "<" + tag + "> may not have content");
        i_ += tag.size() + 3;
      }
      return true;
    } else {
      return fail(tag_offset, "unsupported element <" + tag + ">");
    }
    if (self_closing) return true;
    // Children of <svg> or <g>.
    for (;;) {
      if (!skip_misc()) return false;
      if (i_ >= s_.size()) return fail(i_, "missing </" + tag + ">");
      if (starts("</")) {
        size_t close_offset = i_;
        i_ += 2;
        std::string closing = name();
        skip_space();
        if (closing != tag || i_ >= s_.size() || s_[i_] != '>')
          return fail(close_offset, "expected </" + tag + ">");
        ++i_;
        return true;
      }
      if (s_[i_] != '<') return fail(i_, "text is only allowed inside <title>");
      if (!element(paint, depth + 1)) return false;
    }
  }

  std::string_view s_;
  const std::string& file_;
  Pictogram* out_;
  Diagnostic* err_;
  size_t i_ = 0;
};

}  // namespace

bool parse_pictogram(std::string_view svg, const std::string& file, Pictogram* out, Diagnostic* err) {
  *out = Pictogram{};
  Parser parser(svg, file, out, err);
  return parser.parse();
}

bool load_pictogram(const FileSystem& fs, const std::string& path, Pictogram* out, Diagnostic* err) {
  std::string text, why;
  if (!fs.read(path, &text, &why)) {
    err->pos = SourcePos{path, 0, 0};
    err->message = "cannot read pictogram: " + why;
    return false;
  }
  return parse_pictogram(text, path, out, err);
}

void place_pictogram(const Pictogram& p, double x, double y, double size, const std::string& color,
                     std::vector<Primitive>* items) {
  if (p.view_w <= 0 || p.view_h <= 0) return;
  double scale = size / std::max(p.view_w, p.view_h);
  double ox = x + (size - p.view_w * scale) / 2 - p.view_x * scale;
  double oy = y + (size - p.view_h * scale) / 2 - p.view_y * scale;
  for (const PictogramShape& shape : p.shapes) {
    DrawPath path;
    for (PathSegment s : shape.segments) {
      s.x = ox + s.x * scale;
      s.y = oy + s.y * scale;
      s.x1 = ox + s.x1 * scale;
      s.y1 = oy + s.y1 * scale;
      s.x2 = ox + s.x2 * scale;
      s.y2 = oy + s.y2 * scale;
      if (s.kind == PathSegment::close) s.x = s.y = s.x1 = s.y1 = s.x2 = s.y2 = 0;
      else if (s.kind != PathSegment::cubic) s.x1 = s.y1 = s.x2 = s.y2 = 0;
      path.segments.push_back(s);
    }
    path.fill = shape.fill ? color : "";
    path.stroke = shape.stroke ? color : "";
    path.stroke_width = shape.stroke ? shape.stroke_width * scale : 0;
    // Caps and joins only matter for strokes; keep the defaults otherwise.
    path.cap = shape.stroke ? shape.cap : LineCap::butt;
    path.join = shape.stroke ? shape.join : LineJoin::miter;
    path.even_odd = shape.even_odd;
    items->push_back(std::move(path));
  }
}

}  // namespace bilan
