// End to end: breach notices (GDPR Art. 34) in headless Chromium. The demo's paste box
// (www/breach.html) checks a pasted e-mail with the policy module and shows the checklist; the
// extension shows the checklist on a page that reads like a notice and on no other page.
// Screenshots: out/screenshots/breach-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { servePages, launchWithExtension, tabStateIn, until } from './extension.mjs';
import { overlap } from './overlap.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = `${ROOT}out/screenshots`;
mkdirSync(SHOTS, { recursive: true });

let demo;
let browser;
let pages;
let extension;

before(async () => {
  demo = await startServer({ root: `${ROOT}www` });
  browser = await launch();
  pages = await servePages();
  extension = await launchWithExtension();
});

after(async () => {
  await extension?.close();
  await pages?.close();
  await browser?.close();
  await demo?.close();
});

/** `[category, status]` of every checklist line on the demo page. */
const checklist = (page) => page.evaluate(() => [...document.querySelectorAll('#breach-result li[data-status]')]
  .map((li) => [li.getAttribute('data-haken'), li.getAttribute('data-status')]));

test('demo: the example notice gets its checklist, a shipping mail none', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(demo.url + 'breach.html');
  await page.selectOption('#breach-lang', 'de');
  await page.click('#breach-example');
  await page.waitForSelector('#breach-result li[data-status]', { timeout: 15000 });
  assert.deepEqual(await checklist(page), [
    ['breach_notice:breach_nature', 'vague'],
    ['breach_notice:breach_data', 'present'],
    ['breach_notice:breach_when', 'present'],
    ['breach_notice:breach_contact', 'missing'],
    ['breach_notice:breach_consequences', 'missing'],
    ['breach_notice:breach_measures', 'vague'],
  ]);
  const title = await page.textContent('#breach-result h2');
  assert.match(title, /4 der sechs Angaben/);
  await page.screenshot({ path: `${SHOTS}/breach-demo-de.png`, fullPage: true });

  // An English notice pasted as HTML: read as text, every element present.
  await page.selectOption('#breach-lang', 'en');
  await page.fill('#breach-text', `<!doctype html><html><body><p>On 2 May 2025 an attacker used a stolen
    password of a support employee to get into our ticket system and copied the messages customers had sent us.</p>
    <p>The copied tickets contain your name, your delivery address and your phone number.</p>
    <p>Someone holding these details could call you pretending to be our support, or send you fake invoices.</p>
    <p>We locked the employee's account the same hour and now require a security key for every support login.</p>
    <p>Our data protection officer answers questions at privacy@lamp-shop.example or on 0800 555 0199.</p>
    <script>document.title = 'ran'</script></body></html>`);
  await page.click('#breach-check');
  await page.waitForFunction(() => document.querySelector('#breach-result h2')?.textContent.includes('all six'), null, { timeout: 10000 });
  const statuses = (await checklist(page)).map(([, s]) => s);
  assert.deepEqual(statuses, Array(6).fill('present'));
  assert.notEqual(await page.title(), 'ran', 'pasted markup never runs');
  await page.screenshot({ path: `${SHOTS}/breach-demo-en.png`, fullPage: true });

  // Not a notice: no checklist, a plain sentence instead.
  await page.fill('#breach-text', 'Your order 4021 has shipped and will arrive on Thursday. Questions? service@shop.example');
  await page.click('#breach-check');
  await page.waitForSelector('#breach-result .none', { timeout: 10000 });
  assert.equal(await page.getAttribute('#breach-result', 'data-notice'), 'false');
  assert.equal((await checklist(page)).length, 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('extension: a page that reads like a breach notice gets the checklist, a shop page does not', async () => {
  const tabState = (page) => tabStateIn(extension.worker, page);
  const page = await extension.context.newPage();
  await page.goto(pages.url + 'breach-notice.html');
  const state = await until(() => tabState(page), (s) => s.breach, 15000);
  assert.equal(state.breach?.where, 'breach');
  assert.deepEqual(state.breach.counts, { present: 2, vague: 2, missing: 2 });
  assert.equal(await page.locator('haken-breach').count(), 1);
  // The checklist is a side panel beside the notice, never over its text (open and collapsed).
  const open = await overlap(page, '.side');
  assert.equal(open.count, 1, 'the panel is drawn');
  assert.deepEqual(open.hits, [], 'the open checklist covers no text of the notice');
  await page.screenshot({ path: `${SHOTS}/breach-extension-de.png` });
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.localName);
  assert.equal(focused, 'haken-breach', 'Tab from the page reaches the checklist first');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
  const strip = await overlap(page, '.side');
  assert.deepEqual(strip.hits, [], 'the collapsed strip covers no text either');
  await page.screenshot({ path: `${SHOTS}/breach-extension-de-collapsed.png` });
  await page.close();

  const shop = await extension.context.newPage();
  await shop.goto(pages.url + 'de-checkout.html');
  const shopState = await until(() => tabState(shop), (s) => s.policy, 15000);
  assert.ok(shopState.policy, 'the shop page was read (its policy summarised)');
  await shop.waitForTimeout(500);
  assert.equal((await tabState(shop)).breach ?? null, null);
  assert.equal(await shop.locator('haken-breach').count(), 0);
  await shop.close();
});
