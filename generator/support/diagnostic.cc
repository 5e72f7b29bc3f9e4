#include "support/diagnostic.h"

#include <fmt/format.h>

#include <algorithm>

namespace bilan {

std::string location_prefix(const SourcePos& pos) {
  if (pos.file.empty()) return "";
  if (pos.line <= 0) return pos.file + ": ";
  if (pos.column <= 0) return fmt::format("{}:{}: ", pos.file, pos.line);
  return fmt::format("{}:{}:{}: ", pos.file, pos.line, pos.column);
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
  std::string text = source->substr(start, end - start);
  if (!text.empty() && text.back() == '\r') text.pop_back();
  // Long lines are cut so the caret stays on screen.
  if (text.size() > 160) text = text.substr(0, 160) + "...";
  out += "    " + text + "\n";
  // The caret sits under the column, counted in bytes; tabs are kept so it lines up.
  std::string pad = "    ";
  int col = d.pos.column > 0 ? d.pos.column : 1;
  for (int i = 0; i + 1 < col && i < static_cast<int>(text.size()); ++i)
    pad += text[i] == '\t' ? '\t' : ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80 ? '\0' : ' ');
  pad.erase(std::remove(pad.begin(), pad.end(), '\0'), pad.end());
  out += pad + "^\n";
  return out;
}

}  // namespace bilan
