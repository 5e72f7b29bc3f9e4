// Every internal link and asset of a built site leads to a file: href and src
// of every page (with their #fragment, which must be an id of the target
// page), and url() of every stylesheet. External links are not followed.
import fs from 'node:fs';
import path from 'node:path';
import { basePath, htmlPages, listFiles, siteArgument } from './lib.mjs';

const site = siteArgument();
const base = basePath(site);
const files = new Set(listFiles(site));
const ids = new Map();  // page -> Set of ids

function idsOf(file) {
  if (!ids.has(file)) {
    const set = new Set();
    const html = fs.readFileSync(path.join(site, file), 'utf8');
    for (const m of html.matchAll(/\sid="([^"]*)"/g)) set.add(m[1]);
    ids.set(file, set);
  }
  return ids.get(file);
}

function decodeEntities(s) {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

// The output file a reference from `from` points to, or null when it leaves the site.
function target(from, ref) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith('//')) return null;
  const [pathPart] = ref.split(/[?#]/);
  let resolved;
  if (pathPart.startsWith('/')) {
    if (!pathPart.startsWith(base)) return { file: pathPart, missing: true };
    resolved = pathPart.slice(base.length);
  } else {
    resolved = path.posix.normalize(path.posix.join(path.posix.dirname(from), pathPart || path.posix.basename(from)));
    if (resolved.startsWith('..')) return { file: resolved, missing: true };
  }
  if (resolved === '.' || resolved === '') resolved = 'index.html';
  else if (pathPart.endsWith('/')) resolved = path.posix.join(resolved, 'index.html');
  return { file: resolved, missing: !files.has(resolved) };
}

let checked = 0;
const broken = [];
for (const page of htmlPages(site)) {
  const html = fs.readFileSync(path.join(site, page), 'utf8');
  for (const m of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
    const ref = decodeEntities(m[2]);
    const t = target(page, ref);
    if (!t) continue;
    checked++;
    if (t.missing) {
      broken.push(`${page}: ${m[1]}="${ref}" -> ${t.file}: no such file`);
      continue;
    }
    const hash = ref.indexOf('#');
    if (hash >= 0 && t.file.endsWith('.html')) {
      const id = decodeURIComponent(ref.slice(hash + 1));
      if (id && !idsOf(t.file).has(id)) broken.push(`${page}: ${m[1]}="${ref}": no id "${id}" in ${t.file}`);
    }
  }
}
for (const css of [...files].filter((f) => f.endsWith('.css'))) {
  const text = fs.readFileSync(path.join(site, css), 'utf8');
  for (const m of text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) {
    if (m[1].startsWith('data:') || m[1].startsWith('#')) continue;
    const t = target(css, m[1]);
    if (!t) continue;
    checked++;
    if (t.missing) broken.push(`${css}: url(${m[1]}) -> ${t.file}: no such file`);
  }
}
for (const b of broken) console.log(`broken: ${b}`);
console.log(`links: ${checked} internal references checked in ${htmlPages(site).length} pages and the stylesheets, ${broken.length} broken`);
process.exit(broken.length ? 1 : 0);
