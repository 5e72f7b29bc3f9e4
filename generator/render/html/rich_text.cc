#include "render/html/rich_text.h"

#include <algorithm>
#include <vector>

#include "render/html/escape.h"
#include "support/french.h"

namespace bilan {

namespace {

std::string run_html(const Run& run) {
  std::string s = escape_html(french_spacing(run.text));
  if (run.italic) s = "<em>" + s + "</em>";
  if (run.bold) s = "<strong>" + s + "</strong>";
  return s;
}

// Runs in order; consecutive runs with the same link share one <a>.
std::string runs_html(const std::vector<Run>& runs) {
  std::string out;
  for (size_t i = 0; i < runs.size();) {
    const std::string& link = runs[i].link;
    if (link.empty() || !is_allowed_link(link)) {
      out += run_html(runs[i]);
      ++i;
      continue;
    }
    out += "<a href=\"" + escape_html(link) + "\">";
    while (i < runs.size() && runs[i].link == link) out += run_html(runs[i++]);
    out += "</a>";
  }
  return out;
}

bool is_item(const Block& b) { return b.kind == BlockKind::bullet || b.kind == BlockKind::numbered; }

// Open lists while walking the blocks: each entry is the tag of a list whose
// last <li> is still open.
class ListStack {
 public:
  explicit ListStack(std::string* out) : out_(out) {}

  void item(const Block& b) {
    size_t depth = static_cast<size_t>(std::max(1, b.level));
    const char* tag = b.kind == BlockKind::numbered ? "ol" : "ul";
    while (open_.size() > depth) close_one();
    if (open_.size() == depth && open_.back() != tag) close_one();
    if (open_.size() == depth) {
      *out_ += "</li>\n";
    }
    while (open_.size() < depth) {
      // An item deeper than the next level opens empty intermediate items.
      if (open_.size() + 1 < depth) {
        *out_ += std::string("<") + tag + "><li>";
        open_.push_back(tag);
        continue;
      }
      *out_ += std::string("<") + tag;
      if (b.kind == BlockKind::numbered && b.number > 1) *out_ += " start=\"" + std::to_string(b.number) + "\"";
      *out_ += ">\n";
      open_.push_back(tag);
    }
    *out_ += "<li>" + runs_html(b.runs);
  }

  void close_all() {
    while (!open_.empty()) close_one();
  }

 private:
  void close_one() {
    *out_ += "</li>\n</" + open_.back() + ">";
    open_.pop_back();
    *out_ += open_.empty() ? "\n" : "";
  }

  std::string* out_;
  std::vector<std::string> open_;
};

}  // namespace

std::string rich_text_html(const RichText& text, int heading_shift) {
  std::string out;
  ListStack lists(&out);
  bool in_quote = false;
  for (const Block& b : text.blocks) {
    if (!is_item(b)) lists.close_all();
    if (b.kind != BlockKind::quote && in_quote) {
      out += "</blockquote>\n";
      in_quote = false;
    }
    switch (b.kind) {
      case BlockKind::paragraph:
        out += "<p>" + runs_html(b.runs) + "</p>\n";
        break;
      case BlockKind::heading: {
        int level = std::clamp(b.level + heading_shift, 2, 6);
        std::string tag = "h" + std::to_string(level);
        out += "<" + tag + ">" + runs_html(b.runs) + "</" + tag + ">\n";
        break;
      }
      case BlockKind::quote:
        if (!in_quote) out += "<blockquote>\n";
        in_quote = true;
        out += "<p>" + runs_html(b.runs) + "</p>\n";
        break;
      case BlockKind::bullet:
      case BlockKind::numbered:
        lists.item(b);
        break;
    }
  }
  lists.close_all();
  if (in_quote) out += "</blockquote>\n";
  return out;
}

std::string rich_text_summary(const RichText& text, size_t max_bytes) {
  std::string s;
  for (const Block& b : text.blocks) {
    if (b.kind == BlockKind::heading) continue;
    for (const Run& r : b.runs) s += r.text;
    break;
  }
  s = french_spacing(s);
  if (s.size() <= max_bytes) return s;
  size_t cut = s.rfind(' ', max_bytes);
  if (cut == std::string::npos || cut == 0) {
    cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  }
  s.resize(cut);
  while (!s.empty() && (s.back() == ',' || s.back() == ' ' || s.back() == ';' || s.back() == ':')) s.pop_back();
  return s + "…";
}

}  // namespace bilan
