#include "render/html/rich_text.h"

#include <catch2/catch.hpp>

using namespace bilan;

namespace {

Run run(std::string text, bool bold = false, bool italic = false, std::string link = "") {
  Run r;
  r.text = std::move(text);
  r.bold = bold;
  r.italic = italic;
  r.link = std::move(link);
  return r;
}

Block block(BlockKind kind, std::vector<Run> runs, int level = 0, int number = 0) {
  Block b;
  b.kind = kind;
  b.runs = std::move(runs);
  b.level = level;
  b.number = number;
  return b;
}

RichText text(std::vector<Block> blocks) {
  RichText t;
  t.blocks = std::move(blocks);
  return t;
}

}  // namespace

TEST_CASE("paragraphs with bold, italic and links") {
  RichText t = text({block(BlockKind::paragraph, {run("Le "), run("pacte", true), run(" et "), run("ses", false, true),
                                                  run(" "), run("mesures", false, false, "https://example.org/m")})});
  CHECK(rich_text_html(t) ==
        "<p>Le <strong>pacte</strong> et <em>ses</em> <a href=\"https://example.org/m\">mesures</a></p>\n");
}

TEST_CASE("consecutive runs with the same link share one anchor") {
  RichText t = text({block(BlockKind::paragraph, {run("voir ", false, false, "../a/"),
                                                  run("ici", true, false, "../a/")})});
  CHECK(rich_text_html(t) == "<p><a href=\"../a/\">voir <strong>ici</strong></a></p>\n");
}

TEST_CASE("text is escaped and links with other schemes are dropped, their text kept") {
  RichText t = text({block(BlockKind::paragraph, {run("<script>alert('x')</script> "),
                                                  run("clic", false, false, "javascript:alert(1)"),
                                                  run(" ", false, false), run("\"q\"", false, false, "a\"b")})});
  CHECK(rich_text_html(t) ==
        "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; clic <a href=\"a&quot;b\">&quot;q&quot;</a></p>\n");
}

TEST_CASE("French spacing is applied to text") {
  RichText t = text({block(BlockKind::paragraph, {run("Objectif : 1 200 MSP ; « bilan »")})});
  CHECK(rich_text_html(t) ==
        "<p>Objectif\xC2\xA0: 1\xE2\x80\xAF" "200 MSP\xE2\x80\xAF; «\xE2\x80\xAF" "bilan\xE2\x80\xAF»</p>\n");
}

TEST_CASE("nested bullet lists are rebuilt from depths") {
  RichText t = text({block(BlockKind::bullet, {run("a")}, 1), block(BlockKind::bullet, {run("b")}, 2),
                     block(BlockKind::bullet, {run("c")}, 2), block(BlockKind::bullet, {run("d")}, 1),
                     block(BlockKind::paragraph, {run("fin")})});
  CHECK(rich_text_html(t) ==
        "<ul>\n<li>a<ul>\n<li>b</li>\n<li>c</li>\n</ul></li>\n<li>d</li>\n</ul>\n<p>fin</p>\n");
}

TEST_CASE("numbered lists keep their start, and a new kind starts a new list") {
  RichText t = text({block(BlockKind::numbered, {run("trois")}, 1, 3), block(BlockKind::numbered, {run("quatre")}, 1, 4),
                     block(BlockKind::bullet, {run("puce")}, 1)});
  CHECK(rich_text_html(t) == "<ol start=\"3\">\n<li>trois</li>\n<li>quatre</li>\n</ol>\n<ul>\n<li>puce</li>\n</ul>\n");
}

TEST_CASE("headings are shifted and clamped below the page title") {
  RichText t = text({block(BlockKind::heading, {run("Un")}, 1), block(BlockKind::heading, {run("Deux")}, 2),
                     block(BlockKind::heading, {run("Six")}, 6)});
  CHECK(rich_text_html(t, 1) == "<h2>Un</h2>\n<h3>Deux</h3>\n<h6>Six</h6>\n");
  CHECK(rich_text_html(t, 0) == "<h2>Un</h2>\n<h2>Deux</h2>\n<h6>Six</h6>\n");
}

TEST_CASE("consecutive quote blocks share one blockquote") {
  RichText t = text({block(BlockKind::quote, {run("un")}), block(BlockKind::quote, {run("deux")}),
                     block(BlockKind::paragraph, {run("après")})});
  CHECK(rich_text_html(t) == "<blockquote>\n<p>un</p>\n<p>deux</p>\n</blockquote>\n<p>après</p>\n");
}

TEST_CASE("rich_text_summary takes the first paragraph and cuts at a word") {
  RichText t = text({block(BlockKind::heading, {run("Titre")}, 2),
                     block(BlockKind::paragraph, {run("Chaque Français doit pouvoir "), run("trouver", true),
                                                  run(" un médecin.")}),
                     block(BlockKind::paragraph, {run("Autre.")})});
  CHECK(rich_text_summary(t) == "Chaque Français doit pouvoir trouver un médecin.");
  CHECK(rich_text_summary(t, 20) == "Chaque Français…");
  CHECK(rich_text_summary(RichText{}) == "");
}
