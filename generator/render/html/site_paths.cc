#include "render/html/site_paths.h"

#include <algorithm>

namespace bilan {

namespace site_path {

std::string home() { return "index.html"; }
std::string regions() { return "regions/index.html"; }
std::string region(const Territory& t) { return "regions/" + t.id + "/index.html"; }
std::string territory(const Territory& t) { return "territoires/" + t.id + "/index.html"; }
std::string measures() { return "mesures/index.html"; }
std::string measure(const Measure& m) { return "mesures/" + m.id + "/index.html"; }
std::string themes() { return "bilan/index.html"; }
std::string theme(const Theme& t) { return "bilan/" + t.id + "/index.html"; }
std::string pacte2() { return "pacte-2/index.html"; }
std::string engagement(const Engagement& e) { return "pacte-2/engagement-" + std::to_string(e.number) + "/index.html"; }
std::string notes() { return "notes/index.html"; }
std::string note(const Note& n) { return "notes/" + n.id + "/index.html"; }
std::string downloads() { return "telechargements/index.html"; }
std::string data_csv() { return "donnees/chiffres.csv"; }
std::string data_json() { return "donnees/chiffres.json"; }
std::string not_found() { return "404.html"; }
std::string example_anchor(const Example& e) { return "exemple-" + e.id; }

}  // namespace site_path

std::string without_index(const std::string& path) {
  const std::string index = "index.html";
  if (path == index) return "";
  if (path.size() > index.size() && path.compare(path.size() - index.size() - 1, index.size() + 1, "/" + index) == 0)
    return path.substr(0, path.size() - index.size());
  return path;
}

Links Links::relative_from(const std::string& page_path) {
  Links l;
  auto depth = std::count(page_path.begin(), page_path.end(), '/');
  if (depth == 0) {
    l.root_ = "./";
  } else {
    for (long i = 0; i < depth; ++i) l.root_ += "../";
  }
  return l;
}

Links Links::absolute(const std::string& root_path) {
  Links l;
  l.root_ = root_path.empty() ? "/" : root_path;
  if (l.root_.back() != '/') l.root_ += '/';
  return l;
}

std::string Links::to(const std::string& path) const { return root_ + without_index(path); }

std::string base_path(const std::string& base_url) {
  size_t scheme = base_url.find("://");
  size_t start = scheme == std::string::npos ? 0 : base_url.find('/', scheme + 3);
  if (start == std::string::npos) return "/";
  std::string p = base_url.substr(start);
  size_t cut = p.find_first_of("?#");
  if (cut != std::string::npos) p.resize(cut);
  if (p.empty() || p[0] != '/') p = "/" + p;
  if (p.back() != '/') p += '/';
  return p;
}

}  // namespace bilan
