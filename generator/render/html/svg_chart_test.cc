#include "render/html/svg_chart.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "layout/chart.h"
#include "layout/chart_test_samples.h"
#include "layout/pictogram.h"
#include "support/fs.h"

using namespace bilan;

namespace {

// The drawings kept as golden files in tests/golden/charts/, at a web column size.
std::map<std::string, ChartDrawing> golden_drawings() {
  Project p = samples::project();
  Style s = samples::style();
  std::map<std::string, ChartDrawing> out;
  out["bars"] = layout_chart(samples::bars_targets(), p, s, 480, 260);
  out["bars-estimate"] = layout_chart(samples::bars_estimate(), p, s, 480, 260);
  out["comparison"] = layout_chart(samples::comparison(), p, s, 320, 240);
  out["cumulative"] = layout_chart(samples::cumulative(), p, s, 480, 260);
  out["cumulative-dated"] = layout_chart(samples::cumulative_dated(), p, s, 320, 240);
  out["grouped"] = layout_chart(samples::grouped(), p, s, 480, 260);
  out["escaping"] = layout_chart(samples::escaping(), p, s, 320, 200);
  out["ranking"] = layout_ranking(samples::ranking_items(), samples::ranking_spec(), s, 480, 260);
  Pictogram cesp;
  Diagnostic err;
  DiskFileSystem fs(BILAN_SOURCE_DIR);
  if (!load_pictogram(fs, "assets/pictos/cesp.svg", &cesp, &err)) FAIL(err.message);
  out["key-figure"] = layout_key_figure(p.measures[0], samples::cesp_figures(), &cesp, s, 260, 90);
  out["highlight"] = layout_highlight(samples::highlight(), &p.measures[0], nullptr, s, 260, 90);
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Reads our own SVG output back into the RecordingCanvas format, so that the
// test sees what the SVG really shows, not what the canvas was told.
std::string attr(const std::string& element, const std::string& name) {
  std::smatch m;
  std::regex re(" " + name + "=\"([^\"]*)\"");
  return std::regex_search(element, m, re) ? m[1].str() : "";
}

std::string unescape(std::string s) {
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}}) {
    size_t at = 0;
    while ((at = s.find(from, at)) != std::string::npos) {
      s.replace(at, from.size(), to);
      at += to.size();
    }
  }
  return s;
}

std::string or_zero(const std::string& s) { return s.empty() ? "0" : s; }
std::string no_none(const std::string& s) { return s == "none" ? "" : s; }

std::vector<std::string> ops_from_svg(const std::string& svg, const std::string& id) {
  std::vector<std::string> ops;
  std::istringstream in(svg);
  std::string line, pending_fill, pending_box;
  bool have_pending = false;
  while (std::getline(in, line)) {
    if (line.rfind("<svg ", 0) == 0) {
      std::string box = attr(line, "viewBox");
      ops.push_back("begin " + box.substr(4));
    } else if (line.rfind("<pattern ", 0) == 0) {
      std::string pid = attr(line, "id").substr(id.size() + 1);
      std::string rotate = attr(line, "patternTransform");
      std::string angle = rotate.substr(7, rotate.size() - 8);
      ops[0] += " hatch(" + pid + " " + attr(line.substr(line.find("<line")), "stroke") + " " + attr(line, "width") +
                " " + attr(line.substr(line.find("<line")), "stroke-width") + " " + angle + ")";
    } else if (line.rfind("<rect ", 0) == 0) {
      std::string fill = attr(line, "fill");
      std::string box = attr(line, "x") + " " + attr(line, "y") + " " + attr(line, "width") + " " + attr(line, "height");
      if (fill.rfind("url(#", 0) == 0) {
        // The hatch layer, after the fill it goes over.
        std::string hatch = fill.substr(5 + id.size() + 1, fill.size() - 5 - id.size() - 2);
        bool merge = have_pending && pending_box == box;
        std::string under = merge ? pending_fill : "";
        if (merge) ops.pop_back();
        ops.push_back("rect " + box + " fill=" + under + " stroke=" + attr(line, "stroke") + " " +
                      or_zero(attr(line, "stroke-width")) + " dash=" + or_zero(attr(line, "stroke-dasharray")) +
                      " hatch=" + hatch);
        have_pending = false;
        continue;
      }
      ops.push_back("rect " + box + " fill=" + no_none(fill) + " stroke=" + attr(line, "stroke") + " " +
                    or_zero(attr(line, "stroke-width")) + " dash=" + or_zero(attr(line, "stroke-dasharray")) +
                    " hatch=");
      pending_fill = fill;
      pending_box = box;
      have_pending = attr(line, "stroke").empty();
      continue;
    } else if (line.rfind("<line ", 0) == 0) {
      ops.push_back("line " + attr(line, "x1") + " " + attr(line, "y1") + " " + attr(line, "x2") + " " +
                    attr(line, "y2") + " stroke=" + attr(line, "stroke") + " " + attr(line, "stroke-width") +
                    " dash=" + or_zero(attr(line, "stroke-dasharray")));
    } else if (line.rfind("<text ", 0) == 0) {
      std::string anchor = attr(line, "text-anchor");
      size_t open = line.find('>'), close = line.rfind("</text>");
      ops.push_back("text " + attr(line, "x") + " " + attr(line, "y") + " " + attr(line, "font-size") +
                    (attr(line, "font-weight") == "bold" ? " bold " : " regular ") +
                    (anchor.empty() ? "start" : anchor) + " " + attr(line, "fill") + " " +
                    unescape(line.substr(open + 1, close - open - 1)));
    } else if (line.rfind("<path ", 0) == 0) {
      std::string cap = attr(line, "stroke-linecap"), join = attr(line, "stroke-linejoin");
      std::string op = "path fill=" + no_none(attr(line, "fill")) + " stroke=" + attr(line, "stroke") + " " +
                       or_zero(attr(line, "stroke-width")) +
                       " cap=" + (cap == "round" ? "1" : cap == "square" ? "2" : "0") +
                       " join=" + (join == "round" ? "1" : join == "bevel" ? "2" : "0") +
                       (attr(line, "fill-rule") == "evenodd" ? " evenodd" : " nonzero");
      // "M1 2 L3 4 C..." -> " M1,2 L3,4 C..,.. ..,.. ..,.."
      std::istringstream d(attr(line, "d"));
      std::string tok;
      while (d >> tok) {
        char c = tok[0];
        if (c == 'Z') {
          op += " Z";
          continue;
        }
        int pairs = c == 'C' ? 3 : 1;
        op += " " + std::string(1, c);
        std::string first = tok.substr(1);
        for (int k = 0; k < pairs; ++k) {
          std::string x = k == 0 ? first : "", y;
          if (k > 0) d >> x;
          d >> y;
          op += (k > 0 ? " " : "") + x + "," + y;
        }
      }
      ops.push_back(op);
    } else if (line == "</svg>") {
      ops.push_back("end");
    }
    have_pending = false;
  }
  return ops;
}

}  // namespace

TEST_CASE("chart SVGs match the golden files in tests/golden/charts") {
  bool update = std::getenv("BILAN_UPDATE_GOLDEN") && std::string(std::getenv("BILAN_UPDATE_GOLDEN")) == "1";
  for (const auto& [name, drawing] : golden_drawings()) {
    std::string svg = chart_svg(drawing, name);
    std::string path = std::string(BILAN_SOURCE_DIR) + "/tests/golden/charts/" + name + ".svg";
    if (update) {
      std::ofstream(path, std::ios::binary) << svg;
      continue;
    }
    INFO(path << " differs; run with BILAN_UPDATE_GOLDEN=1 to rewrite it, then review the diff");
    CHECK(svg == read_file(path));
  }
}

TEST_CASE("the SVG shows exactly the operations of the drawing") {
  for (const auto& [name, drawing] : golden_drawings()) {
    INFO(name);
    RecordingCanvas rec;
    draw(drawing, &rec);
    CHECK(ops_from_svg(chart_svg(drawing, name), name) == rec.ops());
  }
}

TEST_CASE("the SVG is accessible: role, title and description") {
  ChartDrawing d = layout_chart(samples::bars_targets(), samples::project(), samples::style(), 480, 260);
  std::string svg = chart_svg(d, "msp-chart");
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 480 260\"", 0) == 0);
  CHECK(svg.find(" role=\"img\" aria-labelledby=\"msp-chart-title msp-chart-desc\"") != std::string::npos);
  CHECK(svg.find("<title id=\"msp-chart-title\">Nombre de maisons de santé pluriprofessionnelles</title>") !=
        std::string::npos);
  CHECK(svg.find("<desc id=\"msp-chart-desc\">Diagramme en barres (MSP). 2013 : 370 ;") != std::string::npos);
}

TEST_CASE("text from YAML is escaped, and nothing can script") {
  ChartDrawing d = layout_chart(samples::escaping(), samples::project(), samples::style(), 320, 200);
  std::string svg = chart_svg(d, "x");
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("<2013>") == std::string::npos);
  CHECK(svg.find("Titre &lt;b&gt;gras&lt;/b&gt; &amp; &quot;guillemets&quot; &#39;simples&#39;") != std::string::npos);
  CHECK(svg.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
  CHECK(svg.find("A &amp; B") != std::string::npos);
  // Control characters, which XML forbids, are dropped.
  ChartDrawing bad;
  bad.width = bad.height = 10;
  bad.title = std::string("a\x01") + "b";
  CHECK(chart_svg(bad, "y").find("<title id=\"y-title\">ab</title>") != std::string::npos);
}

TEST_CASE("ids are unique per chart and safe") {
  ChartDrawing d = layout_chart(samples::bars_targets(), samples::project(), samples::style(), 480, 260);
  std::string a = chart_svg(d, "a"), b = chart_svg(d, "b");
  CHECK(a.find("<pattern id=\"a-h0\"") != std::string::npos);
  CHECK(a.find("fill=\"url(#a-h0)\"") != std::string::npos);
  CHECK(b.find("<pattern id=\"b-h0\"") != std::string::npos);
  CHECK(b.find("a-h0") == std::string::npos);
  CHECK(svg_id("msp-2012") == "msp-2012");
  CHECK(svg_id("2012") == "chart-2012");
  CHECK(svg_id("a\" onload=\"x") == "a--onload--x");
  CHECK(svg_id("") == "chart-");
}
