// YAML text -> yaml-cpp nodes, checked against a Shape, with every problem
// reported as file:line:col. yaml-cpp exceptions stop here.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>

#include "load/schema.h"
#include "support/diagnostic.h"

namespace bilan {

/// Limits on what the loader accepts, said in the messages that enforce them.
inline constexpr size_t kMaxFileBytes = 4 * 1024 * 1024;
inline constexpr int kMaxNesting = 32;
/// Whole numbers (order, population, engagement number) are held as int.
inline constexpr std::int64_t kMaxInteger = 2147483647;

/// A YAML document and where it came from. `line_offset` is added to yaml-cpp
/// lines (front matter starts below the `---` line).
struct YamlDoc {
  std::string path;
  int line_offset = 0;
  YAML::Node root;
  SourcePos pos(const YAML::Node& node) const;
  SourcePos pos(const YAML::Mark& mark) const;
};

/// Parses `text` (already known to be valid UTF-8). On failure adds a
/// diagnostic and returns false. An empty document is an error ("empty file").
bool parse_yaml(const std::string& text, YamlDoc* doc, Diagnostics* diags);

/// Checks `node` against `type`, adding one diagnostic per problem. Returns
/// true when nothing was wrong. `what` names the value in messages ("population").
bool check_value(const YamlDoc& doc, const YAML::Node& node, const ValueType& type, const std::string& what,
                 Diagnostics* diags);

/// Checks a whole document against a shape.
bool check_document(const YamlDoc& doc, const Shape& shape, Diagnostics* diags);

/// Scalar conversions for nodes that passed check_value.
std::string as_text(const YAML::Node& node);
double as_number(const YAML::Node& node);
bool as_bool(const YAML::Node& node);

/// Parses a YAML number the way the checker accepts it: plain decimal
/// notation, optional sign and fraction ("1800", "77.48", "-3"). No "1 800",
/// no "1,5", no hex, no inf/nan.
bool parse_plain_number(const std::string& s, double* out);

}  // namespace bilan
