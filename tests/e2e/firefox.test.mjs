// End to end in Firefox: the unpacked extension in Debian's headless firefox-esr (driven over
// WebDriver BiDi by puppeteer-core, see firefox.mjs), on the same test pages as the Chromium
// suite: checkout marks, untick from the mark, the before-submit summary, a policy page with
// its side panel, the shop's own policy fetched once, and permission prompts. What these tests
// cannot see in Firefox (the toolbar badge, the popup, the worker's storage: BiDi does not open
// moz-extension:// pages) is covered in Chromium only; docs/testing.md lists it.
// Screenshots: out/screenshots/firefox-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { servePages } from './extension.mjs';
import { launchFirefox, launchPlainFirefox, haveFirefox, oursAt, openPage } from './firefox.mjs';

const SHOTS = 'out/screenshots';
mkdirSync(SHOTS, { recursive: true });
const skip = haveFirefox() ? false : 'firefox-esr is not installed (scripts/setup.sh --browser installs it)';

let server;
let ff;
const pageErrors = [];

before(async () => {
  if (skip) return;
  server = await servePages();
  ff = await launchFirefox();
});

after(async () => {
  await ff?.close();
  await server?.close();
});

const marks = (page) => page.evaluate(() => Object.fromEntries(
  [...document.querySelectorAll('[data-haken]')].map((e) => [e.id, e.getAttribute('data-haken')])));
const expected = (page) => page.evaluate(() => Object.fromEntries(
  [...document.querySelectorAll('[data-expect]')].map((e) => [e.id, `preticked_consent:${e.getAttribute('data-expect')}`])));

async function open(name, count) {
  // Waiting for 'load' through BiDi occasionally stalls under load (two browsers on two cores):
  // the marks below are what the test waits for, and the content script starts after 'load' anyway.
  const page = await openPage(ff.browser, server.url + name, {
    before: (tab) => tab.on('pageerror', (e) => pageErrors.push(`${name}: ${e.message}`)),
  });
  const want = await expected(page);
  const n = count ?? Object.keys(want).length;
  if (n) await page.waitForFunction((k) => document.querySelectorAll('[data-haken]').length >= k, { timeout: 20000, polling: 100 }, n);
  await new Promise((r) => setTimeout(r, 300));
  return { page, want };
}

/** Focuses the page's last focusable element, then Tab: into our UI (as in the Chromium suite). */
async function tabIntoUi(page) {
  await page.evaluate(() => {
    const all = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
      .filter((e) => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length);
    all.at(-1).focus();
  });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.localName), 'haken-ui', 'Tab reaches our UI');
}

test('Firefox: marks every pre-ticked consent on the shop pages, and nothing else', { skip }, async () => {
  for (const name of ['de-checkout.html', 'en-signup.html', 'cookie-banner.html', 'react-checkout.html', 'vue-signup.html', 'strict-csp.html', 'rtl-checkout.html']) {
    const { page, want } = await open(name);
    assert.deepEqual(await marks(page), want, name);
    if (name === 'de-checkout.html' || name === 'rtl-checkout.html') {
      await page.screenshot({ path: `${SHOTS}/firefox-${name.replace('.html', '')}.png`, fullPage: true });
    }
    await page.close();
  }
});

test('Firefox: untick from the mark, React sees the change', { skip }, async () => {
  const { page } = await open('react-checkout.html');
  await tabIntoUi(page); // the first mark's badge
  await page.keyboard.press('Tab'); // its untick button
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => JSON.parse(document.getElementById('state').textContent).newsletter === false, { timeout: 5000 });
  const events = await page.evaluate(() => window.__hakenTestLog ?? []);
  assert.ok(events.some((e) => e.id === 'r-newsletter' && e.type === 'change' && e.checked === false), 'change event seen by the page');
  assert.equal(await page.$eval('#r-partners', (e) => e.checked), true, 'the other box is left alone');
  await page.close();
});

test('Firefox: before submit, "untick and continue" sends the form without the consents', { skip }, async () => {
  const { page } = await open('de-checkout.html');
  await page.click('#agb');
  await page.click('#bestellen');
  await new Promise((r) => setTimeout(r, 300));
  assert.match(page.url(), /de-checkout/, 'held back for the summary');
  assert.equal(await page.evaluate(() => document.activeElement?.localName), 'haken-ui', 'the summary has focus');
  await page.screenshot({ path: `${SHOTS}/firefox-submit-summary.png` });
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  const query = new URL(page.url()).searchParams;
  assert.match(page.url(), /thanks\.html/);
  assert.equal(query.get('agb'), 'yes', "the shopper's own choice is kept");
  for (const name of ['newsletter', 'partner_werbung', 'bonitaetspruefung', 'versandschutz']) {
    assert.equal(query.get(name), null, `${name} was unticked before sending`);
  }
  await page.close();
});

test('Firefox: policy page highlighted, its summary in a side panel beside the text', { skip }, async () => {
  const { page } = await open('datenschutz.html', 6);
  const found = Object.fromEntries(await page.evaluate(() => [...document.querySelectorAll('[data-haken]')]
    .map((e) => [e.getAttribute('data-haken'), e.textContent.trim().slice(0, 40)])));
  assert.match(found['policy_contradiction:business_transfer'] ?? '', /^Im Fall einer Insolvenz/);
  assert.ok(found['policy_claim:tracking_profiling'], 'tracking marked');
  const highlights = await page.evaluate(() => (globalThis.CSS?.highlights ? [...CSS.highlights.keys()] : []));
  assert.ok(highlights.includes('haken-business_transfer'), `CSS highlights: ${highlights.join()}`);
  // The panel is at the right edge; the page gave up that much width, so the heading is beside it.
  const layout = await page.evaluate(() => ({
    reserved: parseFloat(getComputedStyle(document.documentElement).marginRight),
    h1: document.querySelector('h1').getBoundingClientRect().right,
    width: document.documentElement.clientWidth,
  }));
  assert.ok(layout.reserved >= 280, `the page keeps room for the panel (${layout.reserved} px)`);
  assert.ok(await oursAt(page, layout.width - 40, 300), 'the panel is drawn at the right edge');
  assert.ok(layout.h1 <= layout.width - layout.reserved, 'the heading is not under the panel');
  await page.screenshot({ path: `${SHOTS}/firefox-policy-de.png` });
  await page.close();
});

test('Firefox: a shop page fetches its own policy once, from the same origin', { skip }, async () => {
  const before = server.requests.length;
  const { page } = await open('de-checkout.html');
  await new Promise((r) => setTimeout(r, 1500));
  const fetched = server.requests.slice(before).filter((r) => r === 'GET /datenschutz.html');
  assert.equal(fetched.length, 1, 'fetched once');
  await page.close();
});

test('Firefox: permission prompts get a notice, and the page gets the answers it gets without the extension', { skip }, async () => {
  const answersOf = async (browser) => {
    const page = await openPage(browser, server.url + 'prompts.html');
    await page.click('#ask');
    await page.waitForFunction(() => window.answers, { timeout: 20000 });
    return { page, answers: await page.evaluate(() => window.answers) };
  };
  const plain = await launchPlainFirefox();
  let without;
  try {
    ({ answers: without } = await answersOf(plain));
  } finally {
    await plain.close();
  }
  const { page, answers } = await answersOf(ff.browser);
  assert.deepEqual(answers, without, 'every call returns or throws exactly what it does without the extension');
  assert.equal(answers.floodAllSame, true);
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  let shown = false;
  for (let i = 0; i < 50 && !shown; i++) {
    shown = await oursAt(page, width - 60, 40);
    if (!shown) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(shown, 'the notice is shown at the top right');
  await page.screenshot({ path: `${SHOTS}/firefox-prompts.png` });
  await page.close();
});

test('Firefox: our code throws nothing into pages', { skip }, () => {
  assert.deepEqual(pageErrors.filter((e) => /haken|moz-extension/i.test(e)), []);
});
