// The page builders: each lists the pages it makes as PageJobs (page.h),
// whose build() turns part of the model into one Page. They decide which
// values a page gets, never its markup or wording, which are the templates'
// (templates/pages/<kind>.mustache). A job may run on any thread and refers
// to `site`, which must outlive it.
#pragma once

#include <vector>

#include "render/html/page.h"
#include "render/html/site_context.h"

namespace bilan {

/// Titles of the site's sections, used in <title>, headings and breadcrumbs.
/// (The Pacte 2 section is titled by its dossier, from content.)
struct SectionTitles {
  static constexpr const char* home = "Accueil";
  static constexpr const char* regions = "Le pacte en région";
  static constexpr const char* measures = "Les mesures";
  static constexpr const char* themes = "Les avancées du pacte";
  static constexpr const char* notes = "Notes régionales";
  static constexpr const char* downloads = "Téléchargements et données";
  static constexpr const char* not_found = "Page non trouvée";
};

void add_home_page(const SiteContext& site, std::vector<PageJob>* jobs);
void add_theme_pages(const SiteContext& site, std::vector<PageJob>* jobs);     ///< index + one per theme
void add_region_pages(const SiteContext& site, std::vector<PageJob>* jobs);    ///< index + one per region
void add_territory_pages(const SiteContext& site, std::vector<PageJob>* jobs); ///< one per département or local territory
void add_measure_pages(const SiteContext& site, std::vector<PageJob>* jobs);   ///< index + one per measure
void add_pacte2_pages(const SiteContext& site, std::vector<PageJob>* jobs);    ///< dossier + one per engagement
void add_note_pages(const SiteContext& site, std::vector<PageJob>* jobs);      ///< index + one per note
void add_download_page(const SiteContext& site, std::vector<PageJob>* jobs);
void add_not_found_page(const SiteContext& site, std::vector<PageJob>* jobs);

}  // namespace bilan
