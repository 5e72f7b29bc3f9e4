// A parsed YAML document held in three flat arrays: nodes, child lists and
// scalar bytes. yaml-cpp's own nodes cost a few allocations each (a shared
// memory holder, node, node_data, ref), which made up a third of the time of
// loading 35,000 small files and fragmented the heap; this tree costs three.
//
// The tree is filled with the events of a parser (YamlTreeBuilder), in the
// order yaml-cpp's event handlers receive them, so that yaml-cpp's parser and
// the loader's own subset parser (yaml_subset.h) build the same tree.
// YamlNode mirrors the part of YAML::Node's interface that load/ uses.
#pragma once

#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace bilan {

class YamlTree;

/// Where a node starts, 0-based like YAML::Mark (line -1: no position).
struct YamlMark {
  int line = -1;
  int column = -1;
};

struct YamlItem;

/// A handle on a node of a YamlTree: cheap to copy, valid while the tree
/// lives. A default-constructed handle is "undefined", what a lookup of a
/// missing key gives, as yaml-cpp's zombie nodes.
class YamlNode {
 public:
  class iterator;

  YamlNode() = default;
  YamlNode(const YamlTree* tree, std::uint32_t index) : tree_(tree), index_(index) {}

  /// True for any node that exists, null included (yaml-cpp's IsDefined).
  explicit operator bool() const { return tree_ != nullptr; }
  bool IsDefined() const { return tree_ != nullptr; }
  bool IsNull() const;
  bool IsScalar() const;
  bool IsSequence() const;
  bool IsMap() const;
  /// The text of a scalar; empty for any other node.
  std::string_view Scalar() const;
  YamlMark Mark() const;
  /// The value of the first entry of a map whose key is the scalar `key`;
  /// undefined when there is none or this is not a map.
  YamlNode operator[](std::string_view key) const;
  /// How many items (sequence) or entries (map); 0 for other nodes.
  size_t size() const;
  /// Items of a sequence, entries of a map; nothing for other nodes.
  iterator begin() const;
  iterator end() const;

 private:
  const YamlTree* tree_ = nullptr;
  std::uint32_t index_ = 0;
};

/// What iterating gives, as with yaml-cpp: for a sequence the item itself;
/// for a map an entry, its key in `first` and its value in `second`.
struct YamlItem : YamlNode {
  YamlNode first, second;
};

class YamlNode::iterator {
 public:
  using iterator_category = std::forward_iterator_tag;
  using value_type = YamlItem;
  using difference_type = std::ptrdiff_t;
  using pointer = const YamlItem*;
  using reference = const YamlItem&;

  iterator() = default;
  iterator(const YamlTree* tree, const std::uint32_t* at, const std::uint32_t* end, bool map)
      : tree_(tree), at_(at), end_(end), map_(map) {
    load();
  }
  const YamlItem& operator*() const { return item_; }
  const YamlItem* operator->() const { return &item_; }
  iterator& operator++() {
    at_ += map_ ? 2 : 1;
    load();
    return *this;
  }
  bool operator==(const iterator& o) const { return at_ == o.at_; }
  bool operator!=(const iterator& o) const { return at_ != o.at_; }

 private:
  void load();
  const YamlTree* tree_ = nullptr;
  const std::uint32_t* at_ = nullptr;
  const std::uint32_t* end_ = nullptr;
  bool map_ = false;
  YamlItem item_;
};

class YamlTree {
 public:
  enum class Kind : std::uint8_t { null, scalar, sequence, map };

  YamlTree() = default;
  // Handles point at the tree: it stays where it was made.
  YamlTree(const YamlTree&) = delete;
  YamlTree& operator=(const YamlTree&) = delete;

  /// The document's top node; undefined when the text held no document.
  YamlNode root() const { return nodes_.empty() ? YamlNode() : YamlNode(this, 0); }
  /// Forgets every node (handles become invalid).
  void clear();
  /// The tree on one line, marks included ("0:0 {0:0 'id': 0:4 'x', }"), for
  /// tests that compare trees.
  std::string dump() const;

 private:
  struct Node {
    Kind kind;
    std::int32_t line, column;
    // scalar: bytes [begin, begin+size) of chars_; sequence and map: indices
    // [begin, begin+size) of children_ (a map's entries take two, key then value).
    std::uint32_t begin, size;
  };
  std::vector<Node> nodes_;
  std::vector<std::uint32_t> children_;
  std::string chars_;
  // The builder's stacks, kept here so that a tree reused from file to file
  // keeps their buffers too.
  struct Open {
    std::uint32_t node;  // a container not closed yet
    size_t first;        // where its children start in pending_
  };
  std::vector<Open> open_;
  std::vector<std::uint32_t> pending_;  // children of the open containers, outermost first

  friend class YamlNode;
  friend class YamlNode::iterator;
  friend class YamlTreeBuilder;
};

/// Fills a YamlTree from parser events, in yaml-cpp's EventHandler order:
/// one node (the root), containers opened with start_* and closed with end().
/// Marks are 0-based lines and byte columns.
class YamlTreeBuilder {
 public:
  explicit YamlTreeBuilder(YamlTree* tree) : tree_(tree) { tree_->clear(); }
  void null(int line, int column);
  void scalar(int line, int column, std::string_view text);
  void start_sequence(int line, int column);
  void start_map(int line, int column);
  void end();
  /// True once the root node is complete.
  bool done() const { return !tree_->nodes_.empty() && tree_->open_.empty(); }

 private:
  void add(YamlTree::Kind kind, int line, int column, std::uint32_t begin, std::uint32_t size);
  YamlTree* tree_;
};

}  // namespace bilan
