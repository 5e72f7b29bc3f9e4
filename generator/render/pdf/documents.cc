#include "render/pdf/documents.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "layout/hyphenate.h"
#include "layout/map_geometry.h"
#include "layout/pictogram.h"
#include "render/pdf/composer.h"
#include "render/pdf/publication.h"
#include "render/pdf/publication_reads.h"
#include "support/parallel.h"

namespace bilan {

namespace {

// Two workers: the build machine has two cores. The site stage runs beside
// this one; PdfDocument::save uses the core a worker leaves idle.
constexpr unsigned kWorkers = 2;

struct Written {
  std::string bytes;
  Diagnostics diags;
};

}  // namespace

void warm_documents(const FileSystem& files) {
  std::string err;
  Hyphenator::shared(kFrenchHyphenDictionary, &err);
  Diagnostics ignored;
  if (files.exists(kMapGeometryPath)) shared_map_geometry(files, kMapGeometryPath, &ignored);
}

Diagnostics prepare_publications(const Project& project, const Style& style, const FileSystem& files,
                                 PublicationSetup* setup) {
  Diagnostics diags;
  PublicationResources& res = setup->resources;
  res.project = &project;
  res.style = &style;
  resolve_page_style(style, &res.page, &diags);
  read_font_files(style, files, &res.fonts, &diags);

  std::string err;
  setup->hyphenator = Hyphenator::shared(kFrenchHyphenDictionary, &err);
  if (!setup->hyphenator) diags.push_back({SourcePos{}, err + " (install the Debian package hyphen-fr)"});
  res.hyphenator = setup->hyphenator.get();

  for (const Measure& m : project.measures) {
    if (m.pictogram.empty()) continue;
    Pictogram p;
    Diagnostic d;
    if (load_pictogram(files, "assets/" + m.pictogram, &p, &d))
      res.pictograms[m.id] = std::move(p);
    else
      diags.push_back(d);
  }

  if (files.exists(kMapGeometryPath)) setup->geometry = shared_map_geometry(files, kMapGeometryPath, &diags);
  res.geometry = setup->geometry.get();
  res.maps = &setup->maps;
  res.paragraphs = &setup->paragraphs;
  return diags;
}

Diagnostics render_documents(const Project& project, const Style& style, const FileSystem& files, OutputSet* out) {
  PublicationSetup setup;
  Diagnostics diags = prepare_publications(project, style, files, &setup);
  if (!diags.empty()) return diags;
  const PublicationResources& res = setup.resources;

  const std::vector<DocumentInstance> publications = project.publications();
  std::vector<Written> written(publications.size());
  // An incremental build keeps the PDFs that the changed content files cannot reach.
  const PublicationReads reads(project);
  std::vector<char> kept(publications.size(), 0);
  for (size_t i = 0; i < publications.size(); ++i)
    kept[i] = out->keep_previous(publication_path(publications[i]), reads.unread_by(publications[i]));
  // Longest first, so that no worker is left alone with a long document at
  // the end: the whole documents (the brochure, the dossier) before the
  // per-region and per-note ones, which each hold one region or note.
  std::vector<size_t> order(publications.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_partition(order.begin(), order.end(),
                        [&](size_t i) { return publications[i].document->each.empty(); });
  run_parallel(order.size(), kWorkers, [&](size_t task, unsigned) {
    const size_t i = order[task];
    if (!kept[i]) written[i].diags = write_publication(publications[i], res, &written[i].bytes);
  });

  for (const Written& w : written) diags.insert(diags.end(), w.diags.begin(), w.diags.end());
  if (!diags.empty()) return diags;
  // No file unless every publication was written; then they go to `out` on
  // both cores too (a sink digests and writes each).
  run_parallel(publications.size(), kWorkers, [&](size_t i, unsigned) {
    if (!kept[i]) out->add(publication_path(publications[i]), std::move(written[i].bytes));
  });
  return diags;
}

}  // namespace bilan
