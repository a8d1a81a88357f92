// @ts-check
// The toolbar popup: the findings of the current tab (with "show me"), a pause switch for the
// site and a link to the settings. It asks the service worker; it reads no page itself.

import { MSG } from '../shared/messages.js';
import { loadSettings, saveSettings } from '../shared/settings.js';
import { loadStrings } from '../shared/i18n.js';

/** An element of this page by id (its type is the caller's to know). @type {(id: string) => any} */
const $ = (id) => document.getElementById(id);

async function currentTabId() {
  // Tests open the popup as a page and name the tab they mean.
  const asked = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(asked) && asked > 0) return asked;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function main() {
  const settings = await loadSettings();
  const t = await loadStrings(settings.lang);
  document.documentElement.lang = settings.lang === 'auto' ? chrome.i18n.getUILanguage() : settings.lang;
  $('title').textContent = t('extName');
  $('options').textContent = t('popupOptions');
  $('options').addEventListener('click', (e) => { e.preventDefault(); chrome.runtime.openOptionsPage(); });
  const tabId = await currentTabId();
  const tab = tabId === undefined ? null : await chrome.runtime.sendMessage({ type: MSG.TAB_FINDINGS, tabId });
  if (!tab || !tab.site) {
    $('count').textContent = t('popupNoPage');
    return;
  }
  const open = tab.items.filter((i) => i.state !== 'done').length;
  $('count').textContent = tab.paused ? t('popupPaused') : (tab.items.length ? t('popupCount', open) : t('popupNone'));
  for (const item of tab.items) {
    const li = document.createElement('li');
    li.className = item.state === 'done' ? 'done' : '';
    const text = document.createElement('span');
    const cat = document.createElement('span');
    cat.className = 'cat';
    cat.textContent = `${item.state === 'done' ? '✓' : '⚠'} ${item.label}`;
    const msg = document.createElement('span');
    msg.className = 'msg';
    msg.textContent = item.message;
    text.append(cat, msg);
    const show = document.createElement('button');
    show.type = 'button';
    show.textContent = t('showMe');
    show.addEventListener('click', () => {
      chrome.runtime.sendMessage({ type: MSG.REVEAL, tabId, frameId: item.frameId, index: item.index });
      if (!new URLSearchParams(location.search).has('tab')) window.close();
    });
    li.append(text, show);
    $('list').append(li);
  }
  if (tab.policy?.counts) {
    // What the page's privacy policy (or the shop's, fetched from its footer link) says.
    const { contradiction = 0, ...claims } = tab.policy.counts;
    const points = Object.values(claims).reduce((a, b) => a + b, 0);
    const line = t(tab.policy.where === 'page' ? 'policyTitle' : 'policyShopTitle', points);
    $('policy').textContent = contradiction ? `${line} · ⚠ ${t('policyBroken')}` : line;
    $('policy').hidden = false;
  }
  $('pause-row').hidden = false;
  $('pause-label').textContent = t('popupPause', tab.site);
  $('pause').checked = tab.paused;
  $('pause').addEventListener('change', async (e) => {
    const now = await loadSettings();
    const paused = new Set(now.paused);
    if (/** @type {HTMLInputElement} */ (e.target).checked) paused.add(tab.site); else paused.delete(tab.site);
    await saveSettings({ paused: [...paused] });
    $('count').textContent = /** @type {HTMLInputElement} */ (e.target).checked ? t('popupPaused') : '';
  });
}

main();
