// Incremental builds give byte for byte what a clean build gives, and keep
// what did not change. Fake renderers stand in for the real ones: "pages"
// reads a template through the FileSystem, "docs" uses the model only.
#include "build/incremental.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>

#include "load/test_project.h"
#include "support/test_files.h"

namespace bilan {
namespace {

namespace stdfs = std::filesystem;

std::map<std::string, std::string> tree(const stdfs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : stdfs::recursive_directory_iterator(root))
    if (e.is_regular_file()) out[stdfs::relative(e.path(), root).generic_string()] = read_file(e.path());
  return out;
}

Diagnostics render_pages(const Project& p, const Style&, const FileSystem& files, OutputSet* out) {
  std::string tmpl, err;
  if (!files.read("templates/page.txt", &tmpl, &err)) return {{{"templates/page.txt", 0, 0}, "cannot read: " + err}};
  if (tmpl.find("BROKEN") != std::string::npos) return {{{"templates/page.txt", 1, 1}, "broken template"}};
  std::string index = tmpl;
  for (const Territory* r : p.regions()) {
    std::string page = tmpl + r->name + "\n";
    for (const auto& f : r->figures) page += f.measure + "." + f.field + " = " + std::to_string(f.value) + "\n";
    out->add("regions/" + r->id + ".html", page);
    index += r->name + "\n";
  }
  out->add("index.html", index);
  return {};
}

// Counts the documents made, to see which ones were kept instead.
int docs_made = 0;

// One document per territory, reading only that territory's file (and the
// model's shape): it asks to keep the previous one first.
Diagnostics render_docs(const Project& p, const Style&, const FileSystem&, OutputSet* out) {
  for (const auto& t : p.territories) {
    const std::string path = "docs/" + t.id + ".txt";
    if (out->keep_previous(path, [&](const std::string& file) { return file != t.pos.file; })) continue;
    ++docs_made;
    out->add(path, t.name + " (" + std::to_string(t.figures.size()) + ")\n");
  }
  return {};
}

// Counts the calls of the docs renderer's warm-up, which reads a template
// through the project's files (as a real one reads the map geometry).
std::atomic<int> warmed{0};
void warm_docs(const FileSystem& files) {
  std::string text, err;
  if (files.read("templates/page.txt", &text, &err)) ++warmed;
}

std::vector<Renderer> renderers() { return {{"pages", render_pages, nullptr}, {"docs", render_docs, warm_docs}}; }

struct Project_ {
  TempDir dir{"incremental"};
  stdfs::path src() const { return dir.path / "p"; }
  stdfs::path out() const { return dir.path / "site"; }
  Project_() {
    MemoryFileSystem mem = small_project();
    for (const char* top : {"content", "assets"})
      for (const auto& f : mem.list(top)) {
        std::string text, err;
        mem.read(f, &text, &err);
        write_file(src() / f, text);
      }
    write_file(src() / "templates/page.txt", "<page>\n");
  }
  BuildResult build(bool clean = false) const {
    DiskFileSystem files(src().string());
    BuildOptions o;
    o.clean = clean;
    return build_project(files, out().string(), renderers(), o);
  }
  // What a clean build of the same sources gives, in a folder of its own.
  std::map<std::string, std::string> clean_tree() const {
    DiskFileSystem files(src().string());
    BuildOptions o;
    o.clean = true;
    stdfs::path other = dir.path / "clean";
    BuildResult r = build_project(files, other.string(), renderers(), o);
    REQUIRE(r.ok());
    return tree(other);
  }
};

StageTime stage(const BuildResult& r, const std::string& name) {
  for (const auto& s : r.summary.stages)
    if (s.name == name) return s;
  FAIL("no stage " << name);
  return {};
}

TEST_CASE("an incremental build equals a clean build and keeps what did not change") {
  Project_ p;
  warmed = 0;
  BuildResult first = p.build();
  REQUIRE(first.ok());
  CHECK(warmed == 1);  // once per build, before rendering, whatever runs
  CHECK(first.summary.written == 4);  // index, bretagne's page, docs for france and bretagne
  CHECK(first.summary.unchanged == 0);
  CHECK(first.summary.pages == 2);
  CHECK(first.summary.other == 2);
  CHECK(tree(p.out()) == p.clean_tree());
  ino_t page_inode = inode_of(p.out() / "regions/bretagne.html");
  ino_t france_inode = inode_of(p.out() / "docs/france.txt");

  SECTION("nothing changed: no renderer runs, every file is kept as it was") {
    BuildResult r = p.build();
    REQUIRE(r.ok());
    CHECK(stage(r, "pages").skipped);
    CHECK(stage(r, "docs").skipped);
    CHECK(r.summary.written == 0);
    CHECK(r.summary.unchanged == 4);
    CHECK(inode_of(p.out() / "regions/bretagne.html") == page_inode);
    CHECK(tree(p.out()) == p.clean_tree());
  }

  SECTION("a template edit re-renders only the renderer that read it") {
    write_file(p.src() / "templates/page.txt", "<page v2>\n");
    BuildResult r = p.build();
    REQUIRE(r.ok());
    CHECK_FALSE(stage(r, "pages").skipped);
    CHECK(stage(r, "docs").skipped);
    CHECK(r.summary.written == 2);
    CHECK(r.summary.written_paths == std::vector<std::string>{"index.html", "regions/bretagne.html"});
    CHECK(tree(p.out()) == p.clean_tree());
  }

  SECTION("a content edit re-renders everything but writes only the files whose bytes changed") {
    std::string y = read_file(p.src() / "content/regions/bretagne/region.yaml");
    y.replace(y.find("signes: 92"), 10, "signes: 93");
    write_file(p.src() / "content/regions/bretagne/region.yaml", y);
    BuildResult r = p.build();
    REQUIRE(r.ok());
    CHECK_FALSE(stage(r, "pages").skipped);
    CHECK_FALSE(stage(r, "docs").skipped);
    CHECK(r.summary.written_paths == std::vector<std::string>{"regions/bretagne.html"});
    CHECK(r.summary.unchanged == 3);
    CHECK(read_file(p.out() / "regions/bretagne.html").find("cesp.signes = 93") != std::string::npos);
    CHECK(tree(p.out()) == p.clean_tree());
  }

  SECTION("a renderer keeps the files the changed content files cannot reach") {
    std::string y = read_file(p.src() / "content/regions/bretagne/region.yaml");
    y.replace(y.find("name: Bretagne"), 14, "name: Breizh");
    write_file(p.src() / "content/regions/bretagne/region.yaml", y);
    docs_made = 0;
    BuildResult r = p.build();
    REQUIRE(r.ok());
    CHECK(docs_made == 1);  // bretagne's, not france's
    CHECK(inode_of(p.out() / "docs/france.txt") == france_inode);
    CHECK(r.summary.written_paths ==
          std::vector<std::string>{"docs/bretagne.txt", "index.html", "regions/bretagne.html"});
    CHECK(read_file(p.out() / "docs/bretagne.txt") == "Breizh (3)\n");
    CHECK(tree(p.out()) == p.clean_tree());

    SECTION("but not when its own inputs changed") {
      write_file(p.out() / "docs/france.txt", "edited by hand\n");
      write_file(p.src() / "content/regions/bretagne/region.yaml", read_file(p.src() / "content/regions/bretagne/region.yaml") + "\n");
      docs_made = 0;
      BuildResult again = p.build();
      REQUIRE(again.ok());
      CHECK(docs_made == 2);
      CHECK(tree(p.out()) == p.clean_tree());
    }
  }

  SECTION("--clean keeps nothing from the previous build") {
    docs_made = 0;
    BuildResult r = p.build(true);
    REQUIRE(r.ok());
    CHECK(docs_made == 2);
  }

  SECTION("a new file in a listed folder counts as a change") {
    write_file(p.src() / "content/territories/ille-et-vilaine.yaml",
          "id: ille-et-vilaine\nlevel: departement\nname: Ille-et-Vilaine\nparent: bretagne\n");
    BuildResult r = p.build();
    REQUIRE(r.ok());
    CHECK(r.summary.written_paths == std::vector<std::string>{"docs/ille-et-vilaine.txt"});
    CHECK(tree(p.out()) == p.clean_tree());
  }

  SECTION("an output file changed by hand is made again") {
    write_file(p.out() / "docs/france.txt", "edited by hand\n");
    BuildResult r = p.build();
    REQUIRE(r.ok());
    CHECK(stage(r, "pages").skipped);
    CHECK_FALSE(stage(r, "docs").skipped);
    CHECK(r.summary.written_paths == std::vector<std::string>{"docs/france.txt"});
    CHECK(tree(p.out()) == p.clean_tree());
  }

  SECTION("an output that is no longer made is removed") {
    write_file(p.src() / "content/territories/ille-et-vilaine.yaml",
          "id: ille-et-vilaine\nlevel: departement\nname: Ille-et-Vilaine\nparent: bretagne\n");
    REQUIRE(p.build().ok());
    stdfs::remove(p.src() / "content/territories/ille-et-vilaine.yaml");
    BuildResult r = p.build();
    REQUIRE(r.ok());
    CHECK(r.summary.removed_paths == std::vector<std::string>{"docs/ille-et-vilaine.txt"});
    CHECK(r.summary.written == 0);
    CHECK(tree(p.out()) == p.clean_tree());
  }

  SECTION("--clean writes every file") {
    BuildResult r = p.build(true);
    REQUIRE(r.ok());
    CHECK(r.summary.written == 4);
    CHECK(r.summary.unchanged == 0);
    CHECK(inode_of(p.out() / "regions/bretagne.html") != page_inode);
    CHECK(tree(p.out()) == p.clean_tree());
  }

  SECTION("a failed build leaves the output and the manifest as they were") {
    std::string manifest = read_file(manifest_path(p.out().string()));
    auto before = tree(p.out());
    write_file(p.src() / "templates/page.txt", "BROKEN\n");
    BuildResult r = p.build();
    CHECK_FALSE(r.ok());
    REQUIRE(r.render_diags.size() == 1);
    CHECK(r.render_diags[0].message == "broken template");
    CHECK(tree(p.out()) == before);
    CHECK(read_file(manifest_path(p.out().string())) == manifest);
    // Fixed, the next build picks up from the last good one.
    write_file(p.src() / "templates/page.txt", "<page>\n");
    BuildResult fixed = p.build();
    REQUIRE(fixed.ok());
    CHECK(fixed.summary.written == 0);
    CHECK(tree(p.out()) == p.clean_tree());
  }

  SECTION("a manifest from another bilan is not trusted") {
    std::string m = read_file(manifest_path(p.out().string()));
    m.replace(m.find("tool\t"), 5, "tool\tother ");
    write_file(manifest_path(p.out().string()), m);
    BuildResult r = p.build();
    REQUIRE(r.ok());
    CHECK_FALSE(stage(r, "pages").skipped);
    CHECK(r.summary.written == 0);  // same bytes: still kept, compared with the files themselves
    CHECK(tree(p.out()) == p.clean_tree());
  }
}

TEST_CASE("the manifest sits beside the output folder, not in it") {
  CHECK(manifest_path("/x/y/site") == "/x/y/.bilan-cache/site.manifest");
  CHECK(manifest_path("/x/y/site/") == "/x/y/.bilan-cache/site.manifest");
}

TEST_CASE("the manifest reads back as written") {
  Manifest m;
  m.tool = "bilan 0.1.0 12 34";
  m.model.reads["content/a\tb.yaml"] = "abc";
  m.model.lists["content/regions"] = "def";
  m.model.exists["assets/pictos/x.svg"] = false;
  m.model.dirs["content"] = true;
  StageRecord s;
  s.name = "html";
  s.inputs.reads["templates/base.html"] = "!no such file";
  s.outputs["index.html"] = {"0123", 42, 1700000000123456789LL};
  m.renderers.push_back(s);
  m.times.push_back({"html", 12.5, false});
  Manifest back;
  REQUIRE(parse_manifest(manifest_text(m), &back));
  CHECK(back.tool == m.tool);
  CHECK(back.model == m.model);
  REQUIRE(back.renderers.size() == 1);
  CHECK(back.renderers[0].inputs == s.inputs);
  CHECK(back.renderers[0].outputs.at("index.html").mtime_ns == 1700000000123456789LL);
  CHECK(back.times[0].ms == 12.5);
  CHECK_FALSE(parse_manifest("something else\n", &back));
  CHECK_FALSE(parse_manifest(manifest_text(m) + "nonsense\n", &back));
}

}  // namespace
}  // namespace bilan
