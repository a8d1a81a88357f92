// @ts-check
// Loads the Rust engine: the WebAssembly build, or, where the page's Content-Security-Policy
// forbids compiling WebAssembly in content scripts (Chromium applies the page's CSP to them),
// the same crate compiled to JavaScript by wasm2js. Same code, same findings; the JS build is
// only slower to start. Each build is one module without relative imports (bundle/, written by
// scripts/bundle-content.mjs), since the extension's files are served to us under a dynamic id.

const url = (path) => chrome.runtime.getURL(path);

let loading;

/** `{HakenBuilder, via}` where `via` is 'wasm' or 'js'; the module is loaded once per frame. */
export function loadEngine() {
  loading ??= (async () => {
    try {
      const glue = await import(url('bundle/engine-wasm.js'));
      await glue.default({ module_or_path: url('pkg/haken_bg.wasm') });
      return { Haken: glue.Haken, HakenBuilder: glue.HakenBuilder, via: 'wasm' };
    } catch (e) {
      // CompileError / CSP violation on strict pages: fall back to the JavaScript build.
      const glue = await import(url('bundle/engine-js.js'));
      return { Haken: glue.Haken, HakenBuilder: glue.HakenBuilder, via: 'js', reason: String(e && e.message) };
    }
  })();
  return loading;
}

/** Compiles the rules part by part, yielding to the page in between; `{haken, workMs, longestMs}`. */
export async function compileEngine(engine, yieldToPage) {
  let workMs = 0;
  let longestMs = 0;
  /** Runs one piece of work (within one task) and counts its time. */
  const timed = (work) => {
    const ts = performance.now();
    const out = work();
    const took = performance.now() - ts;
    workMs += took;
    longestMs = Math.max(longestMs, took);
    return out;
  };
  const builder = timed(() => new engine.HakenBuilder());
  do await yieldToPage();
  while (!timed(() => builder.step()));
  await yieldToPage();
  const haken = timed(() => builder.finish());
  // The first reading of a page pays once for the engine code it has not run yet (the
  // WebAssembly functions are compiled at their first call, the rules' automata grow at their
  // first searches: 30-75 ms on a busy machine). Tiny pages of our own, never shown, take that
  // cost in tasks of their own, a few steps deeper each: a box alone, a box with a short label,
  // a German and an English consent label.
  const doc = document.implementation.createHTMLDocument('');
  for (const [text, lang] of [[null, 'de'], ['Newsletter', 'de'], [' Ja, ich möchte den Newsletter erhalten', 'de'],
    [' Yes, send me offers by e-mail', 'en']]) {
    await yieldToPage();
    timed(() => {
      try {
        const box = doc.createElement('input');
        box.type = 'checkbox';
        box.checked = true;
        const label = doc.createElement('label');
        label.append(box);
        if (text) label.append(text);
        doc.body.replaceChildren(label);
        haken.inspect(doc, undefined, lang, undefined);
      } catch {
        // Only a warm-up: the real scan reports its own errors.
      }
    });
  }
  // The scan that follows starts in a task of its own.
  await yieldToPage();
  return { haken, workMs, longestMs };
}
