// End to end: the extension never blocks a page for more than 50 ms at a time, on hostile
// pages (issues 15 and 18): a pre-ticked newsletter box inside 200,000 nested <div>s, a 5 MB
// privacy policy glued into one <p> (NUL, right-to-left marks, "&amp;" and emoji between the
// sentences), and a checkout of 100,000 elements with 1,000 controls (loaded 10 times). Each
// page is loaded in headless Chromium with the unpacked extension until the extension has
// shown what it found (asserted: the work was done), and every long task is recorded.
//
// How a long task is attributed. The page's own work is itself made of long tasks here: the
// parser and the layout of a 5 MB paragraph take seconds, with or without us, and the Long
// Tasks API names no script (its attribution is the frame only). So each load also runs the
// DevTools CPU profiler (1 ms samples): the extension's share of a task is the time of the
// samples inside it whose stack holds a frame of one of our scripts (a `chrome-extension://`
// URL: the content scripts, the engine's glue and its WebAssembly, and what they call, such as
// `querySelectorAll` or a layout forced by reading a position). The profile's clock is the
// one of `Performance.getMetrics`' NavigationStart, where the tasks' `startTime` counts from.
// Asserted: no long task holds more than 50 ms of the extension's work, and none is mostly
// ours (more than half of a task over 50 ms); a load that fails is loaded once more, and only a
// second failure fails (`twice`: on a shared virtual machine stolen time counts as ours). Work
// the browser does later because of a change of ours (style and layout at the next frame,
// painting highlights) has no script on its stack and is not counted; the worst such cases
// were measured by hand (docs/figures.md).
// For the figures (docs/figures.md), `LONGTASKS_BASELINE=1 node --test --test-reporter=spec
// tests/e2e/longtasks.test.mjs` also loads each hostile page once without the extension and
// prints the page's own worst task beside ours (the 5 MB page's own layout takes seconds, so
// this is left out by default to keep the run short).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servePages, launchWithExtension, tabStateIn, until } from './extension.mjs';

const LONG_TASK_MS = 50;
const dir = mkdtempSync(join(tmpdir(), 'haken-longtasks-'));

// 1. A pre-ticked newsletter box inside 200,000 nested <div>s.
const NESTING = 200_000;
writeFileSync(join(dir, 'nested.html'), '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Kasse</title></head>'
  + `<body><h1>Kasse</h1>${'<div>'.repeat(NESTING)}<label><input type="checkbox" id="nl" checked> Ja, ich möchte den `
  + `Newsletter mit Angeboten per E-Mail erhalten</label>${'</div>'.repeat(NESTING)}</body></html>`);

// 2. A 5 MB policy in one paragraph: a promise and a clause that shares, glued, with NUL, a
// right-to-left mark, an escaped ampersand and an emoji between them, over and over.
const GLUED = 'Wir verkaufen Ihre Daten niemals.\u0000\u200f &amp; 😀 Wir geben Ihre E-Mail-Adresse an Werbepartner weiter. ';
const REPEATS = Math.floor(5_000_000 / Buffer.byteLength(GLUED));
writeFileSync(join(dir, 'policy.html'), '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Datenschutzerklärung</title>'
  + `</head><body><h1>Datenschutzerklärung</h1><p>${GLUED.repeat(REPEATS)}</p></body></html>`);

// 3. A checkout of 100,000 elements, 1,000 of them checkboxes: the page of
// tools/src/synthetic.rs (`cargo run --example synthetic -- 100000 1000`, the benchmark's),
// written here so the test needs no build.
const LABELS = [
  ['Ja, ich möchte den Newsletter mit Angeboten erhalten', true],
  ['Rechnungsadresse entspricht Lieferadresse', true],
  ['Keep me updated about new arrivals and exclusive offers', true],
  ['Größe M', false],
  ['Add purchase protection for £4.99', true],
  ['Angemeldet bleiben', true],
  ['Ich bin einverstanden, dass meine Daten an Partner weitergegeben werden', true],
  ['Only show items in stock', true],
  ['Statistik-Cookies zulassen', false],
  ['Send my order confirmation by e-mail', true],
  ['I agree to a credit check with Experian', false],
  ['Farbe: Blau', false],
];
function checkout(elements, controls) {
  const perGap = Math.floor((elements - controls * 4 - 6) / controls);
  let html = '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Kasse</title></head><body><main id="shop">';
  for (let i = 0; i < controls; i++) {
    html += '<section class="row">';
    for (let j = 0; j < perGap - 1; j++) html += `<p class="f${j % 7}">Artikel ${i}-${j}, 19,99 €</p>`;
    const [label, on] = LABELS[i % LABELS.length];
    html += `<div class="opt"><input type="checkbox" id="c${i}" name="c${i}"${on ? ' checked' : ''}>`
      + `<label for="c${i}">${label} <span class="hint">(Nr. ${i})</span></label></div></section>`;
  }
  return `${html}</main></body></html>`;
}
const CONTROLS = 1000;
const EXPECTED_MARKS = Array.from({ length: CONTROLS }, (_, i) => i).filter((i) => [0, 2, 4, 6].includes(i % 12)).map((i) => `c${i}`);
writeFileSync(join(dir, 'checkout-100k.html'), checkout(100_000, CONTROLS));
const CHECKOUT_RUNS = 10;

let server;
let browser;
let plain;

before(async () => {
  server = await servePages({ root: dir });
  browser = await launchWithExtension();
  if (process.env.LONGTASKS_BASELINE) plain = await launchWithExtension({ extension: null });
});

after(async () => {
  await browser?.close();
  await plain?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Kept in the page from the start: every long task, buffered. */
const observeLongTasks = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
};

/**
 * Loads `name` in `context` with the CPU profiler running, waits for `done(page)` and then
 * `settleMs` more; returns `{page, tasks}`, each task `{start, ms, ours}` (`ours`: ms of
 * samples with one of the extension's scripts on the stack).
 */
async function load(context, name, { done = async () => {}, settleMs = 1000 } = {}) {
  const page = await context.newPage();
  await page.addInitScript(observeLongTasks);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: ['disabled-by-default-devtools.timeline'] } });
  await page.goto(server.url + name, { waitUntil: 'load', timeout: 90_000 });
  await done(page);
  await page.waitForTimeout(settleMs);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const origin = metrics.find((m) => m.name === 'NavigationStart').value * 1e6;
  const { profile } = await cdp.send('Profiler.stop');
  const runTasks = await traceTasks(cdp);
  await cdp.detach();
  const tasks = await page.evaluate(() => window.__longTasks);
  return { page, tasks: tasks.map((t) => {
    const { ms, top } = oursWithin(profile, origin, t);
    // The task as the trace saw it (same clock): its CPU time, where the machine lets it be.
    const start = origin + t.start * 1000;
    const run = runTasks.find((r) => Math.abs(r.ts - start) < 2000 && Math.abs(r.dur - t.ms * 1000) < 2000);
    const cpu = run?.tdur !== undefined ? run.tdur / 1000 : t.ms;
    return { ...t, ours: ms, top, cpu, oursCpu: ms * Math.min(1, cpu / t.ms) };
  }) };
}

/** The tasks (`RunTask`: `ts`, `dur`, `tdur` in µs) of the trace started on `cdp`. */
async function traceTasks(cdp) {
  const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.end');
  const { stream } = await complete;
  let text = '';
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 1 << 22 });
    text += base64Encoded ? Buffer.from(data, 'base64').toString() : data;
    if (eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const { traceEvents } = JSON.parse(text);
  return traceEvents.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.dur > LONG_TASK_MS * 1000);
}

/**
 * `{ms, top}`: milliseconds of `profile`'s samples within `task` that ran code of the extension,
 * and where (the sampled function < our innermost function: ms, most first).
 */
function oursWithin(profile, origin, task) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map();
  const isOurs = (id) => {
    if (!memo.has(id)) {
      const n = nodes.get(id);
      memo.set(id, n.callFrame.url.startsWith('chrome-extension://') || (parent.has(id) && isOurs(parent.get(id))));
    }
    return memo.get(id);
  };
  const name = (id) => nodes.get(id).callFrame.functionName || '(anonymous)';
  const where = (id) => {
    let up = id;
    while (!nodes.get(up).callFrame.url.startsWith('chrome-extension://') || nodes.get(up).callFrame.url.endsWith('.wasm')) up = parent.get(up);
    return up === id ? name(id) : `${name(id)} < ${name(up)}`;
  };
  let at = profile.startTime;
  let ms = 0;
  const by = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    const t = (at - origin) / 1000;
    // A sample stands for the time until the next one.
    const span = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const id = profile.samples[i];
    if (t < task.start || t >= task.start + task.ms || !isOurs(id)) continue;
    ms += span;
    by.set(where(id), (by.get(where(id)) ?? 0) + span);
  }
  const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k}: ${Math.round(v)}`).join(', ');
  return { ms, top };
}

const fmt = (x) => Math.round(x);
const worst = (tasks, key = 'ms') => Math.max(0, ...tasks.map((t) => t[key]));

/**
 * Fails for a task with more than 50 ms of our work, or mostly ours (a task over 50 ms whose
 * work is more than half ours). Our work is counted in the task's CPU time: on a machine
 * whose cores are busy with other work the renderer waits for a core in the middle of a
 * 12 ms slice of ours, and the wall-clock task (and the profiler's samples, taken on another
 * thread) grow by the wait. The trace's `RunTask` of the same task gives its CPU time
 * (`tdur`); our samples' share of the task is scaled to it.
 */
function assertNoLongTaskOfOurs(tasks, what) {
  // LONGTASKS_VERBOSE=1: every long task with work of ours, and where.
  if (process.env.LONGTASKS_VERBOSE) {
    for (const t of tasks) {
      if (t.ours) console.log(`${what}: ${fmt(t.start)}: ${fmt(t.ms)} ms (CPU ${fmt(t.cpu)} ms), ours ${fmt(t.ours)} (CPU ${fmt(t.oursCpu)} ms; ${t.top})`);
    }
  }
  for (const t of tasks) {
    const where = `${what}: task at ${fmt(t.start)} ms of ${fmt(t.ms)} ms (CPU ${fmt(t.cpu)} ms), ${fmt(t.ours)} ms of it `
      + `the extension's (CPU ${fmt(t.oursCpu)} ms: ${t.top})`;
    assert.ok(t.oursCpu <= LONG_TASK_MS, where);
    assert.ok(t.cpu <= LONG_TASK_MS || t.oursCpu <= t.cpu / 2, where);
  }
}

/**
 * `attempt()` (a fresh load and its assertions), once more when it fails: only a second failure
 * fails. On a shared virtual machine the host can take the CPU away in the middle of a slice of
 * ours and the lost time still counts as the thread's CPU time: in one load of ten under load,
 * `querySelectorAll('*')` (3 ms here) took 92 ms of "CPU" and the engine's compile steps, each
 * a task of a few ms, were one task of 177 ms. A real regression fails the second load too.
 */
async function twice(t, what, attempt) {
  try {
    return await attempt();
  } catch (e) {
    t.diagnostic(`${what}: loaded once more after: ${e.message}`);
    return attempt();
  }
}

/** The page's own worst task (without the extension), for the figures; null unless asked for. */
async function baseline(name, settleMs) {
  if (!process.env.LONGTASKS_BASELINE) return null;
  const { page, tasks } = await load(plain.context, name, { settleMs });
  await page.close();
  return worst(tasks);
}

function report(t, what, own, tasks) {
  t.diagnostic(`${what}: worst task without the extension ${own === null ? '-' : fmt(own)} ms; with it ${fmt(worst(tasks))} ms; `
    + `most extension work in one task ${fmt(worst(tasks, 'ours'))} ms, CPU ${fmt(worst(tasks, 'oursCpu'))} ms `
    + `(${tasks.filter((x) => x.ours > 0).length} long tasks hold any)`);
}

test('200,000 nested <div>s: the pre-ticked newsletter box is marked, no long task of ours', async (t) => {
  const own = await baseline('nested.html', 3000);
  const tasks = await twice(t, 'nested', async () => {
    const { page, tasks: seen } = await load(browser.context, 'nested.html', {
      done: (p) => p.waitForFunction(() => document.getElementById('nl')?.getAttribute('data-haken') === 'preticked_consent:marketing',
        null, { timeout: 60_000, polling: 200 }),
      // The permission pass and the policy and breach checks run after the marks.
      settleMs: 3000,
    });
    await page.close();
    assertNoLongTaskOfOurs(seen, 'nested');
    return seen;
  });
  report(t, 'nested', own, tasks);
});

test('a 5 MB policy glued into one paragraph: every glued clause found, highlighted near the viewport, no long task of ours', async (t) => {
  const own = await baseline('policy.html', 3000);
  const tasks = await twice(t, 'policy', async () => {
    const { page, tasks: seen } = await load(browser.context, 'policy.html', {
      done: async (p) => {
        const state = await until(() => tabStateIn(browser.worker, p), (s) => s.policy, 90_000);
        assert.equal(state.policy?.where, 'page', 'read as a policy page');
        // Nothing cut: each glued repetition is one sharing clause and one promise.
        assert.equal(state.policy.counts.third_party_sharing, REPEATS);
        assert.equal(state.policy.counts.never_share_promise, REPEATS);
        await p.waitForFunction(() => document.querySelector('p')?.hasAttribute('data-haken')
          && CSS.highlights.get('haken-third_party_sharing')?.size > 0, null, { timeout: 30_000, polling: 200 });
      },
      settleMs: 2000,
    });
    const drawn = await page.evaluate(() => CSS.highlights.get('haken-third_party_sharing').size);
    // Drawn by window: the sentences near the viewport, not all 45,000 at once.
    assert.ok(drawn > 0 && drawn < 2000, `${drawn} highlights drawn`);
    await page.close();
    assertNoLongTaskOfOurs(seen, 'policy');
    return seen;
  });
  report(t, 'policy', own, tasks);
});

test(`a 100,000-element checkout, ${CHECKOUT_RUNS} loads: every pre-ticked consent marked, no long task of ours in any`, async (t) => {
  const own = await baseline('checkout-100k.html', 1000);
  const all = [];
  for (let run = 0; run < CHECKOUT_RUNS; run++) {
    all.push(...await twice(t, `checkout run ${run + 1}`, async () => {
      const { page, tasks } = await load(browser.context, 'checkout-100k.html', {
        // The last newsletter box (996 = 83 × 12) is marked once the scan is through.
        done: (p) => p.waitForFunction(() => document.getElementById('c996')?.getAttribute('data-haken') === 'preticked_consent:marketing',
          null, { timeout: 60_000, polling: 200 }),
        // The permission pass follows the scan; the marks' layout passes follow the marks.
        settleMs: 1000,
      });
      // Of every 12 boxes 4 are pre-ticked consents (newsletter twice, a paid extra, partners).
      const marked = await page.evaluate(() => [...document.querySelectorAll('input[data-haken]')].map((e) => e.id));
      await page.close();
      assert.deepEqual(marked, EXPECTED_MARKS);
      assertNoLongTaskOfOurs(tasks, `checkout run ${run + 1}`);
      return tasks;
    }));
  }
  report(t, `checkout (${CHECKOUT_RUNS} runs)`, own, all);
});
