// Where each page of the site lives, and how one page links to another.
// One place for the URL scheme: pages are folders with an index.html, and
// links point at the folder ("regions/bretagne/"), relative to the page so the
// site works from any sub-folder of a web server.
#pragma once

#include <string>

#include "model/model.h"

namespace bilan {

namespace site_path {

std::string home();                               ///< "index.html"
std::string regions();                            ///< "regions/index.html"
std::string region(const Territory& t);           ///< "regions/<id>/index.html"
std::string territory(const Territory& t);        ///< "territoires/<id>/index.html" (département, local territory)
std::string measures();                           ///< "mesures/index.html"
std::string measure(const Measure& m);            ///< "mesures/<id>/index.html"
std::string themes();                             ///< "bilan/index.html"
std::string theme(const Theme& t);                ///< "bilan/<id>/index.html"
std::string pacte2();                             ///< "pacte-2/index.html"
std::string engagement(const Engagement& e);      ///< "pacte-2/engagement-<n>/index.html"
std::string notes();                              ///< "notes/index.html"
std::string note(const Note& n);                  ///< "notes/<id>/index.html"
std::string downloads();                          ///< "telechargements/index.html"
std::string data_csv();                           ///< "donnees/chiffres.csv"
std::string data_json();                          ///< "donnees/chiffres.json"
std::string not_found();                          ///< "404.html"
std::string example_anchor(const Example& e);     ///< "exemple-<id>"

}  // namespace site_path

/// Builds the links of one page. `root` is the way from the page to the site
/// root: "./", "../../", or an absolute path ("/pacte/") for pages served at
/// any address (the 404 page).
class Links {
 public:
  /// Links for the page written at `page_path` ("regions/bretagne/index.html").
  static Links relative_from(const std::string& page_path);
  /// Links from anywhere on a server where the site root is `root_path`
  /// ("/" or "/pacte/").
  static Links absolute(const std::string& root_path);

  const std::string& root() const { return root_; }
  /// The href of output file `path` ("regions/bretagne/index.html" ->
  /// "../bretagne/"-style: root + path with a final "index.html" dropped).
  std::string to(const std::string& path) const;

 private:
  std::string root_;
};

/// "regions/bretagne/index.html" -> "regions/bretagne/"; "index.html" -> "";
/// other paths unchanged.
std::string without_index(const std::string& path);

/// The path part of a base URL, with a final "/": "https://x.org/pacte" ->
/// "/pacte/", "https://x.org" -> "/", "" -> "/".
std::string base_path(const std::string& base_url);

}  // namespace bilan
