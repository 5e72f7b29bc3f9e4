// `bilan new`: the skeleton files of a new region or EXEMPLE. They pass
// `bilan check` as written: every figure is left out (absent, not 0) and
// comments show where each one goes, with the measures and fields of
// content/measures.yaml and the field documentation of load/schema.cc.
#pragma once

#include <string>
#include <vector>

#include "model/model.h"
#include "support/fs.h"

namespace bilan {

/// A file to create, relative to the project folder.
struct NewFile {
  std::string path;
  std::string text;
};

/// The files of a new region named `name` ("Île-de-France"): its
/// region.yaml and intro.md in content/regions/<slug>/. `project` is the
/// loaded project (for the nation, the next order and the measures). False
/// with *err when the name gives no id or the region folder exists.
bool new_region(const Project& project, const FileSystem& files, const std::string& name, std::vector<NewFile>* out,
                std::string* err);

/// The file of a new EXEMPLE named `name` in region `region` (its id, or its
/// name): content/regions/<region>/examples/<slug>.md. False with *err when
/// the region is unknown, the name gives no id or the file exists.
bool new_example(const Project& project, const FileSystem& files, const std::string& region, const std::string& name,
                 std::vector<NewFile>* out, std::string* err);

/// Creates the files under `root`, never replacing one: false with *err when
/// any already exists (then none is written) or cannot be written.
bool create_files(const std::string& root, const std::vector<NewFile>& files, std::string* err);

/// `base` with `extra` files laid over it: to check new files before they
/// are written.
class OverlayFileSystem : public FileSystem {
 public:
  OverlayFileSystem(const FileSystem& base, const std::vector<NewFile>& extra);
  bool read(const std::string& path, std::string* content, std::string* err) const override;
  std::vector<std::string> list(const std::string& dir) const override;
  bool exists(const std::string& path) const override;
  bool is_dir(const std::string& path) const override;

 private:
  const FileSystem& base_;
  MemoryFileSystem extra_;
  std::vector<std::string> paths_;
};

}  // namespace bilan
