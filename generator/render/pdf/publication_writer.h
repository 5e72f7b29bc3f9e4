// The writer of one publication, shared by the files that build its pages:
//   brochure_covers.cc    cover, leaflet masthead, back cover, contact strip
//   brochure_contents.cc  sommaire
//   brochure_themes.cc    the national themes
//   brochure_regions.cc   "Le pacte en région": opener and regional spreads, leaflets
//   brochure_dossier.cc   Pacte 2 foreword and engagements
//   brochure_note.cc      regional notes
// Internal to render/pdf.
#pragma once

#include <string>
#include <vector>

#include "layout/chart.h"
#include "render/pdf/composer.h"
#include "render/pdf/publication.h"

namespace bilan {

/// Words the pages print around the content (labels, not content).
struct PageWords {
  static constexpr const char* key_figures = "Chiffres clés";
  static constexpr const char* examples = "Exemples";
  static constexpr const char* example = "Exemple";
  static constexpr const char* departements = "Départements";
  static constexpr const char* inhabitants = "habitants";
  static constexpr const char* inhabitants_short = "h";
  static constexpr const char* engagement = "Engagement";
  static constexpr const char* axis = "Axe";
  static constexpr const char* contacts = "Contacts";
  static constexpr const char* not_given = "Non renseigné";
};

class PublicationWriter {
 public:
  PublicationWriter(const DocumentInstance& pub, const PublicationResources& res, Diagnostics* diags);
  bool write(std::string* bytes, PublicationOutline* outline);

 private:
  // Sections (one file each, see above).
  void cover();
  void contents(const DocumentSection& s);
  void finish_contents();
  void themes(const DocumentSection& s);
  void regions(const DocumentSection& s);
  void territory(const DocumentSection& s, bool masthead, bool contacts);
  void dossier(const DocumentSection& s);
  void note(const DocumentSection& s);
  void back_cover();

  // Pieces shared by several sections.
  /// The ministry lines in capitals from (x, y) down; returns the height.
  double ministry_block(int page, double x, double y, double size, const std::string& color, bool draw);
  /// The compact cover of a leaflet at the top of `a`; returns its height.
  double masthead(int page, const Area& a, bool draw);
  /// The contacts in columns at the bottom of `a`; returns their height.
  double contact_strip(int page, const Area& a, bool draw);
  /// A short red rule at (x, y); returns the height it takes with its space.
  double accent_rule(int page, double x, double y);
  /// A title in capitals, bold, in `color`, set in `width`; drawn when page >= 0.
  SetBlock title_block(const std::string& text, double width, double size, const std::string& color,
                       const std::string& name, const SourcePos& pos);
  /// The drawing of a chart with its caption below, as one cell of `w` x `h`.
  void chart_cell(int page, const Chart& chart, double x, double y, double w, double h);
  double caption_height(const Chart& chart, double w);
  /// The regional spread (or leaflet) of `r` on pages `left` and `right`.
  void region_spread(const Territory& r, int left, int right, bool masthead, bool contacts);
  /// The key measures' headline blocks of a territory, in measure order,
  /// skipping measures the territory has no figure for.
  std::vector<const Measure*> key_measures_of(const Territory& t) const;
  const Pictogram* pictogram(const std::string& measure) const;
  std::string measure_color(const std::string& measure) const;

  int new_page(PageFooter footer) { return c_.add_page(footer); }
  void anchor(int level, const std::string& title, int page, double top, bool in_contents = true) {
    anchors_.push_back(Bookmark{level, title, page, top, in_contents});
  }

  // Text styles.
  TextStyle body() const;
  TextStyle small() const;

  const DocumentInstance& pub_;
  const PublicationResources& res_;
  const Project& project_;
  const PageStyle& ps_;
  Diagnostics* diags_;
  PdfDocument pdf_;
  PdfFonts fonts_;
  Composer c_;
  std::vector<Bookmark> anchors_;
  // The sommaire's reserved page and the anchors it lists (those after it).
  int contents_page_ = -1;
  size_t contents_from_ = 0;
  const DocumentSection* contents_section_ = nullptr;
};

}  // namespace bilan
