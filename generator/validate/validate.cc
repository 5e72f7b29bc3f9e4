#include "validate/validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "support/spelling.h"

namespace bilan {

namespace {

// The ids met so far in one list, for duplicate checks, pointing into the
// model (which outlives the check). A short list (a territory's charts) is
// searched in order, a long one (35,000 territories) through a hash table.
class SeenIds {
 public:
  // The position of the first `id` met, or nullptr when it is new (it is
  // then recorded at `pos`).
  const SourcePos* insert(std::string_view id, const SourcePos& pos) {
    if (map_.empty()) {
      for (const auto& [seen, at] : list_)
        if (seen == id) return at;
      list_.emplace_back(id, &pos);
      if (list_.size() > 16) map_.insert(list_.begin(), list_.end());
      return nullptr;
    }
    auto [it, inserted] = map_.emplace(id, &pos);
    return inserted ? nullptr : it->second;
  }

 private:
  std::vector<std::pair<std::string_view, const SourcePos*>> list_;
  std::unordered_map<std::string_view, const SourcePos*> map_;
};

class Validator {
 public:
  Validator(const Project& p, const FileSystem& files, Diagnostics* d) : p_(p), files_(files), d_(d) {
    for (const auto& m : p.measures) measure_ids_.push_back(m.id);
  }

  void run() {
    measures();
    territories();
    themes();
    notes();
    dossier();
    documents();
  }

 private:
  void error(const SourcePos& pos, std::string msg) { d_->push_back({pos, std::move(msg)}); }

  // Reports a duplicate id, pointing at the first definition.
  void unique(SeenIds* seen, const char* what, const std::string& id, const SourcePos& pos) {
    if (const SourcePos* first = seen->insert(id, pos))
      error(pos, fmt::format("duplicate {} '{}' (first defined at {}:{})", what, id, first->file, first->line));
  }

  // For suggestions, made on the first unknown territory.
  const std::vector<std::string>& territory_ids() {
    if (territory_ids_.empty())
      for (const auto& t : p_.territories) territory_ids_.push_back(t.id);
    return territory_ids_;
  }

  bool measure_ref(const std::string& id, const SourcePos& pos) {
    if (p_.find_measure(id)) return true;
    error(pos, fmt::format("unknown measure '{}'{}", id, did_you_mean(id, measure_ids_)));
    return false;
  }

  bool territory_ref(const std::string& id, const SourcePos& pos) {
    if (p_.find_territory(id)) return true;
    error(pos, fmt::format("unknown territory '{}'{}", id, did_you_mean(id, territory_ids())));
    return false;
  }

  void measures() {
    SeenIds seen;
    for (const auto& m : p_.measures) {
      unique(&seen, "measure", m.id, m.pos);
      std::set<std::string> fields;
      std::vector<std::string> field_ids;
      for (const auto& f : m.fields) field_ids.push_back(f.id);
      for (const auto& f : m.fields) {
        if (!fields.insert(f.id).second) error(m.pos, fmt::format("measure '{}' lists field '{}' twice", m.id, f.id));
        if (!f.at_most.empty() && (f.at_most == f.id || !std::count(field_ids.begin(), field_ids.end(), f.at_most)))
          error(m.pos, fmt::format("field '{}' of measure '{}' is bounded by unknown field '{}'{}", f.id, m.id,
                                   f.at_most, did_you_mean(f.at_most, field_ids)));
      }
      if (m.color.size() != 7 || m.color[0] != '#' ||
          m.color.find_first_not_of("0123456789abcdefABCDEF", 1) != std::string::npos)
        error(m.pos, fmt::format("colour '{}' of measure '{}' is not of the form #rrggbb", m.color, m.id));
      if (!m.pictogram.empty()) {
        if (!is_safe_relative_path(m.pictogram))
          error(m.pos, fmt::format("pictogram path '{}' leaves the assets folder", m.pictogram));
        else if (!files_.exists("assets/" + m.pictogram))
          error(m.pos, fmt::format("pictogram 'assets/{}' not found", m.pictogram));
      }
    }
  }

  // Labels that are years ("2016"), for date-order checks; -1 otherwise.
  static int year_of(const std::string& label) {
    if (label.size() != 4 || label.find_first_not_of("0123456789") != std::string::npos) return -1;
    return std::atoi(label.c_str());
  }

  void charts(const std::vector<Chart>& charts) {
    SeenIds seen;
    for (const auto& c : charts) {
      unique(&seen, "chart id", c.id, c.pos);
      if (!c.measure.empty()) measure_ref(c.measure, c.pos);
      // Every chart is announced by its title, in print and to screen readers.
      if (c.title.find_first_not_of(' ') == std::string::npos)
        error(c.pos, fmt::format("chart '{}' has an empty title", c.id));
      if (c.series.empty()) {
        error(c.pos, fmt::format("chart '{}' has no points (give `points` or `series`)", c.id));
        continue;
      }
      for (const auto& s : c.series) {
        if (s.points.empty()) error(c.pos, fmt::format("a series of chart '{}' has no points", c.id));
        int last_observed = -1;
        std::string last_label;
        for (const auto& pt : s.points) {
          int y = year_of(pt.label);
          if (pt.kind == PointKind::observed && y > last_observed) last_observed = y, last_label = pt.label;
        }
        for (const auto& pt : s.points) {
          if (pt.kind != PointKind::target) continue;
          int y = year_of(pt.label);
          if (y >= 0 && last_observed >= 0 && y < last_observed)
            error(pt.pos, fmt::format("objectif dated {} is before the observed series (last observed {})", pt.label,
                                      last_label));
        }
      }
    }
  }

  void territories() {
    SeenIds seen;
    int nations = 0;
    for (const auto& t : p_.territories) {
      unique(&seen, "territory", t.id, t.pos);
      if (t.level == Level::nation) ++nations;
      if (t.level != Level::nation) {
        if (t.parent.empty()) error(t.pos, fmt::format("territory '{}' has no parent", t.id));
        else territory_ref(t.parent, t.pos);
      }
      for (const auto& f : t.figures) {
        if (!measure_ref(f.measure, f.measure_pos)) continue;
        const Measure* m = p_.find_measure(f.measure);
        const FigureField* field = nullptr;
        for (const auto& ff : m->fields)
          if (ff.id == f.field) field = &ff;
        if (!field) {
          std::vector<std::string> ids;
          for (const auto& ff : m->fields) ids.push_back(ff.id);
          error(f.pos, fmt::format("measure '{}' has no figure '{}'{}", f.measure, f.field, did_you_mean(f.field, ids)));
          continue;
        }
        if (!field->at_most.empty()) {
          const KeyFigure* bound = find_figure(t, f.measure, field->at_most);
          if (bound && f.value > bound->value)
            error(f.pos, fmt::format("'{}' ({}) is above '{}' ({}) for {}", f.field, f.value, field->at_most,
                                     bound->value, m->short_name));
        }
      }
      charts(t.charts);
      std::set<std::string> codes;
      for (const auto& d : t.departements)
        if (!codes.insert(d.code).second)
          error(t.pos, fmt::format("département '{}' is listed twice in '{}'", d.code, t.id));
      SeenIds examples;
      for (const auto& e : t.examples) {
        unique(&examples, "example", e.id, e.pos);
        if (!e.departement.empty() && !codes.count(e.departement))
          error(e.pos, fmt::format("département '{}' is not one of the départements of '{}'", e.departement, t.id));
        for (const auto& m : e.measures) measure_ref(m, e.pos);
      }
    }
    if (nations != 1 && !p_.territories.empty())
      error({"content/national.yaml", 0, 0}, fmt::format("expected exactly one territory of level nation, found {}", nations));
  }

  void themes() {
    SeenIds seen;
    for (const auto& t : p_.themes) {
      unique(&seen, "theme", t.id, t.pos);
      for (const auto& m : t.measures) measure_ref(m, t.pos);
      for (const auto& h : t.highlights)
        if (!h.measure.empty()) measure_ref(h.measure, h.pos);
      charts(t.charts);
    }
  }

  void notes() {
    SeenIds seen;
    for (const auto& n : p_.notes) {
      unique(&seen, "note", n.id, n.pos);
      territory_ref(n.territory, n.pos);
      charts(n.charts);
    }
  }

  void dossier() {
    std::map<int, SourcePos> seen;
    for (const auto& e : p_.dossier.engagements) {
      auto [it, inserted] = seen.emplace(e.number, e.pos);
      if (!inserted)
        error(e.pos, fmt::format("duplicate engagement number {} (first defined at {}:{})", e.number, it->second.file,
                                 it->second.line));
      const Axis* axis = nullptr;
      std::vector<std::string> axis_ids;
      for (const auto& a : p_.dossier.axes) {
        axis_ids.push_back(a.id);
        if (a.id == e.axis) axis = &a;
      }
      if (!axis) {
        error(e.pos, fmt::format("unknown axis '{}'{}", e.axis, did_you_mean(e.axis, axis_ids)));
      } else if (!e.group.empty() && !std::count(axis->groups.begin(), axis->groups.end(), e.group)) {
        error(e.pos, fmt::format("group '{}' is not a group of axis '{}'", e.group, e.axis));
      }
      charts(e.charts);
    }
  }

  void documents() {
    SeenIds seen;
    std::vector<std::string> theme_ids, note_ids;
    for (const auto& t : p_.themes) theme_ids.push_back(t.id);
    for (const auto& n : p_.notes) note_ids.push_back(n.id);
    for (const auto& d : p_.documents) {
      for (const auto& s : d.sections) {
        for (const auto& ref : s.refs) {
          if (s.kind == SectionKind::themes && !std::count(theme_ids.begin(), theme_ids.end(), ref))
            error(d.pos, fmt::format("unknown theme '{}'{}", ref, did_you_mean(ref, theme_ids)));
          else if (s.kind == SectionKind::regions || s.kind == SectionKind::territory)
            territory_ref(ref, d.pos);
          else if (s.kind == SectionKind::note && !std::count(note_ids.begin(), note_ids.end(), ref))
            error(d.pos, fmt::format("unknown note '{}'{}", ref, did_you_mean(ref, note_ids)));
        }
        if ((s.kind == SectionKind::territory && d.each != "region" && s.refs.empty()) ||
            (s.kind == SectionKind::note && d.each != "note" && s.refs.empty()))
          error(d.pos, fmt::format("section '{}' of document '{}' needs `refs` or `each`", to_string(s.kind), d.id));
      }
    }
    for (const auto& inst : p_.publications()) {
      unique(&seen, "document", inst.id, inst.document->pos);
      if (!is_safe_relative_path(inst.id) || inst.id.find('/') != std::string::npos)
        error(inst.document->pos, fmt::format("document id '{}' is not a plain file name", inst.id));
    }
  }

  const Project& p_;
  const FileSystem& files_;
  Diagnostics* d_;
  std::vector<std::string> measure_ids_, territory_ids_;
};

}  // namespace

bool validate_project(const Project& project, const FileSystem& files, Diagnostics* diags) {
  size_t before = diags->size();
  Validator(project, files, diags).run();
  return diags->size() == before;
}

}  // namespace bilan
