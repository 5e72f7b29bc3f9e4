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

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <kainjow/mustache.hpp>

#include "support/diagnostic.h"
#include "support/fs.h"

namespace bilan {

using TemplateData = kainjow::mustache::data;

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

 private:
  bool check(const std::string& name, const std::string& text, Diagnostics* diags) const;

  std::map<std::string, std::string> texts_;        // name -> template text
  std::map<std::string, TemplateData> partials_;    // partial name -> text as data
  // Templates parsed by render(), kept so that a template used by many pages
  // is parsed once; cleared by load() and add(). render() holds the lock
  // while it renders (a parsed template records its errors in itself).
  mutable std::mutex parsed_mu_;
  mutable std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>> parsed_;
};

}  // namespace bilan
