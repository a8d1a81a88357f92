// @ts-check
// haken demo page: loads sample shop pages (or pasted HTML) into an iframe, marks them with the
// real WebAssembly build and lists the findings; privacy-policy samples are analysed by the
// policy module (policy-demo.js). No frameworks, nothing leaves the machine.

import { loadClaims, analyzeDocument, highlight, revealSpan, policyCards } from './policy-demo.js';
//
// Test hooks (tests/e2e/demo.test.mjs): body[data-ready="true"] once the first sample is marked;
// body[data-busy] while a page loads; body[data-renders] counts finished renders; each card has
// data-category; #finding-count holds the number of findings.

const UI = {
  de: {
    tagline: 'Zeigt beim Einkaufen den Haken direkt auf der Seite: schon angekreuzte Einwilligungen, was die Datenschutzerklärung wirklich sagt, und Berechtigungen, die ein Shop nicht braucht.',
    language: 'Sprache',
    auto: 'Automatisch',
    skip: 'Zu den Funden springen',
    tabsLabel: 'Beispiele',
    'tab_de-checkout': 'Kasse',
    'tab_en-signup': 'Konto anlegen',
    'tab_cookie-banner': 'Cookie-Banner',
    tab_paste: 'Eigenes HTML',
    'tab_policy-de': 'Datenschutzerklärung',
    'tab_policy-en': 'Privacy policy',
    'tab_app-listing': 'App-Berechtigungen',
    tab_oauth: 'Google-Anmeldung',
    'tab_store-finder': 'Filialfinder',
    broken: 'Gebrochenes Versprechen',
    promise: 'Versprechen',
    clause: 'Klausel',
    policyCount: () => 'Stellen in der Erklärung',
    shopPolicy: 'Datenschutzerklärung dieses Shops',
    shopPolicyNone: 'Die Datenschutzerklärung dieses Shops enthält nichts, wovor haken warnt.',
    sampleCaption: 'Beispielseite',
    sampleCaptionTail: '– markiert vom echten WebAssembly-Build',
    pasteCaption: 'Ihr HTML – in einem abgeschotteten Rahmen: keine Skripte, kein Nachladen',
    frameTitle: 'Beispielseite',
    pasteFrameTitle: 'Eingefügtes HTML',
    pasteLabel: 'HTML einer Seite einfügen',
    pasteHint: 'Zum Beispiel aus „Seitenquelltext anzeigen“. Skripte werden nie ausgeführt, und nichts wird nachgeladen.',
    scan: 'Prüfen',
    example: 'Beispiel einsetzen',
    findingsTitle: 'Gefundene Haken',
    cardHint: 'Karte anklicken (oder Enter): zeigt die Stelle auf der Seite.',
    count: () => 'Haken gefunden',
    severity: { high: 'hoch', medium: 'mittel', low: 'niedrig', info: 'Hinweis' },
    severityLabel: 'Gewicht',
    flags: { hidden: 'versteckt', bundled: 'gekoppelt', radio: 'vorausgewählt', opt_out: 'Opt-out-Falle' },
    rule: 'Regel',
    show: 'Zeigen ›',
    loading: 'Lädt …',
    noControlsTitle: 'Keine Kästchen gefunden',
    noControlsText: 'Dieses HTML enthält keine Checkboxen, Radio-Buttons oder Schalter – hier kann also nichts vorab angekreuzt sein.',
    noFindingsTitle: 'Kein Haken gefunden',
    noFindingsText: (n) => `${n} ${n === 1 ? 'Kästchen' : 'Kästchen'} geprüft – keines stimmt vorab für Sie einer Sache zu, die Sie nicht bestellt haben.`,
    pastePromptTitle: 'Noch nichts geprüft',
    pastePromptText: 'Fügen Sie links HTML ein und drücken Sie „Prüfen“ – oder setzen Sie das Beispiel ein.',
    local: 'Alles läuft lokal – nichts wird gesendet',
    timing: (ms) => `Prüfung in ${ms} ms`,
    errorTitle: 'haken konnte nicht geladen werden',
    errorText: 'Das WebAssembly-Modul ließ sich nicht laden. Ist www/pkg/ gebaut (make wasm) und wird die Seite über einen Server geöffnet (make demo)?',
    scanError: 'Diese Seite konnte nicht geprüft werden:',
    example_html: `<!doctype html>
<html lang="de">
<body>
  <h2>Fast geschafft!</h2>
  <label><input type="checkbox" checked> Rechnungsadresse wie Lieferadresse</label><br>
  <label><input type="checkbox" checked> Ja, schickt mir den Newsletter mit Angeboten und Gutscheinen.</label><br>
  <label><input type="checkbox" checked> Geschenkservice hinzufügen (+ 4,95 €)</label><br>
  <label><input type="checkbox"> Ich möchte Produktempfehlungen per SMS erhalten.</label>
  <script>alert('Dieses Skript läuft nie.')</script>
</body>
</html>`,
  },
  en: {
    tagline: 'Shows the catch right on the page while you shop: consent that is already ticked for you, what the privacy policy really says, and permissions a shop does not need.',
    language: 'Language',
    auto: 'Automatic',
    skip: 'Skip to the findings',
    tabsLabel: 'Examples',
    'tab_de-checkout': 'Checkout',
    'tab_en-signup': 'Sign-up',
    'tab_cookie-banner': 'Cookie banner',
    tab_paste: 'Your HTML',
    'tab_policy-de': 'Datenschutzerklärung',
    'tab_policy-en': 'Privacy policy',
    'tab_app-listing': 'App permissions',
    tab_oauth: 'Google sign-in',
    'tab_store-finder': 'Store finder',
    broken: 'Broken promise',
    promise: 'The promise',
    clause: 'The clause',
    policyCount: (n) => (n === 1 ? 'point in the policy' : 'points in the policy'),
    shopPolicy: "This shop's privacy policy",
    shopPolicyNone: "Nothing in this shop's privacy policy calls for a warning.",
    sampleCaption: 'Sample page',
    sampleCaptionTail: '– marked by the real WebAssembly build',
    pasteCaption: 'Your HTML – in a sealed frame: no scripts, nothing fetched',
    frameTitle: 'Sample page',
    pasteFrameTitle: 'Pasted HTML',
    pasteLabel: 'Paste the HTML of a page',
    pasteHint: 'For example from “View page source”. Scripts never run, and nothing is fetched.',
    scan: 'Scan',
    example: 'Insert example',
    findingsTitle: 'Catches found',
    cardHint: 'Click a card (or press Enter) to see the spot on the page.',
    count: (n) => (n === 1 ? 'catch found' : 'catches found'),
    severity: { high: 'high', medium: 'medium', low: 'low', info: 'info' },
    severityLabel: 'Severity',
    flags: { hidden: 'hidden', bundled: 'bundled', radio: 'pre-selected', opt_out: 'opt-out trap' },
    rule: 'Rule',
    show: 'Show ›',
    loading: 'Loading …',
    noControlsTitle: 'No controls found',
    noControlsText: 'This HTML has no checkboxes, radio buttons or switches, so nothing can be pre-ticked here.',
    noFindingsTitle: 'No catch found',
    noFindingsText: (n) => `${n} ${n === 1 ? 'control' : 'controls'} checked – none agrees in advance to something you did not ask for.`,
    pastePromptTitle: 'Nothing scanned yet',
    pastePromptText: 'Paste HTML on the left and press “Scan” – or insert the example.',
    local: 'Everything runs locally – nothing is sent',
    timing: (ms) => `scan took ${ms} ms`,
    errorTitle: 'haken could not be loaded',
    errorText: 'The WebAssembly module failed to load. Is www/pkg/ built (make wasm), and is the page served over HTTP (make demo)?',
    scanError: 'This page could not be scanned:',
    example_html: `<!doctype html>
<html lang="en">
<body>
  <h2>Almost done!</h2>
  <label><input type="checkbox" checked> Use my delivery address as billing address</label><br>
  <label><input type="checkbox" checked> Yes, send me the newsletter with offers and discount codes.</label><br>
  <label><input type="checkbox" checked> Add gift wrapping (+ £3.50)</label><br>
  <label><input type="checkbox"> Text me product recommendations.</label>
  <script>alert('This script never runs.')</script>
</body>
</html>`,
  },
};

const SAMPLES = {
  'de-checkout': 'samples/de-checkout.html',
  'en-signup': 'samples/en-signup.html',
  'cookie-banner': 'samples/cookie-banner.html',
  'policy-de': 'samples/datenschutz.html',
  'policy-en': 'samples/privacy-policy.html',
  'app-listing': 'samples/app-listing.html',
  oauth: 'samples/oauth.html',
  'store-finder': 'samples/store-finder.html',
};

// Extra policy for pasted HTML (on top of the one it inherits from this page): no fetches at all.
const PASTE_POLICY = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`;

/** An element of this page by id (its type is the caller's to know). @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);
const els = {
  select: $('ui-lang'), tabs: /** @type {HTMLElement[]} */ ([...document.querySelectorAll('[role=tab][data-sample]')]),
  stage: $('stage'), sampleFrame: $('sample-frame'), pasteFrame: $('paste-frame'),
  pasteBox: $('paste-box'), pasteHtml: $('paste-html'), pasteScan: $('paste-scan'), pasteExample: $('paste-example'),
  caption: $('frame-caption'), count: $('finding-count'), countText: $('count-text'), countLine: $('count-line'),
  hint: $('findings-hint'), empty: $('empty'), list: $('findings'),
  shopPolicy: $('shop-policy'), shopPolicyTitle: $('shop-policy-title'), shopPolicyList: $('shop-policy-list'),
  version: $('version'), timing: $('timing'), error: $('error'), errorDetail: $('error-detail'),
};

const state = {
  haken: null,
  pref: 'auto',      // the select's value
  lang: 'de',        // resolved UI language, passed to haken
  tab: 'de-checkout',
  seq: 0,            // render generation: a newer render makes older ones stop
  pasted: null,      // last scanned paste (null: nothing scanned yet)
  doc: null, frame: null, findings: [], markedWidth: 0,
  lastMs: null, renders: 0,
};

const t = (key, ...args) => {
  const v = UI[state.lang][key];
  return typeof v === 'function' ? v(...args) : v;
};

function autoLang() {
  return String(navigator.language || 'en').toLowerCase().startsWith('de') ? 'de' : 'en';
}

function loadPref() {
  try { const v = localStorage.getItem('haken-ui-lang'); if (v === 'de' || v === 'en' || v === 'auto') return v; } catch { /* storage off */ }
  return 'auto';
}
function savePref(v) {
  try { localStorage.setItem('haken-ui-lang', v); } catch { /* storage off */ }
}

// ---------------------------------------------------------------- static texts

function applyTexts() {
  document.documentElement.lang = state.lang;
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-i18n]'))) {
    const v = t(el.dataset.i18n);
    if (typeof v === 'string') el.textContent = v;
  }
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-i18n-aria]'))) el.setAttribute('aria-label', t(el.dataset.i18nAria));
  els.sampleFrame.title = t('frameTitle');
  els.pasteFrame.title = t('pasteFrameTitle');
  renderCaption();
  renderTiming();
}

function renderCaption() {
  els.caption.replaceChildren();
  if (state.tab === 'paste') {
    els.caption.textContent = t('pasteCaption');
  } else {
    const code = document.createElement('code');
    code.textContent = SAMPLES[state.tab];
    els.caption.append(`${t('sampleCaption')} `, code, ` ${t('sampleCaptionTail')}`);
  }
}

function renderTiming() {
  els.timing.textContent = state.lastMs == null ? '' : t('timing', new Intl.NumberFormat(state.lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(state.lastMs));
}

// ---------------------------------------------------------------- frames

/** Resolves with the frame's document once `isNew(doc)` holds and it has fully loaded. */
function waitForDocument(frame, isNew, seq, timeout = 15000) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let timer = 0;
    const check = () => {
      clearTimeout(timer);
      if (seq !== state.seq) { frame.removeEventListener('load', check); resolve(null); return; }
      const doc = frame.contentDocument;
      if (doc && isNew(doc) && doc.readyState === 'complete') {
        frame.removeEventListener('load', check);
        resolve(doc);
        return;
      }
      if (performance.now() - started > timeout) {
        frame.removeEventListener('load', check);
        reject(new Error('the page in the frame did not finish loading'));
        return;
      }
      timer = setTimeout(check, 20);
    };
    frame.addEventListener('load', check);
    timer = setTimeout(check, 0);
  });
}

function showFrame(which) {
  els.sampleFrame.hidden = which !== 'sample';
  els.pasteFrame.hidden = which !== 'paste';
}

function begin() {
  state.seq += 1;
  state.doc = null;
  state.findings = [];
  document.body.dataset.busy = 'true';
  els.count.textContent = '–';
  els.countText.textContent = t('loading');
  els.list.replaceChildren();
  els.empty.hidden = true;
  els.shopPolicy.hidden = true;
  els.shopPolicyList.replaceChildren();
  return state.seq;
}

function finish() {
  state.renders += 1;
  document.body.dataset.renders = String(state.renders);
  document.body.dataset.rendered = state.tab;
  document.body.dataset.busy = 'false';
}

async function loadSample(name) {
  const seq = begin();
  showFrame('sample');
  const frame = els.sampleFrame;
  const url = new URL(SAMPLES[name], document.baseURI).href;
  const previous = frame.contentDocument;
  frame.src = url;
  try {
    const doc = await waitForDocument(frame, (d) => d !== previous && d.URL === url, seq);
    if (!doc) return;
    if (name.startsWith('policy-')) await markPolicy(doc, frame, seq);
    else {
      markAndList(doc, frame);
      await shopPolicy(doc, seq);
    }
    document.body.dataset.ready = 'true';
  } catch (e) {
    listError(e);
  }
  finish();
}

/** Puts the pasted markup (behind an extra no-fetch policy) into the sandboxed frame. */
function withPolicy(html) {
  // After a leading doctype (and comments before it), so the page keeps its standards mode.
  const doctype = /^\s*(?:<!--[\s\S]*?-->\s*)*<!doctype[^>]*>/i.exec(html);
  return doctype ? doctype[0] + PASTE_POLICY + html.slice(doctype[0].length) : PASTE_POLICY + html;
}

async function scanPaste(html) {
  state.pasted = html;
  const seq = begin();
  showFrame('paste');
  const frame = els.pasteFrame;
  const previous = frame.contentDocument;
  frame.srcdoc = html.trim() ? withPolicy(html) : '';
  try {
    // Chromium may report the initial about:blank first: wait for the srcdoc document itself.
    const doc = await waitForDocument(frame, (d) => d !== previous && d.URL === 'about:srcdoc', seq);
    if (!doc) return;
    markAndList(doc, frame);
  } catch (e) {
    listError(e);
  }
  finish();
}

function pastePrompt() {
  begin();
  showFrame('paste');
  els.count.textContent = '0';
  els.countText.textContent = t('count', 0);
  showEmpty(t('pastePromptTitle'), t('pastePromptText'));
  finish();
}

// ---------------------------------------------------------------- marking

function markAndList(doc, frame) {
  const t0 = performance.now();
  const findings = state.haken.mark(doc, state.lang);
  state.lastMs = performance.now() - t0;
  state.doc = doc;
  state.frame = frame;
  state.findings = findings;
  state.markedWidth = frame.clientWidth;
  // Marks are drawn at layout positions: redraw them when a <details> in the page opens or closes.
  doc.addEventListener('toggle', () => remark(), true);
  const controls = findings.length ? -1 : state.haken.snapshot(doc).controls.length;
  renderFindings(findings, controls);
  renderTiming();
  // Permission requests of the page (reported by prompts-main.js, which the store-finder
  // sample loads as the extension would inject it): one card per API, judged by the engine.
  const seq = state.seq;
  doc.addEventListener('haken:permission-request', (e) => {
    if (seq !== state.seq || typeof e.detail !== 'string') return;
    if (state.findings.some((f) => f.kind === 'permission_prompt' && f.rule === `prompt.${e.detail}`)) return;
    const finding = state.haken.prompt(e.detail, state.lang);
    if (!finding) return;
    state.findings = [...state.findings, finding];
    renderFindings(state.findings, -1);
  });
}

/** A policy sample: its sentences highlighted in the frame, one card per finding. */
async function markPolicy(doc, frame, seq) {
  const claims = await loadClaims();
  if (seq !== state.seq) return;
  const t0 = performance.now();
  const { read, findings, labels } = analyzeDocument(claims, doc, state.lang);
  highlight(doc, read, findings);
  state.lastMs = performance.now() - t0;
  state.doc = doc;
  state.frame = frame;
  state.findings = [];
  const cards = policyCards({ findings, labels, t, severity: UI[state.lang].severity, show: (span) => revealSpan(doc, read, span) });
  els.count.textContent = String(cards.length);
  els.countText.textContent = t('policyCount', cards.length);
  els.hint.hidden = cards.length === 0;
  els.list.replaceChildren(...cards);
  renderTiming();
}

/** A shop sample: the policy behind its privacy link (same origin, the engine picks the link), summarised. */
async function shopPolicy(doc, seq) {
  const claims = await loadClaims();
  const here = new URL(doc.URL);
  const link = [...doc.querySelectorAll('a[href]')].find((a) => {
    const url = new URL(a.getAttribute('href'), doc.baseURI);
    return url.origin === here.origin && url.pathname !== here.pathname && claims.isPolicyLink(a.textContent);
  });
  if (!link) return;
  const response = await fetch(new URL(link.getAttribute('href'), doc.baseURI));
  if (!response.ok || seq !== state.seq) return;
  const parsed = new DOMParser().parseFromString(await response.text(), 'text/html');
  const { findings, labels } = analyzeDocument(claims, parsed, state.lang);
  if (seq !== state.seq) return;
  const shown = findings.filter((f) => f.kind === 'policy_contradiction' || f.severity !== 'info');
  els.shopPolicyTitle.textContent = t('shopPolicy');
  els.shopPolicyList.replaceChildren(...policyCards({ findings: shown, labels, t, severity: UI[state.lang].severity, show: null }));
  if (!shown.length) els.shopPolicyList.replaceChildren(Object.assign(document.createElement('li'), { textContent: t('shopPolicyNone') }));
  els.shopPolicy.hidden = false;
}

/** Redraws the marks at the current layout (the panel keeps the findings as the page loaded). */
function remark() {
  if (!state.doc || !state.haken || state.doc.defaultView === null) return;
  try {
    state.haken.mark(state.doc, state.lang);
    state.markedWidth = state.frame.clientWidth;
  } catch { /* the page went away meanwhile */ }
}

const resized = new ResizeObserver(() => {
  const frame = state.frame;
  if (frame && !frame.hidden && frame.clientWidth > 0 && frame.clientWidth !== state.markedWidth) {
    requestAnimationFrame(remark);
  }
});
resized.observe(els.sampleFrame);
resized.observe(els.pasteFrame);

// ---------------------------------------------------------------- panel

function showEmpty(title, text) {
  const strong = document.createElement('strong');
  strong.textContent = title;
  els.empty.replaceChildren(strong, document.createTextNode(text));
  els.empty.className = 'empty';
  els.empty.hidden = false;
  els.hint.hidden = true;
}

function listError(e) {
  els.count.textContent = '0';
  els.countText.textContent = t('count', 0);
  const strong = document.createElement('strong');
  strong.textContent = t('scanError');
  els.empty.replaceChildren(strong, document.createTextNode(String(e?.message ?? e)));
  els.empty.className = 'error';
  els.empty.hidden = false;
}

function chip(text, cls) {
  const s = document.createElement('span');
  s.className = `chip ${cls}`;
  s.textContent = text;
  return s;
}

function span(cls, text) {
  const s = document.createElement('span');
  s.className = cls;
  if (text != null) s.textContent = text;
  return s;
}

function renderFindings(findings, controls) {
  els.count.textContent = String(findings.length);
  els.countText.textContent = t('count', findings.length);
  els.empty.className = 'empty';
  els.empty.hidden = true;
  els.hint.hidden = findings.length === 0;
  if (findings.length === 0) {
    if (controls === 0) showEmpty(t('noControlsTitle'), t('noControlsText'));
    else showEmpty(t('noFindingsTitle'), t('noFindingsText', controls));
  }
  const items = findings.map((f, i) => {
    const li = document.createElement('li');
    li.dataset.kind = f.kind;
    li.dataset.category = f.category;
    li.dataset.severity = f.severity;
    li.dataset.selector = f.element?.selector ?? '';
    li.dataset.flags = (f.flags ?? []).join(' ');

    const card = document.createElement('button');
    card.type = 'button';
    card.className = 'card';
    card.dataset.severity = f.severity;
    card.dataset.index = String(i);

    const head = span('head');
    head.append(span('cat', state.haken.label(f.category, state.lang)));
    const sev = chip(UI[state.lang].severity[f.severity] ?? f.severity, `sev-${f.severity}`);
    sev.title = t('severityLabel');
    head.append(sev);
    for (const flag of f.flags ?? []) head.append(chip(UI[state.lang].flags[flag] ?? flag, `flag flag-${flag}`));

    const msg = span('msg', f.message);
    const ev = span('ev');
    const q = document.createElement('q');
    q.textContent = f.evidence;
    ev.append(q);

    const foot = span('card-foot');
    const rule = document.createElement('code');
    rule.className = 'rule';
    rule.textContent = `${t('rule')}: ${f.rule}`;
    foot.append(rule);
    // A permission request of the page has no element to show.
    if (f.element) foot.append(span('go', t('show')));

    card.append(head, msg, ev, foot);
    card.addEventListener('click', () => reveal(i));
    li.append(card);
    return li;
  });
  els.list.replaceChildren(...items);
  els.list.scrollTop = 0;
}

// ---------------------------------------------------------------- reveal a finding in the page

/** `selector` as haken writes it: ' >>> ' steps into an open shadow root. */
function resolveSelector(doc, selector, id) {
  try {
    let root = doc;
    let el = null;
    const parts = selector.split(' >>> ');
    for (let i = 0; i < parts.length; i++) {
      el = root.querySelector(parts[i]);
      if (!el) return null;
      if (i < parts.length - 1) {
        root = el.shadowRoot;
        if (!root) return null;
      }
    }
    return el;
  } catch {
    return id ? doc.getElementById(id) : null;
  }
}

/** Opens every closed <details> around `el` (also across shadow roots); true if one opened. */
function openDetails(el) {
  let opened = false;
  for (let n = el; n; n = n.parentNode ?? n.host) {
    if (n.localName === 'details' && !n.open) {
      // Not for the summary itself: it is visible anyway.
      if (!(el.closest && el.closest('summary') && n.contains(el.closest('summary')))) {
        n.open = true;
        opened = true;
      }
    }
  }
  return opened;
}

const hasBox = (el) => {
  const r = el.getBoundingClientRect();
  return r.width > 1 && r.height > 1;
};

function reveal(i) {
  const f = state.findings[i];
  const doc = state.doc;
  if (!f || !doc) return;
  const el = resolveSelector(doc, f.element?.selector ?? '', f.element?.id);
  if (!el) return;
  if (openDetails(el)) remark();
  let target = el;
  while (target && target.nodeType === 1 && !hasBox(target)) target = target.parentElement ?? target.getRootNode().host;
  target = target ?? el;
  const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduce ? 'auto' : 'smooth' });
  const flashed = new Set([target]);
  for (const label of el.labels ?? []) if (hasBox(label)) flashed.add(label);
  for (const node of flashed) {
    node.animate([
      { outline: '4px solid rgba(255, 171, 0, 1)', outlineOffset: '3px', backgroundColor: 'rgba(255, 213, 79, .6)' },
      { outline: '4px solid rgba(255, 171, 0, 0)', outlineOffset: '3px', backgroundColor: 'rgba(255, 213, 79, 0)' },
    ], { duration: 900, iterations: 2, easing: 'ease-in' });
  }
}

// ---------------------------------------------------------------- tabs and language

function selectTab(name, { focus = false } = {}) {
  state.tab = name;
  for (const b of els.tabs) {
    const on = b.dataset.sample === name;
    b.setAttribute('aria-selected', String(on));
    b.tabIndex = on ? 0 : -1;
    if (on && focus) b.focus();
  }
  els.stage.setAttribute('aria-labelledby', `tab-${name}`);
  els.pasteBox.hidden = name !== 'paste';
  renderCaption();
  return render();
}

function render() {
  if (!state.haken) return Promise.resolve();
  if (state.tab === 'paste') return state.pasted === null ? (pastePrompt(), Promise.resolve()) : scanPaste(state.pasted);
  return loadSample(state.tab);
}

function setLanguage(pref) {
  state.pref = pref;
  state.lang = pref === 'auto' ? autoLang() : pref;
  els.select.value = pref;
  applyTexts();
}

function wire() {
  els.select.addEventListener('change', () => {
    savePref(els.select.value);
    setLanguage(els.select.value);
    render(); // messages come from haken in the chosen language: mark again
  });
  for (const b of els.tabs) {
    b.addEventListener('click', () => { if (b.dataset.sample !== state.tab || state.tab !== 'paste') selectTab(b.dataset.sample); });
    b.addEventListener('keydown', (e) => {
      const i = els.tabs.indexOf(b);
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: els.tabs.length - 1 }[/** @type {KeyboardEvent} */ (e).key];
      if (to === undefined) return;
      e.preventDefault();
      const next = els.tabs[(to + els.tabs.length) % els.tabs.length];
      selectTab(next.dataset.sample, { focus: true });
    });
  }
  els.pasteBox.addEventListener('submit', (e) => {
    e.preventDefault();
    scanPaste(els.pasteHtml.value);
  });
  els.pasteExample.addEventListener('click', () => {
    els.pasteHtml.value = t('example_html');
    scanPaste(els.pasteHtml.value);
  });
}

function showError(e) {
  document.body.dataset.error = 'true';
  document.body.dataset.busy = 'false';
  els.errorDetail.textContent = String(e?.message ?? e);
  els.error.hidden = false;
  $('app').hidden = true;
  els.version.textContent = '–';
}

async function main() {
  setLanguage(loadPref());
  wire();
  document.body.dataset.busy = 'true';
  try {
    if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available in this browser');
    const mod = await import('./pkg/haken.js');
    await mod.default();
    state.haken = new mod.Haken();
    els.version.textContent = mod.Haken.version();
  } catch (e) {
    showError(e);
    return;
  }
  await selectTab(state.tab);
}

main();
