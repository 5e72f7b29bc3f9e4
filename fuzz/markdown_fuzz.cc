// libFuzzer target: the Markdown path. The input is a whole Markdown file:
// split into front matter and body, the body parsed as one text and as
// `## ` sections (cmark-gfm underneath). Checks the contracts the renderers
// rely on: no raw HTML survives, and every link kept is an allowed one.
#include <cstddef>
#include <cstdint>
#include <string>

#include "load/markdown.h"

namespace {

void check_blocks(const bilan::RichText& text) {
  for (const auto& block : text.blocks)
    for (const auto& run : block.runs)
      if (!run.link.empty() && !bilan::is_allowed_link(run.link)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  bilan::Diagnostics diags;
  std::string err;
  bilan::FrontMatter fm = bilan::split_front_matter(text, &err);
  // The body is a suffix of the file, and starts on a line of it.
  if (fm.body.size() > text.size() || fm.body_line < 1) __builtin_trap();
  const bilan::SourcePos start{"content/x.md", fm.body_line, 1};
  check_blocks(bilan::parse_markdown(fm.body, start, &diags));
  for (const auto& section : bilan::parse_sections(fm.body, start, &diags)) check_blocks(section.text);
  for (const auto& d : diags)
    if (d.pos.line < fm.body_line) __builtin_trap();  // diagnostics point into the body
  return 0;
}
