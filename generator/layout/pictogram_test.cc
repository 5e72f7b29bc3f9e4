#include "layout/pictogram.h"

#include <catch2/catch.hpp>

#include "support/fs.h"

using namespace bilan;

namespace {

const char* kHead = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 48 48\" fill=\"currentColor\">\n";

// "file:line:col: message" of the first error in `svg`, or "ok".
std::string error_of(const std::string& svg) {
  Pictogram p;
  Diagnostic err;
  if (parse_pictogram(svg, "assets/pictos/x.svg", &p, &err)) return "ok";
  return location_prefix(err.pos) + err.message;
}

}  // namespace

TEST_CASE("the shipped pictograms are inside the subset") {
  DiskFileSystem fs(BILAN_SOURCE_DIR);
  for (const char* id : {"cesp", "ptmg", "mcs", "msp", "stages", "telemedecine", "referent", "coordination"}) {
    std::string path = std::string("assets/pictos/") + id + ".svg";
    INFO(path);
    Pictogram p;
    Diagnostic err;
    bool ok = load_pictogram(fs, path, &p, &err);
    INFO(location_prefix(err.pos) << err.message);
    REQUIRE(ok);
    CHECK(p.view_w == 48);
    CHECK(p.view_h == 48);
    CHECK(p.shapes.size() >= 2);
    for (const PictogramShape& s : p.shapes) CHECK((s.fill || s.stroke));
  }
}

TEST_CASE("shapes become paths: rect, rounded rect, circle, path") {
  Pictogram p;
  Diagnostic err;
  REQUIRE(parse_pictogram(std::string(kHead) +
                              "<!-- a comment -->\n"
                              "<title>Une &amp; deux</title>\n"
                              "<g stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\">\n"
                              "  <rect x=\"1\" y=\"2\" width=\"10\" height=\"20\"/>\n"
                              "  <rect x=\"0\" y=\"0\" width=\"10\" height=\"10\" rx=\"2\" fill=\"none\"/>\n"
                              "</g>\n"
                              "<circle cx=\"24\" cy=\"24\" r=\"4\"></circle>\n"
                              "<path d=\"M1,2 L3 4 5 6 C7 8 9 10 11 12 Z M0 0 L1 1\" fill-rule=\"evenodd\"/>\n"
                              "</svg>\n",
                          "x.svg", &p, &err));
  CHECK(p.title == "Une & deux");
  REQUIRE(p.shapes.size() == 4);
  const PictogramShape& rect = p.shapes[0];
  REQUIRE(rect.segments.size() == 5);
  CHECK(rect.segments[2].x == 11);
  CHECK(rect.segments[2].y == 22);
  CHECK(rect.fill);
  CHECK(rect.stroke);
  CHECK(rect.stroke_width == 2);
  CHECK(rect.cap == LineCap::round);
  const PictogramShape& rounded = p.shapes[1];
  CHECK(rounded.segments.size() == 10);
  CHECK_FALSE(rounded.fill);
  const PictogramShape& circle = p.shapes[2];
  REQUIRE(circle.segments.size() == 6);
  CHECK(circle.segments[0].x == 28);
  CHECK(circle.segments[1].kind == PathSegment::cubic);
  CHECK(circle.segments[1].x == 24);
  CHECK(circle.segments[1].y == 28);
  CHECK_FALSE(circle.stroke);  // the <g> stroke does not reach outside the group
  const PictogramShape& path = p.shapes[3];
  REQUIRE(path.segments.size() == 7);
  CHECK(path.segments[2].kind == PathSegment::line);  // implicit lineto after L
  CHECK(path.segments[2].x == 5);
  CHECK(path.segments[3].kind == PathSegment::cubic);
  CHECK(path.segments[3].x1 == 7);
  CHECK(path.segments[4].kind == PathSegment::close);
  CHECK(path.even_odd);
}

TEST_CASE("anything outside the subset is an error with its position") {
  CHECK(error_of(std::string(kHead) + "<ellipse cx=\"1\"/></svg>") ==
        "assets/pictos/x.svg:2:1: unsupported element <ellipse>");
  CHECK(error_of(std::string(kHead) + "<rect x=\"1\" transform=\"rotate(4)\"/></svg>") ==
        "assets/pictos/x.svg:2:13: unsupported attribute 'transform' on <rect>");
  CHECK(error_of(std::string(kHead) + "<path d=\"M1 1 a 2 2 0 0 1 4 4\"/></svg>") ==
        "assets/pictos/x.svg:2:15: unsupported path command 'a' (only absolute M, L, C and Z)");
  CHECK(error_of(std::string(kHead) + "<path d=\"M1 1 L2\"/></svg>") ==
        "assets/pictos/x.svg:2:17: expected a number in 'd'");
  CHECK(error_of(std::string(kHead) + "<rect width=\"1\" height=\"1\" fill=\"red\"/></svg>") ==
        "assets/pictos/x.svg:2:34: unsupported colour 'red' (only currentColor or none)");
  CHECK(error_of("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 4\">\n<circle r=\"1\"/></svg>") ==
        "assets/pictos/x.svg:2:1: <circle> has no fill: set fill=\"currentColor\" or fill=\"none\" on it or a parent");
  CHECK(error_of("<svg xmlns=\"http://www.w3.org/2000/svg\" fill=\"none\"></svg>") ==
        "assets/pictos/x.svg:1:1: <svg> needs a viewBox");
  CHECK(error_of("<g/>") == "assets/pictos/x.svg:1:1: the root element must be <svg>, not <g>");
  CHECK(error_of(std::string(kHead) + "<!-- open") == "assets/pictos/x.svg:2:1: unterminated comment");
  CHECK(error_of(std::string(kHead) + "<g></svg>") == "assets/pictos/x.svg:2:4: expected </g>");
  CHECK(error_of(std::string(kHead) + "hello</svg>") == "assets/pictos/x.svg:2:1: text is only allowed inside <title>");
  CHECK(error_of(std::string(kHead) + "<rect width=\"1\"/></svg>") ==
        "assets/pictos/x.svg:2:1: <rect> needs width and height");
  CHECK(error_of(std::string(kHead) + "<rect width=\"-1\" height=\"1\"/></svg>") ==
        "assets/pictos/x.svg:2:14: 'width' must not be negative");
  CHECK(error_of(std::string(kHead) + "<path d=\"L1 1\"/></svg>") ==
        "assets/pictos/x.svg:2:10: 'L' before any 'M'");
  CHECK(error_of(std::string(kHead) + "<title>a &nbsp; b</title></svg>") ==
        "assets/pictos/x.svg:2:10: unsupported entity (only &amp; &lt; &gt; &quot; &apos;)");
  CHECK(error_of(std::string(kHead) + "</svg> trailing") == "assets/pictos/x.svg:2:8: unexpected content after </svg>");
  CHECK(error_of(std::string(kHead) + "<rect width=\"1\" width=\"2\"/></svg>") ==
        "assets/pictos/x.svg:2:17: duplicate attribute 'width'");
  CHECK(error_of(std::string(kHead) + "<path d=\"M0x10 1\"/></svg>") ==
        "assets/pictos/x.svg:2:11: expected a number in 'd'");
}

TEST_CASE("a missing file is an error naming it") {
  MemoryFileSystem fs;
  Pictogram p;
  Diagnostic err;
  CHECK_FALSE(load_pictogram(fs, "assets/pictos/none.svg", &p, &err));
  CHECK(err.pos.file == "assets/pictos/none.svg");
  CHECK(err.message.rfind("cannot read pictogram: ", 0) == 0);
}

TEST_CASE("place_pictogram scales to the square, centred, in the given colour") {
  Pictogram p;
  Diagnostic err;
  REQUIRE(parse_pictogram("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"10 0 20 10\">"
                          "<rect x=\"10\" y=\"0\" width=\"20\" height=\"10\" fill=\"none\" stroke=\"currentColor\" "
                          "stroke-width=\"2\"/></svg>",
                          "x.svg", &p, &err));
  std::vector<Primitive> items;
  place_pictogram(p, 100, 200, 40, "#ce0500", &items);
  REQUIRE(items.size() == 1);
  const DrawPath& path = std::get<DrawPath>(items[0]);
  CHECK(path.fill.empty());
  CHECK(path.stroke == "#ce0500");
  CHECK(path.stroke_width == 4);  // scale 2
  // viewBox (10,0)-(30,10) -> 40 x 20, centred vertically in (100,200,40,40).
  CHECK(path.segments[0].x == 100);
  CHECK(path.segments[0].y == 210);
  CHECK(path.segments[2].x == 140);
  CHECK(path.segments[2].y == 230);
}
