#include "serve/watcher.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <set>

namespace bilan {

namespace stdfs = std::filesystem;

namespace {

constexpr uint32_t kTreeMask = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO |
                               IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
// The project folder itself: only the creation of a watched folder matters.
constexpr uint32_t kRootMask = IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM | IN_ONLYDIR;

bool ends_with(const std::string& s, const char* suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

}  // namespace

bool is_scratch_file(const std::string& name) {
  return name.empty() || name[0] == '.' || name[0] == '#' || name.back() == '~' || name == "4913" ||
         ends_with(name, ".swp") || ends_with(name, ".swx") || ends_with(name, ".tmp");
}

Watcher::Watcher() = default;

Watcher::~Watcher() {
  if (inotify_ >= 0) ::close(inotify_);
  if (wake_ >= 0) ::close(wake_);
}

bool Watcher::start(const std::string& root, const std::vector<std::string>& folders, std::string* err) {
  root_ = root;
  folders_ = folders;
  inotify_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (inotify_ < 0 || wake_ < 0) {
    *err = std::string("cannot watch files: ") + std::strerror(errno);
    return false;
  }
  root_wd_ = ::inotify_add_watch(inotify_, root_.c_str(), kRootMask);
  if (root_wd_ < 0) {
    *err = "cannot watch '" + root_ + "': " + std::strerror(errno);
    return false;
  }
  std::vector<std::string> ignored;
  for (const auto& f : folders_) add_tree(f, &ignored);
  return true;
}

void Watcher::add_tree(const std::string& rel, std::vector<std::string>* found) {
  stdfs::path full = stdfs::path(root_) / rel;
  std::error_code ec;
  if (!stdfs::is_directory(full, ec)) return;
  int wd = ::inotify_add_watch(inotify_, full.c_str(), kTreeMask);
  if (wd < 0) return;  // vanished meanwhile, or out of watches: nothing better to do
  dirs_[wd] = rel;
  // Watch first, then list: a file created in between is reported twice at
  // worst, never missed.
  for (stdfs::directory_iterator it(full, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (is_scratch_file(name)) continue;
    std::string child = rel + "/" + name;
    if (it->is_directory(ec)) add_tree(child, found);
    else found->push_back(child);
  }
}

bool Watcher::read_events(std::vector<std::string>* changed) {
  alignas(struct inotify_event) char buf[64 * 1024];
  bool any = false;
  while (true) {
    ssize_t n = ::read(inotify_, buf, sizeof buf);
    if (n <= 0) return any;
    for (char* p = buf; p < buf + n;) {
      auto* ev = reinterpret_cast<struct inotify_event*>(p);
      p += sizeof(struct inotify_event) + ev->len;
      if (ev->mask & IN_Q_OVERFLOW) {
        changed->push_back("");
        any = true;
        continue;
      }
      std::string name = ev->len ? std::string(ev->name) : std::string();
      if (ev->wd == root_wd_) {
        // A watched folder appeared or went away at the top.
        if (std::find(folders_.begin(), folders_.end(), name) == folders_.end()) continue;
        if (ev->mask & (IN_CREATE | IN_MOVED_TO)) add_tree(name, changed);
        changed->push_back(name);
        any = true;
        continue;
      }
      auto dir = dirs_.find(ev->wd);
      if (dir == dirs_.end()) continue;
      if (ev->mask & IN_IGNORED) {  // the folder is gone; its parent reported it
        dirs_.erase(dir);
        continue;
      }
      if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
        changed->push_back(dir->second);
        any = true;
        continue;
      }
      if (is_scratch_file(name)) continue;
      std::string path = dir->second + "/" + name;
      if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO))) add_tree(path, changed);
      if ((ev->mask & IN_CREATE) && !(ev->mask & IN_ISDIR)) continue;  // its IN_CLOSE_WRITE follows
      changed->push_back(path);
      any = true;
    }
  }
}

std::vector<std::string> Watcher::wait(int timeout_ms, int quiet_ms) {
  std::vector<std::string> changed;
  struct pollfd fds[2] = {{inotify_, POLLIN, 0}, {wake_, POLLIN, 0}};
  int wait_ms = timeout_ms;
  while (true) {
    int r = ::poll(fds, 2, wait_ms);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;  // quiet long enough, or the first wait timed out
    if (fds[1].revents & POLLIN) {
      uint64_t v;
      while (::read(wake_, &v, sizeof v) > 0) {
      }
      return {};
    }
    read_events(&changed);
    if (changed.empty()) continue;  // only ignored events: keep waiting as before
    wait_ms = quiet_ms;
  }
  std::sort(changed.begin(), changed.end());
  changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
  return changed;
}

void Watcher::wake() {
  uint64_t one = 1;
  ssize_t r = ::write(wake_, &one, sizeof one);
  (void)r;
}

std::vector<std::string> Watcher::watched() const {
  std::vector<std::string> out;
  for (const auto& [wd, rel] : dirs_) out.push_back(rel);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace bilan
