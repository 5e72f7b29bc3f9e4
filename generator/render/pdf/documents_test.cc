#include "render/pdf/documents.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include "load/loader.h"
#include "load/test_project.h"
#include "render/pdf/composer.h"
#include "render/pdf/pdf_fonts.h"
#include "render/pdf/publication.h"
#include "validate/validate.h"

using namespace bilan;

namespace {

constexpr const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

std::string disk_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool replace(std::string* text, const std::string& from, const std::string& to) {
  size_t at = text->find(from);
  if (at == std::string::npos) return false;
  text->replace(at, from.size(), to);
  return true;
}

// The small test project with the real style file. Its text fonts are the
// DejaVu faces when the Marianne files have not been made (scripts/fonts.sh),
// so that the tests run from a fresh clone.
MemoryFileSystem project_files() {
  MemoryFileSystem fs = small_project();
  std::string style = disk_file(std::string(BILAN_SOURCE_DIR) + "/assets/style.yaml");
  const char* faces[4] = {"Regular", "Bold", "Regular_Italic", "Bold_Italic"};
  const char* dejavu[4] = {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"};
  for (int i = 0; i < 4; ++i) {
    std::string path = std::string("assets/fonts/Marianne-") + faces[i] + ".ttf";
    std::string bytes = disk_file(std::string(BILAN_SOURCE_DIR) + "/" + path);
    if (bytes.empty())
      replace(&style, path, std::string("/usr/share/fonts/truetype/dejavu/") + dejavu[i] + ".ttf");
    else
      fs.add(path, bytes);
  }
  fs.add("assets/style.yaml", style);
  return fs;
}

// project_files() with `from` replaced by `to` in assets/style.yaml.
MemoryFileSystem project_files_with_style(const std::string& from, const std::string& to) {
  MemoryFileSystem fs = project_files();
  std::string style, err;
  REQUIRE(fs.read("assets/style.yaml", &style, &err));
  REQUIRE(replace(&style, from, to));
  fs.add("assets/style.yaml", style);
  return fs;
}

struct Loaded {
  Project project;
  Style style;
};

Loaded load(const FileSystem& fs) {
  Loaded l;
  Diagnostics diags;
  load_project(fs, &l.project, &l.style, &diags);
  validate_project(l.project, fs, &diags);
  for (const Diagnostic& d : diags) FAIL(location_prefix(d.pos) << d.message);
  return l;
}

std::vector<std::string> messages(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags) out.push_back(location_prefix(d.pos) + d.message);
  return out;
}

int page_count(const std::string& pdf) {
  int n = 0;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1))
    if (pdf.compare(at, 12, "/Type /Pages") != 0) ++n;
  return n;
}

}  // namespace

TEST_CASE("render_documents writes each publication at its path") {
  MemoryFileSystem fs = project_files();
  Loaded l = load(fs);
  OutputSet out;
  Diagnostics diags = render_documents(l.project, l.style, fs, &out);
  REQUIRE(messages(diags) == std::vector<std::string>{});
  REQUIRE(out.files().size() == 1);
  const std::string& pdf = out.files().at("pdf/bilan-2016.pdf");
  CHECK(pdf.rfind("%PDF-1.4", 0) == 0);
  // Cover (page 1); "Le pacte en région" opens on page 2, a left page, so
  // its opening takes pages 2-3 and the Bretagne spread starts on page 4, a
  // left page again.
  CHECK(page_count(pdf) == 5);
  CHECK(pdf.find("/Lang (fr)") != std::string::npos);
  // Left in the build folder, to look at.
  std::ofstream(std::string(BILAN_BINARY_DIR) + "/pdf-small-project.pdf", std::ios::binary) << pdf;
}

TEST_CASE("bookmarks give where each section and region starts") {
  MemoryFileSystem fs = project_files();
  Loaded l = load(fs);
  OutputSet out;
  REQUIRE(render_documents(l.project, l.style, fs, &out).empty());

  PublicationResources res;
  res.project = &l.project;
  res.style = &l.style;
  Diagnostics diags;
  REQUIRE(resolve_page_style(l.style, &res.page, &diags));
  REQUIRE(read_font_files(l.style, fs, &res.fonts, &diags));
  std::string err;
  auto hyphenator = Hyphenator::load(kFrenchHyphenDictionary, &err);
  res.hyphenator = hyphenator.get();
  std::string bytes;
  PublicationOutline outline;
  REQUIRE(messages(write_publication(l.project.publications().front(), res, &bytes, &outline)) ==
          std::vector<std::string>{});
  CHECK(outline.titles == std::vector<std::string>{"Pacte territoire santé", "Le pacte en région", "Bretagne"});
  CHECK(outline.pages == std::vector<int>{0, 1, 3});
  CHECK(outline.levels == std::vector<int>{0, 0, 1});
  CHECK(outline.page_count == 5);
  // Written on this thread or by render_documents' workers: the same bytes.
  CHECK(bytes == out.files().at("pdf/bilan-2016.pdf"));
}

TEST_CASE("two renderings give the same bytes") {
  MemoryFileSystem fs = project_files();
  Loaded l = load(fs);
  OutputSet a, b;
  REQUIRE(render_documents(l.project, l.style, fs, &a).empty());
  REQUIRE(render_documents(l.project, l.style, fs, &b).empty());
  CHECK(a.files() == b.files());
}

TEST_CASE("a missing font names the style file, its line and the key") {
  MemoryFileSystem fs =
      project_files_with_style("bold: assets/fonts/Marianne-Bold.ttf", "bold: assets/fonts/Marianne-Gras.ttf");
  Loaded l = load(fs);
  OutputSet out;
  Diagnostics diags = render_documents(l.project, l.style, fs, &out);
  REQUIRE(diags.size() == 1);
  CHECK(location_prefix(diags[0].pos) == "assets/style.yaml:5:9: ");
  CHECK(diags[0].message ==
        "font file 'assets/fonts/Marianne-Gras.ttf' (text_font.bold) cannot be read: no such file "
        "(scripts/fonts.sh makes the Marianne files)");
  CHECK(out.files().empty());
}

TEST_CASE("a missing system fallback font is reported at once, though read only when a glyph needs it") {
  MemoryFileSystem fs =
      project_files_with_style("/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf", "/nonexistent/Oblique.ttf");
  Loaded l = load(fs);
  OutputSet out;
  Diagnostics diags = render_documents(l.project, l.style, fs, &out);
  REQUIRE(diags.size() == 1);
  CHECK(location_prefix(diags[0].pos) == "assets/style.yaml:11:11: ");
  CHECK(diags[0].message == "font file '/nonexistent/Oblique.ttf' (fallback_font.italic) cannot be read: no such file");
  CHECK(out.files().empty());
}

TEST_CASE("a missing size is reported, not defaulted") {
  MemoryFileSystem fs = project_files_with_style("  leading: 12.5\n", "");
  Loaded l = load(fs);
  OutputSet out;
  CHECK(messages(render_documents(l.project, l.style, fs, &out)) ==
        std::vector<std::string>{"assets/style.yaml: size 'leading' is missing (the pdf pages need it)"});
}

TEST_CASE("text that does not fit its frame names the block") {
  MemoryFileSystem fs = project_files();
  std::string intro;
  for (int i = 0; i < 60; ++i)
    intro += "Les priorités sont donc de poursuivre le travail engagé avec les partenaires sur la structuration "
             "de l’offre de premier recours.\n\n";
  fs.add("content/regions/bretagne/intro.md", intro);
  Loaded l = load(fs);
  OutputSet out;
  Diagnostics diags = render_documents(l.project, l.style, fs, &out);
  REQUIRE(diags.size() == 1);
  CHECK(location_prefix(diags[0].pos) == "content/regions/bretagne/intro.md:1:1: ");
  CHECK(std::regex_match(diags[0].message,
                         std::regex("text of 'bretagne intro' does not fit its frame \\([0-9]+ lines over\\)")));
  CHECK(out.files().empty());
}

TEST_CASE("a character no font has is reported at its text") {
  MemoryFileSystem fs = project_files();
  fs.add("content/regions/bretagne/intro.md", "Le mot 漢 n’a pas de glyphe.\n");
  Loaded l = load(fs);
  OutputSet out;
  CHECK(messages(render_documents(l.project, l.style, fs, &out)) ==
        std::vector<std::string>{"content/regions/bretagne/intro.md:1:1: text of 'bretagne intro' has characters "
                                 "no font can draw: U+6F22 '漢'"});
}

TEST_CASE("a system fallback font loads from its bytes") {
  std::string ttf = disk_file(kDejaVu);
  REQUIRE(!ttf.empty());
  PdfDocument pdf;
  PdfFont font;
  std::string err;
  REQUIRE(pdf.load_font_data("DejaVuSans.ttf", ttf, &font, &err));
  CHECK(pdf.font_name(font) == "DejaVuSans,Book");
  CHECK(pdf.has_glyph(font, U'►'));
  CHECK(pdf.text_width(font, 10, "►") > 0);
}

TEST_CASE("French capitals keep their accents") {
  CHECK(to_upper_fr("en Île-de-France, à La Réunion") == "EN ÎLE-DE-FRANCE, À LA RÉUNION");
  CHECK(to_upper_fr("cœur, ça, où, ÿ, ĺ") == "CŒUR, ÇA, OÙ, Ÿ, Ĺ");
  CHECK(to_upper_fr("l’ARS ÷ 2 ß") == "L’ARS ÷ 2 ß");
}
