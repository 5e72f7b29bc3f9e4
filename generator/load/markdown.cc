#include "load/markdown.h"

#include <cmark-gfm.h>
#include <fmt/format.h>

#include <cctype>
#include <memory>
#include <vector>

#include "load/yaml_check.h"

namespace bilan {

namespace {

struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

struct InlineStyle {
  bool bold = false;
  bool italic = false;
  std::string link;
};

void add_text(Block* b, const std::string& text, const InlineStyle& st) {
  if (text.empty()) return;
  if (!b->runs.empty()) {
    Run& last = b->runs.back();
    if (last.bold == st.bold && last.italic == st.italic && last.link == st.link) {
      last.text += text;
      return;
    }
  }
  b->runs.push_back({text, st.bold, st.italic, st.link});
}

struct Walker {
  const SourcePos& start;
  Diagnostics* diags;
  std::vector<Block>* out;

  SourcePos pos_of(cmark_node* n) const {
    SourcePos p = start;
    int l = cmark_node_get_start_line(n);
    if (l > 0) p.line = start.line + l - 1, p.column = cmark_node_get_start_column(n);
    return p;
  }

  void inlines(cmark_node* parent, Block* b, InlineStyle st) {
    for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
      switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          add_text(b, cmark_node_get_literal(n), st);
          break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          add_text(b, " ", st);
          break;
        case CMARK_NODE_EMPH: {
          InlineStyle s = st;
          s.italic = true;
          inlines(n, b, s);
          break;
        }
        case CMARK_NODE_STRONG: {
          InlineStyle s = st;
          s.bold = true;
          inlines(n, b, s);
          break;
        }
        case CMARK_NODE_LINK: {
          InlineStyle s = st;
          const char* url = cmark_node_get_url(n);
          std::string u = url ? url : "";
          if (is_allowed_link(u)) {
            s.link = u;
          } else {
            diags->push_back({pos_of(parent), "link to '" + u.substr(0, 60) +
                                                  "' is not allowed (only http, https, mailto and relative links)"});
          }
          inlines(n, b, s);
          break;
        }
        case CMARK_NODE_IMAGE:
          inlines(n, b, st);  // keep the alt text
          break;
        default:
          // Raw inline HTML and anything else is dropped on purpose.
          break;
      }
    }
  }

  void blocks(cmark_node* parent, int depth) {
    for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
      switch (cmark_node_get_type(n)) {
        case CMARK_NODE_PARAGRAPH: {
          Block b;
          b.kind = BlockKind::paragraph;
          inlines(n, &b, {});
          if (!b.runs.empty()) out->push_back(std::move(b));
          break;
        }
        case CMARK_NODE_HEADING: {
          Block b;
          b.kind = BlockKind::heading;
          b.level = cmark_node_get_heading_level(n);
          inlines(n, &b, {});
          out->push_back(std::move(b));
          break;
        }
        case CMARK_NODE_BLOCK_QUOTE: {
          size_t first = out->size();
          blocks(n, depth);
          for (size_t i = first; i < out->size(); ++i)
            if ((*out)[i].kind == BlockKind::paragraph) (*out)[i].kind = BlockKind::quote;
          break;
        }
        case CMARK_NODE_LIST:
          list(n, depth);
          break;
        case CMARK_NODE_CODE_BLOCK: {
          Block b;
          b.kind = BlockKind::paragraph;
          add_text(&b, cmark_node_get_literal(n), {});
          out->push_back(std::move(b));
          break;
        }
        default:
          // HTML blocks and thematic breaks are dropped.
          break;
      }
    }
  }

  void list(cmark_node* list_node, int depth) {
    // Walk a single list node as if it were the only child of a container.
    bool ordered = cmark_node_get_list_type(list_node) == CMARK_ORDERED_LIST;
    int number = cmark_node_get_list_start(list_node);
    for (cmark_node* item = cmark_node_first_child(list_node); item; item = cmark_node_next(item), ++number) {
      bool first = true;
      for (cmark_node* c = cmark_node_first_child(item); c; c = cmark_node_next(c)) {
        if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH) {
          Block b;
          b.kind = first ? (ordered ? BlockKind::numbered : BlockKind::bullet) : BlockKind::paragraph;
          b.level = depth + 1;
          b.number = ordered ? number : 0;
          inlines(c, &b, {});
          out->push_back(std::move(b));
          first = false;
        } else if (cmark_node_get_type(c) == CMARK_NODE_LIST) {
          list(c, depth + 1);
        }
      }
    }
  }
};

// Trims spaces at both ends of a block's text runs.
void trim_runs(Block* b) {
  while (!b->runs.empty()) {
    std::string& t = b->runs.front().text;
    size_t k = t.find_first_not_of(' ');
    if (k == std::string::npos) {
      b->runs.erase(b->runs.begin());
      continue;
    }
    t.erase(0, k);
    break;
  }
  while (!b->runs.empty()) {
    std::string& t = b->runs.back().text;
    size_t k = t.find_last_not_of(' ');
    if (k == std::string::npos) {
      b->runs.pop_back();
      continue;
    }
    t.erase(k + 1);
    break;
  }
}

// The walker recurses once per nesting level (block quotes, lists, emphasis,
// links): a file of 100 000 '>' or '*' would exhaust the stack. cmark's own
// iterator is not recursive, so the depth is measured with it first. Returns
// the first node deeper than kMaxNesting, or null.
cmark_node* too_deep(cmark_node* doc) {
  cmark_iter* it = cmark_iter_new(doc);
  std::vector<cmark_node*> open;  // the nodes entered and not left, root first
  cmark_node* deep = nullptr;
  for (cmark_event_type ev; !deep && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_EXIT) {
      if (!open.empty() && open.back() == n) open.pop_back();
      continue;
    }
    // Leaves get no EXIT event: whatever is open and is not the parent of
    // this node is done with.
    cmark_node* parent = cmark_node_parent(n);
    while (!open.empty() && open.back() != parent) open.pop_back();
    open.push_back(n);
    // Not counted: the document, and the paragraph and text inside the deepest quote.
    if (static_cast<int>(open.size()) > kMaxNesting + 3) deep = n;
  }
  cmark_iter_free(it);
  return deep;
}

}  // namespace

bool is_allowed_link(const std::string& url) {
  // A scheme is letters, digits, + - . before the first ':' (and before any / ? #).
  size_t colon = url.find(':');
  size_t stop = url.find_first_of("/?#");
  if (colon == std::string::npos || (stop != std::string::npos && stop < colon)) return true;  // relative
  std::string scheme;
  for (size_t i = 0; i < colon; ++i) scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(url[i])));
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

RichText parse_markdown(const std::string& text, const SourcePos& start, Diagnostics* diags) {
  RichText rt;
  rt.markdown = text;
  rt.pos = start;
  // CMARK_OPT_DEFAULT leaves raw HTML out of the tree's rendering; we drop the
  // HTML nodes ourselves when walking, so nothing raw reaches either backend.
  std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parse_document(text.data(), text.size(), CMARK_OPT_DEFAULT));
  if (!doc) return rt;
  Walker w{start, diags, &rt.blocks};
  if (cmark_node* deep = too_deep(doc.get())) {
    diags->push_back({w.pos_of(deep), fmt::format("nesting deeper than {} levels", kMaxNesting)});
    return rt;
  }
  w.blocks(doc.get(), 0);
  // The model keeps these for the whole build (35,000 intros for a whole
  // country): no spare capacity left from growing them.
  for (auto& b : rt.blocks) {
    trim_runs(&b);
    b.runs.shrink_to_fit();
  }
  rt.blocks.shrink_to_fit();
  return rt;
}

std::vector<Section> parse_sections(const std::string& text, const SourcePos& start, Diagnostics* diags) {
  // Split the source at "## " lines so each section keeps its own Markdown.
  std::vector<Section> out;
  std::vector<std::pair<size_t, int>> cuts;  // byte offset of heading line, line number (0-based)
  size_t off = 0;
  int line = 0;
  bool fence = false;
  while (off <= text.size()) {
    size_t end = text.find('\n', off);
    if (end == std::string::npos) end = text.size();
    std::string l = text.substr(off, end - off);
    if (l.rfind("```", 0) == 0) fence = !fence;
    if (!fence && l.rfind("## ", 0) == 0) cuts.push_back({off, line});
    if (end == text.size()) break;
    off = end + 1;
    ++line;
  }
  auto add = [&](const std::string& title, size_t from, size_t to, int first_line) {
    SourcePos p = start;
    p.line = start.line + first_line;
    p.column = 1;
    Section s;
    s.title = title;
    s.text = parse_markdown(text.substr(from, to - from), p, diags);
    if (!title.empty() || !s.text.empty()) out.push_back(std::move(s));
  };
  size_t prev = 0;
  int prev_line = 0;
  std::string title;
  for (auto [cut, cut_line] : cuts) {
    add(title, prev, cut, prev_line);
    size_t eol = text.find('\n', cut);
    if (eol == std::string::npos) eol = text.size();
    title = text.substr(cut + 3, eol - cut - 3);
    while (!title.empty() && (title.back() == ' ' || title.back() == '\r' || title.back() == '#')) title.pop_back();
    prev = eol < text.size() ? eol + 1 : eol;
    prev_line = cut_line + 1;
  }
  add(title, prev, text.size(), prev_line);
  return out;
}

FrontMatter split_front_matter(const std::string& text, std::string* err) {
  FrontMatter fm;
  if (text.rfind("---\n", 0) != 0 && text.rfind("---\r\n", 0) != 0) {
    fm.body = text;
    fm.body_line = 1;
    return fm;
  }
  size_t first_eol = text.find('\n');
  size_t off = first_eol + 1;
  int line = 1;
  while (off <= text.size()) {
    size_t end = text.find('\n', off);
    if (end == std::string::npos) end = text.size();
    std::string l = text.substr(off, end - off);
    if (!l.empty() && l.back() == '\r') l.pop_back();
    if (l == "---") {
      fm.present = true;
      fm.yaml = text.substr(first_eol + 1, off - first_eol - 1);
      fm.yaml_line = 1;
      fm.body = end < text.size() ? text.substr(end + 1) : "";
      fm.body_line = line + 2;
      return fm;
    }
    if (end == text.size()) break;
    off = end + 1;
    ++line;
  }
  *err = "front matter is not closed (no '---' line)";
  return fm;
}

}  // namespace bilan
