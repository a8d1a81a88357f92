//! The consent engine: pure Rust, no I/O. Rules (data) applied to a [`Snapshot`].
//!
//! Call order: [`ConsentEngine::new`] once; a reader fills each control's kind, state and label, asks
//! [`ConsentEngine::wants_context`] whether the question around it is needed, then
//! [`ConsentEngine::classify`]; only flagged controls need their element reference and visibility.
//! [`ConsentEngine::scan`] turns a complete snapshot into findings.

use crate::consent::model::{ConsentModel, Prediction};
use crate::consent::snapshot::{Control, ControlKind, Snapshot};
use crate::finding::{Finding, Flag, Kind, Severity};
use crate::lang::Lang;
use crate::matcher::Matcher;
use crate::reader::label::Surroundings;
use crate::rules::{self, ConsentCategory, RuleBook, RuleError, RuleType};
use crate::text::{collapse_whitespace, fold, truncate_chars, word_count};

/// The model reads labels of at most this many words: longer text beside a box is prose
/// (product copy, notices), not a question to a shopper, and it learnt from labels.
const MODEL_MAX_WORDS: usize = 40;
/// ... and of at least this many: one or two words ("Every month", "Plus") say too little for
/// a guess; the rules and the field's name judge those.
const MODEL_MIN_WORDS: usize = 3;
/// Evidence longer than this many characters is cut.
pub const MAX_EVIDENCE_CHARS: usize = 400;
/// A label of at most this many words may be a bare "yes" that defers to its question.
const SHORT_LABEL_WORDS: usize = 5;
/// A label of at most this many words that names no consent ("Infos", "Updates", "E-Mail") is
/// thin: the question beside it, and the field's name, say what the box is for.
const THIN_LABEL_WORDS: usize = 3;

/// Why a control was flagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Index of the winning consent rule in the rule book; `None` when the model decided.
    pub rule: Option<usize>,
    /// The label words the model weighed most (empty when a rule decided).
    pub model_words: Vec<String>,
    /// The rule's category.
    pub category: ConsentCategory,
    /// The rule's severity.
    pub severity: Severity,
    /// The consent wording came from the context, not the label.
    pub from_context: bool,
    /// The consent wording came from the field's `name`/`id` (the label was thin).
    pub from_field: bool,
    /// Flags known from the text (not `hidden`, which the reader knows).
    pub flags: Vec<Flag>,
}

/// The rules that matched one text, from one pass of the combined DFA.
#[derive(Clone)]
struct Hits {
    /// Rule-book indexes, ascending.
    rules: Vec<usize>,
}

/// Pattern bytes per compiled part: about 25 parts for today's rules, each compiling in about
/// 10-15 ms in a browser's WebAssembly, so under 50 ms even on a machine whose two cores are
/// busy with other work (6,000 bytes made parts of up to 57 ms on a slow machine; 3,500 bytes
/// up to 90 ms on a loaded one, tests/e2e/longtasks.test.mjs).
const PART_PATTERN_BYTES: usize = 1_500;

/// Compiles the rules part by part, so a caller on a page's main thread can yield between
/// parts: [`EngineBuilder::step`] until it returns `true`, then [`EngineBuilder::finish`].
pub struct EngineBuilder {
    /// Rules still being checked (their own patterns compiled), a few per step; then `book`.
    loader: Option<rules::RuleLoader<'static>>,
    book: RuleBook,
    parts: Vec<(usize, Matcher)>,
    next: usize,
    /// The embedded model, for engines over the embedded rules.
    model: Option<ConsentModel>,
}

/// Rules checked per step before the parts are compiled: the first steps of a page also pay
/// for WebAssembly's first use of the code and memory (70-200 ms for all rules at once on a busy
/// machine, tests/e2e/longtasks.test.mjs).
const RULES_PER_STEP: usize = 6;

impl EngineBuilder {
    /// Starts compiling the embedded rules.
    pub fn new() -> Result<EngineBuilder, RuleError> {
        let loader = rules::RuleLoader::embedded()?;
        Ok(EngineBuilder {
            // Replaced by the loader's book once every rule is checked.
            book: RuleBook {
                rules: Vec::new(),
                categories: rules::embedded_categories(),
            },
            loader: Some(loader),
            parts: Vec::new(),
            next: 0,
            model: Some(embedded_model()?),
        })
    }

    /// Starts compiling a given rule book.
    pub fn with_rules(book: RuleBook) -> EngineBuilder {
        EngineBuilder {
            loader: None,
            book,
            parts: Vec::new(),
            next: 0,
            model: None,
        }
    }

    /// Whether every rule is compiled.
    pub fn is_done(&self) -> bool {
        self.loader.is_none() && self.next >= self.book.rules.len()
    }

    /// Compiles the next part; returns whether every rule is now compiled.
    pub fn step(&mut self) -> Result<bool, RuleError> {
        if let Some(loader) = &mut self.loader {
            if loader.step(RULES_PER_STEP)? {
                if let Some(loader) = self.loader.take() {
                    self.book = loader.finish();
                }
            }
            return Ok(self.is_done());
        }
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
        let unticked: Vec<&str> = book
            .rules
            .iter()
            .filter(|r| r.spec.rule_type == RuleType::Unticked)
            .map(|r| r.spec.pattern.as_str())
            .collect();
        let unticked = Matcher::new(&unticked).map_err(|e| RuleError {
            file: "rules".into(),
            rule: None,
            message: format!("unticked rules do not compile together: {e}"),
        })?;
        Ok(ConsentEngine {
            book,
            parts: self.parts,
            precedence,
            model: self.model,
            unticked,
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
    /// Reads ticked controls no rule recognised (embedded rules only: a given rule book is
    /// judged on its own).
    model: Option<ConsentModel>,
    /// The `unticked` rules together: where a text says what an empty box lets happen.
    unticked: Matcher,
}

fn embedded_model() -> Result<ConsentModel, RuleError> {
    ConsentModel::embedded().map_err(|message| RuleError {
        file: "rules/consent/model.bin".into(),
        rule: None,
        message,
    })
}

impl ConsentEngine {
    /// Loads and compiles the embedded rules.
    pub fn new() -> Result<ConsentEngine, RuleError> {
        let mut engine = ConsentEngine::with_rules(rules::load()?)?;
        engine.model = Some(embedded_model()?);
        Ok(engine)
    }

    /// The same engine without its model: rules alone (for measuring what the model adds).
    pub fn without_model(mut self) -> ConsentEngine {
        self.model = None;
        self
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

    /// Whether a harmless rule vetoes `text` (its `unless` keeps offers hidden in an alert from
    /// passing as the alert: "restock alerts and flash sales").
    fn vetoes(&self, hits: &Hits, text: &str) -> bool {
        hits.rules.iter().any(|&i| {
            let rule = &self.book.rules[i];
            rule.spec.rule_type == RuleType::Harmless && rule.allows(text)
        })
    }

    /// "Yes", "I agree", "No thanks": an answer to a question asked elsewhere. "I accept the
    /// licence agreement" names what it answers (the terms), so it is not bare.
    fn is_bare_answer(&self, label: &str, hits: &Hits) -> bool {
        label.is_empty()
            || (word_count(label) <= SHORT_LABEL_WORDS
                && (self.has(hits, RuleType::Affirmative) || self.has(hits, RuleType::Refusal))
                && !self.has(hits, RuleType::Bundle))
    }

    /// A short label that names nothing the rules know (no consent, no harmless use, no
    /// bundle): what the box is for must come from around it.
    fn is_thin(&self, label: &str, hits: &Hits) -> bool {
        word_count(label) <= THIN_LABEL_WORDS
            && !hits.rules.iter().any(|&i| {
                matches!(
                    self.book.rules[i].spec.rule_type,
                    RuleType::Consent | RuleType::Harmless | RuleType::Bundle
                )
            })
    }

    /// Whether deciding on a control with this (folded) label needs the question around it.
    /// A ticked box whose label no rule knows needs at least its field's name.
    fn needs_context(&self, kind: ControlKind, on: bool, label: &str, hits: &Hits) -> bool {
        if !on {
            // An unticked box matters only when wording elsewhere turns it into an opt-out.
            return can_opt_out(kind) && label.is_empty();
        }
        kind == ControlKind::Radio
            || self.is_bare_answer(label, hits)
            || self.is_thin(label, hits)
            || says_nothing_known(kind, hits)
            || hits.rules.iter().any(|&i| {
                self.book.rules[i].spec.rule_type == RuleType::Consent
                    && self.book.rules[i].context.is_some()
            })
    }

    /// The hits a box's own description may decide by: anything but a price, unless the rule
    /// reads one there; beside a radio option never a price (every option has one), so a
    /// description decides only what choosing it lets happen (a payment method's credit check).
    fn readable(&self, hits: &Hits, kind: ControlKind) -> Hits {
        Hits {
            rules: (hits.rules.iter().copied())
                .filter(|&r| self.reads_description(r))
                .filter(|&r| kind != ControlKind::Radio || !self.costs_money(Some(r)))
                .collect(),
        }
    }

    /// A label whose only known words are a "yes" or a field-name word ("Yes, put me on the
    /// list", "Trade terms: Yes"): what it agrees to is said around it.
    fn only_says_yes(&self, hits: &Hits) -> bool {
        hits.rules.iter().all(|&i| {
            matches!(
                self.book.rules[i].spec.rule_type,
                RuleType::Affirmative | RuleType::Field
            )
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
                    && rule.allows(text)
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
        self.decide(control.kind, control.on, &control.label, || {
            control.surroundings()
        })
    }

    /// Decides on a control while reading it: `context` is called only when the label alone
    /// cannot decide (a bare "yes", a radio option, an empty label, a cookie-banner name); it
    /// returns what surrounds the control, stored in it ([`Control::set_surroundings`]). One
    /// fold and one DFA pass per text.
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
            control.set_surroundings(around);
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
        let mut around = Lazy {
            make: Some(surroundings),
            value: Surroundings::default(),
        };
        let label = fold(label_text);
        let label_hits = self.hits(&label);
        if self.vetoes(&label_hits, &label) {
            return None;
        }
        if !on {
            if let Some(verdict) = self.left_empty(kind, &label, &label_hits, &mut around) {
                return Some(verdict);
            }
        }
        // The question answers "what is this about"; conditions ("in a cookie banner") may also
        // look at the region. Without a question, the region is the best we have.
        // Interest chips (aria-pressed) and radios are not thin boxes: their options name a choice.
        let thin =
            on && matches!(
                kind,
                ControlKind::Checkbox | ControlKind::AriaCheckbox | ControlKind::Switch
            ) && self.is_thin(&label, &label_hits);
        let (context, conditions, context_hits, has_legend, has_question, field, own_text) =
            if self.needs_context(kind, on, &label, &label_hits) {
                let around = around.get();
                // Nearby text may hold several questions with their answers; a bare or thin
                // answer answers the one just before it.
                let asked = if around.from_legend {
                    around.question.as_str()
                } else {
                    question_before(&around.question, label_text)
                };
                let (question, region) = (fold(asked), fold(&around.region));
                let conditions = format!("{question} {region}");
                let has_legend = around.from_legend && !question.is_empty();
                let has_question = !question.is_empty();
                let context = if question.is_empty() {
                    region
                } else {
                    question
                };
                let hits = self.hits(&context);
                let own_text = around.own_text && !around.from_legend && has_question;
                (
                    context,
                    conditions,
                    hits,
                    has_legend,
                    has_question,
                    around.field.clone(),
                    own_text,
                )
            } else {
                (
                    String::new(),
                    String::new(),
                    Hits { rules: Vec::new() },
                    false,
                    false,
                    String::new(),
                    false,
                )
            };
        let mut from_context = false;
        let mut from_field = false;
        // The hits of the box's own description, when that decided.
        let mut described: Option<Hits> = None;
        let mut rule = self.best_consent(&label_hits, &label, &conditions, kind);
        if rule.is_none()
            && (kind == ControlKind::Radio || thin || self.is_bare_answer(&label, &label_hits))
        {
            if self.vetoes(&context_hits, &context) {
                return None;
            }
            // A thin title over its own description ("Kit library:" over "... £4 a month until
            // you stop it") is read for what the description may say, a price only where a
            // rule reads one there.
            if thin && own_text {
                let readable = self.readable(&context_hits, kind);
                rule = self.best_consent(&readable, &context, &conditions, kind);
            }
            if rule.is_none() {
                rule = self.best_consent(&context_hits, &context, &conditions, kind);
            }
            from_context = true;
        }
        let agrees =
            self.has(&label_hits, RuleType::Affirmative) && word_count(&label) <= SHORT_LABEL_WORDS;
        let refuses =
            self.has(&label_hits, RuleType::Refusal) || self.has(&label_hits, RuleType::OptOut);
        if from_context && rule.is_some() && !label.is_empty() {
            // A selected "No" is no consent. A bare answer on a box must say yes; a selected radio
            // option that does not refuse ("weekly", "by e-mail") answers its own question (a
            // legend, group label or nearby text), never the wider region; so does a thin label
            // on a box ("Infos" beside "offers by e-mail").
            // A box's own description may name a recurring charge ("Summit+" over "free for
            // 7 days, then $35.99 billed yearly"); a one-off price there may be a product line.
            let answers = (kind == ControlKind::Radio && has_legend)
                || (thin
                    && has_question
                    && (!self.costs_money(rule)
                        || (own_text && rule.is_some_and(|r| self.reads_description(r)))));
            // Even a "yes" answers only a question asked beside it: the whole form or banner
            // around it ("Ja, bitte" somewhere below a partner-offers box) asks nothing.
            if (!agrees && (refuses || !answers)) || !has_question {
                rule = None;
            }
        }
        if rule.is_none()
            && on
            && (says_nothing_known(kind, &label_hits) && !from_context
                || (kind == ControlKind::Radio || self.only_says_yes(&label_hits)) && !refuses)
        {
            // A title no rule knows with its own description beside it, alone in its box
            // ("Lorehaven Weekly" over "new wikis and game deals every Friday"), also under a
            // legend ("Ihre Optionen"): the description says what the box is for. Not a price
            // there: a product line, a free option or a display filter beside its prices ("Show
            // prices including fees") reads the same.
            let description = fold(&around.get().description);
            if !description.is_empty() {
                // Outside a legend the box's own text is its question, already matched.
                let hits = if description == context {
                    context_hits.clone()
                } else {
                    self.hits(&description)
                };
                if !self.vetoes(&hits, &description) {
                    let readable = self.readable(&hits, kind);
                    rule = self.best_consent(&readable, &description, &conditions, kind);
                    if rule.is_some() {
                        from_context = true;
                        described = Some(hits);
                    }
                }
            }
        }
        if rule.is_none()
            && (thin
                || (agrees && word_count(&label) <= THIN_LABEL_WORDS)
                || (on && says_nothing_known(kind, &label_hits)))
            && !refuses
        {
            // The field's own name ("newsletter", "optin", "acceptAds") where the page says no
            // more than "Yes" or "Updates" beside the box, or words no rule knows ("send me the
            // Lindgrün-Post every few weeks" on `mailpoet_checkout_optin`).
            rule = self.field_rule(&field);
            from_field = rule.is_some();
            from_context = false;
        }
        let mut predicted: Option<Prediction> = None;
        let rule = match rule {
            Some(rule) => Some(rule),
            // Not a radio option (a shipping or payment choice beside its price reads like an
            // extra) and not a terms box: the rules alone judge those.
            None if on
                && !refuses
                && kind != ControlKind::Radio
                && (MODEL_MIN_WORDS..=MODEL_MAX_WORDS).contains(&word_count(&label))
                && !self.has(&label_hits, RuleType::Bundle) =>
            {
                // No rule decided: the model reads the label with its question, and speaks only
                // when it is confident and nothing around the control vetoes it.
                let model = self.model.as_ref()?;
                let question = fold(&around.get().question);
                let prediction = model.predict(kind, &label, &question)?;
                // The rules' pass over the question only for the few the model would flag.
                if self.vetoes(&self.hits(&question), &question) {
                    return None;
                }
                from_context = false;
                from_field = false;
                predicted = Some(prediction);
                None
            }
            None => return None,
        };
        let context_hits = described.as_ref().unwrap_or(&context_hits);
        let wording_hits = if from_context {
            context_hits
        } else {
            &label_hits
        };
        let opt_out = !self.has(wording_hits, RuleType::OptIn)
            && (self.has(&label_hits, RuleType::OptOut)
                || (from_context
                    && kind != ControlKind::Radio
                    && self.has(context_hits, RuleType::OptOut)));
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
        let (category, severity, model_words) = self.category_of(rule, predicted)?;
        Some(Verdict {
            rule,
            model_words,
            category,
            severity,
            from_context,
            from_field,
            flags,
        })
    }

    /// An unticked box whose own text says what happens if it stays empty ("Bitte keine
    /// Anrufe" over "Ohne Haken ruft Sie ein Berater an ...", "Skip the points card. Leave this
    /// unticked and we'll open a points account"): what follows is what the empty box agrees
    /// to. The description beside the box is read when its label refuses something or names
    /// nothing a consent rule knows.
    fn left_empty<F: FnOnce() -> Surroundings>(
        &self,
        kind: ControlKind,
        label: &str,
        label_hits: &Hits,
        around: &mut Lazy<F>,
    ) -> Option<Verdict> {
        let (consequence, from_context) = match self.unticked.earliest_end(label) {
            Some(end) => (label[end..].to_string(), false),
            // The description beside the box is read when the label refuses something, or when
            // it only states the choice ("Meine Heizkostendaten bleiben bei der Hausverwaltung")
            // and its description says what an empty box lets happen ("Ohne Haken bekommt der
            // Messdienst ... Ihre Verbrauchswerte").
            None => {
                let refuses = self.has(label_hits, RuleType::OptOut)
                    || self.has(label_hits, RuleType::Refusal);
                if !refuses && self.has(label_hits, RuleType::Consent) {
                    return None;
                }
                let around = around.get();
                if !around.own_text || around.from_legend {
                    return None;
                }
                let own = fold(&around.question);
                match self.unticked.earliest_end(&own) {
                    Some(end) => (own[end..].to_string(), true),
                    // The label refuses what its description says is done ("Keep my e-mail
                    // out of collaborations" over "we send the list to their studio"), also
                    // when the description leads up to it ("... we make our customer list
                    // available to companies. Tick here if you would prefer we did not ...").
                    None if refuses => (own.replacen(label, " ", 1).trim().to_string(), true),
                    None => return None,
                }
            }
        };
        let hits = self.hits(&consequence);
        // "Ohne Haken schicken wir Ihnen keine Werbung": nothing happens to an empty box.
        if self.vetoes(&hits, &consequence)
            || self.has(&hits, RuleType::OptOut)
            || self.has(&hits, RuleType::Refusal)
        {
            return None;
        }
        let rule = self.best_consent(&hits, &consequence, &consequence, kind);
        let predicted = match rule {
            // No rule knows the wording: the model reads it as it reads a ticked label.
            None if (MODEL_MIN_WORDS..=MODEL_MAX_WORDS).contains(&word_count(&consequence)) => {
                Some(self.model.as_ref()?.predict(kind, &consequence, "")?)
            }
            _ => None,
        };
        let (category, severity, model_words) = self.category_of(rule, predicted)?;
        Some(Verdict {
            rule,
            model_words,
            category,
            severity,
            from_context,
            from_field: false,
            flags: vec![Flag::OptOut],
        })
    }

    /// The category, severity and evidence words of a verdict from the winning rule, else from
    /// the model's prediction.
    fn category_of(
        &self,
        rule: Option<usize>,
        predicted: Option<Prediction>,
    ) -> Option<(ConsentCategory, Severity, Vec<String>)> {
        match (rule, predicted) {
            (Some(rule), _) => {
                let spec = &self.book.rules[rule].spec;
                Some((spec.category?, spec.severity?, Vec::new()))
            }
            (None, Some(p)) => {
                let severity = self.book.categories.get(p.category)?.severity;
                Some((p.category, severity, p.words))
            }
            (None, None) => None,
        }
    }

    /// Whether a rule names a one-off extra charge (not a subscription).
    fn is_paid_addon(&self, rule: usize) -> bool {
        self.book.rules[rule].spec.category == Some(ConsentCategory::PaidAddon)
    }

    /// Whether a rule may decide from a box's own description: anything but a price, unless
    /// the rule says the price is this box's ("£6, added to your booking").
    fn reads_description(&self, rule: usize) -> bool {
        !self.is_paid_addon(rule) || self.book.rules[rule].spec.in_description
    }

    /// Whether a rule's category is about money (a paid extra, a subscription): a price in the
    /// text around a thin label ("Black", "Case – 29.99") belongs to the product options there,
    /// not to this box.
    fn costs_money(&self, rule: Option<usize>) -> bool {
        rule.and_then(|i| self.book.rules[i].spec.category)
            .is_some_and(|c| {
                matches!(
                    c,
                    ConsentCategory::PaidAddon | ConsentCategory::Subscription
                )
            })
    }

    /// The first `field` rule (by category precedence) that the field's name words match and
    /// its `unless` does not.
    fn field_rule(&self, field: &str) -> Option<usize> {
        if field.is_empty() {
            return None;
        }
        let folded = fold(field);
        self.hits(&folded)
            .rules
            .into_iter()
            .filter(|&i| {
                let rule = &self.book.rules[i];
                rule.spec.rule_type == RuleType::Field && rule.allows(&folded)
            })
            .min_by_key(|&i| (self.precedence[i], i))
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
        let evidence = if verdict.from_field {
            // Say where the meaning came from: the page's words are thin.
            format!("{} [field: {}]", evidence_source.trim(), control.field)
        } else if verdict.rule.is_none() {
            // The model decided: name the words that weighed most.
            format!(
                "{} [model: {}]",
                evidence_source.trim(),
                verdict.model_words.join(", ")
            )
        } else {
            evidence_source.clone()
        };
        Finding {
            kind: Kind::PretickedConsent,
            category: verdict.category.as_str().to_string(),
            severity: verdict.severity,
            rule: match verdict.rule {
                Some(rule) => self.book.rules[rule].spec.id.clone(),
                None => format!("model.consent.{}", verdict.category.as_str()),
            },
            message: self.message(control.kind, verdict.category, &flags, lang),
            evidence: truncate_chars(&collapse_whitespace(&evidence), MAX_EVIDENCE_CHARS),
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
            .get(category)
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

/// What surrounds a control, read at most once and only when first asked for.
struct Lazy<F: FnOnce() -> Surroundings> {
    make: Option<F>,
    value: Surroundings,
}

impl<F: FnOnce() -> Surroundings> Lazy<F> {
    fn get(&mut self) -> &Surroundings {
        if let Some(make) = self.make.take() {
            self.value = make();
        }
        &self.value
    }
}

/// The last sentence of `nearby` before the first occurrence of `label` ("Möchten Sie ...?" in
/// "Dürfen wir ...? Ja Möchten Sie ...? Gerne"), when that sentence has a few words; else all of
/// `nearby`.
fn question_before<'a>(nearby: &'a str, label: &str) -> &'a str {
    let label = label.trim();
    let Some(at) = (!label.is_empty()).then(|| nearby.find(label)).flatten() else {
        return nearby;
    };
    let before = nearby[..at].trim_end();
    let last = before
        .trim_end_matches(['?', '.', '!', ':'])
        .rsplit(['?', '.', '!'])
        .next()
        .unwrap_or("")
        .trim();
    // One line between the question and the answer ("Kamille-News per E-Mail? Angebote und
    // Gewinnspiele. Ja Nein") says what the question offers: both are what is asked.
    if !before.ends_with('?') {
        if let Some(q) = before.rfind('?') {
            let between = before[q + 1..].trim_end_matches(['.', '!', ':']);
            if !between.contains(['?', '.', '!']) && word_count(between) <= 20 {
                let start = before[..q].rfind(['?', '.', '!']).map_or(0, |i| i + 1);
                return before[start..].trim();
            }
        }
    }
    if word_count(last) >= 4 {
        last
    } else {
        nearby
    }
}

/// A ticked box (or switch) whose label no rule of any type recognises: its own wording
/// decides nothing, so the field's name may.
fn says_nothing_known(kind: ControlKind, hits: &Hits) -> bool {
    matches!(
        kind,
        ControlKind::Checkbox | ControlKind::AriaCheckbox | ControlKind::Switch
    ) && hits.rules.is_empty()
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
            context_is_own: false,
            description: String::new(),
            field: String::new(),
            element: None,
            hidden: false,
        }
    }

    fn radio(question: &str, option: &str) -> Control {
        Control {
            context: question.into(),
            context_is_legend: true,
            context_is_own: false,
            field: String::new(),
            ..control(ControlKind::Radio, true, option)
        }
    }

    fn category(engine: &ConsentEngine, c: &Control) -> Option<&'static str> {
        engine.classify(c).map(|v| v.category.as_str())
    }

    /// Asserts the category of a ticked box with `label` alone.
    fn assert_ticked(engine: &ConsentEngine, label: &str, want: Option<&str>) {
        assert_eq!(
            category(engine, &control(ControlKind::Checkbox, true, label)),
            want,
            "{label}"
        );
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
            "Add a free tasting sample £0.00",
        ] {
            assert_ticked(&e, label, None);
        }
        // A view setting beside a price list: nothing is bought or agreed to.
        for (label, prices) in [
            (
                "Show prices including fees",
                "Standing £38.50 each + £4.85 fees",
            ),
            (
                "Nur sofort lieferbare Artikel anzeigen",
                "Ladekabel 1 m · 9,99 €",
            ),
        ] {
            let listed = Control {
                context: format!("{prices} {label}"),
                context_is_own: true,
                description: format!("{prices} {label}"),
                ..control(ControlKind::Checkbox, true, label)
            };
            assert_eq!(category(&e, &listed), None, "{label}");
        }
        // Unless the view is the shopper's profile at work.
        assert_eq!(
            category(
                &e,
                &control(
                    ControlKind::Checkbox,
                    true,
                    "Nur personalisierte Angebote für mich anzeigen"
                )
            ),
            Some("personalization")
        );
    }

    #[test]
    fn never_miss_or_never_run_out_is_no_refusal() {
        let e = ConsentEngine::new().unwrap().without_model();
        assert_ticked(
            &e,
            "Never run out of pellets: 40 lb every six weeks for $54. Skip or cancel any time.",
            Some("subscription"),
        );
        // A label that starts by refusing still refuses.
        assert_ticked(&e, "Never send me offers by e-mail", None);
    }

    #[test]
    fn an_empty_box_agrees_to_what_its_text_says_happens_without_the_tick() {
        let e = ConsentEngine::new().unwrap().without_model();
        let empty = |label: &str| e.classify(&control(ControlKind::Checkbox, false, label));
        for (label, want) in [
            (
                "Ich brauche keine Kundenkarte. Ohne Haken legen wir für Sie ein Punktekonto an.",
                "account",
            ),
            (
                "Please don't phone me. If you leave this blank, our team may ring to talk about our new plans.",
                "marketing",
            ),
            (
                "Skip the club card. Leave this unticked and we'll open a points account for you.",
                "account",
            ),
        ] {
            let verdict = empty(label).expect(label);
            assert_eq!(verdict.category.as_str(), want, "{label}");
            assert_eq!(verdict.flags, vec![Flag::OptOut], "{label}");
        }
        // Nothing happens to an empty box, or nothing the rules know.
        assert!(empty("Newsletter. Ohne Haken schicken wir Ihnen keine Werbung.").is_none());
        assert!(empty("Leave this unticked if you do not want offers by e-mail.").is_none());
        // Its description beside it counts when the label refuses something.
        let described = |label: &str, own: &str| Control {
            context: format!("{label} {own}"),
            context_is_own: true,
            description: format!("{label} {own}"),
            ..control(ControlKind::Checkbox, false, label)
        };
        let shared = described(
            "Nicht in die Fan-Datenbank",
            "Ohne Haken erhält die Liga-Marketing GmbH Ihren Namen und Ihre Anschrift.",
        );
        assert_eq!(category(&e, &shared), Some("data_sharing"));
        // Or what it says is done by default, without naming the empty box.
        let listed = described(
            "Keep my e-mail out of partner offers",
            "We pass the list of subscribers to our partners, who send their offers.",
        );
        assert_eq!(category(&e, &listed), Some("data_sharing"));
        // A label that only states the choice, with its description naming the empty box.
        let stays = described(
            "Meine Fotos bleiben im Studio",
            "Ohne Haken erhält die Bildwerk Druck GmbH Ihre Fotos und Ihre Anschrift.",
        );
        assert_eq!(category(&e, &stays), Some("data_sharing"));
        // But not when the label itself names what the box is for: an ordinary opt-in.
        let opt_in = described(
            "Newsletter per E-Mail",
            "Ohne Haken erhalten Sie nur Ihre Bestellbestätigung.",
        );
        assert_eq!(category(&e, &opt_in), None);
        // A ticked box with the same text is read as before.
        let ticked = control(
            ControlKind::Checkbox,
            true,
            "Ohne Haken legen wir für Sie ein Punktekonto an.",
        );
        assert_ne!(
            e.classify(&ticked).map(|v| v.flags),
            Some(vec![Flag::OptOut])
        );
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
    fn a_refusal_names_who_should_not_write_or_pass_on() {
        let e = ConsentEngine::new().unwrap();
        for (label, want) in [
            (
                "Das Team soll mir keine Rabattcodes per E-Mail schicken",
                "marketing",
            ),
            ("Schickt mir bitte keine Gutscheine", "marketing"),
            (
                "Keine Weitergabe meiner Anschrift an Partnerfirmen",
                "data_sharing",
            ),
            ("Leave me off the list for partner offers", "marketing"),
        ] {
            let v = e
                .classify(&control(ControlKind::Checkbox, false, label))
                .unwrap_or_else(|| panic!("{label}"));
            assert_eq!(
                (v.category.as_str(), v.flags.clone()),
                (want, vec![Flag::OptOut]),
                "{label}"
            );
            assert!(
                e.classify(&control(ControlKind::Checkbox, true, label))
                    .is_none(),
                "{label}"
            );
        }
        // A reassurance inside a sentence is no box to refuse with.
        let calm = "Versand mit Sendungsverfolgung, garantiert keine Weitergabe an Dritte";
        assert_eq!(
            category(&e, &control(ControlKind::Checkbox, true, calm)),
            None
        );
    }

    #[test]
    fn a_line_after_the_question_belongs_to_it() {
        let e = ConsentEngine::new().unwrap();
        let nearby =
            "Club-Post per E-Mail? Monatliche Angebote und Verlosungen. Ja Nein Anrede Frau Herr";
        let yes = Control {
            context: nearby.into(),
            ..control(ControlKind::Radio, true, "Ja")
        };
        assert_eq!(
            question_before(nearby, "Ja"),
            "Club-Post per E-Mail? Monatliche Angebote und Verlosungen."
        );
        assert_eq!(category(&e, &yes), Some("marketing"));
        // Two sentences after the question: the last one is what is asked.
        let later = "Newsletter? Nein. Bitte Ihre Anrede wählen und bestätigen. Ja";
        assert_eq!(
            question_before(later, "Ja"),
            "Bitte Ihre Anrede wählen und bestätigen"
        );
    }

    #[test]
    fn a_title_no_rule_knows_takes_its_meaning_from_its_own_description() {
        // The rules' reading of descriptions (the model weighs question words on its own).
        let e = ConsentEngine::new().unwrap().without_model();
        let described = |own: bool, text: &str| Control {
            context: format!("The Harbour Notes letter {text}"),
            context_is_own: own,
            description: if own {
                format!("The Harbour Notes letter {text}")
            } else {
                String::new()
            },
            ..control(ControlKind::Checkbox, true, "The Harbour Notes letter")
        };
        let about = "Offers and news by e-mail, every Friday.";
        assert_eq!(category(&e, &described(true, about)), Some("marketing"));
        // Text shared with other controls is not this box's description.
        assert_eq!(category(&e, &described(false, about)), None);
        // A price beside a title is a product line, not an add-on the box adds.
        assert_eq!(category(&e, &described(true, "Cable, 1 m · 9,99 €")), None);
        // A recurring charge there is what the box signs up for: a subscription.
        let titled = |own: bool, title: &str, text: &str| Control {
            context: format!("{title} {text}"),
            context_is_own: own,
            description: if own {
                format!("{title} {text}")
            } else {
                String::new()
            },
            ..control(ControlKind::Checkbox, true, title)
        };
        let trial = "Maps offline. Free for 7 days, then $35.99 billed yearly.";
        assert_eq!(
            category(&e, &titled(true, "Ridge+", trial)),
            Some("subscription")
        );
        assert_eq!(category(&e, &titled(false, "Ridge+", trial)), None);
        // A price the description says is added to this booking is the box's own charge.
        let added = "Two accent nails with foil – £6, added to your booking.";
        assert_eq!(
            category(&e, &titled(true, "Add a little sparkle", added)),
            Some("paid_addon")
        );
        let abo = "Jede Ausgabe zuerst. 14 Tage gratis, danach 4,99 € im Monat.";
        assert_eq!(
            category(&e, &titled(true, "Kiosk Plus", abo)),
            Some("subscription")
        );
        // Telling how to unsubscribe later refuses nothing.
        let sms = "Mit dem Haken erhältst du Angebote per SMS. Antworte STOP zum Abbestellen.";
        assert_eq!(
            category(&e, &titled(true, "Codes aufs Handy", sms)),
            Some("marketing")
        );
    }

    #[test]
    fn a_box_under_a_legend_or_a_yes_reads_its_own_description() {
        let e = ConsentEngine::new().unwrap().without_model();
        // Under a legend that names nothing ("Your options"), a title no rule knows.
        let under_legend = |kind: ControlKind, label: &str, own: &str| Control {
            context: format!("Your options {label} {own}"),
            context_is_legend: true,
            description: format!("{label} {own}"),
            ..control(kind, true, label)
        };
        let check = "Before we switch it on we ask a credit reference agency about your business.";
        assert_eq!(
            category(
                &e,
                &under_legend(ControlKind::Checkbox, "Pay at the end of the month", check)
            ),
            Some("credit_check")
        );
        // A payment option whose own description names the check behind it.
        assert_eq!(
            category(&e, &under_legend(ControlKind::Radio, "Klarna", check)),
            Some("credit_check")
        );
        // Never a price beside a radio option: every option has one.
        let priced = "Arrives in 2 days, £4.99.";
        assert_eq!(
            category(
                &e,
                &under_legend(ControlKind::Radio, "Tracked parcel", priced)
            ),
            None
        );
        // A "yes" whose own description says who receives what.
        let yes = under_legend(
            ControlKind::Checkbox,
            "Yes, sign me up",
            "Our partner brands receive your e-mail address and write with their offers.",
        );
        assert!(category(&e, &yes).is_some());
        // No description: nothing to read.
        let bare = Control {
            description: String::new(),
            ..under_legend(ControlKind::Checkbox, "Pay at the end of the month", check)
        };
        assert_eq!(category(&e, &bare), None);
    }

    #[test]
    fn use_described_rather_than_named() {
        let e = ConsentEngine::new().unwrap().without_model();
        for (label, want) in [
            (
                "Aus meinen Bestellungen erkennen, welche Sorten ich mag, und mir danach Neuheiten vorschlagen",
                "personalization",
            ),
            ("Aus Größe und Alter ableiten, welche Kurse wir dir zeigen", "personalization"),
            ("Recommend recipes from the dishes I've cooked", "personalization"),
            ("Deals picked from what I spend each month", "personalization"),
            ("Mitzählen, welche Artikel ich lese und wie lange ich bleibe", "tracking"),
            ("Count which pages I open and how long I stay", "tracking"),
            ("Tell Meta which tickets I bought", "tracking"),
            ("Seitenbesuche an unser Anzeigennetzwerk melden", "tracking"),
            (
                "Name und Kundennummer gehen an die Bewertungsportal GmbH, die um eine Bewertung bittet",
                "data_sharing",
            ),
            (
                "Ein Berater ruft Sie an und stellt Ihnen weitere Versicherungen vor",
                "marketing",
            ),
            ("Gutscheine und Rabatte als Mitteilung aufs Handy", "marketing"),
            ("Coupons as notifications", "marketing"),
            (
                "Aus meinen Käufen lernen, welche Farben ich trage, und diese zuerst zeigen",
                "personalization",
            ),
            ("Das Abo läuft einfach weiter", "subscription"),
            ("Die Weinhandlung Berg bekommt Vorname und E-Mail-Adresse", "data_sharing"),
            ("We'll open a loyalty card in your name", "account"),
            ("Ich bin über 18 und möchte den Newsletter", "marketing"),
            ("Pick the films at the top of the page from my past orders", "personalization"),
            (
                "We look at what you buy to choose your coupons",
                "personalization",
            ),
            (
                "Anhand meiner bisherigen Einkäufe Rezepte heraussuchen",
                "personalization",
            ),
            (
                "Bestellung mit Warenwert an das Preisvergleichsportal zurückmelden",
                "tracking",
            ),
            (
                "Each month the list goes to a partner dealer with your name and email",
                "data_sharing",
            ),
            // Offers from partners that the shop sends itself are marketing; data that goes to
            // them, or third parties who write, is sharing.
            ("Deals from our sponsors by e-mail", "marketing"),
            ("Angebote unserer Sponsoren per E-Mail", "marketing"),
            (
                "Yes, I'd like information from carefully selected third parties",
                "data_sharing",
            ),
            (
                "Angebote unserer Partner – dafür geben wir Ihre E-Mail-Adresse an sie weiter",
                "data_sharing",
            ),
        ] {
            assert_ticked(&e, label, Some(want));
        }
        // The service itself, not a profile or a sales call.
        for label in [
            "Pick up from the store I chose",
            "Aus meinen Angaben den Beitrag berechnen und mir danach das Ergebnis zeigen",
            "Record how long my run takes",
            "Wir rufen Sie an, um den Liefertermin abzustimmen",
            "Ich bin volljährig.",
            "I am over 18",
        ] {
            assert_ticked(&e, label, None);
        }
    }

    #[test]
    fn wordings_of_old_shop_and_forum_forms() {
        let e = ConsentEngine::new().unwrap();
        for (label, want) in [
            (
                "Hear from our partner inns too (we give them your email address)",
                "data_sharing",
            ),
            (
                "Wir schicken Ihre Anschrift an ausgewählte Weingüter, die Ihnen schreiben",
                "data_sharing",
            ),
            (
                "Personalise my start page from the recipes I read",
                "personalization",
            ),
            ("Let our sponsor choose the ads I see", "personalization"),
            ("Keep my details as a Fernhill account", "account"),
            ("Konto registrieren", "account"),
            ("App analytics", "tracking"),
            (
                "Bestellungen per Zählpixel an das Partnernetzwerk melden",
                "tracking",
            ),
            ("Audiobooks, 3 months on us", "subscription"),
            (
                "Die neuesten Nachrichten aus dem Verein per E-Mail",
                "marketing",
            ),
        ] {
            assert_ticked(&e, label, Some(want));
        }
        for label in [
            "Show my profile to other members",
            "Wir geben Ihre Daten nicht an Dritte weiter",
        ] {
            assert_ticked(&e, label, None);
        }
    }

    #[test]
    fn mail_from_the_site_staff_is_marketing() {
        let e = ConsentEngine::new().unwrap();
        for label in [
            "Let the board administrators email me",
            "Get messages from the forum team",
            "Verwendung meiner E-Mail-Adresse für eigene Werbung",
            "Infos zu Veranstaltungen per E-Mail erhalten",
        ] {
            assert_ticked(&e, label, Some("marketing"));
        }
    }

    #[test]
    fn sign_up_wordings_of_forums_and_newsletter_tools() {
        let e = ConsentEngine::new().unwrap();
        for (label, want) in [
            (
                "Das Forenteam darf mir Rundmails schicken",
                Some("marketing"),
            ),
            ("Rundschreiben vom Team erhalten", Some("marketing")),
            ("Andere Mitglieder dürfen mir E-Mails senden", None),
            (
                "Was du im Forum liest, speichern wir zu deinem Profil",
                Some("tracking"),
            ),
            ("Geburtstagsgutschein per E-Mail", Some("marketing")),
            (
                "Ich bekomme die Club-Mails mit Neuheiten und Aktionen",
                Some("marketing"),
            ),
            (
                "Mail me your autumn catalogue and the odd workshop event",
                Some("marketing"),
            ),
            (
                "Every so often, an offer from the farms we work with",
                Some("marketing"),
            ),
            ("Email me my order confirmation", None),
            (
                "My name and phone number going to the Harbour Rowing Club for its crew list",
                Some("data_sharing"),
            ),
            (
                "A deal from the makers now and then (we send it; your address stays with us)",
                Some("marketing"),
            ),
        ] {
            let c = control(ControlKind::Checkbox, true, label);
            assert_eq!(category(&e, &c), want, "{label}");
        }
        // An alert the shopper asked for stays harmless.
        let alert = control(
            ControlKind::Checkbox,
            true,
            "Tell me when it is back in stock",
        );
        assert_eq!(category(&e, &alert), None);
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

    fn with(label: &str, context: &str, field: &str) -> Control {
        Control {
            context: context.into(),
            field: field.into(),
            ..control(ControlKind::Checkbox, true, label)
        }
    }

    #[test]
    fn a_thin_label_takes_its_meaning_from_the_question_beside_it() {
        let e = ConsentEngine::new().unwrap();
        let offers =
            "Flash deals and last-minute offers, sent to you by e-mail as soon as they go live";
        assert_eq!(category(&e, &with("Alerts", offers, "")), Some("marketing"));
        // A price among product options near a thin box is not this box's price.
        let options = "Case in black for 19.99 EUR, charger for 24.99 EUR";
        assert_eq!(category(&e, &with("Black", options, "")), None);
        // A thin label with no question around it decides nothing from the wider region.
        let region_only = Control {
            region: offers.into(),
            ..with("Alerts", "", "")
        };
        assert_eq!(category(&e, &region_only), None);
    }

    #[test]
    fn field_names_speak_where_the_label_is_thin_and_the_evidence_says_so() {
        let e = ConsentEngine::new().unwrap();
        let c = with("Yes please", "", "checkout buyer accepts marketing");
        let verdict = e.classify(&c).unwrap();
        assert!(verdict.from_field);
        let finding = e.finding(&c, &verdict, Lang::from_tag("en").unwrap());
        assert_eq!(finding.category, "marketing");
        assert_eq!(
            finding.evidence,
            "Yes please [field: checkout buyer accepts marketing]"
        );
        // A label that says what it is keeps its own meaning; a refusal never agrees.
        assert_eq!(
            category(&e, &with("Remember me", "", "newsletter optin")),
            None
        );
        assert_eq!(category(&e, &with("No thanks", "", "newsletter")), None);
        // A name that means nothing to the rules decides nothing, nor does a cookie banner's
        // category switch named like an opt-in.
        assert_eq!(category(&e, &with("Yes", "", "gdpr")), None);
        assert_eq!(
            category(&e, &with("Yes", "", "cookie functional optin")),
            None
        );
    }

    #[test]
    fn a_field_name_speaks_where_the_label_says_nothing_the_rules_know() {
        let e = ConsentEngine::new().unwrap();
        let c = with(
            "Schickt mir bitte ab und zu die Gartenpost mit Pflanzideen",
            "",
            "shop checkout optin",
        );
        let verdict = e.classify(&c).unwrap();
        assert!(verdict.from_field);
        assert_eq!(verdict.category.as_str(), "marketing");
        // An unticked box gains nothing from its name; neither does a harmless label.
        assert_eq!(
            category(
                &e,
                &Control {
                    on: false,
                    ..c.clone()
                }
            ),
            None
        );
        assert_eq!(
            category(&e, &with("Angemeldet bleiben", "", "newsletter optin")),
            None
        );
        assert_eq!(
            category(&e, &with("Punkte", "", "rewards join")),
            Some("account")
        );
    }

    #[test]
    fn an_accepted_licence_is_not_an_answer_to_the_offers_around_it() {
        let e = ConsentEngine::new().unwrap();
        let c = with(
            "I accept the licence agreement",
            "Try the premium plan free for 14 days, then $9 a month until you cancel.",
            "",
        );
        assert_eq!(category(&e, &c), None);
    }

    #[test]
    fn members_writing_to_each_other_is_no_marketing() {
        let e = ConsentEngine::new().unwrap();
        for label in [
            "Andere Nutzer dürfen mir E-Mails schicken",
            "Let other members send me private messages",
        ] {
            assert_ticked(&e, label, None);
        }
    }

    #[test]
    fn an_unticked_guest_order_box_creates_an_account() {
        let e = ConsentEngine::new().unwrap();
        let label = "Ohne Kundenkonto als Gast bestellen";
        let unticked = e
            .classify(&control(ControlKind::Checkbox, false, label))
            .unwrap();
        assert_eq!(unticked.category.as_str(), "account");
        assert_eq!(unticked.flags, vec![Flag::OptOut]);
        assert!(e
            .classify(&control(ControlKind::Checkbox, true, label))
            .is_none());
    }

    #[test]
    fn a_long_label_with_its_own_yes_is_not_a_bare_answer() {
        let e = ConsentEngine::new().unwrap();
        let c = Control {
            // Nearby text (not a legend) that holds the other questions of the list.
            context: "Partner shops may email you about their own deals".into(),
            context_is_legend: false,
            context_is_own: false,
            ..control(
                ControlKind::Radio,
                true,
                "Show pictures inside forum posts: Yes",
            )
        };
        assert_eq!(category(&e, &c), None);
    }

    #[test]
    fn an_alert_that_carries_offers_is_no_harmless_alert() {
        let e = ConsentEngine::new().unwrap();
        let c = control(
            ControlKind::Checkbox,
            true,
            "Text me flash sales and restock alerts",
        );
        assert_eq!(category(&e, &c), Some("marketing"));
        let alert = control(
            ControlKind::Checkbox,
            true,
            "Text me when it is back in stock",
        );
        assert_eq!(category(&e, &alert), None);
    }

    #[test]
    fn a_bare_answer_answers_the_question_just_before_it() {
        let nearby = "May we pass your address to the organiser of this show? Yes No \
                      Would you like our monthly newsletter with new dates? Gladly";
        assert_eq!(
            question_before(nearby, "Gladly"),
            " Yes No Would you like our monthly newsletter with new dates".trim()
        );
        assert_eq!(question_before("Newsletter? Yes", "Yes"), "Newsletter? Yes");
        assert_eq!(question_before("no label here", ""), "no label here");
    }

    /// An engine over the embedded rules whose model knows one invented word for marketing.
    fn engine_with_toy_model() -> ConsentEngine {
        use crate::consent::model::{fnv1a, CLASSES};
        let mut word = [0f32; CLASSES.len()];
        word[1] = 6.0;
        let mut bias = [0f32; CLASSES.len()];
        bias[0] = 2.0;
        let bytes = ConsentModel::to_bytes(&[(fnv1a("w:zorblat"), word), (fnv1a("bias"), bias)]);
        let mut e = ConsentEngine::new().unwrap();
        e.model = Some(ConsentModel::from_bytes(&bytes).unwrap());
        e
    }

    #[test]
    fn the_model_speaks_where_no_rule_does_and_names_its_words() {
        let e = engine_with_toy_model();
        let c = control(ControlKind::Checkbox, true, "Zorblat letters now and then");
        let verdict = e.classify(&c).unwrap();
        assert_eq!(verdict.rule, None);
        assert_eq!(verdict.category, ConsentCategory::Marketing);
        let finding = e.finding(&c, &verdict, Lang::from_tag("en").unwrap());
        assert_eq!(finding.rule, "model.consent.marketing");
        assert_eq!(
            finding.evidence,
            "Zorblat letters now and then [model: zorblat]"
        );
        assert_eq!(finding.severity, Severity::Medium);
        // Unticked, a radio option, a terms box or a refusal: the model is not asked.
        assert!(e
            .classify(&control(ControlKind::Checkbox, false, "Zorblat letters"))
            .is_none());
        assert!(e
            .classify(&control(ControlKind::Radio, true, "Zorblat letters"))
            .is_none());
        assert!(e
            .classify(&control(
                ControlKind::Checkbox,
                true,
                "I accept the terms and conditions of Zorblat"
            ))
            .is_none());
        assert!(e
            .classify(&control(ControlKind::Checkbox, true, "No Zorblat letters"))
            .is_none());
        // Rules still win where they know the wording.
        let rule = e
            .classify(&control(ControlKind::Checkbox, true, "Zorblat newsletter"))
            .unwrap();
        assert!(rule.rule.is_some());
    }

    #[test]
    fn an_engine_over_given_rules_or_without_its_model_judges_by_rules_alone() {
        let c = control(ControlKind::Checkbox, true, "Zorblat letters now and then");
        assert!(engine_with_toy_model()
            .without_model()
            .classify(&c)
            .is_none());
        let given = ConsentEngine::with_rules(rules::load().unwrap()).unwrap();
        assert!(given.model.is_none());
    }
}
