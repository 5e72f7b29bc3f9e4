#include "serve/serve.h"

#include <signal.h>

#include <atomic>
#include <fmt/format.h>
#include <ostream>

#include "build/summary.h"
#include "serve/rebuilder.h"
#include "serve/site_server.h"
#include "serve/watcher.h"

namespace bilan {

namespace {

Watcher* g_watcher = nullptr;
volatile sig_atomic_t g_stop = 0;

void on_signal(int) {
  g_stop = 1;
  if (g_watcher) g_watcher->wake();
}

std::string stage_times(const RebuildReport& r) {
  std::string out;
  for (const auto& s : r.stages) out += (out.empty() ? "" : ", ") + s.name + " " + format_duration(s.ms);
  return out;
}

std::string what_changed(const std::vector<std::string>& changed) {
  if (changed.empty()) return "build";
  if (changed.size() == 1) return changed[0].empty() ? "everything" : changed[0];
  return fmt::format("{} and {} more", changed[0].empty() ? changed[1] : changed[0], changed.size() - 1);
}

}  // namespace

int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  DiskFileSystem disk(options.source);
  Watcher watcher;
  std::string error;
  // Watch before the first build, so no edit made during it is missed.
  if (!watcher.start(options.source, kWatchedFolders, &error)) {
    err << "bilan: error: " << error << "\n";
    return 1;
  }
  SiteServer server;
  if (!server.bind(options.bind, options.port, &error)) {
    err << "bilan: error: " << error << "\n";
    return 1;
  }
  server.start();

  struct sigaction sa = {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  g_watcher = &watcher;
  g_stop = 0;
  struct sigaction old_int, old_term;
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);

  Rebuilder rebuilder(disk, options.renderers);
  auto publish = [&](SiteFiles files) { return server.publish(std::move(files)); };
  auto report = [&](const std::vector<std::string>& changed, const RebuildReport& r) {
    if (!r.ok) {
      err << r.error << "bilan: the last good build is still served\n" << std::flush;
      server.fail(r.error);
      return;
    }
    if (options.quiet) return;
    out << "bilan: " << what_changed(changed) << ": " << (changed.empty() ? "built" : "rebuilt") << " in "
        << format_duration(r.first_publish_ms);
    if (r.total_ms - r.first_publish_ms >= 1) out << " (all stages " << format_duration(r.total_ms) << ")";
    out << ", " << r.changed_files << (r.changed_files == 1 ? " file" : " files") << " changed";
    if (options.verbose) out << " [" << stage_times(r) << "]";
    out << "\n" << std::flush;
  };

  std::string host = options.bind.find(':') != std::string::npos ? "[" + options.bind + "]" : options.bind;
  report({}, rebuilder.rebuild({}, publish));
  out << "bilan: serving http://" << host << ":" << server.port() << "/ (watching content/, templates/, assets/; "
      << "Ctrl+C to stop)\n" << std::flush;

  while (!g_stop) {
    std::vector<std::string> changed = watcher.wait(-1);
    if (g_stop) break;
    if (changed.empty()) continue;
    if (options.verbose)
      for (const auto& p : changed) out << "bilan: changed: " << (p.empty() ? "(events lost: everything)" : p) << "\n";
    report(changed, rebuilder.rebuild(changed, publish));
  }

  server.stop();
  g_watcher = nullptr;
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  if (!options.quiet) out << "bilan: stopped\n" << std::flush;
  return 0;
}

}  // namespace bilan
