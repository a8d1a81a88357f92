//! The schema of the claim rule files (`rules/policy/*.toml`): plain serde types, shared with
//! `build.rs` (which validates the files with exactly these types and embeds them), so the
//! wasm build carries no TOML parser.

use crate::rules::spec::{Severity, Texts};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The categories of `policy_claim` findings (contract ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimCategory {
    /// Personal data is passed to other companies.
    ThirdPartySharing,
    /// Personal data is sold, rented or traded.
    DataSale,
    /// The customer data goes with the company in a merger, acquisition or insolvency.
    BusinessTransfer,
    /// A promise never to share or sell personal data.
    NeverSharePromise,
    /// Tracking, profiling, targeted advertising.
    TrackingProfiling,
    /// Advertising by e-mail, post, phone.
    Marketing,
    /// Data kept without a limit, or for an unnamed period.
    Retention,
    /// Data sent to countries outside the EU/EEA.
    InternationalTransfer,
    /// Credit checks and scoring.
    CreditScoring,
    /// The policy may change without notice.
    PolicyChange,
    /// The shopper's rights (access, erasure, objection).
    UserRights,
    /// How the data is protected.
    Security,
    /// Employees, contractors, marketplace sellers or "partners" may see the personal data.
    StaffAccess,
    /// Limits on who may see the data: need-to-know, logging, confidentiality, access controls.
    AccessSafeguard,
}

impl ClaimCategory {
    /// The contract id.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimCategory::ThirdPartySharing => "third_party_sharing",
            ClaimCategory::DataSale => "data_sale",
            ClaimCategory::BusinessTransfer => "business_transfer",
            ClaimCategory::NeverSharePromise => "never_share_promise",
            ClaimCategory::TrackingProfiling => "tracking_profiling",
            ClaimCategory::Marketing => "marketing",
            ClaimCategory::Retention => "retention",
            ClaimCategory::InternationalTransfer => "international_transfer",
            ClaimCategory::CreditScoring => "credit_scoring",
            ClaimCategory::PolicyChange => "policy_change",
            ClaimCategory::UserRights => "user_rights",
            ClaimCategory::Security => "security",
            ClaimCategory::StaffAccess => "staff_access",
            ClaimCategory::AccessSafeguard => "access_safeguard",
        }
    }
}

/// What a promise rules out; a later clause that does it breaks the promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromiseScope {
    /// "We never share / pass on / disclose your data."
    Share,
    /// "We never sell / rent / trade your data."
    Sell,
}

/// One claim rule as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRuleSpec {
    /// Unique id, `claim.<category>.<lang>.<name>` by convention.
    pub id: String,
    /// `de` or `en`.
    pub lang: String,
    /// See [`ClaimCategory`].
    pub category: ClaimCategory,
    /// Regex over the folded clause (see `text::fold`); `{NAME}` inserts a macro of the file.
    pub pattern: String,
    /// Regex that cancels the rule when the same clause matches it (negations, exceptions).
    pub unless: Option<String>,
    /// Regex the same clause must also match (a merger clause counts only when it speaks of
    /// data): a second condition without lookahead, which the automata do not have. Also
    /// serves speed: a short `pattern` on a rarer word finds the few clauses worth the full one.
    pub requires: Option<String>,
    /// Overrides the category's severity.
    pub severity: Option<Severity>,
    /// Only for `never_share_promise`: what is promised not to happen.
    pub scope: Option<PromiseScope>,
    /// Law, case or study behind the rule.
    pub source: String,
    /// Free-form remark for rule authors.
    pub note: Option<String>,
}

/// A claim rule file: macros, the promise qualifier and the rules of one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRuleFile {
    /// Named pattern pieces, inserted as `{NAME}` into patterns of the same file.
    #[serde(default)]
    pub macros: BTreeMap<String, String>,
    /// Words at which a sentence splits into clauses ("but", "however"); each clause is
    /// matched on its own, so "we do not sell your data, but we share it" is both.
    #[serde(default)]
    pub clause_words: Vec<String>,
    /// A promise whose sentence matches this is qualified ("without your consent", "except as
    /// described"): still reported, but not used for contradictions.
    pub qualifier: String,
    /// The rules.
    pub rule: Vec<ClaimRuleSpec>,
}

/// A category as written in `rules/policy/categories.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimCategorySpec {
    /// See [`ClaimCategory`].
    pub id: ClaimCategory,
    /// Default severity.
    pub severity: Severity,
    /// Short name for highlights and summaries.
    pub label: Texts,
    /// One plain sentence: what the clause allows and why it matters.
    pub message: Texts,
    /// Promises this category breaks when both are in one policy.
    #[serde(default)]
    pub breaks: Vec<PromiseScope>,
    /// The message of a contradiction whose breaking clause has this category.
    pub contradiction: Option<Texts>,
    /// Broader categories this one implies: a sentence claiming this one does not also claim
    /// them (a sale of data is sharing too; the shopper is told the specific thing once).
    #[serde(default)]
    pub subsumes: Vec<ClaimCategory>,
}

/// How a privacy-policy page is recognised, and how a shop page links to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyPageSpec {
    /// Regex over the folded URL path.
    pub url: String,
    /// Regex over the folded title or a top heading (the whole text).
    pub title: String,
    /// Regex over the folded text of a link to the policy.
    pub link: String,
    /// Source of the wording.
    pub source: String,
}

/// `rules/policy/categories.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimCategoryFile {
    /// In the order summaries list them (worst first).
    pub category: Vec<ClaimCategorySpec>,
    /// Recognising policy pages and links.
    pub page: PolicyPageSpec,
}

/// A claim rule as embedded by `build.rs` (macros already inserted).
#[derive(Debug, Clone, Copy)]
pub struct StaticClaimRule {
    /// See [`ClaimRuleSpec::id`].
    pub id: &'static str,
    /// See [`ClaimRuleSpec::category`].
    pub category: ClaimCategory,
    /// See [`ClaimRuleSpec::pattern`].
    pub pattern: &'static str,
    /// See [`ClaimRuleSpec::unless`].
    pub unless: Option<&'static str>,
    /// See [`ClaimRuleSpec::requires`].
    pub requires: Option<&'static str>,
    /// See [`ClaimRuleSpec::severity`].
    pub severity: Option<Severity>,
    /// See [`ClaimRuleSpec::scope`].
    pub scope: Option<PromiseScope>,
    /// See [`ClaimRuleSpec::source`].
    pub source: &'static str,
}

/// A claim rule file as embedded by `build.rs`.
#[derive(Debug, Clone, Copy)]
pub struct StaticClaimFile {
    /// The file's name.
    pub file: &'static str,
    /// The language of every rule in it.
    pub lang: &'static str,
    /// See [`ClaimRuleFile::clause_words`].
    pub clause_words: &'static [&'static str],
    /// See [`ClaimRuleFile::qualifier`].
    pub qualifier: &'static str,
    /// The rules.
    pub rules: &'static [StaticClaimRule],
}

/// How deep macros may use other macros (a deeper chain is taken for a cycle).
const MACRO_DEPTH: usize = 4;

/// Inserts the file's macros into `pattern` (`{NAME}`); a macro may use other macros (so the
/// `unless` that several rules share is written once); an unknown name or a cycle is an error.
pub fn expand_macros(pattern: &str, macros: &BTreeMap<String, String>) -> Result<String, String> {
    expand_within(pattern, macros, 0)
}

fn expand_within(
    pattern: &str,
    macros: &BTreeMap<String, String>,
    depth: usize,
) -> Result<String, String> {
    if depth > MACRO_DEPTH {
        return Err(format!(
            "macros nested deeper than {MACRO_DEPTH} (a macro that uses itself?)"
        ));
    }
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}');
        let name = close.map(|c| &after[..c]);
        match name {
            Some(name)
                if !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_uppercase() || b == b'_') =>
            {
                let body = macros
                    .get(name)
                    .ok_or_else(|| format!("unknown macro {{{name}}}"))?;
                out.push_str(&rest[..open]);
                out.push_str("(?:");
                out.push_str(&expand_within(body, macros, depth + 1)?);
                out.push(')');
                rest = &after[name.len() + 1..];
            }
            // A regex repetition such as `{0,40}`: copy through.
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn macros(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn macros_may_use_macros_but_not_themselves() {
        let m = macros(&[("NEG", "not|never"), ("NOT_SHARE", "{NEG} share")]);
        assert_eq!(
            expand_macros(r"\b{NOT_SHARE}\b (\w+ ){0,3}", &m).unwrap(),
            r"\b(?:(?:not|never) share)\b (\w+ ){0,3}"
        );
        let cycle = macros(&[("A", "x{B}"), ("B", "y{A}")]);
        assert!(expand_macros("{A}", &cycle).is_err());
        assert!(expand_macros("{MISSING}", &m).is_err());
    }
}
