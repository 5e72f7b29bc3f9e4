#include "support/fs.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace bilan {

namespace stdfs = std::filesystem;

bool is_safe_relative_path(const std::string& path) {
  if (path.empty() || path[0] == '/' || path[0] == '\\') return false;
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (path.compare(start, end - start, "..") == 0 && end - start == 2) return false;
    start = end + 1;
  }
  return true;
}

std::string join_path(const std::string& dir, const std::string& name) {
  if (dir.empty()) return name;
  if (dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

std::string dir_name(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

DiskFileSystem::DiskFileSystem(std::string root) : root_(std::move(root)) {
  std::error_code ec;
  real_root_ = stdfs::weakly_canonical(stdfs::absolute(root_, ec), ec).string();
}

std::string DiskFileSystem::resolve(const std::string& path, std::string* err) const {
  if (!is_safe_relative_path(path)) {
    if (err) *err = "path leaves the project folder";
    return "";
  }
  stdfs::path full = stdfs::path(real_root_) / path;
  std::error_code ec;
  // Follow symbolic links: the real target must stay under the root.
  stdfs::path real = stdfs::weakly_canonical(full, ec);
  if (ec) real = full;
  std::string r = real.string();
  if (r != real_root_ && (r.size() <= real_root_.size() || r.compare(0, real_root_.size(), real_root_) != 0 ||
                          r[real_root_.size()] != '/')) {
    if (err) *err = "path leaves the project folder";
    return "";
  }
  return full.string();
}

bool DiskFileSystem::read(const std::string& path, std::string* content, std::string* err) const {
  std::string full = resolve(path, err);
  if (full.empty()) return false;
  std::error_code ec;
  if (stdfs::is_directory(full, ec)) {
    if (err) *err = "is a directory";
    return false;
  }
  std::ifstream in(full, std::ios::binary);
  if (!in) {
    if (err) *err = errno == EACCES ? "permission denied" : (errno == ENOENT ? "no such file" : std::strerror(errno));
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    if (err) *err = "read error";
    return false;
  }
  *content = ss.str();
  return true;
}

std::vector<std::string> DiskFileSystem::list(const std::string& dir) const {
  std::vector<std::string> out;
  std::string full = resolve(dir, nullptr);
  std::error_code ec;
  if (full.empty() || !stdfs::is_directory(full, ec)) return out;
  for (auto it = stdfs::recursive_directory_iterator(full, ec); !ec && it != stdfs::recursive_directory_iterator();
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    out.push_back(join_path(dir, stdfs::relative(it->path(), full, ec).generic_string()));
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool DiskFileSystem::exists(const std::string& path) const {
  std::string full = resolve(path, nullptr);
  std::error_code ec;
  return !full.empty() && stdfs::exists(full, ec);
}

bool DiskFileSystem::is_dir(const std::string& path) const {
  std::string full = resolve(path, nullptr);
  std::error_code ec;
  return !full.empty() && stdfs::is_directory(full, ec);
}

bool MemoryFileSystem::read(const std::string& path, std::string* content, std::string* err) const {
  auto it = files_.find(path);
  if (it == files_.end()) {
    if (err) *err = is_dir(path) ? "is a directory" : "no such file";
    return false;
  }
  *content = it->second;
  return true;
}

std::vector<std::string> MemoryFileSystem::list(const std::string& dir) const {
  std::vector<std::string> out;
  std::string prefix = dir.empty() ? "" : (dir.back() == '/' ? dir : dir + "/");
  for (const auto& [path, _] : files_)
    if (path.compare(0, prefix.size(), prefix) == 0) out.push_back(path);
  return out;
}

bool MemoryFileSystem::exists(const std::string& path) const { return files_.count(path) || is_dir(path); }

bool MemoryFileSystem::is_dir(const std::string& path) const {
  std::string prefix = path.empty() ? "" : (path.back() == '/' ? path : path + "/");
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace bilan
