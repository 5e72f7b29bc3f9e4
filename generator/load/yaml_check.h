// YAML text -> a YamlTree, checked against a Shape, with every problem
// reported as file:line:col. yaml-cpp exceptions stop here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "load/schema.h"
#include "load/yaml_tree.h"
#include "support/diagnostic.h"

namespace bilan {

/// Limits on what the loader accepts, said in the messages that enforce them.
inline constexpr size_t kMaxFileBytes = 4 * 1024 * 1024;
inline constexpr int kMaxNesting = 32;
/// Whole numbers (order, population, engagement number) are held as int.
inline constexpr std::int64_t kMaxInteger = 2147483647;

/// A YAML document and where it came from. `line_offset` is added to parser
/// lines (front matter starts below the `---` line). Not copyable: its nodes
/// point at its tree.
struct YamlDoc {
  std::string path;
  int line_offset = 0;
  YamlTree tree;
  YamlNode root() const { return tree.root(); }
  SourcePos pos(const YamlNode& node) const { return pos(node.Mark()); }
  SourcePos pos(const YamlMark& mark) const;
};

/// Parses `text` (already known to be valid UTF-8) into doc->tree. On failure
/// adds a diagnostic and returns false. An empty document is an error ("empty
/// file"). Text in the common subset of YAML that content files use is read by
/// the loader's own parser (yaml_subset.h); anything else, and every error, by
/// yaml-cpp: the tree and the messages are the same either way.
bool parse_yaml(const std::string& text, YamlDoc* doc, Diagnostics* diags);

/// parse_yaml with yaml-cpp alone, for tests that compare the two parsers.
bool parse_yaml_with_yaml_cpp(const std::string& text, YamlDoc* doc, Diagnostics* diags);

/// Checks `node` against `type`, adding one diagnostic per problem. Returns
/// true when nothing was wrong. `what` names the value in messages ("population").
bool check_value(const YamlDoc& doc, const YamlNode& node, const ValueType& type, std::string_view what,
                 Diagnostics* diags);

/// Checks a whole document against a shape.
bool check_document(const YamlDoc& doc, const Shape& shape, Diagnostics* diags);

/// Scalar conversions for nodes that passed check_value.
std::string as_text(const YamlNode& node);
double as_number(const YamlNode& node);
bool as_bool(const YamlNode& node);

/// Parses a YAML number the way the checker accepts it: plain decimal
/// notation, optional sign and fraction ("1800", "77.48", "-3"). No "1 800",
/// no "1,5", no hex, no inf/nan.
bool parse_plain_number(std::string_view s, double* out);

}  // namespace bilan
