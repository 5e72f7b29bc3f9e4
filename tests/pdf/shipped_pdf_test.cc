// The PDFs of the shipped content, checked with the tools a reader's
// software resembles: qpdf (structure), pdffonts (embedding), pdftotext
// (text extraction, accents, reading of each page), pdfinfo (metadata), and
// qpdf's JSON for the bookmarks. Expected figures and titles are read from
// the loaded model, never typed here.
#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>

#include "load/loader.h"
#include "render/pdf/composer.h"  // to_upper_fr
#include "render/pdf/documents.h"
#include "support/french.h"
#include "support/fs.h"
#include "support/output.h"
#include "validate/validate.h"

using namespace bilan;

namespace {

struct Built {
  Project project;
  Style style;
  std::map<std::string, std::string> files;  // output path -> bytes
  std::string dir;                           // where they were written
};

const Built& built() {
  static Built b = [] {
    Built x;
    DiskFileSystem fs(BILAN_SOURCE_DIR);
    Diagnostics diags;
    load_project(fs, &x.project, &x.style, &diags);
    validate_project(x.project, fs, &diags);
    OutputSet out;
    if (diags.empty()) diags = render_documents(x.project, x.style, fs, &out);
    for (const Diagnostic& d : diags) FAIL(location_prefix(d.pos) << d.message);
    x.files = out.files();
    x.dir = std::string(PDF_TEST_DIR) + "/shipped";
    mkdir(x.dir.c_str(), 0755);
    mkdir((x.dir + "/pdf").c_str(), 0755);
    for (const auto& [path, bytes] : x.files) std::ofstream(x.dir + "/" + path, std::ios::binary) << bytes;
    return x;
  }();
  return b;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs a command; returns its standard output, and its standard error and
// exit status through the pointers.
std::string run(const std::string& command, std::string* err, int* status) {
  const std::string err_file = std::string(PDF_TEST_DIR) + "/stderr.txt";
  FILE* p = popen((command + " 2>'" + err_file + "'").c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int st = pclose(p);
  *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  *err = read_file(err_file);
  return out;
}

std::string pdf_path(const std::string& output) { return "'" + built().dir + "/" + output + "'"; }

// pdftotext of pages [first, last] (1-based), in layout mode when asked.
std::string text_of(const std::string& output, int first = 0, int last = 0, bool layout = false) {
  std::string cmd = "pdftotext -enc UTF-8";
  if (layout) cmd += " -layout";
  if (first > 0) cmd += " -f " + std::to_string(first) + " -l " + std::to_string(last);
  std::string err;
  int status = 0;
  std::string text = run(cmd + " " + pdf_path(output) + " -", &err, &status);
  INFO(output << ": " << err);
  CHECK(status == 0);
  CHECK(err.empty());
  return text;
}

// Text compared without case, spaces or hyphens: lines break anywhere and
// words are hyphenated, titles are set in capitals.
std::string squeezed(const std::string& text) {
  std::string out;
  std::string upper = to_upper_fr(text);
  for (size_t i = 0; i < upper.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(upper[i]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '-') continue;
    if (upper.compare(i, 2, "\xC2\xA0") == 0 || upper.compare(i, 2, "\xC2\xAD") == 0) {  // no-break, soft hyphen
      ++i;
      continue;
    }
    if (upper.compare(i, 3, "\xE2\x80\xAF") == 0 || upper.compare(i, 3, "\xE2\x80\xA6") == 0) {  // narrow nbsp, …
      i += 2;
      continue;
    }
    out += upper[i];
  }
  return out;
}

// Runs of white space (with no-break spaces) as one space.
std::string spaced(const std::string& text) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    bool ws = text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\f';
    if (text.compare(i, 2, "\xC2\xA0") == 0) ws = true, ++i;
    else if (text.compare(i, 3, "\xE2\x80\xAF") == 0) ws = true, i += 2;
    if (ws) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += text[i];
  }
  return out;
}

std::string regex_escape(const std::string& s) {
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  return std::regex_replace(s, special, R"(\$&)");
}

struct OutlineEntry {
  std::string title;
  int page = 0;  // 1-based
  int level = 0;
};

std::vector<OutlineEntry> outlines(const std::string& output) {
  std::string err;
  int status = 0;
  std::string json = run("qpdf --json=2 --json-key=outlines " + pdf_path(output), &err, &status);
  REQUIRE(status == 0);
  std::vector<OutlineEntry> out;
  std::function<void(const YAML::Node&, int)> walk = [&](const YAML::Node& list, int level) {
    for (const YAML::Node& o : list) {
      out.push_back({o["title"].as<std::string>(), o["destpageposfrom1"].as<int>(), level});
      walk(o["kids"], level + 1);
    }
  };
  walk(YAML::Load(json)["outlines"], 0);
  return out;
}

int page_count(const std::string& output) {
  std::string err;
  int status = 0;
  std::string n = run("qpdf --show-npages " + pdf_path(output), &err, &status);
  REQUIRE(status == 0);
  return std::stoi(n);
}

// The key figures of `t` are on pages [first, last]: each number next to its
// label, and no absent figure drawn as 0.
void check_figures(const std::string& output, const Territory& t, int first, int last) {
  const Project& p = built().project;
  std::string text = spaced(text_of(output, first, last, true));
  for (const KeyFigure& f : t.figures) {
    const Measure* m = p.find_measure(f.measure);
    REQUIRE(m);
    if (!m->key) continue;
    const FigureField* field = nullptr;
    for (const FigureField& x : m->fields)
      if (x.id == f.field) field = &x;
    REQUIRE(field);
    std::string number = spaced(format_count(f.value));
    INFO(output << " pages " << first << "-" << last << ": " << t.id << " " << f.measure << "." << f.field << " = "
                << number << " " << field->label);
    CHECK(std::regex_search(text, std::regex("(^| )" + regex_escape(number) + " " +
                                             regex_escape(spaced(field->label)))));
  }
  for (const Measure& m : p.measures) {
    if (!m.key) continue;
    for (const FigureField& field : m.fields) {
      if (find_figure(t, m.id, field.id)) continue;
      INFO(output << ": " << t.id << " has no " << m.id << "." << field.id);
      CHECK_FALSE(std::regex_search(text, std::regex("(^| )0 " + regex_escape(spaced(field.label)))));
    }
  }
}

}  // namespace

TEST_CASE("every publication is written at its path") {
  const Built& b = built();
  std::vector<std::string> expected, got;
  for (const DocumentInstance& d : b.project.publications()) expected.push_back(publication_path(d));
  std::sort(expected.begin(), expected.end());
  for (const auto& [path, bytes] : b.files) got.push_back(path);
  CHECK(got == expected);
  CHECK(got.size() >= 4);
}

TEST_CASE("qpdf --check passes on every pdf") {
  for (const auto& [path, bytes] : built().files) {
    std::string err;
    int status = 0;
    std::string out = run("qpdf --check " + pdf_path(path), &err, &status);
    INFO(path << "\n" << out << err);
    CHECK(status == 0);
    CHECK(out.find("No syntax or stream encoding errors found") != std::string::npos);
    CHECK(err.empty());
  }
}

TEST_CASE("every font is embedded, as a subset, with a ToUnicode map") {
  for (const auto& [path, bytes] : built().files) {
    std::string err;
    int status = 0;
    std::istringstream lines(run("pdffonts " + pdf_path(path), &err, &status));
    INFO(path << ": " << err);
    REQUIRE(status == 0);
    CHECK(err.empty());
    std::string line;
    int fonts = 0;
    while (std::getline(lines, line)) {
      if (line.rfind("name ", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) continue;
      ++fonts;
      // name, type (two words), encoding, emb, sub, uni, object id.
      std::istringstream w(line);
      std::vector<std::string> words;
      for (std::string x; w >> x;) words.push_back(x);
      REQUIRE(words.size() >= 8);
      INFO(line);
      CHECK(words[words.size() - 5] == "yes");  // emb
      CHECK(words[words.size() - 4] == "yes");  // sub
      CHECK(words[words.size() - 3] == "yes");  // uni
    }
    CHECK(fonts >= 2);
  }
}

TEST_CASE("pdftotext reads every pdf with its accents and no warning") {
  const Built& b = built();
  for (const DocumentInstance& d : b.project.publications()) {
    const std::string path = publication_path(d);
    std::string text = text_of(path);
    INFO(path);
    // The title as printed (capitals on covers), or the note's own title.
    const std::string& title = d.note ? d.note->title : d.title;
    CHECK(squeezed(text).find(squeezed(title)) != std::string::npos);
    // Running text keeps its accents: the first words of an intro or note.
    const RichText* sample = nullptr;
    if (d.territory && !d.territory->intro.empty()) sample = &d.territory->intro;
    if (d.note && !d.note->sections.empty()) sample = &d.note->sections.front().text;
    if (sample) {
      std::string words;
      for (const Run& r : sample->blocks.front().runs) words += r.text;
      words = words.substr(0, 60);
      while (!words.empty() && (static_cast<unsigned char>(words.back()) & 0xC0) == 0x80) words.pop_back();
      if (!words.empty() && static_cast<unsigned char>(words.back()) >= 0xC0) words.pop_back();
      CHECK(squeezed(french_spacing(text)).find(squeezed(french_spacing(words))) != std::string::npos);
    }
  }
  // Raw, not squeezed: capitals with accents, elisions, no-break spaces.
  std::string bilan = text_of("pdf/bilan-2016.pdf");
  CHECK(bilan.find("Île-de-France") != std::string::npos);
  CHECK(bilan.find("EN ÎLE-DE-FRANCE") != std::string::npos);
  CHECK(bilan.find("Provence-Alpes-Côte d’Azur") != std::string::npos);
  CHECK(bilan.find("CHIFFRES CLÉS") != std::string::npos);
}

TEST_CASE("each region's key figures are on its spread and its leaflet") {
  const Built& b = built();
  std::map<std::string, int> starts;
  for (const OutlineEntry& o : outlines("pdf/bilan-2016.pdf"))
    if (o.level == 1) starts[o.title] = o.page;
  for (const Territory* r : b.project.regions()) {
    REQUIRE(starts.count(r->name) == 1);
    int left = starts[r->name];
    CHECK(left % 2 == 0);  // a spread starts on a left page
    check_figures("pdf/bilan-2016.pdf", *r, left, left + 1);
  }
  for (const DocumentInstance& d : b.project.publications()) {
    if (d.document->each != "region") continue;
    check_figures(publication_path(d), *d.territory, 1, page_count(publication_path(d)));
  }
}

TEST_CASE("the sommaire gives the pages where the bookmarks lead, and they start there") {
  const Built& b = built();
  for (const Document& doc : b.project.documents) {
    const DocumentSection* contents = nullptr;
    for (const DocumentSection& s : doc.sections)
      if (s.kind == SectionKind::contents) contents = &s;
    if (!contents || !doc.each.empty()) continue;
    const std::string path = "pdf/" + doc.id + ".pdf";
    const int pages = page_count(path);
    std::vector<OutlineEntry> list = outlines(path);
    size_t at = 0;
    while (at < list.size() && list[at].title != contents->title) ++at;
    REQUIRE(at < list.size());
    const int contents_page = list[at].page;
    const std::string sommaire = squeezed(text_of(path, contents_page, contents_page, true));
    int previous = contents_page;
    size_t entries = 0;
    for (size_t i = at + 1; i < list.size(); ++i) {
      const OutlineEntry& e = list[i];
      // The back cover is bookmarked, not listed.
      if (e.page == pages && i + 1 == list.size()) continue;
      INFO(path << ": '" << e.title << "' -> page " << e.page);
      CHECK(e.page >= previous);
      CHECK(e.page <= pages);
      previous = e.page;
      CHECK(sommaire.find(squeezed(e.title) + std::to_string(e.page)) != std::string::npos);
      CHECK(squeezed(text_of(path, e.page, e.page)).find(squeezed(e.title)) != std::string::npos);
      ++entries;
    }
    CHECK(entries >= 2);
    // Each entry of the sommaire is a link.
    const std::string& bytes = b.files.at(path);
    size_t links = 0;
    for (size_t p = bytes.find("/Subtype /Link"); p != std::string::npos; p = bytes.find("/Subtype /Link", p + 1))
      ++links;
    CHECK(links >= entries);
  }
}

TEST_CASE("document information and language come from the site") {
  const Built& b = built();
  std::string author;
  for (const std::string& l : b.project.site.ministry) author += (author.empty() ? "" : " ") + l;
  for (const DocumentInstance& d : b.project.publications()) {
    const std::string path = publication_path(d);
    std::string err;
    int status = 0;
    std::string info = run("pdfinfo " + pdf_path(path), &err, &status);
    INFO(path << "\n" << info);
    REQUIRE(status == 0);
    CHECK(err.empty());
    CHECK(info.find("Title:           " + d.title + "\n") != std::string::npos);
    CHECK(info.find("Author:          " + author + "\n") != std::string::npos);
    CHECK(info.find("Keywords:        " + b.project.site.title) != std::string::npos);
    CHECK(b.files.at(path).find("/Lang (" + b.project.site.language + ")") != std::string::npos);
  }
}

TEST_CASE("two builds give byte-identical pdfs") {
  const Built& b = built();
  DiskFileSystem fs(BILAN_SOURCE_DIR);
  OutputSet again;
  REQUIRE(render_documents(b.project, b.style, fs, &again).empty());
  REQUIRE(again.files().size() == b.files.size());
  for (const auto& [path, bytes] : b.files) {
    INFO(path);
    CHECK(again.files().at(path) == bytes);
  }
}
