//! The rule-file schema: plain serde types with no dependency on the rest of the crate, so that
//! `build.rs` validates `rules/consent/*.toml` and `rules/languages.toml` with exactly these types (a malformed rule fails the
//! build, naming the rule) and embeds them as Rust values. The wasm build therefore carries no
//! TOML or JSON parser.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How much a finding matters to the shopper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Minor.
    Low,
    /// Costs attention, inbox space or some privacy.
    Medium,
    /// Costs money, credit standing or hands data to others.
    High,
}

/// What sort of control a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ControlKind {
    /// `input[type=checkbox]`.
    Checkbox,
    /// `input[type=radio]`.
    Radio,
    /// `[role=checkbox]` on a non-input element.
    AriaCheckbox,
    /// `[role=switch]` (also on a checkbox input).
    Switch,
    /// `button[aria-pressed]`.
    Toggle,
}

/// The consent categories of `preticked_consent` findings (contract ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentCategory {
    /// Newsletters, offers by e-mail/SMS/phone/post.
    Marketing,
    /// Passing data to partners or third parties.
    DataSharing,
    /// Credit checks with credit agencies.
    CreditCheck,
    /// Profiling for targeted ads and offers.
    Personalization,
    /// Analytics and advertising cookies and trackers.
    Tracking,
    /// Something that costs money added to the basket.
    PaidAddon,
    /// A trial or subscription that renews and charges.
    Subscription,
    /// An account or membership created for the shopper.
    Account,
}

impl ConsentCategory {
    /// Every category, for completeness checks.
    pub const ALL: [ConsentCategory; 8] = [
        ConsentCategory::Marketing,
        ConsentCategory::DataSharing,
        ConsentCategory::CreditCheck,
        ConsentCategory::Personalization,
        ConsentCategory::Tracking,
        ConsentCategory::PaidAddon,
        ConsentCategory::Subscription,
        ConsentCategory::Account,
    ];

    /// The contract id.
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentCategory::Marketing => "marketing",
            ConsentCategory::DataSharing => "data_sharing",
            ConsentCategory::CreditCheck => "credit_check",
            ConsentCategory::Personalization => "personalization",
            ConsentCategory::Tracking => "tracking",
            ConsentCategory::PaidAddon => "paid_addon",
            ConsentCategory::Subscription => "subscription",
            ConsentCategory::Account => "account",
        }
    }
}

/// What a rule's pattern recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleType {
    /// Consent to something in `category`.
    Consent,
    /// A harmless control that looks like consent (order updates, necessary cookies): vetoes.
    Harmless,
    /// Consent tied to accepting the terms or placing the order.
    Bundle,
    /// Wording that turns the box around: ticking it refuses.
    OptOut,
    /// Wording that says the box itself means yes ("untick if you do not want"); cancels
    /// `opt_out`.
    OptIn,
    /// A bare "yes" whose meaning lies in the question around it.
    Affirmative,
    /// A bare "no" option.
    Refusal,
    /// Consent in `category`, read from a field's `name`/`id` words where the label is thin.
    Field,
    /// Wording that says what happens when the box stays empty ("Ohne Haken geht ...",
    /// "Leave this unticked and we'll ..."): the text after it is what an unticked box agrees to.
    Unticked,
}

/// A text in every language haken writes: language id (see `languages.toml`) to text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Texts(pub BTreeMap<String, String>);

/// One language from `languages.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageSpec {
    /// Two-letter id (`de`), as in `<html lang>` and in rules' `lang`.
    pub id: String,
    /// The language's own name (`Deutsch`).
    pub name: String,
    /// Common words, folded, for guessing a page's language.
    pub function_words: Vec<String>,
}

/// `languages.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageFile {
    /// Used when neither the user nor the page names a language haken writes.
    pub fallback: String,
    /// Every language.
    pub language: Vec<LanguageSpec>,
}

/// One rule as written in a rule file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Unique id, `<type>.<category>.<lang>.<name>` by convention.
    pub id: String,
    /// See [`RuleType`].
    #[serde(rename = "type")]
    pub rule_type: RuleType,
    /// Language of the wording (`de`, `en`, or `any`).
    pub lang: String,
    /// Regex over folded text.
    pub pattern: String,
    /// Only for `consent`.
    pub category: Option<ConsentCategory>,
    /// Only for `consent`.
    pub severity: Option<Severity>,
    /// Optional regex the control's context must also match (e.g. a cookie banner).
    pub context: Option<String>,
    /// Optional regex that cancels the rule when the same text matches it.
    pub unless: Option<String>,
    /// Optional list of control kinds the rule applies to (default: all).
    pub controls: Option<Vec<ControlKind>>,
    /// A paid-extra rule that also counts in a box's own description beside a title no rule
    /// knows ("Add a little sparkle" over "£6, added to your booking"). Other prices there read
    /// as a product line and are left alone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_description: bool,
    /// Legal reference or real-world case behind the rule.
    pub source: String,
    /// Free-form remark for rule authors.
    pub note: Option<String>,
}

/// A rule as embedded by `build.rs`: static data, so the wasm carries strings, not code.
#[derive(Debug, Clone, Copy)]
pub struct StaticRule {
    /// See [`RuleSpec::id`].
    pub id: &'static str,
    /// See [`RuleSpec::rule_type`].
    pub rule_type: RuleType,
    /// See [`RuleSpec::lang`].
    pub lang: &'static str,
    /// See [`RuleSpec::pattern`].
    pub pattern: &'static str,
    /// See [`RuleSpec::category`].
    pub category: Option<ConsentCategory>,
    /// See [`RuleSpec::severity`].
    pub severity: Option<Severity>,
    /// See [`RuleSpec::context`].
    pub context: Option<&'static str>,
    /// See [`RuleSpec::unless`].
    pub unless: Option<&'static str>,
    /// See [`RuleSpec::controls`]; empty for all.
    pub controls: &'static [ControlKind],
    /// See [`RuleSpec::in_description`].
    pub in_description: bool,
}

/// The `source` of an embedded rule: build.rs checked the one in its file and left it there.
pub const EMBEDDED_SOURCE: &str = "in the rule's file under rules/consent (checked by build.rs)";

impl StaticRule {
    /// The owned form the loader checks.
    pub fn to_spec(self) -> RuleSpec {
        RuleSpec {
            id: self.id.to_string(),
            rule_type: self.rule_type,
            lang: self.lang.to_string(),
            pattern: self.pattern.to_string(),
            category: self.category,
            severity: self.severity,
            context: self.context.map(str::to_string),
            unless: self.unless.map(str::to_string),
            controls: (!self.controls.is_empty()).then(|| self.controls.to_vec()),
            in_description: self.in_description,
            source: EMBEDDED_SOURCE.to_string(),
            note: None,
        }
    }
}

/// A category as written in `categories.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategorySpec {
    /// See [`ConsentCategory`].
    pub id: ConsentCategory,
    /// Default severity (rules state their own; a test keeps them in line).
    pub severity: Severity,
    /// Short name for badges and summaries.
    pub label: Texts,
    /// Message body: what the shopper would agree to, and why it matters.
    pub message: Texts,
}

/// `categories.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryFile {
    /// In precedence order.
    pub category: Vec<CategorySpec>,
    /// Message prefixes by control state.
    pub prefix: BTreeMap<String, Texts>,
    /// Sentences added for flags.
    pub flag_sentence: BTreeMap<String, Texts>,
    /// The word before a rule id in badges ("Rule", "Regel").
    pub rule_word: Texts,
}

impl CategoryFile {
    /// The entry of `id` (every category has one: `rules::check_categories`).
    pub fn get(&self, id: ConsentCategory) -> Option<&CategorySpec> {
        self.category.iter().find(|c| c.id == id)
    }
}

/// A schema error, naming the file and, where there is one, the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// File the rule came from.
    pub file: String,
    /// Rule id (or `#<index>` when the rule has no readable id).
    pub rule: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for SpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.rule {
            Some(rule) => write!(f, "{}: rule {rule}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Reads the rules of one file, given as a JSON value (`{"rule": [...]}`), one rule at a time so
/// an error names the rule it is in.
pub fn parse_rules(file: &str, value: serde_json::Value) -> Result<Vec<RuleSpec>, SpecError> {
    let err = |rule: Option<String>, message: String| SpecError {
        file: file.to_string(),
        rule,
        message,
    };
    let serde_json::Value::Object(mut top) = value else {
        return Err(err(None, "not a table of rules".into()));
    };
    if let Some(key) = top.keys().find(|k| *k != "rule") {
        return Err(err(
            None,
            format!("unknown top-level key {key:?}: rule files hold [[rule]] tables"),
        ));
    }
    let Some(serde_json::Value::Array(rules)) = top.remove("rule") else {
        return Err(err(None, "no [[rule]] tables".into()));
    };
    let mut specs = Vec::with_capacity(rules.len());
    for (index, value) in rules.into_iter().enumerate() {
        let name = value
            .get("id")
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .unwrap_or_else(|| format!("#{}", index + 1));
        let spec: RuleSpec =
            serde_json::from_value(value).map_err(|e| err(Some(name), e.to_string()))?;
        specs.push(spec);
    }
    Ok(specs)
}

/// Reads `languages.toml`, given as a JSON value.
pub fn parse_languages(value: serde_json::Value) -> Result<LanguageFile, SpecError> {
    serde_json::from_value(value).map_err(|e| SpecError {
        file: "languages.toml".into(),
        rule: None,
        message: e.to_string(),
    })
}

/// Reads `categories.toml`, given as a JSON value.
pub fn parse_categories(value: serde_json::Value) -> Result<CategoryFile, SpecError> {
    serde_json::from_value(value).map_err(|e| SpecError {
        file: "categories.toml".into(),
        rule: None,
        message: e.to_string(),
    })
}
