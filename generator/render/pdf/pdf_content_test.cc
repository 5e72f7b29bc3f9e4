#include "render/pdf/pdf_content.h"

#include <catch2/catch.hpp>

#include <zlib.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "layout/drawing.h"

using namespace bilan;

namespace {

std::string number(double v, int decimals = 2) {
  std::string out;
  append_pdf_number(&out, v, decimals);
  return out;
}

void record_error(HPDF_STATUS code, HPDF_STATUS, void* data) {
  static_cast<std::vector<HPDF_STATUS>*>(data)->push_back(code);
}

}  // namespace

TEST_CASE("pdf numbers have at most the decimals asked, no trailing zeros", "[pdf]") {
  CHECK(number(785.1400146) == "785.14");
  CHECK(number(2.0) == "2");
  CHECK(number(0.5) == "0.5");
  CHECK(number(-3.456) == "-3.46");
  CHECK(number(-0.001) == "0");  // no "-0"
  CHECK(number(0.004999) == "0");
  CHECK(number(0.005001) == "0.01");
  CHECK(number(841.89) == "841.89");
  CHECK(number(1200) == "1200");
  CHECK(number(13.333333, 4) == "13.3333");
  CHECK(number(9.5, 4) == "9.5");
  CHECK(number(0.0862745, 3) == "0.086");
  CHECK(number(12.7, 0) == "13");
  CHECK(number(std::numeric_limits<double>::quiet_NaN()) == "0");
  CHECK(number(std::numeric_limits<double>::infinity()) == "0");
  CHECK(number(1e30) == "10000000000000");  // clamped, still a number
}

TEST_CASE("pdf colours read back as the 8-bit channels they were", "[pdf]") {
  std::string op;
  append_pdf_color(&op, "#161616", false);
  CHECK(op == "0.086 0.086 0.086 rg\n");
  op.clear();
  append_pdf_color(&op, "#000091", true);
  CHECK(op == "0 0 0.569 RG\n");
  for (int k = 0; k < 256; ++k) {
    std::string v = number(k / 255.0, 3);
    CHECK(std::lround(std::stod(v) * 255) == k);
  }
}

TEST_CASE("deflate_bytes gives zlib data that inflates back, the same each time", "[pdf]") {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += std::to_string(i * 7 % 613) + " " + std::to_string(i % 97) + ".5 l\n";
  std::string a, b;
  REQUIRE(deflate_bytes(text, 4, &a));
  REQUIRE(deflate_bytes(text, 4, &b));
  CHECK(a == b);
  CHECK(a.size() < text.size() / 2);
  std::string back(text.size(), '\0');
  uLongf length = static_cast<uLongf>(back.size());
  REQUIRE(uncompress(reinterpret_cast<Bytef*>(back.data()), &length, reinterpret_cast<const Bytef*>(a.data()),
                     static_cast<uLong>(a.size())) == Z_OK);
  CHECK(length == text.size());
  CHECK(back == text);
  std::string empty;
  REQUIRE(deflate_bytes("", 6, &empty));
  CHECK(!empty.empty());  // a valid, empty zlib stream
}

TEST_CASE("page content is appended only between libharu's own path and text objects", "[pdf]") {
  std::vector<HPDF_STATUS> errors;
  HPDF_Doc doc = HPDF_New(record_error, &errors);
  REQUIRE(doc);
  HPDF_SetCompressionMode(doc, HPDF_COMP_NONE);
  HPDF_Page page = HPDF_AddPage(doc);
  CHECK(append_page_content(page, "q\n1 0 0 rg\n10 10 20 20 re\nf\nQ\n"));
  HPDF_Page_MoveTo(page, 5, 5);  // a path of libharu's own is open
  CHECK_FALSE(append_page_content(page, "q\nQ\n"));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == HPDF_PAGE_INVALID_GMODE);
  HPDF_ResetError(doc);
  HPDF_Page_LineTo(page, 50, 50);
  HPDF_Page_Stroke(page);
  CHECK(append_page_content(page, "0.5 w\n"));
  HPDF_SaveToStream(doc);
  HPDF_UINT32 size = HPDF_GetStreamSize(doc);
  std::string pdf(size, '\0');
  HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(pdf.data()), &size);
  HPDF_Free(doc);
  // Written in order, once each: ours, then libharu's path, then ours.
  size_t ours = pdf.find("q\n1 0 0 rg\n10 10 20 20 re\nf\nQ\n");
  size_t path = pdf.find("5 5 m\n50 50 l\nS\n");
  size_t width = pdf.find("0.5 w\n");
  REQUIRE(ours != std::string::npos);
  REQUIRE(path != std::string::npos);
  REQUIRE(width != std::string::npos);
  CHECK(ours < path);
  CHECK(path < width);
  CHECK(pdf.find("q\nQ\n") == std::string::npos);
}
