// The look of the PDF pages, read once from assets/style.yaml (model/style.h)
// into named fields, so that page code never carries a colour, a size or a
// margin of its own. A name missing from the style file is a diagnostic at
// assets/style.yaml, not a silent default.
#pragma once

#include <string>

#include "model/style.h"
#include "support/diagnostic.h"

namespace bilan {

/// Sizes are PDF points; colours "#rrggbb". Each field is the style key of
/// the same name (the colour `rule` is `rule_color` here, `rule` being a width).
struct PageStyle {
  // Page and margins. Even page numbers are left pages: their inner margin
  // is on the right.
  double page_width = 0, page_height = 0;
  double margin_top = 0, margin_bottom = 0, margin_inner = 0, margin_outer = 0;
  double column_gap = 0;    ///< between text columns and between side-by-side blocks
  // Type.
  double body = 0, leading = 0;         ///< running text
  double small = 0, small_leading = 0;  ///< captions, sources, boxes, départements
  double footer = 0;                    ///< page numbers and running titles
  double h1 = 0, h2 = 0, h3 = 0;        ///< headings, largest first
  double cover_title = 0, cover_subtitle = 0, ministry = 0;  ///< the cover
  double key_figure = 0;                ///< used for the size of a measure's pictogram on covers
  // Spacing.
  double paragraph_space = 0;  ///< between paragraphs
  double item_space = 0;       ///< between list items
  double bullet_indent = 0;    ///< text start of a list item, per level
  double box_padding = 0;      ///< inside boxes and title bands
  double block_space = 0;      ///< between blocks of a page (band, text, figures)
  double rule = 0;             ///< width of rules
  double accent_rule = 0;      ///< thickness of the short red rule under titles
  // Blocks.
  double key_figure_height = 0;  ///< one CHIFFRES CLÉS block
  double highlight_height = 0;   ///< one big-number block of the national pages
  double chart_height = 0;       ///< a chart
  double ranking_height = 0;     ///< a ranking of the regions
  // Colours.
  std::string text, muted, accent, accent_light, marianne_red, background_alt, rule_color, on_accent;
};

/// Fills *out from `style`. Every missing name adds a diagnostic at the style
/// file ("assets/style.yaml: size 'leading' is missing"); returns false then.
bool resolve_page_style(const Style& style, PageStyle* out, Diagnostics* diags);

}  // namespace bilan
