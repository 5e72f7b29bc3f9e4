// `bilan build` from start to end: load, validate, render, write, keeping
// what the previous build into the same folder already made.
//
// How it decides (measured first with tests/serve/rebuild_perftest on the
// shipped content: load and validate take about 12 ms of CPU, the site
// renderer about 80 ms, the PDF renderer about 130 ms; rendering everything
// in memory is affordable, so the design keeps it simple and saves on
// renderers that cannot have changed and on writing):
// - Loading and validating always run: they are cheap and give the errors.
// - A renderer runs again unless the model's inputs are the same as in the
//   manifest (every file load and validate read, by content digest), its own inputs
//   (every template and asset it read through the FileSystem) are the same,
//   and every file it wrote is still on disk as it was left (size and
//   modification time). A template edit thus re-renders the site but not the
//   PDFs; a content edit re-renders both.
// - Of the files a renderer made, those whose bytes equal the previous
//   build's are hard-linked from the old folder into the new one instead of
//   written; kept renderers' files are all hard-linked. The new folder still
//   replaces the old one in one atomic swap.
// The result is byte-identical to a clean build as long as renderers are
// deterministic and read files only through the FileSystem they are given
// (Renderer's contract); `--clean` ignores the manifest and writes every file.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "build/build.h"
#include "build/manifest.h"

namespace bilan {

struct BuildOptions {
  bool clean = false;  ///< ignore the manifest and the old folder: render and write everything
  /// Called when a stage starts ("load", then each renderer's name, then "write").
  std::function<void(const std::string& stage)> on_stage;
  /// Called while writing: files done so far of `total`.
  std::function<void(size_t done, size_t total)> on_write;
};

/// Counts and times of one build, for the closing summary.
struct BuildSummary {
  std::string out_dir;
  size_t pages = 0;      ///< .html files in the output
  size_t pdfs = 0;       ///< .pdf files in the output
  size_t other = 0;      ///< every other file (assets, open data, sitemap)
  size_t written = 0;    ///< files whose bytes were written
  size_t unchanged = 0;  ///< files kept from the previous build (hard links)
  size_t removed = 0;    ///< files of the previous build that are gone
  std::vector<StageTime> stages;  ///< load, validate, each renderer, write
  double total_ms = 0;
  std::vector<std::string> written_paths;  ///< sorted
  std::vector<std::string> removed_paths;  ///< sorted
  std::vector<std::string> notes;          ///< why the previous build was not used, why a renderer ran
};

struct BuildResult {
  LoadedProject loaded;      ///< with the load and validate diagnostics and the source texts
  Diagnostics render_diags;  ///< from the renderers
  std::string error;         ///< a write error ("cannot create folder ...")
  BuildSummary summary;
  bool ok() const { return loaded.ok() && render_diags.empty() && error.empty(); }
};

/// Builds the project read through `files` into `out_dir`. On any error the
/// old output folder and the manifest are left untouched.
BuildResult build_project(const FileSystem& files, const std::string& out_dir, const std::vector<Renderer>& renderers,
                          const BuildOptions& options);

/// Reads the manifest of `out_dir`; false when there is none usable (absent,
/// unreadable, or written by another bilan).
bool read_manifest(const std::string& out_dir, Manifest* m);

}  // namespace bilan
