// Policy figures in the browser (a benchmark, not a test), run by `make bench`: a generated
// 60,000-word privacy-policy page (our own sentence templates, German and English mixed by
// section) in headless Chromium with the unpacked extension. Printed: the time to read the
// page's text (the floor), to analyse it (service worker, wasm) and to draw the summary and the
// first screen's highlights, marks and badges (the rest is drawn as the shopper scrolls), and
// the ratio of all of it to the floor (goal <= 2x); then the frames while the shopper scrolls the
// analysed page from top to bottom (goal: none over 50 ms).
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { launchWithExtension } from './extension.mjs';

const SENTENCES = [
  'We collect the information you give us when you create an account or place an order.',
  'We may share your personal data with our advertising partners to show you offers.',
  'Your order details are passed on to the carrier so that your parcel can be delivered.',
  'We use cookies and similar technologies to understand how visitors use our pages.',
  'You can ask us at any time for a copy of the data we hold about you.',
  'If our company is sold or merges with another, customer records may be transferred to the buyer.',
  'We keep your contact details for as long as we consider it useful for our business.',
  'Payments are processed by a payment service provider on our behalf.',
  'Wir verwenden Ihre E-Mail-Adresse, um Ihnen Informationen zu Ihrer Bestellung zu senden.',
  'Ihre Daten können an Dienstleister übermittelt werden, die uns beim Versand unterstützen.',
  'Sie haben das Recht auf Auskunft, Berichtigung und Löschung Ihrer Daten.',
  'Zur Prüfung Ihrer Bonität übermitteln wir Ihren Namen und Ihre Anschrift an eine Auskunftei.',
];

function policyPage(words) {
  const parts = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Privacy Policy</title></head><body><main><h1>Privacy Policy</h1>'];
  let count = 0;
  let section = 0;
  while (count < words) {
    parts.push(`<h2>${++section}. Section ${section}</h2>`);
    for (let p = 0; p < 4 && count < words; p += 1) {
      const sentences = [];
      for (let s = 0; s < 5; s += 1) {
        const sentence = SENTENCES[(section * 7 + p * 3 + s) % SENTENCES.length];
        sentences.push(sentence);
        count += sentence.split(' ').length;
      }
      parts.push(`<p>${sentences.join(' ')}</p>`);
    }
  }
  parts.push('</main></body></html>');
  return { html: parts.join('\n'), words: count };
}

/**
 * Scrolls `page` from top to bottom one step per frame, as a reader flicking through a long
 * policy, and returns the frame intervals (requestAnimationFrame) and the long tasks meanwhile.
 */
async function scrollThrough(page) {
  return page.evaluate(async () => {
    const nextFrame = () => new Promise((ok) => requestAnimationFrame(ok));
    const long = [];
    const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) long.push(e.duration); });
    observer.observe({ type: 'longtask' });
    window.scrollTo(0, 0);
    let last = await nextFrame();
    const frames = [];
    const steps = 150;
    const step = Math.max(100, (document.documentElement.scrollHeight - innerHeight) / steps);
    for (let i = 0; i < steps; i += 1) {
      window.scrollBy(0, step);
      const t = await nextFrame();
      frames.push(t - last);
      last = t;
    }
    // Let the last observations arrive.
    await new Promise((ok) => setTimeout(ok, 100));
    observer.disconnect();
    frames.sort((a, b) => a - b);
    return {
      frames: frames.length,
      worst: frames[frames.length - 1],
      p95: frames[Math.floor(frames.length * 0.95)],
      median: frames[frames.length >> 1],
      longTasks: long.length,
      longest: Math.max(0, ...long),
    };
  });
}

const dir = mkdtempSync(join(tmpdir(), 'haken-policy-bench-'));
const { html, words } = policyPage(60000);
writeFileSync(join(dir, 'privacy.html'), html);
const server = await startServer({ root: dir });
const browser = await launchWithExtension();
try {
  const runs = [];
  let scrolled;
  for (let i = 0; i < 5; i += 1) {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}privacy.html`);
    const end = Date.now() + 60000;
    let stats;
    while (!stats && Date.now() < end) {
      stats = await browser.worker.evaluate(async () => {
        const tabs = Object.values(await chrome.storage.session.get(null));
        tabs.sort((x, y) => (y.updated ?? 0) - (x.updated ?? 0));
        return tabs[0]?.policy?.stats;
      });
      if (!stats) await page.waitForTimeout(100);
    }
    if (!stats) throw new Error('the extension did not report policy figures in time');
    runs.push(stats);
    if (i === 4) scrolled = await scrollThrough(page);
    await browser.worker.evaluate(() => chrome.storage.session.clear());
    await page.close();
  }
  // The same scroll without the extension: what the page costs by itself.
  const plain = await launchWithExtension({ extension: null });
  let plainScroll;
  try {
    const page = await plain.context.newPage();
    await page.goto(`${server.url}privacy.html`);
    plainScroll = await scrollThrough(page);
  } finally {
    await plain.close();
  }
  const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const read = median('readMs');
  const analyse = median('analyseMs');
  const draw = median('drawMs');
  const engine = median('engineMs');
  console.log(`policy page in the browser: ${words} words, ${runs[0].chars} characters, ${runs[0].findings} findings (median of ${runs.length})`);
  console.log(`  read the text (floor):   ${read.toFixed(1)} ms`);
  console.log(`  analyse (worker, wasm):  ${analyse.toFixed(1)} ms`);
  console.log(`    of which the engine:   ${engine.toFixed(1)} ms (the rest: moving text and results between processes)`);
  console.log(`  summary + first screen:  ${draw.toFixed(1)} ms of work${runs.every((r) => r.firstScreen) ? '' : ' (a run timed out waiting for its first frame)'}`);
  console.log(`    (not counted: ${median('frameWaitMs').toFixed(1)} ms until the next frame lays the page out, which any highlighter waits for)`);
  const steps = runs[Math.floor(runs.length / 2)].drawSteps ?? {};
  console.log(`    steps (one run): ${Object.entries(steps).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
  console.log(`  total vs floor:          ${((read + analyse + draw) / read).toFixed(1)}x (goal <= 2x)`);
  console.log(`  scrolling the analysed page top to bottom (${scrolled.frames} frames, highlights drawn as they come into view): worst frame ${scrolled.worst.toFixed(1)} ms, 95th percentile ${scrolled.p95.toFixed(1)} ms, median ${scrolled.median.toFixed(1)} ms; ${scrolled.longTasks} long tasks (longest ${scrolled.longest.toFixed(0)} ms) (goal: no frame over 50 ms)`);
  console.log(`    the same scroll without the extension: worst frame ${plainScroll.worst.toFixed(1)} ms, 95th percentile ${plainScroll.p95.toFixed(1)} ms, ${plainScroll.longTasks} long tasks`);
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
