// The PDF stage: every publication of the project (Project::publications(),
// content/documents/*.yaml) written as a PDF at publication_path()
// ("pdf/bilan-2016.pdf"): the national brochure, a leaflet per region, a
// document per regional note, the Pacte 2 dossier.
//
// Reads through `files` (rooted at the project folder): the fonts of
// assets/style.yaml (absolute paths, such as the DejaVu fallback, from the
// disk), the measures' pictograms, the map geometry when present; and the
// French hyphenation dictionary of Debian's hyphen-fr.
//
// Documents are written by two threads, each with its own PdfDocument; the
// bytes of each file depend only on the project, never on which thread wrote
// it or when (no dates, no random ids).
#pragma once

#include <memory>

#include "layout/hyphenate.h"
#include "layout/map_geometry.h"
#include "model/model.h"
#include "model/style.h"
#include "render/pdf/composer.h"
#include "render/pdf/publication.h"
#include "support/diagnostic.h"
#include "support/fs.h"
#include "support/output.h"

namespace bilan {

/// Writes every publication into `out`. Returns every problem found, in
/// publication order (a missing font names assets/style.yaml and its key;
/// text that does not fit names its block: "text of 'bretagne intro' does
/// not fit its frame (3 lines over)"); nothing is added to `out` then.
Diagnostics render_documents(const Project& project, const Style& style, const FileSystem& files, OutputSet* out);


/// What every publication of a build uses, read once: `resources` points
/// into the other members, so a PublicationSetup is neither copied nor moved.
struct PublicationSetup {
  PublicationSetup() = default;
  PublicationSetup(const PublicationSetup&) = delete;
  PublicationSetup& operator=(const PublicationSetup&) = delete;

  PublicationResources resources;
  std::shared_ptr<const Hyphenator> hyphenator;
  std::shared_ptr<const MapGeometry> geometry;
  MapLayouts maps;             ///< a region's map, shared by its spread and its leaflet
  ParagraphCache paragraphs;   ///< paragraphs set once for every publication that prints them
};

/// Parses, into the process-wide caches prepare_publications draws from, the
/// map geometry (shared_map_geometry) and the hyphenation patterns
/// (Hyphenator::shared). For Renderer::warm; problems are left to
/// prepare_publications to report.
void warm_documents(const FileSystem& files);

/// Fills *setup for `project`: page style, fonts, hyphenation patterns,
/// pictograms, map geometry. Returns the problems found (as render_documents).
Diagnostics prepare_publications(const Project& project, const Style& style, const FileSystem& files,
                                 PublicationSetup* setup);

}  // namespace bilan
