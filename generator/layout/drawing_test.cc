#include "layout/drawing.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <string>

#include "support/french.h"

using namespace bilan;

TEST_CASE("text_width uses Marianne's advance widths") {
  // "2016": "1" is 462/1000 em, the other digits 600.
  CHECK(text_width("2016", 10, false) == Approx(22.62));
  CHECK(text_width("W", 10, true) == Approx(10.72));
  // Accented letters measure as their base letter.
  CHECK(text_width("é", 10, false) == Approx(text_width("e", 10, false)));
  // The narrow no-break space of French numbers is narrow.
  CHECK(text_width("1" + std::string(kNarrowNbsp) + "800", 10, false) == Approx(4.62 + 1.35 + 18));
}

TEST_CASE("wrap_text breaks at spaces within the width") {
  CHECK(wrap_text("projection fin 2015", 8, false, 50) == std::vector<std::string>{"projection", "fin 2015"});
  CHECK(wrap_text("2016", 8, false, 5) == std::vector<std::string>{"2016"});
  CHECK(wrap_text("", 8, false, 50).empty());
  CHECK(wrap_text("  a   b ", 8, false, 500) == std::vector<std::string>{"a b"});
}

TEST_CASE("find_collisions reports overlapping texts and texts partly over bars") {
  ChartDrawing d;
  d.width = 100;
  d.height = 50;
  DrawText a;
  a.x = 10;
  a.y = 20;
  a.text = "1234";
  a.size = 8;
  DrawText b = a;
  b.x = 20;  // "1234" is 19.2 wide: overlaps a
  DrawText c = a;
  c.x = 60;
  DrawRect bar;
  bar.x = 55;
  bar.y = 18;
  bar.w = 10;
  bar.h = 30;
  bar.fill = "#000000";
  DrawRect badge;  // fully around c: intended
  badge.x = 0;
  badge.y = 0;
  badge.w = 1;
  badge.h = 1;
  d.items = {a, b, c, bar};
  auto found = find_collisions(d);
  REQUIRE(found.size() == 2);
  CHECK(found[0] == std::pair<size_t, size_t>{0, 1});
  CHECK(found[1] == std::pair<size_t, size_t>{2, 3});

  DrawRect around;
  around.x = 50;
  around.y = 5;
  around.w = 40;
  around.h = 30;
  around.fill = "#ffffff";
  d.items = {around, c};
  CHECK(find_collisions(d).empty());

  DrawText outside = a;
  outside.x = 95;
  d.items = {outside};
  CHECK(find_collisions(d) == std::vector<std::pair<size_t, size_t>>{{0, 0}});
}

TEST_CASE("hatch_lines stay inside their rectangle at the pattern's spacing") {
  Hatch h;
  h.id = "h0";
  h.color = "#000000";
  h.spacing = 4;
  h.angle = 45;
  auto lines = hatch_lines(h, 10, 20, 30, 40);
  REQUIRE(lines.size() > 5);
  double c = std::cos(M_PI / 4), s = std::sin(M_PI / 4);
  for (const DrawLine& l : lines) {
    for (auto [x, y] : {std::pair<double, double>{l.x1, l.y1}, {l.x2, l.y2}}) {
      CHECK(x >= 10 - 1e-9);
      CHECK(x <= 40 + 1e-9);
      CHECK(y >= 20 - 1e-9);
      CHECK(y <= 60 + 1e-9);
    }
    // Both ends on the same line of the family p·n = k·spacing.
    double u1 = l.x1 * c + l.y1 * s, u2 = l.x2 * c + l.y2 * s;
    CHECK(u1 == Approx(u2));
    CHECK(std::fabs(u1 / 4 - std::round(u1 / 4)) < 1e-6);
  }
  // Consecutive lines one spacing apart.
  double u0 = lines[0].x1 * c + lines[0].y1 * s, u1 = lines[1].x1 * c + lines[1].y1 * s;
  CHECK(u1 - u0 == Approx(4));
}

TEST_CASE("colours") {
  CHECK(tint("#000000", 0.5) == "#808080");
  CHECK(tint("#e4794a", 0) == "#e4794a");
  CHECK(tint("#e4794a", 1) == "#ffffff");
  double r, g, b;
  CHECK_FALSE(parse_color("red", &r, &g, &b));
  CHECK_FALSE(parse_color("#12345g", &r, &g, &b));
  REQUIRE(parse_color("#FF8000", &r, &g, &b));
  CHECK(r == 1);
  CHECK(g == Approx(128 / 255.0));
}

TEST_CASE("format_coord") {
  CHECK(format_coord(1.0) == "1");
  CHECK(format_coord(1.005) == "1");  // binary 1.00499..., rounded down
  CHECK(format_coord(2.5) == "2.5");
  CHECK(format_coord(-0.001) == "0");
  CHECK(format_coord(123.456) == "123.46");
}

// format_coord does not call printf: it must still give printf's bytes,
// exact ties (0.125, 0.375: to even) and their neighbours included.
TEST_CASE("format_coord gives the bytes of printf with two decimals, trimmed") {
  auto printf_coord = [](double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s(buf);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    if (s == "-0") s = "0";
    return s;
  };
  CHECK(format_coord(0.125) == "0.12");
  CHECK(format_coord(0.375) == "0.38");
  CHECK(format_coord(-0.005) == "-0.01");
  int wrong = 0;
  for (int k = -20000; k <= 20000; ++k) {
    for (double v : {k / 1000.0, k / 8.0, k * 0.005, k * 0.125 + 0.005, k * 1.37e-3, k * 7919.123}) {
      for (double w : {v, std::nextafter(v, 1e300), std::nextafter(v, -1e300)})
        if (format_coord(w) != printf_coord(w)) ++wrong;
    }
  }
  CHECK(wrong == 0);
  CHECK(format_coord(1e13) == printf_coord(1e13));
  CHECK(format_coord(-3e15) == printf_coord(-3e15));
}

TEST_CASE("draw walks the primitives in order and resolves hatches") {
  ChartDrawing d;
  d.width = 10;
  d.height = 20;
  d.hatches.push_back(Hatch{"h0", "#111111", 4, 1, 45});
  DrawRect r;
  r.w = r.h = 5;
  r.fill = "#ffffff";
  r.hatch = "h0";
  DrawLine l;
  l.x2 = 3;
  l.stroke = "#000000";
  DrawText t;
  t.text = "a";
  t.color = "#000000";
  d.items = {r, l, t};
  RecordingCanvas rec;
  draw(d, &rec);
  CHECK(rec.ops() == std::vector<std::string>{
                         "begin 10 20 hatch(h0 #111111 4 1 45)",
                         "rect 0 0 5 5 fill=#ffffff stroke= 0 dash=0 hatch=h0",
                         "line 0 0 3 0 stroke=#000000 1 dash=0",
                         "text 0 0 8 regular start #000000 a",
                         "end",
                     });
}
