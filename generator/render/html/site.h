// The public website: every page of the site rendered from the project's
// Mustache templates, plus the open data, sitemap.xml, robots.txt and the
// static assets it needs (DSFR files and the site's stylesheets).
//
// Pages (see site_paths.h for their addresses): home, the national themes,
// one per region, one per measure, the Pacte 2 dossier and its engagements,
// the regional notes, downloads, 404. PDFs are not made here: pages link to
// publication_path() of each publication, which the PDF stage writes.
#pragma once

#include "model/model.h"
#include "model/style.h"
#include "support/diagnostic.h"
#include "support/fs.h"
#include "support/output.h"

namespace bilan {

/// Renders the site into `out` (paths relative to the output folder). Reads
/// templates/ and assets/ through `files` (rooted at the project folder).
/// Returns every problem found: template errors name the template file and,
/// when known, the line; missing assets name the file to create. Nothing
/// should be published when the result is not empty.
Diagnostics render_site(const Project& project, const Style& style, const FileSystem& files, OutputSet* out);

/// The folders under assets/ that are copied into the site as they are.
/// assets/vendor/dsfr/ is filled at set-up by scripts/dsfr.sh.
inline constexpr const char* kSiteAssetFolders[] = {"assets/vendor/dsfr", "assets/css"};

}  // namespace bilan
