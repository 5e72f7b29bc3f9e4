// libFuzzer target: the loader's YAML subset parser against yaml-cpp. For
// any input the subset parser accepts, yaml-cpp must read it without a
// diagnostic into the same tree (nodes, scalars and marks); anything else is
// a bug of the subset parser (load/yaml_subset.h).
#include <cstddef>
#include <cstdint>
#include <string>

#include "load/yaml_check.h"
#include "load/yaml_subset.h"
#include "support/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  size_t bad;
  if (!bilan::is_valid_utf8(text, &bad)) return 0;  // parse_yaml's precondition
  bilan::YamlTree tree;
  if (!bilan::parse_yaml_subset(text, &tree)) return 0;
  bilan::YamlDoc doc;
  doc.path = "fuzz.yaml";
  bilan::Diagnostics diags;
  if (!bilan::parse_yaml_with_yaml_cpp(text, &doc, &diags) || !diags.empty()) {
    // nesting_ok refuses deep text before either parser runs: not a difference.
    if (diags.size() == 1 && diags[0].message.find("nesting deeper") != std::string::npos) return 0;
    __builtin_trap();
  }
  if (tree.dump() != doc.tree.dump()) __builtin_trap();
  return 0;
}
