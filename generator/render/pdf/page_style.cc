#include "render/pdf/page_style.h"

#include "layout/drawing.h"  // parse_color

namespace bilan {

namespace {

struct SizeKey {
  const char* name;
  double PageStyle::*field;
};

struct ColorKey {
  const char* name;
  std::string PageStyle::*field;
};

constexpr SizeKey kSizes[] = {
    {"page_width", &PageStyle::page_width},
    {"page_height", &PageStyle::page_height},
    {"margin_top", &PageStyle::margin_top},
    {"margin_bottom", &PageStyle::margin_bottom},
    {"margin_inner", &PageStyle::margin_inner},
    {"margin_outer", &PageStyle::margin_outer},
    {"column_gap", &PageStyle::column_gap},
    {"body", &PageStyle::body},
    {"leading", &PageStyle::leading},
    {"small", &PageStyle::small},
    {"small_leading", &PageStyle::small_leading},
    {"footer", &PageStyle::footer},
    {"h1", &PageStyle::h1},
    {"h2", &PageStyle::h2},
    {"h3", &PageStyle::h3},
    {"cover_title", &PageStyle::cover_title},
    {"cover_subtitle", &PageStyle::cover_subtitle},
    {"ministry", &PageStyle::ministry},
    {"key_figure", &PageStyle::key_figure},
    {"paragraph_space", &PageStyle::paragraph_space},
    {"item_space", &PageStyle::item_space},
    {"bullet_indent", &PageStyle::bullet_indent},
    {"box_padding", &PageStyle::box_padding},
    {"block_space", &PageStyle::block_space},
    {"rule", &PageStyle::rule},
    {"accent_rule", &PageStyle::accent_rule},
    {"key_figure_height", &PageStyle::key_figure_height},
    {"highlight_height", &PageStyle::highlight_height},
    {"chart_height", &PageStyle::chart_height},
    {"ranking_height", &PageStyle::ranking_height},
};

constexpr ColorKey kColors[] = {
    {"text", &PageStyle::text},
    {"muted", &PageStyle::muted},
    {"accent", &PageStyle::accent},
    {"accent_light", &PageStyle::accent_light},
    {"marianne_red", &PageStyle::marianne_red},
    {"background_alt", &PageStyle::background_alt},
    {"rule", &PageStyle::rule_color},
    {"on_accent", &PageStyle::on_accent},
};

}  // namespace

bool resolve_page_style(const Style& style, PageStyle* out, Diagnostics* diags) {
  bool ok = true;
  for (const SizeKey& k : kSizes) {
    auto it = style.sizes.find(k.name);
    if (it == style.sizes.end()) {
      diags->push_back({style.pos, std::string("size '") + k.name + "' is missing (the pdf pages need it)"});
      ok = false;
      continue;
    }
    if (!(it->second > 0)) {
      diags->push_back({style.pos, std::string("size '") + k.name + "' must be greater than 0"});
      ok = false;
      continue;
    }
    out->*k.field = it->second;
  }
  for (const ColorKey& k : kColors) {
    auto it = style.colors.find(k.name);
    double r, g, b;
    if (it == style.colors.end()) {
      diags->push_back({style.pos, std::string("colour '") + k.name + "' is missing (the pdf pages need it)"});
      ok = false;
    } else if (!parse_color(it->second, &r, &g, &b)) {
      diags->push_back({style.pos, std::string("colour '") + k.name + "' is not #rrggbb: '" + it->second + "'"});
      ok = false;
    } else {
      out->*k.field = it->second;
    }
  }
  return ok;
}

}  // namespace bilan
