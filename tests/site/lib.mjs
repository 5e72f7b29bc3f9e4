// Shared by the site checks: list a built site, serve it on 127.0.0.1 under
// the path of its base URL (as a web server would), and start Debian's
// Chromium through playwright-core with a fresh profile.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

export function fail(message) {
  console.error(message);
  process.exit(2);
}

/** Files under `dir`, relative, with '/', sorted. */
export function listFiles(dir, base = dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, base));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

export function htmlPages(site) {
  return listFiles(site).filter((f) => f.endsWith('.html'));
}

/** The path the site is published under: that of the sitemap's first URL, else "/". */
export function basePath(site) {
  const sitemap = path.join(site, 'sitemap.xml');
  if (!fs.existsSync(sitemap)) return '/';
  const m = /<loc>([^<]*)<\/loc>/.exec(fs.readFileSync(sitemap, 'utf8'));
  if (!m) return '/';
  let p = new URL(m[1]).pathname;
  if (!p.endsWith('/')) p += '/';
  return p;
}

/** The URL path of an output file: "regions/bretagne/index.html" -> "<base>regions/bretagne/". */
export function urlPath(base, file) {
  return base + (file === 'index.html' ? '' : file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
  '.woff': 'font/woff', '.pdf': 'application/pdf', '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `site` at http://127.0.0.1:<port><base>. A folder serves its
 * index.html; anything else missing gets 404.html with status 404, like a
 * production server. `requests` records every path asked and its status.
 */
export async function serve(site, base) {
  const requests = [];
  const root = path.resolve(site);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let status = 200;
    let file = null;
    const pathname = decodeURIComponent(url.pathname);
    if (pathname.startsWith(base)) {
      let rel = pathname.slice(base.length);
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const full = path.resolve(root, rel);
      if (full.startsWith(root + path.sep) && fs.existsSync(full) && fs.statSync(full).isFile()) file = full;
      else if (fs.existsSync(full) && fs.statSync(full).isDirectory()) {
        res.writeHead(301, { Location: pathname + '/' });
        res.end();
        requests.push({ path: pathname, status: 301 });
        return;
      }
    }
    if (!file) {
      status = 404;
      file = path.join(root, '404.html');
      if (!fs.existsSync(file)) {
        requests.push({ path: pathname, status });
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('not found\n');
        return;
      }
    }
    requests.push({ path: pathname, status });
    res.writeHead(status, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Debian's Chromium, headless, with a fresh profile folder removed by close(). */
export async function launchBrowser(options = {}) {
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bilan-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function siteArgument() {
  const site = process.argv[2];
  if (!site || !fs.existsSync(path.join(site, 'index.html'))) fail(`usage: node ${path.basename(process.argv[1])} SITE_DIR (a built site with index.html)`);
  return path.resolve(site);
}
