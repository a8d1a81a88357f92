// Browser figures (a benchmark, not a test): in headless Chromium, on a generated
// 10,000-element checkout with 300 controls, the time of a full haken scan against the floor
// (plain JavaScript: querySelectorAll of the same candidates and reading their label text).
// Run by `make bench` after the wasm build.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const page10k = execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'synthetic', '--', '10000', '300'], { maxBuffer: 1 << 26 });
mkdirSync('www/bench', { recursive: true });
writeFileSync('www/bench/checkout-10k.html', page10k);

const server = await startServer({ root: 'www' });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(server.url + 'bench/checkout-10k.html');
  const r = await page.evaluate(async () => {
    const CANDIDATES = 'input[type=checkbox], input[type=radio], [role=checkbox], [role=switch], button[aria-pressed]';
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const t0 = performance.now();
    const mod = await import('/pkg/haken.js');
    await mod.default();
    const t1 = performance.now();
    const haken = new mod.Haken();
    const t2 = performance.now();
    const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
    const time = (f, runs = 31) => { const xs = []; for (let i = 0; i < runs; i++) { const s = performance.now(); f(); xs.push(performance.now() - s); } return median(xs); };
    let sink = 0;
    const floor = time(() => {
      for (const el of document.querySelectorAll(CANDIDATES)) {
        const labels = el.labels;
        sink += (labels && labels.length ? labels[0].textContent : el.getAttribute('aria-label') ?? el.textContent).length;
      }
    });
    let findings = 0;
    const scan = time(() => { findings = haken.scan(document).length; });
    // One mark on a settled page (as a shopper gets it): clear, let layout settle, then time.
    const marks = [];
    for (let i = 0; i < 7; i++) {
      haken.clear(document);
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
      const s = performance.now(); haken.mark(document); marks.push(performance.now() - s);
    }
    const mark = median(marks);
    // A re-scan after a change: one box toggled before each scan, so nothing kept answers.
    const box = document.querySelector('input[type=checkbox]');
    const changed = time(() => { box.checked = !box.checked; haken.scan(document); });
    // What the page itself pays for that change: style and layout brought up to date.
    const relayout = time(() => { box.checked = !box.checked; box.getBoundingClientRect(); });
    haken.shadowRoots = false;
    const light = time(() => { box.checked = !box.checked; haken.scan(document); });
    haken.shadowRoots = true;
    haken.clear(document);
    return {
      elements: document.getElementsByTagName('*').length,
      controls: document.querySelectorAll(CANDIDATES).length,
      findings, load: t1 - t0, init: t2 - t1, floor, scan, changed, relayout, light, mark, sink,
    };
  });
  // A first scan on a freshly loaded page (cold DOM caches), as a shopper's first visit.
  const cold = [];
  const coldFloor = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(server.url + 'bench/checkout-10k.html');
    coldFloor.push(await page.evaluate(async () => {
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
      const CANDIDATES = 'input[type=checkbox], input[type=radio], [role=checkbox], [role=switch], button[aria-pressed]';
      const s = performance.now();
      let sink = 0;
      for (const el of document.querySelectorAll(CANDIDATES)) {
        const labels = el.labels;
        sink += (labels && labels.length ? labels[0].textContent : el.getAttribute('aria-label') ?? el.textContent).length;
      }
      return performance.now() - s + sink * 0;
    }));
    await page.goto(server.url + 'bench/checkout-10k.html');
    cold.push(await page.evaluate(async () => {
      const mod = await import('/pkg/haken.js');
      await mod.default();
      const haken = new mod.Haken();
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
      const s = performance.now();
      haken.scan(document);
      return performance.now() - s;
    }));
  }
  r.cold = cold.sort((a, b) => a - b)[2];
  r.coldFloor = coldFloor.sort((a, b) => a - b)[2];
  const ms = (x) => `${x.toFixed(2)} ms`;
  console.log(`browser (headless Chromium), generated checkout: ${r.elements} elements, ${r.controls} controls, ${r.findings} findings`);
  console.log(`  wasm load + instantiate:   ${ms(r.load)}`);
  console.log(`  rule compile (new Haken):  ${ms(r.init)}`);
  console.log(`  floor (JS querySelectorAll + label text): ${ms(r.floor)}`);
  console.log(`  warm re-scan of the unchanged page (haken.scan): ${ms(r.scan)}  = ${(r.scan / r.floor).toFixed(2)}x the floor (goal <= 1.5x)`);
  console.log(`  re-scan after a change (one box toggled first): ${ms(r.changed)}  = ${(r.changed / r.floor).toFixed(2)}x the floor (of it, bringing the page's layout up to date: ${ms(r.relayout)})`);
  console.log(`  first scan on a fresh page (cold caches): ${ms(r.cold)}  vs. the floor on a fresh page ${ms(r.coldFloor)}  = ${(r.cold / r.coldFloor).toFixed(2)}x`);
  console.log(`  re-scan after a change, light DOM only (shadowRoots = false, the floor's scope): ${ms(r.light)}  = ${(r.light / r.floor).toFixed(2)}x the floor`);
  console.log(`  scan + mark on a settled page (haken.mark): ${ms(r.mark)}`);
} finally {
  await browser.close();
  await server.close();
}
