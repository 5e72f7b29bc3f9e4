#include "render/pdf/pdf_document.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <sys/stat.h>

namespace bilan {
namespace {

// The fonts come from scripts/fonts.sh (Marianne) and Debian's fonts-dejavu-core.
std::string marianne(const char* style) {
  return std::string(BILAN_SOURCE_DIR) + "/assets/fonts/Marianne-" + style + ".ttf";
}
const char* const kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

const std::string kSample = "é è à ç Î Œ ’ « » — € 1 800";
// No-break spaces as support/french.h writes them: U+202F in numbers, U+00A0
// before a unit.
const std::string kSpaces = "1\u202F800 médecins, 25\u00A0%";

// One page with kSample and "►" drawn in `font`, saved: the bytes to compare
// when a font is loaded two ways.
std::string sample_page(PdfDocument* pdf, PdfFont font) {
  int p = pdf->add_page(kA4Width, kA4Height);
  pdf->draw_text(p, {font}, 12, 40, 800, kSample + " ►");
  std::string out, err;
  REQUIRE(pdf->save(&out, &err));
  return out;
}

struct Fonts {
  PdfFont regular, bold, fallback;
  PdfFontChain body() const { return {regular, fallback}; }
  PdfFontChain strong() const { return {bold, fallback}; }
};

Fonts load_fonts(PdfDocument* pdf) {
  Fonts f;
  std::string err;
  INFO("generate the Marianne fonts with scripts/fonts.sh");
  REQUIRE(pdf->load_font(marianne("Regular"), &f.regular, &err));
  REQUIRE(pdf->load_font(marianne("Bold"), &f.bold, &err));
  REQUIRE(pdf->load_font(kDejaVu, &f.fallback, &err));
  CHECK(err.empty());
  return f;
}

bool have_tool(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

#define REQUIRE_TOOL(tool, package)                                                     \
  do {                                                                                  \
    if (!have_tool(tool)) {                                                             \
      WARN(tool " not found (Debian package " package "): test skipped");               \
      return;                                                                           \
    }                                                                                   \
  } while (0)

std::string temp_path(const std::string& name) {
  std::string dir = std::string(BILAN_BINARY_DIR) + "/pdf_document_test";
  ::mkdir(dir.c_str(), 0755);
  return dir + "/" + name;
}

std::string write_temp(const std::string& name, const std::string& bytes) {
  std::string path = temp_path(name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split_words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  std::string w;
  while (in >> w) words.push_back(w);
  return words;
}

// The text after `prefix` when `line` starts with it (leading spaces ignored).
bool after_prefix(const std::string& line, const std::string& prefix, std::string* rest) {
  size_t start = line.find_first_not_of(' ');
  if (start == std::string::npos || line.compare(start, prefix.size(), prefix) != 0) return false;
  *rest = line.substr(start + prefix.size());
  return true;
}

// "12 0" from "12 0 R..." at `pos`.
std::string reference_at(const std::string& text, size_t pos) {
  size_t end = text.find(" R", pos);
  return end == std::string::npos ? std::string() : text.substr(pos, end - pos);
}

struct Output {
  int status = -1;
  std::string out;  // standard output
  std::string err;  // standard error
};

Output run(const std::string& command) {
  std::string err_path = temp_path("stderr.txt");
  Output o;
  FILE* p = ::popen((command + " 2>" + err_path).c_str(), "r");
  if (!p) return o;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) o.out.append(buf, n);
  o.status = ::pclose(p);
  o.err = read_file(err_path);
  return o;
}

// A document like a brochure: `pages` pages of text with a heading, a
// character Marianne lacks, nested bookmarks, a table of contents linking to
// each page, and an external link.
std::string build_sample(int pages) {
  PdfDocument pdf;
  Fonts f = load_fonts(&pdf);
  pdf.set_info({"Bilan du Pacte territoire santé — Île-de-France", "Ministère des Affaires sociales et de la Santé",
                "Bilan régional", "déserts médicaux, Pacte territoire santé", "bilan test"});
  pdf.set_language("fr-FR");
  int contents = pdf.add_page(kA4Width, kA4Height);
  pdf.draw_text(contents, f.strong(), 26, 42, 780, "Sommaire");
  int root = pdf.add_outline(-1, "Sommaire", contents, kA4Height, true);
  for (int i = 1; i < pages; ++i) {
    int p = pdf.add_page(kA4Width, kA4Height);
    std::string title = "Partie " + std::to_string(i) + " — Région Île-de-France";
    pdf.draw_text(p, f.strong(), 15, 42, 780, title);
    for (int line = 0; line < 50; ++line) {
      pdf.draw_text(p, f.body(), 9.5, 42, 750 - 12.5 * line,
                    "Les médecins s’installent « près de chez vous » : " + kSample + " ► ligne " +
                        std::to_string(line));
    }
    int part = pdf.add_outline(root, title, p, kA4Height - 48, false);
    pdf.add_outline(part, "Sous-partie œuvre " + std::to_string(i), p, 400, false);
    double y = 750 - 14 * i;
    double w = pdf.draw_text(contents, f.body(), 9.5, 42, y, title);
    pdf.add_link(contents, {42, y - 3, 42 + w, y + 9.5}, p, kA4Height - 48);
  }
  pdf.add_uri_link(contents, {42, 100, 200, 112}, "https://solidarites-sante.gouv.fr/pacte-territoire-santé");
  std::string bytes, err;
  REQUIRE(pdf.save(&bytes, &err));
  CHECK(err.empty());
  return bytes;
}

// ---------------------------------------------------------------------------

TEST_CASE("a bad font path is an error value carrying libharu's code and detail", "[pdf]") {
  PdfDocument pdf;
  PdfFont font;
  std::string err;
  CHECK_FALSE(pdf.load_font("/nonexistent/Marianne-Regular.ttf", &font, &err));
  CHECK(err ==
        "cannot load font '/nonexistent/Marianne-Regular.ttf': libharu error 0x1017 (file open error), "
        "detail 2 (no such file or directory)");
  CHECK_FALSE(font.valid());

  // The document stays usable after the error.
  Fonts f = load_fonts(&pdf);
  int p = pdf.add_page(kA4Width, kA4Height);
  pdf.draw_text(p, f.body(), 12, 50, 700, "encore utilisable");
  std::string bytes;
  err.clear();
  CHECK(pdf.save(&bytes, &err));
  CHECK(err.empty());
  CHECK(bytes.compare(0, 8, "%PDF-1.4") == 0);
}

TEST_CASE("a file that is not a font is an error value", "[pdf]") {
  PdfDocument pdf;
  PdfFont font;
  std::string err;
  std::string path = std::string(BILAN_SOURCE_DIR) + "/assets/style.yaml";
  CHECK_FALSE(pdf.load_font(path, &font, &err));
  CHECK(err.rfind("cannot load font '" + path + "': libharu error 0x", 0) == 0);
}

TEST_CASE("errors of direct libharu calls and of bad arguments make save fail", "[pdf]") {
  PdfDocument pdf;
  Fonts f = load_fonts(&pdf);
  int p = pdf.add_page(kA4Width, kA4Height);
  HPDF_Page_LineTo(pdf.page(p), 10, 10);  // no current point: wrong graphics mode
  pdf.add_link(p, {0, 0, 10, 10}, 5, 100);
  pdf.draw_text(p, f.body(), 12, 50, 700, "émoji \xF0\x9F\x98\x80 et \xEE\x80\x80");
  std::vector<std::string> errors = pdf.errors();
  REQUIRE(errors.size() == 3);
  CHECK(errors[0] == "a libharu drawing call failed: libharu error 0x1051 (invalid graphics mode), detail 0");
  CHECK(errors[1] == "cannot add a link to page 5: page 5 does not exist (the document has 1)");
  CHECK(errors[2] == "cannot draw text 'émoji \xF0\x9F\x98\x80 et \xEE\x80\x80': no font has a glyph for "
                     "U+1F600 '\xF0\x9F\x98\x80', U+E000 '\xEE\x80\x80'");
  std::string bytes, err;
  CHECK_FALSE(pdf.save(&bytes, &err));
  CHECK(err == errors[0] + " (and 2 more errors)");
  CHECK(bytes.empty());
}

TEST_CASE("marianne covers french text; dejavu fills its gaps glyph by glyph", "[pdf]") {
  PdfDocument pdf;
  Fonts f = load_fonts(&pdf);
  for (char32_t cp : {0xE9, 0xE8, 0xE0, 0xE7, 0xCE, 0x152, 0x153, 0x2019, 0xAB, 0xBB, 0x2014, 0x20AC, 0x202F, 0xA0}) {
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    CHECK(pdf.has_glyph(f.regular, cp));
    CHECK(pdf.has_glyph(f.bold, cp));
  }
  CHECK_FALSE(pdf.has_glyph(f.regular, 0x25BA));  // ►
  CHECK(pdf.has_glyph(f.fallback, 0x25BA));
  CHECK_FALSE(pdf.has_glyph(f.regular, 0x1F600));  // beyond U+FFFF: never
  CHECK_FALSE(pdf.has_glyph(PdfFont{42}, 0x41));

  std::vector<PdfTextRun> runs = pdf.text_runs(f.body(), "voir ► page");
  REQUIRE(runs.size() == 3);
  CHECK(runs[0].font == f.regular);
  CHECK(runs[0].text == "voir ");
  CHECK(runs[1].font == f.fallback);
  CHECK(runs[1].text == "►");
  CHECK(runs[2].text == " page");

  CHECK(pdf.missing_glyphs(f.body(), "a ► \xF0\x9F\x98\x80 b \xF0\x9F\x98\x80") == std::vector<char32_t>{0x1F600});
  CHECK(pdf.font_name(f.regular) == "Marianne-Regular");
  CHECK(pdf.font_name(f.bold) == "Marianne-Bold,Bold");
}

TEST_CASE("text width uses the advance widths written in the pdf", "[pdf]") {
  PdfDocument pdf;
  Fonts f = load_fonts(&pdf);
  // Marianne Regular: 'é' advances 581/1000 em, 'e' as well; '—' 1080/1000.
  CHECK(pdf.text_width(f.regular, 10, "é") == Approx(5.81));
  CHECK(pdf.text_width(f.regular, 10, "—") == Approx(10.80));
  CHECK(pdf.text_width(f.regular, 10, "") == 0);
  double mixed = pdf.text_width(f.body(), 12, "a ► b");
  CHECK(mixed == Approx(pdf.text_width(f.regular, 12, "a ") + pdf.text_width(f.fallback, 12, "►") +
                        pdf.text_width(f.regular, 12, " b")));
  int p = pdf.add_page(kA4Width, kA4Height);
  CHECK(pdf.draw_text(p, f.body(), 12, 50, 700, "a ► b") == Approx(mixed));
  PdfFontMetrics m = pdf.metrics(f.regular);
  CHECK(m.ascent > m.cap_height);
  CHECK(m.cap_height > m.x_height);
  CHECK(m.x_height > 0);
  CHECK(m.descent < 0);
}

TEST_CASE("two builds of the same document are byte-identical", "[pdf]") {
  std::string first = build_sample(3);
  std::string second = build_sample(3);
  CHECK(first.size() == second.size());
  CHECK(first == second);
  CHECK(first.find("/CreationDate") == std::string::npos);
  CHECK(first.find("/ModDate") == std::string::npos);
  CHECK(first.find("/ID") == std::string::npos);
}

TEST_CASE("unused fonts are not written", "[pdf]") {
  PdfDocument pdf;
  Fonts f = load_fonts(&pdf);
  int p = pdf.add_page(kA4Width, kA4Height);
  pdf.draw_text(p, {f.regular}, 12, 50, 700, "texte");
  std::string bytes, err;
  REQUIRE(pdf.save(&bytes, &err));
  CHECK(bytes.find("Marianne-Regular") != std::string::npos);
  CHECK(bytes.find("Marianne-Bold") == std::string::npos);
  CHECK(bytes.find("DejaVu") == std::string::npos);
}

// The content of stream object `ref` ("11 0") in a qpdf --qdf file.
std::string qdf_stream(const std::string& qdf, const std::string& ref) {
  size_t at = qdf.find("\n" + ref + " obj\n");
  if (at == std::string::npos) return "";
  size_t length_at = qdf.find("/Length ", at);
  std::string length_ref = reference_at(qdf, length_at + 8);
  size_t value_at = qdf.find("\n" + length_ref + " obj\n");
  if (value_at == std::string::npos) return "";
  size_t length = std::stoul(qdf.substr(value_at + length_ref.size() + 6));
  size_t data = qdf.find("stream\n", length_at) + 7;
  return qdf.substr(data, length);
}

TEST_CASE("widths and glyph map list only the characters drawn", "[pdf][tools]") {
  REQUIRE_TOOL("qpdf", "qpdf");
  PdfDocument pdf;
  Fonts f = load_fonts(&pdf);
  int p = pdf.add_page(kA4Width, kA4Height);
  pdf.draw_text(p, {f.fallback}, 40, 50, 700, "►AB►");
  std::string bytes, err;
  REQUIRE(pdf.save(&bytes, &err));
  std::string path = write_temp("widths.pdf", bytes);
  std::string qdf_path = temp_path("widths.qdf.pdf");
  REQUIRE(run("qpdf --qdf --object-streams=disable '" + path + "' '" + qdf_path + "'").status == 0);
  std::string qdf = read_file(qdf_path);

  // DejaVu Sans: A and B advance 684 and 686 thousandths of an em, ► 769.
  CHECK(qdf.find("/W [\n    65\n    [\n      684\n      686\n    ]\n    9658\n    [\n      769\n    ]\n  ]") !=
        std::string::npos);
  CHECK(pdf.text_width(f.fallback, 1000, "►AB") == Approx(769 + 684 + 686));

  size_t map_key = qdf.find("/CIDToGIDMap ");
  REQUIRE(map_key != std::string::npos);
  std::string map = qdf_stream(qdf, reference_at(qdf, map_key + 13));
  // Two bytes per code up to U+25BA; non-zero glyph ids exactly at 'A', 'B', '►'.
  REQUIRE(map.size() == 2 * (0x25BA + 1));
  std::vector<unsigned> mapped;
  for (unsigned code = 0; code <= 0x25BA; ++code) {
    if (map[2 * code] != 0 || map[2 * code + 1] != 0) mapped.push_back(code);
  }
  CHECK(mapped == std::vector<unsigned>{0x41, 0x42, 0x25BA});
}

// Regression: libharu 2.3.0 gives each TrueType font a ToUnicode stream made
// of "begincidrange" lines, which poppler rejects with "Syntax Error: Invalid
// 'begincidrange' operator in ToUnicode CMap".
TEST_CASE("issue libharu tounicode begincidrange: text extracts exactly and silently", "[pdf][tools]") {
  REQUIRE_TOOL("pdftotext", "poppler-utils");
  PdfDocument pdf;
  Fonts f = load_fonts(&pdf);
  int p = pdf.add_page(kA4Width, kA4Height);
  pdf.draw_text(p, f.body(), 12, 50, 700, kSample);
  pdf.draw_text(p, f.strong(), 12, 50, 680, "Gras : " + kSample + " ►");
  pdf.draw_text(p, f.body(), 12, 50, 660, kSpaces);
  std::string bytes, err;
  REQUIRE(pdf.save(&bytes, &err));
  std::string path = write_temp("tounicode.pdf", bytes);

  Output text = run("pdftotext -enc UTF-8 '" + path + "' -");
  CHECK(text.status == 0);
  CHECK(text.err == "");
  // Poppler writes every kind of space as U+0020 (a text-extraction choice of
  // its own); the ToUnicode map itself keeps U+202F and U+00A0, as checked below.
  CHECK(text.out == kSample + "\nGras : " + kSample + " ►\n1 800 médecins, 25 %\n\n\f");

  if (!have_tool("qpdf")) return;
  std::string qdf_path = temp_path("tounicode.qdf.pdf");
  REQUIRE(run("qpdf --qdf --object-streams=disable '" + path + "' '" + qdf_path + "'").status == 0);
  std::string qdf = read_file(qdf_path);
  CHECK(qdf.find("begincidrange") == std::string::npos);
  CHECK(qdf.find("<00A0> <00A0>\n") != std::string::npos);
  CHECK(qdf.find("<202F> <202F>\n") != std::string::npos);
  CHECK(qdf.find("<25BA> <25BA>\n") != std::string::npos);  // ► in DejaVu's map
  CHECK(qdf.find("/Ordering (Identity-H)") == std::string::npos);
}

TEST_CASE("the pdf passes qpdf --check and embeds every font", "[pdf][tools]") {
  REQUIRE_TOOL("qpdf", "qpdf");
  REQUIRE_TOOL("pdffonts", "poppler-utils");
  std::string path = write_temp("sample.pdf", build_sample(4));

  Output check = run("qpdf --check '" + path + "'");
  CHECK(check.status == 0);
  CHECK(check.out.find("No syntax or stream encoding errors found") != std::string::npos);
  CHECK(check.err == "");

  Output fonts = run("pdffonts '" + path + "'");
  CHECK(fonts.status == 0);
  CHECK(fonts.err == "");
  // name  type  encoding  emb sub uni  object ID, after two header lines.
  std::istringstream lines(fonts.out);
  std::string line;
  std::set<std::string> names;
  int rows = 0;
  while (std::getline(lines, line)) {
    if (++rows <= 2) continue;
    std::vector<std::string> w = split_words(line);
    INFO(line);
    REQUIRE(w.size() == 9);
    CHECK(w[1] + " " + w[2] + " " + w[3] == "CID TrueType Identity-H");
    CHECK(w[4] == "yes");  // embedded
    CHECK(w[5] == "yes");  // subset
    CHECK(w[6] == "yes");  // ToUnicode
    names.insert(w[0]);
  }
  // libharu appends the style to the PostScript name of non-regular faces.
  CHECK(names ==
        std::set<std::string>{"HPDFAA+Marianne-Regular", "HPDFAB+Marianne-Bold,Bold", "HPDFAC+DejaVuSans,Book"});
}

TEST_CASE("bookmarks are nested with utf-8 titles, links point at their pages", "[pdf][tools]") {
  REQUIRE_TOOL("qpdf", "qpdf");
  std::string path = write_temp("navigation.pdf", build_sample(3));

  Output pages = run("qpdf --show-npages '" + path + "'");
  CHECK(pages.out == "3\n");

  Output outlines = run("qpdf --json --json-key=outlines '" + path + "'");
  REQUIRE(outlines.status == 0);
  // qpdf prints an entry's target page before its kids and its title after
  // them: a stack gives each title its page and depth (children come first).
  std::vector<std::string> found;
  std::vector<std::string> stack;
  std::istringstream lines(outlines.out);
  std::string line;
  while (std::getline(lines, line)) {
    std::string rest;
    if (after_prefix(line, "\"destpageposfrom1\": ", &rest)) {
      stack.push_back(rest.substr(0, rest.find(',')));
    } else if (after_prefix(line, "\"title\": \"", &rest)) {
      REQUIRE(!stack.empty());
      std::string target = stack.back();
      stack.pop_back();
      found.push_back(std::string(stack.size(), '>') + rest.substr(0, rest.rfind('"')) + " @" + target);
    }
  }
  CHECK(found == std::vector<std::string>{">>Sous-partie œuvre 1 @2", ">Partie 1 — Région Île-de-France @2",
                                          ">>Sous-partie œuvre 2 @3", ">Partie 2 — Région Île-de-France @3",
                                          "Sommaire @1"});
  CHECK(outlines.out.find(R"("open": false,
          "title": "Partie 1 — Région Île-de-France")") != std::string::npos);

  // Links: decompressed view with "%% Page N" markers before each page object.
  std::string qdf_path = temp_path("navigation.qdf.pdf");
  REQUIRE(run("qpdf --qdf --object-streams=disable '" + path + "' '" + qdf_path + "'").status == 0);
  std::string qdf = read_file(qdf_path);
  // "%% Page 2\n%% Original object ID: 16 0\n6 0 obj": object "6 0" is page 2.
  std::map<std::string, int> page_of_object;
  for (size_t at = qdf.find("%% Page "); at != std::string::npos; at = qdf.find("%% Page ", at + 1)) {
    int number = std::stoi(qdf.substr(at + 8));
    size_t object = qdf.find('\n', qdf.find("%% Original object ID:", at)) + 1;
    page_of_object[qdf.substr(object, qdf.find(" obj", object) - object)] = number;
  }
  REQUIRE(page_of_object.size() == 3);
  // Each link annotation: its /Dest object is [page /XYZ null top null].
  std::vector<int> targets;
  for (size_t at = qdf.find("/Dest "); at != std::string::npos; at = qdf.find("/Dest ", at + 1)) {
    size_t object_end = qdf.find("endobj", at);
    if (qdf.find("/Subtype /Link", at) > object_end) continue;
    std::string dest = reference_at(qdf, at + 6);
    size_t dest_at = qdf.find("\n" + dest + " obj\n[\n  ");
    REQUIRE(dest_at != std::string::npos);
    size_t page_at = dest_at + dest.size() + 10;
    std::string page = reference_at(qdf, page_at);
    const std::string xyz = " R\n  /XYZ\n  null\n  793.89";  // top = page height - 48
    CHECK(qdf.compare(page_at + page.size(), xyz.size(), xyz) == 0);
    targets.push_back(page_of_object[page]);
  }
  CHECK(targets == std::vector<int>{2, 3});
  CHECK(qdf.find("/URI (https://solidarites-sante.gouv.fr/pacte-territoire-sant%C3%A9)") != std::string::npos);
  CHECK(qdf.find("/Border [\n    0\n    0\n    0\n  ]") != std::string::npos);
  CHECK(qdf.find("/PageMode /UseOutlines") != std::string::npos);
  CHECK(qdf.find("/Lang (fr-FR)") != std::string::npos);
}

TEST_CASE("document information is written in utf-16", "[pdf][tools]") {
  REQUIRE_TOOL("pdfinfo", "poppler-utils");
  std::string path = write_temp("info.pdf", build_sample(2));
  Output info = run("pdfinfo '" + path + "'");
  CHECK(info.err == "");
  CHECK(info.out.find("Title:           Bilan du Pacte territoire santé — Île-de-France\n") != std::string::npos);
  CHECK(info.out.find("Author:          Ministère des Affaires sociales et de la Santé\n") != std::string::npos);
  CHECK(info.out.find("Subject:         Bilan régional\n") != std::string::npos);
  CHECK(info.out.find("Keywords:        déserts médicaux, Pacte territoire santé\n") != std::string::npos);
  CHECK(info.out.find("Page size:       595.276 x 841.89 pts (A4)\n") != std::string::npos);
  CHECK(info.out.find("PDF version:     1.4\n") != std::string::npos);
}

TEST_CASE("bad language tags and outline parents are recorded errors", "[pdf]") {
  PdfDocument pdf;
  int p = pdf.add_page(kA4Width, kA4Height);
  pdf.set_language("français");
  CHECK(pdf.add_outline(3, "Titre", p, 800, true) == -1);
  CHECK(pdf.add_outline(-1, "Titre", 7, 800, true) == -1);
  std::vector<std::string> errors = pdf.errors();
  REQUIRE(errors.size() == 3);
  CHECK(errors[0] == "cannot set the document language to 'français': not a language tag like 'fr-FR'");
  CHECK(errors[1] == "cannot add bookmark 'Titre': parent bookmark 3 does not exist");
  CHECK(errors[2] == "cannot add bookmark 'Titre': page 7 does not exist (the document has 1)");
}


TEST_CASE("a font loaded from its bytes is the font loaded from its file", "[pdf]") {
  std::ifstream in(kDejaVu, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  REQUIRE(!bytes.str().empty());
  auto build = [&](bool from_memory) {
    PdfDocument pdf;
    PdfFont font;
    std::string err;
    bool ok = from_memory ? pdf.load_font_data("DejaVuSans.ttf", bytes.str(), &font, &err)
                          : pdf.load_font(kDejaVu, &font, &err);
    REQUIRE(ok);
    PdfFont again;
    REQUIRE((from_memory ? pdf.load_font_data("DejaVuSans.ttf", bytes.str(), &again, &err)
                         : pdf.load_font(kDejaVu, &again, &err)));
    CHECK(again == font);
    return sample_page(&pdf, font);
  };
  CHECK(build(true) == build(false));
}

TEST_CASE("font bytes that are not a TrueType font are refused", "[pdf]") {
  PdfDocument pdf;
  PdfFont font;
  std::string err;
  CHECK_FALSE(pdf.load_font_data("assets/fonts/broken.ttf", "not a font at all", &font, &err));
  CHECK(err.rfind("cannot load font 'assets/fonts/broken.ttf': libharu error 0x", 0) == 0);
  CHECK_FALSE(font.valid());
  // The document stays usable.
  CHECK(pdf.add_page(kA4Width, kA4Height) == 0);
}

}  // namespace
}  // namespace bilan

namespace bilan {
namespace {

// The words of a page as pdftotext -bbox gives them: text, xMin, yMin.
std::vector<std::tuple<std::string, double, double>> word_boxes(const std::string& pdf_bytes, const std::string& name) {
  std::string path = write_temp(name, pdf_bytes);
  Output out = run("pdftotext -bbox '" + path + "' -");
  std::vector<std::tuple<std::string, double, double>> words;
  std::istringstream lines(out.out);
  std::string line;
  while (std::getline(lines, line)) {
    size_t at = line.find("<word xMin=\"");
    if (at == std::string::npos) continue;
    double x = std::stod(line.substr(at + 12));
    double y = std::stod(line.substr(line.find("yMin=\"") + 6));
    size_t text = line.find('>') + 1;
    words.emplace_back(line.substr(text, line.find("</word>") - text), x, y);
  }
  return words;
}

TEST_CASE("a line drawn whole puts each piece where draw_text puts it", "[pdf][tools]") {
  REQUIRE_TOOL("pdftotext", "poppler-utils");
  struct Word {
    bool bold;
    double size, x;
    std::string text;
  };
  // Justified words with a bold one, a fallback glyph and a size change.
  const std::vector<Word> line = {{false, 10, 50, "Les"},          {false, 10, 71.37, "médecins"},
                                  {true, 10, 122.5, "s’installent"}, {false, 10, 190.125, "►"},
                                  {false, 8, 203, "(près"},        {false, 8, 228.4, "d’ici)"}};
  auto build = [&](bool whole) {
    PdfDocument pdf;
    Fonts f = load_fonts(&pdf);
    const PdfFontChain body = f.body(), strong = f.strong();
    int p = pdf.add_page(kA4Width, kA4Height);
    std::vector<PdfTextPiece> pieces;
    for (const Word& w : line) {
      if (whole) {
        pieces.push_back({w.bold ? &strong : &body, w.size, w.x, w.text});
      } else {
        pdf.draw_text(p, w.bold ? strong : body, w.size, w.x, 700, w.text);
      }
    }
    if (whole) pdf.draw_line(p, 700, pieces);
    std::string bytes, err;
    REQUIRE(pdf.save(&bytes, &err));
    return bytes;
  };
  auto apart = word_boxes(build(false), "line-apart.pdf");
  auto whole = word_boxes(build(true), "line-whole.pdf");
  REQUIRE(apart.size() == line.size());
  REQUIRE(whole.size() == apart.size());
  for (size_t i = 0; i < apart.size(); ++i) {
    INFO(std::get<0>(apart[i]));
    CHECK(std::get<0>(whole[i]) == std::get<0>(apart[i]));
    CHECK(std::get<1>(whole[i]) == Approx(std::get<1>(apart[i])).margin(0.011));
    CHECK(std::get<2>(whole[i]) == Approx(std::get<2>(apart[i])).margin(0.011));
  }
}

TEST_CASE("a piece no font can draw is reported and left out of its line", "[pdf]") {
  PdfDocument pdf;
  Fonts f = load_fonts(&pdf);
  const PdfFontChain body = f.body();
  int p = pdf.add_page(kA4Width, kA4Height);
  pdf.draw_line(p, 700, {{&body, 10, 50, "bon"}, {&body, 10, 80, "\xEE\x80\x80"}, {&body, 10, 100, "aussi"}});
  std::vector<std::string> errors = pdf.errors();
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "cannot draw text '\xEE\x80\x80': no font has a glyph for U+E000 '\xEE\x80\x80'");
}

}  // namespace
}  // namespace bilan

namespace bilan {
namespace {

TEST_CASE("a font file prepared once gives the documents its bytes would give", "[pdf]") {
  const std::string bytes = read_file(kDejaVu);
  REQUIRE(!bytes.empty());
  std::string err;
  std::shared_ptr<const PdfFontFile> file = PdfFontFile::prepare("DejaVuSans.ttf", bytes, &err);
  REQUIRE(file);
  CHECK(err.empty());
  CHECK(file->name() == "DejaVuSans.ttf");
  CHECK(file->bytes() == bytes);
  auto build = [&](bool prepared) {
    PdfDocument pdf;
    PdfFont font;
    REQUIRE((prepared ? pdf.load_font_file(*file, &font, &err)
                      : pdf.load_font_data("DejaVuSans.ttf", bytes, &font, &err)));
    CHECK(pdf.has_glyph(font, 0x25BA));
    CHECK_FALSE(pdf.has_glyph(font, 0xE000));
    return sample_page(&pdf, font);
  };
  CHECK(build(true) == build(false));

  std::string why;
  CHECK_FALSE(PdfFontFile::prepare("assets/fonts/broken.ttf", "not a font at all", &why));
  CHECK(why.rfind("cannot load font 'assets/fonts/broken.ttf': libharu error 0x", 0) == 0);
}

}  // namespace
}  // namespace bilan

namespace bilan {
namespace {

TEST_CASE("a document saved twice, with drawing between, holds everything drawn", "[pdf][tools]") {
  REQUIRE_TOOL("pdftotext", "poppler-utils");
  REQUIRE_TOOL("qpdf", "qpdf");
  PdfDocument pdf;
  Fonts f = load_fonts(&pdf);
  int p = pdf.add_page(kA4Width, kA4Height);
  pdf.draw_text(p, f.body(), 12, 50, 700, "première");
  std::string first, second, err;
  REQUIRE(pdf.save(&first, &err));
  pdf.draw_text(p, f.strong(), 12, 50, 680, "seconde ►");
  int q = pdf.add_page(kA4Width, kA4Height);
  pdf.draw_text(q, f.body(), 12, 50, 700, "Œuvre");
  REQUIRE(pdf.save(&second, &err));
  for (const auto& [name, bytes] : {std::pair<std::string, std::string>{"first.pdf", first}, {"second.pdf", second}}) {
    std::string path = write_temp(name, bytes);
    Output check = run("qpdf --check '" + path + "'");
    CHECK(check.status == 0);
    CHECK(check.err == "");
  }
  Output text = run("pdftotext -enc UTF-8 '" + write_temp("second.pdf", second) + "' -");
  CHECK(text.err == "");
  CHECK(text.out == "première\nseconde ►\n\n\f" "Œuvre\n\n\f");
}

}  // namespace
}  // namespace bilan
