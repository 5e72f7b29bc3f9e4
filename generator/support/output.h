// The files a build produces. By default an OutputSet holds them in memory
// until the whole build succeeded; build/ then writes them to the output
// folder in one swap. A build of tens of thousands of pages instead gives the
// set a sink, which takes each file as it comes (build/ writes it into the new
// folder at once), so the pages are never all in memory together.
//
// An incremental build may also let renderers skip parts of their work: a
// renderer that makes files in independent units (one PDF per publication)
// asks keep_previous() before making one, saying which content files the unit
// does not read; when none of the files that changed since the previous build
// is read by it, the previous file is kept as it is.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace bilan {

/// Takes the files of an OutputSet as they are added. Called from any thread.
class OutputSink {
 public:
  virtual ~OutputSink() = default;
  virtual void put(const std::string& path, std::string bytes) = 0;
};

/// Says whether a renderer may keep a file of the previous build.
class OutputReuse {
 public:
  virtual ~OutputReuse() = default;
  /// True when the previous build's file at `path` is still there as it was
  /// left and every input that changed since then is a content file for which
  /// `unread(file)` is true. Called from any thread.
  virtual bool can_keep(const std::string& path, const std::function<bool(const std::string& file)>& unread) const = 0;
};

/// Output files by path relative to the output folder ("regions/bretagne/index.html").
/// Safe to fill from several threads.
class OutputSet {
 public:
  OutputSet() = default;
  /// Every file added is handed to `sink` instead of being held (files()
  /// stays empty; paths() lists them). `sink` must outlive the set.
  explicit OutputSet(OutputSink* sink) : sink_(sink) {}
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  /// Adds or replaces a file.
  void add(const std::string& path, std::string bytes) {
    if (sink_) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        paths_.insert(path);
        kept_.erase(path);
      }
      sink_->put(path, std::move(bytes));
      return;
    }
    std::lock_guard<std::mutex> lock(mu_);
    kept_.erase(path);
    files_[path] = std::move(bytes);
  }

  /// Lets renderers keep files of the previous build (see OutputReuse); none
  /// is kept without. `reuse` must outlive the set.
  void set_reuse(const OutputReuse* reuse) { reuse_ = reuse; }

  /// Asked by a renderer before it makes the file at `path`: true when the
  /// previous file can be kept because the content files that changed are
  /// all files the renderer would not read for it (`unread`). The path is then
  /// one of kept(), and the renderer does not add it.
  bool keep_previous(const std::string& path, const std::function<bool(const std::string& file)>& unread) {
    if (!reuse_ || !reuse_->can_keep(path, unread)) return false;
    std::lock_guard<std::mutex> lock(mu_);
    kept_.insert(path);
    return true;
  }

  bool contains(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mu_);
    return files_.count(path) != 0 || paths_.count(path) != 0 || kept_.count(path) != 0;
  }
  /// The files held, sorted by path (empty with a sink). Not to be called
  /// while other threads add.
  const std::map<std::string, std::string>& files() const { return files_; }
  /// The paths handed to the sink, sorted. Not to be called while other threads add.
  const std::set<std::string>& paths() const { return paths_; }
  /// The paths kept from the previous build, sorted. Not to be called while
  /// other threads add.
  const std::set<std::string>& kept() const { return kept_; }

 private:
  mutable std::mutex mu_;
  OutputSink* sink_ = nullptr;
  const OutputReuse* reuse_ = nullptr;
  std::map<std::string, std::string> files_;
  std::set<std::string> paths_;
  std::set<std::string> kept_;
};

}  // namespace bilan
