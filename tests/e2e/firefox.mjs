// Shared set-up for the Firefox end-to-end tests: Debian's firefox-esr, headless, driven by
// puppeteer-core over WebDriver BiDi, with the unpacked extension installed as a temporary
// add-on (BiDi `webExtension.install`, Firefox 138 or later). Playwright's own Firefox build
// cannot be downloaded here, and Playwright does not drive a stock Firefox; puppeteer does.
import puppeteer from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleContent } from '../../scripts/bundle-content.mjs';

export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
export const EXTENSION = resolve('extension');
export const ADDON_ID = 'haken@haken.local';

/** Preferences of every test profile: German, and no prompt waiting for an answer. */
const PREFS = {
  'intl.locale.requested': 'de-DE',
  'intl.accept_languages': 'de-DE,de',
  // Nobody answers a permission prompt in a headless test: the page gets "blocked" at once (as
  // in the Chromium tests, where nothing is granted), and reading the clipboard does not wait
  // for a paste menu.
  'permissions.default.desktop-notification': 2,
  'permissions.default.geo': 2,
  'permissions.default.microphone': 2,
  'permissions.default.camera': 2,
  'dom.events.testing.asyncClipboard': true,
};

/** Whether the tests can run Firefox here (`scripts/setup.sh --browser` installs it). */
export const haveFirefox = () => existsSync(FIREFOX);

function launch() {
  return puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, timeout: 60000, protocolTimeout: 60000,
    defaultViewport: { width: 1280, height: 900 }, extraPrefsFirefox: PREFS,
  });
}

/**
 * Firefox with the extension: `{browser, close}`. A temporary add-on has the host access its
 * content scripts ask for. WebDriver BiDi may not open moz-extension:// pages, so the tests see
 * the extension through the pages (marks, focus, what is drawn where), not its popup or storage.
 */
export async function launchFirefox() {
  let browser;
  // A fresh profile's first start occasionally misses the connection deadline: try twice.
  for (let attempt = 0; !browser; attempt++) {
    try {
      browser = await launch();
    } catch (e) {
      if (attempt >= 1) throw e;
    }
  }
  await bundleContent();
  const id = await browser.installExtension(EXTENSION);
  if (id !== ADDON_ID) throw new Error(`installed ${id}, expected ${ADDON_ID}`);
  return { browser, close: () => browser.close() };
}

/**
 * A new tab at `url`, loaded to DOMContentLoaded. Now and then (about one fresh browser in three
 * here) Firefox leaves a new tab's first about:blank in the parent process, where BiDi never
 * reports the navigation that follows: that tab is closed and a new one tried, up to 3 times.
 * `before(page)` runs on each tab before it navigates (to listen from the first script on).
 */
export async function openPage(browser, url, { attempts = 3, timeout = 15000, before = () => {} } = {}) {
  for (let attempt = 1; ; attempt++) {
    const page = await browser.newPage();
    before(page);
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
      return page;
    } catch (e) {
      await page.close().catch(() => {});
      if (attempt >= attempts) throw new Error(`${url}: ${e.message} (${attempts} tabs tried)`);
    }
  }
}

/** Firefox without the extension, set up the same way (to compare what pages see). */
export const launchPlainFirefox = launch;

/** Whether the element at viewport point (x, y) is our UI (a closed shadow root shows as its host). */
export function oursAt(page, x, y) {
  return page.evaluate((px, py) => document.elementFromPoint(px, py)?.localName === 'haken-ui', x, y);
}
