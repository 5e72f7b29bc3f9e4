#include "support/french.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace bilan {

std::string format_number(double value, int max_decimals) {
  if (max_decimals < 0) max_decimals = 0;
  if (max_decimals > 6) max_decimals = 6;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", max_decimals, std::fabs(value));
  std::string digits(buf);
  std::string frac;
  if (auto dot = digits.find('.'); dot != std::string::npos) {
    frac = digits.substr(dot + 1);
    digits.resize(dot);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
  }
  std::string out;
  // "-0" is printed as "0".
  bool negative = value < 0 && (digits != "0" || !frac.empty());
  if (negative) out += "-";
  // Groups of three; French usage leaves four-digit numbers grouped too (1 800).
  size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  out += digits.substr(0, first);
  for (size_t i = first; i < digits.size(); i += 3) {
    out += kNarrowNbsp;
    out += digits.substr(i, 3);
  }
  if (!frac.empty()) out += "," + frac;
  return out;
}

std::string format_count(double value) {
  double millions = value / 1e6;
  if (std::fabs(value) >= 1e6 && std::fabs(millions * 10 - std::round(millions * 10)) < 1e-9) {
    std::string n = format_number(millions, 1);
    return n + std::string(kNbsp) + (std::fabs(millions) < 2 ? "million" : "millions");
  }
  return format_number(value, 2);
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with(std::string_view s, size_t i, std::string_view p) {
  return s.size() >= i + p.size() && s.compare(i, p.size(), p) == 0;
}

// Words that are units when they follow a number.
bool is_unit_word(std::string_view w) {
  static const char* const kUnits[] = {"%", "€", "h", "km", "km²", "mn", "min", "m", "ans", "hab/km²"};
  for (const char* u : kUnits)
    if (w == u) return true;
  return false;
}

// Length of the word starting at i (up to a space or punctuation that ends it).
size_t word_length(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && s[j] != ' ' && s[j] != ',' && s[j] != '.' && s[j] != ')' && s[j] != ';' &&
         s[j] != '\n')
    ++j;
  return j - i;
}

}  // namespace

std::string french_spacing(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    // Only spaces and the guillemets change (« and » both start with the
    // byte 0xC2): the bytes up to the next of those are copied at once. Every
    // page's text goes through here.
    if (c != ' ' && c != '\xC2') {
      size_t j = s.find_first_of(" \xC2", i);
      if (j == std::string_view::npos) j = s.size();
      out.append(s.data() + i, j - i);
      i = j - 1;
      continue;
    }
    if (c == ' ') {
      size_t next = i + 1;
      // Space before ; ! ? -> narrow nbsp; before : -> nbsp.
      if (next < s.size() && (s[next] == ';' || s[next] == '!' || s[next] == '?')) {
        out += kNarrowNbsp;
        continue;
      }
      if (next < s.size() && s[next] == ':' && (next + 1 >= s.size() || s[next + 1] != '/')) {
        out += kNbsp;
        continue;
      }
      if (starts_with(s, next, "»")) {
        out += kNarrowNbsp;
        continue;
      }
      if (!out.empty() && out.size() >= 2 && out.compare(out.size() - 2, 2, "«") == 0) {
        out += kNarrowNbsp;
        continue;
      }
      // A space between digit groups: "1 200" (a group of exactly three digits follows).
      if (i > 0 && is_digit(s[i - 1]) && next + 3 <= s.size() && is_digit(s[next]) &&
          is_digit(s[next + 1]) && is_digit(s[next + 2]) &&
          (next + 3 == s.size() || !is_digit(s[next + 3]))) {
        // Only when the digits before are a group of 1-3 digits.
        size_t k = i;
        while (k > 0 && is_digit(s[k - 1])) --k;
        if (i - k <= 3) {
          out += kNarrowNbsp;
          continue;
        }
      }
      // Number followed by a unit.
      if (i > 0 && is_digit(s[i - 1]) && next < s.size() && is_unit_word(s.substr(next, word_length(s, next)))) {
        out += kNbsp;
        continue;
      }
      out += c;
      continue;
    }
    // « directly followed by a letter, or a letter directly followed by »: add the space.
    if (starts_with(s, i, "«")) {
      out += "«";
      i += 1;
      if (i + 1 < s.size() && s[i + 1] != ' ' && !starts_with(s, i + 1, kNarrowNbsp) &&
          !starts_with(s, i + 1, kNbsp))
        out += kNarrowNbsp;
      continue;
    }
    if (starts_with(s, i, "»")) {
      if (!out.empty() && out.back() != ' ' &&
          !(out.size() >= 3 && (out.compare(out.size() - 3, 3, kNarrowNbsp) == 0)) &&
          !(out.size() >= 2 && out.compare(out.size() - 2, 2, kNbsp) == 0))
        out += kNarrowNbsp;
      out += "»";
      i += 1;
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace bilan
