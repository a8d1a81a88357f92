// @ts-check
// The before-submit summary: which flagged consents a form would still send, with "untick
// and continue", "continue" and "back to the form" (Escape).

import { el } from './ui-dom.js';

export const SUMMARY_STYLE = `
.summary { position: fixed; left: 50%; bottom: 24px; transform: translateX(-50%); z-index: 2147483647;
  width: min(480px, calc(100vw - 24px)); background: #fff; color: #1b1b1b; border: 3px solid #b0124f;
  border-radius: 10px; padding: 14px 16px; box-shadow: 0 8px 30px rgba(0,0,0,.35); font: 14px/1.45 system-ui, sans-serif; }
.summary h2 { font-size: 16px; margin: 0 0 6px; }
.summary ul { margin: 6px 0 10px; }
.summary li { border: 0; padding: 2px 0; }
`;

/** Asks in `root` about the flagged items `open`; resolves to 'untick', 'continue' or 'back'. */
export function askBeforeSubmit(doc, root, t, open) {
  root.querySelector('.summary')?.remove();
  return new Promise((resolve) => {
    const done = (choice) => () => { box.remove(); resolve(choice); };
    const title = el(doc, 'h2', { id: 'haken-summary-title', text: t('summaryTitle') });
    const names = [...new Set(open.map((i) => i.label))];
    const box = el(doc, 'section', { class: 'summary', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'haken-summary-title', 'aria-describedby': 'haken-summary-body' }, [
      title,
      el(doc, 'ul', {}, names.map((n) => el(doc, 'li', { text: `⚠ ${n}` }))),
      el(doc, 'p', { id: 'haken-summary-body', text: t('summaryBody') }),
      el(doc, 'div', { class: 'actions' }, [
        el(doc, 'button', { class: 'primary', type: 'button', 'data-choice': 'untick', text: t('summaryUntick'), onclick: done('untick') }),
        el(doc, 'button', { class: 'secondary', type: 'button', 'data-choice': 'continue', text: t('summaryContinue'), onclick: done('continue') }),
        el(doc, 'button', { class: 'secondary', type: 'button', 'data-choice': 'back', text: t('summaryClose'), onclick: done('back') }),
      ]),
    ]);
    box.addEventListener('keydown', (e) => { if (e.key === 'Escape') done('back')(); });
    root.append(box);
    box.querySelector('button').focus();
  });
}
