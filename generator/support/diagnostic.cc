#include "support/diagnostic.h"

#include <fmt/format.h>

#include <algorithm>

#include "support/utf8.h"

namespace bilan {

std::string location_prefix(const SourcePos& pos) {
  if (pos.file.empty()) return "";
  if (pos.line <= 0) return pos.file + ": ";
  if (pos.column <= 0) return fmt::format("{}:{}: ", pos.file, pos.line);
  return fmt::format("{}:{}:{}: ", pos.file, pos.line, pos.column);
}

namespace {

constexpr size_t kQuoteWidth = 160;  // bytes of a line shown around the column

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// A code point boundary at or before `i`.
size_t boundary(std::string_view s, size_t i) {
  while (i > 0 && i < s.size() && is_continuation(static_cast<unsigned char>(s[i]))) --i;
  return i;
}

}  // namespace

std::string quote_line(std::string_view line, size_t at) {
  // A long line is cut to a window around the column, marked with "...".
  size_t from = 0;
  if (line.size() > kQuoteWidth && at > kQuoteWidth / 2)
    from = boundary(line, std::min(at - kQuoteWidth / 2, line.size() - kQuoteWidth));
  size_t to = from + kQuoteWidth < line.size() ? boundary(line, from + kQuoteWidth) : line.size();
  std::string text = from > 0 ? "..." : "";
  std::string pad(text.size(), ' ');
  // Control characters (tab aside) and bytes that are not UTF-8 are shown as
  // U+FFFD: a content file must not send escape sequences to the terminal.
  for (size_t i = from; i < to;) {
    size_t cp_start = i;
    char32_t cp = next_code_point(line, &i);
    bool bad = (cp < 0x20 && cp != '\t') || (cp >= 0x7f && cp <= 0x9f) || cp == 0xFFFD;
    if (bad) text += "\xEF\xBF\xBD";
    else text.append(line.data() + cp_start, i - cp_start);
    // The caret counts characters, not bytes; tabs are kept so it lines up.
    if (cp_start < at) pad += cp == '\t' ? '\t' : ' ';
  }
  if (to < line.size()) text += "...";
  return "    " + text + "\n    " + pad + "^\n";
}

std::string format_diagnostic(const Diagnostic& d, const std::string* source) {
  std::string out = "bilan: error: " + location_prefix(d.pos) + d.message + "\n";
  if (!source || d.pos.line <= 0) return out;
  size_t start = 0;
  for (int line = 1; line < d.pos.line; ++line) {
    start = source->find('\n', start);
    if (start == std::string::npos) return out;
    ++start;
  }
  size_t end = source->find('\n', start);
  if (end == std::string::npos) end = source->size();
  if (end > start && (*source)[end - 1] == '\r') --end;
  std::string_view line(source->data() + start, end - start);
  out += quote_line(line, d.pos.column > 0 ? static_cast<size_t>(d.pos.column - 1) : 0);
  return out;
}

}  // namespace bilan
