//! The findings contract (`shared/notes/findings.md`): one type for the command line, the wasm
//! API, the extension and the tests.

use serde::{Deserialize, Serialize};

/// What kind of catch a finding reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A control that is on before the shopper touched it and gives consent.
    PretickedConsent,
}

impl Kind {
    /// The id used in JSON and in `data-haken` attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::PretickedConsent => "preticked_consent",
        }
    }
}

pub use crate::rules::spec::Severity;

/// Where a finding's element is, so it can be found again in the same document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementRef {
    /// The element's `id` attribute.
    pub id: Option<String>,
    /// The element's `name` attribute.
    pub name: Option<String>,
    /// A CSS selector that finds the element again (see README for shadow roots).
    pub selector: String,
}

/// Offsets into an analysed text (UTF-8 bytes natively; see README).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Extra facts about a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// The control is not visible to the shopper.
    Hidden,
    /// The consent is tied to accepting the terms or placing the order (GDPR Art. 7(4)).
    Bundled,
    /// A pre-selected option of a radio group.
    Radio,
    /// Unticked, but worded so that leaving it unticked means consent.
    OptOut,
}

/// One catch found on a page or in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// See [`Kind`].
    pub kind: Kind,
    /// Category id (closed list per kind, see `rules/categories.json`).
    pub category: String,
    /// See [`Severity`].
    pub severity: Severity,
    /// Id of the rule that fired.
    pub rule: String,
    /// One or two plain sentences for the shopper, in the chosen language.
    pub message: String,
    /// The text that was read, verbatim (whitespace collapsed), trimmed.
    pub evidence: String,
    /// The element the finding is about, if any.
    pub element: Option<ElementRef>,
    /// For text findings: where the evidence is.
    pub span: Option<Span>,
    /// Extra facts, sorted.
    pub flags: Vec<Flag>,
}

impl Finding {
    /// The value of the `data-haken` attribute that marks this finding's element.
    pub fn mark(&self) -> String {
        format!("{}:{}", self.kind.as_str(), self.category)
    }
}
