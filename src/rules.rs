//! Rules as data: loading and checking `rules/*.toml` (converted to JSON by `build.rs`).
//!
//! A rule file holds `[[rule]]` tables; `categories.toml` holds the consent categories with
//! their precedence, severity and messages. Every rule has an `id`, a `type` from a closed
//! set, a `lang`, a `pattern` (a regex over folded text, see [`crate::text::fold`]) and a
//! `source`. Unknown fields or types, duplicate ids, bad regexes and patterns that could never
//! match folded text are errors naming the rule id.

use crate::finding::Severity;
use crate::lang::Lang;
use regex::bytes::{Regex, RegexBuilder};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt;

include!(concat!(env!("OUT_DIR"), "/rule_files.rs"));

/// The consent categories of `preticked_consent` findings (contract ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
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
}

/// A text in every language haken writes.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    /// English.
    pub en: String,
    /// German.
    pub de: String,
}

impl Texts {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }
}

/// One rule as written in a rule file.
#[derive(Debug, Clone, Deserialize)]
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
    pub controls: Option<Vec<crate::snapshot::ControlKind>>,
    /// Legal reference or real-world case behind the rule.
    pub source: String,
    /// Free-form remark for rule authors.
    pub note: Option<String>,
}

/// A category as written in `categories.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategorySpec {
    /// See [`ConsentCategory`].
    pub id: ConsentCategory,
    /// Default severity (rules state their own; a test keeps them in line).
    pub severity: Severity,
    /// Message body in English.
    pub en: String,
    /// Message body in German.
    pub de: String,
}

/// `categories.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryFile {
    /// In precedence order.
    pub category: Vec<CategorySpec>,
    /// Message prefixes by control state.
    pub prefix: BTreeMap<String, Texts>,
    /// Sentences added for flags.
    pub flag_sentence: BTreeMap<String, Texts>,
}

/// A rule-file error; always names the file and, where there is one, the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// File the rule came from.
    pub file: String,
    /// Rule id (or `#<index>` when the rule has no readable id).
    pub rule: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.rule {
            Some(rule) => write!(f, "{}: rule {rule}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for RuleError {}

/// A checked rule with its compiled regexes.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The rule as written.
    pub spec: RuleSpec,
    /// Compiled `pattern`.
    pub regex: Regex,
    /// Compiled `context`.
    pub context: Option<Regex>,
    /// Compiled `unless`.
    pub unless: Option<Regex>,
}

/// Everything loaded from the rule files.
#[derive(Debug, Clone)]
pub struct RuleBook {
    /// Rules in file order (files sorted by name).
    pub rules: Vec<Rule>,
    /// Categories in precedence order.
    pub categories: CategoryFile,
}

const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Compiles a folded-text pattern the way every rule is compiled.
pub fn compile(pattern: &str) -> Result<Regex, String> {
    if pattern.trim().is_empty() {
        return Err("empty pattern".into());
    }
    // Folded text is lower case: an upper-case letter outside an escape can never match.
    let mut escaped = false;
    for c in pattern.chars() {
        if !escaped && c.is_ascii_uppercase() {
            return Err(format!("pattern has upper-case {c:?}; rules match folded (lower-case) text"));
        }
        if !c.is_ascii() {
            return Err(format!("pattern has non-ASCII {c:?}; write umlauts folded (ü -> ue)"));
        }
        escaped = !escaped && c == '\\';
    }
    RegexBuilder::new(pattern)
        .unicode(false)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| e.to_string())
}

#[derive(Deserialize)]
struct RuleFileRaw {
    rule: Vec<serde_json::Value>,
}

/// Parses and checks one rule file's JSON text.
pub fn parse_rule_file(file: &str, json: &str) -> Result<Vec<Rule>, RuleError> {
    let err = |rule: Option<String>, message: String| RuleError {
        file: file.to_string(),
        rule,
        message,
    };
    let raw: RuleFileRaw =
        serde_json::from_str(json).map_err(|e| err(None, format!("not a rule file: {e}")))?;
    let mut rules = Vec::with_capacity(raw.rule.len());
    for (index, value) in raw.rule.into_iter().enumerate() {
        let name = value
            .get("id")
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .unwrap_or_else(|| format!("#{}", index + 1));
        let spec: RuleSpec =
            serde_json::from_value(value).map_err(|e| err(Some(name.clone()), e.to_string()))?;
        rules.push(check_rule(spec).map_err(|m| err(Some(name), m))?);
    }
    Ok(rules)
}

fn check_rule(spec: RuleSpec) -> Result<Rule, String> {
    if spec.id.trim().is_empty() {
        return Err("empty id".into());
    }
    if !matches!(spec.lang.as_str(), "de" | "en" | "any") {
        return Err(format!("lang {:?} is not de, en or any", spec.lang));
    }
    if spec.source.trim().len() < 8 {
        return Err("source missing: name the law, ruling or real case behind the rule".into());
    }
    let is_consent = spec.rule_type == RuleType::Consent;
    if is_consent != spec.category.is_some() || is_consent != spec.severity.is_some() {
        return Err("category and severity belong to consent rules, and only to them".into());
    }
    if let Some(category) = spec.category {
        let prefix = format!("consent.{}.", category.as_str());
        if !spec.id.starts_with(&prefix) {
            return Err(format!("consent rule ids start with {prefix:?}"));
        }
    }
    let regex = compile(&spec.pattern).map_err(|e| format!("pattern: {e}"))?;
    let context = match &spec.context {
        Some(p) => Some(compile(p).map_err(|e| format!("context: {e}"))?),
        None => None,
    };
    let unless = match &spec.unless {
        Some(p) => Some(compile(p).map_err(|e| format!("unless: {e}"))?),
        None => None,
    };
    if spec.controls.as_ref().is_some_and(|c| c.is_empty()) {
        return Err("controls is empty: leave it out to apply to every control".into());
    }
    Ok(Rule {
        spec,
        regex,
        context,
        unless,
    })
}

/// Parses `categories.toml` (as JSON) and checks that every category is there once.
pub fn parse_category_file(json: &str) -> Result<CategoryFile, RuleError> {
    let err = |message: String| RuleError {
        file: "categories.toml".into(),
        rule: None,
        message,
    };
    let file: CategoryFile = serde_json::from_str(json).map_err(|e| err(e.to_string()))?;
    let mut seen = HashSet::new();
    for c in &file.category {
        if !seen.insert(c.id) {
            return Err(err(format!("category {} twice", c.id.as_str())));
        }
    }
    for c in ConsentCategory::ALL {
        if !seen.contains(&c) {
            return Err(err(format!("category {} missing", c.as_str())));
        }
    }
    for key in ["checkbox", "switch", "radio", "opt_out"] {
        if !file.prefix.contains_key(key) {
            return Err(err(format!("prefix.{key} missing")));
        }
    }
    for key in ["hidden", "bundled"] {
        if !file.flag_sentence.contains_key(key) {
            return Err(err(format!("flag_sentence.{key} missing")));
        }
    }
    Ok(file)
}

/// Loads the embedded rule files.
pub fn load() -> Result<RuleBook, RuleError> {
    load_from(RULE_FILES)
}

/// Loads rule files given as (file name, JSON text); `categories.toml` is required.
pub fn load_from(files: &[(&str, &str)]) -> Result<RuleBook, RuleError> {
    let mut categories = None;
    let mut rules = Vec::new();
    let mut ids = HashSet::new();
    for (file, json) in files {
        if *file == "categories.toml" {
            categories = Some(parse_category_file(json)?);
            continue;
        }
        for rule in parse_rule_file(file, json)? {
            if !ids.insert(rule.spec.id.clone()) {
                return Err(RuleError {
                    file: file.to_string(),
                    rule: Some(rule.spec.id.clone()),
                    message: "duplicate id".into(),
                });
            }
            rules.push(rule);
        }
    }
    let categories = categories.ok_or_else(|| RuleError {
        file: "categories.toml".into(),
        rule: None,
        message: "missing".into(),
    })?;
    Ok(RuleBook { rules, categories })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(rule: &str) -> Result<Vec<Rule>, RuleError> {
        parse_rule_file("test.toml", &format!("{{\"rule\":[{rule}]}}"))
    }

    #[test]
    fn embedded_rules_load() {
        let book = load().unwrap_or_else(|e| panic!("{e}"));
        assert!(book.rules.len() > 40, "only {} rules", book.rules.len());
        for lang in ["de", "en"] {
            assert!(
                book.rules.iter().any(|r| r.spec.lang == lang && r.spec.rule_type == RuleType::Consent),
                "no {lang} consent rules"
            );
        }
    }

    #[test]
    fn every_category_has_rules_in_both_languages() {
        let book = load().unwrap();
        for c in ConsentCategory::ALL {
            for lang in ["de", "en"] {
                assert!(
                    book.rules
                        .iter()
                        .any(|r| r.spec.category == Some(c) && (r.spec.lang == lang || r.spec.lang == "any")),
                    "{} has no {lang} rule",
                    c.as_str()
                );
            }
        }
    }

    #[test]
    fn consent_rule_severity_follows_its_category() {
        let book = load().unwrap();
        for rule in &book.rules {
            if let (Some(c), Some(s)) = (rule.spec.category, rule.spec.severity) {
                let spec = book.categories.category.iter().find(|x| x.id == c).unwrap();
                assert_eq!(s, spec.severity, "rule {} severity differs from its category", rule.spec.id);
            }
        }
    }

    #[test]
    fn bad_regex_names_the_rule() {
        let e = one(r#"{"id":"consent.marketing.en.broken","type":"consent","lang":"en","category":"marketing","severity":"medium","pattern":"(news","source":"GDPR Recital 32"}"#).unwrap_err();
        assert_eq!(e.rule.as_deref(), Some("consent.marketing.en.broken"));
        assert!(e.to_string().contains("consent.marketing.en.broken"), "{e}");
    }

    #[test]
    fn unknown_type_or_field_names_the_rule() {
        let e = one(r#"{"id":"x.y","type":"maybe","lang":"en","pattern":"a","source":"GDPR Recital 32"}"#).unwrap_err();
        assert_eq!(e.rule.as_deref(), Some("x.y"));
        let e = one(r#"{"id":"x.z","type":"harmless","lang":"en","pattern":"a","source":"GDPR Recital 32","colour":"red"}"#).unwrap_err();
        assert_eq!(e.rule.as_deref(), Some("x.z"));
        assert!(e.message.contains("colour"), "{e}");
    }

    #[test]
    fn rule_without_id_is_named_by_position() {
        let e = one(r#"{"type":"harmless","lang":"en","pattern":"a","source":"GDPR Recital 32"}"#).unwrap_err();
        assert_eq!(e.rule.as_deref(), Some("#1"));
    }

    #[test]
    fn upper_case_and_umlaut_patterns_are_rejected() {
        assert!(compile("Newsletter").is_err());
        assert!(compile("bonitätsprüfung").is_err());
        assert!(compile(r"\bnews\B").is_ok());
        assert!(compile("").is_err());
    }

    #[test]
    fn consent_rules_need_category_and_matching_id() {
        let e = one(r#"{"id":"consent.marketing.en.x","type":"consent","lang":"en","pattern":"a","source":"GDPR Recital 32"}"#).unwrap_err();
        assert!(e.message.contains("category"), "{e}");
        let e = one(r#"{"id":"consent.tracking.en.x","type":"consent","lang":"en","category":"marketing","severity":"medium","pattern":"a","source":"GDPR Recital 32"}"#).unwrap_err();
        assert!(e.message.contains("consent.marketing."), "{e}");
    }

    #[test]
    fn missing_source_is_an_error() {
        let e = one(r#"{"id":"h.x","type":"harmless","lang":"en","pattern":"a","source":""}"#).unwrap_err();
        assert!(e.message.contains("source"), "{e}");
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let cats = RULE_FILES.iter().find(|(n, _)| *n == "categories.toml").unwrap().1;
        let file = r#"{"rule":[{"id":"h.x","type":"harmless","lang":"en","pattern":"a","source":"GDPR Recital 32"},{"id":"h.x","type":"harmless","lang":"en","pattern":"b","source":"GDPR Recital 32"}]}"#;
        let e = load_from(&[("categories.toml", cats), ("a.toml", file)]).unwrap_err();
        assert_eq!(e.rule.as_deref(), Some("h.x"));
    }
}
