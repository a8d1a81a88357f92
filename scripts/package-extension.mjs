// Packs extension/ (after scripts/build-wasm.sh) into one folder and one zip per browser:
// dist/chromium/ + dist/haken-chromium.zip (background.service_worker) and dist/firefox/ +
// dist/haken-firefox.zip (background.scripts, gecko id). The unpacked extension/ itself loads
// in both, since each browser ignores the background key it does not use.
import { cp, mkdir, readFile, rm, writeFile, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { resolve, join } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const source = join(root, 'extension');
const dist = join(root, 'dist');
// `pkg-js` (the engine for strict-CSP pages) is only an input of `bundle/engine-js.js`, which
// holds all of it; shipping it too would add 3.4 MB of unused script.
const SHIPPED = ['manifest.json', 'background.js', 'content', 'shared', 'popup', 'options', '_locales', 'icons', 'pkg', 'pkg-policy', 'bundle'];

for (const part of ['pkg/haken_bg.wasm', 'bundle/engine-js.js', 'pkg-policy/haken-policy_bg.wasm', 'bundle/main.js']) {
  try {
    await stat(join(source, part));
  } catch {
    console.error(`package-extension: extension/${part} is missing; run scripts/build-wasm.sh (make wasm) first`);
    process.exit(1);
  }
}

const manifest = JSON.parse(await readFile(join(source, 'manifest.json'), 'utf8'));
const variants = {
  chromium: (m) => {
    const { scripts, ...background } = m.background;
    const { browser_specific_settings: _, ...rest } = m;
    return { ...rest, background };
  },
  // Firefox serves extension files under a random id per installation anyway (and does not
  // know `use_dynamic_url`).
  firefox: (m) => {
    const { service_worker, ...background } = m.background;
    const web_accessible_resources = m.web_accessible_resources.map(({ use_dynamic_url: _, ...r }) => r);
    return { ...m, background, web_accessible_resources };
  },
};

await rm(dist, { recursive: true, force: true });
for (const [browser, adapt] of Object.entries(variants)) {
  const dir = join(dist, browser);
  await mkdir(dir, { recursive: true });
  for (const entry of SHIPPED) await cp(join(source, entry), join(dir, entry), { recursive: true });
  // TypeScript declarations are for developers, not the browser.
  execFileSync('find', [dir, '-name', '*.d.ts', '-delete']);
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(adapt(manifest), null, 2)}\n`);
  const zip = join(dist, `haken-${browser}.zip`);
  execFileSync(join(root, 'node_modules/.bin/web-ext'), ['build', '--source-dir', dir, '--artifacts-dir', dist,
    '--filename', `haken-${browser}.zip`, '--overwrite-dest'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const { size } = await stat(zip);
  console.log(`dist/haken-${browser}.zip  ${Math.round(size / 1024)} KB`);
}
