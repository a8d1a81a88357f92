// @ts-check
// The pre-check (issue 15): plain JavaScript, no engine, no WebAssembly. It answers one
// question per frame, cheaply: is there anything here haken could find? Only then does
// loader.js load the content shell and the engine; a page without a catch pays for this file
// and a few `querySelector` calls, nothing else. The answer must never be "no" where the engine
// would find something, so every test is a superset of what the engine reads:
// - controls: the engine's own candidate selector (`CANDIDATES` in src/reader/mod.rs; a Rust
//   test, tests/precheck.rs, keeps the copy below equal), in the document and its open shadow
//   roots;
// - group-chat links: the engine's invitation-link selector (src/permissions/reader.rs);
// - permission listings: a heading (the engine's heading selector, src/permissions/listing.rs)
//   whose text has a word every listing-heading pattern of rules/permissions/sections.toml
//   needs;
// - (top frame) a privacy policy: the title or a top heading names one
//   (rules/policy/categories.toml `[page]`), or a form that makes the shop's own policy worth
//   fetching (an e-mail, password or card field, as `wantsPolicy` in policy.js);
// - (top frame) a breach notice: the page's text has a word of breach vocabulary (every notice
//   of tests/breach and tests/breach-blind passes, tests/e2e/precheck.test.mjs);
// - a permission prompt the page made (prompts-listen.js keeps them from document_start).
// tests/e2e/precheck.test.mjs runs this file on every labelled page and checks that it says
// yes wherever the command line finds anything.
(() => {
  const KEY = Symbol.for('haken.precheck');
  if (globalThis[KEY]) return;

  /** = `haken::reader::CANDIDATES` (tests/precheck.rs). */
  const CANDIDATES = 'input[type=checkbox], input[type=radio], [role=checkbox], [role=switch], button[aria-pressed]';
  /** = `INVITE_LINKS` of src/permissions/reader.rs (tests/precheck.rs). */
  const INVITE_LINKS = 'a[href*="whatsapp" i], a[href*="t.me/" i], a[href*="telegram" i], a[href*="signal.group" i], a[href^="tg:" i], a[href^="sgnl:" i]';
  /** = `HEADINGS` of src/permissions/listing.rs (tests/precheck.rs). */
  const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role=heading], summary, legend, caption, dt, tr > th:first-child, tr > td:first-child';
  /** = `MAX_HEADINGS` of src/permissions/listing.rs: the engine reads no more. */
  const MAX_HEADINGS = 5000;
  /** = `MAX_HEADING_CHARS` of src/permissions/catalogue.rs (a longer heading is prose). */
  const MAX_HEADING_CHARS = 160;
  /** = `wantsPolicy` of policy.js: a form for which the shop's policy is fetched. */
  const ACCOUNT_FORM = 'form input[type=email], form input[type=password], form input[autocomplete^="cc-"]';

  // Word tests run on lower-cased raw text (the engine folds: umlauts spelled out, punctuation
  // as one space), so each stem is written for both spellings and without word boundaries.
  const GAP = '[\\s\\W_]*';
  const words = (list) => new RegExp(list.map((w) => w.replace(/ /g, GAP)).join('|'));
  /** A word each pattern of rules/permissions/sections.toml needs (matched in the heading). */
  const LISTING_WORDS = words([
    'permission', 'berechtigung', 'zugriff', 'access', 'data safety', 'datensicherheit', 'data shared',
    'data collected', 'daten', 'datentypen', 'app privacy', 'datenschutz', 'track', 'data linked', 'data not linked',
    'verknüpft', 'verknuepft', 'account', 'konto', 'receive', 'erhält', 'erhaelt', 'bekommt', 'following',
    'folgende', 'allow', 'dadurch kann', 'damit kann', 'erlaubt', 'location', 'standort', 'ortung',
    'privacy details', 'details by', 'details nach', 'would like', 'wants', 'würde gerne', 'wuerde gerne',
    'möchte', 'moechte', 'apple', 'needs your permission', 'benötigt ihre', 'benoetigt ihre', 'requires',
    'request', 'needs', 'benötigt', 'benoetigt', 'braucht',
  ]);
  /** A word every policy title pattern needs, and every URL pattern (rules/policy/categories.toml). */
  const POLICY_WORDS = words([
    'privacy', 'datenschutz', 'data protection', 'dsgvo', 'gdpr', 'privacidad', 'confidentialit',
    'how we use', 'how we handle', 'how we process',
  ]);
  /** Breach vocabulary, English and German (tests/e2e/precheck.test.mjs: every notice passes). */
  const BREACH_WORDS = words([
    'breach', 'incident', 'leak', 'hack', 'attack', 'cyber', 'ransomware', 'malware', 'phishing',
    'unauthori', 'compromised', 'exposed', 'stolen', 'intruder', 'criminal', 'exfiltrat', 'inadvertent',
    'mistakenly', 'accidentally', 'by mistake', 'in error', 'wrong address', 'wrong recipient', 'misused',
    'unusual login', 'unusual sign in', 'unusual log in',
    'vorfall', 'datenpanne', 'datenleck', 'angriff', 'angreifer', 'unbefugt', 'unbekannte', 'schadsoftware',
    'schadprogramm', 'erpressersoftware', 'gestohlen', 'entwendet', 'versehentlich', 'abgeflossen',
    'abgegriffen', 'datenschutzverletzung', 'verletzung des schutzes', 'art 34', 'art. 34', 'täter', 'taeter',
    'kriminelle', 'falsche', 'falschen', 'irrtümlich', 'irrtuemlich', 'fehler',
    // What the engine reads as data shown to others ("were visible to other users", "von
    // einem Fehler betroffen"): broad words, but notices are written in them.
    'affected', 'involved', 'visible', 'accessible', 'misconfigur', 'bug', 'unusual activity',
    'betroffen', 'sichtbar', 'zugänglich', 'zugaenglich', 'einsehbar', 'abrufbar',
    'anderer kunden', 'anderer nutzer', 'anderer personen', 'fremder kunden', 'fremder nutzer', 'fremder personen',
    'other customers', 'other users', 'other people', 'missbrauch', 'misuse', 'zugegriffen', 'unberechtigt',
    'konfigur', 'offen im internet', 'incorrect', 'wrong',
    // Notices told in everyday words (blind breach sets 8-11): a loss, a mix-up, something others
    // could see, and nearly always an apology.
    'sorry', 'apologi', 'entschuldig', 'bedauer', 'aus versehen', 'irrtum', 'vertauscht', 'verschwunden',
    // Set 16: embarrassment, a lost list nobody found again, a password changed after a former
    // member's login, and a notice that only says what someone holding the list would know.
    'embarrass', 'peinlich', 'unangenehm', 'unerfreulich', 'tut mir', 'tut uns', 'aufgetaucht',
    'passwort geändert', 'passwort geaendert', 'changed the password', 'password changed',
    'anyone who has', 'anyone with',
    'nicht mehr da', 'ausschließen', 'ausschliessen', 'unregelmäßig', 'unregelmaessig', 'lost', 'verloren',
    'theft', 'diebstahl', 'geklaut', 'taken from', 'someone', 'somebody', 'jemand', 'screenshot', 'posted',
    'gepostet', 'could read', 'could see', 'lesen konnte', 'sehen konnte', 'should not have', 'copied',
    'kopiert', 'took a copy', 'bcc', 'another customer', 'andere kundin', 'andere kunden', 'anderen kunden',
    'einer anderen', 'einem anderen', 'anderer mitglieder', 'other members', 'lücke', 'luecke',
    'what happened', 'was passiert ist', 'signed you out', 'reset your password',
    // Blind breach set 15: a break-in, the wrong sheet printed or attached, an apology in dialect.
    'tut mir leid', 'tut uns leid', 'tut mir wirklich leid', 'eingebrochen', 'einbruch', 'broken into',
    'break-in', 'ended up', 'looked up', 'statt des', 'statt der', 'instead',
    // Blind breach set 18: a print job that came out in the foyer, sheets left lying open, then
    // shredded.
    'offen im', 'druckauftrag', 'print job', 'geschreddert', 'shredded',
    // Set 19: a notice that never says what happened, only what was done about it (a link
    // blocked, a booking moved to a new number).
    'gesperrt', 'sperren', 'deaktiviert', 'blocked', 'revoked', 'deactivated', 'disabled the',
  ]);
  /** The engine reads the first this many UTF-16 units of a page's text for a breach notice. */
  const MAX_NOTICE_TEXT = 200_000;

  /** Pages with more elements than this are looked at element by element, in slices of
   * about `SLICE_MS` with the page's turn in between: one `querySelector` that has to look at
   * all of 200,000 nested elements is a task of 20-50 ms, and each test below is one. */
  const LARGE_PAGE = 20_000;
  const SLICE_MS = 12;
  /** Elements walked between looks at the clock. */
  const CLOCK_EVERY = 256;
  const nextTask = () => new Promise((ok) => setTimeout(ok, 0));

  /**
   * Walks the elements below `root` in document order, in slices, until `visit(element)` says
   * stop: true then, false when all were walked, null when the page removed the element the
   * walk stood on while it paused (from there the walk would end at the top of the removed
   * subtree and silently miss the rest of `root`; the caller falls back to a static list).
   * @param {Node} root
   * @param {(e: Element) => boolean} visit
   * @returns {Promise<boolean | null>}
   */
  async function walk(root, visit) {
    const walker = (root.ownerDocument ?? /** @type {Document} */ (root)).createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    let start = performance.now();
    let count = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (visit(/** @type {Element} */ (n))) return true;
      if (++count % CLOCK_EVERY !== 0 || performance.now() - start <= SLICE_MS) continue;
      await nextTask();
      start = performance.now();
      if (!root.contains(walker.currentNode)) return null;
    }
    return false;
  }

  /**
   * `root` and the open shadow roots below it (nested ones too), found by one walk (in slices).
   * @param {Document | Element} root
   */
  async function scopes(root) {
    /** @type {Array<Document | Element | ShadowRoot>} */
    const out = [root];
    for (let i = 0; i < out.length; i++) {
      /** @type {ShadowRoot[]} */
      const found = [];
      const walked = await walk(out[i], (e) => {
        if (e.shadowRoot) found.push(e.shadowRoot);
        return false;
      });
      // The page changed under the walk (rare): the scope once more, from a static list.
      for (const shadow of walked === null ? shadowRootsIn(out[i]) : found) out.push(shadow);
    }
    return out;
  }

  /** @param {ParentNode} scope */
  const shadowRootsIn = (scope) => [...scope.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [e.shadowRoot] : []));

  /**
   * Whether `root` holds more than `LARGE_PAGE` elements, found by walking at most that many
   * more than one (a page of ordinary size is walked whole, well within a slice).
   * @param {Node} root
   */
  async function isLarge(root) {
    let count = 0;
    // A walk the page cut short leaves the size unknown: the slices are right on any page.
    return (await walk(root, () => ++count > LARGE_PAGE)) !== false;
  }

  /**
   * For one pass of `reasons`: whether a root (the document, a subtree, a shadow root) is a
   * large page, walked once per root and pass (the page may grow between passes).
   * @returns {(root: Node) => Promise<boolean>}
   */
  function sizes() {
    const known = new Map();
    return (root) => {
      if (!known.has(root)) known.set(root, isLarge(root));
      return known.get(root);
    };
  }

  /**
   * The elements below `root` matching `selector` (at most `max`), in document order, by the
   * browser's own `querySelector(All)`.
   * @param {ParentNode} root
   * @param {string} selector
   * @param {number} max
   */
  const selectNative = (root, selector, max) =>
    [...(max === 1 ? [root.querySelector(selector)].filter((e) => e !== null) : root.querySelectorAll(selector))].slice(0, max);

  /**
   * The elements below `root` matching `selector` (at most `max`), in document order: one
   * `querySelectorAll` on a page of ordinary size, else by a walk in slices.
   * @param {ParentNode} root
   * @param {string} selector
   * @param {number} max
   * @param {(root: Node) => Promise<boolean>} large
   * @returns {Promise<Element[]>}
   */
  async function select(root, selector, max, large) {
    if (!(await large(root))) return selectNative(root, selector, max);
    /** @type {Element[]} */
    const out = [];
    const walked = await walk(root, (e) => e.matches(selector) && out.push(e) >= max);
    // The page changed under the walk (rare): one call over what is there now.
    return walked === null ? selectNative(root, selector, max) : out;
  }

  /**
   * Whether `root` (a document, element or shadow root) is or holds an element matching `selector`.
   * @param {Document | Element | ShadowRoot} root
   * @param {string} selector
   * @param {(root: Node) => Promise<boolean>} large
   */
  const has = async (root, selector, large) => (root.nodeType === Node.ELEMENT_NODE && /** @type {Element} */ (root).matches(selector))
    || (await select(root, selector, 1, large)).length > 0;

  /**
   * Whether a heading below `root` may open a permission listing.
   * @param {Document | Element} root
   * @param {(root: Node) => Promise<boolean>} large
   */
  async function listingHeading(root, large) {
    const headings = [...(root.nodeType === Node.ELEMENT_NODE && /** @type {Element} */ (root).matches(HEADINGS) ? [root] : []),
      ...await select(root, HEADINGS, MAX_HEADINGS, large)].slice(0, MAX_HEADINGS);
    return headings.some((h) => {
      const text = h.textContent ?? '';
      // The engine's limit is on the collapsed text; only clearly longer text is left out.
      return text.length <= MAX_HEADING_CHARS * 8 && LISTING_WORDS.test(text.toLowerCase());
    });
  }

  /**
   * Whether a control lies in an open shadow root below `root` (nested ones too).
   * @param {Document | Element} root
   * @param {(root: Node) => Promise<boolean>} large
   */
  async function shadowControls(root, large) {
    for (const scope of (await scopes(root)).slice(1)) if (await has(scope, CANDIDATES, large)) return true;
    return false;
  }

  /** Whether the document's title or top headings name a privacy policy. */
  function policyPage(doc) {
    const heads = [...doc.querySelectorAll('h1, h2')].slice(0, 8).map((h) => h.textContent ?? '');
    return [doc.title ?? '', ...heads].some((t) => POLICY_WORDS.test(t.toLowerCase()));
  }

  /** Whether `text` may be (part of) a breach notice. */
  const breachLike = (text) => BREACH_WORDS.test(text.slice(0, MAX_NOTICE_TEXT).toLowerCase());

  /**
   * Why haken should run for `root` (the document, or a subtree the page added): an empty list
   * when there is nothing to catch. `top`: the top frame (policy and breach notices are read
   * there only). Stops at the first reason, cheapest tests first, unless `all` (for the tests).
   * Each test is a task of its own: on a 100,000-element page without a catch the walk for
   * shadow roots and the text take 15-35 ms each, together more than a frame may wait.
   * @param {Document | Element} root
   * @param {boolean} top
   * @param {boolean} [all]
   * @returns {Promise<string[]>}
   */
  async function reasons(root, top, all = false) {
    const doc = root.nodeType === Node.DOCUMENT_NODE ? /** @type {Document} */ (root) : root.ownerDocument;
    const why = [];
    const large = sizes();
    /** @type {Array<[string, () => boolean | Promise<boolean>]>} */
    const tests = [
      ['controls', () => has(root, CANDIDATES, large)],
      ['invites', () => has(root, INVITE_LINKS, large)],
      ['form', () => top && has(root, ACCOUNT_FORM, large)],
      ['policy', () => top && policyPage(doc)],
      ['listing', () => listingHeading(root, large)],
      // Controls in open shadow roots: one walk over the elements, only where none was found.
      ['controls', () => !why.includes('controls') && shadowControls(root, large)],
      ['breach', () => top && breachLike(root === doc ? doc.documentElement?.textContent ?? '' : root.textContent ?? '')],
    ];
    for (const [n, [reason, test]] of tests.entries()) {
      if (n) await new Promise((ok) => setTimeout(ok, 0));
      if (!(await test())) continue;
      why.push(reason);
      if (!all) break;
    }
    return why;
  }

  globalThis[KEY] = Object.freeze({ reasons, breachLike, policyPage, CANDIDATES, INVITE_LINKS, HEADINGS, ACCOUNT_FORM });
})();
