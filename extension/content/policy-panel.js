// @ts-check
// The summary of a privacy-policy page as a side panel docked at the right edge. The page is
// narrowed by the panel's width (a style of ours on <html>), so the panel never lies over the
// policy's text: the shopper reads the policy beside it, and "show" scrolls the sentence into
// the part of the window the page keeps. Collapsed, the panel is a narrow strip (on narrow
// windows it starts so). Keyboard: the panel is a labelled landmark; its toggle says whether
// it is open; what "show" brought into view is announced.

import { el } from './ui-dom.js';

/** The collapsed strip's width (px). */
const STRIP_PX = 44;
/** Below this window width the panel starts collapsed. */
const NARROW_PX = 760;

export const POLICY_PANEL_STYLE = `
.side { position: fixed; top: 0; bottom: 0; right: 0; z-index: 2147483646; display: flex; flex-direction: column;
  background: #fff; color: #1b1b1b; border-left: 3px solid #b0124f; box-shadow: -4px 0 16px rgba(0,0,0,.16);
  font: 14px/1.45 system-ui, sans-serif; }
.side .head { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 6px 8px; padding: 12px 12px 8px 14px; border-bottom: 1px solid #ddd; }
.side h2 { flex: 1 1 200px; font-size: 15px; margin: 0; }
.side .body { flex: 1; overflow: auto; padding: 0 14px 14px; overscroll-behavior: contain; }
.side .toggle { margin: 0; flex: none; }
.side.collapsed .head { flex-direction: column; align-items: center; padding: 10px 4px; border: 0; }
.side.collapsed h2, .side.collapsed .body { display: none; }
.side.collapsed .toggle { padding: 6px 4px; writing-mode: vertical-rl; border-radius: 10px; font-weight: 600; color: #7a0c37; border-color: #b0124f; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/**
 * The panel in `root` (our shadow root) with `title`, `content` (the summary list or a note)
 * and `count` (shown on the collapsed strip). `onResize()`: the page's text moved (the panel
 * opened, closed or changed width). `collapseKey`/`expandKey`: the message keys of the toggle
 * (the breach checklist uses the same panel). Returns `{announce(text), remove()}`.
 */
export function createPolicyPanel(doc, root, { t, title, count, content, onResize, collapseKey = 'policyCollapse', expandKey = 'policyExpand' }) {
  const view = doc.defaultView;
  const status = el(doc, 'div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
  const heading = el(doc, 'h2', { id: 'haken-policy-title', text: `haken · ${title}` });
  const body = el(doc, 'div', { class: 'body', id: 'haken-policy-body' }, [content]);
  const toggle = el(doc, 'button', { class: 'toggle', type: 'button', 'aria-controls': 'haken-policy-body', onclick: () => setOpen(side.classList.contains('collapsed')) });
  const side = el(doc, 'aside', { class: 'side', 'aria-labelledby': 'haken-policy-title' }, [
    el(doc, 'div', { class: 'head' }, [heading, toggle]), body,
  ]);
  // The page keeps the part of the window the panel leaves: our rule on <html>.
  const sheet = new view.CSSStyleSheet();
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  // First in our shadow root: Tab from the page reaches the summary before the sentence badges.
  root.prepend(side, status);

  const width = () => Math.round(Math.min(380, Math.max(280, view.innerWidth * 0.3)));
  let open = view.innerWidth >= NARROW_PX;
  /** Whether the shopper opened or closed the panel (then a resize no longer decides). */
  let chosen = false;
  let reserved = -1;

  function apply() {
    const px = open ? width() : STRIP_PX;
    side.classList.toggle('collapsed', !open);
    side.style.width = `${px}px`;
    toggle.textContent = open ? t(collapseKey) : `⚠ ${count}`;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.setAttribute('aria-label', open ? t(collapseKey) : `${t(expandKey)}: ${title}`);
    if (px !== reserved) {
      reserved = px;
      sheet.replaceSync(`html { margin-right: ${px}px !important; }`);
      onResize();
    }
  }

  function setOpen(next) {
    open = next;
    chosen = true;
    apply();
    if (open) toggle.focus({ preventScroll: true });
  }

  const onWindowResize = () => {
    if (!chosen) open = view.innerWidth >= NARROW_PX;
    apply();
  };
  view.addEventListener('resize', onWindowResize);
  apply();
  status.textContent = `haken: ${title}`;

  return {
    /** The width of the window the panel takes (px). */
    width: () => reserved,
    announce(text) {
      status.textContent = text;
    },
    remove() {
      view.removeEventListener('resize', onWindowResize);
      side.remove();
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    },
  };
}
