// A small static file server for the demo and the end-to-end tests: 127.0.0.1 only, correct
// MIME types (application/wasm for streaming compilation), no directory listing, no path
// escapes. `node scripts/serve.mjs [ROOT] [PORT]` serves ROOT (default www) and prints the URL.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/** The extension's folder, served at /ext/ so the demo imports its modules (one UI, no copies). */
const EXTENSION = fileURLToPath(new URL('../extension/', import.meta.url));

/**
 * Starts serving `root`; `headers(path)` may add response headers (e.g. a CSP); `mounts` maps
 * URL prefixes to other folders (`{'/vendor/': 'node_modules/x'}`; `/ext/` is the extension);
 * `handle(req, res, url)` may answer a request itself (return true), e.g. a test endpoint.
 */
export async function startServer({ root = 'www', port = 0, headers = () => ({}), mounts: extra = {}, handle = () => false } = {}) {
  const mounts = { '/ext/': EXTENSION, ...extra };
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      if (await handle(req, res, url)) return;
      let path = normalize(decodeURIComponent(url.pathname));
      if (path.endsWith('/')) path += 'index.html';
      const mount = Object.keys(mounts).find((prefix) => path.startsWith(prefix));
      const base = resolve(mount ? mounts[mount] : root);
      if (mount) path = path.slice(mount.length - 1);
      const file = resolve(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw Object.assign(new Error('outside root'), { code: 'ENOENT' });
      const info = await stat(file);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...headers(url.pathname),
      });
      res.end(body);
    } catch (e) {
      res.writeHead(e.code === 'ENOENT' ? 404 : 500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(e.code === 'ENOENT' ? 'not found\n' : 'server error\n');
    }
  });
  await new Promise((ok, fail) => { server.once('error', fail); server.listen(port, '127.0.0.1', ok); });
  const { port: actual } = server.address();
  return { url: `http://127.0.0.1:${actual}/`, close: () => new Promise((ok) => server.close(ok)) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? 'www';
  const port = Number(process.argv[3] ?? process.env.PORT ?? 8787);
  try {
    const { url } = await startServer({ root, port });
    console.log(`haken demo: ${url}  (Ctrl+C to stop)`);
  } catch (e) {
    console.error(e.code === 'EADDRINUSE'
      ? `serve: port ${port} is in use; run with PORT=<other> (e.g. PORT=8788 make demo)`
      : `serve: ${e.message}`);
    process.exit(1);
  }
}
