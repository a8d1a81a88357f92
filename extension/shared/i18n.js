// @ts-check
// UI strings from `_locales`. "auto" follows the browser through `chrome.i18n`; a language
// chosen in the options is read from that locale's messages.json (chrome.i18n cannot switch).

/** The UI language for a setting: 'de' or 'en'. */
export function uiLanguage(setting) {
  if (setting === 'de' || setting === 'en') return setting;
  const ui = (chrome.i18n?.getUILanguage?.() ?? navigator.language ?? 'en').toLowerCase();
  return ui.startsWith('de') ? 'de' : 'en';
}

/** A `t(key, ...substitutions)` function over one locale's messages.json table. */
export function stringsFrom(table) {
  return (key, ...subs) => (table[key] ? substitute(table[key], subs) : key);
}

function substitute(entry, subs) {
  let text = entry.message;
  for (const [name, ph] of Object.entries(entry.placeholders ?? {})) {
    const index = Number(/^\$(\d)$/.exec(ph.content)?.[1] ?? 0) - 1;
    text = text.split(`$${name.toUpperCase()}$`).join(String(subs[index] ?? ''));
  }
  return text;
}

/**
 * A `t(key, ...substitutions)` function for the setting ('auto', 'de' or 'en'). The table is
 * read from `_locales/<language>/messages.json` even for 'auto', so UI text and the engine's
 * messages always share one language; `chrome.i18n` is the fallback.
 */
export async function loadStrings(setting) {
  try {
    const response = await fetch(chrome.runtime.getURL(`_locales/${uiLanguage(setting)}/messages.json`));
    return stringsFrom(await response.json());
  } catch {
    return (key, ...subs) => chrome.i18n.getMessage(key, subs.map(String)) || key;
  }
}
