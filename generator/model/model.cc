#include "model/model.h"

#include <algorithm>
#include <functional>

namespace bilan {

const Measure* Project::find_measure(const std::string& id) const {
  for (const auto& m : measures)
    if (m.id == id) return &m;
  return nullptr;
}

const Territory* TerritoryIdIndex::find(const std::vector<Territory>& territories, const std::string& id) const {
  const std::size_t hash = std::hash<std::string>()(id);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!built_ || data_ != territories.data() || size_ != territories.size()) {
      entries_.clear();
      entries_.reserve(territories.size());
      for (std::size_t i = 0; i < territories.size(); ++i)
        entries_.emplace_back(std::hash<std::string>()(territories[i].id), static_cast<std::uint32_t>(i));
      std::sort(entries_.begin(), entries_.end());
      built_ = true;
      data_ = territories.data();
      size_ = territories.size();
    }
    // Same hash, by position: the first one whose id matches.
    auto it = std::lower_bound(entries_.begin(), entries_.end(), std::make_pair(hash, std::uint32_t{0}));
    for (; it != entries_.end() && it->first == hash; ++it)
      if (it->second < territories.size() && territories[it->second].id == id) return &territories[it->second];
  }
  // Not in the index: absent, or the territories changed in place since it
  // was built.
  for (const auto& t : territories) {
    if (t.id == id) {
      std::lock_guard<std::mutex> lock(mu_);
      built_ = false;
      return &t;
    }
  }
  return nullptr;
}

const Territory* Project::find_territory(const std::string& id) const { return territory_index.find(territories, id); }

const Territory* Project::nation() const {
  for (const auto& t : territories)
    if (t.level == Level::nation) return &t;
  return nullptr;
}

std::vector<const Territory*> Project::regions() const {
  std::vector<const Territory*> out;
  const Territory* n = nation();
  for (const auto& t : territories)
    if (t.level == Level::region && n && t.parent == n->id) out.push_back(&t);
  std::stable_sort(out.begin(), out.end(), [](const Territory* a, const Territory* b) { return a->order < b->order; });
  return out;
}

namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t i = s.find(from); i != std::string::npos; i = s.find(from, i + to.size())) s.replace(i, from.size(), to);
  return s;
}

}  // namespace

std::vector<DocumentInstance> Project::publications() const {
  std::vector<DocumentInstance> out;
  for (const auto& d : documents) {
    if (d.each == "region") {
      for (const Territory* t : regions()) {
        DocumentInstance i;
        i.document = &d;
        i.id = replace_all(replace_all(d.id, "{id}", t->id), "{name}", t->name);
        i.title = replace_all(replace_all(d.title, "{id}", t->id), "{name}", t->name);
        i.territory = t;
        out.push_back(std::move(i));
      }
    } else if (d.each == "note") {
      for (const auto& n : notes) {
        DocumentInstance i;
        i.document = &d;
        const Territory* t = find_territory(n.territory);
        std::string name = t ? t->name : n.territory;
        i.id = replace_all(replace_all(d.id, "{id}", n.id), "{name}", name);
        i.title = replace_all(replace_all(d.title, "{id}", n.id), "{name}", name);
        i.note = &n;
        i.territory = t;
        out.push_back(std::move(i));
      }
    } else {
      DocumentInstance i;
      i.document = &d;
      i.id = d.id;
      i.title = d.title;
      out.push_back(std::move(i));
    }
  }
  return out;
}

std::string publication_path(const DocumentInstance& d) { return "pdf/" + d.id + ".pdf"; }

const KeyFigure* find_figure(const Territory& t, const std::string& measure, const std::string& field) {
  for (const auto& f : t.figures)
    if (f.measure == measure && f.field == field) return &f;
  return nullptr;
}

const char* to_string(Level level) {
  switch (level) {
    case Level::nation: return "nation";
    case Level::region: return "region";
    case Level::former_region: return "former_region";
    case Level::departement: return "departement";
    case Level::local: return "local";
  }
  return "";
}

const char* to_string(PointKind kind) {
  switch (kind) {
    case PointKind::observed: return "observed";
    case PointKind::target: return "target";
    case PointKind::estimate: return "estimate";
  }
  return "";
}

const char* to_string(ChartKind kind) {
  switch (kind) {
    case ChartKind::bars: return "bars";
    case ChartKind::comparison: return "comparison";
    case ChartKind::cumulative: return "cumulative";
    case ChartKind::grouped: return "grouped";
  }
  return "";
}

const char* to_string(SectionKind kind) {
  switch (kind) {
    case SectionKind::cover: return "cover";
    case SectionKind::contents: return "contents";
    case SectionKind::themes: return "themes";
    case SectionKind::regions: return "regions";
    case SectionKind::territory: return "territory";
    case SectionKind::dossier: return "dossier";
    case SectionKind::note: return "note";
    case SectionKind::back_cover: return "back_cover";
  }
  return "";
}

}  // namespace bilan
