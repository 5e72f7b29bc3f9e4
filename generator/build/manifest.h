// The manifest of the last successful build into an output folder: what
// loading and each renderer read (with content digests) and what each
// renderer wrote (digest, size and modification time of every file). The next
// `bilan build` compares against it to keep what has not changed.
//
// It lives in `.bilan-cache/<output folder name>.manifest` beside the output
// folder (git-ignored as /.bilan-*), never inside it, so it is not published.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "build/build.h"
#include "build/inputs.h"

namespace bilan {

/// One file written by a renderer, as it is on disk after the build.
struct OutputRecord {
  std::string digest;    ///< content_digest() of the bytes
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;  ///< modification time on disk, to notice files changed by hand
};

/// What one renderer read and wrote.
struct StageRecord {
  std::string name;  ///< Renderer::name
  InputRecord inputs;
  std::map<std::string, OutputRecord> outputs;  ///< by path relative to the output folder
};

struct Manifest {
  std::string tool;      ///< tool_identity() of the bilan that wrote it; another bilan ignores it
  InputRecord model;     ///< what load and validate read
  std::vector<StageRecord> renderers;
  std::vector<StageTime> times;  ///< stage times of that build, for the next progress bar

  const StageRecord* find(const std::string& name) const;
};

/// The manifest as text (one record per line, tab-separated, escaped).
std::string manifest_text(const Manifest& m);
/// Parses manifest_text(); false when the text is not a manifest of this version.
bool parse_manifest(const std::string& text, Manifest* m);

/// Where the manifest of output folder `out_dir` lives.
std::string manifest_path(const std::string& out_dir);

/// Identifies the running bilan (version, size and modification time of the
/// executable): a rebuilt bilan may render differently, so its manifests from
/// another binary are not trusted.
std::string tool_identity();

}  // namespace bilan
