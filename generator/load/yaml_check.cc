#include "load/yaml_check.h"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <sstream>
#include <unordered_map>
#include <utility>
#include <vector>

#include "load/yaml_subset.h"
#include "support/spelling.h"

namespace bilan {

SourcePos YamlDoc::pos(const YamlMark& mark) const {
  SourcePos p;
  p.file = path;
  if (mark.line >= 0) {
    p.line = mark.line + 1 + line_offset;
    p.column = mark.column + 1;
  }
  return p;
}

namespace {

YamlMark mark_of(const YAML::Mark& m) { return {m.line, m.column}; }

// yaml-cpp recurses once per nesting level and has no limit of its own, so a
// file of 100 000 '[' would exhaust the stack. Count the depth before parsing
// (flow brackets and block indentation both), outside quotes and comments.
// Every byte of every file goes through here: ordinary bytes outside quotes
// and comments are skipped in a tight loop.
bool nesting_ok(const std::string& text, int* line, int* column) {
  // The bytes that matter outside quotes and comments.
  static const std::array<bool, 256> special = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {'\n', '#', '"', '\'', '[', '{', ']', '}'}) t[c] = true;
    return t;
  }();
  const size_t n = text.size();
  int depth = 0;
  int ln = 1;
  size_t line_start = 0;
  char quote = 0;
  bool comment = false;
  size_t i = 0;
  while (i < n) {
    char c = text[i];
    if (c == '\n') {
      ++ln, line_start = i + 1, comment = false;  // a quote may span lines
      ++i;
      continue;
    }
    if (comment) {
      size_t eol = text.find('\n', i);
      i = eol == std::string::npos ? n : eol;
      continue;
    }
    if (quote) {
      if (c == quote) quote = 0;
      else if (c == '\\' && quote == '"') ++i;  // the escaped byte is skipped, even a line end
      ++i;
      if (quote)
        while (i < n && text[i] != quote && text[i] != '\n' && !(quote == '"' && text[i] == '\\')) ++i;
      continue;
    }
    if (c == '#' && (i == line_start || text[i - 1] == ' ')) {
      comment = true;
      ++i;
      continue;
    }
    if (c == '"' || c == '\'') {
      // A quote starts a scalar only at the start of a value.
      if (i == line_start || text[i - 1] == ' ' || text[i - 1] == '[' || text[i - 1] == '{' || text[i - 1] == ',')
        quote = c;
      ++i;
      continue;
    }
    if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) {
        *line = ln, *column = static_cast<int>(i - line_start) + 1;
        return false;
      }
    } else if (c == ']' || c == '}') {
      if (depth > 0) --depth;
    }
    // Block nesting: indentation of 2 per level is the common case; a line
    // indented by more than kMaxNesting*4 columns is refused too.
    if (i == line_start) {
      size_t k = i;
      while (k < n && (text[k] == ' ' || text[k] == '-')) ++k;
      if (static_cast<int>(k - line_start) > kMaxNesting * 4) {
        *line = ln, *column = 1;
        return false;
      }
    }
    ++i;
    while (i < n && !special[static_cast<unsigned char>(text[i])]) ++i;
  }
  return true;
}

std::string short_text(std::string s) {
  if (s.size() > 40) s = s.substr(0, 40) + "...";
  return s;
}

// yaml-cpp's parser builds the tree of the first document, event by event,
// and watches for what yaml-cpp accepts but the content must not hold:
//  - aliases ("*name"): followed, a few kilobytes of nested aliases expand
//    to billions of nodes ("billion laughs"), and the content never needs
//    them;
//  - a second document, which the tree (of the first document) would
//    silently leave out;
//  - a quote never closed, which yaml-cpp ends at the end of the file.
class EventChecker : public YAML::EventHandler {
 public:
  const std::string& text;
  YamlTreeBuilder* builder;  // fed the first document's events
  int documents = 0;
  YAML::Mark second_document, alias, open_quote;
  bool has_alias = false;
  char unclosed = 0;  // the quote of the first quoted scalar that is never closed
  // The last quoted scalar spanning lines: a quote left open by mistake runs
  // to the next quote of the file, and the syntax error comes much later.
  YAML::Mark multiline_quote;
  int multiline_quote_end = -1;  // 0-based line of its closing quote

  // yaml-cpp's mark positions do not count a byte order mark.
  size_t bom;

  EventChecker(const std::string& t, YamlTreeBuilder* b)
      : text(t), builder(b), bom(t.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0) {}
  bool building() const { return documents == 1; }
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents == 2) second_document = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override {
    if (building()) builder->null(mark.line, mark.column);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    if (!has_alias) has_alias = true, alias = mark;
    if (building()) builder->null(mark.line, mark.column);  // the document is refused anyway
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t, const std::string& value) override {
    if (building()) builder->scalar(mark.line, mark.column, value);
    // A quoted scalar never closed takes in every line below it. "!" is
    // yaml-cpp's tag for a quoted scalar.
    if (unclosed || tag != "!" || mark.pos < 0) return;
    size_t i = static_cast<size_t>(mark.pos) + bom;
    if (i >= text.size() || (text[i] != '"' && text[i] != '\'')) return;
    char q = text[i];
    for (++i; i < text.size(); ++i) {
      if (q == '"' && text[i] == '\\') {
        ++i;
      } else if (text[i] == q) {
        if (q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;  // '' is a quote inside single-quoted text
          continue;
        }
        auto lines = std::count(text.begin() + mark.pos + bom, text.begin() + i, '\n');
        if (lines > 0) multiline_quote = mark, multiline_quote_end = mark.line + static_cast<int>(lines);
        return;
      }
    }
    unclosed = q, open_quote = mark;
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    if (building()) builder->start_sequence(mark.line, mark.column);
  }
  void OnSequenceEnd() override {
    if (building()) builder->end();
  }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    if (building()) builder->start_map(mark.line, mark.column);
  }
  void OnMapEnd() override {
    if (building()) builder->end();
  }
};

// Parses with yaml-cpp into doc->tree; false (with a diagnostic) when the text
// is not YAML or holds what the checker refuses.
bool parse_events(const std::string& text, YamlDoc* out, Diagnostics* diags) {
  const YamlDoc& doc = *out;
  std::istringstream in(text);
  YAML::Parser parser(in);
  YamlTreeBuilder builder(&out->tree);
  EventChecker checker(text, &builder);
  try {
    while (!checker.has_alias && !checker.unclosed && checker.documents < 2 && parser.HandleNextDocument(checker)) {
    }
  } catch (const YAML::Exception& e) {
    std::string hint;
    if (checker.multiline_quote_end >= 0 && e.mark.line >= checker.multiline_quote_end)
      hint = fmt::format(" (the quote opened at line {} ends at line {})", doc.pos(mark_of(checker.multiline_quote)).line,
                         checker.multiline_quote_end + 1 + doc.line_offset);
    diags->push_back({doc.pos(mark_of(e.mark)), "yaml syntax error: " + e.msg + hint});
    return false;
  }
  if (checker.unclosed) {
    diags->push_back(
        {doc.pos(mark_of(checker.open_quote)), fmt::format("quoted text is not closed (no closing {})", checker.unclosed)});
    return false;
  }
  if (checker.has_alias) {
    // The alias as written, "*name", for the message.
    size_t from = std::min(text.size(), static_cast<size_t>(std::max(0, checker.alias.pos)) + checker.bom);
    size_t to = text.find_first_of(" \t\r\n,]}", from);
    std::string name = text.substr(from, (to == std::string::npos ? text.size() : to) - from);
    diags->push_back({doc.pos(mark_of(checker.alias)), fmt::format("yaml alias '{}' is not supported: write the value out",
                                                         short_text(name))});
    return false;
  }
  if (checker.documents > 1) {
    diags->push_back(
        {doc.pos(mark_of(checker.second_document)), "a second yaml document in one file is not supported"});
    return false;
  }
  return true;
}

const char* kind_name(ValueKind k) {
  switch (k) {
    case ValueKind::text: return "text";
    case ValueKind::integer: return "a whole number";
    case ValueKind::number: return "a number";
    case ValueKind::boolean: return "true or false";
    case ValueKind::object: return "a mapping";
    case ValueKind::list: return "a list";
    case ValueKind::map: return "a mapping";
    case ValueKind::figure: return "a number";
  }
  return "";
}

std::string got(const YamlNode& n) {
  if (n.IsMap()) return "a mapping";
  if (n.IsSequence()) return "a list";
  if (n.IsNull()) return "nothing";
  return "'" + short_text(std::string(n.Scalar())) + "'";
}

// The keys met so far in one mapping, with the line of each, for duplicate
// checks: searched in order while few (an object has a dozen keys), through
// a hash table beyond (a mapping of 100,000 keys must not take quadratic time).
class KeyLines {
 public:
  // False when `key` was met before (*first is then its line); otherwise
  // records it at `line`.
  bool insert(std::string_view key, int line, int* first) {
    if (map_.empty()) {
      for (const auto& [k, l] : list_)
        if (k == key) return *first = l, false;
      list_.emplace_back(key, line);
      if (list_.size() > 16) map_.insert(list_.begin(), list_.end());
      return true;
    }
    auto [it, inserted] = map_.emplace(key, line);
    if (!inserted) *first = it->second;
    return inserted;
  }
  bool contains(std::string_view key) const {
    if (!map_.empty()) return map_.count(key) > 0;
    for (const auto& [k, l] : list_)
      if (k == key) return true;
    return false;
  }

 private:
  std::vector<std::pair<std::string_view, int>> list_;
  std::unordered_map<std::string_view, int> map_;
};

// doc.pos(node).line without making the SourcePos.
int line_of(const YamlDoc& doc, const YamlNode& node) {
  YamlMark m = node.Mark();
  return m.line >= 0 ? m.line + 1 + doc.line_offset : 0;
}

bool check_object(const YamlDoc& doc, const YamlNode& node, const Shape& shape, std::string_view what,
                  Diagnostics* diags) {
  if (!node.IsMap()) {
    diags->push_back({doc.pos(node), fmt::format("expected a mapping for '{}', got {}", what, got(node))});
    return false;
  }
  bool ok = true;
  KeyLines seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YamlNode k = it->first;
    if (!k.IsScalar()) {
      diags->push_back({doc.pos(k), "keys must be plain text"});
      ok = false;
      continue;
    }
    std::string_view key = k.Scalar();
    int first;
    if (!seen.insert(key, line_of(doc, k), &first)) {
      diags->push_back({doc.pos(k), fmt::format("duplicate key '{}' (first at line {})", key, first)});
      ok = false;
      continue;
    }
    const FieldSpec* f = shape.find(key);
    if (!f) {
      diags->push_back({doc.pos(k), fmt::format("unknown key '{}'{}", key, did_you_mean(std::string(key), shape.keys()))});
      ok = false;
      continue;
    }
    const YamlNode v = it->second;
    if (v.IsNull()) {
      if (f->required) {
        diags->push_back({doc.pos(k), fmt::format("key '{}' has no value", key)});
        ok = false;
      }
      continue;
    }
    ok &= check_value(doc, v, f->type, key, diags);
  }
  for (const auto& f : shape.fields) {
    if (f.required && !seen.contains(f.key)) {
      diags->push_back({doc.pos(node), fmt::format("missing required key '{}'", f.key)});
      ok = false;
    }
  }
  return ok;
}

}  // namespace

bool parse_plain_number(std::string_view s, double* out) {
  if (s.empty() || s.size() > 40) return false;
  size_t i = 0;
  if (s[i] == '-' || s[i] == '+') ++i;
  size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0 || i != s.size()) return false;
  // Correctly rounded, as strtod, without its locale and terminating zero.
  const char* from = s.data() + (s[0] == '+' ? 1 : 0);
  if (std::from_chars(from, s.data() + s.size(), *out).ec != std::errc()) return false;
  return std::isfinite(*out);
}

bool check_value(const YamlDoc& doc, const YamlNode& node, const ValueType& type, std::string_view what,
                 Diagnostics* diags) {
  auto fail = [&](const std::string& msg) {
    diags->push_back({doc.pos(node), msg});
    return false;
  };
  switch (type.kind) {
    case ValueKind::text:
      if (!node.IsScalar()) return fail(fmt::format("expected text for '{}', got {}", what, got(node)));
      if (!type.choices.empty()) {
        for (const auto& c : type.choices)
          if (c == node.Scalar()) return true;
        std::string list;
        for (const auto& c : type.choices)
          if (!c.empty()) list += (list.empty() ? "" : ", ") + c;
        std::string value(node.Scalar());
        std::string hint = did_you_mean(value, type.choices);
        return fail(hint.empty() ? fmt::format("invalid {} '{}' (expected one of: {})", what, short_text(value), list)
                                 : fmt::format("invalid {} '{}'{}", what, short_text(value), hint));
      }
      return true;
    case ValueKind::integer:
    case ValueKind::number: {
      double v;
      if (!node.IsScalar() || !parse_plain_number(node.Scalar(), &v))
        return fail(fmt::format("expected {} for '{}', got {}", kind_name(type.kind), what, got(node)));
      if (type.kind == ValueKind::integer && v != std::floor(v))
        return fail(fmt::format("expected a whole number for '{}', got '{}'", what, node.Scalar()));
      if (v < type.minimum)
        return fail(type.minimum == 0 ? fmt::format("'{}' must not be negative, got {}", what, node.Scalar())
                                      : fmt::format("'{}' must be at least {}, got {}", what, type.minimum,
                                                    node.Scalar()));
      // Whole numbers become ints in the model: out of range they would not fit.
      if (type.kind == ValueKind::integer && std::fabs(v) > kMaxInteger)
        return fail(fmt::format("'{}' is out of range, got {} (at most {})", what, node.Scalar(), kMaxInteger));
      return true;
    }
    case ValueKind::boolean:
      if (!node.IsScalar() || (node.Scalar() != "true" && node.Scalar() != "false"))
        return fail(fmt::format("expected true or false for '{}', got {}", what, got(node)));
      return true;
    case ValueKind::figure: {
      if (node.IsMap()) return check_object(doc, node, content_schema().figure, what, diags);
      ValueType n;
      n.kind = ValueKind::number;
      n.minimum = 0;
      return check_value(doc, node, n, what, diags);
    }
    case ValueKind::object:
      return check_object(doc, node, *type.shape, what, diags);
    case ValueKind::list: {
      if (!node.IsSequence()) return fail(fmt::format("expected a list for '{}', got {}", what, got(node)));
      bool ok = true;
      for (const auto& item : node) ok &= check_value(doc, item, *type.item, what, diags);
      return ok;
    }
    case ValueKind::map: {
      if (!node.IsMap()) return fail(fmt::format("expected a mapping for '{}', got {}", what, got(node)));
      bool ok = true;
      KeyLines seen;
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (!it->first.IsScalar()) {
          diags->push_back({doc.pos(it->first), "keys must be plain text"});
          ok = false;
          continue;
        }
        std::string_view key = it->first.Scalar();
        int first;
        if (!seen.insert(key, line_of(doc, it->first), &first)) {
          diags->push_back({doc.pos(it->first), fmt::format("duplicate key '{}' (first at line {})", key, first)});
          ok = false;
          continue;
        }
        if (it->second.IsNull()) {
          diags->push_back({doc.pos(it->first), fmt::format("key '{}' has no value", key)});
          ok = false;
          continue;
        }
        ok &= check_value(doc, it->second, *type.item, key, diags);
      }
      return ok;
    }
  }
  return true;
}

namespace {

bool parse(const std::string& text, YamlDoc* doc, Diagnostics* diags, bool subset) {
  int line, column;
  if (!nesting_ok(text, &line, &column)) {
    diags->push_back({{doc->path, line + doc->line_offset, column},
                      fmt::format("nesting deeper than {} levels", kMaxNesting)});
    return false;
  }
  try {
    if (!(subset && parse_yaml_subset(text, &doc->tree)) && !parse_events(text, doc, diags)) return false;
  } catch (const YAML::Exception& e) {
    diags->push_back({doc->pos(mark_of(e.mark)), "yaml syntax error: " + e.msg});
    return false;
  } catch (const std::exception& e) {
    diags->push_back({{doc->path, 0, 0}, std::string("yaml error: ") + e.what()});
    return false;
  }
  if (!doc->root().IsDefined() || doc->root().IsNull()) {
    diags->push_back({{doc->path, 1 + doc->line_offset, 1}, "empty file"});
    return false;
  }
  return true;
}

}  // namespace

bool parse_yaml(const std::string& text, YamlDoc* doc, Diagnostics* diags) { return parse(text, doc, diags, true); }

bool parse_yaml_with_yaml_cpp(const std::string& text, YamlDoc* doc, Diagnostics* diags) {
  return parse(text, doc, diags, false);
}

bool check_document(const YamlDoc& doc, const Shape& shape, Diagnostics* diags) {
  return check_object(doc, doc.root(), shape, shape.name, diags);
}

std::string as_text(const YamlNode& node) { return std::string(node.Scalar()); }

double as_number(const YamlNode& node) {
  double v = 0;
  parse_plain_number(node.Scalar(), &v);
  return v;
}

bool as_bool(const YamlNode& node) { return node.Scalar() == "true"; }

}  // namespace bilan
