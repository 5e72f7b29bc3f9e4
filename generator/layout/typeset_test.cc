#include "layout/typeset.h"

#include <catch2/catch.hpp>

#include "support/french.h"
#include "support/utf8.h"

namespace bilan {
namespace {

// Every character (code point) is half the font size wide, bold ones 0.6:
// widths are easy to count by hand. "médecins" at 10 pt is 40 pt.
class FixedWidthMeasurer : public TextMeasurer {
 public:
  double width(int font, std::string_view utf8, double size) const override {
    size_t chars = 0;
    for (size_t i = 0; i < utf8.size();) {
      next_code_point(utf8, &i);
      ++chars;
    }
    return static_cast<double>(chars) * size * ((font & 1) ? 0.6 : 0.5);
  }
};

const Hyphenator* french() {
  static std::unique_ptr<Hyphenator> h = [] {
    std::string error;
    auto loaded = Hyphenator::load(kFrenchHyphenDictionary, &error);
    INFO(error);
    REQUIRE(loaded);
    return loaded;
  }();
  return h.get();
}

// The text of a line as a reader sees it: pieces, with a space where the
// typesetter left a gap.
std::string line_text(const TypesetLine& line) {
  std::string s;
  for (size_t k = 0; k < line.pieces.size(); ++k) {
    const PlacedText& p = line.pieces[k];
    if (k > 0) {
      const PlacedText& q = line.pieces[k - 1];
      if (p.x > q.x + q.width + 1e-9) s += ' ';
    }
    s += p.text;
  }
  return s;
}

std::vector<std::string> texts(const ParagraphLayout& p) {
  std::vector<std::string> out;
  for (const TypesetLine& line : p.lines) out.push_back(line_text(line));
  return out;
}

// Right end of the last piece.
double line_end(const TypesetLine& line) { return line.pieces.back().x + line.pieces.back().width; }

ParagraphStyle style(double width, TextAlign align = TextAlign::justify) {
  ParagraphStyle s;
  s.width = width;
  s.align = align;
  return s;
}

std::vector<TextRun> plain(const std::string& text, double size = 10) { return {TextRun{text, 0, size}}; }

// From the 2016 brochure ("Le contrat d'engagement de service public").
const char* const kCesp =
    "Le contrat d’engagement de service public (CESP) est proposé aux médecins ou dentistes en "
    "formation : en signant ce contrat, ils perçoivent pendant leurs études une bourse d’un montant "
    "brut de 1 200 € par mois. En contrepartie, ils acceptent de s’installer, à l’issue de leur "
    "formation, dans un territoire manquant de professionnels, pour une durée équivalente à celle de "
    "l’aide.";

}  // namespace

TEST_CASE("justified lines fill the column exactly, the last line does not") {
  FixedWidthMeasurer m;
  for (double width : {150.0, 200.0, 237.5, 300.0}) {
    INFO("width " << width);
    ParagraphLayout p = typeset_paragraph(plain(kCesp), style(width), m, french());
    REQUIRE(p.lines.size() > 2);
    CHECK(p.fits());
    for (size_t k = 0; k + 1 < p.lines.size(); ++k) {
      const TypesetLine& line = p.lines[k];
      INFO("line " << k << ": " << line_text(line));
      CHECK(line.width == Approx(width).margin(0.01));
      CHECK(line_end(line) == Approx(width).margin(0.01));
      CHECK(line.pieces.front().x == 0);
      CHECK(line.ratio >= -1);
    }
    const TypesetLine& last = p.lines.back();
    CHECK(last.ratio == 0);
    CHECK(last.word_space == 5);  // a natural space: 0.5 × 10 pt
    CHECK(last.width <= width);
  }
}

TEST_CASE("justification spreads words, never letters") {
  FixedWidthMeasurer m;
  ParagraphLayout p = typeset_paragraph(plain(kCesp), style(200), m, french());
  for (size_t k = 0; k + 1 < p.lines.size(); ++k) {
    const TypesetLine& line = p.lines[k];
    for (size_t j = 0; j < line.pieces.size(); ++j) {
      const PlacedText& piece = line.pieces[j];
      // Each piece keeps its measured width: letters are not spaced out.
      CHECK(piece.width == Approx(m.width(piece.font, piece.text, piece.size)));
      if (j > 0) {
        const PlacedText& prev = line.pieces[j - 1];
        CHECK(piece.x - (prev.x + prev.width) == Approx(line.word_space));
      }
    }
  }
}

TEST_CASE("a paragraph set at 200 pt") {
  FixedWidthMeasurer m;
  ParagraphLayout p = typeset_paragraph(plain(kCesp), style(200), m, french());
  // 40 characters of 5 pt per line. French spacing glued "formation :",
  // "1 200 €" (narrow no-break space, no-break space before €).
  CHECK(texts(p) == std::vector<std::string>{
                        "Le contrat d’engagement de service pu-",
                        "blic (CESP) est proposé aux médecins ou",
                        "dentistes en formation\u00A0: en signant ce",
                        "contrat, ils perçoivent pendant leurs",
                        "études une bourse d’un montant brut de",
                        "1\u202F200\u00A0€ par mois. En contrepartie, ils",
                        "acceptent de s’installer, à l’issue de",
                        "leur formation, dans un territoire man-",
                        "quant de professionnels, pour une durée",
                        "équivalente à celle de l’aide.",
                    });
  CHECK(p.lines[0].hyphenated);
  CHECK(p.lines[0].pieces.back().text == "pu-");
  CHECK(!p.lines[1].hyphenated);
  CHECK(p.lines.size() == 10);
  CHECK(p.height == Approx(10 * 12.0));  // 1.2 × 10 pt per line
}

TEST_CASE("no break at no-break spaces") {
  FixedWidthMeasurer m;
  // "1 800" (U+202F) and "30 minutes" (U+00A0) would break at 60 pt if they were spaces.
  std::string text = "Près de 1\u202F800 jeunes en 30\u00A0minutes au plus.";
  for (double width : {45.0, 60.0, 75.0, 90.0}) {
    INFO("width " << width);
    ParagraphLayout p = typeset_paragraph(plain(text), style(width, TextAlign::left), m, nullptr);
    bool one = false, thirty = false;
    for (const std::string& t : texts(p)) {
      if (t.find("1\u202F800") != std::string::npos) one = true;
      if (t.find("30\u00A0minutes") != std::string::npos) thirty = true;
      CHECK(t.rfind("800", 0) != 0);
      CHECK(t.rfind("minutes", 0) != 0);
    }
    CHECK(one);
    CHECK(thirty);
  }
}

TEST_CASE("french spacing is applied before breaking, across runs") {
  FixedWidthMeasurer m;
  // A plain space before ';' becomes a narrow no-break space, even when the
  // ';' starts another run; a thousands separator typed as a space too.
  std::vector<TextRun> runs = {{"Les mots de la fin ", 0, 10}, {";", 1, 10}, {" il y a 1 800 signataires", 0, 10}};
  ParagraphLayout p = typeset_paragraph(runs, style(95, TextAlign::left), m, nullptr);
  CHECK(texts(p) == std::vector<std::string>{"Les mots de la", "fin\u202F; il y a 1\u202F800", "signataires"});
  // "fin" and the narrow space are regular, ";" is bold.
  REQUIRE(p.lines[1].pieces.size() == 3);
  CHECK(p.lines[1].pieces[0].text == "fin\u202F");
  CHECK(p.lines[1].pieces[0].run == 0);
  CHECK(p.lines[1].pieces[1].text == ";");
  CHECK(p.lines[1].pieces[1].font == 1);
  CHECK(p.lines[1].pieces[1].run == 1);
  CHECK(p.lines[1].pieces[1].x == 20);
  CHECK(p.lines[1].pieces[2].text == "il y a 1\u202F800");
  CHECK(p.lines[1].pieces[2].run == 2);
  CHECK(p.lines[1].pieces[2].x == 26 + 5);
}

TEST_CASE("elisions break like one word, never at the apostrophe") {
  FixedWidthMeasurer m;
  // 20 characters per line: "d’installation" must be hyphenated after "d’ins".
  ParagraphLayout p = typeset_paragraph(plain("Les aides d’installation et l’ARS aujourd’hui."),
                                        style(100), m, french());
  CHECK(texts(p) == std::vector<std::string>{"Les aides d’ins-", "tallation et l’ARS", "aujourd’hui."});
  for (const std::string& t : texts(p)) {
    CHECK(t.find("’-") == std::string::npos);
    CHECK(t.rfind("installation", 0) != 0);
  }
}

TEST_CASE("ragged alignments place lines at the left, centre or right") {
  FixedWidthMeasurer m;
  std::string text = "Favoriser l’installation des médecins";  // 38 characters
  ParagraphLayout left = typeset_paragraph(plain(text), style(130, TextAlign::left), m, nullptr);
  ParagraphLayout center = typeset_paragraph(plain(text), style(130, TextAlign::center), m, nullptr);
  ParagraphLayout right = typeset_paragraph(plain(text), style(130, TextAlign::right), m, nullptr);
  CHECK(texts(left) == std::vector<std::string>{"Favoriser l’installation", "des médecins"});
  CHECK(texts(center) == texts(left));
  CHECK(texts(right) == texts(left));
  // "Favoriser l’installation" is 24 characters: 120 pt in 130;
  // "des médecins" 12: 60 pt.
  CHECK(left.lines[0].pieces[0].x == 0);
  CHECK(left.lines[1].pieces[0].x == 0);
  CHECK(center.lines[0].pieces[0].x == 5);
  CHECK(center.lines[1].pieces[0].x == 35);
  CHECK(right.lines[0].pieces[0].x == 10);
  CHECK(right.lines[1].pieces[0].x == 70);
  CHECK(right.lines[1].width == 60);
  CHECK(line_end(right.lines[1]) == 130);
  // Ragged lines keep natural spaces, as one piece per run.
  CHECK(left.lines[0].pieces.size() == 1);
  CHECK(left.lines[0].ratio == 0);
  CHECK(left.lines[0].word_space == 5);
}

TEST_CASE("first-line and hanging indents") {
  FixedWidthMeasurer m;
  ParagraphStyle bullet = style(120);
  bullet.first_indent = 10;
  bullet.indent = 10;
  ParagraphLayout p = typeset_paragraph(plain("Les maisons de santé pluriprofessionnelles ouvertes en région"),
                                        bullet, m, french());
  REQUIRE(p.lines.size() >= 2);
  // The 21 letters of "pluriprofessionnelles" fill a line of 22 alone.
  CHECK(texts(p) == std::vector<std::string>{"Les maisons de santé", "pluriprofessionnelles", "ouvertes en région"});
  for (size_t k = 0; k < p.lines.size(); ++k) {
    CHECK(p.lines[k].pieces.front().x == 10);
    CHECK(p.lines[k].available == 110);
  }
  CHECK(line_end(p.lines[0]) == Approx(120).margin(0.01));

  ParagraphStyle indented = style(120);
  indented.first_indent = 15;
  p = typeset_paragraph(plain("Les maisons de santé pluriprofessionnelles ouvertes en région"), indented, m, french());
  CHECK(p.lines[0].pieces.front().x == 15);
  CHECK(p.lines[1].pieces.front().x == 0);
  CHECK(line_end(p.lines[0]) == Approx(120).margin(0.01));
}

TEST_CASE("a word wider than the line is hyphenated") {
  FixedWidthMeasurer m;
  ParagraphLayout p = typeset_paragraph(plain("Les pluriprofessionnelles"), style(60), m, french());
  CHECK(texts(p) == std::vector<std::string>{"Les pluri-", "profession-", "nelles"});
  CHECK(p.lines[0].hyphenated);
  CHECK(p.lines[1].hyphenated);
  CHECK(!p.lines[2].hyphenated);
  CHECK(p.fits());
}

TEST_CASE("a word that cannot fit is an overflow, not clipped") {
  FixedWidthMeasurer m;
  ParagraphLayout p = typeset_paragraph(plain("Voir https://www.paps.sante.fr pour savoir."),
                                        style(80), m, french());
  CHECK(texts(p) == std::vector<std::string>{"Voir", "https://www.paps.sante.fr", "pour savoir."});
  CHECK(!p.fits());
  REQUIRE(p.overflows.size() == 1);
  CHECK(p.overflows[0].line == 1);
  CHECK(p.overflows[0].text == "https://www.paps.sante.fr");
  CHECK(p.overflows[0].excess == 45);
  CHECK(p.overflows[0].message() == "'https://www.paps.sante.fr' is 45.0 pt wider than its line");
  CHECK(p.lines[1].overflow);
  CHECK(!p.lines[0].overflow);
}

TEST_CASE("a column too narrow for any word sets one word a line, all reported") {
  FixedWidthMeasurer m;
  ParagraphLayout p = typeset_paragraph(plain("Les aides à l’installation"), style(0), m, french());
  CHECK(texts(p) == std::vector<std::string>{"Les", "aides", "à", "l’ins-", "tal-", "la-", "tion"});
  CHECK(p.overflows.size() == 7);
  CHECK(p.overflows[1].message() == "'aides' is 25.0 pt wider than its line");
}

TEST_CASE("without a hyphenator a long word overflows") {
  FixedWidthMeasurer m;
  ParagraphLayout p = typeset_paragraph(plain("pluriprofessionnelles"), style(60), m, nullptr);
  REQUIRE(p.overflows.size() == 1);
  CHECK(p.overflows[0].message() == "'pluriprofessionnelles' is 45.0 pt wider than its line");
}

TEST_CASE("a written hyphen is a break point with no hyphen added") {
  FixedWidthMeasurer m;
  ParagraphLayout p = typeset_paragraph(plain("Le pacte territoire-santé agit"), style(100, TextAlign::left), m, nullptr);
  CHECK(texts(p) == std::vector<std::string>{"Le pacte territoire-", "santé agit"});
  CHECK(!p.lines[0].hyphenated);
}

TEST_CASE("hyphenation is used only when it improves the paragraph") {
  FixedWidthMeasurer m;
  // Two words fill each line exactly: no hyphen though "ins-tal-la-tion" has points.
  ParagraphLayout p =
      typeset_paragraph(plain("installation installation installation installation"), style(125), m, french());
  CHECK(texts(p) == std::vector<std::string>{"installation installation", "installation installation"});
  for (const TypesetLine& line : p.lines) CHECK(!line.hyphenated);
}

TEST_CASE("fonts, sizes and line heights") {
  FixedWidthMeasurer m;
  std::vector<TextRun> runs = {{"Près de ", 0, 10}, {"1 800", 1, 20}, {" jeunes ont signé", 0, 10}};
  ParagraphLayout p = typeset_paragraph(runs, style(300, TextAlign::left), m, nullptr);
  REQUIRE(p.lines.size() == 1);
  const TypesetLine& line = p.lines[0];
  REQUIRE(line.pieces.size() == 3);
  CHECK(line.pieces[0].text == "Près de");
  CHECK(line.pieces[1].text == "1\u202F800");
  CHECK(line.pieces[1].font == 1);
  CHECK(line.pieces[1].size == 20);
  CHECK(line.pieces[1].x == 40);
  CHECK(line.pieces[1].width == 60);  // 5 characters × 20 × 0.6
  CHECK(line.pieces[2].x == 105);
  CHECK(line.size == 20);
  CHECK(line.height == 24);

  ParagraphStyle fixed = style(300, TextAlign::left);
  fixed.line_height = 13;
  CHECK(typeset_paragraph(runs, fixed, m, nullptr).height == 13);
}

TEST_CASE("blank paragraphs have no lines") {
  FixedWidthMeasurer m;
  CHECK(typeset_paragraph(plain(""), style(100), m, french()).lines.empty());
  CHECK(typeset_paragraph(plain("  \n "), style(100), m, french()).lines.empty());
  CHECK(typeset_paragraph({}, style(100), m, french()).height == 0);
}

TEST_CASE("a typesetter reused for several paragraphs gives the same result") {
  FixedWidthMeasurer m;
  Typesetter t(m, french());
  ParagraphLayout first = t.set(plain(kCesp), style(200));
  t.set(plain("Un autre paragraphe, plus court."), style(90));
  ParagraphLayout again;
  t.set(plain(kCesp), style(200), &again);
  CHECK(texts(again) == texts(first));
}

TEST_CASE("model runs become text runs") {
  std::vector<Run> runs(3);
  runs[0].text = "a";
  runs[1].text = "b";
  runs[1].bold = true;
  runs[2].text = "c";
  runs[2].bold = true;
  runs[2].italic = true;
  std::vector<TextRun> t = text_runs(runs, 9);
  REQUIRE(t.size() == 3);
  CHECK(t[0].font == 0);
  CHECK(t[1].font == 1);
  CHECK(t[2].font == 3);
  CHECK(t[2].size == 9);
  CHECK(font_index(false, true) == 2);
}

}  // namespace bilan
