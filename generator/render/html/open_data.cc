#include "render/html/open_data.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace bilan {

namespace {

enum Col { kType, kTerritoryId, kTerritory, kLevel, kMeasureId, kMeasure, kIndicatorId, kIndicator, kSeries,
           kLabel, kValue, kKind, kQualifier, kUnit, kNote, kSource, kColumnCount };

const char* kind_text(PointKind k) {
  switch (k) {
    case PointKind::observed: return "observe";
    case PointKind::target: return "objectif";
    case PointKind::estimate: return "estimation";
  }
  return "";
}

// One row at a time: the cells point into the model, or into the row for the
// few that are made (the value's text). A row is handed to `emit` and then
// reused, so a site of tens of thousands of territories never holds its rows.
using Row = std::array<std::string_view, kColumnCount>;

template <typename Emit>
class RowWriter {
 public:
  RowWriter(const Project& p, Emit emit) : p_(p), emit_(emit) {}

  void figures(const Territory& t) {
    for (const KeyFigure& f : t.figures) {
      Row r{};
      r[kType] = "chiffre_cle";
      territory(t, &r);
      measure(f.measure, &r);
      r[kIndicatorId] = f.field;
      if (const Measure* m = p_.find_measure(f.measure))
        for (const FigureField& ff : m->fields)
          if (ff.id == f.field) r[kIndicator] = ff.label;
      r[kValue] = number_text(f.value);
      r[kKind] = "observe";
      r[kQualifier] = f.qualifier;
      r[kSource] = t.figures_source;
      emit_(r);
    }
  }

  void charts(const std::vector<Chart>& charts, const Territory* t) {
    for (const Chart& c : charts)
      for (const Series& s : c.series)
        for (const Point& pt : s.points) {
          Row r{};
          r[kType] = "serie";
          if (t) territory(*t, &r);
          measure(c.measure, &r);
          r[kIndicatorId] = c.id;
          r[kIndicator] = c.title;
          r[kSeries] = s.name;
          r[kLabel] = pt.label;
          r[kValue] = number_text(pt.value);
          r[kKind] = kind_text(pt.kind);
          r[kUnit] = c.unit;
          r[kNote] = pt.note;
          r[kSource] = c.source;
          emit_(r);
        }
  }

 private:
  void territory(const Territory& t, Row* r) {
    (*r)[kTerritoryId] = t.id;
    (*r)[kTerritory] = t.name;
    (*r)[kLevel] = to_string(t.level);
  }
  void measure(const std::string& id, Row* r) {
    if (id.empty()) return;
    (*r)[kMeasureId] = id;
    if (const Measure* m = p_.find_measure(id)) (*r)[kMeasure] = m->short_name;
  }
  // "%.15g": machine-readable, as many digits as a double holds.
  std::string_view number_text(double v) {
    // Most figures are whole numbers, which %.15g writes as their digits
    // below 1e15 (-0 aside): to_chars does the same without printf's cost.
    if (v == std::floor(v) && std::fabs(v) < 1e15 && !(v == 0 && std::signbit(v))) {
      auto r = std::to_chars(number_, number_ + sizeof number_, static_cast<long long>(v));
      return std::string_view(number_, static_cast<size_t>(r.ptr - number_));
    }
    int n = std::snprintf(number_, sizeof number_, "%.15g", v);
    return std::string_view(number_, n < 0 ? 0 : static_cast<size_t>(n));
  }

  const Project& p_;
  Emit emit_;
  char number_[64];
};

// Every row, in order: each territory's figures then its charts' points, then
// the charts of the themes and of the Pacte 2 (the nation's), then the notes'.
template <typename Emit>
void for_each_row(const Project& project, Emit emit) {
  RowWriter<Emit> w(project, emit);
  for (const Territory& t : project.territories) {
    w.figures(t);
    w.charts(t.charts, &t);
  }
  const Territory* nation = project.nation();
  for (const Theme& th : project.themes) w.charts(th.charts, nation);
  for (const Engagement& e : project.dossier.engagements) w.charts(e.charts, nation);
  for (const Note& n : project.notes) w.charts(n.charts, project.find_territory(n.territory));
}

// Appends to a string, or only counts the bytes: the files are written twice,
// first to count, so that the string is allocated once at its size. The JSON
// of a site of tens of thousands of territories is over a hundred megabytes,
// and a string doubling its room would briefly hold up to three times that
// (its old room and the new one, twice as large).
class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}
  void add(std::string_view s) {
    if (out_) out_->append(s);
    size_ += s.size();
  }
  void add(char c) {
    if (out_) out_->push_back(c);
    ++size_;
  }
  size_t size() const { return size_; }

 private:
  std::string* out_;
  size_t size_ = 0;
};

// The bytes `write` makes, in a string of exactly their size: a first pass
// only counts them. Written twice, but a string grown by doubling would
// reserve up to twice the open data's size (a hundred megabytes at 35,000
// territories) and hold one and a half times it while it copies itself,
// against the peak memory target.
template <typename Write>
std::string written(Write write) {
  Writer count(nullptr);
  write(&count);
  std::string out;
  out.reserve(count.size());
  Writer w(&out);
  write(&w);
  return out;
}

void csv_cell(std::string_view s, Writer* out) {
  // A plain loop: find_first_of() calls memchr on its four characters for
  // each character of the cell, the open data's largest cost.
  bool quote = false;
  for (char c : s)
    if (c == ',' || c == '"' || c == '\r' || c == '\n') {
      quote = true;
      break;
    }
  if (!quote) {
    out->add(s);
    return;
  }
  out->add('"');
  for (char c : s) {
    if (c == '"') out->add('"');
    out->add(c);
  }
  out->add('"');
}

// The bytes a JSON string holds as they are (not a control character, '"',
// '\\' or '<'), as a table: the open data's strings are tested byte by byte.
constexpr std::array<bool, 256> kJsonPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 256; ++c) plain[c] = c != '"' && c != '\\' && c != '<';
  return plain;
}();

void json_string(std::string_view s, Writer* out) {
  out->add('"');
  size_t run = 0;  // start of the bytes copied as they are
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    unsigned char u = static_cast<unsigned char>(c);
    if (kJsonPlain[u]) continue;
    out->add(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out->add("\\\""); break;
      case '\\': out->add("\\\\"); break;
      case '\n': out->add("\\n"); break;
      case '\r': out->add("\\r"); break;
      case '\t': out->add("\\t"); break;
      case '<': out->add("\\u003c"); break;  // harmless if the JSON is ever inlined in a page
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", u);
        out->add(buf);
      }
    }
  }
  out->add(s.substr(run));
  out->add('"');
}

}  // namespace

const std::vector<OpenDataColumn>& open_data_columns() {
  static const std::vector<OpenDataColumn> columns = {
      {"type", "« chiffre_cle » pour un chiffre clé d’un territoire, « serie » pour un point d’un graphique."},
      {"territoire_id", "Identifiant du territoire ; les graphiques des thèmes et du pacte 2 sont rattachés à la nation."},
      {"territoire", "Nom du territoire."},
      {"niveau", "Niveau du territoire : nation, region, departement ou local."},
      {"mesure_id", "Identifiant de la mesure du pacte (cesp, ptmg, msp, mcs…), vide si le graphique n’en a pas."},
      {"mesure", "Nom court de la mesure."},
      {"indicateur_id", "Identifiant du chiffre (signes, installes…) ou du graphique."},
      {"indicateur", "Libellé du chiffre ou titre du graphique."},
      {"serie", "Nom de la série dans un graphique à plusieurs séries, sinon vide."},
      {"libelle", "Libellé du point : année, date ou territoire ; vide pour un chiffre clé."},
      {"valeur", "La valeur, nombre avec un point décimal."},
      {"nature", "observe, objectif ou estimation."},
      {"qualificatif", "« près de », « plus de »… quand la source arrondit, sinon vide."},
      {"unite", "Unité des valeurs du graphique, si la source en donne une."},
      {"note", "Note imprimée avec le point (« estimation 2015 »), sinon vide."},
      {"source", "Source indiquée par le document, sinon vide."},
  };
  return columns;
}

std::vector<std::vector<std::string>> open_data_rows(const Project& project) {
  std::vector<std::vector<std::string>> rows;
  for_each_row(project, [&rows](const Row& r) { rows.emplace_back(r.begin(), r.end()); });
  return rows;
}

size_t open_data_row_count(const Project& project) {
  size_t n = 0;
  for_each_row(project, [&n](const Row&) { ++n; });
  return n;
}

std::string open_data_csv(const Project& project) {
  return written([&project](Writer* out) {
    const auto& cols = open_data_columns();
    for (size_t i = 0; i < cols.size(); ++i) {
      if (i) out->add(',');
      out->add(cols[i].name);
    }
    out->add("\r\n");
    for_each_row(project, [out](const Row& row) {
      for (size_t i = 0; i < row.size(); ++i) {
        if (i) out->add(',');
        csv_cell(row[i], out);
      }
      out->add("\r\n");
    });
  });
}

std::string open_data_json(const Project& project) {
  return written([&project](Writer* out) {
    const auto& cols = open_data_columns();
    out->add("{\n  \"title\": ");
    json_string(project.site.title, out);
    out->add(",\n  \"columns\": [\n");
    for (size_t i = 0; i < cols.size(); ++i) {
      out->add("    {\"name\": ");
      json_string(cols[i].name, out);
      out->add(", \"description\": ");
      json_string(cols[i].description, out);
      out->add(i + 1 < cols.size() ? "},\n" : "}\n");
    }
    out->add("  ],\n  \"rows\": [");
    // What comes before each value of a row: "\"type\": ", ", \"territoire_id\": "...
    std::vector<std::string> keys;
    for (size_t i = 0; i < cols.size(); ++i) {
      std::string key;
      Writer k(&key);
      if (i) k.add(", ");
      json_string(cols[i].name, &k);
      k.add(": ");
      keys.push_back(std::move(key));
    }
    bool first = true;
    for_each_row(project, [&](const Row& row) {
      out->add(first ? "\n    {" : ",\n    {");
      first = false;
      for (size_t i = 0; i < cols.size(); ++i) {
        out->add(keys[i]);
        if (i == kValue)
          out->add(row[i]);
        else
          json_string(row[i], out);
      }
      out->add('}');
    });
    out->add(first ? "]\n}\n" : "\n  ]\n}\n");
  });
}

}  // namespace bilan
