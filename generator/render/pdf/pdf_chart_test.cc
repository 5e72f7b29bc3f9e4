#include "render/pdf/pdf_chart.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "layout/chart.h"
#include "layout/chart_test_samples.h"
#include "layout/pictogram.h"
#include "support/fs.h"
#include "support/utf8.h"

using namespace bilan;

namespace {

constexpr double kX = 40, kYTop = 800;

void on_error(HPDF_STATUS error, HPDF_STATUS detail, void* data) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "libharu error 0x%04X detail %u", static_cast<unsigned>(error),
                static_cast<unsigned>(detail));
  static_cast<std::vector<std::string>*>(data)->push_back(buf);
}

bool readable(const std::string& path) { return std::ifstream(path).good(); }

// A document with the chart fonts: Marianne when set up, else DejaVu.
struct TestPdf {
  std::vector<std::string> errors;
  HPDF_Doc doc = nullptr;
  HPDF_Page page = nullptr;
  ChartFonts fonts;

  TestPdf() {
    doc = HPDF_New(on_error, &errors);
    HPDF_SetCompressionMode(doc, HPDF_COMP_NONE);
    HPDF_UseUTFEncodings(doc);
    std::string dir = std::string(BILAN_SOURCE_DIR) + "/assets/fonts/";
    std::string regular = dir + "Marianne-Regular.ttf", bold = dir + "Marianne-Bold.ttf";
    if (!readable(regular) || !readable(bold)) {
      regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
      bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    }
    fonts.regular = HPDF_GetFont(doc, HPDF_LoadTTFontFromFile(doc, regular.c_str(), HPDF_TRUE), "UTF-8");
    fonts.bold = HPDF_GetFont(doc, HPDF_LoadTTFontFromFile(doc, bold.c_str(), HPDF_TRUE), "UTF-8");
    page = HPDF_AddPage(doc);
    HPDF_Page_SetWidth(page, 595);
    HPDF_Page_SetHeight(page, 842);
  }
  ~TestPdf() { HPDF_Free(doc); }

  std::string bytes() {
    HPDF_SaveToStream(doc);
    HPDF_UINT32 size = HPDF_GetStreamSize(doc);
    std::string out(size, '\0');
    HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(&out[0]), &size);
    out.resize(size);
    return out;
  }

  // The content stream of the (only) page.
  std::string content() {
    std::string pdf = bytes();
    size_t at = pdf.find("/Contents ");
    REQUIRE(at != std::string::npos);
    int obj = std::atoi(pdf.c_str() + at + 10);
    size_t start = pdf.find("\n" + std::to_string(obj) + " 0 obj");
    REQUIRE(start != std::string::npos);
    size_t s = pdf.find("stream", start);
    s = pdf.find('\n', s) + 1;
    size_t e = pdf.find("endstream", s);
    return pdf.substr(s, e - s);
  }
};

std::string f(double v) { return format_coord(v); }

std::string hex_color(double r, double g, double b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", static_cast<int>(std::lround(r * 255)),
                static_cast<int>(std::lround(g * 255)), static_cast<int>(std::lround(b * 255)));
  return buf;
}

bool same_op(const std::string& a, const std::string& b);

// Reads the content stream back into the RecordingCanvas format: each
// primitive is one q...Q group, whose operators say what was drawn. Texts
// are checked against `expected` for what a content stream cannot say
// without the fonts (the anchor and the characters): the glyph count must
// match and the position must be the anchor point minus the measured width.
std::vector<std::string> ops_from_pdf(const std::string& content, const ChartDrawing& d,
                                      const std::vector<std::string>& expected, const ChartFonts& fonts) {
  std::vector<std::string> ops{expected.front()};  // begin: nothing to see in a stream
  std::istringstream in(content);
  std::vector<std::string> operands;
  struct State {
    std::string fill = "#000000", stroke = "#000000";
    double width = 1, dash = 0;
  };
  std::vector<State> stack{State{}};
  int depth = 0;
  // What the current top-level group did.
  std::string fill_rect, stroke_rect, clip_rect, text_hex;
  std::vector<std::string> hatch_lines_seen;
  bool group_has_cap = false;
  std::string path_paint;
  double tx = 0, ty = 0, tsize = 0;
  std::string current_path;
  std::vector<std::pair<double, double>> pts;
  State paint_state, text_state, stroke_state;
  auto num = [&](size_t i) { return std::stod(operands[operands.size() - i]); };
  auto to_u = [](double x) { return x - kX; };
  auto to_v = [](double y) { return kYTop - y; };
  std::string tok;
  std::vector<std::string> segs;
  while (in >> tok) {
    if (tok[0] == '<' || tok[0] == '/' || tok[0] == '[' || tok[0] == ']' || std::isdigit(static_cast<unsigned char>(tok[0])) ||
        tok[0] == '-' || tok[0] == '.') {
      // "[3" and "3]" in a dash array: keep the number.
      std::string t = tok;
      if (t[0] == '[') t = t.substr(1);
      if (!t.empty() && t.back() == ']') t.pop_back();
      if (!t.empty()) operands.push_back(t);
      continue;
    }
    State& st = stack.back();
    if (tok == "q") {
      stack.push_back(stack.back());
      ++depth;
    } else if (tok == "Q") {
      stack.pop_back();
      --depth;
      if (depth == 0) {
        // End of one primitive: write it in the recording format.
        if (!text_hex.empty()) {
          size_t i = ops.size();
          const std::string& want = i < expected.size() ? expected[i] : "";
          // "text x y size weight anchor color characters"
          std::istringstream w(want);
          std::string kind, wx, wy, wsize, weight, anchor, color;
          w >> kind >> wx >> wy >> wsize >> weight >> anchor >> color;
          std::string chars = want.substr(std::min(want.size(), static_cast<size_t>(w.tellg()) + 1));
          size_t count = 0, k = 0;
          while (k < chars.size()) next_code_point(chars, &k), ++count;
          HPDF_Font font = weight == "bold" ? fonts.bold : fonts.regular;
          double width =
              HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(chars.data()), static_cast<HPDF_UINT>(chars.size()))
                  .width *
              tsize / 1000.0;
          double x = to_u(tx) + (anchor == "middle" ? width / 2 : anchor == "end" ? width : 0);
          bool glyphs_ok = text_hex.size() == 2 + 4 * count;
          ops.push_back("text " + f(x) + " " + f(to_v(ty)) + " " + f(tsize) + " " + weight + " " + anchor + " " +
                        text_state.fill + " " + (glyphs_ok ? chars : "<" + std::to_string((text_hex.size() - 2) / 4) + " glyphs>"));
        } else if (!fill_rect.empty() || !stroke_rect.empty()) {
          std::string box = !stroke_rect.empty() ? stroke_rect : fill_rect;
          std::string hatch;
          if (!clip_rect.empty()) {
            // Which hatch drew these lines?
            std::istringstream b(clip_rect);
            double x, y, w, h;
            b >> x >> y >> w >> h;
            for (const Hatch& hh : d.hatches) {
              std::vector<std::string> want;
              for (const DrawLine& l : hatch_lines(hh, x, y, w, h))
                want.push_back(f(l.x1) + " " + f(l.y1) + " " + f(l.x2) + " " + f(l.y2) + " " + hh.color + " " +
                               f(hh.line_width));
              bool same = want.size() == hatch_lines_seen.size();
              for (size_t i = 0; same && i < want.size(); ++i) same = same_op(want[i], hatch_lines_seen[i]);
              if (same) hatch = hh.id;
            }
            if (hatch.empty()) hatch = "<unknown hatch>";
          }
          ops.push_back("rect " + box + " fill=" + (fill_rect.empty() ? "" : paint_state.fill) +
                        " stroke=" + (stroke_rect.empty() ? "" : stroke_state.stroke) + " " +
                        f(stroke_rect.empty() ? 0 : stroke_state.width) +
                        " dash=" + f(stroke_rect.empty() ? 0 : stroke_state.dash) + " hatch=" + hatch);
        } else if (!path_paint.empty()) {
          ops.push_back(path_paint);
        }
        fill_rect.clear();
        stroke_rect.clear();
        clip_rect.clear();
        text_hex.clear();
        hatch_lines_seen.clear();
        path_paint.clear();
        segs.clear();
        pts.clear();
        group_has_cap = false;
      }
    } else if (tok == "rg") {
      st.fill = hex_color(num(3), num(2), num(1));
    } else if (tok == "RG") {
      st.stroke = hex_color(num(3), num(2), num(1));
    } else if (tok == "w") {
      st.width = num(1);
    } else if (tok == "d") {
      st.dash = operands.size() >= 3 ? num(3) : 0;
    } else if (tok == "re") {
      double x = num(4), y = num(3), w = num(2), h = num(1);
      current_path = f(to_u(x)) + " " + f(to_v(y + h)) + " " + f(w) + " " + f(h);
    } else if (tok == "m" || tok == "l") {
      segs.push_back(std::string(tok == "m" ? " M" : " L") + f(to_u(num(2))) + "," + f(to_v(num(1))));
      pts.emplace_back(to_u(num(2)), to_v(num(1)));
    } else if (tok == "c") {
      segs.push_back(" C" + f(to_u(num(6))) + "," + f(to_v(num(5))) + " " + f(to_u(num(4))) + "," + f(to_v(num(3))) +
                     " " + f(to_u(num(2))) + "," + f(to_v(num(1))));
    } else if (tok == "h") {
      segs.push_back(" Z");
    } else if (tok == "W") {
      clip_rect = current_path;
      current_path.clear();
    } else if (tok == "n") {
      current_path.clear();
    } else if (tok == "f" || tok == "f*" || tok == "S" || tok == "B" || tok == "B*") {
      if (!current_path.empty()) {
        if (tok == "f") {
          fill_rect = current_path;
          paint_state = st;
        } else {
          stroke_rect = current_path;
          stroke_state = st;
        }
        current_path.clear();
      } else if (!clip_rect.empty() && tok == "S") {
        for (size_t i = 0; i + 1 < pts.size(); i += 2)
          hatch_lines_seen.push_back(f(pts[i].first) + " " + f(pts[i].second) + " " + f(pts[i + 1].first) + " " +
                                     f(pts[i + 1].second) + " " + st.stroke + " " + f(st.width));
        pts.clear();
        segs.clear();
      } else if (segs.size() == 2 && segs[0][1] == 'M' && segs[1][1] == 'L' && tok == "S" && !group_has_cap) {
        // A line: paths set their line cap, lines do not.
        path_paint = "line " + f(pts[0].first) + " " + f(pts[0].second) + " " + f(pts[1].first) + " " +
                     f(pts[1].second) + " stroke=" + st.stroke + " " + f(st.width) + " dash=" + f(st.dash);
      } else {
        bool fill = tok != "S", stroke = tok == "S" || tok[0] == 'B';
        path_paint = "path fill=" + (fill ? st.fill : "") + " stroke=" + (stroke ? st.stroke : "") + " " +
                     f(stroke ? st.width : 0) + (tok.back() == '*' ? " evenodd" : " nonzero");
        for (const std::string& seg : segs) path_paint += seg;
      }
    } else if (tok == "J") {
      group_has_cap = true;
    } else if (tok == "BT") {
      text_state = st;
    } else if (tok == "Tf") {
      tsize = num(1);
    } else if (tok == "Td") {
      tx = num(2);
      ty = num(1);
    } else if (tok == "Tj") {
      text_hex = operands.back();
    }
    operands.clear();
  }
  ops.push_back("end");
  return ops;
}

// Paths in the recording format put cap/join/fill rule in a fixed order;
// the stream reader above cannot see caps, so compare paths without them.
std::string without_caps(std::string op) {
  size_t cap = op.find(" cap=");
  if (op.rfind("path ", 0) != 0 || cap == std::string::npos) return op;
  size_t rule = op.find(" evenodd") != std::string::npos ? op.find(" evenodd") : op.find(" nonzero");
  return op.substr(0, cap) + op.substr(rule);
}

std::vector<std::string> normalise(const std::vector<std::string>& ops) {
  std::vector<std::string> out;
  for (const std::string& op : ops) out.push_back(without_caps(op));
  return out;
}

// Ops equal up to 0.011 on numbers: libharu writes single-precision reals,
// which may round the other way at the second decimal.
bool same_op(const std::string& a, const std::string& b) {
  auto split = [](const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
      if (c == ' ' || c == ',') {
        out.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    out.push_back(cur);
    return out;
  };
  std::vector<std::string> x = split(a), y = split(b);
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i) {
    if (x[i] == y[i]) continue;
    // Numbers, possibly after a one-letter path command.
    std::string p = x[i], q = y[i];
    if (!p.empty() && !q.empty() && p[0] == q[0] && std::isalpha(static_cast<unsigned char>(p[0]))) {
      p = p.substr(1);
      q = q.substr(1);
    }
    char* e1 = nullptr;
    char* e2 = nullptr;
    double u = std::strtod(p.c_str(), &e1), v = std::strtod(q.c_str(), &e2);
    if (p.empty() || q.empty() || *e1 || *e2 || std::fabs(u - v) > 0.011) return false;
  }
  return true;
}

// The first difference of two op lists, or "" when they agree.
std::string first_difference(const std::vector<std::string>& seen, const std::vector<std::string>& want) {
  for (size_t i = 0; i < std::max(seen.size(), want.size()); ++i) {
    std::string a = i < seen.size() ? seen[i] : "<none>", b = i < want.size() ? want[i] : "<none>";
    if (!same_op(a, b)) return "op " + std::to_string(i) + ": pdf has '" + a + "', drawing has '" + b + "'";
  }
  return "";
}

std::vector<std::pair<std::string, ChartDrawing>> drawings() {
  Project p = samples::project();
  Style s = samples::style();
  Pictogram cesp;
  Diagnostic err;
  DiskFileSystem fs(BILAN_SOURCE_DIR);
  load_pictogram(fs, "assets/pictos/cesp.svg", &cesp, &err);
  return {{"bars", layout_chart(samples::bars_targets(), p, s, 250, 180)},
          {"bars-estimate", layout_chart(samples::bars_estimate(), p, s, 250, 180)},
          {"comparison", layout_chart(samples::comparison(), p, s, 250, 180)},
          {"cumulative", layout_chart(samples::cumulative(), p, s, 250, 180)},
          {"grouped", layout_chart(samples::grouped(), p, s, 250, 180)},
          {"ranking", layout_ranking(samples::ranking_items(), samples::ranking_spec(), s, 250, 180)},
          {"key-figure", layout_key_figure(p.measures[0], samples::cesp_figures(), &cesp, s, 250, 80)}};
}

}  // namespace

TEST_CASE("the PDF draws exactly the operations of the drawing") {
  for (const auto& [name, d] : drawings()) {
    INFO(name);
    TestPdf pdf;
    RecordingCanvas rec;
    draw(d, &rec);
    draw_chart(pdf.page, d, kX, kYTop, pdf.fonts);
    CHECK(pdf.errors.empty());
    std::vector<std::string> seen = ops_from_pdf(pdf.content(), d, rec.ops(), pdf.fonts);
    CHECK(first_difference(normalise(seen), normalise(rec.ops())) == "");
  }
}

TEST_CASE("SVG and PDF canvases are driven by the same operation list") {
  // Both backends are a Canvas walked by draw(); recording what each is
  // asked to do gives one list.
  struct Tee : Canvas {
    Canvas* a;
    RecordingCanvas rec;
    explicit Tee(Canvas* c) : a(c) {}
    void begin(const ChartDrawing& d) override { a->begin(d), rec.begin(d); }
    void rect(const DrawRect& r, const Hatch* h) override { a->rect(r, h), rec.rect(r, h); }
    void line(const DrawLine& l) override { a->line(l), rec.line(l); }
    void text(const DrawText& t) override { a->text(t), rec.text(t); }
    void path(const DrawPath& p) override { a->path(p), rec.path(p); }
    void end() override { a->end(), rec.end(); }
  };
  for (const auto& [name, d] : drawings()) {
    TestPdf pdf;
    PdfCanvas pdf_canvas(pdf.page, kX, kYTop, pdf.fonts);
    Tee to_pdf(&pdf_canvas);
    draw(d, &to_pdf);
    RecordingCanvas direct;
    draw(d, &direct);
    CHECK(to_pdf.rec.ops() == direct.ops());
    CHECK(pdf.errors.empty());
  }
}

TEST_CASE("text hooks replace the font handles") {
  ChartDrawing d = layout_chart(samples::comparison(), samples::project(), samples::style(), 250, 180);
  TestPdf pdf;
  std::vector<std::string> drawn;
  ChartFonts hooks;
  hooks.width = [](std::string_view text, double size, bool) { return text.size() * size / 2; };
  hooks.draw = [&](std::string_view text, double size, bool bold, double x, double y) {
    drawn.push_back(std::string(text) + " " + f(size) + (bold ? " bold " : " regular ") + f(x) + " " + f(y));
  };
  draw_chart(pdf.page, d, kX, kYTop, hooks);
  CHECK(pdf.errors.empty());
  // "214" is centred: its anchor minus half of 3 * 12.8 / 2.
  const DrawText* value = nullptr;
  for (const Primitive& p : d.items)
    if (auto* t = std::get_if<DrawText>(&p))
      if (t->text == "214") value = t;
  REQUIRE(value);
  std::string want = "214 12.8 bold " + f(kX + value->x - 3 * 12.8 / 4) + " " + f(kYTop - value->y);
  CHECK(std::find(drawn.begin(), drawn.end(), want) != drawn.end());
}

TEST_CASE("a chart page renders with poppler") {
  // Writes a page with every sample for a look with pdftoppm (not compared).
  TestPdf pdf;
  double y = 820;
  double x = 20;
  for (const auto& [name, d] : drawings()) {
    if (y - d.height < 20) {
      y = 820;
      x += 290;
    }
    draw_chart(pdf.page, d, x, y, pdf.fonts);
    y -= d.height + 14;
  }
  std::string bytes = pdf.bytes();
  CHECK(pdf.errors.empty());
  CHECK(bytes.rfind("%PDF-", 0) == 0);
  std::ofstream(std::string(BILAN_BINARY_DIR) + "/charts-sample.pdf", std::ios::binary) << bytes;
}
