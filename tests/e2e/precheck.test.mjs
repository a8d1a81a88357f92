// The pre-check (extension/content/precheck.js) decides, without the engine, whether a frame
// has anything for haken; where it says no, nothing else is loaded. It must never lose a
// finding. Here it runs in Chromium on every labelled page (fixtures, holdout, the blind sets,
// the extension's test pages, permission pages, policy pages and breach notices), as the
// browser parsed it with the page's scripts blocked (so the DOM is the markup the command line
// reads), and must say yes wherever `haken scan` finds anything, for the right reason. Its
// breach gate must pass every notice of tests/breach and tests/breach-blind, and every text
// `haken breach` calls a notice. Figures: how many pages pass each test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import vm from 'node:vm';
import { startServer } from '../../scripts/serve.mjs';
import { launch } from './browser.mjs';

const SETS = ['tests/fixtures', 'tests/holdout', 'tests/blind', 'tests/blind-platforms', 'tests/blind-platforms-2',
  'tests/extension/pages', 'tests/permissions', 'tests/permissions-blind', 'tests/policy-pages',
  'tests/breach/notices', 'tests/breach-blind/notices'].filter(existsSync);
// Every labelled breach set, blind ones included: the gate must pass notices nobody tuned it for.
const NOTICES = readdirSync('tests').filter((d) => d.startsWith('breach') && existsSync(join('tests', d, 'labels.jsonl')))
  .map((d) => join('tests', d));
const SOURCE = readFileSync('extension/content/precheck.js', 'utf8');
const HAKEN = 'target/release/haken';

const walk = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? walk(path) : [path];
});

/** The pre-check's functions, loaded in a plain context (for text-only checks). */
function precheckInNode() {
  const context = vm.createContext({});
  vm.runInContext(SOURCE, context);
  return vm.runInContext('globalThis[Symbol.for("haken.precheck")]', context);
}

/** What `haken` says about a file: JSON lines. */
function haken(command, file) {
  const out = execFileSync(HAKEN, [command, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

let browser;
let server;

before(() => {
  execFileSync('cargo', ['build', '--quiet', '--release', '--bin', 'haken'], { stdio: 'inherit' });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('breach gate: every labelled notice and every text the engine calls a notice passes', () => {
  const { breachLike } = precheckInNode();
  let notices = 0;
  let others = 0;
  let othersPassing = 0;
  for (const set of NOTICES) {
    for (const line of readFileSync(join(set, 'labels.jsonl'), 'utf8').split('\n').filter(Boolean)) {
      const label = JSON.parse(line);
      const file = join(set, 'notices', label.file);
      // The extension reads an HTML page's text; the gate sees its text content (tags gone).
      const raw = readFileSync(file, 'utf8');
      const text = file.endsWith('.html') ? raw.replace(/<[^>]*>/g, '') : raw;
      const engine = haken('breach', file).some((r) => r.notice === true);
      if (label.notice || engine) {
        notices += 1;
        assert.ok(breachLike(text), `${file}: a notice the gate would not pass`);
      } else {
        others += 1;
        if (breachLike(text)) othersPassing += 1;
      }
    }
  }
  assert.ok(notices >= 30, `notices checked: ${notices}`);
  console.log(`breach gate: ${notices} of ${notices} notices pass; ${othersPassing} of ${others} labelled non-notices pass too`);
});

test('pre-check says yes wherever the command line finds something, on every labelled page', async () => {
  browser = await launch();
  // Page scripts are blocked, so the browser's DOM is the markup the command line reads.
  server = await startServer({ root: '.', headers: () => ({ 'content-security-policy': "script-src 'none'" }) });
  const context = await browser.newContext();
  const files = SETS.flatMap(walk).filter((f) => f.endsWith('.html'));
  assert.ok(files.length >= 120, `pages: ${files.length}`);
  const counts = { pages: 0, nothing: 0, controls: 0, invites: 0, listing: 0, form: 0, policy: 0, breach: 0 };
  const missed = [];
  const page = await context.newPage();
  for (const file of files) {
    const findings = haken('scan', file);
    const kinds = new Set(findings.map((f) => f.kind));
    const breach = haken('breach', file).some((r) => r.notice === true);
    await page.goto(`${server.url}${relative('.', file)}`, { waitUntil: 'load' });
    const why = await page.evaluate(`${SOURCE}; globalThis[Symbol.for('haken.precheck')].reasons(document, true, true)`);
    counts.pages += 1;
    if (!why.length) counts.nothing += 1;
    for (const w of why) counts[w] += 1;
    const need = [];
    if (kinds.has('preticked_consent')) need.push(['controls']);
    if (kinds.has('permission') || kinds.has('group_invite')) need.push(['listing', 'invites', 'controls']);
    if (kinds.has('policy_claim') || kinds.has('policy_contradiction')) need.push(['policy']);
    if (breach) need.push(['breach']);
    for (const any of need) {
      if (!any.some((w) => why.includes(w))) missed.push(`${file}: needs one of ${any.join('/')}, pre-check says ${why.join(',') || 'nothing'}`);
    }
  }
  console.log(`pre-check on ${counts.pages} labelled pages: ${counts.nothing} with nothing to catch; controls ${counts.controls}, invitation links ${counts.invites}, listing headings ${counts.listing}, account forms ${counts.form}, policy ${counts.policy}, breach words ${counts.breach}`);
  assert.deepEqual(missed, [], 'the pre-check never loses a finding');
});

test('pre-check says no on a page with nothing to catch', async () => {
  const page = await browser.newPage();
  await page.setContent(`<!doctype html><html lang="de"><head><title>Rezepte</title></head><body>
    <h1>Apfelkuchen</h1><p>Zutaten: Äpfel, Mehl, Zucker, Butter.</p><ul><li>Backen</li></ul>
    <form><input type="search" name="q"><button>Suchen</button></form><a href="/impressum">Impressum</a></body></html>`);
  const why = await page.evaluate(`${SOURCE}; globalThis[Symbol.for('haken.precheck')].reasons(document, true)`);
  assert.deepEqual(why, []);
  // A control inside an open shadow root is found.
  const shadow = await page.evaluate(() => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<input type="checkbox" checked>';
    document.body.append(host);
    return globalThis[Symbol.for('haken.precheck')].reasons(document, false);
  });
  assert.deepEqual(shadow, ['controls']);
  await page.close();
});
