// A FileSystem that remembers every answer of the one below it until told
// which paths changed: `bilan serve` knows from inotify exactly what changed,
// so a rebuild re-reads only those files (the site's assets alone are a few
// megabytes).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "support/fs.h"

namespace bilan {

class CachedFileSystem : public FileSystem {
 public:
  explicit CachedFileSystem(const FileSystem& base) : base_(base) {}

  bool read(const std::string& path, std::string* content, std::string* err) const override;
  std::vector<std::string> list(const std::string& dir) const override;
  bool exists(const std::string& path) const override;
  bool is_dir(const std::string& path) const override;

  /// Forgets what is known about `path` (a file or a folder) and everything
  /// under it, and every listing, existence and folder answer that it may
  /// change. "" forgets everything.
  void invalidate(const std::string& path);

 private:
  struct Read {
    bool ok;
    std::string content, err;
  };
  const FileSystem& base_;
  mutable std::mutex mu_;
  mutable std::map<std::string, Read> reads_;
  mutable std::map<std::string, std::vector<std::string>> lists_;
  mutable std::map<std::string, bool> exists_, dirs_;
};

}  // namespace bilan
