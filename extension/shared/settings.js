// @ts-check
// Settings, kept in `storage.local`: which categories warn, automatic untick, UI language and
// the sites where haken is paused. Every reader gets the defaults filled in.

const KEY = 'settings';

/** Settings a fresh install starts with. */
export const DEFAULTS = Object.freeze({
  /** Category ids the shopper switched off. */
  categoriesOff: [],
  /** Untick flagged consents as soon as they are found. */
  autoUntick: false,
  /** 'auto' (the browser's language), 'de' or 'en'. */
  lang: 'auto',
  /** Host names where haken does nothing. */
  paused: [],
});

function normalise(raw) {
  const s = { ...DEFAULTS, ...(raw && typeof raw === 'object' ? raw : {}) };
  s.categoriesOff = Array.isArray(s.categoriesOff) ? s.categoriesOff.filter((c) => typeof c === 'string') : [];
  s.paused = Array.isArray(s.paused) ? s.paused.filter((h) => typeof h === 'string') : [];
  s.autoUntick = s.autoUntick === true;
  s.lang = ['auto', 'de', 'en'].includes(s.lang) ? s.lang : 'auto';
  return s;
}

/** The current settings. */
export async function loadSettings() {
  const stored = await chrome.storage.local.get(KEY);
  return normalise(stored[KEY]);
}

/** Merges `patch` into the stored settings and returns the result. */
export async function saveSettings(patch) {
  const next = normalise({ ...(await loadSettings()), ...patch });
  await chrome.storage.local.set({ [KEY]: next });
  return next;
}

/** Calls `listener(settings)` whenever the settings change. */
export function onSettingsChanged(listener) {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[KEY]) listener(normalise(changes[KEY].newValue));
  });
}

/** Whether haken is paused on `host`. */
export function isPaused(settings, host) {
  return Boolean(host) && settings.paused.includes(host);
}
