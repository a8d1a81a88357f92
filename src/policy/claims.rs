//! The claim engine: compiled claim rules per language, applied sentence by sentence, and the
//! contradiction check over the whole document.

use super::embedded;
use super::model::ClaimModel;
use super::page::PolicyPages;
use super::prefilter::Prefilter;
use super::segment::sentences;
use super::spec::{
    ClaimCategory, ClaimCategoryFile, ClaimCategorySpec, PromiseScope, StaticClaimFile,
    StaticClaimRule,
};
use crate::finding::{Finding, Kind, Related, Span};
use crate::lang::Lang;
use crate::matcher::Matcher;
use crate::rules::spec::Severity;
use crate::text::{collapse_whitespace, fold, head};

/// Clause separators that are not words: a semicolon, and the list bullets of a run-in list
/// (a `match`, not a slice: it runs on every character of a policy).
fn is_clause_mark(c: char) -> bool {
    matches!(c, ';' | '•' | '·' | '▪')
}

/// A comma or dash, after which a clause word ("but", "aber") starts a new clause.
fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | '-' | '–' | '—')
}

/// A contradiction names at most this many of the promises it breaks (the first ones).
const MAX_RELATED: usize = 3;

/// Documents are folded and matched in pieces no longer than this many bytes.
const MAX_FOLDED_CLAUSE: usize = 4000;

/// The rules of one language, compiled.
#[derive(Debug, Clone)]
struct LanguageRules {
    lang: Lang,
    file: &'static StaticClaimFile,
    /// Rule `i`'s pattern (one lazy DFA per rule: a combined one for all rules has too many
    /// states for long policies and spends its time rebuilding them).
    patterns: Vec<Matcher>,
    /// Which rules could match a clause (one cheap pass before the rules' own).
    prefilter: Prefilter,
    /// `unless` of rule `i`, if any.
    unless: Vec<Option<Matcher>>,
    /// `requires` of rule `i`, if any.
    requires: Vec<Option<Matcher>>,
    qualifier: Matcher,
}

/// Compiled claim rules for every language, with the category texts.
#[derive(Debug, Clone)]
pub struct ClaimEngine {
    languages: Vec<LanguageRules>,
    categories: ClaimCategoryFile,
    pages: PolicyPages,
    /// The embedded claim model, asked where no rule claimed a category.
    model: Option<ClaimModel>,
}

/// The result of analysing one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// The language the text was read in (the most common among its sentences).
    pub lang: Lang,
    /// Contradictions first, then claims in text order.
    pub findings: Vec<Finding>,
    /// How many sentences were read.
    pub sentences: usize,
}

/// A claim found in one sentence, before it becomes a finding.
struct Hit {
    sentence: Span,
    category: ClaimCategory,
    rule: &'static str,
    severity: Option<Severity>,
    scope: Option<PromiseScope>,
    qualified: bool,
    /// The words the model weighed most, when the model made the claim (else empty).
    model_words: Vec<String>,
}

impl ClaimEngine {
    /// Compiles the embedded claim rules and loads the claim model.
    pub fn new() -> Result<ClaimEngine, String> {
        let mut engine = ClaimEngine::rules_only()?;
        engine.model = Some(ClaimModel::embedded()?);
        Ok(engine)
    }

    /// Compiles the embedded claim rules, without the model (what the model's trainer measures
    /// against, before a model exists).
    pub fn rules_only() -> Result<ClaimEngine, String> {
        let mut languages = Vec::new();
        for file in embedded::CLAIM_FILES {
            let lang = Lang::from_tag(file.lang).ok_or_else(|| {
                format!(
                    "{}: language {:?} is not in languages.toml",
                    file.file, file.lang
                )
            })?;
            let named =
                |id: &str, what: &str, e: String| format!("{}: {id}: {what}: {e}", file.file);
            let patterns = file
                .rules
                .iter()
                .map(|r| Matcher::new(&[r.pattern]).map_err(|e| named(r.id, "pattern", e)))
                .collect::<Result<Vec<_>, _>>()?;
            // A rule's optional second and third pattern, compiled per rule.
            let optional = |what: &str, pick: fn(&StaticClaimRule) -> Option<&'static str>| {
                file.rules
                    .iter()
                    .map(|r| {
                        pick(r)
                            .map(|p| Matcher::new(&[p]).map_err(|e| named(r.id, what, e)))
                            .transpose()
                    })
                    .collect::<Result<Vec<_>, _>>()
            };
            let unless = optional("unless", |r| r.unless)?;
            let requires = optional("requires", |r| r.requires)?;
            let sources: Vec<&str> = file.rules.iter().map(|r| r.pattern).collect();
            let prefilter = Prefilter::new(&sources).map_err(|e| named("rules", "prefilter", e))?;
            let qualifier =
                Matcher::new(&[file.qualifier]).map_err(|e| named("file", "qualifier", e))?;
            languages.push(LanguageRules {
                lang,
                file,
                patterns,
                prefilter,
                unless,
                requires,
                qualifier,
            });
        }
        let categories = embedded::claim_categories();
        let pages = PolicyPages::new(&categories.page)?;
        Ok(ClaimEngine {
            languages,
            categories,
            pages,
            model: None,
        })
    }

    /// The same engine without its model: rules alone (for measuring what the model adds).
    pub fn without_model(mut self) -> ClaimEngine {
        self.model = None;
        self
    }

    /// Recognises policy pages and links to them.
    pub fn pages(&self) -> &PolicyPages {
        &self.pages
    }

    /// The category texts and the policy-page wording.
    pub fn categories(&self) -> &ClaimCategoryFile {
        &self.categories
    }

    /// Analyses `text`. `doc_lang` forces the language the text is read in (else it is guessed
    /// per sentence); messages are written in `msg_lang`, else in the text's language.
    pub fn analyze(&self, text: &str, doc_lang: Option<Lang>, msg_lang: Option<Lang>) -> Analysis {
        let spans = sentences(text);
        let fallback = doc_lang.unwrap_or_else(|| guess_document(text));
        let mut hits = Vec::new();
        let mut votes: Vec<(Lang, usize)> = Vec::new();
        for &span in &spans {
            let sentence = &text[span.start..span.end];
            let folded = fold(sentence);
            // A sentence counts as its own language only when its common words say so clearly.
            let lang =
                doc_lang.unwrap_or_else(|| Lang::guess_clearly(&folded, 2).unwrap_or(fallback));
            match votes.iter_mut().find(|(l, _)| *l == lang) {
                Some(v) => v.1 += 1,
                None => votes.push((lang, 1)),
            }
            if is_heading(sentence) {
                continue;
            }
            if let Some(rules) = self.languages.iter().find(|r| r.lang == lang) {
                self.sentence_hits(rules, sentence, &folded, span, &mut hits);
            }
        }
        let lang = votes.iter().max_by_key(|v| v.1).map_or(fallback, |v| v.0);
        let msg_lang = msg_lang.unwrap_or(lang);
        let mut findings = self.contradictions(text, &hits, msg_lang);
        findings.extend(hits.iter().map(|h| self.claim(text, h, msg_lang)));
        Analysis {
            lang,
            findings,
            sentences: spans.len(),
        }
    }

    /// The categories each clause of one sentence claims (first rule per category wins).
    fn sentence_hits(
        &self,
        rules: &LanguageRules,
        sentence: &str,
        folded: &str,
        span: Span,
        hits: &mut Vec<Hit>,
    ) {
        let first = hits.len();
        let pieces = clauses(sentence, rules.file.clause_words);
        let whole = pieces.len() == 1;
        for clause in pieces {
            // A sentence that is one clause is already folded.
            let owned;
            let clause = if whole {
                folded
            } else {
                owned = fold(clause);
                &owned
            };
            let clause = head(clause, MAX_FOLDED_CLAUSE);
            let maybe = rules.prefilter.candidates(clause);
            for (i, pattern) in rules.patterns.iter().enumerate() {
                let rule = &rules.file.rules[i];
                if maybe & (1 << i) == 0
                    || hits[first..].iter().any(|h| h.category == rule.category)
                    || !pattern.is_match(clause)
                {
                    continue;
                }
                // `requires` first: it is the rarer condition, and `unless` lists are long.
                if rules.requires[i]
                    .as_ref()
                    .is_some_and(|r| !r.is_match(clause))
                    || rules.unless[i].as_ref().is_some_and(|u| u.is_match(clause))
                {
                    continue;
                }
                if hits[first..].iter().any(|h| h.category == rule.category) {
                    continue;
                }
                hits.push(Hit {
                    sentence: span,
                    category: rule.category,
                    rule: rule.id,
                    severity: rule.severity,
                    scope: rule.scope,
                    qualified: rule.scope.is_some() && rules.qualifier.is_match(folded),
                    model_words: Vec::new(),
                });
            }
        }
        self.model_hits(folded, span, first, hits);
        // A specific claim stands for the broader ones it implies (a sale is sharing too).
        let implied: Vec<ClaimCategory> = hits[first..]
            .iter()
            .filter_map(|h| self.spec(h.category))
            .flat_map(|spec| spec.subsumes.iter().copied())
            .collect();
        if !implied.is_empty() {
            let sentence = hits.split_off(first);
            hits.extend(
                sentence
                    .into_iter()
                    .filter(|h| !implied.contains(&h.category)),
            );
        }
        // One finding per sentence and category, in the categories' order within a sentence.
        hits[first..].sort_by_key(|h| self.rank(h.category));
    }

    /// The model's claims for a sentence, in the categories no rule claimed for it. A sentence
    /// that makes a promise is no sharing: its words are those of sharing, under a negation.
    fn model_hits(&self, folded: &str, span: Span, first: usize, hits: &mut Vec<Hit>) {
        let Some(model) = &self.model else {
            return;
        };
        let promise = hits[first..].iter().any(|h| h.scope.is_some());
        for p in model.predict(folded) {
            let covered = hits[first..].iter().any(|h| {
                h.category == p.category
                    || self
                        .spec(h.category)
                        .is_some_and(|s| s.subsumes.contains(&p.category))
            });
            if covered || (promise && p.category == ClaimCategory::ThirdPartySharing) {
                continue;
            }
            hits.push(Hit {
                sentence: span,
                category: p.category,
                rule: model_rule(p.category),
                severity: None,
                scope: None,
                qualified: false,
                model_words: p.words,
            });
        }
    }

    /// A category's place in the summary order (worst first).
    fn rank(&self, category: ClaimCategory) -> usize {
        self.categories
            .category
            .iter()
            .position(|c| c.id == category)
            .unwrap_or(usize::MAX)
    }

    /// A category's texts and severity.
    fn spec(&self, category: ClaimCategory) -> Option<&ClaimCategorySpec> {
        self.categories.category.iter().find(|c| c.id == category)
    }

    fn claim(&self, text: &str, hit: &Hit, lang: Lang) -> Finding {
        let spec = self.spec(hit.category);
        Finding {
            kind: Kind::PolicyClaim,
            category: hit.category.as_str().to_string(),
            severity: hit
                .severity
                .or(spec.map(|c| c.severity))
                .unwrap_or(Severity::Info),
            rule: hit.rule.to_string(),
            message: spec
                .map(|c| c.message.get(lang).to_string())
                .unwrap_or_default(),
            evidence: if hit.model_words.is_empty() {
                evidence(text, hit.sentence)
            } else {
                format!(
                    "{} [model: {}]",
                    evidence(text, hit.sentence),
                    hit.model_words.join(", ")
                )
            },
            element: None,
            span: Some(hit.sentence),
            flags: Vec::new(),
            related: Vec::new(),
        }
    }

    /// One contradiction per breaking sentence: an unqualified promise somewhere, and a clause
    /// elsewhere whose category breaks that kind of promise.
    fn contradictions(&self, text: &str, hits: &[Hit], lang: Lang) -> Vec<Finding> {
        // Promises by scope, as indices in document order: each breaking clause looks up only the
        // scopes it breaks, so a page of thousands of promises stays linear.
        let mut by_scope: Vec<(PromiseScope, Vec<usize>)> = Vec::new();
        for (i, scope) in hits
            .iter()
            .enumerate()
            .filter_map(|(i, h)| h.scope.filter(|_| !h.qualified).map(|s| (i, s)))
        {
            match by_scope.iter_mut().find(|(s, _)| *s == scope) {
                Some((_, list)) => list.push(i),
                None => by_scope.push((scope, vec![i])),
            }
        }
        if by_scope.is_empty() {
            return Vec::new();
        }
        // A sentence that makes a promise with its own exceptions ("we do not share your data
        // except as the law requires") scopes that promise: what it lets through breaks no other
        // promise. Starts in document order, as the hits come.
        let scoped: Vec<usize> = hits
            .iter()
            .filter(|h| h.scope.is_some() && h.qualified)
            .map(|h| h.sentence.start)
            .collect();
        let mut out: Vec<((usize, usize), Finding)> = Vec::new();
        for hit in hits {
            let Some(spec) = self.spec(hit.category) else {
                continue;
            };
            // A broken promise is shown only on a rule's evidence, never on the model's.
            if scoped.binary_search(&hit.sentence.start).is_ok() || !hit.model_words.is_empty() {
                continue;
            }
            // One contradiction per breaking sentence: its worst category (hits come sentence by
            // sentence, worst first, so a sentence's contradiction is the last one made).
            if out
                .last()
                .is_some_and(|(_, f)| f.span == Some(hit.sentence))
            {
                continue;
            }
            if spec.breaks.is_empty() {
                continue;
            }
            let broken: Vec<Related> = first_broken(hits, &by_scope, &spec.breaks, hit.sentence)
                .map(|p| Related {
                    evidence: evidence(text, p.sentence),
                    span: Some(p.sentence),
                })
                .collect();
            if broken.is_empty() {
                continue;
            }
            let message = spec
                .contradiction
                .as_ref()
                .map_or_else(|| spec.message.get(lang), |t| t.get(lang));
            let order = (self.rank(hit.category), hit.sentence.start);
            out.push((
                order,
                Finding {
                    kind: Kind::PolicyContradiction,
                    category: hit.category.as_str().to_string(),
                    severity: Severity::High,
                    rule: hit.rule.to_string(),
                    message: message.to_string(),
                    evidence: evidence(text, hit.sentence),
                    element: None,
                    span: Some(hit.sentence),
                    flags: Vec::new(),
                    related: broken,
                },
            ));
        }
        out.sort_by_key(|(order, _)| *order);
        out.into_iter().map(|(_, f)| f).collect()
    }
}

/// The rule id of a claim the model made.
fn model_rule(category: ClaimCategory) -> &'static str {
    match category {
        ClaimCategory::ThirdPartySharing => "model.claims.third_party_sharing",
        ClaimCategory::TrackingProfiling => "model.claims.tracking_profiling",
        ClaimCategory::StaffAccess => "model.claims.staff_access",
        _ => "model.claims",
    }
}

/// The first [`MAX_RELATED`] promises, in document order, of the scopes `breaks` names, other
/// than the breaking sentence itself. Reads at most a few entries of each scope's list.
fn first_broken<'h>(
    hits: &'h [Hit],
    by_scope: &[(PromiseScope, Vec<usize>)],
    breaks: &[PromiseScope],
    sentence: Span,
) -> impl Iterator<Item = &'h Hit> {
    let mut found: Vec<usize> = Vec::new();
    for (_, list) in by_scope.iter().filter(|(s, _)| breaks.contains(s)) {
        found.extend(
            list.iter()
                .copied()
                .filter(|&i| hits[i].sentence != sentence)
                .take(MAX_RELATED),
        );
    }
    // A hit has one scope, so no index is found twice.
    found.sort_unstable();
    found.truncate(MAX_RELATED);
    found.into_iter().map(move |i| &hits[i])
}

/// How a table of contents begins (compared without case).
const TABLE_OF_CONTENTS: [&str; 3] = ["inhaltsverzeichnis", "table of contents", "contents "];

/// A heading ("5. Sale of the business") or a question names a topic; it claims nothing. Short
/// and without the punctuation that ends a sentence; a question; or short and in title case
/// even with a full stop ("Merger, Sale, or Other Asset Transfers."), which a sentence with a
/// verb never is in English (German capitalises nouns, but not verbs); a table of contents.
fn is_heading(sentence: &str) -> bool {
    let trimmed = sentence.trim_end();
    let words = trimmed.split_whitespace().count();
    if words <= 8 && !trimmed.ends_with(['.', '!', '?', ';', ':', ',', ')', '"', '”', '“']) {
        return true;
    }
    // A question ("Do we sell your data?") asks; the answer is the next sentence.
    if trimmed.ends_with('?') {
        return true;
    }
    // A table of contents lists headings run together: it states nothing.
    let start = trimmed.trim_start();
    if TABLE_OF_CONTENTS.iter().any(|title| {
        start
            .get(..title.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(title))
    }) {
        return true;
    }
    let mut long = trimmed
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .peekable();
    words <= 10
        && long.peek().is_some()
        && long.all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

fn evidence(text: &str, span: Span) -> String {
    collapse_whitespace(&text[span.start..span.end])
}

/// The clauses of a sentence: split at `;`, bullets, and at the file's clause words (", but").
fn clauses<'a>(sentence: &'a str, words: &[&str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    for part in sentence.split(is_clause_mark) {
        let bytes = part.as_bytes();
        let mut start = 0;
        // A clause word splits only after a comma or dash ("..., but we share"): look there.
        for (at, _) in part.match_indices(is_clause_break) {
            let after = part[at..].trim_start_matches(is_clause_break);
            let skipped = part.len() - at - after.len();
            let rest = after.trim_start();
            if rest.len() == after.len() {
                continue; // no space after the mark ("third-party")
            }
            let word_at = at + skipped + (after.len() - rest.len());
            let split = words.iter().any(|w| {
                let end = word_at + w.len();
                end <= bytes.len()
                    && bytes[word_at..end].eq_ignore_ascii_case(w.as_bytes())
                    && !bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric())
                    // "not only ..., but also" stays one clause.
                    && !part[end..].trim_start().starts_with("also")
            });
            if split && word_at > start {
                out.push(&part[start..at + skipped]);
                start = word_at;
            }
        }
        out.push(&part[start..]);
    }
    out
}

/// The language of the document's beginning (first 20 000 bytes).
fn guess_document(text: &str) -> Lang {
    Lang::guess(&fold(head(text, 20_000)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> ClaimEngine {
        ClaimEngine::new().expect("embedded claim rules compile")
    }

    /// The rules with a model that knows one word of sharing ("zorblat").
    fn engine_with_toy_model() -> ClaimEngine {
        use super::super::model::{tests::sharing_rows, to_bytes};
        let bytes = to_bytes(&sharing_rows(&[("w:zorblat", 6.0), ("bias", -2.0)]));
        let mut engine = ClaimEngine::rules_only().unwrap();
        engine.model = Some(ClaimModel::from_bytes(&bytes).unwrap());
        engine
    }

    #[test]
    fn the_model_claims_what_no_rule_knows_names_its_words_and_breaks_no_promise() {
        let text = "We never share your personal data with anyone. \
                    Every order goes to the zorblat of the month for their own records.";
        let found = engine_with_toy_model().analyze(text, None, None).findings;
        let claim = found
            .iter()
            .find(|f| f.rule == "model.claims.third_party_sharing")
            .expect("the model's claim");
        assert_eq!(claim.kind, Kind::PolicyClaim);
        assert!(
            claim.evidence.ends_with("[model: zorblat]"),
            "{}",
            claim.evidence
        );
        // A broken promise needs a rule's evidence, never the model's alone.
        assert!(found.iter().all(|f| f.kind != Kind::PolicyContradiction));
        // The rules alone see nothing there; a promise sentence is no sharing of the model's.
        let rules = ClaimEngine::rules_only().unwrap().analyze(text, None, None);
        assert!(rules.findings.iter().all(|f| !f.rule.starts_with("model.")));
        let promise = "We will never share your data with the zorblat of the month or anyone else.";
        let found = engine_with_toy_model()
            .analyze(promise, None, None)
            .findings;
        assert!(
            found.iter().all(|f| !f.rule.starts_with("model.")),
            "{found:?}"
        );
    }

    fn categories(text: &str) -> Vec<String> {
        engine()
            .analyze(text, None, None)
            .findings
            .iter()
            .filter(|f| f.kind == Kind::PolicyClaim)
            .map(|f| f.category.clone())
            .collect()
    }

    #[test]
    fn negation_makes_a_promise_not_a_sale() {
        assert_eq!(
            categories("We do not sell your personal information to anyone."),
            ["never_share_promise"]
        );
        assert_eq!(
            categories("Wir verkaufen Ihre personenbezogenen Daten niemals an Dritte."),
            ["never_share_promise"]
        );
        let both = categories(
            "We do not sell your personal data, but we may share it with our advertising partners.",
        );
        assert!(
            both.contains(&"never_share_promise".to_string()),
            "{both:?}"
        );
        assert!(
            both.contains(&"third_party_sharing".to_string()),
            "{both:?}"
        );
    }

    #[test]
    fn toysmart_contradiction_links_both_sentences() {
        let text = "Privacy Policy\n\nWe will never share your personal information with third parties. \
                    We use cookies to remember your basket.\n\nIf the company is acquired or goes bankrupt, \
                    customer lists may be sold or transferred to the buyer as a business asset.";
        let analysis = engine().analyze(text, None, None);
        let first = &analysis.findings[0];
        assert_eq!(
            first.kind,
            Kind::PolicyContradiction,
            "{:#?}",
            analysis.findings
        );
        assert_eq!(first.category, "business_transfer");
        assert!(first.evidence.starts_with("If the company is acquired"));
        assert_eq!(first.related.len(), 1);
        let promise = first.related[0].span.unwrap();
        assert!(text[promise.start..promise.end].starts_with("We will never share"));
        assert_eq!(analysis.lang.as_str(), "en");
    }

    #[test]
    fn german_contradiction() {
        let text = "Wir geben Ihre Daten niemals an Dritte weiter. \
                    Im Falle einer Insolvenz oder eines Unternehmensverkaufs können Kundendaten an den Erwerber übertragen werden.";
        let analysis = engine().analyze(text, None, None);
        assert_eq!(analysis.lang.as_str(), "de");
        assert_eq!(
            analysis.findings[0].kind,
            Kind::PolicyContradiction,
            "{:#?}",
            analysis.findings
        );
        assert!(analysis.findings[0].message.contains("obwohl"));
    }

    #[test]
    fn qualified_promise_is_no_contradiction() {
        let text = "We will not share your personal data with third parties without your consent. \
                    In the event of a merger, your data may be transferred to the acquirer.";
        let analysis = engine().analyze(text, None, None);
        assert!(!contradicts(&analysis), "{:#?}", analysis.findings);
        assert!(analysis
            .findings
            .iter()
            .any(|f| f.category == "business_transfer"));
    }

    fn contradicts(analysis: &Analysis) -> bool {
        analysis
            .findings
            .iter()
            .any(|f| f.kind == Kind::PolicyContradiction)
    }

    #[test]
    fn a_promise_with_its_own_exceptions_breaks_no_other_promise() {
        let text = "We never share your personal data with third parties. \
                    We do not disclose your data to outside companies except as required by law.";
        let analysis = engine().analyze(text, None, None);
        assert!(!contradicts(&analysis), "{:#?}", analysis.findings);
        assert!(analysis
            .findings
            .iter()
            .any(|f| f.category == "third_party_sharing"));
        let text = "We never share your personal data with third parties. \
                    We pass your e-mail address to our advertising partners.";
        let analysis = engine().analyze(text, None, None);
        assert!(contradicts(&analysis), "{:#?}", analysis.findings);
    }

    #[test]
    fn messages_follow_the_requested_language() {
        let en = Lang::from_tag("en");
        let analysis = engine().analyze("Wir übermitteln Ihre Daten an Werbepartner.", None, en);
        assert_eq!(analysis.findings[0].category, "third_party_sharing");
        assert!(analysis.findings[0]
            .message
            .starts_with("Your personal data"));
    }

    #[test]
    fn spans_point_at_the_sentence() {
        let text = "Hello.  We may sell your personal data to data brokers.  Bye.";
        let analysis = engine().analyze(text, None, None);
        let sale = analysis
            .findings
            .iter()
            .find(|f| f.category == "data_sale")
            .expect("sale found");
        let span = sale.span.unwrap();
        assert_eq!(
            &text[span.start..span.end],
            "We may sell your personal data to data brokers."
        );
    }

    #[test]
    fn generated_text_never_panics() {
        const PIECES: &[&str] = &[
            "we ",
            "share ",
            "your data ",
            "with partners",
            ", but ",
            ", aber ",
            "; ",
            "never ",
            "sell ",
            "niemals ",
            "weiter",
            ". ",
            "\n\n",
            "\u{3000}",
            "ä",
            "😀",
            "-",
            "Insolvenz ",
            "merger ",
            "\u{0}",
            "z. B. ",
            "•",
            "without your consent ",
            "Dritte ",
            "?",
        ];
        let engine = engine();
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..1500 {
            let mut text = String::new();
            for _ in 0..(seed % 50) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            for f in engine.analyze(&text, None, None).findings {
                let span = f.span.expect("text findings have spans");
                assert!(
                    text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn title_case_headings_claim_nothing() {
        assert!(is_heading("Merger, Sale, or Other Asset Transfers."));
        assert!(!is_heading("We may sell your data to advertisers."));
        assert!(!is_heading("Wir verkaufen Ihre Daten an Werbepartner."));
        assert!(is_heading(
            "Inhaltsverzeichnis Welche Daten wir erheben Wem wir Daten weitergeben Ihre Rechte."
        ));
    }

    #[test]
    fn headings_claim_nothing() {
        assert!(categories("5. Verkauf des Unternehmens").is_empty());
        assert!(categories("Sharing with third parties").is_empty());
        assert!(!categories("We share your data with advertisers.").is_empty());
    }

    #[test]
    fn clause_split_keeps_not_only_but_also() {
        assert_eq!(clauses("a, but b; c", &["but"]), ["a,", "but b", " c"]);
        assert_eq!(clauses("a,\u{3000}but b", &["but"]), ["a,", "but b"]);
        assert_eq!(
            clauses("not only a, but also b", &["but"]),
            ["not only a, but also b"]
        );
    }
}
