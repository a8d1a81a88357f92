// Renders the extension's in-page UI (extension/content/ui.js, the same module the content
// script uses) with an *open* shadow root, so axe-core can check our markup: two marks, the
// opened panel, the notice about a page's permission request and the before-submit summary. Served by the tests with /ext/ -> extension/.
import { createUi } from '/ext/content/ui.js';
import { stringsFrom } from '/ext/shared/i18n.js';

const t = stringsFrom(await (await fetch('/ext/_locales/de/messages.json')).json());
const item = (index, id, label, message) => ({
  index, element: document.getElementById(id), labels: [document.querySelector(`label[for=${id}]`)],
  undo: document.getElementById(id), label, finding: { message, category: 'marketing', kind: 'preticked_consent' },
  hidden: false, optOut: false, radio: false, undoable: true, state: 'open', auto: false,
});
const items = [
  item(0, 'n', 'Werbung', 'Schon für Sie angekreuzt: Sie bekommen Werbung per E-Mail.'),
  item(1, 'p', 'Datenweitergabe', 'Schon für Sie angekreuzt: Ihre Adresse geht an andere Firmen.'),
];
const ui = createUi(document, { t, mode: 'open', actions: { untick() {}, untickAll() {}, reveal() {} } });
ui.show(items);
ui.showPrompts([{ index: 2, prompt: true, label: 'Standort', state: 'open', undoable: false, element: null, labels: [],
  finding: { kind: 'permission_prompt', category: 'location', message: 'Diese Seite fragt nach Ihrem genauen Standort.' } }], true);
ui.host.shadowRoot.querySelector('.toggle').click();
ui.ask(items);
document.body.dataset.ready = 'yes';
