// One publication written as a PDF: the pages of each section of its
// Document, in order (cover, sommaire, national themes, regional spreads,
// leaflet, dossier, note, back cover), the sommaire filled last with the
// pages where the sections really start, bookmarks, document information.
//
// Internal to render/pdf: documents.h is the stage's entry point.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "layout/drawing.h"
#include "layout/hyphenate.h"
#include "layout/map_geometry.h"
#include "layout/pictogram.h"
#include "model/model.h"
#include "model/style.h"
#include "render/pdf/page_style.h"
#include "render/pdf/pdf_fonts.h"
#include "support/diagnostic.h"

namespace bilan {

class ParagraphCache;  // render/pdf/composer.h

/// The département maps of one build, each laid out once and shared by the
/// publications that draw it: a region's spread in the brochure and its
/// leaflet show the same map at the same size, and laying one out (label
/// placement above all) costs more than drawing it. Thread-safe: the first
/// publication to ask lays the map out, one asking for the same map
/// meanwhile waits for it. The drawings depend only on the arguments, so the
/// bytes of every document are the same whichever thread asked first.
///
/// Keys are the addresses of the territory, style and geometry with the
/// size: a cache lives no longer than the project it was filled from (one
/// render_documents call).
class MapLayouts {
 public:
  /// layout_departement_map(region, style, geo, width, height) (layout/map.h).
  std::shared_ptr<const ChartDrawing> departement_map(const Territory& region, const Style& style,
                                                      const MapGeometry& geo, double width, double height);

 private:
  struct Entry {
    std::once_flag once;
    std::shared_ptr<const ChartDrawing> drawing;
  };
  using Key = std::tuple<const Territory*, const Style*, const MapGeometry*, double, double>;
  std::mutex mutex_;
  std::map<Key, std::shared_ptr<Entry>> entries_;
};

/// What every publication of a build shares, read once; read-only while the
/// documents are written (several threads use it at once), except `maps`,
/// which is thread-safe.
struct PublicationResources {
  const Project* project = nullptr;
  const Style* style = nullptr;
  PageStyle page;
  FontFileSet fonts;
  const Hyphenator* hyphenator = nullptr;
  std::map<std::string, Pictogram> pictograms;  ///< by Measure::id
  const MapGeometry* geometry = nullptr;        ///< null when assets/map has no geometry
  MapLayouts* maps = nullptr;                   ///< null: each publication lays its maps out itself
  ParagraphCache* paragraphs = nullptr;         ///< null: each publication sets its paragraphs itself
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
