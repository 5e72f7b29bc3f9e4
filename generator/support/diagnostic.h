// Errors as values: a message and where it applies. Printed like ninja:
//   bilan: error: content/regions/bretagne.yaml:14:9: unknown key 'populaton' (did you mean 'population'?)
//      populaton: 3200000
//      ^
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bilan {

/// Where something was written. Line and column are 1-based; line 0 means
/// "the whole file" and an empty file means "no file" (a command-line problem).
struct SourcePos {
  std::string file;  ///< path relative to the project folder ("content/regions/bretagne/region.yaml")
  int line = 0;      ///< 1-based line
  int column = 0;    ///< 1-based column, in bytes
};

struct Diagnostic {
  SourcePos pos;
  std::string message;  ///< short, lowercase, says what is wrong
};

using Diagnostics = std::vector<Diagnostic>;

/// "file:line:col: message" (parts that are unknown are left out).
std::string location_prefix(const SourcePos& pos);

/// The full report of one diagnostic: "bilan: error: file:line:col: message\n",
/// then, when `source` holds the file's text and the line exists, the line and
/// a caret under the column.
std::string format_diagnostic(const Diagnostic& d, const std::string* source);

/// The quoted line and caret lines of a report, for the byte offset `at` in
/// `line` (a line of a file, without its end). A line longer than 160 bytes is
/// cut to a window around `at`, marked with "..."; control characters and bytes
/// that are not UTF-8 are shown as U+FFFD, so no escape sequence of a content
/// file reaches the terminal.
std::string quote_line(std::string_view line, size_t at);

}  // namespace bilan
