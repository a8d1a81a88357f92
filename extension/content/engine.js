// Loads the Rust engine: the WebAssembly build, or, where the page's Content-Security-Policy
// forbids compiling WebAssembly in content scripts (Chromium applies the page's CSP to them),
// the same crate compiled to JavaScript by wasm2js. Same code, same findings; the JS build is
// only slower to start.

const url = (path) => chrome.runtime.getURL(path);

let loading;

/** `{Haken, via}` where `via` is 'wasm' or 'js'; the module is loaded once per frame. */
export function loadEngine() {
  loading ??= (async () => {
    try {
      const glue = await import(url('pkg/haken.js'));
      await glue.default({ module_or_path: url('pkg/haken_bg.wasm') });
      return { Haken: glue.Haken, via: 'wasm' };
    } catch (e) {
      // CompileError / CSP violation on strict pages: fall back to the JavaScript build.
      const glue = await import(url('pkg-js/haken.js'));
      return { Haken: glue.Haken, via: 'js', reason: String(e && e.message) };
    }
  })();
  return loading;
}
