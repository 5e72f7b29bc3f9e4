// What a build stage looked at through the FileSystem, so that a later build
// (`bilan build` with its manifest) or a file change (`bilan serve`) can tell
// whether running the stage again could give anything new.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "support/fs.h"

namespace bilan {

/// XXH3-128 of `bytes`, as 32 lowercase hex digits (xxHash's canonical,
/// big-endian form). A digest tells whether a file changed between two
/// builds, never whether to trust it: a fast non-cryptographic hash is
/// enough, and a 128-bit one makes an accidental collision negligible.
std::string content_digest(std::string_view bytes);

/// Every question a stage asked the file system, with the answer it got.
struct InputRecord {
  std::map<std::string, std::string> reads;  ///< path -> content digest, or "!" + reason when the read failed
  std::map<std::string, std::string> lists;  ///< folder -> digest of the listing
  std::map<std::string, bool> exists;        ///< path -> answer of exists()
  std::map<std::string, bool> dirs;          ///< path -> answer of is_dir()

  bool operator==(const InputRecord& o) const {
    return reads == o.reads && lists == o.lists && exists == o.exists && dirs == o.dirs;
  }
  bool operator!=(const InputRecord& o) const { return !(*this == o); }

  /// True when a change to `path` (a file or a folder, relative to the
  /// project folder) may change an answer: `path` was read or asked about, is
  /// a folder holding such a file, or lies in a listed folder.
  bool affected_by(const std::string& path) const;
  /// True when `files` gives every recorded answer again (reads are compared
  /// by digest, so a record made without digests is never still valid).
  bool still_valid(const FileSystem& files) const;
};

/// A FileSystem that forwards to `base` and records every question into an
/// InputRecord. Safe to use from several threads.
class RecordingFileSystem : public FileSystem {
 public:
  /// With `digests`, reads record the digest of what was read (needed to
  /// compare with a later build); without, an empty digest (enough to match
  /// changed paths with affected_by, as `bilan serve` does).
  RecordingFileSystem(const FileSystem& base, bool digests) : base_(base), digests_(digests) {}

  bool read(const std::string& path, std::string* content, std::string* err) const override;
  std::vector<std::string> list(const std::string& dir) const override;
  bool exists(const std::string& path) const override;
  bool is_dir(const std::string& path) const override;

  /// What was recorded so far; the recorder starts again empty.
  InputRecord take();

 private:
  const FileSystem& base_;
  bool digests_;
  mutable std::mutex mu_;
  mutable InputRecord record_;
};

}  // namespace bilan
