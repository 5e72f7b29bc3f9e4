// Every page of a built site in Debian's Chromium, served on 127.0.0.1:
//   axe      axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation;
//   overflow at 375 px wide nothing sticks out to the right (no horizontal
//            scrolling), with JavaScript off, and pages hold no script.
// In both modes every request a page makes (stylesheets, fonts, icons) must
// succeed.
//
// Usage: node check_browser.mjs SITE_DIR axe|overflow
import { createRequire } from 'node:module';
import { basePath, fail, htmlPages, launchBrowser, serve, siteArgument, urlPath } from './lib.mjs';

const site = siteArgument();
const mode = process.argv[3];
if (mode !== 'axe' && mode !== 'overflow') fail('usage: node check_browser.mjs SITE_DIR axe|overflow');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const base = basePath(site);
const server = await serve(site, base);
const browser = await launchBrowser(mode === 'overflow'
  ? { viewport: { width: 375, height: 812 }, javaScriptEnabled: false }
  : { viewport: { width: 1280, height: 900 } });
const problems = [];
let checked = 0;
let rulesPassed = 0;
try {
  const page = await browser.context.newPage();
  const failedRequests = [];
  page.on('response', (r) => {
    const expected404 = r.url().endsWith('/404.html') || r.request().resourceType() === 'document';
    if (r.status() >= 400 && !expected404) failedRequests.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => failedRequests.push(`failed ${r.url()}: ${r.failure()?.errorText}`));
  for (const file of htmlPages(site)) {
    failedRequests.length = 0;
    const url = server.origin + urlPath(base, file);
    const response = await page.goto(url, { waitUntil: 'load' });
    const status = response ? response.status() : 0;
    if (status !== 200 && file !== '404.html') problems.push(`${file}: status ${status}`);
    await page.evaluate(() => document.fonts.ready);
    if (mode === 'axe') {
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(async (tags) => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return {
          passes: r.passes.length,
          violations: r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
            count: v.nodes.length,
          })),
        };
      }, WCAG_TAGS);
      rulesPassed += result.passes;
      for (const v of result.violations)
        problems.push(`${file}: ${v.id} (${v.impact}, ${v.count} nodes): ${v.help}\n      ${v.nodes.join('\n      ')}`);
    } else {
      const result = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const out = [];
        if (document.documentElement.scrollWidth > width)
          out.push(`document is ${document.documentElement.scrollWidth} px wide for a ${width} px viewport`);
        const describe = (el) => {
          let s = el.tagName.toLowerCase();
          if (el.id) s += `#${el.id}`;
          if (el.classList.length) s += `.${[...el.classList].join('.')}`;
          return s;
        };
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.right <= width + 0.5) continue;
          const style = getComputedStyle(el);
          if (style.clip === 'rect(0px, 0px, 0px, 0px)' || style.visibility === 'hidden') continue;
          // Inside a frame that clips or scrolls (wide tables scroll in theirs): fine.
          let inFrame = false;
          for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== 'visible') { inFrame = true; break; }
          }
          if (!inFrame) out.push(`${describe(el)} ends at ${Math.round(r.right)} px`);
          if (out.length > 10) break;
        }
        return { offenders: out, scripts: document.scripts.length };
      });
      for (const o of result.offenders) problems.push(`${file}: ${o}`);
      if (result.scripts) problems.push(`${file}: ${result.scripts} <script> elements; the site needs none`);
    }
    for (const f of failedRequests) problems.push(`${file}: request ${f}`);
    checked++;
  }
} finally {
  await browser.close();
  await server.close();
}
for (const p of problems) console.log(`problem: ${p}`);
if (mode === 'axe')
  console.log(`axe-core (${WCAG_TAGS.join(', ')}): ${checked} pages, ${rulesPassed} rule passes, ${problems.length} problems`);
else console.log(`375 px: ${checked} pages, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
