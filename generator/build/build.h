// A build: load -> validate -> render (html, pdf) -> write, shared by the
// build, check and serve commands.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "load/loader.h"
#include "model/model.h"
#include "model/style.h"
#include "support/diagnostic.h"
#include "support/fs.h"
#include "support/output.h"

namespace bilan {

/// A loaded and validated project, with the texts of its files for messages.
struct LoadedProject {
  Project project;
  Style style;
  SourceTexts texts;
  Diagnostics diags;  ///< empty when the project is sound
  bool ok() const { return diags.empty(); }
};

/// Loads and validates the project under `files`.
LoadedProject load_and_validate(const FileSystem& files);

/// Prints every diagnostic like ninja, with the source line and a caret, then
/// a count line when there is more than one.
void print_diagnostics(const Diagnostics& diags, const SourceTexts& texts, std::ostream& err);

/// One output stage (the site, the PDFs): fills `out` or returns diagnostics.
using Renderer = std::function<Diagnostics(const Project&, const Style&, const FileSystem&, OutputSet*)>;

/// Runs every renderer; the outputs are complete only when no diagnostic came back.
Diagnostics render_all(const LoadedProject& lp, const FileSystem& files, const std::vector<Renderer>& renderers,
                       OutputSet* out);

/// Writes `outputs` as the new content of folder `out_dir`, atomically: files
/// go to a temporary folder beside it, which then takes the place of the old
/// folder in one rename (RENAME_EXCHANGE), so a reader, or an interrupted
/// build, sees either the old site or the new one. On failure the old folder
/// is left as it was and *err says why.
bool write_outputs_atomically(const OutputSet& outputs, const std::string& out_dir, std::string* err);

}  // namespace bilan
