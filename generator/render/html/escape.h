// HTML text and attribute escaping, and the rule for which link targets the
// site may carry. Everything that comes from content goes through these.
#pragma once

#include <string>
#include <string_view>

namespace bilan {

/// Escapes & < > " ' so that `text` is safe both as element text and as a
/// quoted attribute value.
std::string escape_html(std::string_view text);

/// True for link targets a page may carry: http:, https:, mailto:, and
/// relative references (no scheme, not protocol-relative "//host"). Anything
/// else (javascript:, data:, vbscript:, file:, ...) is refused. Scheme
/// comparison ignores case and leading spaces/control characters, as browsers do.
bool is_allowed_link(std::string_view target);

}  // namespace bilan
