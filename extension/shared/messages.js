// @ts-check
// The messages between content scripts, the service worker and the popup: one place for the
// type names and one guard, so a stray or forged message is ignored rather than misread.

/** Message types. */
export const MSG = Object.freeze({
  /** content -> worker: this frame's findings changed ({items, site}). */
  FRAME_FINDINGS: 'haken:frame-findings',
  /** worker -> top frame: findings of the other frames of the tab ({items}). */
  OTHER_FRAMES: 'haken:other-frames',
  /** popup -> worker: the findings of a tab ({tabId}) -> {items, site, paused}. */
  TAB_FINDINGS: 'haken:tab-findings',
  /** popup/top frame -> worker -> frame: scroll to and flash one finding ({tabId, frameId, index}). */
  REVEAL: 'haken:reveal',
  /** top frame -> worker -> frame: take back one finding's consent ({tabId, frameId, index}). */
  UNTICK: 'haken:untick',
  /** top frame -> worker: is this a policy page, which link leads to one ({path, title, headings, links}) -> {isPolicy, link}. */
  POLICY_PAGE: 'haken:policy-page',
  /** top frame -> worker: analyse policy text ({text, lang}) -> {lang, findings} or {error}. */
  POLICY_ANALYZE: 'haken:policy-analyze',
  /** top frame -> worker: check a page's text as a breach notice ({text, lang}) -> {notice, lang, findings, labels} or {error}. */
  BREACH_CHECK: 'haken:breach-check',
});

const TYPES = new Set(Object.values(MSG));

/** Whether `message` is one of ours, with the fields its type needs. */
export function isMessage(message) {
  if (!message || typeof message !== 'object' || !TYPES.has(message.type)) return false;
  switch (message.type) {
    case MSG.FRAME_FINDINGS:
    case MSG.OTHER_FRAMES:
      return Array.isArray(message.items);
    case MSG.TAB_FINDINGS:
      return Number.isInteger(message.tabId);
    case MSG.POLICY_PAGE:
      return typeof message.path === 'string' && typeof message.title === 'string'
        && Array.isArray(message.headings) && Array.isArray(message.links);
    case MSG.POLICY_ANALYZE:
    case MSG.BREACH_CHECK:
      return typeof message.text === 'string';
    case MSG.REVEAL:
    case MSG.UNTICK:
      return Number.isInteger(message.index) && (message.frameId === undefined || Number.isInteger(message.frameId));
    default:
      return false;
  }
}
