#include "serve/cached_fs.h"

namespace bilan {

namespace {

bool under(const std::string& path, const std::string& folder) {
  return folder.empty() || path == folder ||
         (path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 && path[folder.size()] == '/');
}

template <class Map>
void erase_under(Map* m, const std::string& folder) {
  for (auto it = m->lower_bound(folder); it != m->end() && it->first.compare(0, folder.size(), folder) == 0;)
    it = under(it->first, folder) ? m->erase(it) : std::next(it);
}

}  // namespace

bool CachedFileSystem::read(const std::string& path, std::string* content, std::string* err) const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = reads_.find(path);
    if (it != reads_.end()) {
      if (it->second.ok) *content = it->second.content;
      else if (err) *err = it->second.err;
      return it->second.ok;
    }
  }
  Read r;
  r.ok = base_.read(path, &r.content, &r.err);
  if (r.ok) *content = r.content;
  else if (err) *err = r.err;
  std::lock_guard<std::mutex> lock(mu_);
  bool ok = r.ok;
  reads_[path] = std::move(r);
  return ok;
}

std::vector<std::string> CachedFileSystem::list(const std::string& dir) const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = lists_.find(dir);
    if (it != lists_.end()) return it->second;
  }
  std::vector<std::string> out = base_.list(dir);
  std::lock_guard<std::mutex> lock(mu_);
  lists_[dir] = out;
  return out;
}

bool CachedFileSystem::exists(const std::string& path) const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = exists_.find(path);
    if (it != exists_.end()) return it->second;
  }
  bool answer = base_.exists(path);
  std::lock_guard<std::mutex> lock(mu_);
  exists_[path] = answer;
  return answer;
}

bool CachedFileSystem::is_dir(const std::string& path) const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = dirs_.find(path);
    if (it != dirs_.end()) return it->second;
  }
  bool answer = base_.is_dir(path);
  std::lock_guard<std::mutex> lock(mu_);
  dirs_[path] = answer;
  return answer;
}

void CachedFileSystem::invalidate(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  if (path.empty()) {
    reads_.clear(), lists_.clear(), exists_.clear(), dirs_.clear();
    return;
  }
  erase_under(&reads_, path);
  erase_under(&exists_, path);
  erase_under(&dirs_, path);
  // A listing changes when the path is in the listed folder; existence and
  // folder answers of the parents may change too (a folder created or removed).
  for (auto it = lists_.begin(); it != lists_.end();)
    it = (under(path, it->first) || under(it->first, path)) ? lists_.erase(it) : std::next(it);
  for (std::string p = path; !p.empty();) {
    size_t slash = p.rfind('/');
    p = slash == std::string::npos ? std::string() : p.substr(0, slash);
    exists_.erase(p);
    dirs_.erase(p);
  }
}

}  // namespace bilan
