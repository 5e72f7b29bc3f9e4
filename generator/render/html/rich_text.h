// Rich text (Markdown already parsed into blocks of runs by load/) drawn as
// HTML. The text is escaped and French spacing applied; the only markup that
// comes out is the one the blocks describe, so content can never inject HTML.
#pragma once

#include <string>

#include "model/model.h"

namespace bilan {

/// HTML for `text`. Markdown heading level n becomes <h(n + heading_shift)>,
/// clamped to h2..h6 (h1 is the page title). Consecutive list items become one
/// list, nested by depth; consecutive quote blocks one <blockquote>. Links
/// whose target is not allowed (see is_allowed_link) are dropped, keeping
/// their text.
std::string rich_text_html(const RichText& text, int heading_shift = 0);

/// The text of the first paragraph, without markup (for meta descriptions),
/// cut at a word boundary to at most `max_bytes` bytes with "…" appended.
std::string rich_text_summary(const RichText& text, size_t max_bytes = 200);

}  // namespace bilan
