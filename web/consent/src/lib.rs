//! haken's consent and permission engine for the browser (wasm): the `Haken` class reads the
//! live DOM, scans it and draws marks; `HakenBuilder` compiles the rules in steps. Findings
//! cross the boundary as plain objects in the shape of docs/findings.md (JSON-compatible:
//! `null`, not `undefined`). Nothing here panics across the boundary: every failure is a
//! `JsError` with a message.
#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod dom;
pub mod presenter;
pub mod warm;

use dom::{radio_group, DomTree};
use haken::consent::engine::{ConsentEngine, EngineBuilder};
use haken::consent::scan_tree;
use haken::finding::Flag;
use haken::permissions::{scan_invites, scan_listings, scan_permissions, PermissionEngine};
use haken::reader::label::{describing_elements, label_text};
use haken::Lang;
use haken_glue::{findings_to_js, js_error, parse_lang, set_field, to_js};
use presenter::{Labels, Target};
use std::cell::{OnceCell, RefCell};
use warm::{Question, WarmScan};
use wasm_bindgen::prelude::*;
use web_sys::Node;

/// The haken engine with its compiled rules. Create once, scan many times.
#[wasm_bindgen]
pub struct Haken {
    engine: ConsentEngine,
    shadow_roots: bool,
    /// Compiled on first use: most pages list no permissions and ask for none.
    permissions: OnceCell<PermissionEngine>,
    /// The last whole scan, answered again while the page stays unchanged.
    warm: RefCell<Option<WarmScan>>,
}

#[wasm_bindgen]
impl Haken {
    /// Compiles the embedded rules.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Haken, JsError> {
        ConsentEngine::new()
            .map(Haken::with_engine)
            .map_err(|e| JsError::new(&format!("rules do not load: {e}")))
    }

    fn with_engine(engine: ConsentEngine) -> Haken {
        Haken {
            engine,
            shadow_roots: true,
            permissions: OnceCell::new(),
            warm: RefCell::new(None),
        }
    }

    fn label_in(&self, category: &str, lang: Lang) -> String {
        let consent = self.engine.category_label(category, lang);
        if consent != category {
            return consent.to_string();
        }
        self.permission_engine()
            .ok()
            .and_then(|p| p.label(category, lang))
            .unwrap_or(category)
            .to_string()
    }

    fn permission_engine(&self) -> Result<&PermissionEngine, JsError> {
        if let Some(p) = self.permissions.get() {
            return Ok(p);
        }
        let built = PermissionEngine::new()
            .map_err(|e| JsError::new(&format!("permission rules do not compile: {e}")))?;
        Ok(self.permissions.get_or_init(|| built))
    }

    /// Loads the permission rules and compiles their heading and link patterns now (else the
    /// first permission call does), so a caller can spread the work over the page's idle
    /// time. The catalogue itself compiles when a page first lists permissions.
    #[wasm_bindgen(js_name = preparePermissions)]
    pub fn prepare_permissions(&self) -> Result<(), JsError> {
        self.permission_engine().map(|_| ())
    }

    /// Permission listings and group-chat invitations below `root`: `{findings, elements}`,
    /// `elements[i]` the item or link of `findings[i]`. Ordinary items come with severity
    /// `info`; unknown ones as `other`. `part`: "listings" or "invites" reads only that (one
    /// pass over the page each, for callers that yield in between); default both.
    /// `selected` (with a part only): the elements below `root` matching that part's selector
    /// ([`Haken::selector`]), in document order, found by the caller (in time slices on a large
    /// page); else the engine asks `querySelectorAll`.
    pub fn permissions(
        &self,
        root: &Node,
        lang: Option<String>,
        part: Option<String>,
        selected: Option<js_sys::Array>,
    ) -> Result<js_sys::Object, JsError> {
        let forced = parse_lang(lang)?;
        let engine = self.permission_engine()?;
        let mut tree = self.tree(root);
        if let Some(selected) = selected {
            let selector = match part.as_deref() {
                Some(part @ ("listings" | "invites")) => selector_of(part).unwrap_or_default(),
                _ => {
                    return Err(JsError::new(
                        "`selected` needs part \"listings\" or \"invites\"",
                    ))
                }
            };
            let nodes = selected
                .iter()
                .filter(|v| v.is_object())
                .map(|v| v.unchecked_into::<Node>())
                .collect();
            tree = tree.with_selected(selector, nodes);
        }
        let scan = match part.as_deref() {
            None | Some("") => scan_permissions(&tree, engine, forced),
            Some("listings") => scan_listings(&tree, engine, forced),
            Some("invites") => scan_invites(&tree, engine, forced),
            Some(other) => {
                return Err(JsError::new(&format!(
                    "unknown part {other:?}: use \"listings\" or \"invites\""
                )))
            }
        };
        let out = js_sys::Object::new();
        set_field(&out, "findings", &findings_to_js(&scan.findings)?)?;
        set_field(
            &out,
            "elements",
            &scan.nodes.into_iter().collect::<js_sys::Array>(),
        )?;
        Ok(out)
    }

    /// The finding for a permission the page asked the browser for (`api`: "notifications",
    /// "push", "geolocation", "contacts", "camera", "microphone", "clipboard"); `null` for an
    /// unknown id.
    pub fn prompt(&self, api: &str, lang: Option<String>) -> Result<JsValue, JsError> {
        let lang = parse_lang(lang)?.unwrap_or_default();
        match self.permission_engine()?.prompt_finding(api, lang) {
            Some(f) => Ok(findings_to_js(&[f])?
                .unchecked_into::<js_sys::Array>()
                .get(0)),
            None => Ok(JsValue::NULL),
        }
    }

    /// The selector behind a part of the work, for callers that look at the elements
    /// themselves (in time slices): "candidates" (the controls [`Haken::candidates`] reads),
    /// "listings" (headings that may open a permission listing), "invites" (links that may be
    /// group invitations), "labels" (labels naming their control by id); `undefined` for
    /// another name.
    pub fn selector(part: &str) -> Option<String> {
        selector_of(part).map(str::to_string)
    }

    /// Whether scans read inside open shadow roots (default `true`).
    #[wasm_bindgen(getter, js_name = shadowRoots)]
    pub fn shadow_roots(&self) -> bool {
        self.shadow_roots
    }

    /// Sets whether scans read inside open shadow roots.
    #[wasm_bindgen(setter, js_name = shadowRoots)]
    pub fn set_shadow_roots(&mut self, on: bool) {
        self.shadow_roots = on;
    }

    fn tree(&self, root: &Node) -> DomTree {
        DomTree::new(root.clone()).pierce_shadow_roots(self.shadow_roots)
    }

    /// Findings for a document, shadow root or element subtree. `lang`: "de", "en" or
    /// "auto"/undefined (the page's `lang`, else guessed from the labels).
    /// A re-scan of an unchanged page answers from the last scan (see [`warm`]).
    pub fn scan(&self, root: &Node, lang: Option<String>) -> Result<JsValue, JsError> {
        let question = Question {
            root: root.clone(),
            lang: parse_lang(lang)?,
            shadow_roots: self.shadow_roots,
        };
        let rescan = |nodes: Vec<Node>, lang: Lang| {
            let tree = self.tree(root).with_candidates(nodes);
            let scan = scan_tree(&tree, &self.engine, Some(lang));
            (scan.findings, scan.nodes)
        };
        if let Some(warm) = self.warm.borrow_mut().as_mut() {
            if let Some(findings) = warm.answer(&question, &rescan) {
                return findings_to_js(findings);
            }
        }
        // Drop the old watcher before reading: its observer need not record this scan.
        self.warm.replace(None);
        let tree = self.tree(root);
        let scan = scan_tree(&tree, &self.engine, question.lang);
        let out = findings_to_js(&scan.findings)?;
        let lang = self.engine.language(&scan.snapshot, question.lang);
        let mut scopes = tree.whole_scopes();
        scopes.extend(dom::document_of(root).map(Node::from));
        let controls = tree.all_candidates();
        let warm = WarmScan::new(question, scopes, controls, lang, scan.findings, &scan.nodes);
        self.warm.replace(Some(warm));
        Ok(out)
    }

    /// Scans, then marks each flagged element in place (`data-haken`, outline, badge): the
    /// pre-ticked consents, then the permission items and invitations worth a warning
    /// (medium or high). Replaces earlier marks, so calling it again never marks anything twice.
    pub fn mark(&self, root: &Node, lang: Option<String>) -> Result<JsValue, JsError> {
        let forced = parse_lang(lang)?;
        let tree = self.tree(root);
        let mut scan = scan_tree(&tree, &self.engine, forced);
        let lang = self.engine.language(&scan.snapshot, forced);
        let permissions = scan_permissions(&tree, self.permission_engine()?, Some(lang));
        for (finding, node) in permissions.findings.into_iter().zip(permissions.nodes) {
            if haken::finding::MARKED.contains(&finding.severity) {
                scan.findings.push(finding);
                scan.nodes.push(node);
            }
        }
        let labels = Labels {
            badges: scan
                .findings
                .iter()
                .map(|f| format!("⚠ {}", self.label_in(&f.category, lang)))
                .collect(),
            rule_word: self
                .engine
                .rules()
                .categories
                .rule_word
                .get(lang)
                .to_string(),
        };
        let targets: Vec<Target> = scan
            .nodes
            .iter()
            .map(|n| Target {
                control: n.clone(),
                labels: describing_elements(&tree, n),
            })
            .collect();
        presenter::mark(root, &scan.findings, &targets, &labels).map_err(js_error)?;
        findings_to_js(&scan.findings)
    }

    /// Every candidate control below `root` (open shadow roots included), in document order:
    /// the work list of a time-sliced or incremental scan (see [`Haken::inspect`]).
    pub fn candidates(&self, root: &Node) -> js_sys::Array {
        self.tree(root).all_candidates().into_iter().collect()
    }

    /// Findings with the live elements behind them, for an in-page presenter:
    /// `{findings, elements, labels, undo}`. `controls` (optional) limits the scan to those
    /// candidates (a batch from [`Haken::candidates`]); labels and questions are still read
    /// from the whole tree. `elements[i]` is the control of `findings[i]`, `labels[i]` the
    /// elements that describe it, and `undo[i]` the element whose click takes the consent back
    /// (the control itself; for a pre-selected radio the group's refusing option, else `null`).
    /// `labels` (optional): the `label[for]` elements of `root`'s own tree (not inside shadow
    /// roots), in document order ([`Haken::selector`] "labels"), found once by a caller that
    /// reads a large page in batches; else each call asks `querySelectorAll`.
    pub fn inspect(
        &self,
        root: &Node,
        controls: Option<js_sys::Array>,
        lang: Option<String>,
        labels: Option<js_sys::Array>,
    ) -> Result<js_sys::Object, JsError> {
        let forced = parse_lang(lang)?;
        let mut tree = self.tree(root);
        if let Some(labels) = labels {
            let nodes = labels
                .iter()
                .filter(|v| v.is_object())
                .map(|v| v.unchecked_into::<Node>())
                .collect();
            tree = tree.with_selected(dom::LABELS_WITH_FOR, nodes);
        }
        if let Some(controls) = controls {
            let nodes = controls
                .iter()
                .filter(|v| v.is_object())
                .map(|v| v.unchecked_into::<Node>())
                .collect();
            tree = tree.with_candidates(nodes);
        }
        let scan = scan_tree(&tree, &self.engine, forced);
        let elements = js_sys::Array::new();
        let labels = js_sys::Array::new();
        let undo = js_sys::Array::new();
        for (finding, node) in scan.findings.iter().zip(&scan.nodes) {
            elements.push(node);
            labels.push(
                &describing_elements(&tree, node)
                    .into_iter()
                    .collect::<js_sys::Array>(),
            );
            let taker = if finding.flags.contains(&Flag::Radio) {
                radio_group(node)
                    .into_iter()
                    .find(|other| self.engine.is_refusal(&label_text(&tree, other)))
            } else {
                Some(node.clone())
            };
            undo.push(&taker.map_or(JsValue::NULL, JsValue::from));
        }
        let out = js_sys::Object::new();
        set_field(&out, "findings", &findings_to_js(&scan.findings)?)?;
        set_field(&out, "elements", &elements)?;
        set_field(&out, "labels", &labels)?;
        set_field(&out, "undo", &undo)?;
        Ok(out)
    }

    /// Removes every mark haken made in the document of `root`.
    pub fn clear(&self, root: &Node) -> Result<(), JsError> {
        presenter::clear(root).map_err(js_error)
    }

    /// The snapshot the live-DOM reader builds (for debugging and the demo's "what was read").
    pub fn snapshot(&self, root: &Node) -> Result<JsValue, JsError> {
        let scan = scan_tree(&self.tree(root), &self.engine, None);
        to_js(&scan.snapshot)
    }

    /// The short name of a finding category in `lang` ("de"/"en"; "auto" means English):
    /// consent categories, permission categories and messengers.
    pub fn label(&self, category: &str, lang: Option<String>) -> Result<String, JsError> {
        let lang = parse_lang(lang)?.unwrap_or_default();
        Ok(self.label_in(category, lang))
    }

    /// The crate version.
    pub fn version() -> String {
        env!("CARGO_PKG_VERSION").to_string()
    }
}

/// See [`Haken::selector`].
fn selector_of(part: &str) -> Option<&'static str> {
    match part {
        "candidates" => Some(haken::reader::CANDIDATES),
        "listings" => Some(haken::permissions::listing::HEADINGS),
        "invites" => Some(haken::permissions::reader::INVITE_LINKS),
        "labels" => Some(dom::LABELS_WITH_FOR),
        _ => None,
    }
}

/// Compiles the rules in parts, for callers on a page's main thread that must not block it:
/// `const b = new HakenBuilder(); while (!b.step()) await yieldToPage(); const haken = b.finish();`
#[wasm_bindgen]
pub struct HakenBuilder {
    inner: Option<EngineBuilder>,
}

#[wasm_bindgen]
impl HakenBuilder {
    /// Loads the embedded rules; nothing is compiled yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<HakenBuilder, JsError> {
        EngineBuilder::new()
            .map(|b| HakenBuilder { inner: Some(b) })
            .map_err(|e| JsError::new(&format!("rules do not load: {e}")))
    }

    /// Compiles the next part of the rules; `true` when all are compiled.
    pub fn step(&mut self) -> Result<bool, JsError> {
        let builder = self
            .inner
            .as_mut()
            .ok_or_else(|| JsError::new("finish() was already called"))?;
        builder
            .step()
            .map_err(|e| JsError::new(&format!("rules do not compile: {e}")))
    }

    /// The engine (compiling whatever `step` has not).
    pub fn finish(&mut self) -> Result<Haken, JsError> {
        let builder = self
            .inner
            .take()
            .ok_or_else(|| JsError::new("finish() was already called"))?;
        builder
            .finish()
            .map(Haken::with_engine)
            .map_err(|e| JsError::new(&format!("rules do not compile: {e}")))
    }
}

/// The consent categories in precedence order, each `{id, label}` with the label in `lang`
/// ("de"/"en"; "auto" means English), for settings pages that let a shopper switch them off.
#[wasm_bindgen]
pub fn categories(lang: Option<String>) -> Result<JsValue, JsError> {
    let lang = parse_lang(lang)?.unwrap_or_default();
    let list = js_sys::Array::new();
    // Labels only: no rule needs loading or compiling for them.
    for category in &haken::rules::embedded_categories().category {
        let entry = js_sys::Object::new();
        set_field(&entry, "id", &category.id.as_str().into())?;
        set_field(&entry, "label", &category.label.get(lang).into())?;
        list.push(&entry);
    }
    Ok(list.into())
}
