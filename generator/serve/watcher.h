// Watching folders for changes with inotify, recursively: folders created
// later are watched too, and the files already in them are reported.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace bilan {

class Watcher {
 public:
  Watcher();
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  /// Watches `folders` (relative to `root`, e.g. "content") and everything
  /// under them; a folder that does not exist yet is watched from when it is
  /// created in `root`. False with *err when inotify cannot be set up.
  bool start(const std::string& root, const std::vector<std::string>& folders, std::string* err);

  /// Waits up to `timeout_ms` (-1: no limit) for changes, then collects
  /// further changes until `quiet_ms` pass without one (an editor's save is
  /// often several events). Returns the changed paths relative to root,
  /// sorted and unique: files written, created, deleted or renamed, and
  /// folders created or deleted. Editor scratch files (".x.swp", "x~", "4913")
  /// are left out. "" alone in the list means that events were lost (queue
  /// overflow): assume everything changed. Empty on timeout or after wake().
  std::vector<std::string> wait(int timeout_ms, int quiet_ms = 10);

  /// Makes a wait() in progress, or the next one, return at once. Safe from
  /// another thread and from a signal handler.
  void wake();

  /// Folders being watched, relative to root (for tests).
  std::vector<std::string> watched() const;

 private:
  void add_tree(const std::string& rel, std::vector<std::string>* found);
  bool read_events(std::vector<std::string>* changed);

  std::string root_;
  std::vector<std::string> folders_;
  int inotify_ = -1;
  int wake_ = -1;  // eventfd
  int root_wd_ = -1;
  std::map<int, std::string> dirs_;  // watch descriptor -> folder relative to root
};

/// True for names editors use for scratch and backup files.
bool is_scratch_file(const std::string& name);

}  // namespace bilan
