//! haken's privacy-policy engine for the browser (wasm): the `Claims` class finds claims and
//! broken promises in a policy's text and recognises policy pages and links. Its own module
//! (`pkg-policy`), so the consent engine every page loads stays small; the extension runs it
//! in its service worker, the demo on its own page. Nothing here panics across the boundary.
#![deny(clippy::unwrap_used, clippy::expect_used)]

use haken::breach::BreachEngine;
use haken::finding::{to_utf16_spans, Finding, Kind};
use haken::policy::ClaimEngine;
use haken::rules::spec::Severity;
use haken::Lang;
use haken_glue::{findings_to_js, parse_lang, set_field};
use wasm_bindgen::prelude::*;

/// Privacy-policy analysis: claims, contradictions and policy-page recognition. Only in the
/// build with the `claims` feature (`pkg-policy`), so the consent engine every page loads stays
/// small; the extension runs it in its service worker, the demo on its own page.
#[wasm_bindgen]
pub struct Claims {
    engine: ClaimEngine,
}

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
        to_utf16_spans(text, &mut findings);
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
        to_utf16_spans(text, &mut findings);
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
                &haken::finding::severity_str(c.severity).into(),
            )?;
            if with_message {
                set_field(&item, "message", &c.message.get(lang).into())?;
            }
            list.push(&item);
        }
        Ok(list.into())
    }
}

/// Breach notices (GDPR Art. 34): whether a text reads like one, and the checklist of what it
/// says and leaves out. In the policy module because both read a page's text and neither is
/// needed on most pages.
#[wasm_bindgen]
pub struct Breach {
    engine: BreachEngine,
}

#[wasm_bindgen]
impl Breach {
    /// Compiles the breach rules.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Breach, JsError> {
        BreachEngine::new()
            .map(|engine| Breach { engine })
            .map_err(|e| JsError::new(&format!("breach rules do not compile: {e}")))
    }

    /// Checks `text` (an e-mail or a page's text): `{notice, lang, sentences, findings}`, one
    /// `breach_notice` finding per element in checklist order, each with its `status`
    /// (`present`, `vague`, `missing`). `lang` forces the language the text is read in
    /// ("auto" guesses); `messages` the language of the messages (default: the text's). Spans
    /// are UTF-16 code-unit offsets into `text`.
    pub fn check(
        &self,
        text: &str,
        lang: Option<String>,
        messages: Option<String>,
    ) -> Result<JsValue, JsError> {
        let report = self
            .engine
            .check(text, parse_lang(lang)?, parse_lang(messages)?);
        let mut findings: Vec<Finding> =
            report.findings.iter().map(|i| i.finding.clone()).collect();
        to_utf16_spans(text, &mut findings);
        let list = findings_to_js(&findings)?;
        let array = js_sys::Array::from(&list);
        for (i, item) in report.findings.iter().enumerate() {
            let object = js_sys::Object::from(array.get(i as u32));
            set_field(&object, "status", &item.status.as_str().into())?;
        }
        let out = js_sys::Object::new();
        set_field(&out, "notice", &report.notice.into())?;
        set_field(&out, "lang", &report.lang.as_str().into())?;
        set_field(&out, "sentences", &(report.sentences as u32).into())?;
        set_field(&out, "findings", &array)?;
        Ok(out.into())
    }

    /// The checklist's elements in order, each `{id, category, label}` with the label in `lang`.
    pub fn elements(&self, lang: Option<String>) -> Result<JsValue, JsError> {
        let lang = parse_lang(lang)?.unwrap_or_default();
        let list = js_sys::Array::new();
        for e in self.engine.elements() {
            let item = js_sys::Object::new();
            set_field(&item, "id", &e.id.as_str().into())?;
            set_field(&item, "category", &e.id.category().into())?;
            set_field(&item, "label", &e.label.get(lang).into())?;
            list.push(&item);
        }
        Ok(list.into())
    }
}
