// The map geometry of the French départements, read from the committed asset
// assets/map/departements.json (made once by scripts/make-map.mjs from
// Natural Earth, public domain; see assets/map/README.md).
//
// The asset is projected, simplified and quantized already. Borders are
// stored once as arcs shared by the départements on both sides (as in
// TopoJSON); a département is a list of rings, a ring a list of arc
// references. Which département belongs to which region is not here: it is
// content (content/regions/*/region.yaml), and maps build regions as unions of
// their départements with merged_rings().
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/model.h"
#include "support/diagnostic.h"
#include "support/fs.h"

namespace bilan {

/// A point in the units of its area (x east, y south, origin top-left).
struct MapPoint {
  double x = 0, y = 0;
};

/// A frame drawn on its own: metropolitan France, or one overseas
/// département drawn as an inset.
struct MapArea {
  std::string id;        ///< "metropole", "971", ...
  std::string name;      ///< "France métropolitaine", "Guadeloupe"
  bool inset = false;    ///< drawn in a box beside metropolitan France
  double width = 0;      ///< extent of its départements, in units
  double height = 0;
};

struct MapDepartement {
  std::string code;   ///< INSEE code ("01", "2A", "974")
  std::string name;   ///< Natural Earth's French name; maps print the content's name
  std::string area;   ///< MapArea::id
  /// Rings (outer rings and holes, to be filled even-odd). Each is a list of
  /// arc references: i for arc i as stored, ~i (-i-1) for arc i backwards;
  /// consecutive arcs meet end to start and the last one ends where the
  /// first one starts (checked when loading).
  std::vector<std::vector<int>> rings;
};

struct MapGeometry {
  std::string source;   ///< where the shapes come from, as the asset says
  std::string licence;  ///< their licence
  std::string credit;   ///< short credit line printed under maps ("Fond de carte : Natural Earth ...")
  double unit_m = 0;    ///< metres per unit
  std::vector<MapArea> areas;              ///< the main area first, then insets in drawing order
  std::vector<MapDepartement> departements;
  std::vector<std::vector<MapPoint>> arcs;  ///< at least two points each

  const MapDepartement* find(const std::string& code) const;
  const MapArea* find_area(const std::string& id) const;
};

/// Where a project keeps its map geometry (committed, made by
/// scripts/make-map.mjs): the site's maps and the PDFs' are drawn from it.
inline constexpr const char* kMapGeometryPath = "assets/map/departements.json";

/// Reads the asset at `path`. Malformed JSON, a missing or mistyped key, an
/// arc reference out of range or a ring that does not close are reported as
/// diagnostics at file:line:col (all shape errors of the file, the first
/// syntax error only); returns false when any was added.
bool load_map_geometry(const FileSystem& fs, const std::string& path, MapGeometry* geo, Diagnostics* diags);

/// load_map_geometry for the renderers, which run side by side and, under
/// `bilan serve`, build after build: the file is read through `fs` every
/// time (a build records it as an input), but parsed only when its bytes
/// differ from the last parse in this process, so the site and the PDFs of a
/// build share one parse (about 3 ms). Null when it cannot be loaded, with
/// the same diagnostics as load_map_geometry. Thread-safe.
std::shared_ptr<const MapGeometry> shared_map_geometry(const FileSystem& fs, const std::string& path, Diagnostics* diags);

/// The points of a ring, arcs joined (the shared end points once), without
/// repeating the first point at the end.
std::vector<MapPoint> ring_points(const MapGeometry& geo, const std::vector<int>& ring);

/// The outline of the union of `departements`, as rings of arc references:
/// the arcs used by exactly one of them, chained end to start. Shared
/// borders inside the union disappear; holes come out as rings too (fill
/// even-odd). The départements must be of one area.
std::vector<std::vector<int>> merged_rings(const MapGeometry& geo,
                                           const std::vector<const MapDepartement*>& departements);

/// Reports, at the territory's position, every département code of a region
/// of `project` that the geometry does not have, and every région whose
/// départements lie in more than one area. `geometry_path` names the asset in
/// the messages.
void check_map_coverage(const Project& project, const MapGeometry& geo, const std::string& geometry_path,
                        Diagnostics* diags);

}  // namespace bilan
