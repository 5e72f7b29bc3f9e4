#include "load/schema.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace bilan {

const FieldSpec* Shape::find(std::string_view key) const {
  for (const auto& f : fields)
    if (f.key == key) return &f;
  return nullptr;
}

std::vector<std::string> Shape::keys() const {
  std::vector<std::string> out;
  for (const auto& f : fields) out.push_back(f.key);
  return out;
}

namespace {

ValueType text() { return {}; }
ValueType choice(std::vector<std::string> c) {
  ValueType t;
  t.choices = std::move(c);
  return t;
}
ValueType integer(double min = -1e300) {
  ValueType t;
  t.kind = ValueKind::integer;
  t.minimum = min;
  return t;
}
ValueType number(double min = -1e300) {
  ValueType t;
  t.kind = ValueKind::number;
  t.minimum = min;
  return t;
}
ValueType boolean() {
  ValueType t;
  t.kind = ValueKind::boolean;
  return t;
}
ValueType object(const Shape& s) {
  ValueType t;
  t.kind = ValueKind::object;
  t.shape = &s;
  return t;
}
ValueType list(ValueType item) {
  ValueType t;
  t.kind = ValueKind::list;
  t.item = std::make_shared<ValueType>(std::move(item));
  return t;
}
ValueType map(ValueType item) {
  ValueType t;
  t.kind = ValueKind::map;
  t.item = std::make_shared<ValueType>(std::move(item));
  return t;
}
ValueType figure() {
  ValueType t;
  t.kind = ValueKind::figure;
  return t;
}

FieldSpec req(std::string key, ValueType type, std::string doc) { return {std::move(key), std::move(type), true, std::move(doc)}; }
FieldSpec opt(std::string key, ValueType type, std::string doc) { return {std::move(key), std::move(type), false, std::move(doc)}; }

ContentSchema build() {
  ContentSchema s;
  s.contact = {"contact", "a block of contact lines", {
      req("label", text(), "heading of the block (\"Contact presse\")"),
      opt("lines", list(text()), "lines of the block: name, e-mail, phone, web site")}};
  s.site = {"site", "site-wide settings and texts (content/site.yaml)", {
      req("title", text(), "site and brochure title"),
      opt("tagline", text(), "subtitle"),
      opt("ministry", list(text()), "lines of the ministry block"),
      opt("base_url", text(), "absolute URL where the site is published, for sitemap.xml"),
      opt("language", text(), "language tag, default fr"),
      opt("about", text(), "Markdown file beside site.yaml: the pact in a few sentences"),
      opt("contacts", list(object(s.contact)), "back-cover contacts")}};
  s.figure_field = {"figure_field", "one kind of figure a measure reports", {
      req("id", text(), "key used in key_figures"),
      req("label", text(), "label printed after the number"),
      opt("prefix", text(), "words printed before the number (\"déjà\")"),
      opt("at_most", text(), "id of another field this one may not exceed")}};
  s.measure = {"measure", "a measure of the pact", {
      req("id", text(), "identifier (cesp, ptmg, ...)"),
      req("short_name", text(), "acronym or short name"),
      req("long_name", text(), "full name"),
      opt("description", text(), "one sentence for readers"),
      req("color", text(), "theme colour, #rrggbb"),
      opt("pictogram", text(), "SVG file under assets/"),
      opt("key", boolean(), "part of the CHIFFRES CLÉS block"),
      req("fields", list(object(s.figure_field)), "figures it reports, headline first")}};
  s.measures = {"measures", "the measures (content/measures.yaml)", {
      req("measures", list(object(s.measure)), "measures in display order")}};
  s.figure = {"figure", "a figure with a qualifier", {
      req("value", number(0), "the number as published"),
      opt("qualifier", text(), "\"près de\", \"plus de\" when the source rounds")}};
  s.point = {"point", "one point of a series", {
      req("label", text(), "x label as printed (\"2016\", \"Oct 2013\")"),
      req("value", number(), "value in the chart's unit"),
      opt("kind", choice({"observed", "target", "estimate"}), "observed (default), target (objectif) or estimate"),
      opt("note", text(), "label printed with the point (\"estimation 2015\")")}};
  s.series = {"series", "one series of a chart", {
      opt("name", text(), "legend name"),
      req("points", list(object(s.point)), "points in display order")}};
  s.chart = {"chart", "a chart", {
      req("id", text(), "identifier, unique within its file"),
      req("kind", choice({"bars", "comparison", "cumulative", "grouped"}), "chart kind"),
      req("title", text(), "title as printed"),
      opt("caption", text(), "sentence printed with the chart"),
      opt("measure", text(), "measure id, for the colour"),
      opt("unit", text(), "unit of the values"),
      opt("growth", text(), "growth label as printed (\"x 3,5\")"),
      opt("note", text(), "footnote"),
      opt("source", text(), "source line as printed (\"source : DGOS\")"),
      opt("series", list(object(s.series)), "series (or `points` for one series)"),
      opt("points", list(object(s.point)), "points of a single series")}};
  s.departement = {"departement", "a département of a region", {
      req("code", text(), "INSEE code (\"35\", \"2A\", \"974\")"),
      req("name", text(), "name as printed on the map"),
      opt("towns", list(text()), "towns printed on the map")}};
  s.territory = {"territory", "a territory: the nation, a region or a département", {
      req("id", text(), "slug; for regions, the folder name"),
      req("level", choice({"nation", "region", "former_region", "departement", "local"}), "level"),
      req("name", text(), "name"),
      opt("name_in", text(), "heading form (\"en Bretagne\")"),
      opt("parent", text(), "id of the enclosing territory"),
      opt("order", integer(), "position in the brochure"),
      opt("overseas", boolean(), "an overseas region (DROM)"),
      opt("population", integer(0), "inhabitants, when the source gives it"),
      opt("intro", text(), "Markdown file of the intro narrative, relative to this file"),
      opt("figures_source", text(), "source line of the key figures"),
      opt("key_figures", map(map(figure())), "measure -> field -> value"),
      opt("charts", list(object(s.chart)), "charts; the first is the highlight chart"),
      opt("departements", list(object(s.departement)), "départements in map order")}};
  s.example = {"example", "an EXEMPLE territory (front matter of regions/<id>/examples/*.md)", {
      req("name", text(), "name of the territory"),
      opt("population", integer(0), "inhabitants as printed \"(12 572 h)\""),
      opt("departement", text(), "code of one of the region's départements"),
      opt("measures", list(text()), "measure ids the text is about"),
      opt("order", integer(), "position among the region's examples")}};
  s.highlight = {"highlight", "a big-number block", {
      opt("value", number(0), "the number"),
      opt("qualifier", text(), "\"près de\", \"plus de\""),
      req("text", text(), "the words after the number"),
      opt("measure", text(), "measure id, for the colour")}};
  s.theme = {"theme", "a national theme (front matter of themes/*.md)", {
      req("id", text(), "slug"),
      req("order", integer(), "position in the national section"),
      req("title", text(), "title"),
      opt("measures", list(text()), "measure ids presented"),
      opt("highlights", list(object(s.highlight)), "big-number blocks"),
      opt("charts", list(object(s.chart)), "charts")}};
  s.note = {"note", "a regional note (front matter of notes/*.md)", {
      req("id", text(), "slug"),
      req("title", text(), "title"),
      opt("kind", text(), "\"Communiqué de presse\""),
      opt("date", text(), "date as printed"),
      req("territory", text(), "id of the territory it is about"),
      opt("charts", list(object(s.chart)), "charts")}};
  s.axis = {"axis", "an axis of the Pacte 2", {
      req("id", text(), "\"I\", \"II\""),
      req("title", text(), "title"),
      opt("groups", list(text()), "sub-headings of its engagements")}};
  s.dossier = {"dossier", "the Pacte 2 dossier (content/pacte2/dossier.yaml)", {
      req("title", text(), "title"),
      opt("subtitle", text(), "subtitle"),
      opt("foreword", text(), "Markdown file of the foreword"),
      opt("signature", text(), "who signs the foreword"),
      req("axes", list(object(s.axis)), "axes")}};
  s.engagement = {"engagement", "an engagement (front matter of pacte2/engagements/*.md)", {
      req("number", integer(1), "number, 1 to 10"),
      req("axis", text(), "axis id"),
      opt("group", text(), "one of the axis groups"),
      req("title", text(), "title"),
      opt("charts", list(object(s.chart)), "\"le bilan depuis 2012\" charts")}};
  s.document_section = {"document_section", "a section of a publication", {
      req("kind", choice({"cover", "contents", "themes", "regions", "territory", "dossier", "note", "back_cover"}),
          "section kind"),
      opt("title", text(), "heading, for the sommaire and bookmarks"),
      opt("refs", list(text()), "ids shown (themes, regions); default all")}};
  s.document = {"document", "a publication (content/documents/*.yaml)", {
      req("id", text(), "slug and PDF file name; {id} is replaced for `each` documents"),
      req("title", text(), "title; {name} is replaced for `each` documents"),
      opt("subtitle", text(), "subtitle"),
      opt("date", text(), "date as printed"),
      opt("each", choice({"", "region", "note"}), "one document per region or note"),
      req("sections", list(object(s.document_section)), "sections in order")}};
  s.font_files = {"font_files", "the four styles of a font", {
      req("regular", text(), "TTF file"),
      req("bold", text(), "TTF file"),
      req("italic", text(), "TTF file"),
      req("bold_italic", text(), "TTF file")}};
  s.style = {"style", "the look of the publications (assets/style.yaml)", {
      req("text_font", object(s.font_files), "text font"),
      req("fallback_font", object(s.font_files), "font for glyphs the text font lacks"),
      opt("colors", map(text()), "named colours, #rrggbb"),
      opt("sizes", map(number()), "named sizes in points")}};
  return s;
}

}  // namespace

const ContentSchema& content_schema() {
  // Built on first use; the shapes point at each other, so the object must not move.
  static const ContentSchema* schema = new ContentSchema(build());
  return *schema;
}

std::vector<FileKind> file_kinds() {
  const ContentSchema& s = content_schema();
  return {
      {&s.site, "content/site.yaml", false},
      {&s.measures, "content/measures.yaml", false},
      {&s.territory, "content/national.yaml", false},
      {&s.territory, "content/regions/*/region.yaml", false},
      {&s.territory, "content/territories/*.yaml", false},
      {&s.example, "content/regions/*/examples/*.md", true},
      {&s.theme, "content/themes/*.md", true},
      {&s.note, "content/notes/*.md", true},
      {&s.dossier, "content/pacte2/dossier.yaml", false},
      {&s.engagement, "content/pacte2/engagements/*.md", true},
      {&s.document, "content/documents/*.yaml", false},
      {&s.style, "assets/style.yaml", false},
  };
}

namespace {

// A JSON value, just enough to write schemas: members keep their order so
// the files read like the tables above, and diffs of the committed files stay
// small.
struct Json {
  enum Kind { string, number, boolean, array, object } kind = object;
  std::string text;  // string; number as written
  bool flag = false;
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;

  static Json str(std::string s) {
    Json j;
    j.kind = string;
    j.text = std::move(s);
    return j;
  }
  static Json num(double v) {
    Json j;
    j.kind = number;
    j.text = fmt::format("{}", v);  // shortest form: 0, 1, 0.5
    return j;
  }
  static Json boolean_value(bool b) {
    Json j;
    j.kind = boolean;
    j.flag = b;
    return j;
  }
  static Json list(std::vector<Json> v) {
    Json j;
    j.kind = array;
    j.items = std::move(v);
    return j;
  }
  Json& add(std::string key, Json value) {
    members.emplace_back(std::move(key), std::move(value));
    return *this;
  }
};

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (u < 0x20) out += fmt::format("\\u{:04x}", u);
    else out += c;
  }
  return out + "\"";
}

// Short values (no object inside, at most 100 characters) stay on one line.
bool is_flat(const Json& j) {
  if (j.kind == Json::object) return false;
  if (j.kind == Json::array)
    for (const auto& i : j.items)
      if (i.kind == Json::object || i.kind == Json::array) return false;
  return true;
}

void write(const Json& j, int indent, std::string* out) {
  std::string pad(indent, ' ');
  switch (j.kind) {
    case Json::string: *out += quote(j.text); return;
    case Json::number: *out += j.text; return;
    case Json::boolean: *out += j.flag ? "true" : "false"; return;
    case Json::array: {
      if (is_flat(j)) {
        *out += "[";
        for (size_t i = 0; i < j.items.size(); ++i) {
          if (i) *out += ", ";
          write(j.items[i], 0, out);
        }
        *out += "]";
        return;
      }
      *out += "[\n";
      for (size_t i = 0; i < j.items.size(); ++i) {
        *out += pad + "  ";
        write(j.items[i], indent + 2, out);
        *out += i + 1 < j.items.size() ? ",\n" : "\n";
      }
      *out += pad + "]";
      return;
    }
    case Json::object: {
      if (j.members.empty()) {
        *out += "{}";
        return;
      }
      *out += "{\n";
      for (size_t i = 0; i < j.members.size(); ++i) {
        *out += pad + "  " + quote(j.members[i].first) + ": ";
        write(j.members[i].second, indent + 2, out);
        *out += i + 1 < j.members.size() ? ",\n" : "\n";
      }
      *out += pad + "}";
      return;
    }
  }
}

Json ref(const Shape& s, std::set<const Shape*>* defs) {
  defs->insert(&s);
  return Json().add("$ref", Json::str("#/$defs/" + s.name));
}

// The schema of one value. It accepts what the loader accepts (yaml_check.cc),
// read by a YAML 1.2 parser as an editor's YAML extension does.
Json value_schema(const ValueType& t, std::set<const Shape*>* defs) {
  switch (t.kind) {
    case ValueKind::text: {
      if (!t.choices.empty()) {
        std::vector<Json> c;
        for (const auto& x : t.choices) c.push_back(Json::str(x));
        return Json().add("enum", Json::list(std::move(c)));
      }
      // Any scalar: `date: 2016` is text to the loader.
      return Json().add("type", Json::list({Json::str("string"), Json::str("number"), Json::str("boolean")}));
    }
    case ValueKind::integer:
    case ValueKind::number: {
      Json j;
      j.add("type", Json::str(t.kind == ValueKind::integer ? "integer" : "number"));
      if (t.minimum > -1e299) j.add("minimum", Json::num(t.minimum));
      return j;
    }
    case ValueKind::boolean:
      return Json().add("type", Json::str("boolean"));
    case ValueKind::figure: {
      ValueType n;
      n.kind = ValueKind::number;
      n.minimum = 0;
      return Json().add("oneOf", Json::list({value_schema(n, defs), ref(content_schema().figure, defs)}));
    }
    case ValueKind::object:
      return ref(*t.shape, defs);
    case ValueKind::list:
      return Json().add("type", Json::str("array")).add("items", value_schema(*t.item, defs));
    case ValueKind::map:
      return Json().add("type", Json::str("object")).add("additionalProperties", value_schema(*t.item, defs));
  }
  return Json();
}

// The members of an object schema for `shape` (after any header members).
void object_members(const Shape& shape, std::set<const Shape*>* defs, Json* j) {
  j->add("type", Json::str("object"));
  j->add("description", Json::str(shape.doc));
  j->add("additionalProperties", Json::boolean_value(false));
  Json props;
  std::vector<Json> required;
  for (const auto& f : shape.fields) {
    Json v = value_schema(f.type, defs);
    Json p;
    p.add("description", Json::str(f.doc));
    if (f.required) {
      required.push_back(Json::str(f.key));
      for (auto& m : v.members) p.members.push_back(std::move(m));
    } else {
      // The loader takes an optional key written without a value (`key:`)
      // as absent.
      p.add("anyOf", Json::list({std::move(v), Json().add("type", Json::str("null"))}));
    }
    props.add(f.key, std::move(p));
  }
  j->add("properties", std::move(props));
  if (!required.empty()) j->add("required", Json::list(std::move(required)));
}

}  // namespace

std::string json_schema(const Shape& shape) {
  std::set<const Shape*> defs;
  Json top;
  top.add("$schema", Json::str("https://json-schema.org/draft/2020-12/schema"));
  top.add("$id", Json::str(schema_file_name(shape)));
  top.add("title", Json::str(shape.name));
  object_members(shape, &defs, &top);
  // Definitions can refer to further definitions: expand until stable, then
  // write them sorted by name.
  std::map<std::string, Json> written;
  std::set<const Shape*> done;
  while (true) {
    std::vector<const Shape*> todo;
    for (const Shape* d : defs)
      if (!done.count(d)) todo.push_back(d);
    if (todo.empty()) break;
    for (const Shape* d : todo) {
      Json def;
      object_members(*d, &defs, &def);
      written[d->name] = std::move(def);
      done.insert(d);
    }
  }
  if (!written.empty()) {
    Json all;
    for (auto& [name, def] : written) all.add(name, std::move(def));
    top.add("$defs", std::move(all));
  }
  std::string out;
  write(top, 0, &out);
  return out + "\n";
}

std::string schema_file_name(const Shape& shape) { return shape.name + ".schema.json"; }

std::string schema_catalog() {
  // One entry per shape, with every glob it applies to, in file_kinds() order.
  std::vector<const FileKind*> firsts;
  std::map<const Shape*, std::vector<Json>> globs;
  std::vector<FileKind> kinds = file_kinds();
  for (const auto& k : kinds) {
    if (!globs.count(k.shape)) firsts.push_back(&k);
    globs[k.shape].push_back(Json::str(k.glob));
  }
  std::vector<Json> entries;
  for (const FileKind* k : firsts) {
    Json e;
    e.add("name", Json::str("bilan " + k->shape->name));
    e.add("description", Json::str(k->shape->doc));
    e.add("fileMatch", Json::list(globs[k->shape]));
    e.add("url", Json::str(schema_file_name(*k->shape)));
    e.add("frontMatter", Json::boolean_value(k->front_matter));
    entries.push_back(std::move(e));
  }
  Json top;
  top.add("$schema", Json::str("https://json.schemastore.org/schema-catalog.json"));
  top.add("version", Json::num(1));
  top.add("schemas", Json::list(std::move(entries)));
  std::string out;
  write(top, 0, &out);
  return out + "\n";
}

}  // namespace bilan
