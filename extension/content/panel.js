// @ts-check
// The panel at the bottom right: a toggle ("⚠ haken: 4 Haken") that opens a list of every
// finding of the tab (frames included; an entry reveals its control), "Untick all", and
// below it the summary of the shop's privacy policy. Counts are announced politely.

import { el } from './ui-dom.js';

export const PANEL_STYLE = `
.panel { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; max-width: min(420px, calc(100vw - 32px));
  font: 14px/1.4 system-ui, sans-serif; color: #1b1b1b; }
.toggle { background: #b0124f; color: #fff; border: 2px solid #fff; border-radius: 20px; padding: 8px 14px;
  box-shadow: 0 2px 10px rgba(0,0,0,.3); font-weight: 600; }
.toggle.calm { background: #1b7a3d; }
.sheet { margin-bottom: 8px; background: #fff; border: 2px solid #b0124f; border-radius: 8px; padding: 10px;
  box-shadow: 0 4px 18px rgba(0,0,0,.3); max-height: 60vh; overflow: auto; }
.sheet[hidden] { display: none; }
.sheet h2 { font-size: 15px; margin: 0 0 8px; }
ul { list-style: none; margin: 0 0 8px; padding: 0; }
li { border-top: 1px solid #ddd; padding: 6px 0; }
li .what { display: block; width: 100%; text-align: left; background: none; border: 0; border-radius: 4px;
  padding: 2px 4px; color: #1b1b1b; }
li .cat { font-weight: 700; color: #7a0c37; }
li.done .cat { color: #1b7a3d; }
li .note { color: #4a4a4a; font-size: 12px; }
.policy section { border-top: 2px solid #b0124f; margin-top: 8px; padding-top: 8px; }
.policy .cat { font-weight: 700; color: #7a0c37; }
.policy .quote { display: block; font-style: italic; font-size: 12px; color: #333; }
.policy p { margin: 2px 0; font-size: 13px; }
.policy .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; border: 1px solid #888; }
.policy a { color: #0b3d91; }
`;

/**
 * The panel (`node`, to be put into our shadow root). `t`: UI strings; `actions.untickAll()`;
 * `reveal(item)`: shows a finding of this frame; `actions.reveal(item)`: of another frame;
 * `actions.untick(item)`; `actionText(item)`: the take-back button's text.
 */
export function createPanel(doc, { t, actions, reveal, actionText, withPanel }) {
  const status = el(doc, 'div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
  const list = el(doc, 'ul');
  const sheetTitle = el(doc, 'h2', { id: 'haken-sheet-title' });
  const untickAll = el(doc, 'button', { class: 'primary', type: 'button', text: t('untickAll'), onclick: () => actions.untickAll() });
  const policySlot = el(doc, 'div', { class: 'policy' });
  const sheet = el(doc, 'section', { class: 'sheet', id: 'haken-sheet', hidden: '', 'aria-labelledby': 'haken-sheet-title' },
    [sheetTitle, list, el(doc, 'div', { class: 'actions' }, [untickAll]), policySlot]);
  const toggle = el(doc, 'button', {
    class: 'toggle', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'haken-sheet',
    onclick: () => setOpen(sheet.hidden),
  });
  const panel = el(doc, 'aside', { class: 'panel', 'aria-label': 'haken' }, [sheet, toggle]);
  let announced = -1;

  function setOpen(open) {
    sheet.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  }

  /** Lists `all` (prompts, this frame's items, other frames' items). */
  function render(all) {
    list.textContent = '';
    for (const item of all) {
      const notes = [item.hidden ? t('hiddenNote') : '', item.remote ? t('inFrame') : ''].filter(Boolean).join(' · ');
      const what = el(doc, 'button', {
        class: 'what', type: 'button', onclick: () => (item.remote ? actions.reveal(item) : reveal(item)),
      }, [el(doc, 'span', { class: 'cat', text: `${item.state === 'done' ? '✓' : '⚠'} ${item.label}` }),
        el(doc, 'span', { class: 'sr', text: ': ' }),
        el(doc, 'span', { text: ` ${item.finding?.message ?? item.message}` }),
        ...(notes ? [el(doc, 'span', { class: 'note', text: ` (${notes})` })] : [])]);
      const li = el(doc, 'li', { class: item.state === 'done' ? 'done' : '' }, [what]);
      if (item.state !== 'done' && (item.undoable ?? true)) {
        li.append(el(doc, 'button', { class: 'secondary', type: 'button', text: actionText(item), onclick: () => actions.untick(item) }));
      }
      list.append(li);
    }
    const open = all.filter((i) => i.state !== 'done').length;
    sheetTitle.textContent = t('panelTitle', open);
    toggle.textContent = `${open ? '⚠' : '✓'} ${t('panelTitle', open)}`;
    toggle.classList.toggle('calm', open === 0);
    untickAll.hidden = !all.some((i) => i.state !== 'done' && (i.undoable ?? true));
    panel.hidden = !withPanel || (all.length === 0 && !policySlot.firstChild);
    if (open !== announced && open > 0) status.textContent = t('panelAnnounce', open);
    announced = open;
  }

  return {
    panel,
    status,
    render,
    setOpen,
    /** The summary of the shop's privacy policy, below the consent list. */
    setPolicy(section) {
      policySlot.replaceChildren(section);
    },
  };
}
