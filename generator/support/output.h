// The files a build produces, held in memory until the whole build succeeded;
// build/ then writes them to the output folder in one swap.
#pragma once

#include <map>
#include <mutex>
#include <string>

namespace bilan {

/// Output files by path relative to the output folder ("regions/bretagne/index.html").
/// Safe to fill from several threads.
class OutputSet {
 public:
  /// Adds or replaces a file.
  void add(const std::string& path, std::string bytes) {
    std::lock_guard<std::mutex> lock(mu_);
    files_[path] = std::move(bytes);
  }
  bool contains(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mu_);
    return files_.count(path) != 0;
  }
  /// The files, sorted by path. Not to be called while other threads add.
  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::string> files_;
};

}  // namespace bilan
