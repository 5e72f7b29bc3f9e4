#!/usr/bin/env node
// The Typst side of the brochure PDF comparison (bench/run.sh).
//
//   node bench/typst/brochure.mjs [--source PROJECT] [--typ OUT.typ] [--pdf OUT.pdf]
//
// writes, from the shipped content, a Typst document equivalent to bilan's
// national brochure (content/documents/bilan-2016.yaml): cover, contents,
// one page per national theme (text, highlights, charts), one page per region
// (a two-page spread: key figures and intro, then the highlight chart and
// the EXEMPLES), back cover, in the same
// fonts (Marianne, DejaVu for the symbols Marianne lacks), French hyphenation
// and justified text. Charts are drawn with Typst rectangles, as bilan draws
// them with libharu paths.
//
// Then it compiles that document with @myriaddreamin/typst-ts-node-compiler
// in this process and prints one JSON line:
//   {"pages": 35, "create_ms": .., "compile_ms": .., "pdf_ms": .., "total_ms": .., "bytes": ..}
// `total_ms` is the Typst work (fonts loaded, document compiled, PDF written);
// the node start-up is not in it (run.sh also times the whole process).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
let source = path.resolve(here, "..", "..");
let typOut = "";
let pdfOut = "";
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === "--source") source = path.resolve(process.argv[++i]);
  else if (a === "--typ") typOut = process.argv[++i];
  else if (a === "--pdf") pdfOut = process.argv[++i];
  else {
    console.error(`brochure: error: unknown argument '${a}'`);
    process.exit(2);
  }
}
const root = path.resolve(here, "..", "..");
const yaml = require(path.join(root, "node_modules/js-yaml"));
const { NodeCompiler } = require(path.join(root, "node_modules/@myriaddreamin/typst-ts-node-compiler"));
const content = path.join(source, "content");

// ---------------------------------------------------------------------------
// Reading the content (the same files bilan reads).

function readYaml(file) {
  return yaml.load(fs.readFileSync(file, "utf8"));
}

function readFrontMatter(file) {
  const text = fs.readFileSync(file, "utf8");
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${file}: no front matter`);
  return { data: yaml.load(m[1]), body: m[2] };
}

// Typst markup text: every character with a meaning in markup is escaped.
function esc(s) {
  return String(s).replace(/[\\#*_`$<>@=\-+/\[\]~"']/g, (c) => `\\${c}`);
}

// "2500000" -> "2,5 millions", "12572" -> "12 572" (narrow no-break space),
// as bilan's format_count prints them.
function count(v) {
  if (v >= 1e6) {
    const m = Math.round(v / 1e5) / 10;
    return `${String(m).replace(".", ",")}\u00a0million${m >= 2 ? "s" : ""}`;
  }
  return String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
}

// A Markdown body as Typst markup: paragraphs, bullet and numbered items,
// headings, **bold** and *italic*. (The content uses nothing else.)
function markdown(md) {
  const inline = (s) =>
    esc(s)
      .replace(/\\\*\\\*(.+?)\\\*\\\*/g, "*$1*")
      .replace(/\\\*(.+?)\\\*/g, "_$1_")
      .replace(/\\_(.+?)\\_/g, "_$1_");
  const out = [];
  for (const block of md.split(/\n{2,}/)) {
    const lines = block.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    if (/^#{1,6} /.test(lines[0])) {
      out.push(`#heading(level: 3, outlined: false)[${inline(lines[0].replace(/^#+ /, ""))}]`);
      if (lines.length > 1) out.push(inline(lines.slice(1).join(" ")));
    } else if (lines.every((l) => /^\s*([-*+]|\d+[.)]) /.test(l) || /^\s{2,}/.test(l))) {
      for (const l of lines) {
        const m = /^\s*([-*+]|\d+[.)]) (.*)$/.exec(l);
        if (m) out.push(`${/\d/.test(m[1]) ? "+" : "-"} ${inline(m[2])}`);
        else out[out.length - 1] += ` ${inline(l.trim())}`;
      }
    } else {
      out.push(inline(lines.join(" ")));
    }
    out.push("");
  }
  return out.join("\n");
}

const measures = readYaml(path.join(content, "measures.yaml")).measures;
const measureById = new Map(measures.map((m) => [m.id, m]));
const site = readYaml(path.join(content, "site.yaml"));
const doc = readYaml(path.join(content, "documents", "bilan-2016.yaml"));
const themes = fs
  .readdirSync(path.join(content, "themes"))
  .filter((f) => f.endsWith(".md"))
  .map((f) => readFrontMatter(path.join(content, "themes", f)))
  .sort((a, b) => a.data.order - b.data.order);
const regions = fs
  .readdirSync(path.join(content, "regions"))
  .map((id) => {
    const dir = path.join(content, "regions", id);
    const r = readYaml(path.join(dir, "region.yaml"));
    r.introText = r.intro ? fs.readFileSync(path.join(dir, r.intro), "utf8") : "";
    const exDir = path.join(dir, "examples");
    r.examples = fs.existsSync(exDir)
      ? fs.readdirSync(exDir).filter((f) => f.endsWith(".md")).map((f) => readFrontMatter(path.join(exDir, f)))
          .sort((a, b) => (a.data.order || 0) - (b.data.order || 0))
      : [];
    return r;
  })
  .sort((a, b) => a.order - b.order);

// ---------------------------------------------------------------------------
// The document.

function chart(c) {
  const color = (c.measure && measureById.get(c.measure)?.color) || "#000091";
  const series = c.series || [{ name: "", points: c.points || [] }];
  const points = series.flatMap((s) => s.points.map((p) => ({ ...p, series: s.name })));
  const max = Math.max(1, ...points.map((p) => p.value));
  const bars = points
    .map((p) => {
      const fill = p.kind === "target" ? "#929292" : p.kind === "estimate" ? "#b7b7b7" : color;
      return `align(bottom, stack(dir: ttb, spacing: 2pt, align(center, text(size: 8pt, weight: "bold")[${esc(count(p.value))}]), ` +
        `rect(width: 100%, height: ${((70 * p.value) / max).toFixed(2)}pt, fill: rgb("${fill}")), ` +
        `align(center, text(size: 6.5pt)[${esc(p.label)}])))`;
    })
    .join(",\n    ");
  return `#block(breakable: false, width: 100%, inset: (y: 4pt))[
  #text(size: 8.5pt, weight: "bold")[${esc(c.title)}]
  #v(2pt)
  #grid(columns: (1fr,) * ${points.length}, column-gutter: 4pt,
    ${bars})
  ${c.source ? `#text(size: 6.5pt, fill: rgb("#666666"))[${esc(c.source)}]` : ""}
]`;
}

function keyFigures(r) {
  const blocks = [];
  for (const m of measures) {
    if (!m.key) continue;
    const values = (r.key_figures || {})[m.id];
    if (!values) continue;
    const lines = [];
    for (const f of m.fields) {
      let v = values[f.id];
      if (v === undefined) continue;
      const q = typeof v === "object" ? v.qualifier : "";
      if (typeof v === "object") v = v.value;
      const prefix = lines.length && f.prefix ? `${esc(f.prefix)} ` : "";
      lines.push(`${prefix}${q ? esc(q) + " " : ""}#text(size: ${lines.length ? 11 : 16}pt, weight: "bold", fill: rgb("${m.color}"))[${esc(count(v))}] ${esc(f.label)}`);
    }
    blocks.push(`[#text(size: 8pt, weight: "bold", fill: rgb("${m.color}"))[${esc(m.short_name)}] \\\n${lines.join(" \\\n")}]`);
  }
  if (blocks.length === 0) return "";
  return `#block(fill: rgb("#f6f6f6"), inset: 8pt, width: 100%)[
  #text(size: 9pt, weight: "bold")[CHIFFRES CLÉS]
  #grid(columns: (1fr,) * ${Math.min(blocks.length, 4)}, column-gutter: 8pt, row-gutter: 6pt,
    ${blocks.join(",\n    ")})
]`;
}

const parts = [];
parts.push(`#set document(title: "${esc(doc.title)}")
#set page(paper: "a4", margin: (top: 48pt, bottom: 48pt, inside: 42pt, outside: 36pt),
  footer: context { set text(size: 7.5pt, fill: rgb("#666666")); h(1fr); counter(page).display() })
#set text(font: ("Marianne", "DejaVu Sans"), size: 9.5pt, lang: "fr", hyphenate: true, fill: rgb("#161616"))
#set par(justify: true, leading: 0.55em)
#show heading.where(level: 1): it => block(below: 10pt)[#text(size: 18pt, weight: "bold", fill: rgb("#000091"))[#upper(it.body)]]
#show heading.where(level: 2): it => block(below: 8pt)[#text(size: 13pt, weight: "bold", fill: rgb("#000091"))[#it.body]]
#show heading.where(level: 3): it => block(below: 4pt)[#text(size: 10pt, weight: "bold")[#it.body]]
`);

for (const s of doc.sections) {
  if (s.kind === "cover") {
    parts.push(`#page(fill: rgb("#000091"), footer: none)[
  #set text(fill: white)
  #v(1fr)
  #text(size: 30pt, weight: "bold")[${esc(doc.title.toUpperCase())}]
  #v(8pt)
  #text(size: 15pt)[${esc(doc.subtitle)}]
  #v(2fr)
  #text(size: 10pt)[${site.ministry.map(esc).join(" \\\n")}]
]`);
  } else if (s.kind === "contents") {
    parts.push(`#heading(level: 1, outlined: false)[${esc(s.title)}]\n#outline(title: none, depth: 2)\n#pagebreak()`);
  } else if (s.kind === "themes") {
    parts.push(`#heading(level: 1)[${esc(s.title)}]`);
    for (const t of themes) {
      const hl = (t.data.highlights || [])
        .map((h) => {
          const color = (h.measure && measureById.get(h.measure)?.color) || "#000091";
          const v = h.value !== undefined ? `#text(size: 20pt, weight: "bold", fill: rgb("${color}"))[${esc(count(h.value))}] ` : "";
          return `#block(inset: (left: 8pt), stroke: (left: 2pt + rgb("${color}")))[${h.qualifier ? esc(h.qualifier) + " " : ""}${v}${esc(h.text)}]`;
        })
        .join("\n");
      parts.push(`#heading(level: 2)[${esc(t.data.title)}]
#grid(columns: (3fr, 2fr), column-gutter: 14pt,
[
${markdown(t.body)}
],
[
${hl}
${(t.data.charts || []).map(chart).join("\n")}
])
#pagebreak(weak: true)`);
    }
  } else if (s.kind === "regions") {
    parts.push(`#heading(level: 1)[${esc(s.title)}]`);
    for (const r of regions) {
      const examples = r.examples
        .map((e) => `#block(fill: rgb("#e3e3fd"), inset: 8pt, width: 100%)[
#text(weight: "bold")[EXEMPLE : ${esc(e.data.name)}]${e.data.population ? ` (${esc(count(e.data.population))} h)` : ""}

${markdown(e.body)}
]`)
        .join("\n");
      // A spread, as in bilan's brochure: the key figures and the text on
      // the left page; the highlight chart, the départements and the
      // EXEMPLES on the right one.
      parts.push(`#heading(level: 2)[${esc((r.name_in || r.name).toUpperCase())}...]
${keyFigures(r)}
${markdown(r.introText)}
#pagebreak()
#grid(columns: (1fr, 1fr), column-gutter: 14pt,
[
${(r.charts || []).slice(0, 1).map(chart).join("\n")}
],
[
${(r.departements || []).length ? `#text(size: 7.5pt)[${r.departements.map((d) => esc(`${d.name} (${d.code})`)).join(", ")}]` : ""}
])
${examples}
#pagebreak(weak: true)`);
    }
  } else if (s.kind === "back_cover") {
    parts.push(`#page(footer: none)[
#v(1fr)
${(site.contacts || []).map((c) => `*${esc(c.label)}* \\\n${c.lines.map(esc).join(" \\\n")}`).join("\n\n")}
]`);
  }
}
const typ = parts.join("\n\n") + "\n";
if (typOut) fs.writeFileSync(typOut, typ);

// ---------------------------------------------------------------------------
// Compiling, timed.

const fontPaths = [path.join(source, "assets", "fonts"), "/usr/share/fonts/truetype/dejavu"];
const t0 = process.hrtime.bigint();
const compiler = NodeCompiler.create({ workspace: source, fontArgs: [{ fontPaths }] });
const t1 = process.hrtime.bigint();
const result = compiler.compile({ mainFileContent: typ });
const t2 = process.hrtime.bigint();
if (result.hasError() || !result.result) {
  result.printDiagnostics();
  console.error("brochure: error: the Typst document does not compile");
  process.exit(1);
}
const pdf = compiler.pdf(result.result);
const t3 = process.hrtime.bigint();
if (pdfOut) fs.writeFileSync(pdfOut, pdf);
const ms = (a, b) => Number(b - a) / 1e6;
console.log(
  JSON.stringify({
    pages: result.result.numOfPages,
    create_ms: ms(t0, t1),
    compile_ms: ms(t1, t2),
    pdf_ms: ms(t2, t3),
    total_ms: ms(t0, t3),
    bytes: pdf.length,
  }),
);
