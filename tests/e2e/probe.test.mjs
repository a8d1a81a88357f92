// Privacy of the shopper (issue 15, part 5): a page must not be able to tell that haken is
// installed by loading its files. Chromium serves an extension's web-accessible resources at
// chrome-extension://<id>/<path>, and the id of a store extension is the same on every machine,
// so a page that loads such a URL learns whether haken is there. With `use_dynamic_url` the
// files are served only under a per-session id (what `chrome.runtime.getURL` returns to our
// content scripts). Here a page loads every file that used to be reachable under the static id
// in every way a page can (fetch, script, image, stylesheet, frame) and must get nothing,
// while the extension still works on the same page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { servePages, launchWithExtension, waitForMarks, marks, expected, EXTENSION } from './extension.mjs';

/** The files the manifest listed as web-accessible before `use_dynamic_url` (as globs). */
const FORMERLY_ACCESSIBLE = [
  /^content\/[^/]+\.js$/, /^shared\/[^/]+\.js$/, /^_locales\/[^/]+\/messages\.json$/,
  /^pkg\/haken\.js$/, /^pkg\/haken_bg\.wasm$/, /^pkg\/snippets\/.+/,
  /^pkg-js\/haken\.js$/, /^pkg-js\/haken_bg\.js$/, /^pkg-js\/haken_bg\.wasm\.js$/, /^pkg-js\/snippets\/.+/,
  // ... and what is web-accessible now (under the dynamic id only).
  /^bundle\/.+\.js$/,
];

function filesOf(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesOf(path) : [relative(EXTENSION, path)];
  });
}

let server;
let browser;

before(async () => {
  server = await servePages();
  browser = await launchWithExtension();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('a page cannot load any of our files under the static extension id', async () => {
  const files = filesOf(EXTENSION).filter((f) => FORMERLY_ACCESSIBLE.some((g) => g.test(f)));
  assert.ok(files.length > 20 && files.includes('content/main.js') && files.includes('pkg/haken_bg.wasm'), `files to probe: ${files.length}`);
  const page = await browser.context.newPage();
  await page.goto(`${server.url}de-checkout.html`);
  // The extension works on this very page: its modules and the engine load under the dynamic id.
  const want = await expected(page);
  await waitForMarks(page, Object.keys(want).length);
  assert.deepEqual(await marks(page), want);

  const base = `chrome-extension://${browser.extensionId}/`;
  const results = await page.evaluate(async ({ base, files }) => {
    const probe = (file) => {
      const url = base + file;
      const load = (make) => new Promise((ok) => {
        const el = make();
        const done = (r) => { el.remove(); ok(r); };
        el.onload = () => done('loaded');
        el.onerror = () => done('blocked');
        setTimeout(() => done('no answer'), 3000);
        document.body.append(el);
      });
      return Promise.all([
        fetch(url).then((r) => `fetch ${r.status}`, () => 'blocked'),
        fetch(url, { mode: 'no-cors' }).then((r) => `no-cors ${r.type}`, () => 'blocked'),
        load(() => Object.assign(document.createElement('script'), { src: url })),
        load(() => Object.assign(document.createElement('img'), { src: url })),
        load(() => Object.assign(document.createElement('link'), { rel: 'stylesheet', href: url })),
        import(url).then(() => 'imported', () => 'blocked'),
      ]).then((ways) => ({ file, ways }));
    };
    return Promise.all(files.map(probe));
  }, { base, files });
  const leaks = results.filter((r) => r.ways.some((w) => w !== 'blocked'));
  assert.deepEqual(leaks, [], 'every way of loading a static URL fails');
  // A frame: a page could time its load or read its size; Chromium replaces a refused
  // extension frame with an error page of its own, which the page cannot tell from a missing one.
  const framed = await page.evaluate(async (url) => {
    const frame = Object.assign(document.createElement('iframe'), { src: url });
    const loaded = new Promise((ok) => { frame.onload = ok; });
    document.body.append(frame);
    await loaded;
    let readable;
    try {
      readable = frame.contentDocument !== null;
    } catch {
      readable = false;
    }
    frame.remove();
    return readable;
  }, `${base}content/main.js`);
  assert.equal(framed, false, 'a frame of our file shows the page nothing');
  await page.close();
});
