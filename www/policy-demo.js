// @ts-check
// The demo's privacy-policy part: analyses a policy page in the frame with the policy module
// (www/pkg-policy, the crate's `claims` feature), highlights its sentences in the frame (CSS
// Custom Highlight API of the frame's document) and renders the cards; for the checkout sample
// it fetches the shop's own policy (same origin) and lists its summary under the findings.
// Text is read by the extension's own reader and coloured by its palette (served at /ext/).

import { readText, rangeFor } from '/ext/content/policy-text.js';
import { COLOURS } from '/ext/content/policy-colours.js';


let loading;
/** The policy engine, loaded on first use. */
export function loadClaims() {
  loading ??= import('./pkg-policy/haken-policy.js').then(async (mod) => {
    await mod.default();
    return new mod.Claims();
  });
  return loading;
}

/** `{read, findings, labels}` for a document. */
export function analyzeDocument(claims, doc, lang) {
  const read = readText(doc);
  const { findings } = claims.analyze(read.text, 'auto', lang);
  const labels = Object.fromEntries(claims.categories(lang).map((c) => [c.id, c.label]));
  return { read, findings, labels };
}

/** Highlights every claim in the frame's document, one colour per category. */
export function highlight(doc, read, findings) {
  const view = doc.defaultView;
  if (!view?.CSS?.highlights || !view.Highlight) return;
  const byCategory = new Map();
  for (const f of findings.filter((x) => x.kind === 'policy_claim')) {
    const range = rangeFor(read, f.span);
    if (!range) continue;
    if (!byCategory.has(f.category)) byCategory.set(f.category, []);
    byCategory.get(f.category).push(range);
  }
  const rules = [];
  for (const [category, ranges] of byCategory) {
    view.CSS.highlights.set(`haken-${category}`, new view.Highlight(...ranges));
    rules.push(`::highlight(haken-${category}) { background-color: ${COLOURS[category] ?? '#eee'}; }`);
  }
  rules.push('::highlight(haken-flash) { background-color: #ffb300; }');
  const sheet = new view.CSSStyleSheet();
  sheet.replaceSync(rules.join('\n'));
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}

/** Scrolls the frame to a span and flashes it. */
export function revealSpan(doc, read, span) {
  const range = rangeFor(read, span);
  if (!range) return;
  const element = range.startContainer.parentElement;
  const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
  element?.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  const view = doc.defaultView;
  if (view?.CSS?.highlights && view.Highlight) {
    view.CSS.highlights.set('haken-flash', new view.Highlight(range));
    setTimeout(() => view.CSS.highlights.delete('haken-flash'), 1800);
  }
}

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else if (k.startsWith('data-')) node.setAttribute(k, v);
    else node[k] = v;
  }
  node.append(...children);
  return node;
}

/**
 * Cards for a policy's findings, contradictions first, then claims in text order:
 * `{findings, labels, t, severity, show(span)}`. Each card has data-kind and data-category.
 */
export function policyCards({ findings, labels, t, severity, show }) {
  const order = [...findings.filter((f) => f.kind === 'policy_contradiction'), ...findings.filter((f) => f.kind === 'policy_claim')];
  return order.map((f) => {
    const broken = f.kind === 'policy_contradiction';
    const head = el('span', { class: 'head' }, [
      el('span', { class: 'cat', text: broken ? `${t('broken')}: ${labels[f.category] ?? f.category}` : (labels[f.category] ?? f.category) }),
      el('span', { class: `chip sev-${broken ? 'high' : f.severity}`, text: severity[broken ? 'high' : f.severity] ?? f.severity }),
    ]);
    const quote = (label, text) => el('span', { class: 'ev' }, [
      ...(label ? [el('strong', { text: `${label}: ` })] : []), el('q', { text }),
    ]);
    const body = broken
      ? [quote(t('promise'), f.related[0]?.evidence ?? ''), quote(t('clause'), f.evidence)]
      : [quote('', f.evidence)];
    const card = el(show ? 'button' : 'div', show ? { type: 'button', class: 'card' } : { class: 'card' }, [
      head, el('span', { class: 'msg', text: f.message }), ...body,
      el('span', { class: 'card-foot' }, [el('code', { class: 'rule', text: `${t('rule')}: ${f.rule}` }), ...(show ? [el('span', { class: 'go', text: t('show') })] : [])]),
    ]);
    card.dataset.severity = broken ? 'high' : f.severity;
    if (show) card.addEventListener('click', () => show(f.span));
    if (!broken) card.style.borderLeftColor = COLOURS[f.category] ?? '';
    return el('li', { 'data-kind': f.kind, 'data-category': f.category }, [card]);
  });
}
