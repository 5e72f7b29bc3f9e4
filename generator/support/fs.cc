#include "support/fs.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

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
  int fd = ::open(real_root_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) root_fd_ = std::shared_ptr<const int>(new int(fd), [](const int* p) { ::close(*p), delete p; });
}

// Set once openat2 proved missing (ENOSYS: a kernel before 5.6, or a
// sandbox that does not know it, such as valgrind 3.19): not asked again.
static std::atomic<bool> openat2_missing{false};

int DiskFileSystem::open_beneath(const std::string& path) const {
  if (!root_fd_ || openat2_missing.load(std::memory_order_relaxed)) return -1;
  struct open_how how = {};
  how.flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  // EAGAIN: a rename raced with the lookup; after a few tries the slow way decides.
  long fd = -1;
  for (int attempt = 0; attempt < 4; ++attempt) {
    fd = ::syscall(SYS_openat2, *root_fd_, path.c_str(), &how, sizeof how);
    if (fd >= 0 || (errno != EINTR && errno != EAGAIN)) break;
  }
  if (fd < 0 && errno == ENOSYS) openat2_missing.store(true, std::memory_order_relaxed);
  return static_cast<int>(fd);
}

std::string DiskFileSystem::resolve(const std::string& path, std::string* err) const {
  if (!is_safe_relative_path(path)) {
    if (err) *err = "path leaves the project folder";
    return "";
  }
  stdfs::path full = stdfs::path(real_root_) / path;
  std::error_code ec;
  // Follow symbolic links: the real target must stay under the root. The
  // canonical path is the one returned, so what is opened is what was checked.
  stdfs::path real = stdfs::weakly_canonical(full, ec);
  if (ec) {  // a loop of links, a folder that cannot be searched: refuse rather than guess
    if (err) {
      *err = ec.message();
      if (!err->empty()) (*err)[0] = static_cast<char>(std::tolower(static_cast<unsigned char>((*err)[0])));
    }
    return "";
  }
  std::string r = real.string();
  std::string root = real_root_.size() > 1 && real_root_.back() == '/' ? real_root_.substr(0, real_root_.size() - 1)
                                                                        : real_root_;
  bool inside = r == root || (r.size() > root.size() && r.compare(0, root.size(), root) == 0 &&
                              (r[root.size()] == '/' || root == "/"));
  if (!inside) {
    if (err) *err = "symbolic link leads out of the project folder";
    return "";
  }
  return r;
}

bool DiskFileSystem::read(const std::string& path, std::string* content, std::string* err) const {
  auto fail = [&](int e) {
    if (err) {
      *err = e == EACCES ? "permission denied" : e == ENOENT ? "no such file" : std::strerror(e);
      if (!err->empty()) (*err)[0] = static_cast<char>(std::tolower(static_cast<unsigned char>((*err)[0])));
    }
    return false;
  };
  // The fast way: the kernel resolves the path and refuses any step out of
  // the root (a large project reads tens of thousands of files; resolve()
  // costs a readlink per path component). Whatever it refuses (a missing
  // file, an absolute link, a link leading out, a kernel without openat2) is
  // done again the slow way below, which gives the messages.
  int fd = is_safe_relative_path(path) ? open_beneath(path) : -1;
  if (fd < 0) {
    std::string full = resolve(path, err);
    if (full.empty()) return false;
    // O_NONBLOCK: opening a named pipe must not wait for a writer; it is then
    // refused below, like any file that is not a regular file.
    fd = ::open(full.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return fail(errno);
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int e = errno;
    ::close(fd);
    return fail(e);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    if (err) *err = S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file";
    return false;
  }
  std::string bytes;
  bytes.reserve(static_cast<size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      ::close(fd);
      return fail(e);
    }
    if (n == 0) break;
    bytes.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  *content = std::move(bytes);
  return true;
}

std::vector<std::string> DiskFileSystem::list(const std::string& dir) const {
  std::vector<std::string> out;
  std::string full = resolve(dir, nullptr);
  std::error_code ec;
  if (full.empty() || !stdfs::is_directory(full, ec)) return out;
  // Symbolic links to folders are not followed. A link to a file is listed
  // under its own name (lexically relative, never resolved), so that reading
  // it reports a link leading out of the project instead of skipping it.
  // Entries are "<full>/<relative>": the relative part is cut textually
  // (lexically_relative builds and compares path objects per entry).
  const size_t prefix = full.size() + (full.back() == '/' ? 0 : 1);
  for (auto it = stdfs::recursive_directory_iterator(full, ec); !ec && it != stdfs::recursive_directory_iterator();
       it.increment(ec)) {
    std::error_code entry_ec;  // a dangling link must not end the walk
    bool file = it->is_regular_file(entry_ec);
    if (!file && !(it->is_symlink(entry_ec) && !it->is_directory(entry_ec))) continue;
    const std::string& p = it->path().native();
    out.push_back(join_path(dir, p.size() > prefix && p.compare(0, full.size(), full) == 0
                                     ? p.substr(prefix)
                                     : it->path().lexically_relative(full).generic_string()));
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
