#include "render/html/templates.h"

#include <cstdlib>

#include <kainjow/mustache.hpp>

#include "support/utf8.h"

namespace bilan {

void TemplateData::set(const std::string& name, TemplateData value) {
  if (!is_object()) return;
  for (auto& [n, v] : fields_)
    if (n == name) {
      v = std::move(value);
      return;
    }
  // Most objects of a page hold a handful of values: room for them at once
  // rather than growing one by one.
  if (fields_.empty()) fields_.reserve(8);
  fields_.emplace_back(name, std::move(value));
}

const TemplateData* TemplateData::get(const std::string& name) const {
  if (!is_object()) return nullptr;
  for (const auto& [n, v] : fields_)
    if (n == name) return &v;
  return nullptr;
}

void TemplateData::push_back(TemplateData value) {
  if (is_list()) items_.push_back(std::move(value));
}

std::vector<std::string> TemplateData::object_names() const {
  std::vector<std::string> names;
  for (const auto& field : fields_) names.push_back(field.first);
  return names;
}

namespace {

namespace mustache = kainjow::mustache;

constexpr const char* kExtension = ".mustache";

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

SourcePos pos_at(const std::string& file, const std::string& text, size_t offset) {
  SourcePos pos;
  pos.file = file;
  line_column(text, offset, &pos.line, &pos.column);
  return pos;
}

// kainjow reports "Unclosed tag at 123": turn the byte offset into line:col
// and the message into our lowercase style.
Diagnostic parse_error(const std::string& file, const std::string& text, const std::string& message) {
  Diagnostic d;
  d.pos.file = file;
  std::string m = message;
  size_t at = m.rfind(" at ");
  if (at != std::string::npos) {
    char* end = nullptr;
    unsigned long offset = std::strtoul(m.c_str() + at + 4, &end, 10);
    if (end != m.c_str() + at + 4 && *end == '\0') {
      d.pos = pos_at(file, text, offset);
      m.resize(at);
    }
  }
  if (!m.empty()) m[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(m[0])));
  d.message = "template error: " + m;
  return d;
}

// kainjow's html_escape, the same entities (' is &apos;), copying the runs
// between them at once instead of a character at a time.
void append_escaped(const std::string& s, std::string* out) {
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char* entity;
    switch (s[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&apos;"; break;
      default: continue;
    }
    out->append(s, run, i - run);
    out->append(entity);
    run = i + 1;
  }
  out->append(s, run, std::string::npos);
}

// A tag's name split at '.' as kainjow's split() does (std::getline: no last
// empty part); empty for ".", which kainjow treats apart.
std::vector<std::string> name_path(const std::string& name) {
  std::vector<std::string> parts;
  if (name == ".") return parts;
  size_t begin = 0;
  while (begin < name.size()) {
    size_t dot = name.find('.', begin);
    if (dot == std::string::npos) dot = name.size();
    parts.push_back(name.substr(begin, dot - begin));
    begin = dot + 1;
  }
  return parts;
}

// Partials including partials deeper than this are refused (kainjow would
// recurse until the stack overflows).
constexpr int kMaxPartialDepth = 64;

}  // namespace

// Renders templates as kainjow's basic_mustache::render does, over the parse
// kainjow's own parser made once (TemplateSet::compile). kainjow parses a
// partial's text again at each inclusion (a dozen per page), calls a
// std::function per piece of text and writes through a string stream: most
// of a large site's time went there. What it does, and this does the same:
//
// - Text is added to the current line. At a line end the line is written
//   with the line end, unless a section tag stood on it and it holds
//   nothing but spaces and tabs: then it is dropped with its line end
//   (standalone section tags leave no blank line). A section whose value is
//   absent or false does not count as a section tag on its line.
// - {{name}} writes the string value escaped, {{{name}}} and {{&name}} as it
//   is; other values write nothing. Names are looked up in the sections
//   being rendered, innermost first, then in the layers; "a.b" is looked up
//   whole in each in turn.
// - {{#name}} renders its content once per item of a non-empty list, once
//   with the value otherwise, and not for false or an empty list or when the
//   name is absent; {{^name}} the other way round.
// - {{> name}} renders the partial's content in place, on the same line
//   state: it is not indented as the Mustache spec says.
class TemplateSet::Renderer {
 public:
  Renderer(const TemplateSet& set, const TemplateLayers& layers, std::string* out)
      : set_(set), layers_(layers), out_(out) {}

  // Renders `nodes` and ends the last line. False on error, which error()
  // then names.
  bool run(const std::vector<Node>& nodes) {
    if (!walk(nodes)) return false;
    end_line(nullptr);
    return true;
  }
  const std::string& error() const { return error_; }

 private:
  bool walk(const std::vector<Node>& nodes) {
    for (const Node& n : nodes) {
      switch (n.kind) {
        case Node::Kind::text:
          out_->append(n.text);
          break;
        case Node::Kind::line_end:
          end_line(&n.text);
          break;
        case Node::Kind::variable:
        case Node::Kind::unescaped: {
          const TemplateData* v = lookup(n);
          if (!v || !v->is_string()) break;
          if (n.kind == Node::Kind::variable)
            append_escaped(v->string_value(), out_);
          else
            out_->append(v->string_value());
          break;
        }
        case Node::Kind::section: {
          const TemplateData* v = lookup(n);
          if (v && !v->is_false() && !v->is_empty_list() && !section(n, v)) return false;
          break;
        }
        case Node::Kind::inverted: {
          const TemplateData* v = lookup(n);
          if ((!v || v->is_false() || v->is_empty_list()) && !section(n, v)) return false;
          break;
        }
        case Node::Kind::partial: {
          auto it = set_.compiled_.find(n.text);
          if (it == set_.compiled_.end()) break;  // no such partial: nothing, as kainjow
          if (!it->second.error.empty()) {
            error_ = it->second.error;
            return false;
          }
          if (depth_ == kMaxPartialDepth) {
            error_ = "Partials nested too deep";
            return false;
          }
          ++depth_;
          bool ok = walk(it->second.nodes);
          --depth_;
          if (!ok) return false;
          break;
        }
      }
    }
    return true;
  }

  bool section(const Node& n, const TemplateData* v) {
    if (v && v->is_non_empty_list()) {
      for (const TemplateData& item : v->list_value())
        if (!section_with(n, &item)) return false;
      return true;
    }
    return section_with(n, v);
  }

  bool section_with(const Node& n, const TemplateData* v) {
    section_on_line_ = true;
    if (v) sections_.push_back(v);
    bool ok = walk(n.children);
    if (v) sections_.pop_back();
    section_on_line_ = true;
    return ok;
  }

  // The line from line_start_ is written (it already is, in *out_) with
  // `line_end`, or dropped.
  void end_line(const std::string* line_end) {
    bool blank = section_on_line_;
    for (size_t i = line_start_; blank && i < out_->size(); ++i) blank = (*out_)[i] == ' ' || (*out_)[i] == '\t';
    if (blank)
      out_->resize(line_start_);
    else if (line_end)
      out_->append(*line_end);
    line_start_ = out_->size();
    section_on_line_ = false;
  }

  const TemplateData* lookup(const Node& n) const {
    if (n.path.empty()) {
      if (n.text != ".") return nullptr;  // "" or only dots: kainjow finds nothing either
      return sections_.empty() ? layers_.front() : sections_.back();
    }
    for (auto it = sections_.rbegin(); it != sections_.rend(); ++it)
      if (const TemplateData* v = follow(*it, n.path, 0)) return v;
    for (const TemplateData* layer : layers_)
      if (const TemplateData* first = layer->get(n.path.front())) return follow(first, n.path, 1);
    return nullptr;
  }

  static const TemplateData* follow(const TemplateData* v, const std::vector<std::string>& path, size_t from) {
    for (size_t i = from; v && i < path.size(); ++i) v = v->get(path[i]);
    return v;
  }

  const TemplateSet& set_;
  const TemplateLayers& layers_;
  std::string* out_;
  size_t line_start_ = 0;         // where the current line begins in *out_
  bool section_on_line_ = false;  // a section tag stood on the current line
  std::vector<const TemplateData*> sections_;  // values of the sections being rendered, innermost last
  int depth_ = 0;                 // partials being rendered
  std::string error_;
};

std::string TemplateSet::file_of(const std::string& name) {
  return std::string(kFolder) + "/" + name + kExtension;
}

void TemplateSet::to_nodes(const std::vector<mustache::component<std::string>>& components, std::vector<Node>* out) {
  for (const mustache::component<std::string>& c : components) {
    Node n;
    if (c.is_text()) {
      if (!c.is_newline() && !out->empty() && out->back().kind == Node::Kind::text) {
        out->back().text += c.text;
        continue;
      }
      n.kind = c.is_newline() ? Node::Kind::line_end : Node::Kind::text;
      n.text = c.text;
      out->push_back(std::move(n));
      continue;
    }
    switch (c.tag.type) {
      case mustache::tag_type::variable: n.kind = Node::Kind::variable; break;
      case mustache::tag_type::unescaped_variable: n.kind = Node::Kind::unescaped; break;
      case mustache::tag_type::section_begin: n.kind = Node::Kind::section; break;
      case mustache::tag_type::section_begin_inverted: n.kind = Node::Kind::inverted; break;
      case mustache::tag_type::partial: n.kind = Node::Kind::partial; break;
      default: continue;  // comments, delimiter changes (they only matter to lambdas), section ends
    }
    if (n.kind == Node::Kind::partial) {
      n.text = "partials/" + c.tag.name;
    } else {
      n.text = c.tag.name;
      n.path = name_path(c.tag.name);
    }
    to_nodes(c.children, &n.children);
    out->push_back(std::move(n));
  }
}

// Parsed by kainjow's parser (the one basic_mustache uses, public in its
// header), so tags, sections and errors are exactly kainjow's.
void TemplateSet::compile(const std::string& name, const std::string& text) {
  mustache::context<std::string> no_data;
  mustache::context_internal<std::string> state{no_data};
  mustache::component<std::string> root;
  Compiled& c = compiled_[name];
  c.error.clear();
  c.nodes.clear();
  c.size_hint = 0;
  mustache::parser<std::string> parse{text, state, root, c.error};
  if (c.error.empty()) to_nodes(root.children, &c.nodes);
}

bool TemplateSet::load(const FileSystem& files, Diagnostics* diags) {
  bool ok = true;
  const std::string prefix = std::string(kFolder) + "/";
  for (const std::string& path : files.list(kFolder)) {
    if (!ends_with(path, kExtension) || path.compare(0, prefix.size(), prefix) != 0) continue;
    std::string name = path.substr(prefix.size(), path.size() - prefix.size() - std::string(kExtension).size());
    std::string text, err;
    if (!files.read(path, &text, &err)) {
      diags->push_back({{path, 0, 0}, err});
      ok = false;
      continue;
    }
    size_t bad = 0;
    if (!is_valid_utf8(text, &bad)) {
      diags->push_back({pos_at(path, text, bad), "invalid utf-8"});
      ok = false;
      continue;
    }
    compile(name, text);
    texts_[name] = std::move(text);
  }
  // Checked once all are read, so partial references can be resolved.
  for (const auto& [name, text] : texts_) ok = check(name, text, diags) && ok;
  return ok;
}

bool TemplateSet::add(const std::string& name, const std::string& text, Diagnostics* diags) {
  compile(name, text);
  texts_[name] = text;
  return check(name, text, diags);
}

bool TemplateSet::check(const std::string& name, const std::string& text, Diagnostics* diags) const {
  const std::string file = file_of(name);
  const Compiled& parsed = compiled_.at(name);
  if (!parsed.error.empty()) {
    diags->push_back(parse_error(file, text, parsed.error));
    return false;
  }
  // The parse succeeded, so tags are well formed: scan them for the contract.
  bool ok = true;
  for (size_t i = text.find("{{"); i != std::string::npos; i = text.find("{{", i + 2)) {
    size_t content = i + 2;
    bool triple = text.compare(i, 3, "{{{") == 0;
    size_t close = text.find(triple ? "}}}" : "}}", content + (triple ? 1 : 0));
    if (close == std::string::npos) break;
    std::string tag = trim(text.substr(content + (triple ? 1 : 0), close - content - (triple ? 1 : 0)));
    char sigil = tag.empty() ? '\0' : tag[0];
    if (sigil == '=') {
      diags->push_back({pos_at(file, text, i), "template error: changing delimiters is not supported"});
      ok = false;
      break;
    }
    if (triple || sigil == '&') {
      std::string var = triple ? tag : trim(tag.substr(1));
      if (!ends_with(var, "_html")) {
        diags->push_back({pos_at(file, text, i), "template error: '" + var +
                                                     "' is written unescaped; only values named *_html may be"});
        ok = false;
      }
    } else if (sigil == '>') {
      std::string partial = trim(tag.substr(1));
      if (texts_.count("partials/" + partial) == 0) {
        diags->push_back({pos_at(file, text, i), "template error: unknown partial '" + partial + "' (no file " +
                                                     file_of("partials/" + partial) + ")"});
        ok = false;
      }
    }
    i = close;
  }
  return ok;
}

bool TemplateSet::render(const std::string& name, const TemplateData& data, std::string* out,
                         Diagnostics* diags) const {
  return render(name, TemplateLayers{&data}, out, diags);
}

bool TemplateSet::render(const std::string& name, const TemplateLayers& layers, std::string* out,
                         Diagnostics* diags) const {
  auto it = compiled_.find(name);
  if (it == compiled_.end()) {
    diags->push_back({{file_of(name), 0, 0}, "no such file"});
    return false;
  }
  const Compiled& c = it->second;
  if (!c.error.empty()) {
    diags->push_back(parse_error(file_of(name), texts_.at(name), c.error));
    return false;
  }
  out->clear();
  out->reserve(c.size_hint.load(std::memory_order_relaxed));
  Renderer r(*this, layers, out);
  bool ok = r.run(c.nodes);
  if (out->size() > c.size_hint.load(std::memory_order_relaxed))
    c.size_hint.store(out->size(), std::memory_order_relaxed);  // a race only loses a hint
  if (!ok) {
    // Errors at this stage come from a partial; an offset is the
    // partial's, which we cannot attribute, so only the file is named.
    Diagnostic d = parse_error(file_of(name), texts_.at(name), r.error());
    d.pos.line = d.pos.column = 0;
    diags->push_back(d);
    return false;
  }
  return true;
}

}  // namespace bilan
