#include "render/pdf/documents.h"

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "layout/hyphenate.h"
#include "layout/map_geometry.h"
#include "layout/pictogram.h"
#include "render/pdf/composer.h"
#include "render/pdf/publication.h"
#include "render/pdf/publication_reads.h"

namespace bilan {

namespace {

// Two workers: the build machine has two cores, and the site stage runs
// before this one, not beside it.
constexpr unsigned kWorkers = 2;

struct Written {
  std::string bytes;
  Diagnostics diags;
};

}  // namespace

Diagnostics render_documents(const Project& project, const Style& style, const FileSystem& files, OutputSet* out) {
  Diagnostics diags;
  PublicationResources res;
  res.project = &project;
  res.style = &style;
  resolve_page_style(style, &res.page, &diags);
  read_font_files(style, files, &res.fonts, &diags);

  std::string err;
  std::unique_ptr<Hyphenator> hyphenator = Hyphenator::load(kFrenchHyphenDictionary, &err);
  if (!hyphenator) diags.push_back({SourcePos{}, err + " (install the Debian package hyphen-fr)"});
  res.hyphenator = hyphenator.get();

  for (const Measure& m : project.measures) {
    if (m.pictogram.empty()) continue;
    Pictogram p;
    Diagnostic d;
    if (load_pictogram(files, "assets/" + m.pictogram, &p, &d))
      res.pictograms[m.id] = std::move(p);
    else
      diags.push_back(d);
  }

  MapGeometry geometry;
  if (files.exists(kPdfMapGeometryPath) && load_map_geometry(files, kPdfMapGeometryPath, &geometry, &diags))
    res.geometry = &geometry;
  // A region's spread in the brochure and its leaflet share their map and
  // their paragraphs.
  MapLayouts maps;
  res.maps = &maps;
  ParagraphCache paragraphs;
  res.paragraphs = &paragraphs;
  if (!diags.empty()) return diags;

  const std::vector<DocumentInstance> publications = project.publications();
  std::vector<Written> written(publications.size());
  // An incremental build keeps the PDFs that the changed content files cannot reach.
  const PublicationReads reads(project);
  std::vector<char> kept(publications.size(), 0);
  for (size_t i = 0; i < publications.size(); ++i)
    kept[i] = out->keep_previous(publication_path(publications[i]), reads.unread_by(publications[i]));
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < publications.size(); i = next++)
      if (!kept[i]) written[i].diags = write_publication(publications[i], res, &written[i].bytes);
  };
  std::vector<std::thread> workers;
  const size_t count = std::min<size_t>(kWorkers, publications.size());
  for (size_t i = 1; i < count; ++i) workers.emplace_back(work);
  work();
  for (std::thread& t : workers) t.join();

  for (const Written& w : written) diags.insert(diags.end(), w.diags.begin(), w.diags.end());
  if (!diags.empty()) return diags;
  for (size_t i = 0; i < publications.size(); ++i)
    if (!kept[i]) out->add(publication_path(publications[i]), std::move(written[i].bytes));
  return diags;
}

}  // namespace bilan
