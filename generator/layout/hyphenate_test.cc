#include "layout/hyphenate.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

namespace bilan {
namespace {

const Hyphenator& french() {
  static std::unique_ptr<Hyphenator> h = [] {
    std::string error;
    auto loaded = Hyphenator::load(kFrenchHyphenDictionary, &error);
    INFO(error);
    REQUIRE(loaded);
    return loaded;
  }();
  return *h;
}

}  // namespace

TEST_CASE("hyphenation points of words from the brochure") {
  const Hyphenator& h = french();
  CHECK(h.hyphenated("installation") == "ins-tal-la-tion");
  CHECK(h.hyphenated("professionnels") == "pro-fes-sion-nels");
  CHECK(h.hyphenated("territoire") == "ter-ri-toire");
  CHECK(h.hyphenated("médecins") == "mé-de-cins");
  CHECK(h.hyphenated("télémédecine") == "té-lé-mé-de-cine");
  CHECK(h.hyphenated("pluriprofessionnelles") == "plu-ri-pro-fes-sion-nelles");
  CHECK(h.hyphenated("engagement") == "en-ga-ge-ment");
  CHECK(h.hyphenated("établissements") == "éta-blis-se-ments");
  CHECK(h.hyphenated("démographie") == "dé-mo-gra-phie");
  CHECK(h.hyphenated("généraliste") == "gé-né-ra-liste");
}

TEST_CASE("hyphenation points are byte offsets") {
  // m é d e c i n s: "mé" is 3 bytes, "méde" 5.
  CHECK(french().points("médecins") == std::vector<uint16_t>{3, 5});
  CHECK(french().points("installation") == std::vector<uint16_t>{3, 6, 8});
}

TEST_CASE("at least two letters before and three after a break") {
  const Hyphenator& h = french();
  // The patterns allow "co-or-don-né" and "ré-gio-nale"... but not 2 letters at the end.
  CHECK(h.hyphenated("coordonné") == "co-or-donné");
  CHECK(h.hyphenated("hôpitaux") == "hô-pi-taux");
  CHECK(h.hyphenated("régionale") == "ré-gio-nale");
}

TEST_CASE("words shorter than six letters are not hyphenated") {
  const Hyphenator& h = french();
  CHECK(h.points("santé").empty());
  CHECK(h.points("accès").empty());
  CHECK(h.points("zones").empty());
  CHECK(h.hyphenated("maison") == "mai-son");
}

TEST_CASE("elisions: only the word after the apostrophe is hyphenated") {
  const Hyphenator& h = french();
  CHECK(h.hyphenated("d’installation") == "d’ins-tal-la-tion");
  CHECK(h.hyphenated("d'installation") == "d'ins-tal-la-tion");
  CHECK(h.hyphenated("l’installation,") == "l’ins-tal-la-tion,");
  CHECK(h.hyphenated("L’organisation") == "L’or-ga-ni-sa-tion");
  CHECK(h.hyphenated("d’engagement") == "d’en-ga-ge-ment");
  CHECK(h.hyphenated("qu’ils").find('-') == std::string::npos);
  // "hui" is the part after the apostrophe: too short.
  CHECK(h.points("aujourd’hui").empty());
  CHECK(h.points("aujourd'hui").empty());
  CHECK(h.points("aujourd’hui,").empty());
}

TEST_CASE("acronyms and capitals are not hyphenated") {
  const Hyphenator& h = french();
  CHECK(h.points("CESP").empty());
  CHECK(h.points("(CESP)").empty());
  CHECK(h.points("l’ARS").empty());
  CHECK(h.points("L'ARS").empty());
  CHECK(h.points("MÉDICAUX").empty());
  CHECK(h.points("PROFESSIONNELS").empty());
  // A capital initial is an ordinary word.
  CHECK(h.hyphenated("Installation") == "Ins-tal-la-tion");
}

TEST_CASE("numbers, codes and addresses are not hyphenated") {
  const Hyphenator& h = french();
  CHECK(h.points("2014").empty());
  CHECK(h.points("1\u202F800").empty());
  CHECK(h.points("3ème").empty());
  CHECK(h.points("covid19").empty());
  CHECK(h.points("https://www.paps.sante.fr").empty());
  CHECK(h.points("www.installation.fr").empty());
  CHECK(h.points("contact@installation.fr").empty());
  CHECK(h.points("solidarites-sante.gouv.fr").empty());
}

TEST_CASE("parts joined by a hyphen or a no-break space are hyphenated one by one") {
  const Hyphenator& h = french();
  CHECK(h.hyphenated("territoire-santé") == "ter-ri-toire-santé");
  CHECK(h.hyphenated("30\u00A0minutes") == "30\u00A0mi-nutes");
  CHECK(h.hyphenated("«\u202Fterritoire\u202F»") == "«\u202Fter-ri-toire\u202F»");
}

TEST_CASE("the cache answers the same points from several threads") {
  const Hyphenator& h = french();
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&h, &results, t] {
      for (int k = 0; k < 200; ++k) results[t] = h.hyphenated("accompagnement");
    });
  for (auto& t : threads) t.join();
  for (const auto& r : results) CHECK(r == "ac-com-pa-gne-ment");
}

TEST_CASE("hyphenation dictionary load errors name the dictionary") {
  std::string error;
  CHECK(Hyphenator::load("/nonexistent/hyph_xx.dic", &error) == nullptr);
  CHECK(error == "cannot load hyphenation dictionary '/nonexistent/hyph_xx.dic': no such file or directory");

  std::string latin1 = std::string(BILAN_BINARY_DIR) + "/hyphenate_test_latin1.dic";
  {
    std::ofstream f(latin1);
    f << "ISO8859-1\nLEFTHYPHENMIN 2\n1ba\n";
  }
  CHECK(Hyphenator::load(latin1, &error) == nullptr);
  CHECK(error == "hyphenation dictionary '" + latin1 + "' is not in utf-8 (charset 'ISO8859-1')");
}

}  // namespace bilan
