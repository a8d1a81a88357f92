//! The schema of the breach-notice rule files (`rules/breach/*.toml`): plain serde types,
//! shared with `build.rs` (which validates the files with exactly these types and embeds them),
//! so the wasm build carries no TOML parser.

use crate::rules::spec::{Severity, Texts};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a rule looks for: one element a notice must describe (GDPR Art. 34(2) with
/// Art. 33(3)(b)-(d)), or a sign that the text is a breach notice at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BreachElement {
    /// What happened, concretely (part of "the nature of the breach").
    Nature,
    /// Which kinds of personal data were affected (part of the nature).
    Data,
    /// When it happened (part of the nature).
    When,
    /// The name and contact details of the DPO or another contact point (Art. 33(3)(b)).
    Contact,
    /// The likely consequences for the person (Art. 33(3)(c)).
    Consequences,
    /// The measures taken or proposed, including mitigation (Art. 33(3)(d)).
    Measures,
    /// Not an element: the text tells the reader that their data was affected by a breach.
    Notice,
}

impl BreachElement {
    /// The six elements of the checklist, in the order it lists them.
    pub const CHECKLIST: [BreachElement; 6] = [
        BreachElement::Nature,
        BreachElement::Data,
        BreachElement::When,
        BreachElement::Contact,
        BreachElement::Consequences,
        BreachElement::Measures,
    ];

    /// The category id of the element's findings (`breach_nature` ...).
    pub fn category(self) -> &'static str {
        match self {
            BreachElement::Nature => "breach_nature",
            BreachElement::Data => "breach_data",
            BreachElement::When => "breach_when",
            BreachElement::Contact => "breach_contact",
            BreachElement::Consequences => "breach_consequences",
            BreachElement::Measures => "breach_measures",
            BreachElement::Notice => "breach_notice",
        }
    }

    /// The short id (`nature` ...), as in the labelled set.
    pub fn as_str(self) -> &'static str {
        match self {
            BreachElement::Nature => "nature",
            BreachElement::Data => "data",
            BreachElement::When => "when",
            BreachElement::Contact => "contact",
            BreachElement::Consequences => "consequences",
            BreachElement::Measures => "measures",
            BreachElement::Notice => "notice",
        }
    }
}

/// How well a notice describes an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Stated with facts ("on 12 March", "name and e-mail address", "dpo@shop.example").
    Present,
    /// Addressed without facts ("a technical error", "some data", "we took steps").
    Vague,
    /// Not addressed.
    Missing,
}

impl Status {
    /// The id used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Present => "present",
            Status::Vague => "vague",
            Status::Missing => "missing",
        }
    }
}

/// One rule as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreachRuleSpec {
    /// Unique id, `breach.<element>.<lang>.<name>` by convention.
    pub id: String,
    /// `de` or `en`.
    pub lang: String,
    /// See [`BreachElement`].
    pub element: BreachElement,
    /// `present` or `vague` for element rules; none for `notice` rules.
    pub status: Option<Status>,
    /// Regex over the folded sentence (see `text::fold`); `{NAME}` inserts a macro of the file.
    pub pattern: String,
    /// Regex that cancels the rule when the same sentence matches it.
    pub unless: Option<String>,
    /// Regex the same sentence must also match.
    pub requires: Option<String>,
    /// For a `notice` rule that tells a concrete event (a stolen laptop, a misdirected
    /// e-mail): `true` when the same sentence also says what happened (`nature` present).
    #[serde(default)]
    pub tells_nature: bool,
    /// Law, guidance or case behind the rule.
    pub source: String,
    /// Free-form remark for rule authors.
    pub note: Option<String>,
}

/// A rule file of one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreachRuleFile {
    /// Named pattern pieces, inserted as `{NAME}` into patterns of the same file.
    #[serde(default)]
    pub macros: BTreeMap<String, String>,
    /// Regex over the folded sentence that keeps its `notice` rules from counting: the
    /// sentence tells of a breach without reporting one to the reader (news and reported
    /// speech, a court's or a regulator's account, what companies generally do, what would be
    /// done). `{NAME}` inserts a macro.
    pub aside: Option<String>,
    /// Regex over the folded sentence that keeps an aside from being one: the breach it tells
    /// of reached the sender's or the reader's own data ("a copy of every workshop's customer
    /// records, ours included" in a notice that blames a supplier). `{NAME}` inserts a macro.
    pub own: Option<String>,
    /// Regex over the folded sentence for a standing policy's voice: what is generally done
    /// with data ("we collect", "this privacy policy", "cookies", "legal basis"). A text with
    /// many such sentences is a privacy policy that mentions breaches, not a notice.
    pub standing: Option<String>,
    /// The rules.
    pub rule: Vec<BreachRuleSpec>,
}

/// An element as written in `rules/breach/categories.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreachElementSpec {
    /// See [`BreachElement`] (not `notice`).
    pub id: BreachElement,
    /// Short name for the checklist.
    pub label: Texts,
    /// One plain sentence when the notice states it.
    pub present: Texts,
    /// One plain sentence when it only gestures at it.
    pub vague: Texts,
    /// One plain sentence when it says nothing about it.
    pub missing: Texts,
    /// Severity of a vague or missing element (a present one is `info`).
    pub severity: Severity,
    /// The law behind the element.
    pub source: String,
}

/// How a text is recognised as a breach notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeSpec {
    /// Sentences matching a `notice` rule that a notice needs at least.
    pub min_signals: usize,
    /// Checklist elements (present or vague) a notice needs at least besides the signal.
    pub min_elements: usize,
    /// Regex over the sentence as written for a placeholder still to be filled in
    /// ("[DATE]", "[Datum]", "<name>"): a text with more than `max_placeholders` sentences
    /// holding one is a template, not a notice.
    pub placeholder: String,
    /// See `placeholder`.
    pub max_placeholders: usize,
    /// A notice has at most this many sentences in a standing policy's voice (see the language
    /// files' `standing`) per notice signal.
    pub max_standing_per_signal: usize,
    /// The notice model's score (log-odds, `src/breach/model.rs`) above which a text with
    /// enough elements is a notice without any notice rule.
    pub model_alone: f64,
    /// The score above which a notice rule's signal counts: below it, the text as a whole
    /// reads like no notice (a report to a regulator, a guide, news) and the signal is outvoted.
    pub model_with_signal: f64,
    /// Why these thresholds.
    pub source: String,
}

/// `rules/breach/categories.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreachCategoryFile {
    /// The checklist, in order.
    pub element: Vec<BreachElementSpec>,
    /// Recognising a notice.
    pub notice: NoticeSpec,
}

/// A rule as embedded by `build.rs` (macros already inserted).
#[derive(Debug, Clone, Copy)]
pub struct StaticBreachRule {
    /// See [`BreachRuleSpec::id`].
    pub id: &'static str,
    /// See [`BreachRuleSpec::element`].
    pub element: BreachElement,
    /// See [`BreachRuleSpec::status`].
    pub status: Option<Status>,
    /// See [`BreachRuleSpec::pattern`].
    pub pattern: &'static str,
    /// See [`BreachRuleSpec::unless`].
    pub unless: Option<&'static str>,
    /// See [`BreachRuleSpec::requires`].
    pub requires: Option<&'static str>,
    /// See [`BreachRuleSpec::tells_nature`].
    pub tells_nature: bool,
    /// See [`BreachRuleSpec::source`].
    pub source: &'static str,
}

/// A rule file as embedded by `build.rs`.
#[derive(Debug, Clone, Copy)]
pub struct StaticBreachFile {
    /// The file's name.
    pub file: &'static str,
    /// The language of every rule in it.
    pub lang: &'static str,
    /// See [`BreachRuleFile::aside`].
    pub aside: Option<&'static str>,
    /// See [`BreachRuleFile::own`].
    pub own: Option<&'static str>,
    /// See [`BreachRuleFile::standing`].
    pub standing: Option<&'static str>,
    /// The rules.
    pub rules: &'static [StaticBreachRule],
}
