#include "scaffold/slug.h"

#include <fmt/format.h>

#include "support/utf8.h"

namespace bilan {

namespace {

// The ASCII letters of a Latin letter with diacritics, or "" for anything
// else. Covers Latin-1 and Latin Extended-A, which hold every letter of
// French and of the other languages of French place names (Breton, Basque,
// Occitan, Corsican, Alsatian).
std::string_view ascii_of(char32_t c) {
  static const char* const latin1[] = {
      // U+00C0 .. U+00FF; U+00D7 and U+00F7 are the signs × and ÷.
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};
  if (c >= 0xC0 && c <= 0xFF) return latin1[c - 0xC0];
  // Latin Extended-A: runs of one base letter in its forms and cases.
  struct Run {
    char32_t first, last;
    const char* ascii;
  };
  static const Run runs[] = {
      {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"}, {0x11C, 0x123, "g"},
      {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"}, {0x136, 0x138, "k"},
      {0x139, 0x142, "l"}, {0x143, 0x14B, "n"}, {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"},
      {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"}, {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
      {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"}};
  for (const auto& r : runs)
    if (c >= r.first && c <= r.last) return r.ascii;
  return {};
}

}  // namespace

std::string slugify(std::string_view name) {
  std::string out;
  bool pending_dash = false;
  size_t i = 0;
  while (i < name.size()) {
    char32_t c = next_code_point(name, &i);
    std::string piece;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) piece = static_cast<char>(c);
    else if (c >= 'A' && c <= 'Z') piece = static_cast<char>(c - 'A' + 'a');
    else piece = std::string(ascii_of(c));
    if (piece.empty()) {
      pending_dash = !out.empty();
      continue;
    }
    if (pending_dash) out += '-';
    pending_dash = false;
    out += piece;
  }
  return out;
}

std::string yaml_scalar(std::string_view text) {
  auto plain_ok = [&] {
    if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
    if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(text.front()) != std::string_view::npos) return false;
    if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos || text.back() == ':')
      return false;
    for (char c : text)
      if (static_cast<unsigned char>(c) < 0x20) return false;
    // Words YAML reads as something other than text.
    std::string lower;
    for (char c : text) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    for (const char* w : {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"})
      if (lower == w) return false;
    // Anything that starts like a number ("2016", "1e3", ".5", "+1").
    if ((text.front() >= '0' && text.front() <= '9') || text.front() == '.' || text.front() == '+') return false;
    return true;
  };
  if (plain_ok()) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    else out += c;
  }
  return out + "\"";
}

}  // namespace bilan
