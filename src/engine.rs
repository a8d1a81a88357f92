//! The consent engine: pure Rust, no I/O. Rules (data) applied to a [`Snapshot`].
//!
//! Call order: [`Engine::new`] once; a reader fills each control's kind, state and label, asks
//! [`Engine::wants_context`] whether the question around it is needed, then
//! [`Engine::classify`]; only flagged controls need their element reference and visibility.
//! [`Engine::scan`] turns a complete snapshot into findings.

use crate::finding::{Finding, Flag, Kind, Severity};
use crate::lang::Lang;
use crate::matcher::Matcher;
use crate::rules::{self, ConsentCategory, RuleBook, RuleError, RuleType};
use crate::snapshot::{Control, ControlKind, Snapshot};
use crate::text::{collapse_whitespace, fold, truncate_chars, word_count};

/// Evidence longer than this many characters is cut.
pub const MAX_EVIDENCE_CHARS: usize = 400;
/// A label of at most this many words may be a bare "yes" that defers to its question.
const SHORT_LABEL_WORDS: usize = 5;

/// Why a control was flagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Index of the winning consent rule in the rule book.
    pub rule: usize,
    /// The rule's category.
    pub category: ConsentCategory,
    /// The rule's severity.
    pub severity: Severity,
    /// The consent wording came from the context, not the label.
    pub from_context: bool,
    /// Flags known from the text (not `hidden`, which the reader knows).
    pub flags: Vec<Flag>,
}

struct TypedSet {
    set: Matcher,
    /// Rule-book index of each pattern in `set`.
    rules: Vec<usize>,
}

impl TypedSet {
    fn build(book: &RuleBook, rule_type: RuleType) -> Result<TypedSet, RuleError> {
        let rules: Vec<usize> = (0..book.rules.len())
            .filter(|&i| book.rules[i].spec.rule_type == rule_type)
            .collect();
        let patterns: Vec<&str> = rules
            .iter()
            .map(|&i| book.rules[i].spec.pattern.as_str())
            .collect();
        let set = Matcher::new(&patterns).map_err(|e| RuleError {
            file: "rules".into(),
            rule: None,
            message: format!("{rule_type:?} rules do not compile together: {e}"),
        })?;
        Ok(TypedSet { set, rules })
    }

    fn is_match(&self, folded: &str) -> bool {
        !folded.is_empty() && self.set.is_match(folded)
    }

    fn matches<'a>(&'a self, folded: &str) -> impl Iterator<Item = usize> + 'a {
        let hits = if folded.is_empty() {
            Vec::new()
        } else {
            self.set.matches(folded)
        };
        hits.into_iter().map(move |i| self.rules[i])
    }
}

/// The compiled rule book.
pub struct Engine {
    book: RuleBook,
    consent: TypedSet,
    harmless: TypedSet,
    bundle: TypedSet,
    opt_out: TypedSet,
    opt_in: TypedSet,
    affirmative: TypedSet,
    refusal: TypedSet,
}

impl Engine {
    /// Loads and compiles the embedded rules.
    pub fn new() -> Result<Engine, RuleError> {
        Engine::with_rules(rules::load()?)
    }

    /// Compiles a given rule book.
    pub fn with_rules(book: RuleBook) -> Result<Engine, RuleError> {
        Ok(Engine {
            consent: TypedSet::build(&book, RuleType::Consent)?,
            harmless: TypedSet::build(&book, RuleType::Harmless)?,
            bundle: TypedSet::build(&book, RuleType::Bundle)?,
            opt_out: TypedSet::build(&book, RuleType::OptOut)?,
            opt_in: TypedSet::build(&book, RuleType::OptIn)?,
            affirmative: TypedSet::build(&book, RuleType::Affirmative)?,
            refusal: TypedSet::build(&book, RuleType::Refusal)?,
            book,
        })
    }

    /// The rule book.
    pub fn rules(&self) -> &RuleBook {
        &self.book
    }

    fn is_bare_answer(&self, label: &str) -> bool {
        label.is_empty()
            || (word_count(label) <= SHORT_LABEL_WORDS
                && (self.affirmative.is_match(label) || self.refusal.is_match(label)))
    }

    /// Whether deciding on `control` needs the question around it (reader fills `context`).
    pub fn wants_context(&self, control: &Control) -> bool {
        let label = fold(&control.label);
        if !control.on {
            // An unticked box matters only when wording elsewhere turns it into an opt-out.
            return can_opt_out(control.kind) && label.is_empty();
        }
        control.kind == ControlKind::Radio
            || self.is_bare_answer(&label)
            || self
                .consent
                .matches(&label)
                .any(|i| self.book.rules[i].context.is_some())
    }

    /// The best consent rule matching `text`, honouring a rule's `context`, `unless` and
    /// `controls` conditions, then category precedence, then file order.
    fn best_consent(&self, text: &str, context: &str, kind: ControlKind) -> Option<usize> {
        self.consent
            .matches(text)
            .filter(|&i| {
                let rule = &self.book.rules[i];
                rule.context.as_ref().is_none_or(|re| re.is_match(context))
                    && rule.unless.as_ref().is_none_or(|re| !re.is_match(text))
                    && rule
                        .spec
                        .controls
                        .as_ref()
                        .is_none_or(|kinds| kinds.contains(&kind))
            })
            .min_by_key(|&i| (self.precedence(i), i))
    }

    fn precedence(&self, rule: usize) -> usize {
        let category = self.book.rules[rule].spec.category;
        self.book
            .categories
            .category
            .iter()
            .position(|c| Some(c.id) == category)
            .unwrap_or(usize::MAX)
    }

    /// Decides whether `control` is a catch. `hidden` is not looked at.
    pub fn classify(&self, control: &Control) -> Option<Verdict> {
        if !control.on && !can_opt_out(control.kind) {
            return None;
        }
        let label = fold(&control.label);
        let context = fold(&control.context);
        if self.harmless.is_match(&label) {
            return None;
        }
        let mut from_context = false;
        let mut rule = self.best_consent(&label, &context, control.kind);
        if rule.is_none() && (control.kind == ControlKind::Radio || self.is_bare_answer(&label)) {
            if self.harmless.is_match(&context) {
                return None;
            }
            rule = self.best_consent(&context, &context, control.kind);
            from_context = true;
        }
        let rule = rule?;
        if from_context && !label.is_empty() && !self.affirmative.is_match(&label) {
            // A selected "No" (or an unrelated option) in a consent question is no consent.
            return None;
        }
        let wording = if from_context { &context } else { &label };
        let opt_out = !self.opt_in.is_match(wording)
            && (self.opt_out.is_match(&label) || (from_context && self.opt_out.is_match(&context)));
        let mut flags = Vec::new();
        match (control.on, opt_out) {
            (true, false) => {}
            (false, true) if can_opt_out(control.kind) => flags.push(Flag::OptOut),
            _ => return None,
        }
        if self.bundle.is_match(&label) {
            flags.push(Flag::Bundled);
        }
        if control.kind == ControlKind::Radio {
            flags.push(Flag::Radio);
        }
        let spec = &self.book.rules[rule].spec;
        Some(Verdict {
            rule,
            category: spec.category?,
            severity: spec.severity?,
            from_context,
            flags,
        })
    }

    /// Builds the finding for a flagged control, in `lang`.
    pub fn finding(&self, control: &Control, verdict: &Verdict, lang: Lang) -> Finding {
        let mut flags = verdict.flags.clone();
        if control.hidden {
            flags.push(Flag::Hidden);
        }
        flags.sort();
        let evidence_source = if verdict.from_context {
            &control.context
        } else {
            &control.label
        };
        Finding {
            kind: Kind::PretickedConsent,
            category: verdict.category.as_str().to_string(),
            severity: verdict.severity,
            rule: self.book.rules[verdict.rule].spec.id.clone(),
            message: self.message(control.kind, verdict.category, &flags, lang),
            evidence: truncate_chars(&collapse_whitespace(evidence_source), MAX_EVIDENCE_CHARS),
            element: control.element.clone(),
            span: None,
            flags,
        }
    }

    fn message(
        &self,
        kind: ControlKind,
        category: ConsentCategory,
        flags: &[Flag],
        lang: Lang,
    ) -> String {
        let cats = &self.book.categories;
        let state = if flags.contains(&Flag::OptOut) {
            "opt_out"
        } else {
            match kind {
                ControlKind::Radio => "radio",
                ControlKind::Switch | ControlKind::Toggle => "switch",
                ControlKind::Checkbox | ControlKind::AriaCheckbox => "checkbox",
            }
        };
        // Both lookups are guaranteed by `rules::parse_category_file`.
        let prefix = cats
            .prefix
            .get(state)
            .map(|t| t.get(lang))
            .unwrap_or_default();
        let body = cats
            .category
            .iter()
            .find(|c| c.id == category)
            .map(|c| c.message.get(lang))
            .unwrap_or_default();
        let mut message = format!("{prefix} {body}");
        let flag_sentence = [(Flag::Hidden, "hidden"), (Flag::Bundled, "bundled")]
            .into_iter()
            .find(|(f, _)| flags.contains(f))
            .and_then(|(_, key)| cats.flag_sentence.get(key));
        if let Some(sentence) = flag_sentence {
            message.push(' ');
            message.push_str(sentence.get(lang));
        }
        message
    }

    /// The short, translated name of a category (for badges and summaries).
    pub fn category_label<'a>(&'a self, category: &'a str, lang: Lang) -> &'a str {
        self.book
            .categories
            .category
            .iter()
            .find(|c| c.id.as_str() == category)
            .map(|c| c.label.get(lang))
            .unwrap_or(category)
    }

    /// The language for messages: `forced`, else the snapshot's `lang`, else a guess.
    pub fn language(&self, snapshot: &Snapshot, forced: Option<Lang>) -> Lang {
        forced
            .or_else(|| snapshot.lang.as_deref().and_then(Lang::from_tag))
            .unwrap_or_else(|| {
                let labels: Vec<&str> =
                    snapshot.controls.iter().map(|c| c.label.as_str()).collect();
                Lang::guess(&fold(&labels.join(" ")))
            })
    }

    /// All findings of a snapshot, in document order.
    pub fn scan(&self, snapshot: &Snapshot, forced: Option<Lang>) -> Vec<Finding> {
        let lang = self.language(snapshot, forced);
        snapshot
            .controls
            .iter()
            .filter_map(|c| self.classify(c).map(|v| self.finding(c, &v, lang)))
            .collect()
    }
}

fn can_opt_out(kind: ControlKind) -> bool {
    matches!(
        kind,
        ControlKind::Checkbox | ControlKind::AriaCheckbox | ControlKind::Switch
    )
}
