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

/// How long one stage of a build took ("load", "validate", "html", "pdf", "write").
struct StageTime {
  std::string name;
  double ms = 0;         ///< wall-clock milliseconds
  bool skipped = false;  ///< a renderer whose inputs had not changed: its previous outputs were kept
};

/// A loaded and validated project, with the texts of its files for messages.
struct LoadedProject {
  Project project;
  Style style;
  SourceTexts texts;
  Diagnostics diags;  ///< empty when the project is sound
  double load_ms = 0;      ///< time spent reading and checking the files
  double validate_ms = 0;  ///< time spent on cross-references (0 when loading failed)
  bool ok() const { return diags.empty(); }
};

/// Loads and validates the project under `files`.
LoadedProject load_and_validate(const FileSystem& files);

/// Prints every diagnostic like ninja, with the source line and a caret, then
/// a count line when there is more than one.
void print_diagnostics(const Diagnostics& diags, const SourceTexts& texts, std::ostream& err);
/// The same text as print_diagnostics, as a string (for the serve overlay).
std::string format_diagnostics(const Diagnostics& diags, const SourceTexts& texts);

/// What one output stage does: fills `out` from the model, reading templates
/// and assets only through `files`, or returns diagnostics. A renderer must be
/// deterministic (the same model and files give the same bytes) and must read
/// files only through `files`: incremental builds and `bilan serve` rely on
/// both to know when its previous outputs can be kept.
using RenderFunction = std::function<Diagnostics(const Project&, const Style&, const FileSystem&, OutputSet*)>;

/// One output stage (the site, the PDFs).
struct Renderer {
  std::string name;  ///< short stage name for summaries and the manifest: "html", "pdf"
  RenderFunction render;
  /// Optional: fills, before the content is loaded, the process-wide caches
  /// `render` will use that do not depend on the content (the map geometry,
  /// the hyphenation patterns), on a helper thread while this one loads.
  /// Reads through `files` (not recorded: `render` reads again what it uses);
  /// its problems are ignored, `render` reports them.
  std::function<void(const FileSystem& files)> warm;
};

/// Runs one renderer; an exception becomes a diagnostic.
Diagnostics run_renderer(const Renderer& renderer, const LoadedProject& lp, const FileSystem& files, OutputSet* out);

/// Runs every renderer; the outputs are complete only when no diagnostic came
/// back. When `times` is given, one entry per renderer is appended.
Diagnostics render_all(const LoadedProject& lp, const FileSystem& files, const std::vector<Renderer>& renderers,
                       OutputSet* out, std::vector<StageTime>* times = nullptr);

/// Writes `outputs` as the new content of folder `out_dir`, atomically: files
/// go to a temporary folder beside it, which then takes the place of the old
/// folder in one rename (RENAME_EXCHANGE), so a reader, or an interrupted
/// build, sees either the old site or the new one. On failure the old folder
/// is left as it was and *err says why.
bool write_outputs_atomically(const OutputSet& outputs, const std::string& out_dir, std::string* err);

/// One file of a new output folder.
struct PlannedFile {
  std::string path;                    ///< relative to the output folder
  const std::string* bytes = nullptr;  ///< new content; null keeps the file of the same path in the old folder
};

/// write_outputs_atomically for a mix of new and kept files. A kept file is
/// hard-linked from the old folder into the new one (copied when the file
/// system refuses links), so its bytes and modification time stay as they
/// were; it must exist in the old folder. `progress`, when given, is called
/// with the count of files done and the total as the writing goes.
bool write_folder_atomically(const std::vector<PlannedFile>& files, const std::string& out_dir, std::string* err,
                             const std::function<void(size_t done, size_t total)>& progress = nullptr);

}  // namespace bilan
