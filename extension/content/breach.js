// @ts-check
// Breach notices in the page (top frame): the page's text goes to the service worker's policy
// module (`Breach.check`); only when the engine says the page reads like a breach notice is the
// checklist card shown (bottom left, in its own closed shadow root), so ordinary pages see
// nothing. The judgement is Rust's (src/breach/); this file reads text and draws.

import { MSG } from '../shared/messages.js';
import { readTextInSlices } from './policy-text.js';
import { el } from './ui.js';
import { BREACH_STYLE, breachCard } from './breach-card.js';

const HOST_TAG = 'haken-breach';
/** A notice is short: the engine reads the first this many UTF-16 units of a page's text. */
const MAX_NOTICE_TEXT = 200_000;

/**
 * Checks the page; shows the checklist when it reads like a breach notice. Returns a handle
 * `{remove, summary}` or null.
 * @param {Document} doc
 * @param {{t: (key: string, ...args: any[]) => string, lang: string, ignore?: (n: Node) => boolean, mode?: ShadowRootMode}} options
 */
export async function runBreach(doc, { t, lang, ignore = () => false, mode = 'closed' }) {
  const text = (await readTextInSlices(doc, ignore, MAX_NOTICE_TEXT)).text.slice(0, MAX_NOTICE_TEXT);
  if (!text.trim()) return null;
  const result = await chrome.runtime.sendMessage({ type: MSG.BREACH_CHECK, text, lang })
    .then((r) => (r && !r.error ? r : null), () => null);
  if (!result?.notice) return null;
  const host = doc.createElement(HOST_TAG);
  host.style.cssText = 'position: fixed; left: 16px; bottom: 16px; z-index: 2147483646; width: min(460px, calc(100vw - 32px));';
  const root = host.attachShadow({ mode });
  root.append(el(doc, 'style', { text: `:host { all: initial; } * { box-sizing: border-box; } .breach { position: relative; } ${BREACH_STYLE}` }));
  root.append(breachCard(doc, result, result.labels ?? {}, t));
  doc.documentElement.append(host);
  const counts = Object.fromEntries(['present', 'vague', 'missing'].map((s) => [s, result.findings.filter((f) => f.status === s).length]));
  return { remove: () => host.remove(), summary: { where: 'breach', counts } };
}
