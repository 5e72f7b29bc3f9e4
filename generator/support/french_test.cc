#include "support/french.h"

#include <catch2/catch.hpp>

using namespace bilan;

namespace {
// Visible stand-ins so expectations read clearly: '_' narrow nbsp, '~' nbsp.
std::string show(std::string s) {
  for (auto [from, to] : {std::pair<std::string_view, const char*>{kNarrowNbsp, "_"}, {kNbsp, "~"}}) {
    for (size_t i = s.find(from); i != std::string::npos; i = s.find(from, i)) s.replace(i, from.size(), to);
  }
  return s;
}
}  // namespace

TEST_CASE("format_number groups thousands with a narrow no-break space") {
  CHECK(show(format_number(0)) == "0");
  CHECK(show(format_number(793)) == "793");
  CHECK(show(format_number(1800)) == "1_800");
  CHECK(show(format_number(34969)) == "34_969");
  CHECK(show(format_number(2500000)) == "2_500_000");
  CHECK(show(format_number(-1325)) == "-1_325");
}

TEST_CASE("format_number uses a decimal comma and drops trailing zeros") {
  CHECK(show(format_number(77.48)) == "77,48");
  CHECK(show(format_number(3.5)) == "3,5");
  CHECK(show(format_number(2.0)) == "2");
  CHECK(show(format_number(1234.5)) == "1_234,5");
  CHECK(show(format_number(0.004)) == "0");
}

TEST_CASE("format_count writes round millions in words") {
  CHECK(show(format_count(2500000)) == "2,5~millions");
  CHECK(show(format_count(1000000)) == "1~million");
  CHECK(show(format_count(7800000)) == "7,8~millions");
  CHECK(show(format_count(385551)) == "385_551");
  CHECK(show(format_count(2512345)) == "2_512_345");
}

TEST_CASE("french_spacing puts no-break spaces where French typography wants them") {
  CHECK(show(french_spacing("Le pacte : des avancées")) == "Le pacte~: des avancées");
  CHECK(show(french_spacing("vraiment ? oui ! enfin ;")) == "vraiment_? oui_! enfin_;");
  CHECK(show(french_spacing("le quartier « Cœur de Ville »")) == "le quartier «_Cœur de Ville_»");
  CHECK(show(french_spacing("le quartier «Cœur de Ville»")) == "le quartier «_Cœur de Ville_»");
  CHECK(show(french_spacing("près de 1 800 jeunes")) == "près de 1_800 jeunes");
  CHECK(show(french_spacing("80 % des étudiants")) == "80~% des étudiants");
  CHECK(show(french_spacing("1 200 € par mois")) == "1_200~€ par mois");
  CHECK(show(french_spacing("(12 572 h)")) == "(12_572~h)");
  CHECK(show(french_spacing("https://www.ars.sante.fr")) == "https://www.ars.sante.fr");
  // Years side by side are not a number with thousands.
  CHECK(show(french_spacing("entre 2012 2016")) == "entre 2012 2016");
}

TEST_CASE("french_spacing is idempotent") {
  std::string once = french_spacing("Le pacte : « 1 800 » jeunes ; 80 % !");
  CHECK(french_spacing(once) == once);
}
