#include "render/pdf/pdf_content.h"

#include <hpdf_consts.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <libdeflate.h>

#include <cmath>
#include <new>

#include "layout/drawing.h"

namespace bilan {

namespace {

// Writes `v` as append_pdf_number does into buf (32 chars at least);
// returns the length. Numbers are written by the hundred thousand for a map.
size_t format_number(char* buf, double v, int decimals) {
  static constexpr long long kScale[] = {1, 10, 100, 1000, 10000};
  if (decimals < 0) decimals = 0;
  if (decimals > 4) decimals = 4;
  const long long scale = kScale[decimals];
  double scaled = std::isfinite(v) ? v * static_cast<double>(scale) : 0.0;
  // Far beyond any page coordinate; keeps llround defined.
  constexpr double kLimit = 1e15;
  if (scaled > kLimit) scaled = kLimit;
  if (scaled < -kLimit) scaled = -kLimit;
  long long n = std::llround(scaled);
  size_t len = 0;
  if (n < 0) {
    buf[len++] = '-';
    n = -n;
  }
  long long whole = n / scale, fraction = n % scale;
  char digits[24];
  int count = 0;
  do {
    digits[count++] = static_cast<char>('0' + whole % 10);
    whole /= 10;
  } while (whole > 0);
  while (count > 0) buf[len++] = digits[--count];
  if (fraction == 0) return len;
  // The decimals with their leading zeros, then the trailing zeros dropped.
  for (int k = decimals - 1; k >= 0; --k) {
    digits[k] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  int last = decimals;
  while (last > 0 && digits[last - 1] == '0') --last;
  buf[len++] = '.';
  for (int k = 0; k < last; ++k) buf[len++] = digits[k];
  return len;
}

}  // namespace

void append_pdf_number(std::string* out, double v, int decimals) {
  char buf[32];
  out->append(buf, format_number(buf, v, decimals));
}

void append_pdf_point(std::string* out, double x, double y) {
  char buf[64];
  size_t len = format_number(buf, x, 2);
  buf[len++] = ' ';
  len += format_number(buf + len, y, 2);
  out->append(buf, len);
}

void append_pdf_color(std::string* out, const std::string& hex, bool stroke) {
  double c[3] = {0, 0, 0};
  if (!parse_color(hex, &c[0], &c[1], &c[2])) c[0] = c[1] = c[2] = 0;
  for (double v : c) {
    append_pdf_number(out, v, 3);
    out->push_back(' ');
  }
  out->append(stroke ? "RG\n" : "rg\n");
}

bool append_page_content(HPDF_Page page, std::string_view ops) {
  if (!HPDF_Page_Validate(page)) return false;
  auto* attr = static_cast<HPDF_PageAttr>(page->attr);
  if (attr->gmode != HPDF_GMODE_PAGE_DESCRIPTION) {
    HPDF_RaiseError(page->error, HPDF_PAGE_INVALID_GMODE, 0);
    return false;
  }
  if (ops.empty()) return true;
  return HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(ops.data()),
                           static_cast<HPDF_UINT>(ops.size())) == HPDF_OK;
}

bool deflate_bytes(std::string_view data, int level, std::string* out) {
  Deflater d(level);
  return d.compress(data, out);
}

Deflater::~Deflater() {
  if (state_) libdeflate_free_compressor(static_cast<libdeflate_compressor*>(state_));
}

bool Deflater::compress(std::string_view data, std::string* out) {
  if (!state_) state_ = libdeflate_alloc_compressor(level_);
  auto* c = static_cast<libdeflate_compressor*>(state_);
  if (!c) return false;
  out->resize(libdeflate_zlib_compress_bound(c, data.size()));
  size_t n = libdeflate_zlib_compress(c, data.data(), data.size(), out->data(), out->size());
  out->resize(n);
  return n != 0 || data.empty();
}

}  // namespace bilan
