// libFuzzer target: YAML -> model. The input is the region file of a small
// valid project held in memory (load/test_project.h); the whole project is
// loaded, validated when it loads, and every diagnostic is printed with its
// quoted line, as `bilan check` does. Any crash, sanitizer report, uncaught
// exception or hang is a bug: bad content must only ever give diagnostics.
#include <cstddef>
#include <cstdint>
#include <string>

#include "load/loader.h"
#include "load/test_project.h"
#include "validate/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bilan::MemoryFileSystem fs = bilan::small_project();
  fs.add("content/regions/bretagne/region.yaml", std::string(reinterpret_cast<const char*>(data), size));
  bilan::Project project;
  bilan::Style style;
  bilan::Diagnostics diags;
  bilan::SourceTexts texts;
  if (bilan::load_project(fs, &project, &style, &diags, &texts)) bilan::validate_project(project, fs, &diags);
  size_t printed = 0;
  for (const auto& d : diags) {
    auto it = texts.find(d.pos.file);
    printed += bilan::format_diagnostic(d, it == texts.end() ? nullptr : &it->second).size();
  }
  // A diagnostic is a line of text, a quoted line and a caret: bounded.
  if (printed > diags.size() * 4096) __builtin_trap();
  return 0;
}
