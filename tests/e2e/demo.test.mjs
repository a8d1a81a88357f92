// End to end: the demo page (www/index.html) in headless Chromium, marking the three sample
// shop pages and pasted HTML with the real wasm build. Run from the repository root:
//   node --test --test-reporter=spec tests/e2e/
// Screenshots (1280×900) go to out/screenshots/demo-<tab>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = `${ROOT}out/screenshots`;

// What each sample was written to contain: flagged controls (selector -> category, flags) and
// the controls that are on at load but harmless, or consent boxes left unticked (correct).
const SAMPLES = {
  'de-checkout': {
    marked: {
      '#schufa': ['credit_check', []],
      '#bruchschutz': ['paid_addon', []],
      '#newsletter': ['marketing', []],
      '#partner': ['data_sharing', []],
      '#profiling': ['personalization', ['hidden']],
    },
    harmless: ['#same-address', '#stay-signed-in', '#pay-invoice', '#pay-paypal', '#pay-card', '#geschenk',
      '#order-mail', '#phone-offers', '#invoice-pdf', '#agb'],
  },
  'en-signup': {
    marked: {
      '#keep-updated': ['marketing', []],
      '#personalised': ['personalization', []],
      '#sms-yes': ['marketing', ['radio']],
      '#plus-trial': ['subscription', []],
      '#terms-offers': ['marketing', ['bundled']],
    },
    harmless: ['#remember-me', '#sms-no', '#share-partners', '#in-stock-only'],
  },
  'cookie-banner': {
    marked: {
      '#cookie-statistics': ['tracking', []],
      '#cookie-marketing': ['tracking', []],
      '#cookie-personalised': ['personalization', []],
    },
    harmless: ['#cookie-necessary', '#cookie-preferences', '#filter-decaf', '#filter-whole-bean', '#filter-organic'],
  },
};

const PASTE = `<!doctype html><html lang="de"><body>
<h2>Fast fertig</h2>
<label><input type="checkbox" id="nl" checked> Ja, ich möchte den Newsletter mit Angeboten erhalten.</label>
<script>window.parent.pwned = 1</script>
<img src=x onerror="window.parent.pwned=1">
</body></html>`;

let server;
let browser;
let page;
const problems = [];          // console errors and page errors on the demo page
const expectedBlocks = [];
const responses = [];         // every URL the demo page and its frames got an answer for
const failed = [];            // requests the browser stopped (path and reason)    // the browser blocking what the paste test pasted on purpose

before(async () => {
  server = await startServer({ root: `${ROOT}www`, port: 0 });
  browser = await launch();
  // A German browser: "Automatisch" must pick German.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  page = await context.newPage();
  page.on('response', (r) => responses.push(r.url()));
  page.on('requestfailed', (r) => failed.push(`${new URL(r.url()).pathname} ${r.failure()?.errorText}`));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const where = m.location()?.url ?? '';
    // Pasted markup in the sandboxed srcdoc frame: its <script> is refused (sandbox) and its
    // <img src=x> is refused (no-fetch policy). Chromium reports both as console errors; they
    // are the protection working, and the paste test checks they came from there.
    if (where === 'about:srcdoc' && /^Blocked script execution in 'about:srcdoc'|^(Loading|Refused to load) the image '[^']*\/x' .*Content Security Policy/.test(m.text())) {
      expectedBlocks.push(m.text());
      return;
    }
    problems.push(`console.error: ${m.text()} (${where})`);
  });
  mkdirSync(SHOTS, { recursive: true });
  await page.goto(server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs `action` and waits until the demo has finished the render it started. */
async function rendered(action) {
  const n = await page.evaluate(() => Number(document.body.dataset.renders || 0));
  await action();
  await page.waitForFunction((k) => Number(document.body.dataset.renders || 0) > k && document.body.dataset.busy === 'false', n);
}

const frameOf = async (id) => (await page.$(`#${id}`)).contentFrame();
const marks = (frame) => frame.$$eval('[data-haken]', (els) => els.map((e) => [e.id ? `#${e.id}` : e.outerHTML.slice(0, 60), e.dataset.haken]));
const cards = () => page.$$eval('#findings > li', (lis) => lis.map((li) => ({
  category: li.dataset.category, flags: li.dataset.flags, selector: li.dataset.selector, text: li.innerText,
})));
const count = async () => Number(await page.textContent('#finding-count'));

async function checkSample(name) {
  const want = SAMPLES[name];
  const frame = await frameOf('sample-frame');
  assert.match(frame.url(), new RegExp(`samples/${name}\\.html$`));
  const got = await marks(frame);
  // The exact multiset of marks, then which element carries which.
  assert.deepEqual(got.map(([, v]) => v).sort(),
    Object.values(want.marked).map(([c]) => `preticked_consent:${c}`).sort(), `${name}: marks`);
  assert.deepEqual(Object.fromEntries(got), Object.fromEntries(Object.entries(want.marked).map(([s, [c]]) => [s, `preticked_consent:${c}`])), `${name}: marked elements`);
  for (const sel of want.harmless) {
    assert.equal(await frame.$eval(sel, (e) => e.getAttribute('data-haken')), null, `${name}: ${sel} must stay unmarked`);
  }
  // The panel: one card per mark, same categories and flags.
  assert.equal(await count(), got.length, `${name}: #finding-count equals the marks`);
  const list = await cards();
  assert.equal(list.length, got.length);
  for (const c of list) {
    const [category, flags] = want.marked[c.selector] ?? [];
    assert.equal(c.category, category, `${name}: card for ${c.selector}`);
    assert.equal(c.flags, flags.join(' '), `${name}: flags of ${c.selector}`);
  }
  assert.ok(got.length >= 3);
  return list;
}

async function inView(frame, selector) {
  return frame.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  });
}

test('the demo loads the wasm build and marks the first sample', async () => {
  await page.waitForFunction(() => document.body.dataset.ready === 'true' || document.body.dataset.error === 'true', null, { timeout: 20000 });
  assert.equal(await page.evaluate(() => document.body.dataset.error), undefined, await page.textContent('#error'));
  assert.equal(await page.getAttribute('[data-sample="de-checkout"]', 'aria-selected'), 'true');
  assert.match(await page.textContent('#version'), /^\d+\.\d+\.\d+/);
  assert.match(await page.textContent('#timing'), /\d+,\d ms/);             // German number format
  assert.match(await page.textContent('footer'), /Alles läuft lokal – nichts wird gesendet/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de'); // auto = navigator.language
});

test('German checkout: the expected marks, harmless boxes left alone, German messages', async () => {
  await checkSample('de-checkout');
  const list = await cards();
  for (const c of list) assert.match(c.text, /Schon für Sie angekreuzt/);
  const hidden = list.find((c) => c.selector === '#profiling');
  assert.match(hidden.text, /versteckt/);
  assert.match(await page.textContent('#findings'), /Bonitätsprüfung/);   // haken.label('credit_check', 'de')
  await page.screenshot({ path: `${SHOTS}/demo-de-checkout.png` });
});

test('the findings panel is a keyboard-reachable list', async () => {
  assert.equal(await page.$eval('#findings', (e) => e.tagName), 'OL');
  const buttons = await page.$$eval('#findings > li > button.card', (bs) => bs.length);
  assert.equal(buttons, await count());
  // The skip link leads to the panel; Tab then reaches the first card.
  await page.focus('a.skip');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'findings-title');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('li')?.dataset.category), 'credit_check');
  // Tabs follow the ARIA pattern: arrow keys move between them.
  await page.focus('[data-sample="de-checkout"]');
  await rendered(() => page.keyboard.press('ArrowRight'));
  assert.equal(await page.getAttribute('[data-sample="en-signup"]', 'aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.sample), 'en-signup');
  await rendered(() => page.keyboard.press('ArrowLeft'));
  assert.equal(await page.getAttribute('[data-sample="de-checkout"]', 'aria-selected'), 'true');
  await checkSample('de-checkout');
});

test('clicking a card scrolls its element into view and flashes it', async () => {
  const frame = await frameOf('sample-frame');
  assert.equal(await inView(frame, '#partner'), false, 'the partner box starts below the fold');
  await page.click('#findings > li[data-selector="#partner"] > button');
  await frame.waitForFunction(() => {
    const e = document.querySelector('#partner');
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  assert.equal(await inView(frame, '#partner'), true);
  assert.ok(await frame.$eval('#partner', (e) => e.getAnimations().length > 0), 'flashes');

  // The hidden one (inside a closed <details>): Enter on its card opens the details and shows it.
  assert.equal(await frame.$eval('#profiling', (e) => e.closest('details').open), false);
  await page.focus('#findings > li[data-selector="#profiling"] > button');
  await page.keyboard.press('Enter');
  await frame.waitForFunction(() => {
    const r = document.querySelector('#profiling').getBoundingClientRect();
    return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight;
  });
  assert.equal(await frame.$eval('#profiling', (e) => e.closest('details').open), true);
  assert.ok(await frame.$eval('#profiling', (e) => e.getAnimations().length > 0), 'flashes');
  // The iframe itself is on screen.
  const box = await (await page.$('#sample-frame')).boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 900, 'the frame is in the viewport');
  // Still exactly one mark per finding after the marks were redrawn.
  assert.equal((await marks(frame)).length, await count());
});

test('switching the UI language changes the messages, and back', async () => {
  await rendered(() => page.selectOption('#ui-lang', 'en'));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  let list = await checkSample('de-checkout');
  for (const c of list) assert.match(c.text, /^Already ticked for you/m);
  assert.match(await page.textContent('#findings'), /Credit check/);
  assert.match(await page.textContent('#tagline'), /already ticked for you/);
  assert.match(await page.textContent('footer'), /Everything runs locally – nothing is sent/);
  assert.match(await page.textContent('#timing'), /\d+\.\d ms/);
  assert.match(list.find((c) => c.selector === '#profiling').text, /hidden/);

  await rendered(() => page.selectOption('#ui-lang', 'de'));
  list = await checkSample('de-checkout');
  for (const c of list) assert.match(c.text, /^Schon für Sie angekreuzt/m);
  assert.match(await page.textContent('[data-sample="paste"]'), /Eigenes HTML/);
  await rendered(() => page.selectOption('#ui-lang', 'en'));
});

test('English sign-up: the expected marks and flags', async () => {
  await rendered(() => page.click('[data-sample="en-signup"]'));
  assert.equal(await page.getAttribute('[data-sample="en-signup"]', 'aria-selected'), 'true');
  const list = await checkSample('en-signup');
  assert.match(list.find((c) => c.selector === '#sms-yes').text, /pre-selected/);
  assert.match(list.find((c) => c.selector === '#terms-offers').text, /bundled/);
  await page.screenshot({ path: `${SHOTS}/demo-en-signup.png` });
});

test('cookie banner: switches that are on are marked, necessary and off ones are not', async () => {
  await rendered(() => page.click('[data-sample="cookie-banner"]'));
  const list = await checkSample('cookie-banner');
  for (const c of list) assert.match(c.text, /Already switched on for you/);
  await page.screenshot({ path: `${SHOTS}/demo-cookie-banner.png` });
});

test('pasted HTML is marked in a sandbox and its scripts never run', async () => {
  await rendered(() => page.click('[data-sample="paste"]'));
  assert.equal(await page.getAttribute('#paste-frame', 'sandbox'), 'allow-same-origin');
  await page.fill('#paste-html', PASTE);
  await rendered(() => page.click('#paste-scan'));
  const frame = await frameOf('paste-frame');
  assert.equal(frame.url(), 'about:srcdoc');
  assert.deepEqual(await marks(frame), [['#nl', 'preticked_consent:marketing']]);
  assert.equal(await count(), 1);
  assert.equal((await cards())[0].category, 'marketing');
  await page.waitForTimeout(300); // give a script or onerror handler every chance to run
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await frame.evaluate(() => window.pwned), undefined);
  // Nothing was fetched for the pasted <img src=x>: the frame's policy refused it before any
  // network access; the browser reported the refused script and image from the frame.
  assert.deepEqual(responses.filter((u) => new URL(u).pathname === '/x'), []);
  assert.ok(failed.includes('/x csp'), failed.join('\n'));
  assert.ok(expectedBlocks.some((m) => m.startsWith('Blocked script execution')), 'the sandbox refused the script');
  await page.screenshot({ path: `${SHOTS}/demo-paste.png` });
});

test('a control inside an open shadow root is found, and its card reveals it (" >>> " selector)', async () => {
  // Declarative shadow DOM needs no script, so it works in the sandbox.
  await page.fill('#paste-html', `<!doctype html><html lang="en"><body><div style="height:2000px">Our bestsellers</div>
<shop-consent><template shadowrootmode="open"><p>Almost there</p>
<label><input type="checkbox" checked> Sign me up for the newsletter</label></template></shop-consent></body></html>`);
  await rendered(() => page.click('#paste-scan'));
  const list = await cards();
  assert.equal(list.length, 1);
  assert.match(list[0].selector, / >>> /);
  const frame = await frameOf('paste-frame');
  const input = 'shop-consent >> input';   // Playwright's CSS engine pierces open shadow roots
  assert.equal(await frame.$eval(input, (e) => e.dataset.haken), 'preticked_consent:marketing');
  assert.equal(await inView(frame, input), false);
  await page.click('#findings > li:first-child > button');
  // (Polled from the demo page: timers and animation frames do not run in a frame without scripts.)
  await page.waitForFunction(() => {
    const doc = document.getElementById('paste-frame').contentDocument;
    const r = doc.querySelector('shop-consent').shadowRoot.querySelector('input').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= doc.defaultView.innerHeight;
  });
  assert.ok(await frame.$eval(input, (e) => e.getAnimations().length > 0), 'flashes');
});

test('empty input or markup without controls: a friendly "no controls" message', async () => {
  await page.fill('#paste-html', '');
  await rendered(() => page.click('#paste-scan'));
  assert.equal(await count(), 0);
  assert.equal(await page.isVisible('#empty'), true);
  assert.match(await page.textContent('#empty'), /No controls found/);

  await rendered(() => page.selectOption('#ui-lang', 'de'));
  await page.fill('#paste-html', '<h1>Nur Text</h1><p>Hier gibt es nichts anzukreuzen.</p>');
  await rendered(() => page.click('#paste-scan'));
  assert.equal(await count(), 0);
  assert.match(await page.textContent('#empty'), /Keine Kästchen gefunden/);
  assert.equal(await page.$$eval('#findings > li', (l) => l.length), 0);

  // The built-in example (in the UI language): a newsletter and a paid extra.
  await rendered(() => page.click('#paste-example'));
  assert.deepEqual((await cards()).map((c) => c.category).sort(), ['marketing', 'paid_addon']);
  assert.equal(await count(), (await marks(await frameOf('paste-frame'))).length);
});

test('a wasm build that fails to load shows an error box, not a blank page', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const broken = await context.newPage();
  await broken.route('**/pkg/haken_bg.wasm', (r) => r.fulfill({ status: 404, contentType: 'text/plain', body: 'not found\n' }));
  await broken.goto(server.url);
  await broken.waitForFunction(() => document.body.dataset.error === 'true');
  assert.equal(await broken.isVisible('#error'), true);
  assert.match(await broken.textContent('#error'), /haken could not be loaded/);
  await broken.screenshot({ path: `${SHOTS}/demo-error.png` });
  await context.close();
});

test("checkout sample: the shop's own privacy policy (same origin) is summarised under the findings, broken promise first", async () => {
  await page.click('#tab-de-checkout');
  await page.waitForFunction(() => document.body.dataset.rendered === 'de-checkout' && document.body.dataset.busy === 'false');
  await page.waitForSelector('#shop-policy:not([hidden])', { timeout: 10000 });
  const kinds = await page.$$eval('#shop-policy-list > li', (lis) => lis.map((li) => `${li.dataset.kind}:${li.dataset.category}`));
  assert.equal(kinds[0], 'policy_contradiction:business_transfer', kinds.join());
  assert.ok(kinds.includes('policy_claim:credit_scoring'), kinds.join());
  assert.ok(!kinds.some((k) => k.endsWith(':user_rights')), 'information-only points stay out of the shop summary');
});

test('privacy-policy samples: sentences highlighted in the page, cards lead with the broken promise and reveal their sentence', async () => {
  for (const [tab, lang] of [['policy-de', 'de'], ['policy-en', 'en']]) {
    await page.click(`#tab-${tab}`);
    await page.waitForFunction((name) => document.body.dataset.rendered === name && document.body.dataset.busy === 'false', tab);
    const list = await page.$$eval('#findings > li', (lis) => lis.map((li) => `${li.dataset.kind}:${li.dataset.category}`));
    assert.equal(list[0], 'policy_contradiction:business_transfer', `${tab}: ${list.join()}`);
    for (const category of ['never_share_promise', 'tracking_profiling', 'retention']) {
      assert.ok(list.includes(`policy_claim:${category}`), `${tab}: ${category} in ${list.join()}`);
    }
    assert.equal(Number(await page.textContent('#finding-count')), list.length);
    const frame = await (await page.$('#sample-frame')).contentFrame();
    assert.equal(await frame.evaluate(() => document.documentElement.lang), lang);
    const highlights = await frame.evaluate(() => [...CSS.highlights.keys()]);
    assert.ok(highlights.includes('haken-business_transfer') && highlights.includes('haken-never_share_promise'), highlights.join());
    await page.click('#findings > li:first-child .card');
    assert.ok(await frame.evaluate(() => CSS.highlights.has('haken-flash')), 'the clause flashes');
    await page.screenshot({ path: `${SHOTS}/demo-${tab}.png` });
  }
  await page.click('#tab-de-checkout');
  await page.waitForFunction(() => document.body.dataset.rendered === 'de-checkout' && document.body.dataset.busy === 'false');
});

const kinds = () => page.$$eval('#findings > li', (lis) => lis.map((li) => `${li.dataset.kind}:${li.dataset.category}`).sort());

async function openTab(tab) {
  await page.click(`#tab-${tab}`);
  await page.waitForFunction((name) => document.body.dataset.rendered === name && document.body.dataset.busy === 'false', tab);
  return (await page.$('#sample-frame')).contentFrame();
}

test('app listing and Google sign-in samples: excessive permissions and the WhatsApp group are marked, ordinary ones are not', async () => {
  let frame = await openTab('app-listing');
  assert.deepEqual(await kinds(), ['group_invite:whatsapp', 'permission:background_location', 'permission:contacts',
    'permission:microphone', 'permission:phone']);
  const marked = await frame.$$eval('[data-haken]', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(marked.includes('Kontakte lesen') && !marked.includes('Bilder und Videos aufnehmen') && !marked.includes('voller Netzwerkzugriff'), marked.join(' | '));
  assert.match(await page.textContent('#findings'), /Adressbuch/);
  await page.screenshot({ path: `${SHOTS}/demo-app-listing.png` });
  frame = await openTab('oauth');
  assert.deepEqual(await kinds(), ['permission:accounts', 'permission:contacts']);
  await page.screenshot({ path: `${SHOTS}/demo-oauth.png` });
});

test('store-finder sample: asking for location and notifications shows a warning for each, and the page still gets its answer', async () => {
  const frame = await openTab('store-finder');
  assert.equal(await count(), 0, 'nothing before the page asks');
  await frame.click('#locate');
  await frame.click('#notify');
  await page.waitForFunction(() => Number(document.getElementById('finding-count').textContent) >= 2, null, { timeout: 10000 });
  await frame.click('#notify');
  await page.waitForTimeout(200);
  assert.deepEqual(await kinds(), ['permission_prompt:location', 'permission_prompt:notifications'], 'one card per API');
  await frame.waitForFunction(() => document.getElementById('locate-answer').textContent && document.getElementById('notify-answer').textContent);
  assert.match(await frame.textContent('#notify-answer'), /Antwort des Browsers: (denied|default|granted)/);
  assert.match(await frame.textContent('#locate-answer'), /Standort|Kein Standort/);
  await page.screenshot({ path: `${SHOTS}/demo-store-finder.png` });
  await openTab('de-checkout');
});

test('no console errors and no page errors on the demo page', () => {
  assert.deepEqual(problems, []);
});
