// The typed model of the pact's content. Plain structs, filled by load/ and
// checked by validate/; layout/ and render/ only read them.
//
// Nothing here names a region, a measure or a figure: all of that is content.
// Absent figures are absent (std::optional / missing entries), never zero.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "support/diagnostic.h"  // SourcePos

namespace bilan {

// ---------------------------------------------------------------------------
// Rich text: Markdown parsed once by cmark-gfm into blocks of styled runs, so
// that the HTML and PDF backends draw the same thing.

/// A piece of inline text with one style.
struct Run {
  std::string text;   ///< UTF-8 text, no markup; soft breaks become spaces
  bool bold = false;    ///< from **strong**
  bool italic = false;  ///< from *emphasis*
  std::string link;   ///< target URL when the run is inside a link (checked scheme), else empty
};

enum class BlockKind {
  paragraph,  ///< a paragraph
  bullet,     ///< one item of a bulleted list (the brochure's ► bullets)
  numbered,   ///< one item of an ordered list
  heading,    ///< a heading; `level` gives its depth
  quote,      ///< a block quote paragraph
};

/// One block of rich text. Nested lists are flattened with `depth`.
struct Block {
  BlockKind kind = BlockKind::paragraph;
  int level = 0;  ///< heading level (1-6) for headings; list depth (1-based) for items
  int number = 0; ///< item number for `numbered` blocks
  std::vector<Run> runs;  ///< inline content in reading order
};

/// Markdown text, kept both as source and as parsed blocks.
struct RichText {
  std::string markdown;       ///< the source text as written
  std::vector<Block> blocks;  ///< parsed by cmark-gfm (raw HTML dropped)
  SourcePos pos;              ///< where the text starts
  bool empty() const { return blocks.empty(); }
};

/// A titled part of a narrative: a Markdown body split at its `## ` headings
/// ("L'essentiel", "Les enjeux", "Les actions").
struct Section {
  std::string title;  ///< the heading text
  RichText text;      ///< the blocks under that heading
};

// ---------------------------------------------------------------------------
// Measures: defined in content/measures.yaml.

/// One kind of figure a measure reports, e.g. CESP "signes" = "contrats signés".
struct FigureField {
  std::string id;      ///< key used in key_figures ("signes", "installes", "a_venir")
  std::string label;   ///< label shown after the number ("contrats signés")
  std::string prefix;  ///< words shown before the number, may be empty ("déjà", "et")
  std::string at_most; ///< id of another field of the same measure this one may not exceed, or empty
};

struct Measure {
  std::string id;          ///< stable identifier ("cesp", "ptmg", "msp", "mcs", "stages", ...)
  std::string short_name;  ///< acronym or short name ("CESP")
  std::string long_name;   ///< full name ("contrat d'engagement de service public")
  std::string description; ///< one sentence for readers, may be empty
  std::vector<FigureField> fields;  ///< figure kinds in display order; first is the headline
  std::string color;       ///< theme colour, "#rrggbb"
  std::string pictogram;   ///< SVG file under assets/, relative to assets/ ("pictos/cesp.svg"), may be empty
  bool key = false;        ///< part of the regional CHIFFRES CLÉS block
  SourcePos pos;
};

// ---------------------------------------------------------------------------
// Figures and series.

/// One key figure of a territory: the value of one field of one measure.
/// A figure that the source does not give is simply not in the list.
struct KeyFigure {
  std::string measure;    ///< Measure::id
  std::string field;      ///< FigureField::id
  double value = 0;       ///< the number as published (a count unless the field says otherwise)
  std::string qualifier;  ///< "près de", "plus de", ... when the source rounds; else empty
  SourcePos pos;          ///< where the field key was written
  SourcePos measure_pos;  ///< where the measure key was written
};

enum class PointKind {
  observed,  ///< a measured value
  target,    ///< an "objectif" for a future date
  estimate,  ///< an estimation or projection ("estimation 2015", "projection fin 2015")
};

struct Point {
  std::string label;   ///< x label as printed: "2016", "Oct 2013", "Finistère"
  double value = 0;    ///< y value, in the series unit
  PointKind kind = PointKind::observed;
  std::string note;    ///< extra label printed with the point ("estimation 2015"), may be empty
  SourcePos pos;
};

struct Series {
  std::string name;           ///< legend name ("MSP en 2012"); may be empty for single-series charts
  std::vector<Point> points;  ///< in display order
};

enum class ChartKind {
  bars,        ///< yearly or dated bars, targets drawn differently
  comparison,  ///< before/after (2012 vs 2016) with the growth shown
  cumulative,  ///< cumulative evolution (CESP cumulés)
  grouped,     ///< several series over the same labels (MSP 2012 / 2016 by département)
};

struct Chart {
  std::string id;       ///< unique within its owner, used for anchors and file names
  ChartKind kind = ChartKind::bars;
  std::string title;    ///< heading as printed ("NOMBRE DE CESP SIGNÉS")
  std::string caption;  ///< sentence printed with the chart, may be empty
  std::string measure;  ///< Measure::id for the colour, may be empty
  std::string unit;     ///< unit of values ("contrats", "MCS", "%"), may be empty
  std::string growth;   ///< growth label as printed in the source ("x 3,5", "+275 %"), may be empty
  std::string note;     ///< footnote ("*à chaque fin d'année universitaire"), may be empty
  std::string source;   ///< source line ("source : DGOS"), may be empty when the document gives none
  std::vector<Series> series;  ///< at least one
  SourcePos pos;
};

/// A "big number" block of the national pages ("2,5 MILLIONS de patients ...").
struct Highlight {
  std::optional<double> value;  ///< the number, absent for text-only highlights
  std::string qualifier;        ///< "près de", "plus de", may be empty
  std::string text;             ///< the words that follow the number
  std::string measure;          ///< Measure::id for the colour, may be empty
  SourcePos pos;
};

// ---------------------------------------------------------------------------
// Territories.

enum class Level {
  nation,       ///< France
  region,       ///< a region of the brochure
  former_region,  ///< a region before the 2016 merger (Midi-Pyrénées), used by notes
  departement,  ///< a département
  local,        ///< a local territory of an EXEMPLE
};

struct Departement {
  std::string code;  ///< INSEE code ("35", "2A", "974")
  std::string name;  ///< name as printed on the map ("Ille-et-Vilaine")
  std::vector<std::string> towns;  ///< towns marked on the brochure map, may be empty
};

/// A local territory shown in the EXEMPLES boxes.
struct Example {
  std::string id;       ///< slug, unique within the region (file name)
  std::string name;     ///< "Retiers", "Pays des Combrailles"
  std::optional<std::int64_t> population;  ///< inhabitants as printed "(12 572 h)"; absent when not given
  std::string departement;  ///< Departement::code, may be empty
  std::vector<std::string> measures;  ///< Measure::id involved
  RichText text;        ///< the narrative
  int order = 0;        ///< position among the region's examples
  SourcePos pos;
};

struct Territory {
  std::string id;        ///< slug ("bretagne"); used in URLs and file names
  Level level = Level::region;
  std::string name;      ///< "Bretagne"
  std::string name_in;   ///< heading form "en Bretagne", "à La Réunion"
  std::string parent;    ///< id of the enclosing territory, empty for the nation
  int order = 0;         ///< position in the brochure
  bool overseas = false; ///< a DROM (drawn as an inset on maps)
  std::optional<std::int64_t> population;  ///< inhabitants, when the source gives it
  std::vector<KeyFigure> figures;  ///< CHIFFRES CLÉS; absent figures are not listed
  std::string figures_source;      ///< source line of the figures, may be empty
  RichText intro;                  ///< intro narrative
  std::vector<Chart> charts;       ///< first one is the highlight chart
  std::vector<Departement> departements;  ///< in map order
  std::vector<Example> examples;   ///< EXEMPLES in order
  SourcePos pos;
};

// ---------------------------------------------------------------------------
// The national themes of the brochure.

struct Theme {
  std::string id;       ///< slug ("installation")
  int order = 0;        ///< position in the national section
  std::string title;    ///< "Favoriser l'installation des médecins dans les déserts médicaux"
  std::vector<std::string> measures;  ///< Measure::id presented
  RichText text;        ///< narrative
  std::vector<Highlight> highlights;  ///< big-number blocks
  std::vector<Chart> charts;
  SourcePos pos;
};

// ---------------------------------------------------------------------------
// Pacte 2 dossier.

struct Axis {
  std::string id;       ///< "I", "II"
  std::string title;    ///< "Pérenniser et amplifier les actions menées depuis le pacte territoire santé 1"
  std::vector<std::string> groups;  ///< sub-headings used by engagements ("Innover par la formation"), may be empty
};

struct Engagement {
  int number = 0;       ///< 1..10
  std::string axis;     ///< Axis::id
  std::string group;    ///< one of the axis groups, may be empty
  std::string title;    ///< "Développer les stages des futurs médecins en cabinet de ville"
  std::vector<Section> sections;  ///< L'essentiel, Les enjeux, Les actions, ... in order
  std::vector<Chart> charts;      ///< "le bilan depuis 2012"
  SourcePos pos;
};

struct Dossier {
  std::string title;    ///< "Le pacte territoire santé 2"
  std::string subtitle; ///< "2 axes, 10 engagements"
  RichText intro;       ///< foreword
  std::string signature;  ///< who signs the foreword, may be empty
  std::vector<Axis> axes;
  std::vector<Engagement> engagements;  ///< by number
};

// ---------------------------------------------------------------------------
// Regional notes (press releases about one territory).

struct Note {
  std::string id;       ///< slug
  std::string title;
  std::string kind;     ///< "Communiqué de presse", may be empty
  std::string date;     ///< as printed, may be empty
  std::string territory;  ///< Territory::id it is about (a region, a former region or a département)
  std::vector<Section> sections;  ///< body split at `## ` headings; the first may have an empty title
  std::vector<Chart> charts;
  SourcePos pos;
};

// ---------------------------------------------------------------------------
// Documents: publications, defined in content/documents/*.yaml.

enum class SectionKind {
  cover,       ///< cover page
  contents,    ///< sommaire
  themes,      ///< the national themes
  regions,     ///< one spread per region
  territory,   ///< the document's own territory (leaflets)
  dossier,     ///< Pacte 2 foreword, axes and engagements
  note,        ///< a regional note
  back_cover,  ///< contacts
};

struct DocumentSection {
  SectionKind kind = SectionKind::cover;
  std::string title;    ///< heading, shown in the sommaire and outlines; may be empty
  std::vector<std::string> refs;  ///< ids this section shows (themes, regions, a note); empty = all
};

struct Document {
  std::string id;       ///< slug and PDF file name ("bilan-2016")
  std::string title;
  std::string subtitle;
  std::string date;     ///< as printed ("2016", "novembre 2016")
  std::string each;     ///< "" for one document; "region" or "note": one document per region or note,
                        ///< `{id}` and `{name}` in id and title are replaced
  std::vector<DocumentSection> sections;
  SourcePos pos;
};

/// One publication to produce: a Document, or one copy of an `each` document
/// for one region or note, with `{id}` and `{name}` replaced.
struct DocumentInstance {
  const Document* document = nullptr;
  std::string id;        ///< file name without ".pdf" ("leaflet-bretagne")
  std::string title;
  const struct Territory* territory = nullptr;  ///< for `each: region`, else nullptr
  const struct Note* note = nullptr;            ///< for `each: note`, else nullptr
};

// ---------------------------------------------------------------------------

struct Contact {
  std::string label;  ///< "Contact presse"
  std::vector<std::string> lines;  ///< address lines, e-mail, phone, web site
};

/// Site-wide settings and texts.
struct Site {
  std::string title;       ///< "Pacte territoire santé"
  std::string tagline;     ///< "Des mesures concrètes pour lutter contre les déserts médicaux"
  std::vector<std::string> ministry;  ///< ministry block lines ("Ministère", "des affaires sociales", ...)
  std::string base_url;    ///< absolute URL the site is published at, for sitemap.xml; may be empty
  std::string language = "fr";  ///< BCP 47 language tag
  RichText about;          ///< the pact in a few sentences, for the home page
  std::vector<Contact> contacts;  ///< back cover
};

/// Finds a territory by id without reading the whole list, for
/// Project::find_territory (a project of 35,000 communes looks up as many
/// parents). Built on the first lookup; never trusted blindly: a position it
/// gives is checked against that territory's id, and an id it does not find
/// is then looked for one territory after the other (and the index built
/// again when that finds it). So a change to the territories after a lookup
/// (added, removed, renamed, reordered, the vector replaced) can make a
/// lookup slower, never wrong. Copies and moves start empty. Lookups are
/// safe from several threads at once.
class TerritoryIdIndex {
 public:
  TerritoryIdIndex() = default;
  TerritoryIdIndex(const TerritoryIdIndex&) {}
  TerritoryIdIndex& operator=(const TerritoryIdIndex&) {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.clear();
    built_ = false;
    return *this;
  }
  /// The first territory of `territories` whose id is `id`, or nullptr.
  const Territory* find(const std::vector<Territory>& territories, const std::string& id) const;

 private:
  mutable std::mutex mu_;
  // (hash of the id, position), sorted; built for the vector at data_ of size_.
  mutable std::vector<std::pair<std::size_t, std::uint32_t>> entries_;
  mutable bool built_ = false;
  mutable const void* data_ = nullptr;
  mutable std::size_t size_ = 0;
};

/// Everything a build reads.
struct Project {
  Site site;
  std::vector<Measure> measures;        ///< in display order
  std::vector<Territory> territories;   ///< nation first, then regions by order, then others
  std::vector<Theme> themes;            ///< by order
  Dossier dossier;
  std::vector<Note> notes;
  std::vector<Document> documents;

  const Measure* find_measure(const std::string& id) const;
  const Territory* find_territory(const std::string& id) const;
  const Territory* nation() const;
  std::vector<const Territory*> regions() const;  ///< level region with a parent nation, by order
  /// Every publication to produce, in document order; `each` documents expanded.
  std::vector<DocumentInstance> publications() const;

  /// The lookup table of find_territory (not content: copies of a project
  /// start without it).
  TerritoryIdIndex territory_index;
};

/// Where a publication is written in the output folder: "pdf/<id>.pdf".
std::string publication_path(const DocumentInstance& d);

/// The figure of `measure`/`field` in `t`, or nullptr when the source gives none.
const KeyFigure* find_figure(const Territory& t, const std::string& measure, const std::string& field);

const char* to_string(Level level);
const char* to_string(PointKind kind);
const char* to_string(ChartKind kind);
const char* to_string(SectionKind kind);

}  // namespace bilan
