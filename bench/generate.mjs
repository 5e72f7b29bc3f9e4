#!/usr/bin/env node
// Synthetic content at scale, for the benchmark (bench/run.sh).
//
//   node bench/generate.mjs --pages 35000 --out DIR
//
// writes two projects that hold the same pages:
//   DIR/bilan/  a bilan project (content/, templates/, assets/) that goes
//               through the real loader: the shipped content (17 regions,
//               themes, notes, Pacte 2, documents), then the 101 départements
//               and one territory per commune as content/territories/<id>.yaml
//               with its intro Markdown beside it;
//   DIR/hugo/   the same départements and communes as a Hugo site: one
//               Markdown file per page with the same figures, text and chart
//               in its front matter, drawn by bench/hugo/layouts.
//
// Names, codes and populations are the real ones, from the npm package
// @etalab/decoupage-administratif (Licence Ouverte / MIT). The key figures
// and chart values are synthetic: derived from the population and a hash of
// the INSEE code, so two runs give the same bytes. `--pages N` counts the
// département and commune pages: 101 départements, then N - 101 communes
// taken evenly over the list (all 34,875 when N is larger; the
// communes of the overseas collectivities, outside the 101, are left out).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const yaml = require(path.join(root, "node_modules/js-yaml"));
const decoupage = path.join(root, "node_modules/@etalab/decoupage-administratif/data");

function usage(msg) {
  if (msg) console.error(`generate: error: ${msg}`);
  console.error("usage: node bench/generate.mjs --pages N --out DIR [--source PROJECT]");
  process.exit(2);
}

const args = { pages: 0, out: "", source: root };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === "--pages") args.pages = Number(process.argv[++i]);
  else if (a === "--out") args.out = process.argv[++i];
  else if (a === "--source") args.source = path.resolve(process.argv[++i]);
  else usage(`unknown argument '${a}'`);
}
if (!Number.isInteger(args.pages) || args.pages < 101) usage("--pages must be an integer of at least 101");
if (!args.out) usage("--out is required");
if (!fs.existsSync(path.join(decoupage, "communes.json")))
  usage("node_modules/@etalab/decoupage-administratif is missing: run npm ci in the project folder");

// ---------------------------------------------------------------------------
// Helpers.

// "Côtes-d'Armor" -> "cotes-d-armor", as content ids are written.
function slug(s) {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

// A stable pseudo-random number in [0, 1) for a code and a salt (FNV-1a).
function unit(code, salt) {
  let h = 0x811c9dc5;
  for (const ch of `${salt}:${code}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 0x100000000;
}

// "12572" -> "12 572" for the Markdown text (bilan and Hugo print it as given).
function grouped(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

function yamlString(s) {
  return JSON.stringify(s);  // a JSON string is a valid YAML double-quoted scalar
}

function writeFile(file, text) {
  fs.writeFileSync(file, text);
}

// ---------------------------------------------------------------------------
// What the shipped content defines: the measures (for figure fields), the
// nation and the regions (for parents).

const contentDir = path.join(args.source, "content");
const measures = yaml.load(fs.readFileSync(path.join(contentDir, "measures.yaml"), "utf8")).measures;
const nation = yaml.load(fs.readFileSync(path.join(contentDir, "national.yaml"), "utf8"));
const regionIds = new Set(fs.readdirSync(path.join(contentDir, "regions")));
const keyMeasures = measures.filter((m) => m.key);
if (keyMeasures.length === 0) usage("content/measures.yaml has no measure with key: true");
// The chart shows the headline field of the last key measure (MSP in the
// shipped content), as the regional spreads' highlight charts do.
const chartMeasure = keyMeasures[keyMeasures.length - 1];
const chartField = chartMeasure.fields[0];
const years = ["2012", "2013", "2014", "2015", "2016"];

// Synthetic figures for a territory of `population` inhabitants: one value per
// field of every key measure, bounded fields below their bound.
function figuresFor(code, population) {
  const out = [];
  for (const m of keyMeasures) {
    const values = {};
    for (const f of m.fields) {
      const scale = population / (2000 + 60000 * unit(code, `${m.id}.${f.id}.scale`));
      let v = 1 + Math.round(scale * (0.5 + unit(code, `${m.id}.${f.id}`)));
      if (f.at_most && values[f.at_most] !== undefined) v = Math.min(v, Math.floor(values[f.at_most] / 2));
      values[f.id] = v;
    }
    out.push({ measure: m, values });
  }
  return out;
}

function chartPoints(code, last) {
  return years.map((label, i) => ({
    label,
    value: i === years.length - 1 ? last : Math.round((last * (i + 1) * (0.6 + 0.4 * unit(code, `chart${i}`))) / years.length),
  }));
}

// ---------------------------------------------------------------------------
// Territories from the official lists.

const regionsJson = JSON.parse(fs.readFileSync(path.join(decoupage, "regions.json"), "utf8"));
const depsJson = JSON.parse(fs.readFileSync(path.join(decoupage, "departements.json"), "utf8"));
const communesJson = JSON.parse(fs.readFileSync(path.join(decoupage, "communes.json"), "utf8"));

const regionByCode = new Map();
for (const r of regionsJson) regionByCode.set(r.code, r);

// Départements of metropolitan France and the DROM: the 101.
const departements = depsJson.filter((d) => d.zone === "metro" || d.zone === "drom");
if (departements.length !== 101) usage(`expected 101 départements, found ${departements.length}`);
const depPopulation = new Map();
const depCodes = new Set(departements.map((d) => d.code));
const allCommunes = communesJson.filter((c) => c.type === "commune-actuelle" && depCodes.has(c.departement));
for (const c of allCommunes) depPopulation.set(c.departement, (depPopulation.get(c.departement) || 0) + (c.population || 0));

const communeCount = Math.min(args.pages - departements.length, allCommunes.length);
const communes = [];
for (let i = 0; i < communeCount; i++) communes.push(allCommunes[Math.floor((i * allCommunes.length) / communeCount)]);

const depById = new Map();
const territories = [];  // {id, level, name, name_in, parent, order, population, code, text, figures, points, trail}
let order = 1000;
for (const d of departements) {
  const region = regionByCode.get(d.region);
  const regionId = region ? slug(region.nom) : "";
  const parent = regionIds.has(regionId) ? regionId : nation.id;  // Mayotte has no region in the brochure
  const id = `${slug(d.nom)}-${d.code.toLowerCase()}`;
  const population = depPopulation.get(d.code) || 0;
  const t = {
    id, level: "departement", name: d.nom, name_in: `dans le département ${d.nom}`, parent, order: order++,
    population, code: d.code, regionName: region ? region.nom : "",
  };
  depById.set(d.code, t);
  territories.push(t);
}
for (const c of communes) {
  const dep = depById.get(c.departement);
  territories.push({
    id: `${slug(c.nom)}-${c.code.toLowerCase()}`, level: "local", name: c.nom, name_in: `à ${c.nom}`, parent: dep.id,
    order: order++, population: c.population || 0, code: c.code, dep, regionName: dep.regionName,
  });
}

for (const t of territories) {
  t.figures = figuresFor(t.code, t.population);
  const chartFigure = t.figures.find((f) => f.measure === chartMeasure);
  t.points = chartPoints(t.code, chartFigure.values[chartField.id]);
  const where = t.level === "departement"
    ? `Le département ${t.name}${t.regionName ? ` (${t.regionName})` : ""}`
    : `La commune de ${t.name} (${t.dep.name}${t.regionName ? `, ${t.regionName}` : ""})`;
  const head = t.figures[0];
  t.text =
    `${where} compte **${grouped(t.population)} habitants**. Le pacte territoire santé y accompagne ` +
    `l'installation de jeunes médecins et l'exercice *coordonné* entre professionnels.\n\n` +
    `- ${head.values[head.measure.fields[0].id]} ${head.measure.fields[0].label} (${head.measure.short_name})\n` +
    `- ${t.points[t.points.length - 1].value} ${chartField.label} (${chartMeasure.short_name}) en ${years[years.length - 1]}\n\n` +
    `Ces chiffres sont synthétiques : ils servent à mesurer la vitesse de construction du site.\n`;
}

// ---------------------------------------------------------------------------
// The bilan project.

const bilanDir = path.join(args.out, "bilan");
fs.rmSync(bilanDir, { recursive: true, force: true });
fs.mkdirSync(bilanDir, { recursive: true });
for (const folder of ["content", "templates", "assets"])
  fs.cpSync(path.join(args.source, folder), path.join(bilanDir, folder), { recursive: true, dereference: true });
const terrDir = path.join(bilanDir, "content", "territories");
fs.mkdirSync(terrDir, { recursive: true });

for (const t of territories) {
  let y = `# Synthetic (bench/generate.mjs): real name and population, computed figures.\n`;
  y += `id: ${t.id}\nlevel: ${t.level}\nname: ${yamlString(t.name)}\nname_in: ${yamlString(t.name_in)}\n`;
  y += `parent: ${t.parent}\norder: ${t.order}\npopulation: ${t.population}\nintro: ${t.id}.md\n`;
  y += `figures_source: "source : données synthétiques"\nkey_figures:\n`;
  for (const f of t.figures)
    y += `  ${f.measure.id}: { ${Object.entries(f.values).map(([k, v]) => `${k}: ${v}`).join(", ")} }\n`;
  y += `charts:\n  - id: ${chartMeasure.id}-${years[0]}-${years[years.length - 1]}\n    kind: bars\n`;
  y += `    title: ${yamlString(`${chartMeasure.short_name} : ${chartField.label}, ${years[0]}-${years[years.length - 1]}`)}\n`;
  y += `    measure: ${chartMeasure.id}\n    unit: ${chartMeasure.short_name}\n    source: "source : données synthétiques"\n`;
  y += `    points:\n`;
  for (const p of t.points) y += `      - { label: "${p.label}", value: ${p.value} }\n`;
  writeFile(path.join(terrDir, `${t.id}.yaml`), y);
  writeFile(path.join(terrDir, `${t.id}.md`), t.text);
}

// ---------------------------------------------------------------------------
// The Hugo site: the same pages, one Markdown file each.

const hugoDir = path.join(args.out, "hugo");
fs.rmSync(hugoDir, { recursive: true, force: true });
fs.cpSync(path.join(here, "hugo"), hugoDir, { recursive: true });
fs.mkdirSync(path.join(hugoDir, "data"), { recursive: true });
fs.copyFileSync(path.join(contentDir, "measures.yaml"), path.join(hugoDir, "data", "measures.yaml"));
fs.copyFileSync(path.join(contentDir, "site.yaml"), path.join(hugoDir, "data", "site.yaml"));
fs.mkdirSync(path.join(hugoDir, "static"), { recursive: true });
fs.cpSync(path.join(args.source, "assets"), path.join(hugoDir, "static", "assets"), { recursive: true, dereference: true });
const hugoContent = path.join(hugoDir, "content", "territoires");
fs.mkdirSync(hugoContent, { recursive: true });
const regionNames = new Map();
for (const id of regionIds) {
  const r = yaml.load(fs.readFileSync(path.join(contentDir, "regions", id, "region.yaml"), "utf8"));
  regionNames.set(id, r.name);
}
for (const t of territories) {
  // The breadcrumb: home, the region (a page of both sites), the département.
  const dep = t.level === "local" ? t.dep : t;
  let fm = `---\ntitle: ${yamlString(t.name)}\nslug: ${t.id}\nlevel: ${t.level}\npopulation: ${t.population}\n`;
  fm += `name_in: ${yamlString(t.name_in)}\n`;
  if (regionNames.has(dep.parent)) fm += `region: { id: ${dep.parent}, name: ${yamlString(regionNames.get(dep.parent))} }\n`;
  if (t.level === "local") fm += `departement: { id: ${dep.id}, name: ${yamlString(dep.name)} }\n`;
  fm += `figures_source: "source : données synthétiques"\nfigures:\n`;
  for (const f of t.figures)
    fm += `  - { measure: ${f.measure.id}, ${Object.entries(f.values).map(([k, v]) => `${k}: ${v}`).join(", ")} }\n`;
  fm += `chart:\n  id: ${chartMeasure.id}-${years[0]}-${years[years.length - 1]}\n  measure: ${chartMeasure.id}\n`;
  fm += `  title: ${yamlString(`${chartMeasure.short_name} : ${chartField.label}, ${years[0]}-${years[years.length - 1]}`)}\n`;
  fm += `  unit: ${chartMeasure.short_name}\n  source: "source : données synthétiques"\n  points:\n`;
  for (const p of t.points) fm += `    - { label: "${p.label}", value: ${p.value} }\n`;
  fm += `---\n`;
  writeFile(path.join(hugoContent, `${t.id}.md`), fm + t.text);
}

console.log(
  `generate: ${territories.length} pages (${departements.length} départements, ${communes.length} communes) ` +
    `in ${bilanDir} and ${hugoDir}`,
);
