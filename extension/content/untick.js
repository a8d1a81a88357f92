// @ts-check
// Taking a pre-ticked consent back the way a shopper would: a real click on the control (or on
// the refusing option of a radio group), so the page's framework (React, Vue, plain listeners)
// sees the `click`, `input` and `change` events it expects and updates its own state.

/** Whether the finding's control is still in the state the finding is about. */
export function stillFlagged(entry) {
  const el = entry.element;
  if (!el || !el.isConnected) return false;
  const on = isOn(el);
  return entry.optOut ? !on : on;
}

function isOn(el) {
  if (el.localName === 'input') return el.checked;
  const aria = el.getAttribute('aria-checked') ?? el.getAttribute('aria-pressed');
  return aria === 'true';
}

/** Takes the consent back; returns whether the control is now in the safe state. */
export function takeBack(entry) {
  if (!stillFlagged(entry)) return true;
  const target = entry.undo;
  if (!target || !target.isConnected || target.disabled) return false;
  target.click();
  if (!stillFlagged(entry)) return true;
  // A handler that swallows clicks on an <input>: set the property and announce it the way
  // the browser would after a click, once.
  if (target.localName === 'input' && target.type === 'checkbox') {
    target.checked = !target.checked;
    target.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    target.dispatchEvent(new Event('change', { bubbles: true }));
  }
  return !stillFlagged(entry);
}
