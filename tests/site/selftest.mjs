// The checks themselves, checked: on fixtures/broken/, a page with one defect
// of each kind, every check must fail and name the defect. Guards against a
// check that silently passes (a checker that cannot start, a wrong selector).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.join(here, 'fixtures', 'broken');
const expectations = [
  { script: 'check_html.mjs', args: [], expect: ['error: index.html', 'An “img” element must have an “alt” attribute'] },
  { script: 'check_links.mjs', args: [], expect: ['absente.png', 'nulle-part/', 'no id "ancre-absente"'] },
  { script: 'check_browser.mjs', args: ['axe'], expect: ['image-alt', 'color-contrast'] },
  { script: 'check_browser.mjs', args: ['overflow'], expect: ['div ends at', 'request 404'] },
];
let failures = 0;
for (const e of expectations) {
  const run = spawnSync(process.execPath, [path.join(here, e.script), site, ...e.args], { encoding: 'utf8' });
  const out = run.stdout + run.stderr;
  const missing = e.expect.filter((s) => !out.includes(s));
  const name = [e.script, ...e.args].join(' ');
  if (run.status !== 1 || missing.length) {
    failures++;
    console.log(`FAIL ${name}: exit ${run.status}, missing ${JSON.stringify(missing)}\n${out}`);
  } else {
    console.log(`ok   ${name}: fails as it should (${e.expect.length} defects named)`);
  }
}
process.exit(failures ? 1 : 0);
