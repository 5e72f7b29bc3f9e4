#include "layout/map_geometry.h"

#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <utility>

#include "support/spelling.h"
#include "support/utf8.h"

namespace bilan {

namespace {

// ---------------------------------------------------------------------------
// A small JSON reader: values keep the byte offset where they start, so that
// shape errors point at the value. Enough for this asset (RFC 8259 syntax,
// numbers as double, \uXXXX escapes with surrogate pairs).

struct Json {
  enum Kind { null, boolean, number, string, array, object } kind = null;
  bool flag = false;
  double num = 0;
  std::string str;
  std::vector<Json> items;                            // array
  std::vector<std::pair<std::string, Json>> members;  // object, in file order
  std::vector<size_t> key_offsets;                     // where each member's key starts
  size_t offset = 0;
};

const char* kind_name(Json::Kind k) {
  switch (k) {
    case Json::null: return "null";
    case Json::boolean: return "a boolean";
    case Json::number: return "a number";
    case Json::string: return "a string";
    case Json::array: return "an array";
    case Json::object: return "an object";
  }
  return "a value";
}

class JsonParser {
 public:
  explicit JsonParser(const std::string& text) : s_(text) {}

  // Parses the whole text; on failure returns false with *err_offset and *err.
  bool parse(Json* out, size_t* err_offset, std::string* err) {
    skip_space();
    if (!value(out, 0)) {
      *err_offset = err_at_;
      *err = err_;
      return false;
    }
    skip_space();
    if (i_ != s_.size()) {
      *err_offset = i_;
      *err = "unexpected text after the JSON value";
      return false;
    }
    return true;
  }

 private:
  bool fail(size_t at, std::string message) {
    err_at_ = at;
    err_ = std::move(message);
    return false;
  }

  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }

  std::string found() const {
    if (i_ >= s_.size()) return "end of file";
    char c = s_[i_];
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) return "a non-ASCII character";
    return std::string("'") + c + "'";
  }

  bool value(Json* v, int depth) {
    if (depth > 64) return fail(i_, "nesting too deep");
    v->offset = i_;
    if (i_ >= s_.size()) return fail(i_, "expected a value, found end of file");
    char c = s_[i_];
    if (c == '{') return object(v, depth);
    if (c == '[') return array(v, depth);
    if (c == '"') {
      v->kind = Json::string;
      return string(&v->str);
    }
    if (c == '-' || (c >= '0' && c <= '9')) return number(v);
    for (const char* word : {"true", "false", "null"}) {
      size_t n = std::char_traits<char>::length(word);
      if (s_.compare(i_, n, word) == 0) {
        i_ += n;
        v->kind = word[0] == 'n' ? Json::null : Json::boolean;
        v->flag = word[0] == 't';
        return true;
      }
    }
    return fail(i_, "expected a value, found " + found());
  }

  bool object(Json* v, int depth) {
    v->kind = Json::object;
    ++i_;  // {
    skip_space();
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return true;
    }
    for (;;) {
      skip_space();
      if (i_ >= s_.size() || s_[i_] != '"') return fail(i_, "expected a key in double quotes, found " + found());
      size_t key_at = i_;
      std::string key;
      if (!string(&key)) return false;
      skip_space();
      if (i_ >= s_.size() || s_[i_] != ':') return fail(i_, "expected ':' after the key, found " + found());
      ++i_;
      skip_space();
      Json member;
      if (!value(&member, depth + 1)) return false;
      v->members.emplace_back(std::move(key), std::move(member));
      v->key_offsets.push_back(key_at);
      skip_space();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;
        return true;
      }
      return fail(i_, "expected ',' or '}' in object, found " + found());
    }
  }

  bool array(Json* v, int depth) {
    v->kind = Json::array;
    ++i_;  // [
    skip_space();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return true;
    }
    for (;;) {
      skip_space();
      Json item;
      if (!value(&item, depth + 1)) return false;
      v->items.push_back(std::move(item));
      skip_space();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == ']') {
        ++i_;
        return true;
      }
      return fail(i_, "expected ',' or ']' in array, found " + found());
    }
  }

  bool hex4(unsigned* out) {
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      if (i_ >= s_.size()) return fail(i_, "unterminated string");
      char c = s_[i_];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return fail(i_, "invalid \\u escape");
      v = v * 16 + static_cast<unsigned>(d);
      ++i_;
    }
    *out = v;
    return true;
  }

  bool string(std::string* out) {
    size_t start = i_;
    ++i_;  // "
    for (;;) {
      if (i_ >= s_.size()) return fail(start, "unterminated string");
      unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < 0x20) return fail(i_, "control character in string");
      if (c != '\\') {
        *out += static_cast<char>(c);
        ++i_;
        continue;
      }
      size_t esc_at = i_;
      ++i_;
      if (i_ >= s_.size()) return fail(start, "unterminated string");
      char e = s_[i_++];
      switch (e) {
        case '"': *out += '"'; break;
        case '\\': *out += '\\'; break;
        case '/': *out += '/'; break;
        case 'b': *out += '\b'; break;
        case 'f': *out += '\f'; break;
        case 'n': *out += '\n'; break;
        case 'r': *out += '\r'; break;
        case 't': *out += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(&cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF && s_.compare(i_, 2, "\\u") == 0) {
            i_ += 2;
            unsigned low = 0;
            if (!hex4(&low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return fail(esc_at, "invalid surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            return fail(esc_at, "invalid surrogate pair");
          }
          append_utf8(static_cast<char32_t>(cp), out);
          break;
        }
        default: return fail(esc_at, std::string("invalid escape '\\") + e + "'");
      }
    }
  }

  bool number(Json* v) {
    size_t start = i_;
    if (s_[i_] == '-') ++i_;
    auto digits = [&] {
      size_t from = i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      return i_ > from;
    };
    if (i_ < s_.size() && s_[i_] == '0') {
      ++i_;
    } else if (!digits()) {
      return fail(start, "invalid number");
    }
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (!digits()) return fail(start, "invalid number");
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!digits()) return fail(start, "invalid number");
    }
    v->kind = Json::number;
    v->num = std::strtod(s_.substr(start, i_ - start).c_str(), nullptr);
    return true;
  }

  const std::string& s_;
  size_t i_ = 0;
  size_t err_at_ = 0;
  std::string err_;
};

// ---------------------------------------------------------------------------
// Shape checks, reporting at the offending value.

class ShapeReader {
 public:
  ShapeReader(const std::string& path, const std::string& text, Diagnostics* diags)
      : path_(path), text_(text), diags_(diags) {}

  void error(size_t offset, std::string message) {
    SourcePos pos;
    pos.file = path_;
    line_column(text_, offset, &pos.line, &pos.column);
    diags_->push_back({pos, std::move(message)});
    ++errors_;
  }
  int errors() const { return errors_; }

  bool expect(const Json& v, Json::Kind kind, const std::string& what) {
    if (v.kind == kind) return true;
    error(v.offset, what + " must be " + kind_name(kind) + ", not " + kind_name(v.kind));
    return false;
  }

  // The members of `obj` by key. Reports unknown keys (with a suggestion)
  // and missing required ones.
  std::map<std::string, const Json*> members(const Json& obj, const std::string& what,
                                             const std::vector<std::string>& required,
                                             const std::vector<std::string>& optional) {
    std::map<std::string, const Json*> out;
    std::vector<std::string> known = required;
    known.insert(known.end(), optional.begin(), optional.end());
    for (size_t k = 0; k < obj.members.size(); ++k) {
      const std::string& key = obj.members[k].first;
      bool ok = false;
      for (const std::string& n : known) ok = ok || n == key;
      if (!ok) {
        error(obj.key_offsets[k], "unknown key '" + key + "' in " + what + did_you_mean(key, known));
        continue;
      }
      if (out.count(key)) error(obj.key_offsets[k], "duplicate key '" + key + "' in " + what);
      out[key] = &obj.members[k].second;
    }
    for (const std::string& n : required)
      if (!out.count(n)) error(obj.offset, "missing key '" + n + "' in " + what);
    return out;
  }

  std::string string_of(const std::map<std::string, const Json*>& m, const std::string& key,
                        const std::string& what) {
    auto it = m.find(key);
    if (it == m.end() || !expect(*it->second, Json::string, "'" + key + "' of " + what)) return "";
    return it->second->str;
  }

  double positive_of(const std::map<std::string, const Json*>& m, const std::string& key, const std::string& what) {
    auto it = m.find(key);
    if (it == m.end() || !expect(*it->second, Json::number, "'" + key + "' of " + what)) return 0;
    if (!(it->second->num > 0)) {
      error(it->second->offset, "'" + key + "' of " + what + " must be positive");
      return 0;
    }
    return it->second->num;
  }

 private:
  const std::string& path_;
  const std::string& text_;
  Diagnostics* diags_;
  int errors_ = 0;
};

bool is_whole(double v) { return std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e9; }

const std::vector<MapPoint>& arc_of(const MapGeometry& geo, int ref) { return geo.arcs[ref < 0 ? ~ref : ref]; }

MapPoint arc_start(const MapGeometry& geo, int ref) {
  const std::vector<MapPoint>& a = arc_of(geo, ref);
  return ref < 0 ? a.back() : a.front();
}

MapPoint arc_end(const MapGeometry& geo, int ref) {
  const std::vector<MapPoint>& a = arc_of(geo, ref);
  return ref < 0 ? a.front() : a.back();
}

bool same_point(const MapPoint& a, const MapPoint& b) { return a.x == b.x && a.y == b.y; }

}  // namespace

const MapDepartement* MapGeometry::find(const std::string& code) const {
  for (const MapDepartement& d : departements)
    if (d.code == code) return &d;
  return nullptr;
}

const MapArea* MapGeometry::find_area(const std::string& id) const {
  for (const MapArea& a : areas)
    if (a.id == id) return &a;
  return nullptr;
}

namespace {

bool parse_map_geometry(const std::string& path, const std::string& text, MapGeometry* geo, Diagnostics* diags);

bool read_map_geometry(const FileSystem& fs, const std::string& path, std::string* text, Diagnostics* diags) {
  std::string err;
  if (fs.read(path, text, &err)) return true;
  diags->push_back({SourcePos{path, 0, 0}, "cannot read the map geometry: " + err});
  return false;
}

}  // namespace

bool load_map_geometry(const FileSystem& fs, const std::string& path, MapGeometry* geo, Diagnostics* diags) {
  *geo = MapGeometry();
  std::string text;
  return read_map_geometry(fs, path, &text, diags) && parse_map_geometry(path, text, geo, diags);
}

std::shared_ptr<const MapGeometry> shared_map_geometry(const FileSystem& fs, const std::string& path,
                                                       Diagnostics* diags) {
  std::string text;
  if (!read_map_geometry(fs, path, &text, diags)) return nullptr;
  // The last good parse, by path and bytes. The lock is held while parsing:
  // a second renderer asking for the same file waits for the parse rather
  // than doing it again.
  static std::mutex mu;
  static std::string last_path, last_text;
  static std::shared_ptr<const MapGeometry> last;
  std::lock_guard<std::mutex> lock(mu);
  if (last && last_path == path && last_text == text) return last;
  auto geo = std::make_shared<MapGeometry>();
  if (!parse_map_geometry(path, text, geo.get(), diags)) return nullptr;
  last_path = path;
  last_text = std::move(text);
  last = geo;
  return geo;
}

namespace {

bool parse_map_geometry(const std::string& path, const std::string& text, MapGeometry* geo, Diagnostics* diags) {
  std::string err;
  Json root;
  size_t at = 0;
  if (!JsonParser(text).parse(&root, &at, &err)) {
    SourcePos pos;
    pos.file = path;
    line_column(text, at, &pos.line, &pos.column);
    diags->push_back({pos, err});
    return false;
  }
  ShapeReader r(path, text, diags);
  if (!r.expect(root, Json::object, "the map geometry")) return false;
  auto top = r.members(root, "the map geometry", {"source", "licence", "credit", "unit_m", "areas", "departements", "arcs"},
                       {"made_by", "tolerance_m", "projection", "coordinates"});
  geo->source = r.string_of(top, "source", "the map geometry");
  geo->licence = r.string_of(top, "licence", "the map geometry");
  geo->credit = r.string_of(top, "credit", "the map geometry");
  geo->unit_m = r.positive_of(top, "unit_m", "the map geometry");

  // Arcs first: départements refer to them.
  if (top.count("arcs") && r.expect(*top["arcs"], Json::array, "'arcs'")) {
    for (size_t i = 0; i < top["arcs"]->items.size(); ++i) {
      const Json& a = top["arcs"]->items[i];
      std::string what = "arc " + std::to_string(i);
      std::vector<MapPoint> points;
      if (r.expect(a, Json::array, what)) {
        if (a.items.size() < 4 || a.items.size() % 2 != 0) {
          r.error(a.offset, what + " must list x, y pairs of at least two points");
        }
        for (size_t k = 0; k + 1 < a.items.size(); k += 2) {
          const Json& x = a.items[k];
          const Json& y = a.items[k + 1];
          if (!r.expect(x, Json::number, "a coordinate of " + what) || !r.expect(y, Json::number, "a coordinate of " + what))
            break;
          points.push_back({x.num, y.num});
        }
      }
      geo->arcs.push_back(std::move(points));
    }
  }

  if (top.count("areas") && r.expect(*top["areas"], Json::array, "'areas'")) {
    for (const Json& a : top["areas"]->items) {
      if (!r.expect(a, Json::object, "an area")) continue;
      auto m = r.members(a, "an area", {"id", "name", "inset", "width", "height"}, {});
      MapArea area;
      area.id = r.string_of(m, "id", "an area");
      area.name = r.string_of(m, "name", "area '" + area.id + "'");
      if (m.count("inset") && r.expect(*m["inset"], Json::boolean, "'inset' of area '" + area.id + "'"))
        area.inset = m["inset"]->flag;
      area.width = r.positive_of(m, "width", "area '" + area.id + "'");
      area.height = r.positive_of(m, "height", "area '" + area.id + "'");
      if (geo->find_area(area.id)) r.error(a.offset, "duplicate area '" + area.id + "'");
      geo->areas.push_back(std::move(area));
    }
    if (geo->areas.empty()) r.error(top["areas"]->offset, "'areas' must list at least one area");
  }

  if (top.count("departements") && r.expect(*top["departements"], Json::array, "'departements'")) {
    std::vector<std::string> area_ids;
    for (const MapArea& a : geo->areas) area_ids.push_back(a.id);
    for (const Json& d : top["departements"]->items) {
      if (!r.expect(d, Json::object, "a département")) continue;
      auto m = r.members(d, "a département", {"code", "name", "area", "rings"}, {});
      MapDepartement dep;
      dep.code = r.string_of(m, "code", "a département");
      std::string what = "département '" + dep.code + "'";
      dep.name = r.string_of(m, "name", what);
      dep.area = r.string_of(m, "area", what);
      if (m.count("area") && m["area"]->kind == Json::string && !geo->find_area(dep.area))
        r.error(m["area"]->offset, "unknown area '" + dep.area + "' in " + what + did_you_mean(dep.area, area_ids));
      if (geo->find(dep.code)) r.error(d.offset, "duplicate département '" + dep.code + "'");
      if (m.count("rings") && r.expect(*m["rings"], Json::array, "'rings' of " + what)) {
        for (const Json& ring : m["rings"]->items) {
          if (!r.expect(ring, Json::array, "a ring of " + what)) continue;
          std::vector<int> refs;
          bool ok = !ring.items.empty();
          if (!ok) r.error(ring.offset, "a ring of " + what + " is empty");
          for (const Json& ref : ring.items) {
            long n = geo->arcs.size();
            if (ref.kind != Json::number || !is_whole(ref.num) || ref.num >= n || ref.num < -n) {
              r.error(ref.offset, "arc reference out of range in " + what + " (there are " + std::to_string(n) +
                                      " arcs; ~i is written -i-1)");
              ok = false;
              continue;
            }
            int v = static_cast<int>(ref.num);
            if (arc_of(*geo, v).size() < 2) ok = false;  // already reported with the arc
            refs.push_back(v);
          }
          if (ok) {
            for (size_t k = 0; k < refs.size(); ++k) {
              if (!same_point(arc_end(*geo, refs[k]), arc_start(*geo, refs[(k + 1) % refs.size()]))) {
                r.error(ring.items[k].offset, "a ring of " + what + " does not close: arc " +
                                                  std::to_string(refs[k]) + " does not end where the next starts");
                ok = false;
                break;
              }
            }
          }
          dep.rings.push_back(std::move(refs));
        }
      }
      geo->departements.push_back(std::move(dep));
    }
  }
  return r.errors() == 0;
}

}  // namespace

std::vector<MapPoint> ring_points(const MapGeometry& geo, const std::vector<int>& ring) {
  std::vector<MapPoint> out;
  for (int ref : ring) {
    const std::vector<MapPoint>& a = arc_of(geo, ref);
    size_t n = a.size();
    // Every arc but its last point: the next arc starts there.
    for (size_t k = 0; k + 1 < n; ++k) out.push_back(ref < 0 ? a[n - 1 - k] : a[k]);
  }
  return out;
}

std::vector<std::vector<int>> merged_rings(const MapGeometry& geo,
                                           const std::vector<const MapDepartement*>& departements) {
  std::map<int, int> uses;
  std::vector<int> refs;
  for (const MapDepartement* d : departements)
    for (const std::vector<int>& ring : d->rings)
      for (int ref : ring) {
        ++uses[ref < 0 ? ~ref : ref];
        refs.push_back(ref);
      }
  // The outline's arcs, by start point; taken in first-use order so that the
  // output does not depend on map ordering of points.
  std::map<std::pair<double, double>, std::vector<size_t>> by_start;
  std::vector<int> outline;
  for (int ref : refs)
    if (uses[ref < 0 ? ~ref : ref] == 1) {
      MapPoint s = arc_start(geo, ref);
      by_start[{s.x, s.y}].push_back(outline.size());
      outline.push_back(ref);
    }
  std::vector<bool> used(outline.size(), false);
  std::vector<std::vector<int>> rings;
  for (size_t first = 0; first < outline.size(); ++first) {
    if (used[first]) continue;
    std::vector<int> ring;
    size_t at = first;
    MapPoint start = arc_start(geo, outline[first]);
    for (;;) {
      used[at] = true;
      ring.push_back(outline[at]);
      MapPoint end = arc_end(geo, outline[at]);
      if (same_point(end, start)) break;
      size_t next = outline.size();
      for (size_t candidate : by_start[{end.x, end.y}])
        if (!used[candidate]) {
          next = candidate;
          break;
        }
      if (next == outline.size()) break;  // cannot happen with closed départements; stop rather than loop
      at = next;
    }
    rings.push_back(std::move(ring));
  }
  return rings;
}

void check_map_coverage(const Project& project, const MapGeometry& geo, const std::string& geometry_path,
                        Diagnostics* diags) {
  for (const Territory* t : project.regions()) {
    std::set<std::string> areas;
    for (const Departement& d : t->departements) {
      const MapDepartement* m = geo.find(d.code);
      if (!m) {
        diags->push_back({t->pos, "département '" + d.code + "' of region '" + t->id + "' is not in " + geometry_path});
        continue;
      }
      areas.insert(m->area);
    }
    if (areas.size() > 1)
      diags->push_back({t->pos, "the départements of region '" + t->id + "' lie in more than one map area"});
  }
}

}  // namespace bilan
