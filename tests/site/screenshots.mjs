// Screenshots of pages of a built site, for a person to look at (not a test).
// Usage: node screenshots.mjs SITE_DIR OUT_DIR [WIDTH] [page.html ...]
//   default pages: the home page and the first two region pages.
//   With TILES=1 in the environment, long pages are also cut into screen-high
//   pieces (<name>-<width>-<n>.png), easier to look at than one tall image.
import fs from 'node:fs';
import path from 'node:path';
import { basePath, htmlPages, launchBrowser, serve, siteArgument, urlPath } from './lib.mjs';

const site = siteArgument();
const outDir = path.resolve(process.argv[3] || 'screenshots');
const width = Number(process.argv[4] || 1280);
let pages = process.argv.slice(5);
if (!pages.length) {
  const regions = htmlPages(site).filter((p) => /^regions\/[^/]+\/index\.html$/.test(p));
  pages = ['index.html', ...regions.slice(0, 2)];
}
fs.mkdirSync(outDir, { recursive: true });
const base = basePath(site);
const server = await serve(site, base);
const browser = await launchBrowser({ viewport: { width, height: 900 } });
try {
  const page = await browser.context.newPage();
  for (const file of pages) {
    await page.goto(server.origin + urlPath(base, file), { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const name = `${file.replace(/\/index\.html$/, '').replace(/\.html$/, '').replace(/\//g, '-') || 'home'}-${width}.png`;
    await page.screenshot({ path: path.join(outDir, name), fullPage: true });
    console.log(path.join(outDir, name));
    if (process.env.TILES) {
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const tile = Math.round(width * 1.4);
      for (let y = 0, n = 1; y < height; y += tile, n++) {
        const piece = name.replace(/\.png$/, `-${n}.png`);
        await page.screenshot({ path: path.join(outDir, piece), fullPage: true,
          clip: { x: 0, y, width, height: Math.min(tile, height - y) } });
        console.log(path.join(outDir, piece));
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
