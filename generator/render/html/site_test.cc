#include "render/html/site.h"

#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "support/fs.h"

using namespace bilan;

namespace {

Run run(std::string text) {
  Run r;
  r.text = std::move(text);
  return r;
}

RichText paragraph(std::string text) {
  RichText t;
  t.markdown = text;
  Block b;
  b.runs.push_back(run(std::move(text)));
  t.blocks.push_back(b);
  return t;
}

KeyFigure figure(std::string measure, std::string field, double value, std::string qualifier = "") {
  KeyFigure f;
  f.measure = std::move(measure);
  f.field = std::move(field);
  f.value = value;
  f.qualifier = std::move(qualifier);
  return f;
}

Chart chart(std::string id, ChartKind kind, std::string measure, std::vector<Point> points, std::string source = "") {
  Chart c;
  c.id = std::move(id);
  c.kind = kind;
  c.title = "Évolution " + c.id;
  c.measure = std::move(measure);
  c.unit = "contrats";
  c.source = std::move(source);
  c.series.push_back(Series{"", std::move(points)});
  return c;
}

Point point(std::string label, double value, PointKind kind = PointKind::observed) {
  return Point{std::move(label), value, kind, "", {}};
}

// A small project with what the pages show: two measures in the CHIFFRES CLÉS
// block and one outside it, a nation, two regions (one without CESP figures,
// one with a hostile name), a theme, the Pacte 2, a note and publications.
Project sample_project() {
  Project p;
  p.site.title = "Pacte territoire santé";
  p.site.tagline = "Des mesures concrètes";
  p.site.ministry = {"Ministère", "des affaires sociales", "et de la santé"};
  p.site.base_url = "https://example.org/pacte";
  p.site.about = paragraph("Chaque Français doit pouvoir trouver un médecin près de chez lui.");
  p.site.contacts.push_back(Contact{"Contact presse", {"cab-ass-presse@sante.gouv.fr", "01 40 56 60 65"}});

  Measure cesp;
  cesp.id = "cesp";
  cesp.short_name = "CESP";
  cesp.long_name = "contrat d'engagement de service public";
  cesp.color = "#000091";
  cesp.key = true;
  cesp.fields = {{"signes", "contrats signés", "", ""},
                 {"installes", "installations", "déjà", "signes"},
                 {"a_venir", "à venir d'ici 2018", "et", "signes"}};
  Measure msp;
  msp.id = "msp";
  msp.short_name = "MSP";
  msp.long_name = "maison de santé pluriprofessionnelle";
  msp.color = "red; background: url(x)";  // not a colour: must not reach a style attribute
  msp.key = true;
  msp.fields = {{"ouvertes", "structures ouvertes", "", ""}};
  Measure tele;
  tele.id = "telemedecine";
  tele.short_name = "Télémédecine";
  tele.long_name = "télémédecine";
  tele.fields = {{"patients", "patients peuvent consulter à distance", "", ""}};
  p.measures = {cesp, msp, tele};

  Territory france;
  france.id = "france";
  france.level = Level::nation;
  france.name = "France";
  france.figures = {figure("cesp", "signes", 1800, "près de"), figure("telemedecine", "patients", 2500000)};
  Territory bretagne;
  bretagne.id = "bretagne";
  bretagne.name = "Bretagne";
  bretagne.name_in = "en Bretagne";
  bretagne.parent = "france";
  bretagne.order = 1;
  bretagne.population = 3200000;
  bretagne.intro = paragraph("Avec plus de 3,2 millions d'habitants : la Bretagne.");
  bretagne.figures = {figure("cesp", "signes", 92), figure("cesp", "installes", 4), figure("msp", "ouvertes", 78)};
  bretagne.figures_source = "source : ARS";
  bretagne.charts.push_back(chart("msp-2012-2016", ChartKind::comparison, "msp", {point("2012", 22), point("2016", 78)}));
  bretagne.departements = {{"35", "Ille-et-Vilaine", {"Rennes"}}, {"29", "Finistère", {}}};
  Example retiers;
  retiers.id = "retiers";
  retiers.name = "Retiers";
  retiers.population = 12572;
  retiers.departement = "35";
  retiers.measures = {"msp", "cesp"};
  retiers.text = paragraph("Ce territoire (12 572 h), périurbain.");
  bretagne.examples.push_back(retiers);
  Territory corse;
  corse.id = "corse";
  corse.name = "Corse <script>alert(1)</script>";
  corse.name_in = "en Corse";
  corse.parent = "france";
  corse.order = 2;
  corse.figures = {figure("cesp", "a_venir", 8)};
  p.territories = {france, bretagne, corse};

  Theme theme;
  theme.id = "exercice";
  theme.order = 1;
  theme.title = "Créer des conditions d'exercice attractives";
  theme.measures = {"msp"};
  theme.text = paragraph("Le pacte a encouragé l'exercice coordonné.");
  Highlight h;
  h.value = 900;
  h.qualifier = "près de";
  h.text = "maisons de santé";
  h.measure = "msp";
  theme.highlights.push_back(h);
  theme.charts.push_back(chart("msp-2013-2018", ChartKind::bars, "msp",
                               {point("2016", 896), point("2017", 1200, PointKind::target)}, "source : DGOS"));
  p.themes.push_back(theme);

  p.dossier.title = "Le pacte territoire santé 2";
  p.dossier.subtitle = "2 axes, 10 engagements";
  p.dossier.intro = paragraph("Le pacte 2 amplifie les actions.");
  p.dossier.axes = {{"I", "Pérenniser", {}}, {"II", "Innover", {"Innover par la formation"}}};
  Engagement e1;
  e1.number = 1;
  e1.axis = "I";
  e1.title = "Développer les stages";
  e1.sections.push_back(Section{"L'essentiel", paragraph("Des stages en ville.")});
  Engagement e2;
  e2.number = 2;
  e2.axis = "II";
  e2.group = "Innover par la formation";
  e2.title = "Former autrement";
  e2.sections.push_back(Section{"Les enjeux", paragraph("Former.")});
  p.dossier.engagements = {e1, e2};

  Note note;
  note.id = "bretagne-2014";
  note.title = "Une réelle dynamique en Bretagne";
  note.territory = "bretagne";
  note.sections.push_back(Section{"", paragraph("Premier bilan.")});
  p.notes.push_back(note);

  Document brochure;
  brochure.id = "bilan-2016";
  brochure.title = "Pacte territoire santé";
  Document leaflet;
  leaflet.id = "leaflet-{id}";
  leaflet.title = "Le pacte {name}";
  leaflet.each = "region";
  p.documents = {brochure, leaflet};
  return p;
}

Style sample_style() {
  Style s;
  s.colors = {{"text", "#161616"}, {"muted", "#666666"}, {"accent", "#000091"}, {"grid", "#e5e5e5"},
              {"target", "#929292"}, {"estimate", "#b7b7b7"}};
  s.sizes = {{"chart_text", 8}, {"chart_title", 9}, {"key_figure", 26}, {"body", 9.5}};
  return s;
}

// The shipped templates, and stand-ins for the assets.
MemoryFileSystem project_files() {
  MemoryFileSystem fs;
  DiskFileSystem source(BILAN_SOURCE_DIR);
  for (const std::string& path : source.list("templates")) {
    std::string text, err;
    REQUIRE(source.read(path, &text, &err));
    fs.add(path, text);
  }
  fs.add("assets/vendor/dsfr/core/core.main.min.css", "/* dsfr */");
  fs.add("assets/css/site.css", "/* site */");
  fs.add("assets/css/print.css", "/* print */");
  return fs;
}

std::string messages(const Diagnostics& diags) {
  std::string s;
  for (const Diagnostic& d : diags) s += location_prefix(d.pos) + d.message + "\n";
  return s;
}

const std::string& file(const OutputSet& out, const std::string& path) {
  static const std::string none;
  auto it = out.files().find(path);
  if (it == out.files().end()) {
    FAIL_CHECK("no output " << path);
    return none;
  }
  return it->second;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Resolves `href` found on page `from` to an output path, or "" when it
// leaves the site (absolute URL, mail).
std::string resolve(const std::string& from, std::string href, std::string* fragment) {
  fragment->clear();
  if (href.rfind("https:", 0) == 0 || href.rfind("http:", 0) == 0 || href.rfind("mailto:", 0) == 0) return "";
  size_t hash = href.find('#');
  if (hash != std::string::npos) {
    *fragment = href.substr(hash + 1);
    href.resize(hash);
  }
  std::vector<std::string> parts;
  std::string base = from.substr(0, from.rfind('/') == std::string::npos ? 0 : from.rfind('/') + 1);
  if (href.empty()) return from;
  if (href[0] == '/') {
    REQUIRE(href.rfind("/pacte/", 0) == 0);
    href = href.substr(7);
    base.clear();
  }
  std::string path = base + href;
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (part == "..") {
      REQUIRE(!out.empty());
      out.pop_back();
    } else if (!part.empty() && part != ".") {
      out.push_back(part);
    }
    start = end + 1;
  }
  std::string joined;
  for (const std::string& p : out) joined += (joined.empty() ? "" : "/") + p;
  if (path.empty() || path.back() == '/') joined += joined.empty() ? "index.html" : "/index.html";
  return joined;
}

}  // namespace

TEST_CASE("the site has every page, the open data, sitemap, robots and assets") {
  OutputSet out;
  MemoryFileSystem fs = project_files();
  Diagnostics diags = render_site(sample_project(), sample_style(), fs, &out);
  REQUIRE(messages(diags) == "");
  for (const char* path :
       {"index.html", "bilan/index.html", "bilan/exercice/index.html", "regions/index.html",
        "regions/bretagne/index.html", "regions/corse/index.html", "mesures/index.html", "mesures/cesp/index.html",
        "mesures/msp/index.html", "mesures/telemedecine/index.html", "pacte-2/index.html",
        "pacte-2/engagement-1/index.html", "pacte-2/engagement-2/index.html", "notes/index.html",
        "notes/bretagne-2014/index.html", "telechargements/index.html", "404.html", "sitemap.xml", "robots.txt",
        "donnees/chiffres.csv", "donnees/chiffres.json", "assets/vendor/dsfr/core/core.main.min.css",
        "assets/css/site.css", "assets/css/print.css"})
    CHECK(out.contains(path));
  CHECK(out.files().size() == 24);
}

TEST_CASE("a region page shows its key figures, absent ones absent, and its leaflet") {
  OutputSet out;
  MemoryFileSystem fs = project_files();
  REQUIRE(messages(render_site(sample_project(), sample_style(), fs, &out)) == "");
  const std::string& bretagne = file(out, "regions/bretagne/index.html");
  CHECK(contains(bretagne, "<h1>Bretagne</h1>"));
  CHECK(contains(bretagne, "3,2\xC2\xA0millions d’habitants"));
  CHECK(contains(bretagne, "<span class=\"bilan-figure__value\">92</span> <span class=\"bilan-figure__label\">contrats "
                           "signés</span>"));
  CHECK(contains(bretagne, "<span class=\"bilan-figure__prefix\">déjà</span> <span class=\"bilan-figure__value\">4</span>"));
  CHECK_FALSE(contains(bretagne, "à venir"));  // a_venir is not given: no line, not 0
  CHECK(contains(bretagne, "Source\xC2\xA0: ARS"));
  CHECK(contains(bretagne, "Avec plus de 3,2 millions d&#39;habitants\xC2\xA0: la Bretagne."));
  CHECK(contains(bretagne, "<h2 id=\"le-pacte\">Le pacte en Bretagne</h2>"));
  CHECK(contains(bretagne, "<svg"));
  CHECK(contains(bretagne, "id=\"exemple-retiers\""));
  CHECK(contains(bretagne, "12\xE2\x80\xAF" "572&#160;habitants, Ille-et-Vilaine"));
  CHECK(contains(bretagne, "href=\"../../pdf/leaflet-bretagne.pdf\""));
  CHECK(contains(bretagne, "href=\"../../notes/bretagne-2014/\""));
  // A measure colour that is not "#rrggbb" never reaches a style attribute.
  CHECK_FALSE(contains(bretagne, "--measure-color: red"));
  CHECK(contains(bretagne, "style=\"--measure-color: #000091\""));

  const std::string& corse = file(out, "regions/corse/index.html");
  CHECK_FALSE(contains(corse, ">MSP<"));  // no MSP figure at all: no MSP block
  CHECK(contains(corse, ">CESP<"));
  // Without the headline figure, "et 8 à venir" loses its "et".
  CHECK(contains(corse, "<li class=\"bilan-figure__line bilan-figure__line--headline\"><span class=\"bilan-figure__value\">8"
                        "</span> <span class=\"bilan-figure__label\">à venir d&apos;ici 2018</span>"));
}

TEST_CASE("content never reaches a page unescaped") {
  OutputSet out;
  MemoryFileSystem fs = project_files();
  REQUIRE(messages(render_site(sample_project(), sample_style(), fs, &out)) == "");
  for (const auto& [path, bytes] : out.files()) {
    if (path.size() < 5 || path.compare(path.size() - 5, 5, ".html") != 0) continue;
    INFO(path);
    CHECK_FALSE(contains(bytes, "<script"));
    CHECK_FALSE(contains(bytes, "alert(1)</"));
  }
  CHECK(contains(file(out, "regions/corse/index.html"), "<h1>Corse &lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
}

TEST_CASE("figures are formatted the French way") {
  OutputSet out;
  MemoryFileSystem fs = project_files();
  REQUIRE(messages(render_site(sample_project(), sample_style(), fs, &out)) == "");
  const std::string& home = file(out, "index.html");
  CHECK(contains(home, "<span class=\"bilan-figure__qualifier\">près de</span> <span class=\"bilan-figure__value\">"
                       "1\xE2\x80\xAF" "800</span>"));
  CHECK(contains(home, "<span class=\"bilan-figure__value\">2,5&#160;<span class=\"bilan-figure__words\">millions</span>"
                       "</span>"));
}

TEST_CASE("a measure page compares the regions and says which give no figure") {
  OutputSet out;
  MemoryFileSystem fs = project_files();
  REQUIRE(messages(render_site(sample_project(), sample_style(), fs, &out)) == "");
  const std::string& cesp = file(out, "mesures/cesp/index.html");
  CHECK(contains(cesp, "<caption>CESP par région</caption>"));
  CHECK(contains(cesp, "<th scope=\"col\">contrats signés</th>"));
  CHECK(contains(cesp, "<th scope=\"col\">installations</th>"));
  CHECK(contains(cesp, "<th scope=\"col\">à venir d&apos;ici 2018</th>"));
  CHECK_FALSE(contains(cesp, "<th scope=\"col\">structures ouvertes"));
  CHECK(contains(cesp, "<span class=\"fr-sr-only\">non communiqué</span>"));
  CHECK(contains(cesp, "Chiffre non communiqué pour&#160;: Corse &lt;script&gt;alert(1)&lt;/script&gt;."));
  CHECK(contains(cesp, "id=\"classement-cesp\""));
  CHECK(contains(cesp, "<svg"));
  const std::string& msp = file(out, "mesures/msp/index.html");
  CHECK(contains(msp, "<strong>Objectif&#160;:</strong> 1\xE2\x80\xAF" "200 contrats en 2017"));
  CHECK(contains(msp, "href=\"../../regions/bretagne/#exemple-retiers\""));
  const std::string& tele = file(out, "mesures/telemedecine/index.html");
  CHECK_FALSE(contains(tele, "Par région"));
}

TEST_CASE("every chart has a title, a source line and a data table") {
  OutputSet out;
  MemoryFileSystem fs = project_files();
  REQUIRE(messages(render_site(sample_project(), sample_style(), fs, &out)) == "");
  const std::string& theme = file(out, "bilan/exercice/index.html");
  CHECK(contains(theme, "<figcaption class=\"bilan-chart__title\">Évolution msp-2013-2018</figcaption>"));
  CHECK(contains(theme, "<p class=\"bilan-source\">Source\xC2\xA0: DGOS</p>"));
  CHECK(contains(theme, "<summary>Voir les données du graphique</summary>"));
  CHECK(contains(theme, "<th scope=\"row\">2017</th>"));
  CHECK(contains(theme, "1\xE2\x80\xAF" "200 (objectif)"));
  // A chart the document gives no source for names the publisher.
  const std::string& bretagne = file(out, "regions/bretagne/index.html");
  CHECK(contains(bretagne, "<p class=\"bilan-source\">Source&#160;: Ministère des affaires sociales et de la santé</p>"));
}

TEST_CASE("internal links and anchors all lead somewhere") {
  OutputSet out;
  MemoryFileSystem fs = project_files();
  REQUIRE(messages(render_site(sample_project(), sample_style(), fs, &out)) == "");
  std::regex attr(R"((?:href|src)="([^"]*)\")");
  std::regex id_attr(R"( id="([^"]*)\")");
  int checked = 0;
  for (const auto& [path, bytes] : out.files()) {
    if (path.size() < 5 || path.compare(path.size() - 5, 5, ".html") != 0) continue;
    for (auto it = std::sregex_iterator(bytes.begin(), bytes.end(), attr); it != std::sregex_iterator(); ++it) {
      std::string href = (*it)[1].str(), fragment;
      std::string target = resolve(path, href, &fragment);
      // External, written by the PDF stage, or a DSFR file (the test has stand-ins only).
      if (target.empty() || target.rfind("pdf/", 0) == 0 || target.rfind("assets/vendor/", 0) == 0) continue;
      INFO(path << " -> " << href);
      REQUIRE(out.contains(target));
      if (!fragment.empty()) {
        const std::string& page = out.files().at(target);
        CHECK(contains(page, " id=\"" + fragment + "\""));
      }
      ++checked;
    }
  }
  CHECK(checked > 300);
}

TEST_CASE("sitemap lists the published pages, 404 links from the site root") {
  OutputSet out;
  MemoryFileSystem fs = project_files();
  REQUIRE(messages(render_site(sample_project(), sample_style(), fs, &out)) == "");
  const std::string& sitemap = file(out, "sitemap.xml");
  CHECK(contains(sitemap, "<loc>https://example.org/pacte/</loc>"));
  CHECK(contains(sitemap, "<loc>https://example.org/pacte/regions/bretagne/</loc>"));
  CHECK_FALSE(contains(sitemap, "404"));
  CHECK(file(out, "robots.txt") == "User-agent: *\nAllow: /\nSitemap: https://example.org/pacte/sitemap.xml\n");
  const std::string& not_found = file(out, "404.html");
  CHECK(contains(not_found, "href=\"/pacte/assets/css/site.css\""));
  CHECK(contains(not_found, "href=\"/pacte/regions/\""));
  CHECK(contains(file(out, "regions/bretagne/index.html"),
                 "<link rel=\"canonical\" href=\"https://example.org/pacte/regions/bretagne/\">"));
}

TEST_CASE("without a base URL there is no sitemap and links stay relative") {
  Project p = sample_project();
  p.site.base_url.clear();
  OutputSet out;
  MemoryFileSystem fs = project_files();
  REQUIRE(messages(render_site(p, sample_style(), fs, &out)) == "");
  CHECK_FALSE(out.contains("sitemap.xml"));
  CHECK(file(out, "robots.txt") == "User-agent: *\nAllow: /\n");
  CHECK(contains(file(out, "404.html"), "href=\"/assets/css/site.css\""));
}

TEST_CASE("template problems are reported with the template file") {
  MemoryFileSystem fs = project_files();
  fs.add("templates/pages/region.mustache", "<h1>{{page_title}}</h1>\n{{#figures}}\n");
  OutputSet out;
  CHECK(messages(render_site(sample_project(), sample_style(), fs, &out)) ==
        "templates/pages/region.mustache:2:1: template error: unclosed section \"figures\"\n");
  CHECK(out.files().empty());
}

TEST_CASE("a missing page template or DSFR folder is named") {
  MemoryFileSystem fs;
  DiskFileSystem source(BILAN_SOURCE_DIR);
  for (const std::string& path : source.list("templates")) {
    if (path == "templates/pages/measure.mustache") continue;
    std::string text, err;
    REQUIRE(source.read(path, &text, &err));
    fs.add(path, text);
  }
  OutputSet out;
  CHECK(messages(render_site(sample_project(), sample_style(), fs, &out)) ==
        "templates/pages/measure.mustache: no such file\n");

  MemoryFileSystem no_dsfr = project_files();
  MemoryFileSystem fs2;
  for (const std::string& path : no_dsfr.list("templates")) {
    std::string text, err;
    REQUIRE(no_dsfr.read(path, &text, &err));
    fs2.add(path, text);
  }
  fs2.add("assets/css/site.css", "");
  OutputSet out2;
  CHECK(messages(render_site(sample_project(), sample_style(), fs2, &out2)) ==
        "assets/vendor/dsfr: no DSFR files; run scripts/dsfr.sh to copy them from node_modules\n");
}

TEST_CASE("with the map geometry, the home, measure and region pages get maps") {
  MemoryFileSystem fs = project_files();
  DiskFileSystem source(BILAN_SOURCE_DIR);
  std::string geometry, err;
  REQUIRE(source.read("assets/map/departements.json", &geometry, &err));
  fs.add("assets/map/departements.json", geometry);
  OutputSet out;
  REQUIRE(messages(render_site(sample_project(), sample_style(), fs, &out)) == "");
  const std::string& home = file(out, "index.html");
  CHECK(contains(home, "<figure class=\"bilan-chart bilan-chart--map\" id=\"carte-cesp\">"));
  CHECK(contains(home, "<figcaption class=\"bilan-chart__title fr-sr-only\">"));
  CHECK(contains(file(out, "mesures/cesp/index.html"), "id=\"carte-cesp\""));
  const std::string& bretagne = file(out, "regions/bretagne/index.html");
  CHECK(contains(bretagne, "id=\"carte-bretagne\""));
  // The base map's credit, once: the drawing prints it under the map.
  size_t credit = bretagne.find("Fond de carte");
  REQUIRE(credit != std::string::npos);
  CHECK(bretagne.find("Fond de carte", credit + 1) == std::string::npos);
  // Inside the map's <svg>: one opens before it, and none closes in between.
  size_t svg = bretagne.rfind("<svg", credit);
  REQUIRE(svg != std::string::npos);
  size_t closed = bretagne.find("</svg>", svg);
  CHECK((closed != std::string::npos && closed > credit));
  CHECK_FALSE(contains(file(out, "regions/corse/index.html"), "id=\"carte-corse\""));  // no départements
}
