// The site's Mustache templates, read from the project's templates/ folder so
// that a team can change the pages without touching C++.
//
//   templates/layouts/<name>.mustache   the page around the content
//   templates/pages/<kind>.mustache     the content of one kind of page
//   templates/partials/<name>.mustache  pieces included with {{> name}}
//
// Contract checked when loading: every {{value}} is escaped; only values whose
// name ends in "_html" (HTML made by the generator, never raw content) may be
// written unescaped with {{{...}}} or {{&...}}; every {{> partial}} exists.
#pragma once

#include <atomic>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "support/diagnostic.h"
#include "support/fs.h"

namespace kainjow::mustache {
template <typename string_type>
class component;
}  // namespace kainjow::mustache

namespace bilan {

/// A value for the templates: a string, a boolean, a list of values or an
/// object (named values), as Mustache knows them.
///
/// kainjow's own data type would do, but it allocates every string and every
/// object's hash table apart and copies values on insertion: making and
/// dropping a page's values took more time than rendering it. Here short
/// strings stay inline, an object's few entries sit in one vector searched
/// in order, and values are moved in, not copied.
class TemplateData {
 public:
  enum class type { object, string, list, bool_true, bool_false };

  TemplateData() = default;  ///< an empty object
  TemplateData(type t) : type_(t) {}
  TemplateData(std::string text) : type_(type::string), text_(std::move(text)) {}
  TemplateData(const char* text) : TemplateData(std::string(text)) {}
  TemplateData(bool b) : type_(b ? type::bool_true : type::bool_false) {}
  /// A list of `items`.
  explicit TemplateData(std::vector<TemplateData> items) : type_(type::list), items_(std::move(items)) {}

  bool is_object() const { return type_ == type::object; }
  bool is_string() const { return type_ == type::string; }
  bool is_list() const { return type_ == type::list; }
  bool is_true() const { return type_ == type::bool_true; }
  bool is_false() const { return type_ == type::bool_false; }
  bool is_empty_list() const { return is_list() && items_.empty(); }
  bool is_non_empty_list() const { return is_list() && !items_.empty(); }

  /// Sets `name` of an object to `value`; does nothing to other values.
  void set(const std::string& name, TemplateData value);
  /// The value of `name` in an object; nullptr when absent or not an object.
  const TemplateData* get(const std::string& name) const;
  /// Appends `value` to a list; does nothing to other values.
  void push_back(TemplateData value);

  const std::string& string_value() const { return text_; }  ///< "" unless a string
  const std::vector<TemplateData>& list_value() const { return items_; }  ///< empty unless a list
  /// An object's names, in the order first set.
  std::vector<std::string> object_names() const;

 private:
  type type_ = type::object;
  std::string text_;                                         // a string's
  std::vector<TemplateData> items_;                          // a list's
  std::vector<std::pair<std::string, TemplateData>> fields_;  // an object's, in the order first set
};

/// Values a render looks names up in: several objects taken as one, the first
/// that has a name giving its value (a name's first part, for "a.b"). Lets a
/// page's values be rendered over values shared by every page without
/// copying them into each page.
using TemplateLayers = std::vector<const TemplateData*>;

class TemplateSet {
 public:
  /// The folder templates are read from, relative to the project folder.
  static constexpr const char* kFolder = "templates";

  /// Reads every templates/**/*.mustache and checks it. Reports each problem
  /// as "templates/<file>:line:col: message"; returns false if there was any.
  bool load(const FileSystem& files, Diagnostics* diags);

  /// Adds one template from text ("pages/home"), checked like a file; used by
  /// tests. Returns false and appends diagnostics on error.
  bool add(const std::string& name, const std::string& text, Diagnostics* diags);

  /// True when the template "pages/home" (etc.) exists.
  bool has(const std::string& name) const { return texts_.count(name) != 0; }

  /// The file a template name comes from: "templates/pages/home.mustache".
  static std::string file_of(const std::string& name);

  /// Renders template `name` with `data`. On error returns false and appends
  /// a diagnostic naming the template file.
  bool render(const std::string& name, const TemplateData& data, std::string* out, Diagnostics* diags) const;
  /// The same with the values of `layers` (at least one). `{{.}}` outside any
  /// section is the first layer. Several threads may render at once, as long
  /// as none calls load() or add() meanwhile.
  bool render(const std::string& name, const TemplateLayers& layers, std::string* out, Diagnostics* diags) const;

 private:
  // One piece of a parsed template (see templates.cc).
  struct Node {
    enum class Kind { text, line_end, variable, unescaped, section, inverted, partial };
    Kind kind = Kind::text;
    std::string text;               // the text or line end; a tag's name ("urls.home"); a partial's template name
    std::vector<std::string> path;  // a tag's name split at '.' ({"urls", "home"}); empty for "."
    std::vector<Node> children;     // a section's content
  };

  // A template parsed once, when added.
  struct Compiled {
    std::string error;  // kainjow's parse error ("Unclosed tag at 12"), empty when it parsed
    std::vector<Node> nodes;
    // The largest output rendered so far, reserved for the next one: a page
    // is tens of kilobytes, which a string doubling from empty copies over
    // and over.
    mutable std::atomic<size_t> size_hint{0};
  };
  class Renderer;

  bool check(const std::string& name, const std::string& text, Diagnostics* diags) const;
  void compile(const std::string& name, const std::string& text);
  static void to_nodes(const std::vector<kainjow::mustache::component<std::string>>& components,
                       std::vector<Node>* out);

  std::map<std::string, std::string> texts_;  // name -> template text
  std::map<std::string, Compiled> compiled_;  // name -> parsed template, for every text
};

}  // namespace bilan
