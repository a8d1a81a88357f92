// End to end: privacy policies in headless Chromium with the unpacked extension. A policy page
// gets highlights, badges and a summary (marks on the blocks: data-haken="policy_claim:…" or
// "policy_contradiction:…"); a shop page with flagged consents gets its own policy's summary
// in the panel, fetched from the same origin. Screenshots: out/screenshots/policy-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { servePages, launchWithExtension, tabStateIn, until } from './extension.mjs';

const SHOTS = 'out/screenshots';
mkdirSync(SHOTS, { recursive: true });

let server;
let browser;
const requests = [];

before(async () => {
  server = await servePages();
  browser = await launchWithExtension();
  browser.context.on('request', (r) => requests.push(r.url()));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const tabState = (page) => tabStateIn(browser.worker, page);

const blockMarks = (page) => page.evaluate(() => [...document.querySelectorAll('[data-haken]')]
  .map((e) => [e.textContent.trim().slice(0, 40), e.getAttribute('data-haken')]));

test('policy page: sentences highlighted by category, the broken promise leads the summary', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url + 'datenschutz.html');
  await page.waitForFunction(() => document.querySelectorAll('[data-haken]').length >= 6, null, { timeout: 15000, polling: 100 });
  const found = Object.fromEntries((await blockMarks(page)).map(([text, mark]) => [mark, text]));
  assert.match(found['policy_contradiction:business_transfer'], /^Im Fall einer Insolvenz/);
  assert.match(found['policy_claim:never_share_promise'], /^Ihre Daten gehören Ihnen/);
  for (const category of ['tracking_profiling', 'credit_scoring', 'retention', 'marketing']) {
    assert.ok(found[`policy_claim:${category}`], `${category} marked`);
  }
  // Highlights go through the CSS Custom Highlight API: the page's text nodes stay as they were.
  const highlights = await page.evaluate(() => [...CSS.highlights.keys()].sort());
  assert.ok(highlights.includes('haken-business_transfer') && highlights.includes('haken-tracking_profiling'), highlights.join());
  assert.equal(await page.evaluate(() => document.querySelectorAll('main mark, main span').length), 0, 'no elements added to the text');
  const state = await until(() => tabState(page), (s) => s.policy, 15000);
  assert.equal(state.policy.where, 'page');
  assert.equal(state.policy.counts.contradiction, 1);
  await page.screenshot({ path: `${SHOTS}/policy-page-de.png`, fullPage: true });
  await page.close();
});

test('shop page: the policy behind the "Datenschutz" link is fetched (same origin) and summarised in the panel', async () => {
  const page = await browser.context.newPage();
  const before = requests.length;
  await page.goto(server.url + 'de-checkout.html');
  const state = await until(() => tabState(page), (s) => s.policy, 15000);
  assert.equal(state.policy?.where, 'link');
  assert.equal(new URL(state.policy.url).pathname, '/datenschutz.html');
  assert.equal(state.policy.counts.contradiction, 1, 'the broken promise is found from the shop page');
  // The popup names it too.
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html?tab=${state.tabId}`);
  await popup.waitForSelector('#policy:not([hidden])');
  assert.match(await popup.textContent('#policy'), /Datenschutzerklärung dieses Shops|This shop's privacy policy/);
  assert.match(await popup.textContent('#policy'), /Gebrochenes Versprechen|Broken promise/);
  await popup.close();
  const fetched = requests.slice(before).filter((u) => u.endsWith('/datenschutz.html'));
  assert.equal(fetched.length, 1, 'fetched once');
  assert.ok(requests.every((u) => u.startsWith(server.url) || u.startsWith('chrome-extension://')), 'nothing goes elsewhere');
  // Open the panel by keyboard to see the summary.
  await page.keyboard.press('Tab');
  await page.screenshot({ path: `${SHOTS}/policy-shop-panel.png` });
  await page.close();
});

test('a page that is not a policy gets no policy highlights', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url + 'en-signup.html');
  await page.waitForTimeout(1500);
  const marks = (await blockMarks(page)).filter(([, m]) => m.startsWith('policy_'));
  assert.deepEqual(marks, []);
  assert.equal(await page.evaluate(() => CSS.highlights.size), 0);
  await page.close();
});

test('a long policy: the summary counts everything at once, highlights follow the shopper down the page', async () => {
  const paragraphs = Array.from({ length: 150 }, (_, i) => `<p id="p${i}">Abschnitt ${i + 1}: Zur Lieferung geben wir Ihren Namen `
    + 'und Ihre Anschrift an das beauftragte Versandunternehmen weiter. Wir setzen Zählpixel ein, um die Nutzung '
    + 'unseres Shops auszuwerten.</p>').join('\n');
  const html = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Datenschutzerklärung</title></head>
    <body><main><h1>Datenschutzerklärung</h1>${paragraphs}</main></body></html>`;
  const page = await browser.context.newPage();
  const url = server.url + 'lange-datenschutzerklaerung.html';
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(url);
  const state = await until(() => tabState(page), (s) => s.policy, 15000);
  assert.equal(state.policy.counts.third_party_sharing, 150, 'the summary counts every sentence');
  assert.equal(state.policy.counts.tracking_profiling, 150);
  const marked = () => page.evaluate(() => document.querySelectorAll('main p[data-haken]').length);
  const first = await marked();
  assert.ok(first > 0 && first < 150, `only blocks near the viewport are drawn at first (${first})`);
  assert.equal(await page.evaluate(() => document.querySelector('#p149').hasAttribute('data-haken')), false);
  await page.evaluate(() => document.querySelector('#p149').scrollIntoView());
  await page.waitForFunction(() => document.querySelector('#p149').hasAttribute('data-haken'), null, { timeout: 5000 });
  const sizes = await page.evaluate(() => CSS.highlights.get('haken-third_party_sharing').size);
  assert.ok(sizes > first, `more highlights after scrolling (${sizes} > ${first})`);
  await page.screenshot({ path: `${SHOTS}/policy-long-scrolled.png` });
  await page.close();
});
