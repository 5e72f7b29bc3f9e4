#include "render/html/site.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <unordered_map>

#include "render/html/escape.h"
#include "render/html/open_data.h"
#include "render/html/pages.h"
#include "render/html/site_context.h"
#include "render/html/templates.h"
#include "support/french.h"
#include "support/parallel.h"

namespace bilan {

namespace {

// A contact line that is an e-mail address or a web address becomes a link.
std::string contact_href(const std::string& line) {
  if (line.find(' ') != std::string::npos || line.empty()) return "";
  size_t at = line.find('@');
  if (at != std::string::npos && at > 0 && line.find('.', at) != std::string::npos) return "mailto:" + line;
  if (line.compare(0, 8, "https://") == 0 || line.compare(0, 7, "http://") == 0) return line;
  if (line.compare(0, 4, "www.") == 0) return "https://" + line;
  return "";
}

// The values every page gets that are the same on every page: site texts
// and which sections exist. Made once and shared by all pages.
TemplateData site_values(const SiteContext& site) {
  const Project& p = site.project();
  TemplateData d;
  d.set("lang", TemplateData(p.site.language.empty() ? "fr" : p.site.language));
  d.set("site_title", TemplateData(french_spacing(p.site.title)));
  d.set("site_tagline", text_or_false(french_spacing(p.site.tagline)));
  d.set("ministry", text_list(p.site.ministry));
  d.set("publisher", TemplateData(site.publisher()));
  std::vector<TemplateData> contacts;
  for (const Contact& c : p.site.contacts) {
    TemplateData cd;
    cd.set("label", text_or_false(french_spacing(c.label)));
    std::vector<TemplateData> lines;
    for (const std::string& line : c.lines) {
      TemplateData ld;
      ld.set("text", TemplateData(french_spacing(line)));
      ld.set("href", text_or_false(contact_href(line)));
      // A phone number stays on one line.
      ld.set("nowrap", TemplateData(line.find_first_not_of("0123456789 +.()") == std::string::npos));
      lines.push_back(std::move(ld));
    }
    set_list(&cd, "lines", std::move(lines));
    contacts.push_back(std::move(cd));
  }
  set_list(&d, "contacts", std::move(contacts));

  // Which sections exist, for the navigation.
  d.set("has_themes", TemplateData(!p.themes.empty()));
  d.set("has_pacte2", TemplateData(!p.dossier.title.empty() || !p.dossier.engagements.empty()));
  d.set("pacte2_title", TemplateData(french_spacing(p.dossier.title)));
  d.set("has_notes", TemplateData(!p.notes.empty()));
  return d;
}

// The values of the pages that have the same way to the site root and the
// same current section: links to the sections, the navigation's current
// entry. Made once for each and shared by the pages.
class NavigationValues {
 public:
  const TemplateData& of(const Links& links, const std::string& section) {
    std::lock_guard<std::mutex> lock(mu_);
    auto [it, added] = by_key_.try_emplace(links.root() + '\n' + section);
    if (added) it->second = make(links, section);
    return it->second;  // std::map nodes stay where they are
  }

 private:
  static TemplateData make(const Links& links, const std::string& section) {
    TemplateData d;
    d.set("root", TemplateData(links.root()));
    TemplateData urls;
    urls.set("home", TemplateData(links.to(site_path::home())));
    urls.set("regions", TemplateData(links.to(site_path::regions())));
    urls.set("measures", TemplateData(links.to(site_path::measures())));
    urls.set("themes", TemplateData(links.to(site_path::themes())));
    urls.set("pacte2", TemplateData(links.to(site_path::pacte2())));
    urls.set("notes", TemplateData(links.to(site_path::notes())));
    urls.set("downloads", TemplateData(links.to(site_path::downloads())));
    urls.set("data_csv", TemplateData(links.to(site_path::data_csv())));
    urls.set("data_json", TemplateData(links.to(site_path::data_json())));
    urls.set("assets", TemplateData(links.root() + "assets/"));
    d.set("urls", std::move(urls));
    TemplateData current;
    for (const char* s : {"home", "regions", "measures", "themes", "pacte2", "notes", "downloads"})
      current.set(s, TemplateData(section == s));
    d.set("current", std::move(current));
    return d;
  }

  std::mutex mu_;
  std::map<std::string, TemplateData> by_key_;
};

// The values every page gets that are the page's own: titles, canonical
// address, breadcrumb. None has the name of a site_values() or
// NavigationValues one.
TemplateData page_values(const SiteContext& site, const Page& page) {
  const Project& p = site.project();
  Links links = site.links_for(page);
  TemplateData d;
  d.set("page_title", TemplateData(page.title));
  d.set("page_description", text_or_false(page.description));
  d.set("page_kind", TemplateData(page.kind));
  d.set("is_home", TemplateData(page.kind == "home"));
  std::string canonical;
  if (!p.site.base_url.empty() && page.in_sitemap) {
    std::string base = p.site.base_url;
    if (base.back() != '/') base += '/';
    canonical = base + without_index(page.path);
  }
  d.set("canonical", text_or_false(std::move(canonical)));
  std::vector<TemplateData> crumbs;
  crumbs.reserve(page.trail.size());
  for (const Crumb& c : page.trail) {
    TemplateData cd;
    cd.set("label", TemplateData(c.label));
    cd.set("url", TemplateData(links.to(c.path)));
    crumbs.push_back(std::move(cd));
  }
  d.set("has_breadcrumb", TemplateData(!page.trail.empty()));
  set_list(&d, "breadcrumb", std::move(crumbs));
  return d;
}

// What is left of a page once rendered: what the sitemap needs, and the
// problems met.
struct PageResult {
  std::string path;
  bool in_sitemap = false;
  Diagnostics diags;
};

// Builds the page of `job`, renders it into `out`, and drops its values.
void render_page(const SiteContext& site, const TemplateSet& templates, const TemplateData& shared,
                 NavigationValues* navigation, const PageJob& job, OutputSet* out, PageResult* result) {
  Page page;
  page.kind = job.kind;
  job.build(&page);
  result->path = page.path;
  result->in_sitemap = page.in_sitemap;
  // The values every page gets come first: they win over the builder's, as
  // when they were copied into each page's.
  TemplateData values = page_values(site, page);
  TemplateLayers layers = {&values, &navigation->of(site.links_for(page), page.section), &shared, &page.data};
  std::string content;
  if (!templates.render("pages/" + page.kind, layers, &content, &result->diags)) return;
  values.set("content_html", TemplateData(std::move(content)));
  std::string layout = templates.has("layouts/" + page.kind) ? "layouts/" + page.kind : "layouts/default";
  std::string html;
  if (!templates.render(layout, layers, &html, &result->diags)) return;
  out->add(page.path, std::move(html));
}

std::string xml_escape(const std::string& s) { return escape_html(s); }

std::string sitemap_xml(const Project& p, const std::vector<PageResult>& pages) {
  std::string base = p.site.base_url;
  if (base.back() != '/') base += '/';
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const PageResult& page : pages)
    if (page.in_sitemap) out += "  <url><loc>" + xml_escape(base + without_index(page.path)) + "</loc></url>\n";
  return out + "</urlset>\n";
}

std::string robots_txt(const Project& p) {
  std::string out = "User-agent: *\nAllow: /\n";
  if (!p.site.base_url.empty()) {
    std::string base = p.site.base_url;
    if (base.back() != '/') base += '/';
    out += "Sitemap: " + base + "sitemap.xml\n";
  }
  return out;
}

void copy_assets(const FileSystem& files, OutputSet* out, Diagnostics* diags) {
  for (const char* folder : kSiteAssetFolders) {
    std::vector<std::string> list = files.list(folder);
    if (list.empty()) {
      std::string hint = std::string(folder) == "assets/vendor/dsfr"
                             ? "no DSFR files; run scripts/dsfr.sh to copy them from node_modules"
                             : "no files";
      diags->push_back({{folder, 0, 0}, hint});
      continue;
    }
    for (const std::string& path : list) {
      std::string bytes, err;
      if (!files.read(path, &bytes, &err)) {
        diags->push_back({{path, 0, 0}, err});
        continue;
      }
      out->add(path, std::move(bytes));  // same relative path in the site: assets/...
    }
  }
}

}  // namespace

Diagnostics render_site(const Project& project, const Style& style, const FileSystem& files, OutputSet* out) {
  Diagnostics diags;
  TemplateSet templates;
  if (!templates.load(files, &diags)) return diags;

  SiteContext site(project, style, files);
  std::vector<PageJob> jobs;
  add_home_page(site, &jobs);
  add_theme_pages(site, &jobs);
  add_region_pages(site, &jobs);
  add_territory_pages(site, &jobs);
  add_measure_pages(site, &jobs);
  add_pacte2_pages(site, &jobs);
  add_note_pages(site, &jobs);
  add_download_page(site, &jobs);
  add_not_found_page(site, &jobs);
  diags.insert(diags.end(), site.diagnostics().begin(), site.diagnostics().end());

  // Every template a page needs must exist before anything is rendered.
  std::set<std::string> missing;
  if (!templates.has("layouts/default")) missing.insert("layouts/default");
  for (const PageJob& job : jobs)
    if (!templates.has("pages/" + job.kind)) missing.insert("pages/" + job.kind);
  for (const std::string& name : missing) diags.push_back({{TemplateSet::file_of(name), 0, 0}, "no such file"});
  if (!diags.empty()) return diags;

  // Pages are independent: each is built, rendered and handed to `out` by
  // whichever thread takes it, and its values are dropped at once, so memory
  // holds a page per thread, not the site. Files go by path, and results by
  // job, so the output does not depend on the threads' order.
  //
  // The other files are made among the pages. The open data files are the
  // largest of the site (over a hundred megabytes of JSON for tens of
  // thousands of territories): the JSON comes first, the CSV halfway, so
  // that they are not held at once and no thread is left alone with one at
  // the end. The assets come second.
  const TemplateData shared = site_values(site);
  NavigationValues navigation;
  std::vector<PageResult> results(jobs.size());
  Diagnostics asset_diags;
  const size_t first_page = 2, csv_task = first_page + jobs.size() / 2;
  run_parallel(jobs.size() + 3, worker_threads(), [&](size_t task, unsigned) {
    if (task == 0) return out->add(site_path::data_json(), open_data_json(project));
    if (task == 1) return copy_assets(files, out, &asset_diags);
    if (task == csv_task) return out->add(site_path::data_csv(), open_data_csv(project));
    size_t i = task - first_page - (task > csv_task ? 1 : 0);
    render_page(site, templates, shared, &navigation, jobs[i], out, &results[i]);
  });
  // Paths are unique in a valid project (ids are). Should two pages share
  // one, the later page's file is kept, as when pages were made in order:
  // it is made again now that the threads are done.
  std::unordered_map<std::string_view, size_t> last;
  for (size_t i = 0; i < results.size(); ++i) last[results[i].path] = i;
  std::set<size_t> again;
  for (size_t i = 0; i < results.size(); ++i)
    if (last[results[i].path] != i) again.insert(last[results[i].path]);
  for (size_t i : again) {
    PageResult ignored;  // its problems are those of results[i]
    render_page(site, templates, shared, &navigation, jobs[i], out, &ignored);
  }
  for (const PageResult& r : results) diags.insert(diags.end(), r.diags.begin(), r.diags.end());

  if (!project.site.base_url.empty()) out->add("sitemap.xml", sitemap_xml(project, results));
  out->add("robots.txt", robots_txt(project));
  diags.insert(diags.end(), asset_diags.begin(), asset_diags.end());
  return diags;
}

}  // namespace bilan
