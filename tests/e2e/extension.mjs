// Shared set-up for the extension's end-to-end tests: the test pages served on 127.0.0.1
// (and, for a cross-origin frame, on localhost), and headless Chromium with the unpacked
// extension loaded from extension/ (built by scripts/build-wasm.sh).
import { chromium } from 'playwright-core';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { CHROMIUM } from './browser.mjs';
import { bundleContent } from '../../scripts/bundle-content.mjs';

export const EXTENSION = resolve('extension');
export const PAGES = resolve('tests/extension/pages');

const VENDOR = {
  '/vendor/react.production.min.js': 'node_modules/react/umd/react.production.min.js',
  '/vendor/react-dom.production.min.js': 'node_modules/react-dom/umd/react-dom.production.min.js',
  '/vendor/vue.global.prod.js': 'node_modules/vue/dist/vue.global.prod.js',
};

/** The strict policy of the strict-CSP test page: no inline script, no eval, no wasm. */
export const STRICT_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'";

/**
 * Serves the test pages. Orders posted to /api/order are kept in `orders`; every request the
 * server sees is kept in `requests`. `extra(path)` adds headers.
 */
export async function servePages({ root = PAGES, extra = () => ({}) } = {}) {
  const orders = [];
  const requests = [];
  const server = await startServer({
    root,
    headers: (path) => ({
      ...(path.startsWith('/strict-csp') ? { 'content-security-policy': STRICT_CSP } : {}),
      ...extra(path),
    }),
    handle: async (req, res, url) => {
      requests.push(`${req.method} ${url.pathname}`);
      if (url.pathname === '/api/order' && req.method === 'POST') {
        let body = '';
        for await (const part of req) body += part;
        orders.push(JSON.parse(body || 'null'));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
        return true;
      }
      if (VENDOR[url.pathname]) {
        res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        res.end(await readFile(VENDOR[url.pathname]));
        return true;
      }
      return false;
    },
  });
  return { ...server, orders, requests };
}

/**
 * Chromium with the extension; `{context, extensionId, worker, close}`. With
 * `extension: null` the same kind of browser (persistent profile) without it, for comparisons.
 */
export async function launchWithExtension({ extension = EXTENSION } = {}) {
  // The extension loads its shell from extension/bundle/: bundled from the sources as they are now.
  if (extension === EXTENSION) await bundleContent();
  const profile = await mkdtemp(join(tmpdir(), 'haken-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'de-DE',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...(extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : []), '--lang=de-DE'],
  });
  if (!extension) {
    return { context, close: async () => { await context.close(); await rm(profile, { recursive: true, force: true }); } };
  }
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 10000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context, worker, extensionId,
    close: async () => { await context.close(); await rm(profile, { recursive: true, force: true }); },
  };
}

/** Waits until the content script has finished its first scan of `page` (or frame). */
export async function waitForMarks(target, count, timeout = 15000) {
  await target.waitForFunction((n) => document.querySelectorAll('[data-haken]').length >= n, count, { timeout, polling: 100 });
}

/** The `data-haken` marks of a page or frame: `{id: "kind:category"}`. */
export function marks(target) {
  return target.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('[data-haken]')].map((e) => [e.id, e.getAttribute('data-haken')])));
}

/** The controls a test page expects to be flagged: `{id: "preticked_consent:category"}`. */
export function expected(target) {
  return target.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('[data-expect]')].map((e) => [e.id, `preticked_consent:${e.getAttribute('data-expect')}`])));
}

/** The worker's record of the tab showing `page` (brought to the front to find it). */
export async function tabStateIn(worker, page) {
  await page.bringToFront();
  return worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    const stored = await chrome.storage.session.get(`tab:${tab.id}`);
    return { tabId: tab.id, frames: {}, ...(stored[`tab:${tab.id}`] ?? {}) };
  });
}

/** Polls `probe()` (every 100 ms, up to `ms`) until `done(value)`; returns the last value. */
export async function until(probe, done, ms = 5000) {
  let value = await probe();
  for (const end = Date.now() + ms; !done(value) && Date.now() < end; value = await probe()) {
    await new Promise((ok) => setTimeout(ok, 100));
  }
  return value;
}
