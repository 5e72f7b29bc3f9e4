// One page of the site before rendering: where it goes, which template draws
// it, and the values that template receives.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "render/html/templates.h"

namespace bilan {

/// A link of the breadcrumb, before the current page.
struct Crumb {
  std::string label;  ///< plain text
  std::string path;   ///< output path of the page linked to ("regions/index.html")
};

struct Page {
  std::string path;         ///< output path ("regions/bretagne/index.html")
  std::string kind;         ///< template templates/pages/<kind>.mustache; layout layouts/<kind> or layouts/default
  std::string title;        ///< plain text: the <h1>, the <title>, the breadcrumb's last item
  std::string description;  ///< plain text for <meta name="description">, may be empty
  std::string section;      ///< navigation entry marked as current ("regions", "measures", ...), may be empty
  std::vector<Crumb> trail; ///< breadcrumb links, home first; empty for the home page
  TemplateData data{TemplateData::type::object};  ///< the page's own values, merged with the site's
  bool absolute_links = false;  ///< links from the site root path (pages served at any URL: 404)
  bool in_sitemap = true;
};

/// A page to make. Its kind is known when the job is listed, so that every
/// template needed is checked before any page is built; `build` makes the
/// rest (page->kind is already set) when the page is rendered, on any thread,
/// and the page's values are dropped once it is rendered.
struct PageJob {
  std::string kind;
  std::function<void(Page* page)> build;
};

}  // namespace bilan
