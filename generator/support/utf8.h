#pragma once

#include <cstddef>
#include <string_view>

namespace bilan {

/// Returns true when `text` is valid UTF-8 (no overlongs, no surrogates, no
/// code points above U+10FFFF). Otherwise sets *bad to the offset of the
/// first byte of the first invalid sequence.
bool is_valid_utf8(std::string_view text, size_t* bad);

/// 1-based line and column (in bytes) of `offset` in `text`.
void line_column(std::string_view text, size_t offset, int* line, int* column);

/// Decodes the code point at text[*i] and advances *i; returns U+FFFD on
/// invalid input (advancing one byte).
char32_t next_code_point(std::string_view text, size_t* i);

/// Appends the UTF-8 encoding of `cp` to *out.
void append_utf8(char32_t cp, std::string* out);

}  // namespace bilan
