// The new output folder while a build makes it: a temporary folder beside the
// output ("site" -> ".site.new-XXXXXX"), filled with new files and with links
// to files of the old folder, which then takes the old folder's place in one
// rename (RENAME_EXCHANGE). A reader, or an interrupted build, sees either the
// old site or the new one; a build that fails discards the folder.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <unordered_set>

#include "support/output.h"

namespace bilan {

class StagingFolder {
 public:
  /// Makes the temporary folder beside `out_dir` (and out_dir's parent when
  /// missing). On failure ok() is false and error() says why.
  explicit StagingFolder(const std::string& out_dir);
  /// Removes the temporary folder unless it was committed.
  ~StagingFolder();
  StagingFolder(const StagingFolder&) = delete;
  StagingFolder& operator=(const StagingFolder&) = delete;

  bool ok() const;
  /// The first error met, empty when none.
  std::string error() const;
  /// The output folder, absolute, without a trailing slash.
  const std::string& out() const { return out_; }

  /// Writes a new file at `path` (relative, checked with
  /// is_safe_relative_path). Safe to call from several threads for different
  /// paths. Errors are kept for error().
  bool write(const std::string& path, const std::string& bytes);
  /// Puts the old folder's file at `path` into the new folder: a hard link,
  /// so its bytes and modification time stay as they were (a copy when the
  /// file system refuses links). Replaces a file written at `path` before.
  bool keep(const std::string& path);

  /// Puts the new folder in the old one's place and removes the old one.
  bool commit();
  /// Removes the temporary folder now.
  void discard();

 private:
  bool make_parent(const std::string& full);
  void fail(const std::string& message);

  std::string out_;
  std::string tmp_;  // empty once committed or discarded
  mutable std::mutex mu_;
  std::unordered_set<std::string> made_;  // folders of tmp_ that exist
  std::string error_;
};

/// An OutputSink writing each file into a StagingFolder as it comes, keeping
/// its digest and size. A file whose bytes the old folder already holds at
/// the same path is linked instead of written (see Unchanged).
class StagingSink : public OutputSink {
 public:
  struct Written {
    std::string digest;  ///< content_digest() of the bytes
    std::uint64_t size = 0;
    bool linked = false;  ///< the old folder's file, linked (StagingFolder::keep)
  };
  /// True when the old output folder's file at `path` has exactly the bytes
  /// of `digest`, as the previous build left it. Called from any thread.
  using Unchanged = std::function<bool(const std::string& path, const std::string& digest)>;
  /// Without `unchanged`, every file is written.
  explicit StagingSink(StagingFolder* folder, Unchanged unchanged = nullptr)
      : folder_(folder), unchanged_(std::move(unchanged)) {}
  void put(const std::string& path, std::string bytes) override;
  /// Every file put, by path. Not to be called while other threads put.
  const std::map<std::string, Written>& written() const { return written_; }

 private:
  StagingFolder* folder_;
  Unchanged unchanged_;
  std::mutex mu_;
  std::map<std::string, Written> written_;
};

}  // namespace bilan
