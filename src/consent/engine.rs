//! The consent engine: pure Rust, no I/O. Rules (data) applied to a [`Snapshot`].
//!
//! Call order: [`ConsentEngine::new`] once; a reader fills each control's kind, state and label, asks
//! [`ConsentEngine::wants_context`] whether the question around it is needed, then
//! [`ConsentEngine::classify`]; only flagged controls need their element reference and visibility.
//! [`ConsentEngine::scan`] turns a complete snapshot into findings.

use crate::consent::snapshot::{Control, ControlKind, Snapshot};
use crate::finding::{Finding, Flag, Kind, Severity};
use crate::lang::Lang;
use crate::matcher::Matcher;
use crate::reader::label::Surroundings;
use crate::rules::{self, ConsentCategory, RuleBook, RuleError, RuleType};
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

/// The rules that matched one text, from one pass of the combined DFA.
struct Hits {
    /// Rule-book indexes, ascending.
    rules: Vec<usize>,
}

/// Pattern bytes per compiled part: about ten parts for today's rules, each compiling in well
/// under 50 ms in a browser's WebAssembly even on a slow machine (6,000 bytes made parts of up
/// to 57 ms there).
const PART_PATTERN_BYTES: usize = 3_500;

/// Compiles the rules part by part, so a caller on a page's main thread can yield between
/// parts: [`EngineBuilder::step`] until it returns `true`, then [`EngineBuilder::finish`].
pub struct EngineBuilder {
    book: RuleBook,
    parts: Vec<(usize, Matcher)>,
    next: usize,
}

impl EngineBuilder {
    /// Starts compiling the embedded rules.
    pub fn new() -> Result<EngineBuilder, RuleError> {
        Ok(EngineBuilder::with_rules(rules::load()?))
    }

    /// Starts compiling a given rule book.
    pub fn with_rules(book: RuleBook) -> EngineBuilder {
        EngineBuilder {
            book,
            parts: Vec::new(),
            next: 0,
        }
    }

    /// Whether every rule is compiled.
    pub fn is_done(&self) -> bool {
        self.next >= self.book.rules.len()
    }

    /// Compiles the next part; returns whether every rule is now compiled.
    pub fn step(&mut self) -> Result<bool, RuleError> {
        if self.is_done() {
            return Ok(true);
        }
        let start = self.next;
        let mut end = start;
        let mut bytes = 0;
        while end < self.book.rules.len() && (end == start || bytes < PART_PATTERN_BYTES) {
            bytes += self.book.rules[end].spec.pattern.len();
            end += 1;
        }
        let patterns: Vec<&str> = self.book.rules[start..end]
            .iter()
            .map(|r| r.spec.pattern.as_str())
            .collect();
        let matcher = Matcher::new(&patterns).map_err(|e| RuleError {
            file: "rules".into(),
            rule: Some(self.book.rules[start].spec.id.clone()),
            message: format!("rules do not compile together: {e}"),
        })?;
        self.parts.push((start, matcher));
        self.next = end;
        Ok(self.is_done())
    }

    /// Compiles what is left and returns the engine.
    pub fn finish(mut self) -> Result<ConsentEngine, RuleError> {
        while !self.step()? {}
        let book = self.book;
        let precedence = book
            .rules
            .iter()
            .map(|r| {
                book.categories
                    .category
                    .iter()
                    .position(|c| Some(c.id) == r.spec.category)
                    .unwrap_or(usize::MAX)
            })
            .collect();
        Ok(ConsentEngine {
            book,
            parts: self.parts,
            precedence,
        })
    }
}

/// The compiled rule book.
pub struct ConsentEngine {
    book: RuleBook,
    /// Every rule's pattern, in a few lazy DFAs over consecutive runs of rules (part `k`
    /// starts at rule `parts[k].0`): a few passes per text. Compiling in parts lets a page
    /// compile the rules between its own tasks (see [`EngineBuilder`]).
    parts: Vec<(usize, Matcher)>,
    /// Category precedence of each rule (lower wins); `usize::MAX` for non-consent rules.
    precedence: Vec<usize>,
}

impl ConsentEngine {
    /// Loads and compiles the embedded rules.
    pub fn new() -> Result<ConsentEngine, RuleError> {
        ConsentEngine::with_rules(rules::load()?)
    }

    /// Compiles a given rule book.
    pub fn with_rules(book: RuleBook) -> Result<ConsentEngine, RuleError> {
        EngineBuilder::with_rules(book).finish()
    }

    /// The rule book.
    pub fn rules(&self) -> &RuleBook {
        &self.book
    }

    fn hits(&self, folded: &str) -> Hits {
        Hits {
            rules: if folded.is_empty() {
                Vec::new()
            } else {
                self.parts
                    .iter()
                    .flat_map(|(start, m)| m.matches(folded).into_iter().map(move |i| start + i))
                    .collect()
            },
        }
    }

    fn has(&self, hits: &Hits, rule_type: RuleType) -> bool {
        hits.rules
            .iter()
            .any(|&i| self.book.rules[i].spec.rule_type == rule_type)
    }

    fn is_bare_answer(&self, label: &str, hits: &Hits) -> bool {
        label.is_empty()
            || (word_count(label) <= SHORT_LABEL_WORDS
                && (self.has(hits, RuleType::Affirmative) || self.has(hits, RuleType::Refusal)))
    }

    /// Whether deciding on a control with this (folded) label needs the question around it.
    fn needs_context(&self, kind: ControlKind, on: bool, label: &str, hits: &Hits) -> bool {
        if !on {
            // An unticked box matters only when wording elsewhere turns it into an opt-out.
            return can_opt_out(kind) && label.is_empty();
        }
        kind == ControlKind::Radio
            || self.is_bare_answer(label, hits)
            || hits.rules.iter().any(|&i| {
                self.book.rules[i].spec.rule_type == RuleType::Consent
                    && self.book.rules[i].context.is_some()
            })
    }

    /// Whether a label refuses ("No, thanks", "Nein, danke", "I do not want offers"): the
    /// option a shopper picks to take back a pre-selected consent radio.
    pub fn is_refusal(&self, label: &str) -> bool {
        let hits = self.hits(&fold(label));
        self.has(&hits, RuleType::Refusal) || self.has(&hits, RuleType::OptOut)
    }

    /// Whether deciding on `control` needs the question around it (reader fills `context`).
    pub fn wants_context(&self, control: &Control) -> bool {
        let label = fold(&control.label);
        let hits = self.hits(&label);
        self.needs_context(control.kind, control.on, &label, &hits)
    }

    /// The best consent rule among `hits` (of `text`), honouring a rule's `context`, `unless`
    /// and `controls` conditions, then category precedence, then file order.
    fn best_consent(
        &self,
        hits: &Hits,
        text: &str,
        context: &str,
        kind: ControlKind,
    ) -> Option<usize> {
        hits.rules
            .iter()
            .copied()
            .filter(|&i| {
                let rule = &self.book.rules[i];
                rule.spec.rule_type == RuleType::Consent
                    && rule.context.as_ref().is_none_or(|re| re.is_match(context))
                    && rule.unless.as_ref().is_none_or(|re| !re.is_match(text))
                    && rule
                        .spec
                        .controls
                        .as_ref()
                        .is_none_or(|kinds| kinds.contains(&kind))
            })
            .min_by_key(|&i| (self.precedence[i], i))
    }

    /// Decides whether `control` is a catch, using its `context` as given. `hidden` is not
    /// looked at.
    pub fn classify(&self, control: &Control) -> Option<Verdict> {
        let around = Surroundings {
            question: control.context.clone(),
            from_legend: control.context_is_legend,
            region: control.region.clone(),
        };
        self.decide(control.kind, control.on, &control.label, || around)
    }

    /// Decides on a control while reading it: `context` is called only when the label alone
    /// cannot decide (a bare "yes", a radio option, an empty label, a cookie-banner name); it
    /// returns what surrounds the control, stored in `control.context`, `control.region` and
    /// `control.context_is_legend`. One fold and one DFA pass per text.
    pub fn classify_reading(
        &self,
        control: &mut Control,
        context: impl FnOnce() -> Surroundings,
    ) -> Option<Verdict> {
        let mut fetched = None;
        let verdict = self.decide(control.kind, control.on, &control.label, || {
            let around = context();
            fetched = Some(around.clone());
            around
        });
        if let Some(around) = fetched {
            control.context = around.question;
            control.region = around.region;
            control.context_is_legend = around.from_legend;
        }
        verdict
    }

    fn decide(
        &self,
        kind: ControlKind,
        on: bool,
        label_text: &str,
        surroundings: impl FnOnce() -> Surroundings,
    ) -> Option<Verdict> {
        if !on && !can_opt_out(kind) {
            return None;
        }
        let label = fold(label_text);
        let label_hits = self.hits(&label);
        if self.has(&label_hits, RuleType::Harmless) {
            return None;
        }
        // The question answers "what is this about"; conditions ("in a cookie banner") may also
        // look at the region. Without a question, the region is the best we have.
        let (context, conditions, context_hits, has_legend) =
            if self.needs_context(kind, on, &label, &label_hits) {
                let around = surroundings();
                let (question, region) = (fold(&around.question), fold(&around.region));
                let conditions = format!("{question} {region}");
                let has_legend = around.from_legend && !question.is_empty();
                let context = if question.is_empty() {
                    region
                } else {
                    question
                };
                let hits = self.hits(&context);
                (context, conditions, hits, has_legend)
            } else {
                (
                    String::new(),
                    String::new(),
                    Hits { rules: Vec::new() },
                    false,
                )
            };
        let mut from_context = false;
        let mut rule = self.best_consent(&label_hits, &label, &conditions, kind);
        if rule.is_none()
            && (kind == ControlKind::Radio || self.is_bare_answer(&label, &label_hits))
        {
            if self.has(&context_hits, RuleType::Harmless) {
                return None;
            }
            rule = self.best_consent(&context_hits, &context, &conditions, kind);
            from_context = true;
        }
        let rule = rule?;
        if from_context && !label.is_empty() {
            // A selected "No" is no consent. A bare answer on a box must say yes; a selected radio
            // option that does not refuse ("weekly", "by e-mail") answers its own question (a
            // legend, group label or nearby text), never the wider region.
            let agrees = self.has(&label_hits, RuleType::Affirmative);
            let refuses =
                self.has(&label_hits, RuleType::Refusal) || self.has(&label_hits, RuleType::OptOut);
            if !agrees && (refuses || kind != ControlKind::Radio || !has_legend) {
                return None;
            }
        }
        let wording_hits = if from_context {
            &context_hits
        } else {
            &label_hits
        };
        let opt_out = !self.has(wording_hits, RuleType::OptIn)
            && (self.has(&label_hits, RuleType::OptOut)
                || (from_context
                    && kind != ControlKind::Radio
                    && self.has(&context_hits, RuleType::OptOut)));
        let mut flags = Vec::new();
        match (on, opt_out) {
            (true, false) => {}
            (false, true) if can_opt_out(kind) => flags.push(Flag::OptOut),
            _ => return None,
        }
        if self.has(&label_hits, RuleType::Bundle) {
            flags.push(Flag::Bundled);
        }
        if kind == ControlKind::Radio {
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
        let evidence_source = match (verdict.from_context, control.context.is_empty()) {
            (false, _) => &control.label,
            (true, false) => &control.context,
            (true, true) => &control.region,
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
            related: Vec::new(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn control(kind: ControlKind, on: bool, label: &str) -> Control {
        Control {
            kind,
            on,
            label: label.into(),
            context: String::new(),
            region: String::new(),
            context_is_legend: false,
            element: None,
            hidden: false,
        }
    }

    fn radio(question: &str, option: &str) -> Control {
        Control {
            context: question.into(),
            context_is_legend: true,
            ..control(ControlKind::Radio, true, option)
        }
    }

    fn category(engine: &ConsentEngine, c: &Control) -> Option<&'static str> {
        engine.classify(c).map(|v| v.category.as_str())
    }

    #[test]
    fn ticked_consent_fires_and_unticked_does_not() {
        let e = ConsentEngine::new().unwrap();
        let ticked = control(
            ControlKind::Checkbox,
            true,
            "Ja, ich möchte den Newsletter erhalten",
        );
        assert_eq!(category(&e, &ticked), Some("marketing"));
        assert_eq!(
            category(
                &e,
                &Control {
                    on: false,
                    ..ticked
                }
            ),
            None
        );
    }

    #[test]
    fn harmless_boxes_are_left_alone() {
        let e = ConsentEngine::new().unwrap();
        for label in [
            "Remember me",
            "Rechnungsadresse entspricht Lieferadresse",
            "Send my order confirmation by e-mail",
            "Notwendige Cookies",
        ] {
            assert_eq!(
                category(&e, &control(ControlKind::Checkbox, true, label)),
                None,
                "{label}"
            );
        }
    }

    #[test]
    fn opt_out_wording_turns_the_box_around() {
        let e = ConsentEngine::new().unwrap();
        let label = "Tick here if you do not want to receive offers by email";
        let unticked = e
            .classify(&control(ControlKind::Checkbox, false, label))
            .unwrap();
        assert_eq!(unticked.flags, vec![Flag::OptOut]);
        assert!(e
            .classify(&control(ControlKind::Checkbox, true, label))
            .is_none());
    }

    #[test]
    fn radio_answers_follow_their_question() {
        let e = ConsentEngine::new().unwrap();
        let q = "Möchten Sie unseren Newsletter erhalten?";
        assert_eq!(category(&e, &radio(q, "Ja")), Some("marketing"));
        assert_eq!(category(&e, &radio(q, "Nein")), None);
        assert_eq!(category(&e, &radio(q, "Lieber nicht")), None);
        assert_eq!(
            category(&e, &radio("Newsletter", "Weekly")),
            Some("marketing")
        );
        assert_eq!(category(&e, &radio("Versandart", "Standardversand")), None);
    }

    #[test]
    fn a_reassurance_is_not_consent_to_sharing() {
        let e = ConsentEngine::new().unwrap();
        let c = control(
            ControlKind::Checkbox,
            true,
            "Newsletter abonnieren. Ihre Daten werden nicht an Dritte weitergegeben.",
        );
        assert_eq!(category(&e, &c), Some("marketing"));
        let c = control(
            ControlKind::Checkbox,
            true,
            "We don't share your details with third parties.",
        );
        assert_eq!(category(&e, &c), None);
    }

    #[test]
    fn precedence_and_flags() {
        let e = ConsentEngine::new().unwrap();
        let c = control(ControlKind::Checkbox, true, "I accept the Terms and agree that my details are passed to selected partners for offers");
        let v = e.classify(&c).unwrap();
        assert_eq!(v.category, ConsentCategory::DataSharing);
        assert_eq!(v.flags, vec![Flag::Bundled]);
        let c = control(
            ControlKind::Checkbox,
            true,
            "Add purchase protection for £4.99",
        );
        assert_eq!(category(&e, &c), Some("paid_addon"));
        let c = control(
            ControlKind::Checkbox,
            true,
            "Ohne Aufpreis vormontiert liefern",
        );
        assert_eq!(category(&e, &c), None);
    }

    #[test]
    fn compiling_in_parts_gives_the_same_engine() {
        let mut builder = EngineBuilder::new().unwrap();
        let mut steps = 1;
        while !builder.step().unwrap() {
            steps += 1;
        }
        assert!(steps > 1, "the rules compile in several parts");
        let stepped = builder.finish().unwrap();
        let whole = ConsentEngine::new().unwrap();
        for label in [
            "Ja, ich möchte den Newsletter erhalten",
            "Share my details with selected partners",
            "Remember me",
            "Bonitätsprüfung durch die SCHUFA erlauben",
        ] {
            let c = control(ControlKind::Checkbox, true, label);
            assert_eq!(stepped.classify(&c), whole.classify(&c), "{label}");
        }
    }

    #[test]
    fn generic_words_alone_never_fire() {
        // Guards against a rule whose alternation lost its structure (a bare noun branch).
        let e = ConsentEngine::new().unwrap();
        let words = [
            "Ja",
            "OK",
            "Yes",
            "Deal",
            "News",
            "Codes",
            "Angebote",
            "Konto",
            "Karte",
            "Club",
            "Profil",
            "Sale",
            "Preis",
            "Versand",
            "Lieferung",
            "Rechnung",
            "Service",
            "Plan",
            "Premium",
            "Express",
            "Partner",
            "Daten",
            "Cookies",
            "Updates",
            "E-Mail",
            "Post",
            "Telefon",
            "Mitglied",
            "Punkte",
            "Werbung",
            "Marketing",
            "Abo",
            "Alle",
            "Every month",
            "Free",
            "Gratis",
            "Plus",
            "Garantie",
            "Schutz",
            "Gift",
            "Card",
            "Account",
            "Save",
            "Sparen",
            "Support",
            "Bonus",
            "Code",
            "Offers",
            "Empfehlungen",
            "Cover",
            "Protection",
            "Skonto",
            "Vorkasse",
        ];
        for word in words {
            let c = control(ControlKind::Checkbox, true, word);
            assert_eq!(category(&e, &c), None, "{word:?} fired on its own");
        }
    }

    #[test]
    fn messages_follow_the_language_and_state() {
        let e = ConsentEngine::new().unwrap();
        let mut c = control(ControlKind::Switch, true, "Marketing-Cookies");
        c.region = "Cookie-Einstellungen".into();
        c.hidden = true;
        let v = e.classify(&c).unwrap();
        let de = e.finding(&c, &v, Lang::from_tag("de").unwrap());
        assert!(
            de.message.starts_with("Schon für Sie eingeschaltet:"),
            "{}",
            de.message
        );
        assert!(de.message.contains("versteckt"), "{}", de.message);
        let en = e.finding(&c, &v, Lang::from_tag("en").unwrap());
        assert!(
            en.message.starts_with("Already switched on for you:"),
            "{}",
            en.message
        );
        assert_eq!(en.flags, vec![Flag::Hidden]);
        assert_eq!(en.mark(), "preticked_consent:tracking");
    }
}
