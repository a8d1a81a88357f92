//! The findings of the last whole scan, kept while the page stays as it was: a re-scan of an
//! unchanged page then costs one look at the controls' `checked` states instead of reading
//! every label again.
//!
//! "Unchanged" is what the page can tell us: a `MutationObserver` on the document and on every
//! shadow root the scan read (nodes, attributes, text), a window resize (layout decides what is
//! visible), and the `checked` property of each control, which a click or a script changes
//! without any mutation record. Anything else starts a whole scan, so the answer is always
//! the one a fresh scan would give.

use haken::{Finding, Lang};
use wasm_bindgen::prelude::*;
use web_sys::Node;

// One boundary crossing per question: the observer, the listener and the loop over the
// controls live on the JS side. The observer stops at the first record (one is enough).
#[wasm_bindgen(inline_js = "export function watch(scopes, controls) { \
    const w = { dirty: false, controls, checked: controls.map((c) => c.checked) }; \
    w.observer = new MutationObserver(() => { w.dirty = true; w.observer.disconnect(); }); \
    const what = { subtree: true, childList: true, attributes: true, characterData: true }; \
    for (const s of scopes) w.observer.observe(s, what); \
    w.resize = () => { w.dirty = true; }; \
    if (typeof addEventListener === 'function') addEventListener('resize', w.resize); \
    return w; } \
  export function changes(w) { \
    if (w.dirty || w.observer.takeRecords().length > 0) { w.dirty = true; return null; } \
    const { controls, checked } = w; const out = []; \
    for (let i = 0; i < controls.length; i++) { \
      const now = controls[i].checked; \
      if (now !== checked[i]) { checked[i] = now; out.push(i); } } \
    return new Uint32Array(out); } \
  export function unwatch(w) { \
    w.observer.disconnect(); \
    if (typeof removeEventListener === 'function') removeEventListener('resize', w.resize); }")]
extern "C" {
    fn watch(scopes: js_sys::Array, controls: js_sys::Array) -> JsValue;
    /// `None` after a mutation or resize, else the positions of the controls whose `checked`
    /// changed since the last call.
    fn changes(watcher: &JsValue) -> Option<Vec<u32>>;
    fn unwatch(watcher: &JsValue);
}

/// What a scan was asked: the same root, language and shadow-root setting give the same answer
/// on an unchanged page.
#[derive(PartialEq)]
pub struct Question {
    pub root: Node,
    pub lang: Option<Lang>,
    pub shadow_roots: bool,
}

/// The findings of one whole scan and the watcher that says whether they still hold.
pub struct WarmScan {
    question: Question,
    watcher: JsValue,
    /// Every candidate the scan read, in document order.
    controls: Vec<Node>,
    /// The language the findings speak (the scan's own choice when the question left it open).
    lang: Lang,
    findings: Vec<Finding>,
    /// For each finding, the position of its control in `controls`.
    at: Vec<usize>,
}

/// Reads `controls` (a subset of a tree's candidates, in document order) in `lang`: the
/// findings and, for each, its control.
pub type Rescan<'a> = dyn Fn(Vec<Node>, Lang) -> (Vec<Finding>, Vec<Node>) + 'a;

impl WarmScan {
    /// Starts watching `scopes` (the document of the root and the shadow roots read) and the
    /// `checked` state of `controls` (every candidate the scan read, in document order), which
    /// gave `findings` for the controls `nodes` in `lang`.
    pub fn new(
        question: Question,
        scopes: Vec<Node>,
        controls: Vec<Node>,
        lang: Lang,
        findings: Vec<Finding>,
        nodes: &[Node],
    ) -> WarmScan {
        let at = positions(&controls, (0..controls.len()).collect(), nodes);
        let watcher = watch(scopes.into_iter().collect(), controls.iter().collect());
        WarmScan {
            question,
            watcher,
            controls,
            lang,
            findings,
            at,
        }
    }

    /// The findings for `question` while the page has not changed but for `checked` states,
    /// brought up to date by reading again the controls that changed and those flagged before
    /// (a box ticked by CSS-driven reveal can change whether another flagged box is visible;
    /// an unflagged box cannot become flagged without a change of its own). `None` when the
    /// question differs or the page changed otherwise: then only a whole scan answers.
    pub fn answer(&mut self, question: &Question, rescan: &Rescan) -> Option<&[Finding]> {
        if self.question != *question {
            return None;
        }
        let changed = changes(&self.watcher)?;
        if !changed.is_empty() {
            let mut redo: Vec<usize> = changed.into_iter().map(|i| i as usize).collect();
            redo.extend(&self.at);
            redo.sort_unstable();
            redo.dedup();
            let nodes = redo.iter().map(|&i| self.controls[i].clone()).collect();
            let (findings, found) = rescan(nodes, self.lang);
            self.at = positions(&self.controls, redo, &found);
            self.findings = findings;
        }
        Some(&self.findings)
    }
}

/// The positions in `controls` of `found`, a subsequence of the controls at `among` (both in
/// document order): one pass, each node compared at most once.
fn positions(controls: &[Node], among: Vec<usize>, found: &[Node]) -> Vec<usize> {
    let mut out = Vec::with_capacity(found.len());
    let mut rest = among.into_iter();
    for node in found {
        for i in rest.by_ref() {
            if controls[i] == *node {
                out.push(i);
                break;
            }
        }
    }
    out
}

impl Drop for WarmScan {
    fn drop(&mut self) {
        unwatch(&self.watcher);
    }
}
