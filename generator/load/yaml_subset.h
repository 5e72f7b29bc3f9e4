// The loader's own YAML parser, for the subset of YAML that content files
// are written in. yaml-cpp spends about a million instructions on a
// 700-byte file (its scanner matches every character against regular
// expressions); this parser reads such a file in a few tens of thousands.
//
// It never decides anything yaml-cpp would decide differently: it either
// builds exactly the tree yaml-cpp's parser gives (same nodes, scalars and
// marks, event for event), or gives up and returns false, and the caller
// then parses the text with yaml-cpp, which also writes every error message.
// It gives up on anything outside the subset below, on every error, and on
// anything the checks of yaml_check.cc refuse, so an accepted text is one
// yaml-cpp would have accepted without a diagnostic.
//
// The subset: block mappings of plain keys; block sequences; flow mappings
// and flow sequences written on one line; plain scalars on one line, double-
// quoted scalars on one line with the escapes \" and \\, single-quoted
// scalars on one line; comments; blank lines. Not in it: tabs, carriage
// returns, a byte order mark, document markers and directives, anchors,
// aliases, tags, block scalars (| and >), complex keys (?), and scalars over
// several lines.
#pragma once

#include <string_view>

#include "load/yaml_tree.h"

namespace bilan {

/// Parses `text` into *tree and returns true, or returns false (the tree's
/// content is then unspecified) when the text is outside the subset.
bool parse_yaml_subset(std::string_view text, YamlTree* tree);

}  // namespace bilan
