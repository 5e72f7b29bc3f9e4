// The Pacte 2 dossier: its foreword and axes, then one page per engagement.
#include <algorithm>
#include <memory>

#include "render/html/pages.h"
#include "render/html/rich_text.h"
#include "support/french.h"

namespace bilan {

namespace {

TemplateData engagement_ref(const Engagement& e, const Links& links) {
  TemplateData d;
  d.set("number", TemplateData(std::to_string(e.number)));
  d.set("title", TemplateData(french_spacing(e.title)));
  d.set("label", TemplateData(french_spacing("Engagement " + std::to_string(e.number) + " : " + e.title)));
  d.set("url", TemplateData(links.to(site_path::engagement(e))));
  return d;
}

const Axis* find_axis(const Dossier& dossier, const std::string& id) {
  for (const Axis& a : dossier.axes)
    if (a.id == id) return &a;
  return nullptr;
}

std::vector<const Engagement*> by_number(const Dossier& dossier) {
  std::vector<const Engagement*> out;
  for (const Engagement& e : dossier.engagements) out.push_back(&e);
  std::stable_sort(out.begin(), out.end(), [](const Engagement* a, const Engagement* b) { return a->number < b->number; });
  return out;
}

void pacte2_page(const SiteContext& site, const std::vector<const Engagement*>& engagements, Page* page) {
  const Dossier& dossier = site.project().dossier;
  page->path = site_path::pacte2();
  page->title = french_spacing(dossier.title);
  page->description = rich_text_summary(dossier.intro);
  page->section = "pacte2";
  page->trail = {{SectionTitles::home, site_path::home()}};
  Links links = site.links_for(*page);
  TemplateData& d = page->data;
  d.set("subtitle", text_or_false(french_spacing(dossier.subtitle)));
  d.set("intro_html", text_or_false(rich_text_html(dossier.intro, 1)));
  d.set("signature", text_or_false(french_spacing(dossier.signature)));
  std::vector<TemplateData> axes;
  for (const Axis& a : dossier.axes) {
    TemplateData ad;
    ad.set("id", TemplateData(a.id));
    ad.set("title", TemplateData(french_spacing(a.title)));
    // Engagements without a group first, then each group in the axis' order.
    std::vector<std::string> groups = {""};
    groups.insert(groups.end(), a.groups.begin(), a.groups.end());
    std::vector<TemplateData> group_list;
    for (const std::string& g : groups) {
      std::vector<TemplateData> items;
      for (const Engagement* e : engagements)
        if (e->axis == a.id && e->group == g) items.push_back(engagement_ref(*e, links));
      if (items.empty()) continue;
      TemplateData gd;
      gd.set("title", text_or_false(french_spacing(g)));
      gd.set("grouped", TemplateData(!g.empty()));
      set_list(&gd, "engagements", std::move(items));
      group_list.push_back(std::move(gd));
    }
    set_list(&ad, "groups", std::move(group_list));
    axes.push_back(std::move(ad));
  }
  set_list(&d, "axes", std::move(axes));
}

// The page of engagements[i], in number order.
void engagement_page(const SiteContext& site, const std::vector<const Engagement*>& engagements, size_t i,
                     Page* page) {
  const Dossier& dossier = site.project().dossier;
  const Engagement& e = *engagements[i];
  page->path = site_path::engagement(e);
  page->title = french_spacing(e.title);
  page->section = "pacte2";
  page->trail = {{SectionTitles::home, site_path::home()}, {french_spacing(dossier.title), site_path::pacte2()}};
  for (const Section& s : e.sections)
    if (page->description.empty()) page->description = rich_text_summary(s.text);
  Links links = site.links_for(*page);
  TemplateData& d = page->data;
  d.set("engagement", engagement_ref(e, links));
  const Axis* axis = find_axis(dossier, e.axis);
  TemplateData ad;
  ad.set("id", TemplateData(e.axis));
  ad.set("title", TemplateData(axis ? french_spacing(axis->title) : ""));
  d.set("axis", std::move(ad));
  d.set("group", text_or_false(french_spacing(e.group)));
  set_list(&d, "sections", site.section_blocks(e.sections));
  set_list(&d, "charts", site.chart_blocks(e.charts));
  d.set("previous", i > 0 ? engagement_ref(*engagements[i - 1], links) : TemplateData(false));
  d.set("next", i + 1 < engagements.size() ? engagement_ref(*engagements[i + 1], links) : TemplateData(false));
}

}  // namespace

void add_pacte2_pages(const SiteContext& site, std::vector<PageJob>* jobs) {
  const Dossier& dossier = site.project().dossier;
  if (dossier.title.empty() && dossier.engagements.empty()) return;
  auto engagements = std::make_shared<const std::vector<const Engagement*>>(by_number(dossier));
  jobs->push_back({"pacte2", [&site, engagements](Page* page) { pacte2_page(site, *engagements, page); }});
  for (size_t i = 0; i < engagements->size(); ++i)
    jobs->push_back(
        {"engagement", [&site, engagements, i](Page* page) { engagement_page(site, *engagements, i, page); }});
}

}  // namespace bilan
