// The text of every file read, kept so that diagnostics can quote the line.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace bilan {

/// Texts by path. A project of 35,000 territories reads 70,000 files: held
/// as a map of strings they cost three allocations each and a fifth more
/// memory than their bytes; here the bytes of every text go into large shared
/// blocks. find() answers as std::map<path, text>::find does (diagnostics
/// quote a handful of files): the pair it points at is made on first request
/// and stays valid as long as the SourceTexts.
class SourceTexts {
 public:
  using const_iterator = std::map<std::string, std::string>::const_iterator;

  SourceTexts() = default;
  SourceTexts(const SourceTexts& other);
  SourceTexts& operator=(const SourceTexts& other);
  SourceTexts(SourceTexts&& other) noexcept;
  SourceTexts& operator=(SourceTexts&& other) noexcept;

  /// Keeps `text` as the text of `path`; a later add for the same path wins.
  /// Not safe while another thread uses this object.
  void add(std::string_view path, std::string_view text);
  /// Adds every text of `other`, in the order they were added there.
  void add_all(const SourceTexts& other);

  /// The (path, text) pair of `path`, or end(). Safe from several threads.
  const_iterator find(const std::string& path) const;
  const_iterator end() const;
  /// The text of `path` without making a pair; empty view when absent.
  std::string_view text(std::string_view path) const;

  /// How many texts were added (a path added twice counts twice).
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

 private:
  struct Entry {
    std::string_view path, text;  // both in blocks_
  };
  // Copies `s` into the blocks; the view stays valid until the object dies.
  std::string_view keep(std::string_view s);
  const Entry* lookup(std::string_view path) const;  // with mu_ held

  std::vector<std::unique_ptr<char[]>> blocks_;  // shared by small texts and paths
  std::vector<std::unique_ptr<char[]>> large_;   // one per large text
  size_t free_ = 0;       // bytes left at the end of the last block
  char* next_ = nullptr;  // where they start
  std::vector<Entry> entries_;
  mutable std::mutex mu_;
  // path -> position of its last entry: built by the first lookup, then
  // kept up to date by add() (under mu_, as lookups may run on other threads).
  mutable std::unordered_map<std::string_view, size_t> index_;
  mutable bool indexed_ = false;
  mutable std::map<std::string, std::string> made_;  // pairs handed out by find()
};

}  // namespace bilan
