//! Rules as data: `rules/consent/*.toml`, checked and compiled.
//!
//! A rule file holds `[[rule]]` tables; `categories.toml` holds the consent categories with
//! their precedence, severity and messages. Every rule has an `id`, a `type` from a closed
//! set, a `lang`, a `pattern` (a regex over folded text, see [`crate::text::fold`]) and a
//! `source`. `build.rs` reads the files with the schema in [`spec`] (unknown fields or types
//! fail the build, naming the rule); [`load`] then checks what a schema cannot (regexes,
//! ids, sources, completeness), again naming the rule.

pub mod spec;

use crate::lang::Lang;
use crate::matcher::Matcher;
pub use spec::{
    CategoryFile, CategorySpec, ConsentCategory, LanguageFile, RuleSpec, RuleType,
    SpecError as RuleError, Texts,
};
use std::collections::HashSet;

mod embedded {
    use super::spec::*;
    use std::collections::BTreeMap;
    include!(concat!(env!("OUT_DIR"), "/rule_specs.rs"));
}

impl Texts {
    /// The text in `lang`, else in the fallback language, else empty (completeness is checked
    /// by [`check_categories`]).
    pub fn get(&self, lang: Lang) -> &str {
        self.0
            .get(lang.as_str())
            .or_else(|| self.0.get(Lang::default().as_str()))
            .map(String::as_str)
            .unwrap_or_default()
    }
}

/// A checked rule with its compiled regexes.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The rule as written.
    pub spec: RuleSpec,
    /// Compiled `context`.
    pub context: Option<Matcher>,
    /// Compiled `unless`.
    pub unless: Option<Matcher>,
}

impl Rule {
    /// Whether the rule's `unless` lets it stand on `text` (a rule without one always does).
    pub fn allows(&self, text: &str) -> bool {
        self.unless.as_ref().is_none_or(|re| !re.is_match(text))
    }
}

/// Everything loaded from the rule files.
#[derive(Debug, Clone)]
pub struct RuleBook {
    /// Rules in file order (files sorted by name).
    pub rules: Vec<Rule>,
    /// Categories in precedence order.
    pub categories: CategoryFile,
}

/// Checks one folded-text pattern: ASCII, lower case, valid syntax (cheap: no automaton is
/// built; the engine compiles all patterns together once).
pub fn check_pattern(pattern: &str) -> Result<(), String> {
    check_wording(pattern)?;
    check_syntax(pattern)
}

/// The checks on a pattern's text that need no parsing: lower case, ASCII.
pub fn check_wording(pattern: &str) -> Result<(), String> {
    if pattern.trim().is_empty() {
        return Err("empty pattern".into());
    }
    // Folded text is lower case: an upper-case letter outside an escape can never match.
    let mut escaped = false;
    for c in pattern.chars() {
        if !escaped && c.is_ascii_uppercase() {
            return Err(format!(
                "pattern has upper-case {c:?}; rules match folded (lower-case) text"
            ));
        }
        if !c.is_ascii() {
            return Err(format!(
                "pattern has non-ASCII {c:?}; write umlauts folded (ü -> ue)"
            ));
        }
        escaped = !escaped && c == '\\';
    }
    Ok(())
}

/// Whether a pattern parses. Compiling parses again, so loading the embedded rules (checked by
/// the tests) skips this step: it would double the start-up cost in a page.
pub fn check_syntax(pattern: &str) -> Result<(), String> {
    regex_automata::util::syntax::parse_with(pattern, &crate::matcher::syntax_config())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Checks and compiles a pattern that is matched on its own (`context`, `unless`).
pub fn compile(pattern: &str) -> Result<Matcher, String> {
    check_pattern(pattern)?;
    Matcher::new(&[pattern])
}

/// Parses and checks one rule file given as JSON text (native only; used by tests and tools).
pub fn parse_rule_file(file: &str, json: &str) -> Result<Vec<Rule>, RuleError> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| RuleError {
        file: file.to_string(),
        rule: None,
        message: format!("not a rule file: {e}"),
    })?;
    spec::parse_rules(file, value)?
        .into_iter()
        .map(|spec| {
            let rule = check_rule(file, spec)?;
            check_syntax(&rule.spec.pattern).map_err(|e| RuleError {
                file: file.to_string(),
                rule: Some(rule.spec.id.clone()),
                message: format!("pattern: {e}"),
            })?;
            Ok(rule)
        })
        .collect()
}

fn check_rule(file: &str, spec: RuleSpec) -> Result<Rule, RuleError> {
    let id = spec.id.clone();
    check_spec(spec).map_err(|message| RuleError {
        file: file.to_string(),
        rule: Some(id),
        message,
    })
}

fn check_spec(spec: RuleSpec) -> Result<Rule, String> {
    if spec.id.trim().is_empty() {
        return Err("empty id".into());
    }
    if spec.lang != "any" && Lang::from_tag(&spec.lang).is_none_or(|l| l.as_str() != spec.lang) {
        return Err(format!(
            "lang {:?} is not \"any\" or a language of languages.toml ({})",
            spec.lang,
            Lang::all_ids()
        ));
    }
    if spec.source.trim().len() < 8 {
        return Err("source missing: name the law, ruling or real case behind the rule".into());
    }
    let is_consent = matches!(spec.rule_type, RuleType::Consent | RuleType::Field);
    if is_consent != spec.category.is_some() || is_consent != spec.severity.is_some() {
        return Err(
            "category and severity belong to consent and field rules, and only to them".into(),
        );
    }
    if let Some(category) = spec.category {
        let kind = if spec.rule_type == RuleType::Field {
            "field"
        } else {
            "consent"
        };
        let prefix = format!("{kind}.{}.", category.as_str());
        if !spec.id.starts_with(&prefix) {
            return Err(format!("{kind} rule ids start with {prefix:?}"));
        }
    }
    // The syntax itself is checked when the patterns compile (and, rule by rule, by the tests).
    check_wording(&spec.pattern).map_err(|e| format!("pattern: {e}"))?;
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
        context,
        unless,
    })
}

/// Checks that every category is there once and every message part exists.
pub fn check_categories(file: CategoryFile) -> Result<CategoryFile, RuleError> {
    let err = |message: String| RuleError {
        file: "categories.toml".into(),
        rule: None,
        message,
    };
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
    let mut texts: Vec<(String, &Texts)> = vec![("rule_word".into(), &file.rule_word)];
    for c in &file.category {
        texts.push((format!("{}.label", c.id.as_str()), &c.label));
        texts.push((format!("{}.message", c.id.as_str()), &c.message));
    }
    texts.extend(file.prefix.iter().map(|(k, t)| (format!("prefix.{k}"), t)));
    texts.extend(
        file.flag_sentence
            .iter()
            .map(|(k, t)| (format!("flag_sentence.{k}"), t)),
    );
    for language in &crate::lang::languages().language {
        for (name, text) in &texts {
            if text.0.get(&language.id).is_none_or(|t| t.trim().is_empty()) {
                return Err(err(format!("{name} has no text in {}", language.id)));
            }
        }
    }
    Ok(file)
}

/// Loads the embedded rule files.
pub fn load() -> Result<RuleBook, RuleError> {
    let (files, categories) = embedded_specs();
    load_specs(files, categories)
}

/// Checks and compiles rule specs given as (file name, rules), plus the categories.
pub fn load_specs(
    files: Vec<(&str, Vec<RuleSpec>)>,
    categories: CategoryFile,
) -> Result<RuleBook, RuleError> {
    let mut loader = RuleLoader::new(files, categories)?;
    while !loader.step(usize::MAX)? {}
    Ok(loader.finish())
}

/// [`load_specs`] a few rules at a time, for callers on a page's main thread that yield in
/// between (each rule's `context` and `unless` patterns are compiled here).
pub struct RuleLoader<'a> {
    specs: std::vec::IntoIter<(&'a str, RuleSpec)>,
    rules: Vec<Rule>,
    ids: HashSet<String>,
    categories: CategoryFile,
}

impl RuleLoader<'static> {
    /// Loads the embedded rules (nothing is checked or compiled yet but the categories).
    pub fn embedded() -> Result<RuleLoader<'static>, RuleError> {
        let (files, categories) = embedded_specs();
        RuleLoader::new(files, categories)
    }
}

impl<'a> RuleLoader<'a> {
    /// Checks the categories; the rules are checked by [`RuleLoader::step`].
    pub fn new(
        files: Vec<(&'a str, Vec<RuleSpec>)>,
        categories: CategoryFile,
    ) -> Result<RuleLoader<'a>, RuleError> {
        let categories = check_categories(categories)?;
        let specs: Vec<(&str, RuleSpec)> = files
            .into_iter()
            .flat_map(|(file, specs)| specs.into_iter().map(move |spec| (file, spec)))
            .collect();
        Ok(RuleLoader {
            rules: Vec::with_capacity(specs.len()),
            specs: specs.into_iter(),
            ids: HashSet::new(),
            categories,
        })
    }

    /// Checks the next `n` rules (in file order); returns whether every rule is checked.
    pub fn step(&mut self, n: usize) -> Result<bool, RuleError> {
        for _ in 0..n {
            let Some((file, spec)) = self.specs.next() else {
                return Ok(true);
            };
            let rule = check_rule(file, spec)?;
            if !self.ids.insert(rule.spec.id.clone()) {
                return Err(RuleError {
                    file: file.to_string(),
                    rule: Some(rule.spec.id.clone()),
                    message: "duplicate id".into(),
                });
            }
            self.rules.push(rule);
        }
        Ok(self.specs.len() == 0)
    }

    /// The rule book of the rules checked so far.
    pub fn finish(self) -> RuleBook {
        RuleBook {
            rules: self.rules,
            categories: self.categories,
        }
    }
}

/// The embedded `categories.toml` (labels and messages), without loading any rule.
pub fn embedded_categories() -> CategoryFile {
    embedded::categories()
}

/// The embedded `languages.toml`.
pub fn embedded_languages() -> LanguageFile {
    embedded::languages()
}

/// The embedded rule files as written (for tools that list rules and their sources).
pub fn embedded_specs() -> (Vec<(&'static str, Vec<RuleSpec>)>, CategoryFile) {
    let files = embedded::RULE_FILES
        .iter()
        .map(|(file, rules)| (*file, rules.iter().map(|r| r.to_spec()).collect()))
        .collect();
    (files, embedded::categories())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(rule: &str) -> Result<Vec<Rule>, RuleError> {
        parse_rule_file("test.toml", &format!("{{\"rule\":[{rule}]}}"))
    }

    #[test]
    fn every_embedded_pattern_parses_on_its_own() {
        // Loading skips the syntax check (compiling finds errors too, but cannot name the
        // rule); here every rule is checked and named.
        let (files, _) = embedded_specs();
        for (file, specs) in files {
            for spec in specs {
                for pattern in [
                    Some(&spec.pattern),
                    spec.context.as_ref(),
                    spec.unless.as_ref(),
                ]
                .into_iter()
                .flatten()
                {
                    assert!(
                        check_pattern(pattern).is_ok(),
                        "{file}: {}: {pattern}",
                        spec.id
                    );
                }
            }
        }
    }

    #[test]
    fn embedded_rules_load() {
        let book = load().unwrap_or_else(|e| panic!("{e}"));
        assert!(book.rules.len() > 40, "only {} rules", book.rules.len());
        for lang in ["de", "en"] {
            assert!(
                book.rules
                    .iter()
                    .any(|r| r.spec.lang == lang && r.spec.rule_type == RuleType::Consent),
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
                    book.rules.iter().any(|r| r.spec.category == Some(c)
                        && (r.spec.lang == lang || r.spec.lang == "any")),
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
                assert_eq!(
                    s, spec.severity,
                    "rule {} severity differs from its category",
                    rule.spec.id
                );
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
        let e = one(
            r#"{"id":"x.y","type":"maybe","lang":"en","pattern":"a","source":"GDPR Recital 32"}"#,
        )
        .unwrap_err();
        assert_eq!(e.rule.as_deref(), Some("x.y"));
        let e = one(r#"{"id":"x.z","type":"harmless","lang":"en","pattern":"a","source":"GDPR Recital 32","colour":"red"}"#).unwrap_err();
        assert_eq!(e.rule.as_deref(), Some("x.z"));
        assert!(e.message.contains("colour"), "{e}");
    }

    #[test]
    fn rule_without_id_is_named_by_position() {
        let e = one(r#"{"type":"harmless","lang":"en","pattern":"a","source":"GDPR Recital 32"}"#)
            .unwrap_err();
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
        let e = one(r#"{"id":"h.x","type":"harmless","lang":"en","pattern":"a","source":""}"#)
            .unwrap_err();
        assert!(e.message.contains("source"), "{e}");
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let (_, categories) = embedded_specs();
        let file = r#"{"rule":[{"id":"h.x","type":"harmless","lang":"en","pattern":"a","source":"GDPR Recital 32"},{"id":"h.x","type":"harmless","lang":"en","pattern":"b","source":"GDPR Recital 32"}]}"#;
        let specs = spec::parse_rules("a.toml", serde_json::from_str(file).unwrap()).unwrap();
        let e = load_specs(vec![("a.toml", specs)], categories).unwrap_err();
        assert_eq!(e.rule.as_deref(), Some("h.x"));
    }

    #[test]
    fn every_rule_file_on_disk_is_embedded() {
        let (files, _) = embedded_specs();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().to_string();
            if name.ends_with(".toml") && name != "categories.toml" && name != "languages.toml" {
                assert!(files.iter().any(|(f, _)| *f == name), "{name} not embedded");
            }
        }
    }
}
