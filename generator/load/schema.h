// The shape of every content file, written once. The loader checks YAML
// against it (unknown keys, missing keys, types, choices) and `bilan schema`
// turns the same tables into JSON Schema for editors: one source of truth.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bilan {

struct Shape;

enum class ValueKind {
  text,     ///< any scalar, kept as text
  integer,  ///< a whole number
  number,   ///< a decimal number
  boolean,  ///< true or false
  object,   ///< a mapping with the keys of `shape`
  list,     ///< a sequence of `item`
  map,      ///< a mapping from free keys to `item`
  figure,   ///< a number, or an object {value, qualifier}
};

struct ValueType {
  ValueKind kind = ValueKind::text;
  const Shape* shape = nullptr;            ///< for object
  std::shared_ptr<const ValueType> item;   ///< for list and map
  std::vector<std::string> choices;        ///< for text: the allowed values, when restricted
  double minimum = -1e300;                 ///< for integer and number
};

struct FieldSpec {
  std::string key;
  ValueType type;
  bool required = false;
  std::string doc;  ///< one line for editors (JSON Schema "description")
};

struct Shape {
  std::string name;  ///< the file kind or object name ("region", "chart")
  std::string doc;
  std::vector<FieldSpec> fields;
  const FieldSpec* find(std::string_view key) const;
  std::vector<std::string> keys() const;
};

/// The shapes of the content files, built once.
struct ContentSchema {
  Shape site, measures, territory, example, theme, note, dossier, engagement, document, style;
  // Nested objects.
  Shape contact, measure, figure_field, figure, chart, series, point, departement, highlight, axis,
      document_section, font_files;
};

const ContentSchema& content_schema();

/// The file kinds, for `bilan schema`: name, shape and the files it applies to
/// (a glob relative to the project folder).
struct FileKind {
  const Shape* shape;
  std::string glob;         ///< "content/regions/*/region.yaml"
  bool front_matter;        ///< YAML front matter of a Markdown file
};
std::vector<FileKind> file_kinds();

/// JSON Schema (draft 2020-12) of one shape, pretty-printed. It accepts what
/// the loader's shape check accepts (cross-references are validate/'s job).
std::string json_schema(const Shape& shape);

/// The file `bilan schema` writes the schema of `shape` to: "territory.schema.json".
std::string schema_file_name(const Shape& shape);

/// Which schema applies to which files, in JSON Schema Store's catalog
/// format ("fileMatch" globs relative to the project folder, "url" the
/// schema file beside the catalog), plus "frontMatter": true for Markdown
/// files whose front matter the schema describes.
std::string schema_catalog();

}  // namespace bilan
