#include "render/pdf/publication_reads.h"

#include <algorithm>

namespace bilan {

namespace {

std::string territory_key(const std::string& id) { return "territory:" + id; }
std::string note_key(const std::string& id) { return "note:" + id; }

void add_chart_files(const Chart& c, std::set<std::string>* files) {
  files->insert(c.pos.file);
  for (const Series& s : c.series)
    for (const Point& p : s.points) files->insert(p.pos.file);
}

// Every file a territory's model was loaded from.
std::set<std::string> files_of(const Territory& t) {
  std::set<std::string> files{t.pos.file, t.intro.pos.file};
  for (const KeyFigure& f : t.figures) {
    files.insert(f.pos.file);
    files.insert(f.measure_pos.file);
  }
  for (const Chart& c : t.charts) add_chart_files(c, &files);
  for (const Example& e : t.examples) {
    files.insert(e.pos.file);
    files.insert(e.text.pos.file);
  }
  files.erase("");
  return files;
}

std::set<std::string> files_of(const Note& n) {
  std::set<std::string> files{n.pos.file};
  for (const Section& s : n.sections) files.insert(s.text.pos.file);
  for (const Chart& c : n.charts) add_chart_files(c, &files);
  files.erase("");
  return files;
}

}  // namespace

PublicationReads::PublicationReads(const Project& project) : project_(project) {
  for (const Territory& t : project.territories) {
    if (t.level == Level::nation) continue;  // the national figures are everywhere
    for (const std::string& f : files_of(t)) owners_[f].insert(territory_key(t.id));
  }
  for (const Note& n : project.notes)
    for (const std::string& f : files_of(n)) owners_[f].insert(note_key(n.id));
}

std::set<std::string> PublicationReads::shown(const DocumentInstance& p) const {
  std::set<std::string> keys;
  std::vector<const Territory*> territories;
  auto territory = [&](const std::string& id) {
    if (const Territory* t = project_.find_territory(id)) territories.push_back(t);
    else keys.insert(territory_key(id));  // unknown ids read nothing, but say so
  };
  if (p.territory) territories.push_back(p.territory);
  if (p.note) keys.insert(note_key(p.note->id));
  if (p.document) {
    for (const DocumentSection& s : p.document->sections) {
      switch (s.kind) {
        case SectionKind::regions:
          keys.insert("*");
          break;
        case SectionKind::territory:
          if (!s.refs.empty()) territory(s.refs.front());
          break;
        case SectionKind::note:
          if (!s.refs.empty()) {
            for (const std::string& id : s.refs) keys.insert(note_key(id));
          } else if (!p.note) {
            for (const Note& n : project_.notes) keys.insert(note_key(n.id));
          }
          break;
        default:
          break;
      }
    }
  }
  if (p.note && !p.note->territory.empty()) territory(p.note->territory);
  // With their parents and children: a region's spread may name its
  // départements, a département's page its region.
  for (const Territory* t : territories) {
    keys.insert(territory_key(t->id));
    const Territory* parent = t->parent.empty() ? nullptr : project_.find_territory(t->parent);
    if (parent && parent->level != Level::nation) keys.insert(territory_key(parent->id));
    for (const Territory& other : project_.territories)
      if (other.parent == t->id) keys.insert(territory_key(other.id));
  }
  return keys;
}

std::function<bool(const std::string&)> PublicationReads::unread_by(const DocumentInstance& p) const {
  return [this, keys = shown(p)](const std::string& file) {
    auto it = owners_.find(file);
    if (it == owners_.end()) return false;  // a file of no territory or note: read by all
    const bool all_territories = keys.count("*") != 0;
    for (const std::string& owner : it->second) {
      if (keys.count(owner)) return false;
      if (all_territories && owner.rfind("territory:", 0) == 0) return false;
    }
    return true;
  };
}

}  // namespace bilan
