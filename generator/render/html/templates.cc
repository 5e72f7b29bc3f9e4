#include "render/html/templates.h"

#include <cstdlib>

#include "support/utf8.h"

namespace bilan {

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

// Resolves {{> name}} from the template set's partials, not from the data, so
// a value and a partial can share a name.
class TemplateContext : public mustache::context<std::string> {
 public:
  TemplateContext(const TemplateData* data, const std::map<std::string, TemplateData>* partials)
      : mustache::context<std::string>(data), partials_(partials) {}
  const TemplateData* get_partial(const std::string& name) const override {
    auto it = partials_->find(name);
    return it == partials_->end() ? nullptr : &it->second;
  }

 private:
  const std::map<std::string, TemplateData>* partials_;
};

}  // namespace

std::string TemplateSet::file_of(const std::string& name) {
  return std::string(kFolder) + "/" + name + kExtension;
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
    texts_[name] = text;
    if (name.compare(0, 9, "partials/") == 0) partials_[name.substr(9)] = TemplateData(text);
  }
  {
    std::lock_guard<std::mutex> lock(parsed_mu_);
    parsed_.clear();
  }
  // Checked once all are read, so partial references can be resolved.
  for (const auto& [name, text] : texts_) ok = check(name, text, diags) && ok;
  return ok;
}

bool TemplateSet::add(const std::string& name, const std::string& text, Diagnostics* diags) {
  {
    std::lock_guard<std::mutex> lock(parsed_mu_);
    parsed_.clear();
  }
  texts_[name] = text;
  if (name.compare(0, 9, "partials/") == 0) partials_[name.substr(9)] = TemplateData(text);
  return check(name, text, diags);
}

bool TemplateSet::check(const std::string& name, const std::string& text, Diagnostics* diags) const {
  const std::string file = file_of(name);
  mustache::mustache parsed(text);
  if (!parsed.is_valid()) {
    diags->push_back(parse_error(file, text, parsed.error_message()));
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
      if (partials_.count(partial) == 0) {
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
  auto it = texts_.find(name);
  if (it == texts_.end()) {
    diags->push_back({{file_of(name), 0, 0}, "no such file"});
    return false;
  }
  std::lock_guard<std::mutex> lock(parsed_mu_);
  std::unique_ptr<mustache::mustache>& cached = parsed_[name];
  if (!cached) cached = std::make_unique<mustache::mustache>(it->second);
  mustache::mustache& tmpl = *cached;
  if (!tmpl.is_valid()) {
    diags->push_back(parse_error(file_of(name), it->second, tmpl.error_message()));
    parsed_.erase(name);
    return false;
  }
  TemplateContext ctx(&data, &partials_);
  *out = tmpl.render(ctx);
  if (!tmpl.is_valid()) {
    // Errors at this stage come from a partial; the offset is the partial's,
    // which we cannot attribute, so only the file is named.
    Diagnostic d = parse_error(file_of(name), it->second, tmpl.error_message());
    d.pos.line = d.pos.column = 0;
    diags->push_back(d);
    parsed_.erase(name);  // the error stays in the parsed template: parse again next time
    return false;
  }
  return true;
}

}  // namespace bilan
