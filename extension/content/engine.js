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
  const t0 = performance.now();
  const builder = new engine.HakenBuilder();
  let workMs = performance.now() - t0;
  let longestMs = workMs;
  await yieldToPage();
  for (;;) {
    const ts = performance.now();
    const done = builder.step();
    const took = performance.now() - ts;
    workMs += took;
    longestMs = Math.max(longestMs, took);
    if (done) break;
    await yieldToPage();
  }
  await yieldToPage();
  const tf = performance.now();
  const haken = builder.finish();
  workMs += performance.now() - tf;
  longestMs = Math.max(longestMs, performance.now() - tf);
  // The first reading of a page pays once for the engine code it has not run yet (the
  // WebAssembly functions are compiled at their first call, the rules' automata grow at their
  // first searches: 30-75 ms on a busy machine). Tiny pages of our own, never shown, take that
  // cost in tasks of their own, a few steps deeper each: a box alone, a box with a short label,
  // a German and an English consent label.
  let took = 0;
  const doc = document.implementation.createHTMLDocument('');
  for (const [text, lang] of [[null, 'de'], ['Newsletter', 'de'], [' Ja, ich möchte den Newsletter erhalten', 'de'],
    [' Yes, send me offers by e-mail', 'en']]) {
    await yieldToPage();
    const ts = performance.now();
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
    const step = performance.now() - ts;
    took += step;
    longestMs = Math.max(longestMs, step);
  }
  // The scan that follows starts in a task of its own.
  await yieldToPage();
  return { haken, workMs: workMs + took, longestMs };
}
