// The downloads page (every PDF, the open data with its columns) and the 404 page.
#include "render/html/open_data.h"
#include "render/html/pages.h"
#include "support/french.h"

namespace bilan {

namespace {

void downloads_page(const SiteContext& site, Page* page) {
  const Project& p = site.project();
  page->path = site_path::downloads();
  page->title = SectionTitles::downloads;
  page->section = "downloads";
  page->trail = {{SectionTitles::home, site_path::home()}};
  Links links = site.links_for(*page);
  TemplateData& d = page->data;

  // Single documents, then the per-region and per-note series.
  std::vector<TemplateData> documents, leaflets, notes;
  for (const DocumentInstance& inst : p.publications()) {
    TemplateData pd;
    pd.set("title", TemplateData(french_spacing(inst.title)));
    pd.set("subtitle", text_or_false(french_spacing(inst.document->subtitle)));
    pd.set("date", text_or_false(french_spacing(inst.document->date)));
    pd.set("url", TemplateData(links.to(publication_path(inst))));
    pd.set("file", TemplateData(publication_path(inst).substr(publication_path(inst).rfind('/') + 1)));
    if (inst.document->each == "region")
      leaflets.push_back(std::move(pd));
    else if (inst.document->each == "note")
      notes.push_back(std::move(pd));
    else
      documents.push_back(std::move(pd));
  }
  set_list(&d, "documents", std::move(documents));
  set_list(&d, "leaflets", std::move(leaflets));
  set_list(&d, "note_documents", std::move(notes));

  TemplateData data;
  data.set("csv_url", TemplateData(links.to(site_path::data_csv())));
  data.set("json_url", TemplateData(links.to(site_path::data_json())));
  data.set("rows", TemplateData(format_number(static_cast<double>(open_data_row_count(p)))));
  std::vector<TemplateData> columns;
  for (const OpenDataColumn& c : open_data_columns()) {
    TemplateData cd;
    cd.set("name", TemplateData(c.name));
    cd.set("description", TemplateData(french_spacing(c.description)));
    columns.push_back(std::move(cd));
  }
  set_list(&data, "columns", std::move(columns));
  d.set("data", std::move(data));
}

void not_found_page(Page* page) {
  page->path = site_path::not_found();
  page->title = SectionTitles::not_found;
  page->absolute_links = true;  // served at whatever address was not found
  page->in_sitemap = false;
}

}  // namespace

void add_download_page(const SiteContext& site, std::vector<PageJob>* jobs) {
  jobs->push_back({"downloads", [&site](Page* page) { downloads_page(site, page); }});
}

void add_not_found_page(const SiteContext&, std::vector<PageJob>* jobs) {
  jobs->push_back({"not_found", [](Page* page) { not_found_page(page); }});
}

}  // namespace bilan
