//! # haken — what's the catch?
//!
//! haken reads a shop page and shows the catch in place. This crate is its core: pure Rust with
//! no web APIs, run natively (command line, tests) and, through the thin crates in `web/`
//! (live-DOM reader, in-page marks, the wasm API), as WebAssembly in the browser.
//!
//! ## Shape
//! ```text
//! page (live DOM, or an .html file)
//!   -> reader    (web/consent's DomTree in the browser, reader::html natively; one Tree trait)
//!   -> snapshot  (plain data: candidate controls, their state and label)
//!   -> engine    (rules from rules/consent/*.toml applied to the snapshot; no I/O)
//!   -> findings  (the JSON contract in docs/findings.md)
//!   -> presenter (markers in the page from web/consent, or JSON lines on the command line)
//! ```
//!
//! ## Example
//! ```
//! use haken::{ConsentEngine, consent::scan_tree, reader::html::HtmlTree};
//!
//! let engine = ConsentEngine::new().expect("embedded rules are valid");
//! let page = HtmlTree::parse(r#"<html lang="de"><label>
//!     <input type="checkbox" checked> Ja, ich möchte den Newsletter erhalten</label></html>"#);
//! let scan = scan_tree(&page, &engine, None);
//! assert_eq!(scan.findings.len(), 1);
//! assert_eq!(scan.findings[0].category, "marketing");
//! ```
//!
//! ## Untrusted input
//! Pages are hostile. Readers never execute page content; label text is data, shown as text.
//! Rules are compiled once, with size limits, into lazy DFAs (`regex-automata`), whose matching
//! time is linear in the input. HTML parsing recovers from any input (HTML5 error handling).
//!
//! ## Features
//! - `cli` (default): the native HTML reader and the `haken` command line. It only adds code;
//!   the wasm crates in `web/` use the core without it.
#![deny(missing_docs)]

pub mod breach;
pub mod consent;
pub mod finding;
pub mod lang;
pub mod linear;
pub mod matcher;
pub mod permissions;
pub mod policy;
pub mod reader;
pub mod rules;
pub mod text;

pub use consent::snapshot::{Control, ControlKind, Snapshot};
pub use consent::ConsentEngine;
pub use finding::{ElementRef, Finding, Flag, Kind, Severity, Span};
pub use lang::Lang;
