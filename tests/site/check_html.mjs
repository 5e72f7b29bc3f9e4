// The Nu Html Checker (npm vnu-jar, run with Debian's Java) on every page of
// a built site: any error fails. Warnings are listed, not counted.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fail, htmlPages, siteArgument } from './lib.mjs';

const site = siteArgument();
const jar = String(createRequire(import.meta.url)('vnu-jar'));
const pages = htmlPages(site);
// With --format json the checker writes its report on stderr.
const run = spawnSync('java', ['-jar', jar, '--format', 'json', '--exit-zero-always',
  ...pages.map((p) => path.join(site, p))], { encoding: 'utf8', maxBuffer: 64 << 20 });
if (run.error) fail(`cannot run java: ${run.error.message}`);
let report;
try {
  report = JSON.parse(run.stderr);
} catch {
  fail(`unexpected output from the checker:\n${run.stderr}\n${run.stdout}`);
}

let errors = 0;
let warnings = 0;
for (const m of report.messages) {
  const file = m.url ? path.relative(site, decodeURIComponent(new URL(m.url).pathname)) : '?';
  const where = `${file}:${m.lastLine ?? m.firstLine ?? 0}:${m.firstColumn ?? m.lastColumn ?? 0}`;
  const extract = m.extract ? `\n    ${m.extract.replace(/\s+/g, ' ')}` : '';
  if (m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal') {
    errors++;
    console.log(`error: ${where}: ${m.message}${extract}`);
  } else {
    warnings++;
    console.log(`warning: ${where}: ${m.message}${extract}`);
  }
}
console.log(`nu html checker: ${pages.length} pages, ${errors} errors, ${warnings} warnings`);
process.exit(errors ? 1 : 0);
