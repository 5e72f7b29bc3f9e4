#include "scaffold/scaffold.h"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "load/schema.h"
#include "scaffold/slug.h"
#include "support/spelling.h"

namespace bilan {

namespace {

// The documentation of `key` in `shape`, for a comment.
std::string doc(const Shape& shape, const std::string& key) {
  const FieldSpec* f = shape.find(key);
  return f ? f->doc : std::string();
}

// "key: value" padded so comments line up, then "# comment".
std::string line(const std::string& text, const std::string& comment) {
  if (comment.empty()) return text + "\n";
  return fmt::format("{:<32}# {}\n", text, comment);
}

// The key figures block, commented out: one line per measure field.
std::string key_figures_block(const Project& p) {
  std::string out =
      "# CHIFFRES CLÉS: uncomment the measures and figures the source gives and\n"
      "# write each number plainly (1800, not \"1 800\"). Leave out what it does\n"
      "# not give: an absent figure is not 0. A rounded one is written\n"
      "# { value: 1800, qualifier: près de }.\n"
      "# key_figures:\n";
  for (const auto& m : p.measures) {
    if (m.fields.empty()) continue;
    out += line("#   " + m.id + ":", m.short_name + ", " + m.long_name);
    for (const auto& f : m.fields) {
      std::string what = (f.prefix.empty() ? "" : f.prefix + " ") + f.label;
      if (!f.at_most.empty()) what += " (at most " + f.at_most + ")";
      out += line("#     " + f.id + ":", what);
    }
  }
  return out;
}

}  // namespace

bool new_region(const Project& p, const FileSystem& files, const std::string& name, std::vector<NewFile>* out,
                std::string* err) {
  std::string id = slugify(name);
  if (id.empty()) {
    *err = "region name '" + name + "' has no letter or digit to make an id from";
    return false;
  }
  std::string dir = "content/regions/" + id;
  if (files.exists(dir) || p.find_territory(id)) {
    *err = "region '" + id + "' already exists (" + dir + ")";
    return false;
  }
  const Territory* nation = p.nation();
  if (!nation) {
    *err = "the project has no nation (content/national.yaml) to be the parent of a region";
    return false;
  }
  int order = 0;
  for (const Territory* r : p.regions()) order = std::max(order, r->order);
  const Shape& t = content_schema().territory;

  std::string y;
  y += "# " + name + ": written by `bilan new region`. Fill in what the source\n"
       "# documents give, and leave out what they do not. Each ambiguous figure\n"
       "# gets a comment saying where it was read (docs/content-format.md).\n";
  y += line("id: " + id, "slug, the folder name");
  y += "level: region\n";
  y += line("name: " + yaml_scalar(name), doc(t, "name"));
  y += line("name_in: " + yaml_scalar("en " + name), "heading form: en Bretagne, à La Réunion, dans le Grand Est");
  y += line("parent: " + nation->id, doc(t, "parent"));
  y += line("order: " + std::to_string(order + 1), doc(t, "order"));
  y += line("# overseas: true", doc(t, "overseas"));
  y += line("# population:", doc(t, "population"));
  y += line("intro: intro.md", doc(t, "intro"));
  y += line("# figures_source: source DGOS", doc(t, "figures_source"));
  y += key_figures_block(p);
  y += "# Charts (the first is the highlight chart): see docs/content-format.md.\n";
  y += "# charts:\n";
  y += "# Départements in map order, with the towns printed on the map:\n";
  y += "# departements:\n";
  y += "#   - { code: \"35\", name: Ille-et-Vilaine, towns: [Rennes] }\n";
  out->push_back({dir + "/region.yaml", y});
  out->push_back({dir + "/intro.md",
                  "<!-- The intro narrative of " + name +
                      ", as printed in the source document (Markdown).\n"
                      "     This comment is not published. -->\n"});
  return true;
}

bool new_example(const Project& p, const FileSystem& files, const std::string& region, const std::string& name,
                 std::vector<NewFile>* out, std::string* err) {
  std::string rid = slugify(region);
  const Territory* r = nullptr;
  std::vector<std::string> ids;
  for (const Territory* t : p.regions()) {
    ids.push_back(t->id);
    if (t->id == rid) r = t;
  }
  if (!r || !files.exists("content/regions/" + rid + "/region.yaml")) {
    *err = "unknown region '" + region + "'" + did_you_mean(rid, ids);
    return false;
  }
  std::string id = slugify(name);
  if (id.empty()) {
    *err = "example name '" + name + "' has no letter or digit to make an id from";
    return false;
  }
  std::string path = "content/regions/" + rid + "/examples/" + id + ".md";
  if (files.exists(path)) {
    *err = "example '" + id + "' already exists (" + path + ")";
    return false;
  }
  int order = 0;
  for (const auto& e : r->examples) order = std::max(order, e.order);
  const Shape& e = content_schema().example;
  std::string codes, measures;
  for (const auto& d : r->departements) codes += (codes.empty() ? "" : ", ") + d.code;
  for (const auto& m : p.measures) measures += (measures.empty() ? "" : ", ") + m.id;

  std::string md = "---\n";
  md += line("name: " + yaml_scalar(name), doc(e, "name"));
  md += line("# population:", doc(e, "population") + "; leave out when not given");
  md += line("# departement: \"\"", doc(e, "departement") + (codes.empty() ? "" : ": " + codes));
  md += line("# measures: []", doc(e, "measures") + ": " + measures);
  md += line("order: " + std::to_string(order + 1), doc(e, "order"));
  md += "---\n";
  md += "<!-- The text of the EXEMPLE " + name +
        ", as printed in the source document (Markdown).\n"
        "     This comment is not published. -->\n";
  out->push_back({path, md});
  return true;
}

bool create_files(const std::string& root, const std::vector<NewFile>& files, std::string* err) {
  namespace stdfs = std::filesystem;
  for (const auto& f : files) {
    std::error_code ec;
    if (!is_safe_relative_path(f.path)) {
      *err = "refusing to write '" + f.path + "'";
      return false;
    }
    if (stdfs::exists(stdfs::path(root) / f.path, ec)) {
      *err = f.path + " already exists";
      return false;
    }
  }
  for (const auto& f : files) {
    stdfs::path p = stdfs::path(root) / f.path;
    std::error_code ec;
    stdfs::create_directories(p.parent_path(), ec);
    if (ec) {
      *err = "cannot create folder '" + p.parent_path().string() + "': " + ec.message();
      return false;
    }
    // O_EXCL: a file that appeared meanwhile is not replaced either.
    int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
      *err = "cannot create '" + f.path + "': " + std::strerror(errno);
      return false;
    }
    bool ok = ::write(fd, f.text.data(), f.text.size()) == static_cast<ssize_t>(f.text.size());
    ok &= ::close(fd) == 0;
    if (!ok) {
      *err = "cannot write '" + f.path + "'";
      return false;
    }
  }
  return true;
}

OverlayFileSystem::OverlayFileSystem(const FileSystem& base, const std::vector<NewFile>& extra) : base_(base) {
  for (const auto& f : extra) {
    extra_.add(f.path, f.text);
    paths_.push_back(f.path);
  }
}

bool OverlayFileSystem::read(const std::string& path, std::string* content, std::string* err) const {
  if (extra_.exists(path)) return extra_.read(path, content, err);
  return base_.read(path, content, err);
}

std::vector<std::string> OverlayFileSystem::list(const std::string& dir) const {
  std::vector<std::string> out = base_.list(dir);
  std::string prefix = dir.empty() ? "" : dir + "/";
  for (const auto& p : paths_)
    if (p.compare(0, prefix.size(), prefix) == 0 && !std::count(out.begin(), out.end(), p)) out.push_back(p);
  std::sort(out.begin(), out.end());
  return out;
}

bool OverlayFileSystem::exists(const std::string& path) const { return extra_.exists(path) || base_.exists(path); }

bool OverlayFileSystem::is_dir(const std::string& path) const {
  if (extra_.is_dir(path)) return true;
  return base_.is_dir(path);
}

}  // namespace bilan
