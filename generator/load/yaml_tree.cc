#include "load/yaml_tree.h"

namespace bilan {

bool YamlNode::IsNull() const { return tree_ && tree_->nodes_[index_].kind == YamlTree::Kind::null; }
bool YamlNode::IsScalar() const { return tree_ && tree_->nodes_[index_].kind == YamlTree::Kind::scalar; }
bool YamlNode::IsSequence() const { return tree_ && tree_->nodes_[index_].kind == YamlTree::Kind::sequence; }
bool YamlNode::IsMap() const { return tree_ && tree_->nodes_[index_].kind == YamlTree::Kind::map; }

std::string_view YamlNode::Scalar() const {
  if (!IsScalar()) return {};
  const YamlTree::Node& n = tree_->nodes_[index_];
  return std::string_view(tree_->chars_).substr(n.begin, n.size);
}

YamlMark YamlNode::Mark() const {
  if (!tree_) return {};
  const YamlTree::Node& n = tree_->nodes_[index_];
  return {n.line, n.column};
}

YamlNode YamlNode::operator[](std::string_view key) const {
  if (!IsMap()) return {};
  const YamlTree::Node& n = tree_->nodes_[index_];
  for (std::uint32_t i = n.begin; i < n.begin + n.size; i += 2) {
    YamlNode k(tree_, tree_->children_[i]);
    if (k.IsScalar() && k.Scalar() == key) return YamlNode(tree_, tree_->children_[i + 1]);
  }
  return {};
}

size_t YamlNode::size() const {
  if (IsMap()) return tree_->nodes_[index_].size / 2;
  if (IsSequence()) return tree_->nodes_[index_].size;
  return 0;
}

YamlNode::iterator YamlNode::begin() const {
  if (!IsMap() && !IsSequence()) return {};
  const YamlTree::Node& n = tree_->nodes_[index_];
  const std::uint32_t* first = tree_->children_.data() + n.begin;
  return iterator(tree_, first, first + n.size, n.kind == YamlTree::Kind::map);
}

YamlNode::iterator YamlNode::end() const {
  if (!IsMap() && !IsSequence()) return {};
  const YamlTree::Node& n = tree_->nodes_[index_];
  const std::uint32_t* last = tree_->children_.data() + n.begin + n.size;
  return iterator(tree_, last, last, n.kind == YamlTree::Kind::map);
}

void YamlNode::iterator::load() {
  item_ = YamlItem();
  if (at_ == end_) return;
  if (map_) {
    item_.first = YamlNode(tree_, at_[0]);
    item_.second = YamlNode(tree_, at_[1]);
  } else {
    static_cast<YamlNode&>(item_) = YamlNode(tree_, at_[0]);
  }
}

namespace {

void dump_node(const YamlNode& n, std::string* out) {
  YamlMark m = n.Mark();
  *out += std::to_string(m.line) + ":" + std::to_string(m.column) + " ";
  if (!n) {
    *out += "undefined";
  } else if (n.IsNull()) {
    *out += "null";
  } else if (n.IsScalar()) {
    *out += "'";
    *out += n.Scalar();
    *out += "'";
  } else if (n.IsSequence()) {
    *out += "[";
    for (const auto& item : n) {
      dump_node(item, out);
      *out += ", ";
    }
    *out += "]";
  } else {
    *out += "{";
    for (const auto& e : n) {
      dump_node(e.first, out);
      *out += ": ";
      dump_node(e.second, out);
      *out += ", ";
    }
    *out += "}";
  }
}

}  // namespace

std::string YamlTree::dump() const {
  std::string out;
  dump_node(root(), &out);
  return out;
}

void YamlTree::clear() {
  nodes_.clear();
  children_.clear();
  chars_.clear();
  open_.clear();
  pending_.clear();
}

void YamlTreeBuilder::add(YamlTree::Kind kind, int line, int column, std::uint32_t begin, std::uint32_t size) {
  if (done()) return;  // one document: anything after the root is not kept
  auto index = static_cast<std::uint32_t>(tree_->nodes_.size());
  tree_->nodes_.push_back({kind, line, column, begin, size});
  if (!tree_->open_.empty()) tree_->pending_.push_back(index);
}

void YamlTreeBuilder::null(int line, int column) { add(YamlTree::Kind::null, line, column, 0, 0); }

void YamlTreeBuilder::scalar(int line, int column, std::string_view text) {
  if (done()) return;
  auto begin = static_cast<std::uint32_t>(tree_->chars_.size());
  tree_->chars_.append(text);
  add(YamlTree::Kind::scalar, line, column, begin, static_cast<std::uint32_t>(text.size()));
}

void YamlTreeBuilder::start_sequence(int line, int column) {
  if (done()) return;
  add(YamlTree::Kind::sequence, line, column, 0, 0);
  tree_->open_.push_back({static_cast<std::uint32_t>(tree_->nodes_.size() - 1), tree_->pending_.size()});
}

void YamlTreeBuilder::start_map(int line, int column) {
  if (done()) return;
  add(YamlTree::Kind::map, line, column, 0, 0);
  tree_->open_.push_back({static_cast<std::uint32_t>(tree_->nodes_.size() - 1), tree_->pending_.size()});
}

void YamlTreeBuilder::end() {
  std::vector<YamlTree::Open>& open = tree_->open_;
  std::vector<std::uint32_t>& pending = tree_->pending_;
  if (open.empty()) return;
  YamlTree::Open o = open.back();
  open.pop_back();
  YamlTree::Node& n = tree_->nodes_[o.node];
  n.begin = static_cast<std::uint32_t>(tree_->children_.size());
  n.size = static_cast<std::uint32_t>(pending.size() - o.first);
  tree_->children_.insert(tree_->children_.end(), pending.begin() + static_cast<std::ptrdiff_t>(o.first),
                          pending.end());
  pending.resize(o.first);
}

}  // namespace bilan
