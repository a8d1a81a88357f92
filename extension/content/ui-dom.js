// @ts-check
// The few DOM helpers every part of our in-page UI shares: the host element's tag and an
// element builder that sets text only through textContent (page text never becomes markup).

/** The tag of our host elements (the readers of page text skip it: page-text-tags.js). */
export const HOST_TAG = 'haken-ui';

/**
 * A `tag` element of `doc` with `props` (text, class, on<event>, attributes) and children.
 * @param {Document} doc
 * @param {string} tag
 * @param {Record<string, any>} [props]
 * @param {(Node|string)[]} [children]
 * @returns {HTMLElement}
 */
export function el(doc, tag, props = {}, children = []) {
  const node = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}
