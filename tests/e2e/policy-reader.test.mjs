// End to end: one reader of a policy page's text. The extension's reader (policy-text.js, in
// Chromium) and the command line's (`haken claims page.html`, src/policy/page.rs) must give the
// same findings on every policy page: the same categories on the same sentences. Both read
// rules/policy/page-text.json; this test catches a reader that drifts from it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGES = [
  '/samples/datenschutz.html',
  '/samples/privacy-policy.html',
  '/policy-pages/awkward-markup.html',
];

let server;
let browser;
before(async () => {
  server = await startServer({ root: `${ROOT}www`, mounts: { '/policy-pages/': `${ROOT}tests/policy-pages` } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** `category: evidence` of every finding, sorted (spans differ: UTF-8 bytes vs UTF-16 units). */
const key = (findings) => findings.map((f) => `${f.kind}:${f.category}: ${f.evidence}`).sort();

/** The command line's findings for a file of the repository. */
function cli(file) {
  const out = execFileSync('cargo', ['run', '--quiet', '--bin', 'haken', '--', 'claims', file], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out).findings;
}

for (const path of PAGES) {
  test(`policy text: the extension's reader and the command line's agree on ${path}`, async () => {
    const page = await browser.newPage();
    await page.goto(new URL(path, server.url).href);
    const found = await page.evaluate(async () => {
      const { readText } = await import('/ext/content/policy-text.js');
      const mod = await import('/pkg-policy/haken-policy.js');
      await mod.default();
      const claims = new mod.Claims();
      const read = readText(document);
      return claims.analyze(read.text, 'auto', undefined).findings;
    });
    await page.close();
    const file = path.startsWith('/samples/') ? `www${path}` : `tests${path}`;
    const expected = cli(file);
    assert.ok(expected.length > 0, `${file}: the command line finds claims`);
    assert.deepEqual(key(found), key(expected));
  });
}

test('policy text: hidden drafts, buttons, form fields and frames are not the policy', () => {
  const evidence = cli('tests/policy-pages/awkward-markup.html').map((f) => f.evidence).join('\n');
  for (const left of ['garden-centre partners', 'brokers', 'advertisers', 'rent your data', 'e-mail address with partners']) {
    assert.ok(!evidence.includes(left), `${left} is not read`);
  }
  assert.match(evidence, /never sell/);
  assert.match(evidence, /transferred to the new owner/);
});
