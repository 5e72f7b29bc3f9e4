#include "render/html/open_data.h"

#include <cstdio>


namespace bilan {

namespace {

enum Col { kType, kTerritoryId, kTerritory, kLevel, kMeasureId, kMeasure, kIndicatorId, kIndicator, kSeries,
           kLabel, kValue, kKind, kQualifier, kUnit, kNote, kSource, kColumnCount };

std::string number_text(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

const char* kind_text(PointKind k) {
  switch (k) {
    case PointKind::observed: return "observe";
    case PointKind::target: return "objectif";
    case PointKind::estimate: return "estimation";
  }
  return "";
}

class RowWriter {
 public:
  RowWriter(const Project& p, std::vector<std::vector<std::string>>* rows) : p_(p), rows_(rows) {}

  void figures(const Territory& t) {
    for (const KeyFigure& f : t.figures) {
      std::vector<std::string> r(kColumnCount);
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
      rows_->push_back(std::move(r));
    }
  }

  void charts(const std::vector<Chart>& charts, const Territory* t) {
    for (const Chart& c : charts)
      for (const Series& s : c.series)
        for (const Point& pt : s.points) {
          std::vector<std::string> r(kColumnCount);
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
          rows_->push_back(std::move(r));
        }
  }

 private:
  void territory(const Territory& t, std::vector<std::string>* r) {
    (*r)[kTerritoryId] = t.id;
    (*r)[kTerritory] = t.name;
    (*r)[kLevel] = to_string(t.level);
  }
  void measure(const std::string& id, std::vector<std::string>* r) {
    if (id.empty()) return;
    (*r)[kMeasureId] = id;
    if (const Measure* m = p_.find_measure(id)) (*r)[kMeasure] = m->short_name;
  }

  const Project& p_;
  std::vector<std::vector<std::string>>* rows_;
};

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", u);
          out += buf;
        } else if (c == '<') {
          out += "\\u003c";  // harmless if the JSON is ever inlined in a page
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
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
  RowWriter w(project, &rows);
  for (const Territory& t : project.territories) {
    w.figures(t);
    w.charts(t.charts, &t);
  }
  for (const Theme& th : project.themes) w.charts(th.charts, project.nation());
  for (const Engagement& e : project.dossier.engagements) w.charts(e.charts, project.nation());
  for (const Note& n : project.notes) w.charts(n.charts, project.find_territory(n.territory));
  return rows;
}

std::string open_data_csv(const Project& project) {
  std::string out;
  const auto& cols = open_data_columns();
  for (size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + cols[i].name;
  out += "\r\n";
  for (const auto& row : open_data_rows(project)) {
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + csv_cell(row[i]);
    out += "\r\n";
  }
  return out;
}

std::string open_data_json(const Project& project) {
  const auto& cols = open_data_columns();
  std::string out = "{\n  \"title\": " + json_string(project.site.title) + ",\n  \"columns\": [\n";
  for (size_t i = 0; i < cols.size(); ++i) {
    out += "    {\"name\": " + json_string(cols[i].name) + ", \"description\": " + json_string(cols[i].description) +
           "}" + (i + 1 < cols.size() ? ",\n" : "\n");
  }
  out += "  ],\n  \"rows\": [";
  auto rows = open_data_rows(project);
  for (size_t r = 0; r < rows.size(); ++r) {
    out += r ? ",\n    {" : "\n    {";
    for (size_t i = 0; i < cols.size(); ++i) {
      out += (i ? ", " : "") + json_string(cols[i].name) + ": ";
      out += i == kValue ? rows[r][i] : json_string(rows[r][i]);
    }
    out += "}";
  }
  out += rows.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

}  // namespace bilan
