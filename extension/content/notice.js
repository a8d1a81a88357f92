// @ts-check
// The notice at the top right when the page asks the browser for a permission: what the
// shop would get, shown beside the browser's own prompt.

import { el } from './ui-dom.js';

export const NOTICE_STYLE = `
.notice { position: fixed; right: 16px; top: 16px; z-index: 2147483647; width: min(400px, calc(100vw - 32px));
  background: #fff; color: #1b1b1b; border: 3px solid #b0124f; border-radius: 10px; padding: 12px 14px;
  box-shadow: 0 8px 30px rgba(0,0,0,.35); font: 14px/1.45 system-ui, sans-serif; }
.notice[hidden] { display: none; }
.notice h2 { font-size: 15px; margin: 0 0 6px; }
.notice ul { margin: 0 0 8px; }
.notice li { border: 0; padding: 3px 0; }
`;

export function createNotice(doc, { t }) {
  const list = el(doc, 'ul');
  const node = el(doc, 'section', { class: 'notice', role: 'alert', hidden: '', 'aria-labelledby': 'haken-notice-title' }, [
    el(doc, 'h2', { id: 'haken-notice-title', text: t('promptTitle') }),
    list,
    el(doc, 'button', { class: 'secondary', type: 'button', text: t('promptDismiss'), onclick: () => { node.hidden = true; } }),
  ]);
  return {
    node,
    /** Lists the page's permission requests; `open`: shows the notice. */
    show(prompts, open) {
      list.replaceChildren(...prompts.map((p) => el(doc, 'li', {}, [
        el(doc, 'strong', { text: `⚠ ${p.label}: ` }), el(doc, 'span', { text: p.finding.message }),
      ])));
      if (open && prompts.length) node.hidden = false;
    },
    /** Shows the notice and puts focus on its button. */
    open() {
      node.hidden = false;
      node.querySelector('button').focus({ preventScroll: true });
    },
  };
}
