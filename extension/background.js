// @ts-check
// The service worker: keeps each tab's findings (per frame, in storage.session so they survive
// the worker being stopped), shows their number on the toolbar badge, passes the findings of
// embedded frames to the top frame's panel, and relays "show me"/"untick" to the right frame.
// It sends nothing anywhere.

import { MSG, isMessage } from './shared/messages.js';
import initPolicy, { Claims, Breach } from './pkg-policy/haken-policy.js';
import { loadSettings, isPaused } from './shared/settings.js';

const tabKey = (tabId) => `tab:${tabId}`;
let updates = Promise.resolve();

/**
 * What the service worker keeps per tab (in storage.session).
 * @typedef {{site: string, frames: Record<string, any[]>, engines?: Record<string, string>,
 *   stats?: Record<string, object>, policy?: object, breach?: object, updated?: number, paused?: boolean}} TabState
 */

/** @returns {Promise<TabState>} */
async function getTab(tabId) {
  const stored = await chrome.storage.session.get(tabKey(tabId));
  return /** @type {TabState} */ (stored[tabKey(tabId)] ?? { site: '', frames: {} });
}

function flatten(tab) {
  return Object.entries(tab.frames).flatMap(([frameId, items]) =>
    items.map((item) => ({ ...item, frameId: Number(frameId) })));
}

chrome.action.setBadgeBackgroundColor({ color: '#b0124f' }).catch(() => {});

async function setBadge(tabId, items) {
  const open = items.filter((i) => i.state !== 'done').length;
  await chrome.action.setBadgeText({ tabId, text: open ? String(open) : '' }).catch(() => {});
}

async function frameFindings(message, sender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) return;
  const frameId = sender.frameId ?? 0;
  const tab = await getTab(tabId);
  if (frameId === 0) tab.site = message.site ?? '';
  tab.frames[frameId] = message.items;
  // Which build of the engine each frame runs ('wasm', or 'js' on strict-CSP pages).
  tab.engines = { ...tab.engines, [frameId]: message.engine };
  // Scan figures for the benchmark (numbers only).
  tab.stats = { ...tab.stats, [frameId]: message.stats };
  // What the page's privacy policy says (top frame): `{where, url?, counts}`.
  if (frameId === 0 && message.policy) tab.policy = message.policy;
  // The breach checklist's counts (top frame): `{where: 'breach', counts}`.
  if (frameId === 0 && message.breach) tab.breach = message.breach;
  tab.updated = Date.now();
  if (!message.items.length) delete tab.frames[frameId];
  await chrome.storage.session.set({ [tabKey(tabId)]: tab });
  const items = flatten(tab);
  await setBadge(tabId, items);
  const others = items.filter((i) => i.frameId !== 0);
  chrome.tabs.sendMessage(tabId, { type: MSG.OTHER_FRAMES, items: others }, { frameId: 0 }).catch(() => {});
}

let claims;
let loaded;
/** The privacy-policy engine (its own wasm module), loaded on first use. */
function policyEngine() {
  loaded ??= initPolicy({ module_or_path: chrome.runtime.getURL('pkg-policy/haken-policy_bg.wasm') });
  claims ??= loaded.then(() => new Claims());
  return claims;
}

let breach;
/** The breach-notice checker (in the policy module), built on first use. */
function breachEngine() {
  policyEngine();
  breach ??= loaded.then(() => new Breach());
  return breach;
}

/** The breach checklist of a page's text, with the elements' labels, in the shopper's language. */
async function breachCheck(message) {
  const engine = await breachEngine();
  const lang = typeof message.lang === 'string' ? message.lang : 'auto';
  const result = engine.check(message.text, 'auto', lang);
  result.labels = Object.fromEntries(engine.elements(lang === 'auto' ? result.lang : lang).map((e) => [e.category, e.label]));
  return result;
}

/** Whether the sender's page is a privacy policy, and which of its links leads to one. */
async function policyPage(message) {
  const engine = await policyEngine();
  const headings = message.headings.filter((h) => typeof h === 'string').slice(0, 20);
  const isPolicy = engine.isPolicyPage(message.path, message.title, headings);
  const link = message.links.findIndex((text) => typeof text === 'string' && engine.isPolicyLink(text));
  return { isPolicy, link };
}

/** The policy's claims in the engine's compact form (see `Claims.analyzeCompact`): a long
 * policy has thousands, and whole findings would cost more to send than to find. */
async function policyAnalyze(message) {
  const engine = await policyEngine();
  const lang = typeof message.lang === 'string' ? message.lang : 'auto';
  const t0 = performance.now();
  const result = engine.analyzeCompact(message.text, 'auto', lang);
  // Messages travel as JSON: a typed array would arrive as an object of indices.
  result.claims = Array.from(result.claims);
  result.engineMs = performance.now() - t0;
  return result;
}

async function tabFindings(tabId) {
  const tab = await getTab(tabId);
  const settings = await loadSettings();
  return { items: flatten(tab), site: tab.site, paused: isPaused(settings, tab.site), engines: tab.engines ?? {}, policy: tab.policy ?? null, breach: tab.breach ?? null };
}

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  if (!isMessage(message) || sender.id !== chrome.runtime.id) return false;
  switch (message.type) {
    case MSG.FRAME_FINDINGS:
      // One update at a time: frames report together and each update reads, then writes.
      updates = updates.then(() => frameFindings(message, sender)).catch(() => {});
      return false;
    case MSG.POLICY_PAGE:
      policyPage(message).then(reply, (e) => reply({ error: String(e?.message ?? e) }));
      return true;
    case MSG.POLICY_ANALYZE:
      policyAnalyze(message).then(reply, (e) => {
        console.warn('haken: policy analysis failed:', e?.message ?? e);
        claims = undefined; // a trapped engine is not reused: the next request builds a new one
        reply({ error: String(e?.message ?? e) });
      });
      return true;
    case MSG.BREACH_CHECK:
      breachCheck(message).then(reply, (e) => {
        breach = undefined;
        reply({ error: String(e?.message ?? e) });
      });
      return true;
    case MSG.TAB_FINDINGS:
      tabFindings(message.tabId).then(reply, () => reply({ items: [], site: '', paused: false }));
      return true;
    case MSG.REVEAL:
    case MSG.UNTICK: {
      const tabId = message.tabId ?? sender.tab?.id;
      if (tabId === undefined) return false;
      chrome.tabs.sendMessage(tabId, { type: message.type, index: message.index }, { frameId: message.frameId ?? 0 })
        .catch(() => {});
      return false;
    }
    default:
      return false;
  }
});

// A tab loading a new page starts afresh (before any content script of that page reports).
chrome.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status !== 'loading') return;
  updates = updates
    .then(async () => {
      const tab = await getTab(tabId);
      if (!Object.keys(tab.frames).length) return;
      await chrome.storage.session.set({ [tabKey(tabId)]: { site: tab.site, frames: {} } });
      await setBadge(tabId, []);
    })
    .catch(() => {});
});

chrome.tabs.onRemoved.addListener((tabId) => {
  chrome.storage.session.remove(tabKey(tabId)).catch(() => {});
});
