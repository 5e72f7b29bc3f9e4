// The file system, behind a small interface so loaders and renderers can be
// tested in memory (ninja's VirtualFileSystem, leveldb's NewMemEnv).
// Paths are relative to a root folder and use '/'.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bilan {

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  /// Reads the whole file. On failure returns false and sets *err to a short
  /// reason ("no such file", "permission denied", "is a directory").
  virtual bool read(const std::string& path, std::string* content, std::string* err) const = 0;
  /// Regular files under `dir` (recursively), relative to the root, sorted.
  /// An absent folder gives an empty list.
  virtual std::vector<std::string> list(const std::string& dir) const = 0;
  virtual bool exists(const std::string& path) const = 0;
  /// True when `path` names a folder.
  virtual bool is_dir(const std::string& path) const = 0;
};

/// Files on disk under `root`. Refuses paths that leave the root: absolute
/// paths, `..` components, and symbolic links resolving outside the root
/// ("symbolic link leads out of the project folder"). Reads regular files
/// only: a named pipe or a device is refused ("not a regular file"), never
/// waited on. list() does not enter symbolic links to folders; it lists a link
/// to a file (or a dangling link) under its own name, so reading it reports
/// the problem instead of the file silently going missing.
class DiskFileSystem : public FileSystem {
 public:
  explicit DiskFileSystem(std::string root);
  bool read(const std::string& path, std::string* content, std::string* err) const override;
  std::vector<std::string> list(const std::string& dir) const override;
  bool exists(const std::string& path) const override;
  bool is_dir(const std::string& path) const override;
  const std::string& root() const { return root_; }
  /// The absolute path of `path`, or "" with *err set when it would leave the root.
  std::string resolve(const std::string& path, std::string* err) const;

 private:
  // Opens `path` for reading in one system call when the kernel can promise
  // it stays under the root (openat2 with RESOLVE_BENEATH); -1 otherwise.
  int open_beneath(const std::string& path) const;

  std::string root_;       // as given
  std::string real_root_;  // canonical form, for containment checks
  std::shared_ptr<const int> root_fd_;  // O_PATH handle on real_root_ for open_beneath, shared by copies
};

/// Files held in memory, for tests.
class MemoryFileSystem : public FileSystem {
 public:
  void add(const std::string& path, std::string content) { files_[path] = std::move(content); }
  bool read(const std::string& path, std::string* content, std::string* err) const override;
  std::vector<std::string> list(const std::string& dir) const override;
  bool exists(const std::string& path) const override;
  bool is_dir(const std::string& path) const override;

 private:
  std::map<std::string, std::string> files_;
};

/// True when `path` is relative, has no `..` component and no empty start
/// ("/x"); the check applied to every path written in content.
bool is_safe_relative_path(const std::string& path);

/// Joins two relative paths: join_path("content/regions/x", "intro.md").
std::string join_path(const std::string& dir, const std::string& name);
/// The folder part of a path ("a/b/c.yaml" -> "a/b"; "c.yaml" -> "").
std::string dir_name(const std::string& path);

}  // namespace bilan
