#include "build/inputs.h"

#include <xxhash.h>

namespace bilan {

std::string content_digest(std::string_view bytes) {
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits(bytes.data(), bytes.size()));
  static const char hex[] = "0123456789abcdef";
  std::string out(2 * sizeof canonical.digest, '0');
  for (size_t i = 0; i < sizeof canonical.digest; ++i) {
    out[2 * i] = hex[canonical.digest[i] >> 4];
    out[2 * i + 1] = hex[canonical.digest[i] & 15];
  }
  return out;
}

namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// True when `folder` is `path` or one of its parent folders.
bool within(const std::string& path, const std::string& folder) {
  return path == folder || (starts_with(path, folder) && path.size() > folder.size() && path[folder.size()] == '/') ||
         folder.empty();
}

template <class Map>
bool any_within(const Map& m, const std::string& folder) {
  // Keys equal to `folder` or under "folder/" sort together from lower_bound.
  for (auto it = m.lower_bound(folder); it != m.end() && starts_with(it->first, folder); ++it)
    if (within(it->first, folder)) return true;
  return false;
}

std::string listing_digest(const std::vector<std::string>& paths) {
  std::string all;
  for (const auto& p : paths) all += p + '\n';
  return content_digest(all);
}

}  // namespace

bool InputRecord::affected_by(const std::string& path) const {
  if (any_within(reads, path) || any_within(exists, path) || any_within(dirs, path)) return true;
  for (const auto& [dir, digest] : lists)
    if (within(path, dir) || within(dir, path)) return true;
  return false;
}

bool InputRecord::still_valid(const FileSystem& files) const {
  for (const auto& [path, digest] : reads) {
    std::string content, err;
    std::string now = files.read(path, &content, &err) ? content_digest(content) : "!" + err;
    if (now != digest) return false;
  }
  for (const auto& [dir, digest] : lists)
    if (listing_digest(files.list(dir)) != digest) return false;
  for (const auto& [path, answer] : exists)
    if (files.exists(path) != answer) return false;
  for (const auto& [path, answer] : dirs)
    if (files.is_dir(path) != answer) return false;
  return true;
}

bool RecordingFileSystem::read(const std::string& path, std::string* content, std::string* err) const {
  bool ok = base_.read(path, content, err);
  std::string digest = !ok ? "!" + *err : digests_ ? content_digest(*content) : std::string();
  std::lock_guard<std::mutex> lock(mu_);
  record_.reads[path] = std::move(digest);
  return ok;
}

std::vector<std::string> RecordingFileSystem::list(const std::string& dir) const {
  std::vector<std::string> out = base_.list(dir);
  std::string digest = digests_ ? listing_digest(out) : std::string();
  std::lock_guard<std::mutex> lock(mu_);
  record_.lists[dir] = std::move(digest);
  return out;
}

bool RecordingFileSystem::exists(const std::string& path) const {
  bool answer = base_.exists(path);
  std::lock_guard<std::mutex> lock(mu_);
  record_.exists[path] = answer;
  return answer;
}

bool RecordingFileSystem::is_dir(const std::string& path) const {
  bool answer = base_.is_dir(path);
  std::lock_guard<std::mutex> lock(mu_);
  record_.dirs[path] = answer;
  return answer;
}

InputRecord RecordingFileSystem::take() {
  std::lock_guard<std::mutex> lock(mu_);
  InputRecord out = std::move(record_);
  record_ = {};
  return out;
}

}  // namespace bilan
