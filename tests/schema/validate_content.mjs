// Validates every shipped content file against the committed JSON Schemas
// (assets/schema/catalog.json says which schema applies to which files),
// with ajv and js-yaml: the same reading an editor's YAML extension makes.
// Also checks that the schemas reject what the loader rejects, so a schema
// accepting everything could not pass.
//   node validate_content.mjs SCHEMA_DIR PROJECT_DIR
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";

const [schemaDir, projectDir] = process.argv.slice(2);
const require = createRequire(resolve(projectDir, "package.json"));
const Ajv2020 = require("ajv/dist/2020").default;
const yaml = require("js-yaml");

let passed = 0;
let failed = 0;
const fail = (msg) => { console.log("FAIL " + msg); failed++; };

// "content/regions/*/region.yaml" -> matching files ("*" stays within one folder).
function expand(glob) {
  const parts = glob.split("/");
  let paths = [""];
  for (const part of parts) {
    const next = [];
    const re = new RegExp("^" + part.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*") + "$");
    for (const p of paths) {
      const dir = join(projectDir, p);
      let names = [];
      try { names = readdirSync(dir); } catch { continue; }
      for (const n of names) if (re.test(n)) next.push(p ? p + "/" + n : n);
    }
    paths = next;
  }
  return paths.filter((p) => statSync(join(projectDir, p)).isFile()).sort();
}

function readDoc(path, frontMatter) {
  let text = readFileSync(join(projectDir, path), "utf8");
  if (frontMatter) {
    const m = text.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n/);
    if (!m) throw new Error("no front matter");
    text = m[1];
  }
  // YAML 1.2 core schema: no dates, "yes" is text; as yaml-cpp reads it.
  return yaml.load(text, { schema: yaml.CORE_SCHEMA });
}

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
const catalog = JSON.parse(readFileSync(join(schemaDir, "catalog.json"), "utf8"));
const validators = {};
for (const entry of catalog.schemas) {
  let validate;
  try {
    validate = ajv.compile(JSON.parse(readFileSync(join(schemaDir, entry.url), "utf8")));
    passed++;
  } catch (e) {
    fail(`${entry.url} is not a valid JSON Schema: ${e.message}`);
    continue;
  }
  validators[entry.url] = validate;
  for (const glob of entry.fileMatch) {
    const files = expand(glob);
    if (files.length === 0) fail(`${glob}: no shipped file matches`);
    for (const f of files) {
      let doc;
      try { doc = readDoc(f, entry.frontMatter); } catch (e) { fail(`${f}: ${e.message}`); continue; }
      if (validate(doc)) passed++;
      else fail(`${f} against ${entry.url}: ${ajv.errorsText(validate.errors)}`);
    }
  }
}

// What the loader refuses, the schemas refuse too.
const rejects = [
  ["territory.schema.json", { id: "x", level: "region", name: "X", populaton: 3 }, "unknown key"],
  ["territory.schema.json", { id: "x", level: "region" }, "missing required key"],
  ["territory.schema.json", { id: "x", level: "regoin", name: "X" }, "value outside the choices"],
  ["territory.schema.json", { id: "x", level: "region", name: "X", key_figures: { cesp: { signes: -1 } } }, "negative figure"],
  ["territory.schema.json", { id: "x", level: "region", name: "X", key_figures: { cesp: { signes: null } } }, "figure without value"],
  ["territory.schema.json", { id: "x", level: "region", name: "X", population: 12.5 }, "decimal population"],
  ["example.schema.json", { name: "X", measures: "msp" }, "text where a list is expected"],
  ["measures.schema.json", { measures: [{ id: "x", short_name: "X", long_name: "x", color: "#000000", fields: [], key: "yes" }] }, "text where a boolean is expected"],
];
for (const [url, doc, what] of rejects) {
  const validate = validators[url];
  if (!validate) { fail(`${url} missing from the catalog`); continue; }
  if (validate(doc)) fail(`${url} accepts a document with a ${what}`);
  else passed++;
}
// An optional key written without a value is absent to the loader.
if (validators["territory.schema.json"]?.({ id: "x", level: "region", name: "X", population: null })) passed++;
else fail("territory.schema.json refuses an optional key without a value");

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
