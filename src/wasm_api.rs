//! The JavaScript API (wasm only). Findings cross the boundary as plain objects in the shape
//! of the findings contract (serde-wasm-bindgen, JSON-compatible: `null`, not `undefined`).
//! Nothing here panics across the boundary: every failure is a `JsError` with a message.
#![deny(clippy::unwrap_used, clippy::expect_used)]
// The policy module (`claims` feature) exports only `Claims`: the consent and permission
// classes stay out of it, which keeps it inside its own size budget.
#![cfg_attr(feature = "claims", allow(unused_imports, dead_code))]

use crate::consent::engine::{ConsentEngine, EngineBuilder};
use crate::consent::presenter::{self, Labels, Target};
use crate::consent::scan_tree;
use crate::consent::snapshot::Snapshot;
#[cfg(feature = "claims")]
use crate::finding::Kind;
use crate::finding::{findings_json, Finding, Flag};
use crate::lang::Lang;
use crate::permissions::{scan_invites, scan_listings, scan_permissions, PermissionEngine};
#[cfg(feature = "claims")]
use crate::policy::ClaimEngine;
use crate::reader::dom::{radio_group, DomTree};
use crate::reader::label::{describing_elements, label_text};
#[cfg(feature = "claims")]
use crate::rules::spec::Severity;
use serde::Serialize;
use std::cell::OnceCell;
use wasm_bindgen::prelude::*;
use web_sys::Node;

fn parse_lang(lang: Option<String>) -> Result<Option<Lang>, JsError> {
    match lang.as_deref().map(str::trim) {
        None | Some("") | Some("auto") => Ok(None),
        Some(tag) => Lang::from_tag(tag).map(Some).ok_or_else(|| {
            JsError::new(&format!(
                "unsupported language {tag:?}: use one of {} or \"auto\"",
                Lang::all_ids()
            ))
        }),
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert findings: {e}")))
}

/// Findings cross as one JSON string, parsed by the browser's native `JSON.parse`.
fn findings_to_js(findings: &[Finding]) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(&findings_json(findings))
        .map_err(|_| JsError::new("cannot convert findings"))
}

/// `object[key] = value` on a fresh plain object.
fn set_field(object: &js_sys::Object, key: &str, value: &JsValue) -> Result<(), JsError> {
    js_sys::Reflect::set(object, &key.into(), value)
        .map(|_| ())
        .map_err(|_| JsError::new("cannot build the result"))
}

fn js_error(e: JsValue) -> JsError {
    JsError::new(&e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

/// The haken engine with its compiled rules. Create once, scan many times.
#[cfg(not(feature = "claims"))]
#[wasm_bindgen]
pub struct Haken {
    engine: ConsentEngine,
    shadow_roots: bool,
    /// Compiled on first use: most pages list no permissions and ask for none.
    permissions: OnceCell<PermissionEngine>,
}

#[cfg(not(feature = "claims"))]
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
    pub fn permissions(
        &self,
        root: &Node,
        lang: Option<String>,
        part: Option<String>,
    ) -> Result<js_sys::Object, JsError> {
        let forced = parse_lang(lang)?;
        let engine = self.permission_engine()?;
        let tree = self.tree(root);
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
    pub fn scan(&self, root: &Node, lang: Option<String>) -> Result<JsValue, JsError> {
        let lang = parse_lang(lang)?;
        let scan = scan_tree(&self.tree(root), &self.engine, lang);
        findings_to_js(&scan.findings)
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
            if finding.severity >= crate::rules::spec::Severity::Medium {
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
    pub fn inspect(
        &self,
        root: &Node,
        controls: Option<js_sys::Array>,
        lang: Option<String>,
    ) -> Result<js_sys::Object, JsError> {
        let forced = parse_lang(lang)?;
        let mut tree = self.tree(root);
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

    /// Findings for a snapshot made elsewhere (e.g. sent by a content script).
    #[wasm_bindgen(js_name = scanSnapshot)]
    pub fn scan_snapshot(
        &self,
        snapshot: JsValue,
        lang: Option<String>,
    ) -> Result<JsValue, JsError> {
        let lang = parse_lang(lang)?;
        let snapshot: Snapshot = serde_wasm_bindgen::from_value(snapshot)
            .map_err(|e| JsError::new(&format!("not a snapshot: {e}")))?;
        findings_to_js(&self.engine.scan(&snapshot, lang))
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

/// Compiles the rules in parts, for callers on a page's main thread that must not block it:
/// `const b = new HakenBuilder(); while (!b.step()) await yieldToPage(); const haken = b.finish();`
#[cfg(not(feature = "claims"))]
#[wasm_bindgen]
pub struct HakenBuilder {
    inner: Option<EngineBuilder>,
}

#[cfg(not(feature = "claims"))]
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
#[cfg(not(feature = "claims"))]
#[wasm_bindgen]
pub fn categories(lang: Option<String>) -> Result<JsValue, JsError> {
    let lang = parse_lang(lang)?.unwrap_or_default();
    let list = js_sys::Array::new();
    // Labels only: no rule needs loading or compiling for them.
    for category in &crate::rules::embedded_categories().category {
        let entry = js_sys::Object::new();
        set_field(&entry, "id", &category.id.as_str().into())?;
        set_field(&entry, "label", &category.label.get(lang).into())?;
        list.push(&entry);
    }
    Ok(list.into())
}

/// Privacy-policy analysis: claims, contradictions and policy-page recognition. Only in the
/// build with the `claims` feature (`pkg-policy`), so the consent engine every page loads stays
/// small; the extension runs it in its service worker, the demo on its own page.
#[cfg(feature = "claims")]
#[wasm_bindgen]
pub struct Claims {
    engine: ClaimEngine,
}

#[cfg(feature = "claims")]
#[wasm_bindgen]
impl Claims {
    /// Compiles the claim rules.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Claims, JsError> {
        ClaimEngine::new()
            .map(|engine| Claims { engine })
            .map_err(|e| JsError::new(&format!("claim rules do not compile: {e}")))
    }

    /// Whether a page is a privacy policy, from its URL path, title and top headings.
    #[wasm_bindgen(js_name = isPolicyPage)]
    pub fn is_policy_page(&self, path: &str, title: &str, headings: Vec<String>) -> bool {
        self.engine.pages().is_policy_page(path, title, &headings)
    }

    /// Whether a link text leads to the privacy policy ("Datenschutz", "Privacy Policy").
    #[wasm_bindgen(js_name = isPolicyLink)]
    pub fn is_policy_link(&self, text: &str) -> bool {
        self.engine.pages().is_policy_link(text)
    }

    /// Analyses `text`: `{lang, sentences, findings}`. `lang` forces the language the text is
    /// read in ("auto" guesses per sentence); `messages` the language of the messages (default:
    /// the text's). Spans are UTF-16 code-unit offsets into `text`, as JavaScript strings count.
    pub fn analyze(
        &self,
        text: &str,
        lang: Option<String>,
        messages: Option<String>,
    ) -> Result<JsValue, JsError> {
        let analysis = self
            .engine
            .analyze(text, parse_lang(lang)?, parse_lang(messages)?);
        let mut findings = analysis.findings;
        utf16_spans(text, &mut findings);
        let out = js_sys::Object::new();
        set_field(&out, "lang", &analysis.lang.as_str().into())?;
        set_field(&out, "sentences", &(analysis.sentences as u32).into())?;
        set_field(&out, "findings", &findings_to_js(&findings)?)?;
        Ok(out.into())
    }

    /// `analyze` in a compact form for moving a long policy's result between processes (the
    /// extension's service worker and its page): `{lang, sentences, categories, rules, claims,
    /// contradictions}`. `categories` as [`Claims::categories`], with each one's message;
    /// `claims` a `Uint32Array` of five numbers per claim: category index, span start and end
    /// (UTF-16 units), severity (0 info, 1 low, 2 medium, 3 high) and index into `rules`;
    /// `contradictions` whole findings. A claim's evidence is its span of `text`.
    #[wasm_bindgen(js_name = analyzeCompact)]
    pub fn analyze_compact(
        &self,
        text: &str,
        lang: Option<String>,
        messages: Option<String>,
    ) -> Result<JsValue, JsError> {
        let messages = parse_lang(messages)?;
        let analysis = self.engine.analyze(text, parse_lang(lang)?, messages);
        let mut findings = analysis.findings;
        utf16_spans(text, &mut findings);
        let categories = &self.engine.categories().category;
        let mut rules: Vec<String> = Vec::new();
        let mut claims: Vec<u32> = Vec::with_capacity(findings.len() * 5);
        let mut contradictions = Vec::new();
        for f in findings {
            let category = categories.iter().position(|c| c.id.as_str() == f.category);
            let (Kind::PolicyClaim, Some(category), Some(span)) = (f.kind, category, f.span) else {
                contradictions.push(f);
                continue;
            };
            let rule = match rules.iter().position(|r| *r == f.rule) {
                Some(i) => i,
                None => {
                    rules.push(f.rule);
                    rules.len() - 1
                }
            };
            let severity = match f.severity {
                Severity::Info => 0,
                Severity::Low => 1,
                Severity::Medium => 2,
                Severity::High => 3,
            };
            claims.extend([category, span.start, span.end, severity, rule].map(|n| n as u32));
        }
        let out = js_sys::Object::new();
        set_field(&out, "lang", &analysis.lang.as_str().into())?;
        set_field(&out, "sentences", &(analysis.sentences as u32).into())?;
        let lang = messages.unwrap_or(analysis.lang);
        set_field(&out, "categories", &self.category_list(lang, true)?)?;
        let names = js_sys::Array::new();
        for rule in &rules {
            names.push(&rule.into());
        }
        set_field(&out, "rules", &names)?;
        set_field(&out, "claims", &js_sys::Uint32Array::from(&claims[..]))?;
        set_field(&out, "contradictions", &findings_to_js(&contradictions)?)?;
        Ok(out.into())
    }

    /// The claim categories in summary order (worst first), each `{id, label, severity}` with
    /// the label in `lang`.
    pub fn categories(&self, lang: Option<String>) -> Result<JsValue, JsError> {
        self.category_list(parse_lang(lang)?.unwrap_or_default(), false)
    }
}

#[cfg(feature = "claims")]
impl Claims {
    fn category_list(&self, lang: Lang, with_message: bool) -> Result<JsValue, JsError> {
        let list = js_sys::Array::new();
        for c in &self.engine.categories().category {
            let item = js_sys::Object::new();
            set_field(&item, "id", &c.id.as_str().into())?;
            set_field(&item, "label", &c.label.get(lang).into())?;
            set_field(
                &item,
                "severity",
                &crate::finding::severity_str(c.severity).into(),
            )?;
            if with_message {
                set_field(&item, "message", &c.message.get(lang).into())?;
            }
            list.push(&item);
        }
        Ok(list.into())
    }
}

/// Turns the findings' spans (UTF-8 byte offsets into `text`) into UTF-16 code-unit offsets,
/// as JavaScript strings count, in one pass over the text.
#[cfg(feature = "claims")]
fn utf16_spans(text: &str, findings: &mut [Finding]) {
    let mut offsets: Vec<usize> = Vec::with_capacity(findings.len() * 2);
    each_span(findings, |s| offsets.extend([s.start, s.end]));
    offsets.sort_unstable();
    offsets.dedup();
    let mut units = Vec::with_capacity(offsets.len());
    let (mut byte, mut unit) = (0usize, 0usize);
    let mut chars = text.chars();
    for &target in &offsets {
        while byte < target {
            let Some(c) = chars.next() else { break };
            byte += c.len_utf8();
            unit += c.len_utf16();
        }
        units.push(unit);
    }
    // Every offset was collected above, so the search always finds it.
    let convert = |b: usize| offsets.binary_search(&b).map_or(unit, |i| units[i]);
    each_span(findings, |s| {
        *s = crate::finding::Span {
            start: convert(s.start),
            end: convert(s.end),
        }
    });
}

/// Calls `visit` with every span of `findings`: each finding's own and its related ones'.
#[cfg(feature = "claims")]
fn each_span(findings: &mut [Finding], mut visit: impl FnMut(&mut crate::finding::Span)) {
    for f in findings {
        let related = f.related.iter_mut().filter_map(|r| r.span.as_mut());
        f.span.iter_mut().chain(related).for_each(&mut visit);
    }
}
