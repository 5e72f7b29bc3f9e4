#include "load/yaml_subset.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace bilan {

namespace {

// The rules below follow yaml-cpp 0.7's scanner (exp.h, scanscalar.cpp,
// singledocparser.cpp), not only the YAML specification: where the two could
// differ the parser gives up. Marks are those of yaml-cpp's tokens: a block
// mapping starts at its first key, a block sequence at its first '-', a flow
// collection at its bracket, a scalar at its first character (the quote of a
// quoted one), and an empty value at the next token: the first character of
// the next line that is neither blank nor a comment, or, at the end of a
// text that ends with a line break, column 0 of the line after it.

bool is_key_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_key_char(char c) { return is_key_start(c) || c == '-' || c == '.'; }

// yaml-cpp reads these plain scalars as null (IsNullString).
bool is_null_word(std::string_view s) { return s == "~" || s == "null" || s == "Null" || s == "NULL"; }

// Deepest nesting accepted (parse_yaml refuses deeper text before any parser
// sees it; this keeps the recursion bounded when called alone).
constexpr int kMaxDepth = 64;

// Longest key accepted; yaml-cpp stops looking for a simple key's ':' after
// 1024 characters.
constexpr size_t kMaxKey = 256;

class SubsetParser {
  // Counts the open collections for as long as it lives.
  struct Depth {
    explicit Depth(int* d) : d_(d) { ++*d_; }
    ~Depth() { --*d_; }
    bool ok() const { return *d_ <= kMaxDepth; }
    int* d_;
  };

 public:
  SubsetParser(std::string_view text, YamlTree* tree) : t_(text), b_(tree) {}

  bool parse() {
    if (!scan_bytes()) return false;
    first_line();
    if (eof_ || indent_ != 0) return false;  // nothing, or an indented document
    size_t p = line_ + indent_;
    if (is_entry(p)) {
      if (!block_sequence(0, false)) return false;
    } else if (key_length(p)) {
      if (!block_map(p)) return false;
    } else {
      return false;
    }
    return eof_ && b_.done();
  }

 private:
  // Refuses bytes and sequences the subset leaves to yaml-cpp: control
  // characters (tab and carriage return included), DEL, a byte order mark
  // anywhere, NEL and the Unicode line and paragraph separators. Counts line
  // breaks for the end mark.
  bool scan_bytes() {
    constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    for (size_t i = 0; i < t_.size(); ++i) {
      // Eight printable ASCII bytes (0x20-0x7E) at a time.
      while (i + 8 <= t_.size()) {
        std::uint64_t w;
        std::memcpy(&w, t_.data() + i, 8);
        std::uint64_t del = w ^ (0x7f * kOnes);
        if (((w & kHigh) | ((w - 0x20 * kOnes) & ~w & kHigh) | ((del - kOnes) & ~del & kHigh)) != 0) break;
        i += 8;
      }
      if (i >= t_.size()) break;
      auto c = static_cast<unsigned char>(t_[i]);
      if (c == '\n') {
        ++breaks_;
      } else if (c < 0x20 || c == 0x7f) {
        return false;
      } else if (c == 0xC2) {
        if (i + 1 < t_.size() && static_cast<unsigned char>(t_[i + 1]) == 0x85) return false;
      } else if (c == 0xE2) {
        if (i + 2 < t_.size() && static_cast<unsigned char>(t_[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(t_[i + 2]) == 0xA8 || static_cast<unsigned char>(t_[i + 2]) == 0xA9))
          return false;
      } else if (c == 0xEF) {
        if (i + 2 < t_.size() && static_cast<unsigned char>(t_[i + 1]) == 0xBB &&
            static_cast<unsigned char>(t_[i + 2]) == 0xBF)
          return false;
      }
    }
    return true;
  }

  // --- Lines. The current line is the next one that is neither blank nor
  // a comment: it starts at line_, ends at end_ (its '\n' or the end of the
  // text), is line number number_ (0-based) and indented by indent_ spaces.

  void first_line() {
    next_ = 0;
    next_number_ = 0;
    advance();
  }

  void advance() {
    while (next_ <= t_.size()) {
      size_t start = next_;
      size_t end = t_.find('\n', start);
      if (end == std::string_view::npos) end = t_.size();
      int number = next_number_;
      next_ = end + 1;
      ++next_number_;
      size_t k = start;
      while (k < end && t_[k] == ' ') ++k;
      if (k == end || t_[k] == '#') continue;
      line_ = start;
      end_ = end;
      number_ = number;
      indent_ = static_cast<int>(k - start);
      return;
    }
    eof_ = true;
    number_ = breaks_;
    indent_ = 0;
    line_ = end_ = t_.size();
  }

  int column(size_t p) const { return static_cast<int>(p - line_); }

  // After a value that ends its line: only spaces, then the end of the line
  // or a comment.
  bool rest_is_blank(size_t p) const {
    size_t k = p;
    while (k < end_ && t_[k] == ' ') ++k;
    if (k == end_) return true;
    return t_[k] == '#' && k > p;
  }

  // A block sequence entry: '-' then a space or the end of the line.
  bool is_entry(size_t p) const { return p < end_ && t_[p] == '-' && (p + 1 == end_ || t_[p + 1] == ' '); }

  // The length of a plain key at p followed by ':' and a space or the end of
  // the line, or 0.
  size_t key_length(size_t p) const {
    if (p >= end_ || !is_key_start(t_[p])) return 0;
    size_t k = p + 1;
    while (k < end_ && is_key_char(t_[k])) ++k;
    if (k - p > kMaxKey || k >= end_ || t_[k] != ':') return 0;
    if (k + 1 < end_ && t_[k + 1] != ' ') return 0;
    return k - p;
  }

  void plain(int line, int col, std::string_view s) {
    if (is_null_word(s)) b_.null(line, col);
    else b_.scalar(line, col, s);
  }

  // --- Block collections.

  // A mapping whose first key is at p on the current line; its other keys
  // start the lines indented like it.
  bool block_map(size_t p) {
    Depth depth(&depth_);
    if (!depth.ok()) return false;
    const int indent = column(p);
    b_.start_map(number_, indent);
    while (true) {
      size_t n = key_length(p);
      if (!n) return false;
      plain(number_, column(p), t_.substr(p, n));
      size_t v = p + n + 1;
      while (v < end_ && t_[v] == ' ') ++v;
      if (v == end_ || t_[v] == '#') {
        if (!value_below(indent, true)) return false;
      } else {
        if (!inline_value(v)) return false;
        advance();
        if (!eof_ && indent_ > indent) return false;  // a scalar over several lines, or worse
      }
      if (eof_ || indent_ < indent) break;
      if (indent_ > indent) return false;
      p = line_ + indent_;
    }
    b_.end();
    return true;
  }

  // A sequence whose entries start the lines indented by `indent`, the
  // current one first. `in_map`: the value of a mapping key at the same
  // indentation ("key:\n- a"), which a key line at that indentation ends.
  bool block_sequence(int indent, bool in_map) {
    Depth depth(&depth_);
    if (!depth.ok()) return false;
    b_.start_sequence(number_, indent);
    while (true) {
      size_t p = line_ + indent_;
      if (!is_entry(p)) return false;
      size_t v = p + 1;
      while (v < end_ && t_[v] == ' ') ++v;
      if (v == end_ || t_[v] == '#') {
        if (!value_below(indent, false)) return false;
      } else if (is_entry(v)) {
        return false;  // "- - a"
      } else if (key_length(v)) {
        if (!block_map(v)) return false;
      } else {
        if (!inline_value(v)) return false;
        advance();
        if (!eof_ && indent_ > indent) return false;
      }
      if (eof_ || indent_ < indent) break;
      if (indent_ > indent) return false;
      if (!is_entry(line_ + indent_)) {
        if (in_map) break;
        return false;
      }
    }
    b_.end();
    return true;
  }

  // The value of a key (or entry) of a collection indented by `indent`
  // written on the lines below it: a nested collection, or nothing (null).
  bool value_below(int indent, bool in_map) {
    advance();
    if (eof_) {
      // At the end of a text that ends with a line break, yaml-cpp's mark is
      // column 0 of the line after it; otherwise it depends on the blanks
      // that end the text ("_:\n  _:\n " gives column 1): left to yaml-cpp.
      if (t_.empty() || t_.back() != '\n') return false;
      b_.null(number_, 0);
      return true;
    }
    size_t p = line_ + indent_;
    if (indent_ > indent) {
      if (is_entry(p)) return block_sequence(indent_, false);
      if (key_length(p)) return block_map(p);
      return false;  // a scalar on its own line
    }
    if (indent_ == indent && in_map && is_entry(p)) return block_sequence(indent_, true);
    b_.null(number_, indent_);
    return true;
  }

  // A value written after "key: " or "- ", up to the end of its line.
  bool inline_value(size_t p) {
    char c = t_[p];
    size_t after;
    switch (c) {
      case '"':
      case '\'':
        if (!quoted(p, &after)) return false;
        break;
      case '{':
        if (!flow_map(p, &after)) return false;
        break;
      case '[':
        if (!flow_sequence(p, &after)) return false;
        break;
      default:
        return block_plain(p);
    }
    return rest_is_blank(after);
  }

  // A plain scalar in block context: up to the end of the line or a comment.
  bool block_plain(size_t p) {
    char c = t_[p];
    static constexpr std::string_view kIndicators = ",[]{}#&*!|>'\"%@`?:";
    if (kIndicators.find(c) != std::string_view::npos) return false;
    if (c == '-' && (p + 1 == end_ || t_[p + 1] == ' ')) return false;
    size_t k = p;
    size_t last = p;  // one past the last non-space character
    for (; k < end_; ++k) {
      char x = t_[k];
      if (x == ' ') {
        if (k + 1 < end_ && t_[k + 1] == '#') break;  // a comment
        continue;
      }
      if (x == ':' && (k + 1 == end_ || t_[k + 1] == ' ')) return false;  // "a: b: c"
      last = k + 1;
    }
    plain(number_, column(p), t_.substr(p, last - p));
    return true;
  }

  // A quoted scalar that ends on its line; *after is just past its closing
  // quote. Double quotes take the escapes \" and \\ only.
  bool quoted(size_t p, size_t* after) {
    const char q = t_[p];
    std::string value;
    size_t k = p + 1;
    size_t run = k;  // start of the bytes not yet copied into value
    for (;; ++k) {
      if (k >= end_) return false;
      char x = t_[k];
      if (q == '"' && x == '\\') {
        if (k + 1 >= end_ || (t_[k + 1] != '"' && t_[k + 1] != '\\')) return false;
        value.append(t_.substr(run, k - run));
        value += t_[k + 1];
        ++k;
        run = k + 1;
        continue;
      }
      if (x != q) continue;
      if (q == '\'' && k + 1 < end_ && t_[k + 1] == '\'') {
        value.append(t_.substr(run, k + 1 - run));
        ++k;
        run = k + 1;
        continue;
      }
      break;
    }
    if (value.empty()) {
      b_.scalar(number_, column(p), t_.substr(run, k - run));
    } else {
      value.append(t_.substr(run, k - run));
      b_.scalar(number_, column(p), value);
    }
    *after = k + 1;
    return true;
  }

  // --- Flow collections, on one line.

  size_t skip_spaces(size_t p) const {
    while (p < end_ && t_[p] == ' ') ++p;
    return p;
  }

  // One value inside a flow collection; *after is just past it.
  bool flow_value(size_t p, size_t* after) {
    if (p >= end_) return false;
    switch (t_[p]) {
      case '"':
      case '\'':
        return quoted(p, after);
      case '{':
        return flow_map(p, after);
      case '[':
        return flow_sequence(p, after);
      default:
        return flow_plain(p, after);
    }
  }

  // A plain scalar inside a flow collection: up to ',', ']' or '}'.
  bool flow_plain(size_t p, size_t* after) {
    static constexpr std::string_view kIndicators = "?,[]{}#&*!|>'\"%@`:";
    if (kIndicators.find(t_[p]) != std::string_view::npos) return false;
    if (t_[p] == '-' && (p + 1 == end_ || t_[p + 1] == ' ')) return false;
    size_t k = p;
    size_t last = p;
    for (; k < end_; ++k) {
      char x = t_[k];
      if (x == ',' || x == ']' || x == '}') break;
      if (x == ':' || x == '#' || x == '?' || x == '[' || x == '{') return false;
      if (x != ' ') last = k + 1;
    }
    if (k == end_) return false;  // not closed on this line
    plain(number_, column(p), t_.substr(p, last - p));
    *after = k;
    return true;
  }

  // After a value inside a flow collection: ',' and the next value, or the
  // closing bracket. Returns the position of the next value, or npos after
  // the closing bracket (*closed set).
  bool flow_next(size_t p, char close, size_t* next, bool* closed) {
    p = skip_spaces(p);
    if (p >= end_) return false;
    if (t_[p] == close) {
      *closed = true;
      *next = p + 1;
      return true;
    }
    if (t_[p] != ',') return false;
    p = skip_spaces(p + 1);
    if (p >= end_ || t_[p] == close || t_[p] == ',') return false;  // a trailing or empty entry
    *closed = false;
    *next = p;
    return true;
  }

  bool flow_sequence(size_t p, size_t* after) {
    Depth depth(&depth_);
    if (!depth.ok()) return false;
    b_.start_sequence(number_, column(p));
    p = skip_spaces(p + 1);
    if (p < end_ && t_[p] == ']') {
      b_.end();
      *after = p + 1;
      return true;
    }
    for (bool closed = false; !closed;) {
      size_t end;
      if (!flow_value(p, &end)) return false;
      if (!flow_next(end, ']', &p, &closed)) return false;
    }
    b_.end();
    *after = p;
    return true;
  }

  bool flow_map(size_t p, size_t* after) {
    Depth depth(&depth_);
    if (!depth.ok()) return false;
    b_.start_map(number_, column(p));
    p = skip_spaces(p + 1);
    if (p < end_ && t_[p] == '}') {
      b_.end();
      *after = p + 1;
      return true;
    }
    for (bool closed = false; !closed;) {
      size_t n = key_length(p);
      if (!n || p + n + 1 >= end_) return false;  // "key:" needs a space and a value after it
      plain(number_, column(p), t_.substr(p, n));
      size_t end;
      if (!flow_value(skip_spaces(p + n + 1), &end)) return false;
      if (!flow_next(end, '}', &p, &closed)) return false;
    }
    b_.end();
    *after = p;
    return true;
  }

  std::string_view t_;
  YamlTreeBuilder b_;
  int breaks_ = 0;  // line breaks in the text
  // The current line (see advance) and where the one after it starts.
  size_t line_ = 0, end_ = 0;
  int number_ = 0, indent_ = 0;
  bool eof_ = false;
  int depth_ = 0;
  size_t next_ = 0;
  int next_number_ = 0;
};

}  // namespace

bool parse_yaml_subset(std::string_view text, YamlTree* tree) { return SubsetParser(text, tree).parse(); }

}  // namespace bilan
