#include "render/html/escape.h"

#include <cctype>

namespace bilan {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

bool is_allowed_link(std::string_view target) {
  // Browsers strip leading C0 controls and spaces, and tabs/newlines anywhere
  // in the scheme ("java\tscript:"); do the same before reading the scheme.
  std::string cleaned;
  for (char c : target) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 && cleaned.empty()) continue;
    if (c == '\t' || c == '\n' || c == '\r') continue;
    cleaned += c;
  }
  if (cleaned.empty()) return false;
  if (cleaned.size() >= 2 && (cleaned[0] == '/' || cleaned[0] == '\\') &&
      (cleaned[1] == '/' || cleaned[1] == '\\'))
    return false;  // protocol-relative: leaves the site with the page's scheme
  size_t end = cleaned.find_first_of(":/?#");
  if (end == std::string::npos || cleaned[end] != ':') return true;  // relative reference
  std::string scheme;
  for (size_t i = 0; i < end; ++i) scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(cleaned[i])));
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

}  // namespace bilan
