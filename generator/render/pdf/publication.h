// One publication written as a PDF: the pages of each section of its
// Document, in order (cover, sommaire, national themes, regional spreads,
// leaflet, dossier, note, back cover), the sommaire filled last with the
// pages where the sections really start, bookmarks, document information.
//
// Internal to render/pdf: documents.h is the stage's entry point.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "layout/hyphenate.h"
#include "layout/map_geometry.h"
#include "layout/pictogram.h"
#include "model/model.h"
#include "model/style.h"
#include "render/pdf/page_style.h"
#include "render/pdf/pdf_fonts.h"
#include "support/diagnostic.h"

namespace bilan {

/// What every publication of a build shares, read once; read-only while the
/// documents are written (several threads use it at once).
struct PublicationResources {
  const Project* project = nullptr;
  const Style* style = nullptr;
  PageStyle page;
  FontFileSet fonts;
  const Hyphenator* hyphenator = nullptr;
  std::map<std::string, Pictogram> pictograms;  ///< by Measure::id
  const MapGeometry* geometry = nullptr;        ///< null when assets/map has no geometry
};

/// Writes `publication` into *bytes. Returns the problems found (text that
/// does not fit, characters no font has, libharu errors); *bytes is only
/// meaningful when there are none.
Diagnostics write_publication(const DocumentInstance& publication, const PublicationResources& resources,
                              std::string* bytes);

/// Where the pages of a publication start, for tests and summaries: each
/// bookmark with its page (0-based). Filled by write_publication when given.
struct PublicationOutline {
  std::vector<std::string> titles;
  std::vector<int> pages;
  std::vector<int> levels;
  int page_count = 0;
};
Diagnostics write_publication(const DocumentInstance& publication, const PublicationResources& resources,
                              std::string* bytes, PublicationOutline* outline);

}  // namespace bilan
