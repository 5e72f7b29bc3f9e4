// The builds of `bilan serve`, in memory: after a change, only what the
// changed files can affect runs again.
// - The model is reloaded only when a changed path is one that loading or
//   validating read, listed or asked about (so any content/ edit, and
//   assets/style.yaml); then every renderer runs.
// - Otherwise a renderer runs only when a changed path is one it read (a
//   template or an asset); the PDFs are not remade for a stylesheet edit.
// - Files are read through a cache that forgets exactly the changed paths.
// - After each renderer that ran, the site is published at once, so pages
//   reload as soon as the site renderer is done, before the PDFs are.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "build/build.h"
#include "build/inputs.h"
#include "serve/cached_fs.h"
#include "serve/site_server.h"

namespace bilan {

/// What one rebuild did, for the terminal.
struct RebuildReport {
  bool ok = true;
  std::string error;               ///< the diagnostics as printed (print_diagnostics), when !ok
  std::vector<StageTime> stages;   ///< stages that ran: load, validate, renderers
  double first_publish_ms = -1;    ///< from the start to the first publish (-1: none)
  double total_ms = 0;
  size_t changed_files = 0;        ///< output files whose bytes changed
  bool model_reloaded = false;
};

class Rebuilder {
 public:
  /// `publish` receives the whole site after each renderer that ran and
  /// returns the paths that changed.
  using Publish = std::function<std::vector<std::string>(SiteFiles)>;

  Rebuilder(const FileSystem& files, std::vector<Renderer> renderers);

  /// The first build when `changed` is empty and nothing was built yet;
  /// otherwise a rebuild after `changed` paths (as Watcher reports them;
  /// "" means anything may have changed). Never throws.
  RebuildReport rebuild(const std::vector<std::string>& changed, const Publish& publish);

 private:
  struct Stage {
    Renderer renderer;
    InputRecord inputs;
    SiteFiles outputs;
    bool needs_run = true;  // never ran, failed last time, or the model changed since
  };
  SiteFiles merged() const;

  CachedFileSystem cache_;
  std::unique_ptr<LoadedProject> model_;  // the last good model
  InputRecord model_inputs_;
  bool model_needs_load_ = true;
  std::vector<Stage> stages_;
};

}  // namespace bilan
