// Which content files a publication does not read, so that an incremental
// build can keep its PDF when only such files changed (OutputSet::keep_previous).
//
// The rule is coarse and errs on the side of reading: a publication reads
// every content file except the files of the territories and notes it does
// not show. A territory's files are those its model was loaded from (its YAML
// file, intro, EXEMPLES, charts: every SourcePos in it); the nation's are read
// by all. A publication shows:
// - with a `regions` section: every territory;
// - its own territory (`each: region`, a note's territory) and the territory
//   of a `territory` section, with their parent and their children;
// - its own note, the notes of a `note` section (all without refs).
// A file of no territory or note (site, measures, themes, documents, the
// Pacte 2 dossier, a listing) is read by every publication.
// publication_reads_test checks the rule against renders: changing a
// territory or a note leaves the bytes of every publication said not to read
// it as they were.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>

#include "model/model.h"

namespace bilan {

class PublicationReads {
 public:
  /// `project` must outlive this object.
  explicit PublicationReads(const Project& project);

  /// The predicate for OutputSet::keep_previous: true for a `file` (a path
  /// relative to the project folder, as the loader read it) that cannot
  /// change the PDF of `publication`. Valid while this object lives.
  std::function<bool(const std::string& file)> unread_by(const DocumentInstance& publication) const;

  /// The territory and note keys ("territory:bretagne", "note:midi-pyrenees")
  /// whose files `publication` reads; "*" when it reads every territory.
  std::set<std::string> shown(const DocumentInstance& publication) const;

 private:
  const Project& project_;
  std::map<std::string, std::set<std::string>> owners_;  // file -> keys of the territories and notes loaded from it
};

}  // namespace bilan
