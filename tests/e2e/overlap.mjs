// Measures whether our in-page UI covers page text: the boxes of our elements (inside closed
// shadow roots, reached through the Chrome DevTools Protocol, which sees them) against the line
// boxes of every text node of the page (Range client rects; our own hosts hold no page text).

/** Client rects `[left, top, right, bottom]` of the elements matching `selector` inside our shadow roots. */
export async function ourRects(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const shadows = [];
    const walk = (n) => {
      if (n.localName === 'haken-ui' || n.localName === 'haken-breach') shadows.push(...(n.shadowRoots ?? []));
      for (const c of n.children ?? []) walk(c);
    };
    walk(root);
    const out = [];
    for (const s of shadows) {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: s.backendNodeId });
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        arguments: [{ value: selector }],
        returnByValue: true,
        functionDeclaration: `function (sel) {
          return [...this.querySelectorAll(sel)].filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
            .map((e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; });
        }`,
      });
      out.push(...result.value);
    }
    return out;
  } finally {
    await cdp.detach();
  }
}

/** The line boxes of the page's text (client rects), skipping text nobody sees. */
export function pageTextRects(page) {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.trim() || n.parentElement?.closest('script, style, haken-ui, haken-breach')) continue;
      // Laid out but not shown (a closed <details>): nobody reads it there.
      if (!n.parentElement.checkVisibility({ visibilityProperty: true })) continue;
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) out.push([r.left, r.top, r.right, r.bottom, n.data.trim().slice(0, 30)]);
    }
    return out;
  });
}

/** `{count, pixels, hits}`: how many of our boxes matched `selector`, the pixels they cover of page text, and what. */
export async function overlap(page, selector) {
  const ours = await ourRects(page, selector);
  const text = await pageTextRects(page);
  let pixels = 0;
  const hits = [];
  for (const [l, t, r, b] of ours) {
    for (const [tl, tt, tr, tb, what] of text) {
      const w = Math.min(r, tr) - Math.max(l, tl);
      const h = Math.min(b, tb) - Math.max(t, tt);
      // Sub-pixel contact (anti-aliased edges) is not covering.
      if (w >= 1 && h >= 1) {
        pixels += Math.round(w * h);
        hits.push(`${what} (${Math.round(w)}×${Math.round(h)})`);
      }
    }
  }
  return { count: ours.length, pixels, hits };
}
