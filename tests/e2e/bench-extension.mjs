// Extension figures (a benchmark, not a test), in headless Chromium with the unpacked
// extension, run by `make bench`:
// 1. page-load time (navigation start to the end of the load event) of a page with nothing to
//    catch (an article without a form) and of the demo checkout (www/samples/de-checkout.html):
//    no extension vs. an extension whose content scripts are empty (same entries as haken's
//    manifest: the injection floor) vs. haken, interleaved in one run, median of 21 each
//    (goal <= 1.05x);
// 2. re-scan after one inserted form in a 10,000-element page vs. the full first scan
//    (goal <= 10%), from the content script's own work timings (yields excluded);
// 3. a 100,000-element page: the longest main-thread task after the load event (when the
//    extension works), with and without the extension (goal: none over 50 ms).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { launchWithExtension } from './extension.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => x.toFixed(1);

const dir = mkdtempSync(join(tmpdir(), 'haken-bench-'));
const synthetic = (elements, controls) => execFileSync('cargo',
  ['run', '--quiet', '--release', '--example', 'synthetic', '--', String(elements), String(controls)], { maxBuffer: 1 << 28 });
writeFileSync(join(dir, 'page-10k.html'), synthetic(10000, 300));
writeFileSync(join(dir, 'page-100k.html'), synthetic(100000, 1000));

// A page with nothing to catch: an article with navigation, headings, lists and a footer.
const paragraph = (i) => `<p>Absatz ${i}: Der Herbst bringt Äpfel, Birnen und Quitten. Wer sie lagert, legt sie kühl und dunkel, `
  + 'getrennt nach Sorten, und schaut jede Woche nach, ob eine fault. Quitten duften stark und gehören in einen eigenen Raum.</p>';
writeFileSync(join(dir, 'article.html'), `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Obst lagern</title>
<style>body{font:16px/1.5 serif;max-width:40em;margin:auto}nav a{margin-right:1em}</style></head><body>
<nav>${Array.from({ length: 12 }, (_, i) => `<a href="/rubrik-${i}">Rubrik ${i}</a>`).join('')}</nav>
<article><h1>Obst richtig lagern</h1>${Array.from({ length: 8 }, (_, s) => `<h2>Abschnitt ${s + 1}</h2>
${Array.from({ length: 10 }, (_, i) => paragraph(s * 10 + i)).join('\n')}<ul><li>Äpfel</li><li>Birnen</li><li>Quitten</li></ul>`).join('\n')}</article>
<footer><a href="/impressum">Impressum</a> <a href="/kontakt">Kontakt</a></footer></body></html>`);

// The injection floor: an extension with haken's content-script entries, each an empty file.
const empty = join(dir, 'empty-extension');
mkdirSync(empty);
const manifest = JSON.parse(readFileSync('extension/manifest.json', 'utf8'));
writeFileSync(join(empty, 'empty.js'), '');
writeFileSync(join(empty, 'manifest.json'), JSON.stringify({
  manifest_version: 3, name: 'empty', version: '1', background: { service_worker: 'empty.js' },
  content_scripts: manifest.content_scripts.map((c) => ({ ...c, js: ['empty.js'] })),
}));

const www = await startServer({ root: 'www' });
const pages = await startServer({ root: dir });
const plain = await launchWithExtension({ extension: null });
const floor = await launchWithExtension({ extension: empty });
const withExt = await launchWithExtension();

async function loadTime(context, url) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const ms = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
  await page.close();
  return ms;
}

/** The figures of the tab that reported last (the benchmark has one page open at a time). */
async function tabStats() {
  return withExt.worker.evaluate(async () => {
    const tabs = Object.values(await chrome.storage.session.get(null));
    tabs.sort((x, y) => (y.updated ?? 0) - (x.updated ?? 0));
    return tabs[0]?.stats?.['0'];
  });
}

async function waitForStats(page, done, timeout = 60000) {
  const end = Date.now() + timeout;
  for (;;) {
    const stats = await tabStats(page);
    if (stats && done(stats)) return stats;
    if (Date.now() > end) throw new Error('the extension did not report in time');
    await page.waitForTimeout(100);
  }
}

try {
  // 1. Page load.
  const RUNS = 21;
  for (const [name, url] of [['page with nothing to catch', `${pages.url}article.html`], ['demo checkout', `${www.url}samples/de-checkout.html`]]) {
    const runs = { none: [], empty: [], haken: [] };
    const browsers = [['none', plain.context], ['empty', floor.context], ['haken', withExt.context]];
    for (let i = 0; i < 3; i++) for (const [, context] of browsers) await loadTime(context, url);
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, in a rotating order, so drift and other load on the machine hit all three alike.
      for (let k = 0; k < browsers.length; k++) {
        const [key, context] = browsers[(i + k) % browsers.length];
        runs[key].push(await loadTime(context, url));
      }
    }
    const [none, emptyMs, hakenMs] = [median(runs.none), median(runs.empty), median(runs.haken)];
    console.log(`page load, ${name} (median of ${RUNS} interleaved): no extension ${fmt(none)} ms, empty content scripts ${fmt(emptyMs)} ms `
      + `(${(emptyMs / none).toFixed(3)}x), haken ${fmt(hakenMs)} ms = ${(hakenMs / none).toFixed(3)}x of no extension, `
      + `${(hakenMs / emptyMs).toFixed(3)}x of the empty extension (goal <= 1.05x)`);
  }

  // 2. Incremental re-scan.
  const page = await withExt.context.newPage();
  await page.goto(`${pages.url}page-10k.html`);
  const first = await waitForStats(page, (s) => s.scans.some((x) => x.whole));
  const whole = first.scans.find((x) => x.whole);
  const ratios = [];
  for (let i = 0; i < 5; i++) {
    await page.evaluate((n) => {
      const form = document.createElement('form');
      form.innerHTML = `<fieldset><legend>Ihre Einstellungen ${n}</legend>
        <p><input type="checkbox" id="late-news-${n}" checked><label for="late-news-${n}">Ja, ich möchte den Newsletter mit Angeboten per E-Mail erhalten</label></p>
        <p><input type="checkbox" id="late-partner-${n}" checked><label for="late-partner-${n}">Meine Daten dürfen an Partnerunternehmen für Werbung weitergegeben werden</label></p>
        <p><input type="checkbox" id="late-agb-${n}"><label for="late-agb-${n}">Ich akzeptiere die AGB</label></p></fieldset>`;
      document.body.append(form);
    }, i);
    const stats = await waitForStats(page, (s) => s.scans.filter((x) => !x.whole).length > i);
    const last = stats.scans.filter((x) => !x.whole).at(-1);
    ratios.push(last.workMs / whole.workMs);
  }
  const last = await tabStats(page);
  console.log(`10,000-element page: full scan ${fmt(whole.workMs)} ms of work (${whole.controls} controls; engine start ${fmt(last.startupMs)} ms); re-scan after one inserted form: median ${(median(ratios) * 100).toFixed(1)}% of the full scan (goal <= 10%)`);
  await page.close();

  // 3. Long tasks on a 100,000-element page.
  const observe = () => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  };
  async function longest(context, ext) {
    const p = await context.newPage();
    await p.addInitScript(observe);
    await p.goto(`${pages.url}page-100k.html`, { waitUntil: 'load' });
    if (ext) await waitForStats(p, (s) => s.scans.some((x) => x.whole));
    await p.waitForTimeout(1500);
    const r = await p.evaluate(() => {
      const load = performance.getEntriesByType('navigation')[0].loadEventEnd;
      const after = window.__longTasks.filter((t) => t.start >= load);
      return { count: after.length, longest: Math.max(0, ...after.map((t) => t.ms)), elements: document.getElementsByTagName('*').length };
    });
    const stats = ext ? await tabStats(p) : null;
    await p.close();
    return { ...r, stats };
  }
  const without = await longest(plain.context, false);
  const withIt = await longest(withExt.context, true);
  console.log(`100,000-element page (${withIt.elements} elements, ${withIt.stats.scans.find((x) => x.whole).controls} controls): longest task after load without the extension ${fmt(without.longest)} ms (${without.count} over 50 ms), with it ${fmt(withIt.longest)} ms (${withIt.count} over 50 ms); extension: rule compile ${fmt(withIt.stats.startupMs)} ms in parts of at most ${fmt(withIt.stats.longestCompileMs)} ms, longest scan slice ${fmt(withIt.stats.longestSliceMs)} ms, permission reading ${fmt(withIt.stats.longestPermissionsMs)} ms (goal: no task over 50 ms)`);
} finally {
  await withExt.close();
  await floor.close();
  await plain.close();
  await www.close();
  await pages.close();
  rmSync(dir, { recursive: true, force: true });
}
