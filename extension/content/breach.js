// @ts-check
// Breach notices in the page (top frame): the page's text goes to the service worker's policy
// module (`Breach.check`); only when the engine says the page reads like a breach notice is the
// checklist shown, in the side panel the policy summary uses (docked right; the page is
// narrowed by its width, so it never lies over the notice's text; its own closed shadow root),
// so ordinary pages see nothing. The judgement is Rust's (src/breach/); this file reads text and draws.

import { MSG } from '../shared/messages.js';
import { readTextInSlices } from './policy-text.js';
import { el } from './ui.js';
import { BREACH_STYLE, breachCard } from './breach-card.js';
import { createPolicyPanel, POLICY_PANEL_STYLE } from './policy-panel.js';

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
  const root = host.attachShadow({ mode });
  root.append(el(doc, 'style', { text: `:host { all: initial; } * { box-sizing: border-box; } ${POLICY_PANEL_STYLE} ${BREACH_STYLE}` }));
  doc.documentElement.append(host);
  const counts = Object.fromEntries(['present', 'vague', 'missing'].map((s) => [s, result.findings.filter((f) => f.status === s).length]));
  const panel = createPolicyPanel(doc, root, {
    t,
    title: t('breachPanelTitle'),
    count: counts.vague + counts.missing,
    content: breachCard(doc, result, result.labels ?? {}, t, { inPanel: true }),
    onResize: () => {},
    collapseKey: 'breachCollapse',
    expandKey: 'breachExpand',
  });
  return { remove: () => { panel.remove(); host.remove(); }, summary: { where: 'breach', counts } };
}
