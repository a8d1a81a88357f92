// @ts-check
// The checklist card of a breach notice (GDPR Art. 34): one line per element with its status
// (present, vague, missing), the engine's one-sentence message and the sentence it read. Built
// with textContent only; shared by the extension (extension/content/breach.js) and the demo.
// What is present, vague or missing is decided in Rust (src/breach/); this file draws.

import { el } from './ui.js';

export const BREACH_STYLE = `
.breach { background: #fff; color: #1b1b1b; border: 3px solid #b0124f; border-radius: 10px; padding: 12px 14px;
  box-shadow: 0 6px 24px rgba(0,0,0,.3); font: 14px/1.45 system-ui, sans-serif; }
.breach h2 { font-size: 16px; margin: 0 26px 8px 0; }
.breach.in-panel { border: 0; box-shadow: none; padding: 10px 0 0; }
.breach.in-panel .lead { font-weight: 600; margin: 0 0 8px; }
.breach.in-panel ul { max-height: none; overflow: visible; }
.breach ul { list-style: none; margin: 0; padding: 0; max-height: 60vh; overflow: auto; }
.breach li { border-top: 1px solid #ddd; padding: 6px 0 6px 28px; position: relative; }
.breach .icon { position: absolute; left: 0; top: 6px; width: 20px; height: 20px; border-radius: 10px; text-align: center;
  font: 700 13px/20px system-ui, sans-serif; color: #fff; }
.breach .present .icon { background: #1b7a3d; }
.breach .vague .icon { background: #8a5a00; }
.breach .missing .icon { background: #b0124f; }
.breach .label { font-weight: 700; }
.breach .quote { display: block; margin-top: 3px; font-style: italic; color: #333; }
.breach .law { margin: 8px 0 0; font-size: 12px; color: #444; }
.breach button { font: inherit; cursor: pointer; border-radius: 12px; padding: 2px 9px; background: #fff; color: #1b1b1b; border: 2px solid #555; }
.breach button:focus-visible { outline: 3px solid #0b3d91; outline-offset: 2px; }
.breach .hide { position: absolute; right: 10px; top: 8px; }
.breach.collapsed ul, .breach.collapsed .law { display: none; }
`;

const ICON = { present: '✓', vague: '≈', missing: '✗' };

/**
 * The card for a `Breach.check` result. `inPanel`: the card is the body of a side panel that
 * has its own heading and toggle (the extension), so it brings neither, nor a frame.
 * @param {Document} doc
 * @param {{findings: Array<import('../shared/findings').Finding>}} result
 * @param {Record<string, string>} labels category -> label (`Breach.elements`)
 * @param {(key: string, ...args: any[]) => string} t
 * @param {{inPanel?: boolean}} [options]
 */
export function breachCard(doc, result, labels, t, { inPanel = false } = {}) {
  const open = result.findings.filter((f) => f.status !== 'present').length;
  const list = el(doc, 'ul');
  for (const f of result.findings) {
    const status = f.status ?? 'missing';
    const item = el(doc, 'li', { class: status, 'data-haken': `${f.kind}:${f.category}`, 'data-status': status }, [
      el(doc, 'span', { class: 'icon', 'aria-hidden': 'true', text: ICON[status] ?? '?' }),
      el(doc, 'span', { class: 'label', text: `${labels[f.category] ?? f.category} — ${t(`breach_${status}`)}: ` }),
      el(doc, 'span', { text: f.message }),
    ]);
    if (f.evidence && status !== 'missing') item.append(el(doc, 'q', { class: 'quote', text: f.evidence }));
    list.append(item);
  }
  const lead = open ? t('breachTitle', open) : t('breachComplete');
  const card = el(doc, 'section', { class: inPanel ? 'breach in-panel' : 'breach', role: 'region', 'aria-label': t('breachRegion') }, [
    el(doc, inPanel ? 'p' : 'h2', { class: 'lead', text: lead }),
    list,
    el(doc, 'p', { class: 'law', text: t('breachLaw') }),
  ]);
  if (inPanel) return card;
  const hide = el(doc, 'button', { type: 'button', class: 'hide', 'aria-expanded': 'true', text: '–', title: t('breachCollapse') });
  hide.addEventListener('click', () => {
    const collapsed = card.classList.toggle('collapsed');
    hide.setAttribute('aria-expanded', String(!collapsed));
    hide.textContent = collapsed ? '+' : '–';
  });
  card.prepend(hide);
  return card;
}
