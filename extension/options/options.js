// @ts-check
// Settings: which categories warn, automatic untick (off by default), language, paused sites.
// Category names come from the engine's rule data, so they match the warnings exactly.

import init, { categories } from '../pkg/haken.js';
import { loadSettings, saveSettings } from '../shared/settings.js';
import { loadStrings, uiLanguage } from '../shared/i18n.js';

/** An element of this page by id (its type is the caller's to know). @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);

async function render() {
  const settings = await loadSettings();
  const t = await loadStrings(settings.lang);
  const lang = uiLanguage(settings.lang);
  document.documentElement.lang = lang;
  document.title = t('optionsTitle');
  $('title').textContent = t('optionsTitle');
  $('categories-legend').textContent = t('optionsCategories');
  $('auto-label').textContent = t('optionsAuto');
  $('lang-label').textContent = t('optionsLanguage');
  $('lang-auto').textContent = t('optionsLangAuto');
  $('paused-legend').textContent = t('optionsPaused');
  $('privacy').textContent = t('optionsPrivacy');
  $('auto').checked = settings.autoUntick;
  $('lang').value = settings.lang;

  $('categories').textContent = '';
  // Consent categories, then the other kinds of warning as a whole.
  const kinds = [['permission', 'kindPermission'], ['permission_prompt', 'kindPrompt'], ['group_invite', 'kindInvite']]
    .map(([id, key]) => ({ id, label: t(key) }));
  for (const { id, label } of [...categories(lang), ...kinds]) {
    const row = document.createElement('label');
    row.className = 'row';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `cat-${id}`;
    box.checked = !settings.categoriesOff.includes(id);
    box.addEventListener('change', async () => {
      const now = await loadSettings();
      const off = new Set(now.categoriesOff);
      if (box.checked) off.delete(id); else off.add(id);
      await saved(saveSettings({ categoriesOff: [...off] }), t);
    });
    row.append(box, ` ${label}`);
    $('categories').append(row);
  }

  $('paused').textContent = '';
  if (!settings.paused.length) {
    const li = document.createElement('li');
    li.textContent = t('optionsNoPaused');
    $('paused').append(li);
  }
  for (const host of settings.paused) {
    const li = document.createElement('li');
    const resume = document.createElement('button');
    resume.type = 'button';
    resume.textContent = t('optionsResume');
    resume.addEventListener('click', async () => {
      await saved(saveSettings({ paused: settings.paused.filter((h) => h !== host) }), t);
      render();
    });
    li.append(`${host} `, resume);
    $('paused').append(li);
  }
}

async function saved(promise, t) {
  await promise;
  $('saved').textContent = t('optionsSaved');
}

await init({ module_or_path: new URL('../pkg/haken_bg.wasm', import.meta.url) });
$('auto').addEventListener('change', async (e) => {
  await saved(saveSettings({ autoUntick: /** @type {HTMLInputElement} */ (e.target).checked }), await loadStrings((await loadSettings()).lang));
});
$('lang').addEventListener('change', async (e) => {
  await saveSettings({ lang: /** @type {HTMLInputElement} */ (e.target).value });
  await render();
  $('saved').textContent = (await loadStrings(/** @type {HTMLInputElement} */ (e.target).value))('optionsSaved');
});
render();
