// Bundles the content shell into extension/bundle/ (run by scripts/build-wasm.sh and before
// the end-to-end tests): one ES module for the shell (content/main.js with everything it
// imports) and one per engine build (pkg/haken.js, pkg-js/haken.js with their glue and
// snippets). Why: the manifest serves these files to our content scripts only under a
// per-session id (`use_dynamic_url`, so a page cannot probe for haken at the static
// chrome-extension://<id>/ URL), and Chromium resolves a module's relative imports against the
// static id, where they are refused. A module without relative imports loads. The sources stay
// as written (the demo imports them from /ext/); nothing is minified.
import { build } from 'esbuild';
import { resolve, join } from 'node:path';
import { existsSync } from 'node:fs';

const root = resolve(new URL('..', import.meta.url).pathname);
const ext = join(root, 'extension');

/** Entry -> bundle, relative to extension/. The engines exist after scripts/build-wasm.sh. */
export const BUNDLES = {
  'content/main.js': 'bundle/main.js',
  'pkg/haken.js': 'bundle/engine-wasm.js',
  'pkg-js/haken.js': 'bundle/engine-js.js',
};

export async function bundleContent() {
  for (const [entry, out] of Object.entries(BUNDLES)) {
    if (!existsSync(join(ext, entry))) throw new Error(`extension/${entry} is missing; run scripts/build-wasm.sh (make wasm)`);
    await build({
      entryPoints: [join(ext, entry)],
      outfile: join(ext, out),
      bundle: true,
      format: 'esm',
      target: 'es2022',
      legalComments: 'none',
      logLevel: 'warning',
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await bundleContent();
