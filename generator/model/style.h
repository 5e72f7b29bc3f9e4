// The look of the publications: colours, fonts, sizes and margins, read from
// assets/style.yaml so a team can change them without code. Backends look
// values up by name; a missing name is a load error, not a silent default.
#pragma once

#include <map>
#include <string>

#include "support/diagnostic.h"

namespace bilan {

struct FontFiles {
  std::string regular;      ///< TTF path relative to the project folder
  std::string bold;         ///< TTF path
  std::string italic;       ///< TTF path
  std::string bold_italic;  ///< TTF path
};

struct Style {
  FontFiles text_font;      ///< Marianne, generated at set-up from the DSFR woff2 files
  FontFiles fallback_font;  ///< DejaVu, for glyphs the text font lacks
  std::map<std::string, std::string> colors;  ///< name -> "#rrggbb" ("text", "accent", "target", ...)
  std::map<std::string, double> sizes;        ///< name -> value in PDF points ("body", "margin", ...)
  SourcePos pos;                               ///< the style file

  /// The colour or size called `name`; `fallback` when absent (callers that
  /// need a value to exist check `colors`/`sizes` at load time instead).
  const std::string& color(const std::string& name, const std::string& fallback) const {
    auto it = colors.find(name);
    return it == colors.end() ? fallback : it->second;
  }
  double size(const std::string& name, double fallback) const {
    auto it = sizes.find(name);
    return it == sizes.end() ? fallback : it->second;
  }
};

}  // namespace bilan
