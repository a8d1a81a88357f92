// End to end: our marks never cover the page's text, and stay with their controls. On every
// extension test page and every fixture (tests/fixtures/*/page.html), the badges of the marks
// (and on a policy page its badges and the side panel) are measured against the line boxes of
// every text node of the page (tests/e2e/overlap.mjs): zero overlapping pixels. Then the page
// is zoomed to 200 %, narrowed, given other fonts and scrolled: still zero, and every outline
// still holds its control. Figures are printed; screenshots in out/screenshots/layout-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { servePages, launchWithExtension, waitForMarks, expected, until } from './extension.mjs';
import { overlap, ourRects } from './overlap.mjs';

const SHOTS = 'out/screenshots';
mkdirSync(SHOTS, { recursive: true });
const FIXTURES = resolve('tests/fixtures');
const PAGES = ['de-checkout.html', 'en-signup.html', 'cookie-banner.html', 'throws.html', 'react-checkout.html',
  'vue-signup.html', 'strict-csp.html', 'rtl-checkout.html', 'spa-checkout.html'];

let server;
let fixtures;
let browser;

before(async () => {
  server = await servePages();
  fixtures = await servePages({ root: FIXTURES });
  browser = await launchWithExtension();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await fixtures?.close();
});

/** Flagged controls (with a box on screen) that no outline holds: their ids. */
async function loose(page) {
  const boxes = await ourRects(page, '.box');
  const controls = await page.evaluate(() => [...document.querySelectorAll('[data-haken^="preticked_consent"]')]
    .filter((e) => e.checkVisibility({ visibilityProperty: true }))
    .map((e) => { const r = e.getBoundingClientRect(); return [e.id, r.left, r.top, r.right, r.bottom, r.width * r.height]; })
    .filter((c) => c[5] > 0));
  return controls.filter(([, l, t, r, b]) => !boxes.some(([bl, bt, br, bb]) => bl <= l + 1 && bt <= t + 1 && br >= r - 1 && bb >= b - 1))
    .map(([id]) => id);
}

/** Opens `url`, waits for `want` marks and a quiet moment. */
async function open(url, want) {
  const page = await browser.context.newPage();
  await page.goto(url);
  if (want) await waitForMarks(page, want);
  await page.waitForTimeout(700);
  return page;
}

const figures = [];
after(() => {
  console.log(`overlap of badges with page text (px), per page:\n${figures.map((f) => `  ${f}`).join('\n')}`);
});

test('extension test pages: no badge covers page text, every outline holds its control', async () => {
  for (const name of PAGES) {
    const page = await browser.context.newPage();
    await page.goto(server.url + name);
    // The single-page checkout renders its form later: at least one mark on every page.
    await waitForMarks(page, Math.max(1, Object.keys(await expected(page)).length));
    await page.waitForTimeout(700);
    const o = await overlap(page, '.tag');
    figures.push(`${name}: ${o.count} badges, ${o.pixels} px`);
    assert.equal(o.pixels, 0, `${name}: ${o.hits.join('; ')}`);
    assert.ok(o.count >= 1, `${name}: badges drawn`);
    assert.deepEqual(await loose(page), [], `${name}: outlines hold their controls`);
    await page.close();
  }
});

test('fixtures: no badge covers page text', async () => {
  let badges = 0;
  let pixels = 0;
  for (const dir of readdirSync(FIXTURES).filter((d) => !d.includes('.')).sort()) {
    const page = await browser.context.newPage();
    await page.goto(`${fixtures.url}${dir}/page.html`);
    const want = await page.evaluate(() => document.querySelectorAll('[data-expect]:not([data-expect-flags~=hidden])').length);
    await until(() => page.evaluate(() => document.querySelectorAll('[data-haken]').length), (n) => n >= want, 10000);
    await page.waitForTimeout(500);
    const o = await overlap(page, '.tag');
    badges += o.count;
    pixels += o.pixels;
    figures.push(`${dir}: ${o.count} badges, ${o.pixels} px`);
    assert.equal(o.pixels, 0, `${dir}: ${o.hits.join('; ')}`);
    assert.deepEqual(await loose(page), [], `${dir}: outlines hold their controls`);
    await page.close();
  }
  assert.ok(badges > 50, `badges measured on the fixtures: ${badges}`);
  assert.equal(pixels, 0);
});

test('zoom 200 %, other fonts, narrow window, scrolling: marks follow and still cover no text', async () => {
  const page = await open(`${server.url}de-checkout.html`, 4);
  const cdp = await page.context().newCDPSession(page);
  // Browser zoom 200 % on a 1280 × 900 window: the page is laid out for 640 × 450 CSS pixels at twice the density.
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 640, height: 450, deviceScaleFactor: 2, mobile: false });
  await page.waitForTimeout(500);
  let o = await overlap(page, '.tag');
  figures.push(`de-checkout.html at 200 %: ${o.count} badges, ${o.pixels} px`);
  assert.equal(o.pixels, 0, `200 %: ${o.hits.join('; ')}`);
  assert.deepEqual(await loose(page), [], '200 %: outlines hold their controls');
  await page.screenshot({ path: `${SHOTS}/layout-zoom200.png`, fullPage: true });
  await cdp.send('Emulation.clearDeviceMetricsOverride');
  // Another font, larger: the labels wrap differently, no resize event is sent.
  await page.addStyleTag({ content: 'body { font: 19px/1.6 Georgia, "DejaVu Serif", serif !important; }' });
  await page.waitForTimeout(500);
  o = await overlap(page, '.tag');
  figures.push(`de-checkout.html with a larger serif font: ${o.count} badges, ${o.pixels} px`);
  assert.equal(o.pixels, 0, `font: ${o.hits.join('; ')}`);
  assert.deepEqual(await loose(page), [], 'font: outlines hold their controls');
  await page.setViewportSize({ width: 420, height: 800 });
  await page.waitForTimeout(500);
  o = await overlap(page, '.tag');
  figures.push(`de-checkout.html 420 px wide: ${o.count} badges, ${o.pixels} px`);
  assert.equal(o.pixels, 0, `narrow: ${o.hits.join('; ')}`);
  assert.deepEqual(await loose(page), [], 'narrow: outlines hold their controls');
  await page.screenshot({ path: `${SHOTS}/layout-narrow.png`, fullPage: true });
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(200);
  assert.deepEqual(await loose(page), [], 'scrolled: outlines hold their controls');
  await page.close();
});

test('a box that scrolls inside the page: the marks move with it', async () => {
  const page = await open(`${server.url}en-signup.html`, 3);
  await page.evaluate(() => {
    const form = document.querySelector('form');
    Object.assign(form.style, { height: '260px', overflow: 'auto' });
  });
  await page.waitForTimeout(300);
  await page.evaluate(() => { document.querySelector('form').scrollTop = 120; });
  await page.waitForTimeout(300);
  assert.deepEqual(await loose(page), [], 'outlines follow the inner scroll');
  await page.close();
});

test('right-to-left page: the line badge is aligned to the right, the table badge in free space', async () => {
  const page = await open(`${server.url}rtl-checkout.html`, 2);
  const tags = await ourRects(page, '.tag');
  const boxes = await ourRects(page, '.box');
  const offers = await page.evaluate(() => document.getElementById('rtl-offers').getBoundingClientRect().right);
  assert.ok(tags.some(([, , r]) => Math.abs(r - offers) < 12), `a badge ends at the control's right edge (${offers}): ${JSON.stringify(tags)}`);
  assert.equal(boxes.length, 2);
  await page.screenshot({ path: `${SHOTS}/layout-rtl.png`, fullPage: true });
  await page.close();
});

test('policy page: the side panel and the badges leave every sentence readable; "show" keeps the sentence beside the panel', async () => {
  const page = await open(`${server.url}datenschutz.html`);
  await page.waitForFunction(() => document.querySelectorAll('[data-haken]').length >= 6, null, { timeout: 15000, polling: 100 });
  await page.waitForTimeout(500);
  for (const selector of ['.chip', '.side']) {
    const o = await overlap(page, selector);
    figures.push(`datenschutz.html ${selector}: ${o.count} boxes, ${o.pixels} px`);
    assert.equal(o.pixels, 0, `${selector}: ${o.hits.join('; ')}`);
    assert.ok(o.count >= 1, `${selector} drawn`);
  }
  // The heading and the first promise are in view, not under the panel.
  const [side] = await ourRects(page, '.side');
  const heading = await page.evaluate(() => { const r = document.querySelector('h1').getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; });
  assert.ok(heading[2] <= side[0] && heading[3] <= 900, 'the heading is beside the panel, on the first screen');
  // Keyboard: Tab from the page's last link reaches the panel; the broken promise's "show" buttons come first.
  await page.evaluate(() => [...document.querySelectorAll('a[href]')].at(-1).focus());
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.localName), 'haken-ui', 'Tab reaches the panel');
  for (let i = 0; i < 2; i++) await page.keyboard.press("Tab"); // from the toggle to "the promise", then "the clause"
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  const shown = await page.evaluate(() => {
    const p = [...document.querySelectorAll('p')].find((e) => e.textContent.startsWith('Im Fall einer Insolvenz'));
    const r = p.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom, innerHeight];
  });
  assert.ok(shown[1] >= 0 && shown[3] <= shown[4], 'the clause is in the window');
  assert.ok(shown[2] <= side[0], 'the clause is beside the panel, not under it');
  await page.screenshot({ path: `${SHOTS}/layout-policy.png` });
  // Narrow (200 % zoom): the panel collapses to a strip; still nothing covered.
  await page.setViewportSize({ width: 640, height: 450 });
  await page.waitForTimeout(500);
  for (const selector of ['.chip', '.side']) {
    const o = await overlap(page, selector);
    figures.push(`datenschutz.html 640 px ${selector}: ${o.count} boxes, ${o.pixels} px`);
    assert.equal(o.pixels, 0, `640 px ${selector}: ${o.hits.join('; ')}`);
  }
  const [strip] = await ourRects(page, '.side');
  assert.ok(strip[2] - strip[0] < 60, `collapsed to a strip (${strip[2] - strip[0]} px)`);
  await page.screenshot({ path: `${SHOTS}/layout-policy-narrow.png` });
  await page.close();
});
