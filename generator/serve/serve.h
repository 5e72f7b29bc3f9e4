// `bilan serve`: builds the project in memory, serves it, and rebuilds on
// every change to content/, templates/ or assets/ until interrupted.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "build/build.h"

namespace bilan {

struct ServeOptions {
  std::string source = ".";          ///< the project folder
  std::string bind = "127.0.0.1";    ///< listen address; never all interfaces unless asked
  int port = 1313;                   ///< 0: any free port (printed)
  bool quiet = false;                ///< print errors only
  bool verbose = false;              ///< print stage times and changed files of every rebuild
  std::vector<Renderer> renderers;
};

/// The folders watched, relative to the project folder.
inline const std::vector<std::string> kWatchedFolders = {"content", "templates", "assets"};

/// Runs until SIGINT or SIGTERM; returns the exit status (non-zero only when
/// it cannot start: address in use, no inotify). Bad content never ends it.
int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace bilan
