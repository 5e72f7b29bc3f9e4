// Markdown -> RichText with cmark-gfm. Raw HTML is dropped (cmark's safe
// default), links are limited to http, https, mailto and relative targets.
#pragma once

#include <string>
#include <vector>

#include "model/model.h"
#include "support/diagnostic.h"

namespace bilan {

/// Parses Markdown `text` that starts at `start` (its file and first line).
/// Problems (forbidden link schemes) are added to *diags with their line.
RichText parse_markdown(const std::string& text, const SourcePos& start, Diagnostics* diags);

/// Parses and splits at level-2 headings ("## Les enjeux"). Text before the
/// first heading becomes a section with an empty title (left out when empty).
std::vector<Section> parse_sections(const std::string& text, const SourcePos& start, Diagnostics* diags);

/// A Markdown file split into its YAML front matter and its body.
struct FrontMatter {
  bool present = false;
  std::string yaml;      ///< the YAML between the `---` lines
  int yaml_line = 0;     ///< 0-based line offset of the YAML in the file
  std::string body;      ///< the Markdown after the closing `---`
  int body_line = 1;     ///< 1-based line where the body starts
};

/// Splits `text`. A file that opens with `---` but never closes it sets *err.
FrontMatter split_front_matter(const std::string& text, std::string* err);

/// True when a link target is allowed: http(s), mailto, or relative/fragment.
bool is_allowed_link(const std::string& url);

}  // namespace bilan
