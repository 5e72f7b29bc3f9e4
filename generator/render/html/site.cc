#include "render/html/site.h"

#include <set>

#include "render/html/escape.h"
#include "render/html/open_data.h"
#include "render/html/pages.h"
#include "render/html/site_context.h"
#include "render/html/templates.h"
#include "support/french.h"

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

// The values every page gets besides its own: site texts, navigation,
// breadcrumb and the way to the site root.
void add_common_values(const SiteContext& site, const Page& page, TemplateData* d) {
  const Project& p = site.project();
  Links links = site.links_for(page);
  d->set("lang", TemplateData(p.site.language.empty() ? "fr" : p.site.language));
  d->set("site_title", TemplateData(french_spacing(p.site.title)));
  d->set("site_tagline", text_or_false(french_spacing(p.site.tagline)));
  d->set("ministry", text_list(p.site.ministry));
  d->set("publisher", TemplateData(site.publisher()));
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
  set_list(d, "contacts", std::move(contacts));

  d->set("root", TemplateData(links.root()));
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
  d->set("urls", urls);

  // Which sections exist, for the navigation.
  d->set("has_themes", TemplateData(!p.themes.empty()));
  d->set("has_pacte2", TemplateData(!p.dossier.title.empty() || !p.dossier.engagements.empty()));
  d->set("pacte2_title", TemplateData(french_spacing(p.dossier.title)));
  d->set("has_notes", TemplateData(!p.notes.empty()));
  TemplateData current;
  for (const char* s : {"home", "regions", "measures", "themes", "pacte2", "notes", "downloads"})
    current.set(s, TemplateData(page.section == s));
  d->set("current", current);

  d->set("page_title", TemplateData(page.title));
  d->set("page_description", text_or_false(page.description));
  d->set("page_kind", TemplateData(page.kind));
  d->set("is_home", TemplateData(page.kind == "home"));
  std::string canonical;
  if (!p.site.base_url.empty() && page.in_sitemap) {
    std::string base = p.site.base_url;
    if (base.back() != '/') base += '/';
    canonical = base + without_index(page.path);
  }
  d->set("canonical", text_or_false(canonical));
  std::vector<TemplateData> crumbs;
  for (const Crumb& c : page.trail) {
    TemplateData cd;
    cd.set("label", TemplateData(c.label));
    cd.set("url", TemplateData(links.to(c.path)));
    crumbs.push_back(std::move(cd));
  }
  d->set("has_breadcrumb", TemplateData(!page.trail.empty()));
  set_list(d, "breadcrumb", std::move(crumbs));
}

std::string xml_escape(const std::string& s) { return escape_html(s); }

std::string sitemap_xml(const Project& p, const std::vector<Page>& pages) {
  std::string base = p.site.base_url;
  if (base.back() != '/') base += '/';
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const Page& page : pages)
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
  std::vector<Page> pages;
  // A Page is copied, not moved, when the vector grows (kainjow's data has no
  // noexcept move constructor): with one page per territory that is tens of
  // thousands of deep copies. Room for every page is made up front: at most
  // one per territory, theme, measure, engagement and note, and the indexes.
  pages.reserve(project.territories.size() + project.themes.size() + project.measures.size() +
                project.dossier.engagements.size() + project.notes.size() + 16);
  add_home_page(site, &pages);
  add_theme_pages(site, &pages);
  add_region_pages(site, &pages);
  add_territory_pages(site, &pages);
  add_measure_pages(site, &pages);
  add_pacte2_pages(site, &pages);
  add_note_pages(site, &pages);
  add_download_page(site, &pages);
  add_not_found_page(site, &pages);
  diags.insert(diags.end(), site.diagnostics().begin(), site.diagnostics().end());

  // Every template a page needs must exist before anything is rendered.
  std::set<std::string> missing;
  if (!templates.has("layouts/default")) missing.insert("layouts/default");
  for (const Page& page : pages)
    if (!templates.has("pages/" + page.kind)) missing.insert("pages/" + page.kind);
  for (const std::string& name : missing) diags.push_back({{TemplateSet::file_of(name), 0, 0}, "no such file"});
  if (!diags.empty()) return diags;

  for (Page& page : pages) {
    add_common_values(site, page, &page.data);
    std::string content;
    if (!templates.render("pages/" + page.kind, page.data, &content, &diags)) continue;
    page.data.set("content_html", TemplateData(content));
    std::string layout = templates.has("layouts/" + page.kind) ? "layouts/" + page.kind : "layouts/default";
    std::string html;
    if (!templates.render(layout, page.data, &html, &diags)) continue;
    out->add(page.path, std::move(html));
  }

  out->add(site_path::data_csv(), open_data_csv(project));
  out->add(site_path::data_json(), open_data_json(project));
  if (!project.site.base_url.empty()) out->add("sitemap.xml", sitemap_xml(project, pages));
  out->add("robots.txt", robots_txt(project));
  copy_assets(files, out, &diags);
  return diags;
}

}  // namespace bilan
