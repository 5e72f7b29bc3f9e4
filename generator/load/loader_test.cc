#include "load/loader.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "load/test_project.h"

using namespace bilan;

namespace {

// Loads `fs` and returns the diagnostics as "file:line:col: message" lines.
std::string load_errors(const MemoryFileSystem& fs) {
  Project p;
  Style s;
  Diagnostics d;
  load_project(fs, &p, &s, &d);
  std::string out;
  for (const auto& x : d) out += location_prefix(x.pos) + x.message + "\n";
  return out;
}

const char* kRegion = "content/regions/bretagne/region.yaml";

// The small project with one line of the Bretagne file replaced.
MemoryFileSystem with_region_line(const std::string& from, const std::string& to) {
  MemoryFileSystem fs = small_project();
  std::string text;
  std::string err;
  fs.read(kRegion, &text, &err);
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  fs.add(kRegion, text);
  return fs;
}

}  // namespace

TEST_CASE("the small project loads into the model") {
  MemoryFileSystem fs = small_project();
  Project p;
  Style s;
  Diagnostics d;
  REQUIRE(load_project(fs, &p, &s, &d));
  REQUIRE(d.empty());
  REQUIRE(p.territories.size() == 2);
  const Territory* b = p.find_territory("bretagne");
  REQUIRE(b);
  CHECK(b->population == 3200000);
  CHECK(b->intro.blocks.size() == 3);
  CHECK(b->intro.blocks[1].kind == BlockKind::bullet);
  REQUIRE(find_figure(*b, "cesp", "signes"));
  CHECK(find_figure(*b, "cesp", "signes")->value == 92);
  CHECK(find_figure(*b, "cesp", "signes")->pos.line == 9);
  // Unknown is not zero: a figure that is not written is absent.
  CHECK(find_figure(*b, "cesp", "a_venir") == nullptr);
  REQUIRE(b->examples.size() == 1);
  CHECK(b->examples[0].population == 12572);
  CHECK(b->examples[0].text.pos.line == 7);
  const Territory* fr = p.nation();
  REQUIRE(fr);
  CHECK(find_figure(*fr, "cesp", "signes")->qualifier == "près de");
  REQUIRE(b->charts.size() == 1);
  CHECK(b->charts[0].series[0].points[1].value == 78);
  CHECK(p.site.about.blocks[0].runs[1].bold);
  CHECK(s.sizes.at("body") == 9.5);
}

TEST_CASE("unknown key with a suggestion") {
  CHECK(load_errors(with_region_line("population:", "populaton:")) ==
        "content/regions/bretagne/region.yaml:6:1: unknown key 'populaton' (did you mean 'population'?)\n");
}

TEST_CASE("unknown key without a close match") {
  CHECK(load_errors(with_region_line("population: 3200000", "habitants: 3200000")) ==
        "content/regions/bretagne/region.yaml:6:1: unknown key 'habitants'\n");
}

TEST_CASE("text where a number is expected") {
  CHECK(load_errors(with_region_line("population: 3200000", "population: beaucoup")) ==
        "content/regions/bretagne/region.yaml:6:13: expected a whole number for 'population', got 'beaucoup'\n");
}

TEST_CASE("a number typed with a space is refused") {
  CHECK(load_errors(with_region_line("signes: 92", "signes: 9 2")) ==
        "content/regions/bretagne/region.yaml:9:19: expected a number for 'signes', got '9 2'\n");
}

TEST_CASE("negative counts are refused") {
  CHECK(load_errors(with_region_line("signes: 92", "signes: -92")) ==
        "content/regions/bretagne/region.yaml:9:19: 'signes' must not be negative, got -92\n");
}

TEST_CASE("missing required field") {
  CHECK(load_errors(with_region_line("name: Bretagne\n", "")) ==
        "content/regions/bretagne/region.yaml:1:1: missing required key 'name'\n");
}

TEST_CASE("required key without a value") {
  CHECK(load_errors(with_region_line("name: Bretagne", "name:")) ==
        "content/regions/bretagne/region.yaml:3:1: key 'name' has no value\n");
}

TEST_CASE("duplicate keys") {
  CHECK(load_errors(with_region_line("order: 3\n", "order: 3\norder: 4\n")) ==
        "content/regions/bretagne/region.yaml:6:1: duplicate key 'order' (first at line 5)\n");
}

TEST_CASE("duplicate keys inside a figure map") {
  CHECK(load_errors(with_region_line("{ signes: 92, installes: 4 }", "{ signes: 92, signes: 4 }")) ==
        "content/regions/bretagne/region.yaml:9:23: duplicate key 'signes' (first at line 9)\n");
}

TEST_CASE("invalid choice") {
  CHECK(load_errors(with_region_line("kind: comparison", "kind: comparaison")) ==
        "content/regions/bretagne/region.yaml:13:11: invalid kind 'comparaison' (did you mean 'comparison'?)\n");
  CHECK(load_errors(with_region_line("kind: comparison", "kind: pie")) ==
        "content/regions/bretagne/region.yaml:13:11: invalid kind 'pie' (expected one of: bars, comparison, "
        "cumulative, grouped)\n");
}

TEST_CASE("a list where text is expected") {
  CHECK(load_errors(with_region_line("name: Bretagne", "name: [Bretagne]")) ==
        "content/regions/bretagne/region.yaml:3:7: expected text for 'name', got a list\n");
}

TEST_CASE("a mapping where a list is expected") {
  CHECK(load_errors(with_region_line("departements:\n  - {", "departements:\n  x: {")) ==
        "content/regions/bretagne/region.yaml:20:3: expected a list for 'departements', got a mapping\n");
}

TEST_CASE("yaml syntax error") {
  CHECK(load_errors(with_region_line("{ signes: 92, installes: 4 }", "{ signes: 92, installes: 4")) ==
        "content/regions/bretagne/region.yaml:10:6: yaml syntax error: end of map flow not found\n");
}

TEST_CASE("invalid UTF-8") {
  CHECK(load_errors(with_region_line("name: Bretagne", "name: Bret\xff" "agne")) ==
        "content/regions/bretagne/region.yaml:3:11: invalid UTF-8 byte 0xff\n");
}

TEST_CASE("empty file") {
  MemoryFileSystem fs = small_project();
  fs.add(kRegion, "");
  CHECK(load_errors(fs) == "content/regions/bretagne/region.yaml:1:1: empty file\n");
  fs.add(kRegion, "# only a comment\n");
  CHECK(load_errors(fs) == "content/regions/bretagne/region.yaml:1:1: empty file\n");
}

TEST_CASE("a document that is not a mapping") {
  MemoryFileSystem fs = small_project();
  fs.add(kRegion, "- bretagne\n");
  CHECK(load_errors(fs) == "content/regions/bretagne/region.yaml:1:1: expected a mapping for 'territory', got a list\n");
}

TEST_CASE("too deep nesting is refused before parsing") {
  MemoryFileSystem fs = small_project();
  fs.add(kRegion, "id: " + std::string(100, '[') + std::string(100, ']') + "\n");
  CHECK(load_errors(fs) == "content/regions/bretagne/region.yaml:1:37: nesting deeper than 32 levels\n");
}

TEST_CASE("too large a file is refused") {
  MemoryFileSystem fs = small_project();
  fs.add(kRegion, "id: bretagne\n# " + std::string(5 * 1024 * 1024, 'x') + "\n");
  CHECK(load_errors(fs) == "content/regions/bretagne/region.yaml: file is larger than the limit of 4 MiB\n");
}

TEST_CASE("missing narrative file") {
  CHECK(load_errors(with_region_line("intro: intro.md", "intro: intro-bretagne.md")) ==
        "content/regions/bretagne/region.yaml:7:8: cannot read 'content/regions/bretagne/intro-bretagne.md': no "
        "such file\n");
}

TEST_CASE("narrative paths may not leave the project") {
  CHECK(load_errors(with_region_line("intro: intro.md", "intro: ../../../etc/passwd")) ==
        "content/regions/bretagne/region.yaml:7:8: path '../../../etc/passwd' leaves the project folder\n");
  CHECK(load_errors(with_region_line("intro: intro.md", "intro: /etc/passwd")) ==
        "content/regions/bretagne/region.yaml:7:8: path '/etc/passwd' leaves the project folder\n");
}

TEST_CASE("region id must match its folder") {
  CHECK(load_errors(with_region_line("id: bretagne", "id: bretagn")) ==
        "content/regions/bretagne/region.yaml:1:5: region id 'bretagn' does not match its folder 'bretagne'\n");
}

TEST_CASE("front matter errors carry the file's own line numbers") {
  MemoryFileSystem fs = small_project();
  fs.add("content/regions/bretagne/examples/retiers.md", "---\nname: Retiers\npopulaton: 12572\n---\nTexte.\n");
  CHECK(load_errors(fs) ==
        "content/regions/bretagne/examples/retiers.md:3:1: unknown key 'populaton' (did you mean 'population'?)\n");
  fs.add("content/regions/bretagne/examples/retiers.md", "---\nname: Retiers\nTexte.\n");
  CHECK(load_errors(fs) == "content/regions/bretagne/examples/retiers.md:1:1: front matter is not closed (no '---' line)\n");
  fs.add("content/regions/bretagne/examples/retiers.md", "Texte.\n");
  CHECK(load_errors(fs) ==
        "content/regions/bretagne/examples/retiers.md:1:1: missing front matter (the file must start with a '---' "
        "line)\n");
}

TEST_CASE("javascript links in Markdown are refused") {
  MemoryFileSystem fs = small_project();
  fs.add("content/regions/bretagne/intro.md", "Texte.\n\nVoir [ici](javascript:alert(1)).\n");
  CHECK(load_errors(fs) ==
        "content/regions/bretagne/intro.md:3:1: link to 'javascript:alert(1)' is not allowed (only http, https, "
        "mailto and relative links)\n");
}

TEST_CASE("raw HTML in Markdown is dropped") {
  MemoryFileSystem fs = small_project();
  fs.add("content/regions/bretagne/intro.md", "Texte <script>alert(1)</script> fin.\n\n<div>bloc</div>\n");
  Project p;
  Style s;
  Diagnostics d;
  REQUIRE(load_project(fs, &p, &s, &d));
  const Territory* b = p.find_territory("bretagne");
  REQUIRE(b->intro.blocks.size() == 1);
  std::string all;
  for (const auto& r : b->intro.blocks[0].runs) all += r.text;
  CHECK(all == "Texte alert(1) fin.");
}

TEST_CASE("all errors of a run are reported") {
  MemoryFileSystem fs = with_region_line("population: 3200000", "populaton: 3200000");
  fs.add("content/national.yaml", "id: france\nlevel: nation\nname: France\nordre: 1\n");
  CHECK(load_errors(fs) ==
        "content/national.yaml:4:1: unknown key 'ordre' (did you mean 'order'?)\n"
        "content/regions/bretagne/region.yaml:6:1: unknown key 'populaton' (did you mean 'population'?)\n");
}

TEST_CASE("no content folder") {
  MemoryFileSystem fs;
  CHECK(load_errors(fs) == "content: no content folder (is --source the project folder?)\n");
}

// Hardening (issue 9): inputs that used to hang, overflow or be silently misread.

TEST_CASE("yaml aliases are refused before they can expand") {
  MemoryFileSystem fs = small_project();
  fs.add(kRegion, "id: bretagne\nlevel: region\nname: &n Bretagne\nname_in: *n\n");
  CHECK(load_errors(fs) ==
        "content/regions/bretagne/region.yaml:4:10: yaml alias '*n' is not supported: write the value out\n");
}

TEST_CASE("a second yaml document is refused, not ignored") {
  MemoryFileSystem fs = small_project();
  fs.add(kRegion, "id: bretagne\nlevel: region\nname: Bretagne\n---\nid: corse\n");
  CHECK(load_errors(fs) ==
        "content/regions/bretagne/region.yaml:4:1: a second yaml document in one file is not supported\n");
}

TEST_CASE("a quote never closed is refused, not read to the end of the file") {
  MemoryFileSystem fs = small_project();
  fs.add(kRegion, "id: bretagne\nlevel: region\nname: \"Bretagne\nparent: france\n");
  CHECK(load_errors(fs) == "content/regions/bretagne/region.yaml:3:7: quoted text is not closed (no closing \")\n");
  // Closed by a later quote of the file: the syntax error that follows says so.
  CHECK(load_errors(with_region_line("name: Bretagne", "name: \"Bretagne")) ==
        "content/regions/bretagne/region.yaml:17:19: yaml syntax error: end of map not found (the quote opened at "
        "line 3 ends at line 17)\n");
  CHECK(load_errors(with_region_line("name: Bretagne", "name: 'Bretagne l''armoricaine")) ==
        "content/regions/bretagne/region.yaml:3:7: quoted text is not closed (no closing ')\n");
  // Closed quotes, escaped quotes and quotes inside plain text are fine.
  CHECK(load_errors(with_region_line("name: Bretagne", "name: \"Bre\\\"tagne\"")) == "");
  CHECK(load_errors(with_region_line("name: Bretagne", "name: 'Bretagne l''armoricaine'")) == "");
  CHECK(load_errors(with_region_line("name: Bretagne", "name: la \"Bretagne")) == "");
}

TEST_CASE("whole numbers out of the int range are refused") {
  CHECK(load_errors(with_region_line("order: 3", "order: 99999999999")) ==
        "content/regions/bretagne/region.yaml:5:8: 'order' is out of range, got 99999999999 (at most 2147483647)\n");
  CHECK(load_errors(with_region_line("order: 3", "order: -2147483648")) ==
        "content/regions/bretagne/region.yaml:5:8: 'order' is out of range, got -2147483648 (at most 2147483647)\n");
  CHECK(load_errors(with_region_line("order: 3", "order: 2147483647")) == "");
}

TEST_CASE("a minimum other than zero is said as such") {
  MemoryFileSystem fs = small_project();
  fs.add("content/pacte2/dossier.yaml", "title: Pacte 2\naxes:\n  - { id: I, title: Former }\n");
  fs.add("content/pacte2/engagements/01.md", "---\nnumber: 0\naxis: I\ntitle: Stages\n---\nTexte.\n");
  CHECK(load_errors(fs) == "content/pacte2/engagements/01.md:2:9: 'number' must be at least 1, got 0\n");
}

TEST_CASE("control characters are refused") {
  CHECK(load_errors(with_region_line("name: Bretagne", "name: Bre\x1b[2Jtagne")) ==
        "content/regions/bretagne/region.yaml:3:10: control character U+001B\n");
  MemoryFileSystem fs = small_project();
  fs.add("content/regions/bretagne/intro.md", std::string("Avec\0 plus.\n", 12));
  CHECK(load_errors(fs) == "content/regions/bretagne/intro.md:1:5: control character U+0000\n");
  fs.add("content/regions/bretagne/intro.md", "Le pacte \xC2\x92territoire\xC2\x94.\n");
  CHECK(load_errors(fs) == "content/regions/bretagne/intro.md:1:10: control character U+0092\n");
  // Tabs and CRLF line ends are text.
  fs.add("content/regions/bretagne/intro.md", "Avec\tplus.\r\n");
  CHECK(load_errors(fs) == "");
}

TEST_CASE("markdown nested too deep is refused before it is walked") {
  MemoryFileSystem fs = small_project();
  // The walker recursed once per level: 100 000 '>' overflowed the stack.
  fs.add("content/regions/bretagne/intro.md", "Texte.\n\n" + std::string(100000, '>') + " x\n");
  CHECK(load_errors(fs) == "content/regions/bretagne/intro.md:3:35: nesting deeper than 32 levels\n");
  fs.add("content/regions/bretagne/intro.md", std::string(100000, '*') + "x" + std::string(100000, '*') + "\n");
  CHECK(load_errors(fs) == "content/regions/bretagne/intro.md:1:1: nesting deeper than 32 levels\n");
  std::string quotes;
  for (int i = 0; i < 32; ++i) quotes += "> ";
  fs.add("content/regions/bretagne/intro.md", quotes + "x\n");
  CHECK(load_errors(fs) == "");
}

TEST_CASE("many territory files load in file order, diagnostics and texts too") {
  // Enough files for the loader to read them on several threads: the
  // territories, the diagnostics and the texts must come out in file order,
  // as from one thread.
  MemoryFileSystem fs = small_project();
  const int kFiles = 1000;
  std::string expected;
  for (int i = 0; i < kFiles; ++i) {
    std::string id = fmt::format("commune-{:04}", i);
    std::string path = "content/territories/" + id + ".yaml";
    std::string text = "id: " + id + "\nlevel: local\nname: Commune " + std::to_string(i) + "\nparent: bretagne\n" +
                       "intro: " + id + ".md\n";
    if (i % 7 == 3) {
      text += "populaton: 12\n";
      expected += path + ":6:1: unknown key 'populaton' (did you mean 'population'?)\n";
    } else if (i % 11 == 5) {
      text += "order: [\n";
      expected += path + ":7:1: yaml syntax error: end of sequence flow not found\n";
    }
    fs.add(path, text);
    fs.add("content/territories/" + id + ".md", "Texte de la commune " + std::to_string(i) + ".\n");
  }
  Project p;
  Style s;
  Diagnostics d;
  SourceTexts texts;
  load_project(fs, &p, &s, &d, &texts);
  std::string got;
  for (const auto& x : d) got += location_prefix(x.pos) + x.message + "\n";
  CHECK(got == expected);
  // The nation, Bretagne, then the communes that loaded, in file order.
  std::vector<std::string> ids;
  for (size_t i = 2; i < p.territories.size(); ++i) ids.push_back(p.territories[i].id);
  std::vector<std::string> want;
  for (int i = 0; i < kFiles; ++i)
    if (i % 7 != 3 && i % 11 != 5) want.push_back(fmt::format("commune-{:04}", i));
  CHECK(ids == want);
  REQUIRE(p.find_territory("commune-0999"));
  CHECK(p.find_territory("commune-0999")->intro.blocks.size() == 1);
  auto it = texts.find("content/territories/commune-0003.yaml");
  REQUIRE(it != texts.end());
  CHECK(it->second.find("populaton: 12") != std::string::npos);
  CHECK(texts.text("content/territories/commune-0998.md") == "Texte de la commune 998.\n");
}

TEST_CASE("control characters and bad UTF-8 are found at any offset") {
  // The checks read eight bytes at a time: every offset within a word.
  for (int offset = 0; offset < 24; ++offset) {
    std::string before = "name: " + std::string(static_cast<size_t>(offset), 'e') + "\xC3\xA9";
    std::string column = std::to_string(9 + offset);
    INFO("offset " << offset);
    CHECK(load_errors(with_region_line("name: Bretagne", before + "\x7f")) ==
          "content/regions/bretagne/region.yaml:3:" + column + ": control character U+007F\n");
    CHECK(load_errors(with_region_line("name: Bretagne", before + "\x01x")) ==
          "content/regions/bretagne/region.yaml:3:" + column + ": control character U+0001\n");
    CHECK(load_errors(with_region_line("name: Bretagne", before + "\xC2\x85x")) ==
          "content/regions/bretagne/region.yaml:3:" + column + ": control character U+0085\n");
    CHECK(load_errors(with_region_line("name: Bretagne", before + "\xE9t\xC2\x85")) ==
          "content/regions/bretagne/region.yaml:3:" + column + ": invalid UTF-8 byte 0xe9\n");
    CHECK(load_errors(with_region_line("name: Bretagne", before + "\xC2\xA0x")) == "");
  }
}
