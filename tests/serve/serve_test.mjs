// bilan serve, end to end, on a copy of the shipped project.
//   node serve_test.mjs BILAN PROJECT_DIR
// Prints the measured times (save -> reload event, and the rebuild time
// bilan reports), then "N passed, M failed".
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const [bilan, project] = process.argv.slice(2);
const require = createRequire(path.resolve(project, 'package.json'));
let passed = 0;
let failed = 0;
function check(what, ok, detail = '') {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL ${what}${detail ? ': ' + detail : ''}`);
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bilan-serve-test-'));
const src = path.join(tmp, 'p');
for (const d of ['content', 'templates', 'assets'])
  if (fs.existsSync(path.join(project, d))) fs.cpSync(path.join(project, d), path.join(src, d), { recursive: true });
const regionFile = path.join(src, 'content/regions/bretagne/region.yaml');
const good = fs.readFileSync(regionFile, 'utf8');
const orderLine = good.split('\n').findIndex((l) => l === 'order: 3') + 1;

// --- the server -------------------------------------------------------------
const server = spawn(bilan, ['serve', '--source', src, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
let err = '';
server.stdout.on('data', (d) => { out += d; });
server.stderr.on('data', (d) => { err += d; });
const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));

async function until(what, test, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = test();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}\nstdout:\n${out}\nstderr:\n${err}`);
}

// A GET with the path sent exactly as given (fetch() would normalise "..").
function get(port, rawPath) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: rawPath }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    }).on('error', reject);
  });
}

// The event stream, parsed into {name, data} as it arrives.
function events(port) {
  const list = [];
  let buf = '';
  const req = http.get({ host: '127.0.0.1', port, path: '/__bilan/events' }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (d) => {
      buf += d;
      let at;
      while ((at = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, at);
        buf = buf.slice(at + 2);
        let name = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) name = line.slice(7);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (!block.startsWith(':')) list.push({ name, data: data.join('\n'), at: Date.now() });
      }
    });
  });
  req.on('error', () => {});
  let seen = 0;
  return {
    close: () => req.destroy(),
    skip: () => { seen = list.length; },  // forget the events received so far
    next: (name) => until(`event ${name}`, () => {
      for (let i = seen; i < list.length; i++)
        if (list[i].name === name) { seen = i + 1; return list[i]; }
      return null;
    }),
  };
}

let browser = null;
try {
  const url = await until('the serving line', () => /serving (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(out));
  const origin = url[1].replace(/\/$/, '');
  const port = Number(url[2]);
  check('listens on 127.0.0.1 by default', url[1].startsWith('http://127.0.0.1:'));
  // /proc/net/tcp lists the listening socket as 0100007F:PORT (127.0.0.1), not 00000000 (every interface).
  const tcp = fs.readFileSync('/proc/net/tcp', 'utf8');
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  check('bound to loopback only', tcp.includes(`0100007F:${hexPort}`) && !tcp.includes(`00000000:${hexPort}`));

  // A page, with the script; other files without.
  const home = await get(port, '/');
  check('home page served', home.status === 200 && home.body.includes('</html>'), `status ${home.status}`);
  check('live-reload script injected in served pages', /<script src="\/__bilan\/live\.js\?g=\d+"><\/script><\/body>/.test(home.body));
  const page0 = await get(port, '/regions/bretagne/');
  check('region page served', page0.status === 200 && page0.body.includes('Bretagne'));
  const script = await get(port, '/__bilan/live.js');
  check('script served', script.status === 200 && script.body.includes('EventSource'));

  // Paths outside the site: refused, encoded or not.
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'secret');
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/%2e%2e/etc/passwd', '/regions/..%2f..%2fsecret.txt',
    '/regions/%2e%2e/%2e%2e/p/content/site.yaml']) {
    const r = await get(port, p);
    check(`refuses ${p}`, r.status === 400 && !r.body.includes('secret'), `status ${r.status}`);
  }
  check('a name that only looks like a way up is just absent', (await get(port, '/%252e%252e/secret.txt')).status === 404);
  check('source files are not served', (await get(port, '/content/site.yaml')).status === 404);

  // Edit a figure: the event lists the region page, which shows the new figure.
  const ev = events(port);
  await ev.next('hello');
  const t0 = Date.now();
  fs.writeFileSync(regionFile, good.replace(/signes: 92\b/, 'signes: 4321'));
  const reload = await ev.next('reload');
  const saveToEvent = reload.at - t0;
  const changed = JSON.parse(reload.data).changed;
  check('reload event lists the region page', changed.includes('regions/bretagne/index.html'), reload.data);
  const page1 = await get(port, '/regions/bretagne/');
  check('the page shows the new figure', page1.body.includes('>4\u202f321<'));
  const rebuilt = await until('the rebuild line', () => /region\.yaml: rebuilt in (\d+(?:\.\d+)? m?s)/.exec(out));
  console.log(`measured: save -> reload event ${saveToEvent} ms; bilan reports "rebuilt in ${rebuilt[1]}"`);

  // Break it: the terminal and the event carry the same located message; the
  // last good page is still served.
  fs.writeFileSync(regionFile, good.replace(/signes: 92\b/, 'signes: 4321').replace(/^order: 3$/m, 'order: trois'));
  const message = `bilan: error: content/regions/bretagne/region.yaml:${orderLine}:8: expected a whole number for 'order', got 'trois'\n    order: trois\n           ^`;
  const bad = await ev.next('build-error');
  check('error event carries the file:line:col message', bad.data === message, JSON.stringify(bad.data));
  await until('the error on the terminal', () => err.includes(message + '\n'));
  const page2 = await get(port, '/regions/bretagne/');
  check('the last good page is still served', page2.status === 200 && page2.body.includes('>4\u202f321<'));

  // In a browser: the overlay shows over the page, and goes when the file is fixed.
  if (fs.existsSync('/usr/bin/chromium')) {
    const { chromium } = require('playwright-core');
    const profile = fs.mkdtempSync(path.join(tmp, 'chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium', headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    const tab = await browser.newPage();
    await tab.goto(origin + '/regions/bretagne/');
    const overlay = tab.locator('#bilan-error-overlay');
    await overlay.waitFor({ state: 'visible', timeout: 10000 });
    const shown = await overlay.innerText();
    check('browser shows the overlay with the message', shown.includes("region.yaml:" + orderLine + ":8: expected a whole number for 'order', got 'trois'"), shown);
    await tab.screenshot({ path: path.join(tmp, 'overlay.png') });
    if (process.env.BILAN_SCREENSHOTS) fs.copyFileSync(path.join(tmp, 'overlay.png'), path.join(process.env.BILAN_SCREENSHOTS, 'serve-overlay.png'));
    fs.writeFileSync(regionFile, good.replace(/signes: 92\b/, 'signes: 4321'));
    await overlay.waitFor({ state: 'detached', timeout: 10000 });
    check('fixing the file clears the overlay in the browser', true);
    // The page's content once it shows `text`, read between reloads: a
    // reload can start at any moment (content() refuses while the page
    // navigates), so read again until it shows or 10 s have passed.
    const shows = async (text) => {
      for (const end = Date.now() + 10000; Date.now() < end;) {
        try {
          if ((await tab.content()).includes(text)) return true;
        } catch (e) {
          if (!/navigating/.test(String(e))) throw e;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return false;
    };
    check('the fixed file reloads the open page', await shows('>4\u202f321<'));
    // An edit reloads the open page by itself.
    fs.writeFileSync(regionFile, good.replace(/signes: 92\b/, 'signes: 5432'));
    check('an edit reloads the open page', await shows('>5\u202f432<'));
    await browser.close();
    browser = null;
  } else {
    console.log('FAIL /usr/bin/chromium missing (scripts/setup.sh installs it)');
    failed++;
  }

  // Back to the shipped file: the page follows.
  await new Promise((r) => setTimeout(r, 300));  // let the browser part's last rebuild be told
  ev.skip();
  fs.writeFileSync(regionFile, good);
  // (A late event of the browser part may come first: look at a few.)
  let back = false;
  for (let i = 0; i < 3 && !back; i++) {
    const fixed = await ev.next('reload');
    back = JSON.parse(fixed.data).changed.includes('regions/bretagne/index.html') &&
      (await get(port, '/regions/bretagne/')).body.includes('>92<');
  }
  check('the shipped file back: reload event and page', back);
  ev.close();

  // The server never exited on bad input; it stops on SIGTERM.
  check('still running after the broken file', server.exitCode === null);
  server.kill('SIGTERM');
  const end = await exited;
  check('stops cleanly on SIGTERM', end.code === 0, JSON.stringify(end));
  check('says it stopped', out.includes('bilan: stopped'));

  // `bilan build` output never has the script.
  const site = path.join(tmp, 'site');
  const b = spawnSync(bilan, ['build', '--source', src, '--out', site, '-q']);
  check('bilan build succeeds', b.status === 0, String(b.stderr));
  const html = [];
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const f = path.join(d, e.name); if (e.isDirectory()) walk(f); else html.push(f); } };
  walk(site);
  check('build output has pages', html.some((f) => f.endsWith('.html')));
  check('build output never has the live-reload script', html.every((f) => !fs.readFileSync(f).includes('__bilan')));
} catch (e) {
  console.log('FAIL ' + e.message);
  failed++;
} finally {
  if (browser) await browser.close().catch(() => {});
  if (server.exitCode === null) server.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
