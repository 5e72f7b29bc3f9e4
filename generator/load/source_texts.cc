#include "load/source_texts.h"

#include <cstring>

namespace bilan {

namespace {

// Texts go into blocks of this size; a text of more than a quarter of it gets
// a block of its own, so that at most a quarter of a block is left unused.
constexpr size_t kBlockBytes = 256 * 1024;

}  // namespace

SourceTexts::SourceTexts(const SourceTexts& other) { add_all(other); }

SourceTexts& SourceTexts::operator=(const SourceTexts& other) {
  if (this != &other) *this = SourceTexts(other);
  return *this;
}

SourceTexts::SourceTexts(SourceTexts&& other) noexcept { *this = std::move(other); }

SourceTexts& SourceTexts::operator=(SourceTexts&& other) noexcept {
  if (this == &other) return *this;
  // The blocks move with their memory: the views stay valid.
  blocks_ = std::move(other.blocks_);
  large_ = std::move(other.large_);
  free_ = other.free_;
  next_ = other.next_;
  entries_ = std::move(other.entries_);
  index_ = std::move(other.index_);
  indexed_ = other.indexed_;
  made_ = std::move(other.made_);
  other.free_ = 0;
  other.next_ = nullptr;
  other.entries_.clear();
  other.index_.clear();
  other.indexed_ = false;
  other.made_.clear();
  return *this;
}

std::string_view SourceTexts::keep(std::string_view s) {
  if (s.empty()) return {};
  if (s.size() > kBlockBytes / 4) {
    large_.push_back(std::unique_ptr<char[]>(new char[s.size()]));  // not zeroed: written at once
    std::memcpy(large_.back().get(), s.data(), s.size());
    return {large_.back().get(), s.size()};
  }
  if (s.size() > free_) {
    blocks_.push_back(std::unique_ptr<char[]>(new char[kBlockBytes]));
    next_ = blocks_.back().get();
    free_ = kBlockBytes;
  }
  char* at = next_;
  std::memcpy(at, s.data(), s.size());
  next_ += s.size();
  free_ -= s.size();
  return {at, s.size()};
}

void SourceTexts::add(std::string_view path, std::string_view text) {
  Entry e{keep(path), keep(text)};
  entries_.push_back(e);
  std::lock_guard<std::mutex> lock(mu_);
  if (indexed_) index_[e.path] = entries_.size() - 1;
  if (auto it = made_.find(std::string(path)); it != made_.end()) it->second.assign(text);
}

void SourceTexts::add_all(const SourceTexts& other) {
  for (const Entry& e : other.entries_) add(e.path, e.text);
}

const SourceTexts::Entry* SourceTexts::lookup(std::string_view path) const {
  if (!indexed_) {
    index_.clear();
    index_.reserve(entries_.size());
    for (size_t i = 0; i < entries_.size(); ++i) index_[entries_[i].path] = i;
    indexed_ = true;
  }
  auto it = index_.find(path);
  return it == index_.end() ? nullptr : &entries_[it->second];
}

SourceTexts::const_iterator SourceTexts::find(const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = made_.find(path); it != made_.end()) return it;
  const Entry* e = lookup(path);
  if (!e) return made_.end();
  return made_.emplace(path, std::string(e->text)).first;
}

SourceTexts::const_iterator SourceTexts::end() const {
  std::lock_guard<std::mutex> lock(mu_);
  return made_.end();
}

std::string_view SourceTexts::text(std::string_view path) const {
  std::lock_guard<std::mutex> lock(mu_);
  const Entry* e = lookup(path);
  return e ? e->text : std::string_view();
}

}  // namespace bilan
