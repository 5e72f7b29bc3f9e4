#include "build/staging.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "build/inputs.h"
#include "support/fs.h"

namespace bilan {

namespace stdfs = std::filesystem;

StagingFolder::StagingFolder(const std::string& out_dir) {
  std::error_code ec;
  stdfs::path out = stdfs::absolute(out_dir, ec);
  if (out.filename().empty()) out = out.parent_path();  // "site/" -> "site"
  out_ = out.string();
  stdfs::path parent = out.parent_path();
  stdfs::create_directories(parent, ec);
  if (ec) {
    error_ = "cannot create folder '" + parent.string() + "': " + ec.message();
    return;
  }
  if (stdfs::exists(out, ec) && !stdfs::is_directory(out, ec)) {
    error_ = "output '" + out_ + "' exists and is not a folder";
    return;
  }
  // Beside the output, so that the final rename stays on one file system and
  // hard links from the old folder work.
  std::string tmpl = (parent / ("." + out.filename().string() + ".new-XXXXXX")).string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (!::mkdtemp(buf.data())) {
    error_ = "cannot create a temporary folder beside '" + out_ + "': " + std::strerror(errno);
    return;
  }
  tmp_ = buf.data();
  ::chmod(tmp_.c_str(), 0755);
  made_.insert(tmp_);
}

StagingFolder::~StagingFolder() { discard(); }

bool StagingFolder::ok() const {
  std::lock_guard<std::mutex> lock(mu_);
  return error_.empty();
}

std::string StagingFolder::error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return error_;
}

void StagingFolder::fail(const std::string& message) {
  std::lock_guard<std::mutex> lock(mu_);
  if (error_.empty()) error_ = message;
}

// Makes the folder that will hold `full`. Folders already made cost nothing;
// a new one whose parent exists costs one mkdir (std::filesystem's
// create_directories stats every component first: a site of 35,000 pages has
// as many folders).
bool StagingFolder::make_parent(const std::string& full) {
  size_t slash = full.rfind('/');
  if (slash == std::string::npos || slash == 0) return true;
  std::string dir = full.substr(0, slash);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (made_.count(dir)) return true;
  }
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    std::error_code ec;
    stdfs::create_directories(dir, ec);
    if (ec) {
      fail("cannot create folder '" + dir + "': " + ec.message());
      return false;
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  made_.insert(std::move(dir));
  return true;
}

bool StagingFolder::write(const std::string& path, const std::string& bytes) {
  if (tmp_.empty()) return false;
  if (!is_safe_relative_path(path)) {
    fail("refusing to write output path '" + path + "'");
    return false;
  }
  const std::string full = tmp_ + "/" + path;
  if (!make_parent(full)) return false;
  int fd = ::open(full.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    fail("cannot write '" + full + "': " + std::strerror(errno));
    return false;
  }
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot write '" + full + "': " + std::strerror(errno));
      ::close(fd);
      return false;
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    fail("cannot write '" + full + "': " + std::strerror(errno));
    return false;
  }
  return true;
}

bool StagingFolder::keep(const std::string& path) {
  if (tmp_.empty()) return false;
  if (!is_safe_relative_path(path)) {
    fail("refusing to write output path '" + path + "'");
    return false;
  }
  const std::string from = out_ + "/" + path;
  const std::string to = tmp_ + "/" + path;
  if (!make_parent(to)) return false;
  if (::link(from.c_str(), to.c_str()) == 0) return true;
  if (errno == EEXIST && ::unlink(to.c_str()) == 0 && ::link(from.c_str(), to.c_str()) == 0) return true;
  // Links refused (EXDEV, EPERM, EMLINK): a copy.
  std::error_code ec;
  if (!stdfs::copy_file(from, to, stdfs::copy_options::overwrite_existing, ec)) {
    fail("cannot keep '" + from + "': " + ec.message());
    return false;
  }
  return true;
}

bool StagingFolder::commit() {
  if (tmp_.empty() || !ok()) return false;
  std::error_code ec;
  if (stdfs::exists(out_, ec)) {
    // Swap old and new in one step; the old site ends up at tmp_.
    if (::renameat2(AT_FDCWD, tmp_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) != 0) {
      fail("cannot replace '" + out_ + "': " + std::strerror(errno));
      return false;
    }
  } else if (::rename(tmp_.c_str(), out_.c_str()) != 0) {
    fail("cannot create '" + out_ + "': " + std::strerror(errno));
    return false;
  }
  stdfs::remove_all(tmp_, ec);  // the old site, if any
  tmp_.clear();
  return true;
}

void StagingFolder::discard() {
  if (tmp_.empty()) return;
  std::error_code ec;
  stdfs::remove_all(tmp_, ec);
  tmp_.clear();
}

void StagingSink::put(const std::string& path, std::string bytes) {
  Written w{content_digest(bytes), bytes.size()};
  // An unchanged file is linked: no new file to make (most of the cost of
  // writing a small one), and its modification time stays.
  w.linked = unchanged_ && unchanged_(path, w.digest) && folder_->keep(path);
  if (!w.linked) folder_->write(path, bytes);
  std::lock_guard<std::mutex> lock(mu_);
  written_[path] = std::move(w);
}

}  // namespace bilan
