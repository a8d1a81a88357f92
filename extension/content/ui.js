// @ts-check
// What the shopper sees in the page: a marker beside each flagged control (marks.js), a small
// collapsible panel listing every finding (panel.js), the notice about the page's permission
// requests (notice.js) and the before-submit summary (summary.js). All of it lives in one
// shadow root (closed in the extension) on one host element, so the shop's CSS and scripts
// cannot restyle or read it; text is set with textContent only (ui-dom.js).

import { el, HOST_TAG } from './ui-dom.js';
import { createMarks, MARKS_STYLE } from './marks.js';
import { createPanel, PANEL_STYLE } from './panel.js';
import { createNotice, NOTICE_STYLE } from './notice.js';
import { askBeforeSubmit, SUMMARY_STYLE } from './summary.js';

export { el };

const BASE_STYLE = `
:host { all: initial; direction: ltr; }
* { box-sizing: border-box; }
button { font: inherit; cursor: pointer; border-radius: 12px; padding: 3px 9px; }
button:focus-visible { outline: 3px solid #0b3d91; outline-offset: 2px; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; }
.primary { background: #b0124f; color: #fff; border: 2px solid #b0124f; }
.secondary { background: #fff; color: #1b1b1b; border: 2px solid #555; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/**
 * Creates the in-page UI in `doc`. `t(key, ...subs)`: UI strings. `actions`: `untick(item)`,
 * `reveal(item)` (for items of other frames), `untickAll()`. `mode`: shadow-root mode
 * ('closed' in the extension; tests of our markup use 'open'). `withPanel`: false in
 * embedded frames, whose findings the top frame's panel lists.
 */
export function createUi(doc, { t, actions, mode = 'closed', withPanel = true }) {
  const host = doc.createElement(HOST_TAG);
  host.setAttribute('data-haken-ui', '');
  // Out of the page's flow (and beside <body>), so adding it never re-lays out the page.
  host.style.cssText = 'position:absolute !important; left:0 !important; top:0 !important; '
    + 'width:0 !important; height:0 !important; display:block !important; '
    + 'visibility:visible !important; z-index:2147483646 !important; '
    // Size containment keeps the host out of the page's layout; layout containment sits on
    // the marks' layer (MARKS_STYLE), not here: on the host it would make the host the containing
    // block of the panel, the notice and the summary (position: fixed) and push them off-screen.
    + 'contain:size style !important;';
  const root = host.attachShadow({ mode });
  root.append(el(doc, 'style', { text: BASE_STYLE + MARKS_STYLE + PANEL_STYLE + NOTICE_STYLE + SUMMARY_STYLE }));

  const actionText = (item) => {
    if (item.state === 'done') return t(item.auto ? 'autoDone' : 'done');
    if (item.radio) return t('refuse');
    return t(item.optOut ? 'tick' : 'untick');
  };
  const layer = el(doc, 'div', { class: 'layer' });
  const marks = createMarks(doc, layer, { actionText, actions });
  const notice = createNotice(doc, { t });
  const panel = createPanel(doc, { t, actions, actionText, withPanel, reveal: (item) => reveal(item) });
  root.append(layer, panel.panel, notice.node, panel.status);

  let items = [];
  let remote = [];
  let prompts = [];

  let attached = false;
  function attach() {
    if (!host.isConnected) doc.documentElement.append(host);
    attached = true;
  }

  const renderList = () => {
    marks.wrote();
    panel.render([...prompts, ...items, ...remote]);
  };

  function reveal(item) {
    if (item.prompt) {
      notice.open();
      return;
    }
    const target = [item.element, ...item.labels].find((n) => n && n.isConnected && n.getClientRects().length);
    (target ?? item.element)?.scrollIntoView?.({ block: 'center', behavior: 'instant' });
    marks.flash(item);
  }

  return {
    host,
    /** Shows (or refreshes) this frame's items; `true` when some are still to be drawn. */
    show(next) {
      items = next;
      attach();
      const more = marks.show(items);
      // Hundreds of findings are drawn over several tasks: the list once, when all are drawn.
      if (!more) renderList();
      marks.layout();
      return more;
    },
    /** Items found in other frames of the tab (top frame only). */
    showRemote(next) {
      remote = next.map((i) => ({ ...i, remote: true }));
      if (items.length || remote.length) attach();
      renderList();
    },
    reveal,
    layout: () => marks.layout(),
    /** The page's permission requests: listed in the panel, and (`open`) shown in the notice. */
    showPrompts(next, open) {
      prompts = next;
      attach();
      notice.show(next, open);
      renderList();
    },
    /** The summary of the shop's privacy policy, below the consent list. */
    showPolicy(section) {
      panel.setPolicy(section);
      attach();
      renderList();
    },
    /** The before-submit summary; resolves to 'untick', 'continue' or 'back'. */
    ask(open) {
      attach();
      panel.setOpen(false); // the summary takes the panel's place at the bottom of the screen
      return askBeforeSubmit(doc, root, t, open);
    },
    /** Whether our host is still in the page. */
    alive: () => host.isConnected,
    /** Whether our host was ever put into the page (so a missing host was removed by it). */
    wasShown: () => attached,
    remove() {
      host.remove();
      marks.clear();
    },
  };
}
