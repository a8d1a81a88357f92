// End to end: the unpacked extension (extension/, built by scripts/build-wasm.sh) in headless
// Chromium, on the local test pages of tests/extension/pages (served on 127.0.0.1, one frame
// from localhost). Our in-page UI sits in a *closed* shadow root, so these tests reach it the
// way a keyboard user does (Tab, Enter) — which also proves it is keyboard-reachable.
// Screenshots go to out/screenshots/extension-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { servePages, launchWithExtension, waitForMarks, marks, expected, tabStateIn, until, PAGES, EXTENSION } from './extension.mjs';
import { startServer } from '../../scripts/serve.mjs';

const SHOTS = 'out/screenshots';
mkdirSync(SHOTS, { recursive: true });

let server;
let browser;
const requests = [];
const pageErrors = [];

before(async () => {
  server = await servePages();
  browser = await launchWithExtension();
  browser.context.on('request', (r) => requests.push(r.url()));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function resetSettings() {
  await browser.worker.evaluate(() => chrome.storage.local.clear());
}

async function open(name, { want } = {}) {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${name}: ${e.message}`));
  await page.goto(server.url + name);
  const expect = want ?? await expected(page);
  if (Object.keys(expect).length) await waitForMarks(page, Object.keys(expect).length);
  return { page, expect };
}

const shot = (page, name) => page.screenshot({ path: `${SHOTS}/extension-${name}.png`, fullPage: true });

/** The worker's view of a tab: `{tabId, items, site, engines}`. Without the `tabs`
 * permission the worker cannot see URLs, so the page is brought to the front first. */
const tabState = (page) => tabStateIn(browser.worker, page);

const openItems = (state) => Object.values(state.frames ?? {}).flat().filter((i) => i.state !== 'done');

/** Moves keyboard focus into our UI: focus the page's last focusable element, then Tab. */
async function tabIntoUi(page) {
  await page.evaluate(() => {
    const all = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
      .filter((e) => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length);
    all.at(-1).focus();
  });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.localName), 'haken-ui', 'Tab reaches our UI');
}

const log = (page) => page.evaluate(() => window.__hakenTestLog ?? []);

test('marks every pre-ticked consent on the shop pages, and nothing else', async () => {
  for (const name of ['de-checkout.html', 'en-signup.html', 'cookie-banner.html', 'throws.html', 'react-checkout.html', 'vue-signup.html']) {
    const { page, expect } = await open(name);
    await page.waitForTimeout(300);
    assert.deepEqual(await marks(page), expect, name);
    const state = await tabState(page);
    assert.equal(openItems(state).length, Object.keys(expect).length, `${name}: badge count`);
    assert.equal(state.engines['0'], 'wasm', `${name}: WebAssembly build`);
    await shot(page, name.replace('.html', ''));
    await page.close();
  }
});

test('toolbar badge shows the number of findings on the tab', async () => {
  const { page, expect } = await open('de-checkout.html');
  const { tabId } = await tabState(page);
  const text = await browser.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  assert.equal(text, String(Object.keys(expect).length));
  await page.close();
});

test('strict CSP page: same warnings from the JavaScript build of the engine', async () => {
  const { page, expect } = await open('strict-csp.html');
  const response = await page.request.get(page.url());
  assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
  assert.equal(await page.evaluate(() => document.body.dataset.js), 'ok', "the page's own script runs");
  assert.deepEqual(await marks(page), expect);
  const state = await tabState(page);
  assert.equal(state.engines['0'], 'js', 'WebAssembly is refused here, so the wasm2js build runs');
  assert.equal(openItems(state).length, Object.keys(expect).length);
  await shot(page, 'strict-csp');
  await page.close();
});

test('frames: same-origin and cross-origin iframes are scanned and listed in the top panel', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url + 'iframe-host.html');
  await page.waitForFunction(() => document.querySelectorAll('iframe').length === 2 && [...document.querySelectorAll('iframe')].every((f) => f.src));
  const frames = () => page.frames().filter((f) => f !== page.mainFrame());
  const loaded = () => frames().length === 2 && frames().every((f) => /\/iframe-\w+\.html$/.test(f.url()));
  assert.ok(await until(loaded, Boolean, 10000), 'both frames loaded');
  for (const frame of frames()) {
    const want = await expected(frame);
    await waitForMarks(frame, Object.keys(want).length);
    assert.deepEqual(await marks(frame), want, frame.url());
  }
  assert.deepEqual(await marks(page), {}, 'nothing flagged in the host page itself');
  const state = await until(() => tabState(page), (s) => openItems(s).length === 3);
  assert.equal(openItems(state).length, 3, 'two findings in the payment frame, one in the cookie frame');
  assert.ok(await page.evaluate(() => Boolean(document.querySelector('haken-ui'))), 'the top frame shows the panel');
  await shot(page, 'iframes');
  await page.close();
});

test('untick from the marker: React sees the change, the badge count drops', async () => {
  const { page, expect } = await open('react-checkout.html');
  assert.deepEqual(await marks(page), expect);
  await tabIntoUi(page); // first mark's badge
  await page.keyboard.press('Tab'); // its Untick button
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => JSON.parse(document.getElementById('state').textContent).newsletter === false);
  const events = await log(page);
  assert.ok(events.some((e) => e.id === 'r-newsletter' && e.type === 'change' && e.checked === false), 'change event seen by the page');
  assert.ok(events.some((e) => e.id === 'r-newsletter' && e.type === 'click'), 'click event seen by the page');
  assert.equal(await page.isChecked('#r-partners'), true, 'the other box is left alone');
  assert.equal(openItems(await until(() => tabState(page), (s) => openItems(s).length === 1)).length, 1);
  await shot(page, 'react-unticked');
  await page.close();
});

test('panel: opens by keyboard, "Untick all" unticks every flagged box (Vue sees it)', async () => {
  const { page } = await open('vue-signup.html');
  await tabIntoUi(page);
  // badge, untick, badge, untick, then the panel toggle.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // open the panel
  await shot(page, 'panel-open');
  await page.keyboard.press('Shift+Tab'); // "Untick all", the last control of the sheet
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => {
    const s = JSON.parse(document.getElementById('state').textContent);
    return s.newsletter === false && s.partners === false;
  });
  assert.equal(await page.isChecked('#v-terms'), false, 'terms untouched');
  await page.close();
});

test('before submit: "untick and continue" sends the form without the consents', async () => {
  const { page } = await open('de-checkout.html');
  await page.check('#agb');
  await page.click('button[type=submit], input[type=submit]');
  await page.waitForTimeout(200);
  assert.match(page.url(), /de-checkout/, 'held back for the summary');
  assert.equal(await page.evaluate(() => document.activeElement?.localName), 'haken-ui', 'summary has focus');
  await shot(page, 'submit-summary');
  await Promise.all([page.waitForURL(/thanks\.html/), page.keyboard.press('Enter')]);
  const query = new URL(page.url()).searchParams;
  assert.equal(query.get('agb'), 'yes', 'the shopper\'s own choice is kept');
  for (const name of ['newsletter', 'partner_werbung', 'partner-werbung', 'bonitaet', 'versandschutz']) {
    assert.equal(query.get(name), null, `${name} was unticked before sending`);
  }
  await page.close();
});

test('before submit: "continue" sends the form as it is', async () => {
  const { page } = await open('de-checkout.html');
  const names = await page.evaluate(() => [...document.querySelectorAll('[data-haken]')].map((e) => e.name));
  await page.check('#agb');
  await page.click('button[type=submit], input[type=submit]');
  await page.waitForTimeout(200);
  await page.keyboard.press('Tab'); // from "untick and continue" to "continue"
  await Promise.all([page.waitForURL(/thanks\.html/), page.keyboard.press('Enter')]);
  const query = new URL(page.url()).searchParams;
  for (const name of names) assert.equal(query.get(name), 'yes', `${name} sent as ticked`);
  await page.close();
});

test('before submit: a React form still posts its order through its own handler', async () => {
  const { page } = await open('react-checkout.html');
  const before = server.orders.length;
  await page.click('#react-form [type=submit]');
  await page.waitForTimeout(200);
  assert.equal(server.orders.length, before, 'held back for the summary');
  await page.keyboard.press('Enter'); // untick and continue
  await page.waitForFunction(() => /gesendet/i.test(document.getElementById('result')?.textContent ?? ''));
  const order = server.orders.at(-1);
  assert.equal(order.newsletter, false);
  assert.equal(order.partners, false);
  await page.close();
});

test('late content: a single-page checkout rendering later and changing route is marked once per control', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.url + 'spa-checkout.html');
  await waitForMarks(page, 1);
  assert.deepEqual(await marks(page), await expected(page));
  await page.click('text=Weiter');
  await page.waitForSelector('#spa-partner');
  await page.waitForFunction(() => document.getElementById('spa-partner')?.hasAttribute('data-haken'));
  assert.deepEqual(await marks(page), await expected(page));
  await page.goBack();
  await page.waitForFunction(() => document.getElementById('spa-newsletter')?.hasAttribute('data-haken'));
  await page.waitForTimeout(1200);
  const state = await tabState(page);
  assert.equal(Object.values(state.frames).flat().length, 1, 'only controls on the page are listed, each once');
  await shot(page, 'spa');
  await page.close();
});

test('popup: counts, "show me" scrolls to the control, pause switch', async () => {
  await resetSettings();
  const { page, expect } = await open('de-checkout.html');
  const { tabId } = await tabState(page);
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html?tab=${tabId}`);
  await popup.waitForSelector('#list li');
  assert.equal(await popup.locator('#list li').count(), Object.keys(expect).length);
  assert.match(await popup.textContent('#count'), new RegExp(`^${Object.keys(expect).length} `));
  await popup.screenshot({ path: `${SHOTS}/extension-popup.png` });
  await page.evaluate(() => window.scrollTo(0, 0));
  await popup.locator('#list li button').last().click();
  await page.waitForFunction(() => window.scrollY > 100);
  await popup.check('#pause');
  await page.waitForFunction(() => !document.querySelector('[data-haken]') && !document.querySelector('haken-ui'));
  await popup.uncheck('#pause');
  await waitForMarks(page, Object.keys(expect).length);
  await popup.close();
  await page.close();
});

test('options: categories off, automatic untick, language', async () => {
  await resetSettings();
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
  await options.waitForSelector('#cat-marketing');
  // Eight consent categories, then permissions, permission prompts and group invitations as a whole.
  assert.equal(await options.locator('#categories input').count(), 11);
  assert.equal(await options.locator('#cat-permission_prompt').count(), 1);
  await options.uncheck('#cat-marketing');
  await options.screenshot({ path: `${SHOTS}/extension-options.png`, fullPage: true });
  let { page, expect } = await open('de-checkout.html', { want: { bonitaet: 1, versandschutz: 1, 'partner-werbung': 1 } });
  await page.waitForTimeout(500);
  const got = await marks(page);
  assert.equal(got.newsletter, undefined, 'marketing switched off');
  assert.equal(Object.keys(got).length, Object.keys(await expected(page)).length - 1);
  await page.close();

  await options.check('#cat-marketing');
  await options.check('#auto');
  ({ page, expect } = await open('react-checkout.html'));
  await page.waitForFunction(() => {
    const s = JSON.parse(document.getElementById('state').textContent);
    return s.newsletter === false && s.partners === false;
  });
  assert.deepEqual(await marks(page), expect, 'still marked, so the shopper sees what was unticked');
  await page.close();

  await options.uncheck('#auto');
  await options.selectOption('#lang', 'en');
  await options.waitForFunction(() => document.documentElement.lang === 'en');
  ({ page } = await open('de-checkout.html'));
  const items = Object.values((await until(() => tabState(page), (s) => s.frames?.['0'])).frames).flat();
  assert.ok(items.length > 0 && items.every((i) => /^Already ticked|ticked/i.test(i.message)), items.map((i) => i.message).join(' | '));
  await page.close();
  await options.close();
  await resetSettings();
});

test('hostile page: keeps working or steps back, never runs page text, never marks twice', async () => {
  const { page } = await open('hostile.html', { want: {} });
  const expect = { 'h-newsletter': 'preticked_consent:marketing', 'h-partner': 'preticked_consent:data_sharing' };
  // The page breaks its own DOM methods after 300 ms: wait through Playwright's isolated world.
  await page.locator('[data-haken]').nth(1).waitFor({ state: 'attached', timeout: 15000 });
  await page.waitForTimeout(2500); // overrides, panel removal and the mutation flood are running
  // The page has broken its own DOM methods: read through Playwright's isolated world.
  const marked = page.locator('[data-haken]');
  const got = {};
  for (let i = 0; i < await marked.count(); i++) {
    got[await marked.nth(i).getAttribute('id')] = await marked.nth(i).getAttribute('data-haken');
  }
  assert.deepEqual(got, expect);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const state = await tabState(page);
  assert.equal(Object.values(state.frames).flat().length, Object.keys(expect).length, 'each control listed once');
  await shot(page, 'hostile');
  await page.close();
});

test('a page that throws errors of its own is still marked, and our code throws nothing into pages', async () => {
  const { page, expect } = await open('throws.html');
  assert.deepEqual(await marks(page), expect);
  await page.close();
  const ours = pageErrors.filter((e) => /haken|chrome-extension/i.test(e));
  assert.deepEqual(ours, []);
});

test('privacy: every request goes to the test pages or the extension itself', async () => {
  // Our content scripts load the shell under the extension's per-session id (use_dynamic_url).
  const ours = [browser.extensionId, await browser.worker.evaluate(() => chrome.runtime.dynamicId)];
  const foreign = requests.filter((u) => {
    const url = new URL(u);
    if (url.protocol === 'chrome-extension:') return !ours.includes(url.host);
    if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
    return !['127.0.0.1', 'localhost'].includes(url.hostname);
  });
  assert.deepEqual(foreign, []);
  // The server saw only what the pages asked for: no path of ours, no beacon.
  const unexpected = server.requests.filter((r) => !/^(GET|POST) \/(?:[\w.-]+\.(?:html|js|css|png|ico)|vendor\/[\w.-]+|api\/order|)(?:\?.*)?$/.test(r));
  assert.deepEqual(unexpected, []);
});

test('our UI passes axe-core with 0 violations', async () => {
  const harness = await startServer({ root: PAGES, mounts: { '/ext/': EXTENSION } });
  const page = await browser.context.newPage();
  await page.goto(`${harness.url}ui-harness.html`);
  await page.waitForSelector('body[data-ready=yes]');
  await page.addScriptTag({ content: readFileSync('node_modules/axe-core/axe.min.js', 'utf8') });
  const result = await page.evaluate(() => window.axe.run({ include: [['haken-ui']] }, { resultTypes: ['violations'] }));
  assert.deepEqual(result.violations.map((v) => [v.id, v.nodes.map((n) => n.target)]), []);
  assert.ok(result.passes.some((p) => p.id === 'button-name'), 'button names were checked');
  await page.screenshot({ path: `${SHOTS}/extension-ui-harness.png` });
  await page.close();
  await harness.close();
});

test('Firefox build: web-ext lint reports no errors; both zips are built', () => {
  execFileSync('node', ['scripts/package-extension.mjs'], { stdio: 'ignore' });
  const out = execFileSync('node_modules/.bin/web-ext', ['lint', '--source-dir', 'dist/firefox', '--output', 'json'], { encoding: 'utf8' });
  const report = JSON.parse(out);
  assert.equal(report.summary.errors, 0, JSON.stringify(report.errors));
  const chromium = JSON.parse(readFileSync('dist/chromium/manifest.json', 'utf8'));
  assert.deepEqual(chromium.permissions, ['storage']);
  assert.equal(chromium.background.scripts, undefined);
  const firefox = JSON.parse(readFileSync('dist/firefox/manifest.json', 'utf8'));
  assert.equal(firefox.background.service_worker, undefined);
});
