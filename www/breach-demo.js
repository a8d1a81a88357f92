// @ts-check
// The demo's breach-notice page: a pasted e-mail (text or HTML) is read as text (HTML through
// an inert DOMParser document and the extension's own reader), checked by the policy module's
// `Breach` class (www/pkg-policy) and shown with the extension's checklist card (/ext/).

import { readText } from '/ext/content/policy-text.js';
import { BREACH_STYLE, breachCard } from '/ext/content/breach-card.js';
import { stringsFrom } from '/ext/shared/i18n.js';

const UI = {
  de: { back: '← Zur Demo', title: 'Datenpanne: Was fehlt in der Benachrichtigung?', hint: 'Fügen Sie eine E-Mail oder Seite ein, in der ein Unternehmen über eine Datenpanne informiert (Text oder HTML). haken prüft, ob sie sagt, was Art. 34 DSGVO verlangt. Nichts verlässt Ihren Rechner.', label: 'E-Mail oder Seite', language: 'Sprache', check: 'Prüfen', example: 'Beispiel einsetzen', none: 'Das liest sich nicht wie eine Benachrichtigung über eine Datenpanne; haken zeigt hier keine Prüfliste.' },
  en: { back: '← Back to the demo', title: 'Data breach: what does the notice leave out?', hint: 'Paste an e-mail or page in which a company tells you about a data breach (text or HTML). haken checks whether it says what GDPR Art. 34 asks for. Nothing leaves your computer.', label: 'E-mail or page', language: 'Language', check: 'Check', example: 'Insert example', none: 'This does not read like a data breach notice; haken shows no checklist here.' },
};

/** Written for the demo: the vague notice of the Amazon 2018 kind, with a date added. */
const EXAMPLE = {
  de: 'Betreff: Wichtige Information zu Ihrem Konto\n\nHallo,\n\nwir möchten Sie darüber informieren, dass es am 20. November aufgrund eines technischen Fehlers auf unserer Website zu einem Sicherheitsvorfall gekommen ist. Dabei wurden Ihr Name und Ihre E-Mail-Adresse offengelegt.\n\nDer Fehler wurde behoben. Sie müssen nichts weiter unternehmen.\n\nIhr Kundenservice',
  en: 'Subject: Important information about your account\n\nHello,\n\nWe are writing to let you know that on 20 November our website disclosed your name and email address due to a technical error.\n\nThe issue has been fixed. There is no need for you to take any action.\n\nCustomer Service',
};

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const text = /** @type {HTMLTextAreaElement} */ ($('breach-text'));
const lang = /** @type {HTMLSelectElement} */ ($('breach-lang'));

let engine;
/** The policy module's breach checker, loaded on first use. */
function loadBreach() {
  engine ??= import('./pkg-policy/haken-policy.js').then(async (mod) => {
    await mod.default();
    return new mod.Breach();
  });
  return engine;
}

let strings;
/** The extension's strings for `lang` (its _locales, served at /ext/). */
async function stringsFor(code) {
  strings ??= {};
  strings[code] ??= fetch(`/ext/_locales/${code}/messages.json`).then((r) => r.json()).then(stringsFrom);
  return strings[code];
}

function translate() {
  const ui = UI[lang.value] ?? UI.de;
  document.documentElement.lang = lang.value;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = ui[node.getAttribute('data-i18n')];
  document.title = `haken — ${ui.title}`;
}

/** The text of the pasted input: HTML is parsed inert (no scripts, nothing loaded) and read. */
function inputText(value) {
  if (!/^\s*<(!doctype|html|head|body|div|table|p[\s>]|meta)/i.test(value)) return value;
  const doc = new DOMParser().parseFromString(value, 'text/html');
  return readText(doc).text;
}

async function check() {
  const out = $('breach-result');
  const error = $('breach-error');
  error.hidden = true;
  out.replaceChildren();
  try {
    const breach = await loadBreach();
    const t = await stringsFor(lang.value);
    const result = breach.check(inputText(text.value), 'auto', lang.value);
    out.dataset.notice = String(result.notice);
    if (!result.notice) {
      const p = document.createElement('p');
      p.className = 'none';
      p.textContent = UI[lang.value].none;
      out.append(p);
      return;
    }
    const labels = Object.fromEntries(breach.elements(lang.value).map((e) => [e.category, e.label]));
    const style = document.createElement('style');
    style.textContent = BREACH_STYLE;
    out.append(style, breachCard(document, result, labels, t));
  } catch (e) {
    error.textContent = String(e?.message ?? e);
    error.hidden = false;
  }
}

$('breach-form').addEventListener('submit', (e) => { e.preventDefault(); check(); });
$('breach-example').addEventListener('click', () => { text.value = EXAMPLE[lang.value] ?? EXAMPLE.de; check(); });
lang.addEventListener('change', () => { translate(); if (text.value.trim()) check(); });
lang.value = navigator.language?.toLowerCase().startsWith('de') ? 'de' : 'en';
translate();
