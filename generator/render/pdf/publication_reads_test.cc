#include "render/pdf/publication_reads.h"

#include <catch2/catch.hpp>

#include <map>

#include "load/loader.h"
#include "render/pdf/documents.h"
#include "support/fs.h"

using namespace bilan;

namespace {

std::map<std::string, std::string> render(const Project& project, const Style& style, const FileSystem& files) {
  OutputSet out;
  Diagnostics diags = render_documents(project, style, files, &out);
  REQUIRE(diags.empty());
  return out.files();
}

Territory* find(Project* p, const std::string& id) {
  for (Territory& t : p->territories)
    if (t.id == id) return &t;
  return nullptr;
}

}  // namespace

// The rule of publication_reads.h, checked against what the PDFs really show:
// for every territory and note of the shipped content, a changed copy of the
// project gives the same bytes for every publication said not to read it, and
// other bytes for at least one that does (so the change is one a reader sees).
TEST_CASE("publications said not to read a territory or note do not change with it") {
  DiskFileSystem files(BILAN_SOURCE_DIR);
  Project project;
  Style style;
  Diagnostics diags;
  REQUIRE(load_project(files, &project, &style, &diags));
  const std::map<std::string, std::string> before = render(project, style, files);
  REQUIRE(before.size() == project.publications().size());

  auto check = [&](const std::string& file, const Project& changed) {
    const PublicationReads reads(project);
    const std::map<std::string, std::string> after = render(changed, style, files);
    size_t unread = 0, differ = 0;
    for (const DocumentInstance& p : project.publications()) {
      const std::string path = publication_path(p);
      REQUIRE(after.count(path));
      if (reads.unread_by(p)(file)) {
        ++unread;
        CHECK(after.at(path) == before.at(path));
      } else if (after.at(path) != before.at(path)) {
        ++differ;
      }
    }
    CHECK(differ > 0);
    return unread;
  };

  size_t kept = 0;
  for (const Territory& t : project.territories) {
    if (t.level == Level::nation) continue;
    INFO("territory " << t.id << " (" << t.pos.file << ")");
    Project changed = project;
    Territory* c = find(&changed, t.id);
    c->name += " Zz";
    if (!c->figures.empty()) c->figures.front().value += 1;
    kept += check(t.pos.file, changed);
  }
  for (size_t i = 0; i < project.notes.size(); ++i) {
    INFO("note " << project.notes[i].id);
    Project changed = project;
    changed.notes[i].title += " Zz";
    kept += check(project.notes[i].pos.file, changed);
  }
  // A leaflet is independent of the 16 other regions, at least.
  CHECK(kept >= 17 * 16);
}

TEST_CASE("which territories and notes a publication shows") {
  DiskFileSystem files(BILAN_SOURCE_DIR);
  Project project;
  Style style;
  Diagnostics diags;
  REQUIRE(load_project(files, &project, &style, &diags));
  const PublicationReads reads(project);
  std::map<std::string, std::set<std::string>> shown;
  for (const DocumentInstance& p : project.publications()) shown[p.id] = reads.shown(p);
  CHECK(shown.at("bilan-2016") == std::set<std::string>{"*"});
  CHECK(shown.at("pacte2").empty());
  CHECK(shown.at("leaflet-bretagne") == std::set<std::string>{"territory:bretagne"});
  CHECK(shown.at("leaflet-occitanie") == std::set<std::string>{"territory:occitanie"});
  // Tarn-et-Garonne's parent is the former region Midi-Pyrénées.
  CHECK(shown.at("note-tarn-et-garonne") ==
        std::set<std::string>{"note:tarn-et-garonne", "territory:tarn-et-garonne", "territory:midi-pyrenees"});

  const DocumentInstance* bretagne = nullptr;
  const auto all = project.publications();
  for (const DocumentInstance& p : all)
    if (p.id == "leaflet-bretagne") bretagne = &p;
  REQUIRE(bretagne);
  auto unread = reads.unread_by(*bretagne);
  CHECK(unread("content/regions/corse/region.yaml"));
  CHECK(unread("content/regions/corse/intro.md"));
  CHECK(unread("content/notes/midi-pyrenees.md"));
  CHECK_FALSE(unread("content/regions/bretagne/region.yaml"));
  CHECK_FALSE(unread("content/regions/bretagne/examples/retiers.md"));
  CHECK_FALSE(unread("content/measures.yaml"));
  CHECK_FALSE(unread("content/national.yaml"));
  CHECK_FALSE(unread("content/regions"));  // a listing: a region added or removed
}
