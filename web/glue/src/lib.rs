//! What both wasm modules need at the JavaScript boundary: language arguments, findings as
//! plain objects, errors as `JsError` with a message. Nothing here panics across the boundary.
#![deny(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use haken::finding::{findings_json, Finding};
use haken::Lang;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A language argument: none, empty or "auto" means "guess"; anything else must be known.
pub fn parse_lang(lang: Option<String>) -> Result<Option<Lang>, JsError> {
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

/// A serde value as a JSON-compatible JS value (`null`, not `undefined`).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert findings: {e}")))
}

/// Findings cross as one JSON string, parsed by the browser's native `JSON.parse`.
pub fn findings_to_js(findings: &[Finding]) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(&findings_json(findings))
        .map_err(|_| JsError::new("cannot convert findings"))
}

/// `object[key] = value` on a fresh plain object.
pub fn set_field(object: &js_sys::Object, key: &str, value: &JsValue) -> Result<(), JsError> {
    js_sys::Reflect::set(object, &key.into(), value)
        .map(|_| ())
        .map_err(|_| JsError::new("cannot build the result"))
}

/// A thrown JS value as a `JsError` with its message.
pub fn js_error(e: JsValue) -> JsError {
    JsError::new(&e.as_string().unwrap_or_else(|| format!("{e:?}")))
}
