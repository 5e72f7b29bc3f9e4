#include "build/manifest.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace bilan {

namespace {

constexpr const char* kMagic = "bilan-manifest\t1";

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out;
}

std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
  }
  return out;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    out.push_back(unescape(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start)));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

void write_inputs(const InputRecord& r, std::string* out) {
  for (const auto& [p, d] : r.reads) *out += "read\t" + escape(p) + "\t" + escape(d) + "\n";
  for (const auto& [p, d] : r.lists) *out += "list\t" + escape(p) + "\t" + escape(d) + "\n";
  for (const auto& [p, a] : r.exists) *out += "exists\t" + escape(p) + "\t" + (a ? "1" : "0") + "\n";
  for (const auto& [p, a] : r.dirs) *out += "dir\t" + escape(p) + "\t" + (a ? "1" : "0") + "\n";
}

bool parse_int(const std::string& s, long long* v) {
  if (s.empty()) return false;
  char* end = nullptr;
  *v = std::strtoll(s.c_str(), &end, 10);
  return *end == '\0';
}

}  // namespace

const StageRecord* Manifest::find(const std::string& name) const {
  for (const auto& r : renderers)
    if (r.name == name) return &r;
  return nullptr;
}

std::string manifest_text(const Manifest& m) {
  std::string out = std::string(kMagic) + "\n";
  out += "tool\t" + escape(m.tool) + "\n";
  for (const auto& t : m.times)
    out += "time\t" + escape(t.name) + "\t" + std::to_string(t.ms) + "\t" + (t.skipped ? "1" : "0") + "\n";
  out += "model\n";
  write_inputs(m.model, &out);
  for (const auto& r : m.renderers) {
    out += "renderer\t" + escape(r.name) + "\n";
    write_inputs(r.inputs, &out);
    for (const auto& [p, o] : r.outputs)
      out += "output\t" + escape(p) + "\t" + o.digest + "\t" + std::to_string(o.size) + "\t" +
             std::to_string(o.mtime_ns) + "\n";
  }
  return out;
}

bool parse_manifest(const std::string& text, Manifest* m) {
  *m = {};
  size_t start = 0;
  bool first = true;
  InputRecord* inputs = nullptr;
  StageRecord* stage = nullptr;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) return false;  // a manifest always ends with a newline
    std::string line = text.substr(start, nl - start);
    start = nl + 1;
    if (first) {
      if (line != kMagic) return false;
      first = false;
      continue;
    }
    std::vector<std::string> f = split_tabs(line);
    const std::string& kind = f[0];
    long long a = 0, b = 0;
    if (kind == "tool" && f.size() == 2) {
      m->tool = f[1];
    } else if (kind == "time" && f.size() == 4) {
      m->times.push_back({f[1], std::atof(f[2].c_str()), f[3] == "1"});
    } else if (kind == "model" && f.size() == 1) {
      inputs = &m->model;
      stage = nullptr;
    } else if (kind == "renderer" && f.size() == 2) {
      m->renderers.push_back({f[1], {}, {}});
      stage = &m->renderers.back();
      inputs = &stage->inputs;
    } else if (kind == "read" && f.size() == 3 && inputs) {
      inputs->reads[f[1]] = f[2];
    } else if (kind == "list" && f.size() == 3 && inputs) {
      inputs->lists[f[1]] = f[2];
    } else if (kind == "exists" && f.size() == 3 && inputs) {
      inputs->exists[f[1]] = f[2] == "1";
    } else if (kind == "dir" && f.size() == 3 && inputs) {
      inputs->dirs[f[1]] = f[2] == "1";
    } else if (kind == "output" && f.size() == 5 && stage && parse_int(f[3], &a) && parse_int(f[4], &b)) {
      stage->outputs[f[1]] = {f[2], static_cast<std::uint64_t>(a), b};
    } else {
      return false;
    }
  }
  return !first;
}

std::string manifest_path(const std::string& out_dir) {
  namespace stdfs = std::filesystem;
  std::error_code ec;
  stdfs::path out = stdfs::absolute(out_dir, ec);
  if (out.filename().empty()) out = out.parent_path();  // "site/" -> "site"
  return (out.parent_path() / ".bilan-cache" / (out.filename().string() + ".manifest")).string();
}

std::string tool_identity() {
  std::string id = std::string("bilan ") + BILAN_VERSION;
  struct stat st;
  if (::stat("/proc/self/exe", &st) == 0)
    id += " " + std::to_string(st.st_size) + " " +
          std::to_string(static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec);
  return id;
}

}  // namespace bilan
