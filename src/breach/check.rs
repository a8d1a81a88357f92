//! The checklist of one text: per element the best status any sentence gives it, with that
//! sentence, and whether the text reads like a breach notice at all.

use super::embedded;
use super::model::NoticeModel;
use super::rules::{prepare, LanguageRules};
use super::spec::{BreachCategoryFile, BreachElement, BreachElementSpec, Status};
use crate::finding::{Finding, Kind, Span};
use crate::lang::Lang;
use crate::matcher::Matcher;
use crate::policy::segment::sentences;
use crate::rules::spec::Severity;
use crate::text::{collapse_whitespace, fold, head, truncate_chars};
use serde::Serialize;

/// Evidence is cut to this many characters.
const MAX_EVIDENCE: usize = 400;

/// The language of a text is guessed from its first this many bytes.
const GUESS_BYTES: usize = 20_000;

/// A quotation at least this many bytes long is someone else's words (an example letter in a
/// training, a quoted letter in a forum), not the sender telling the reader; shorter ones are
/// labels ("the \u{201c}To\u{201d} field").
const MIN_QUOTE: usize = 40;

/// Compiled breach rules of every language, with the checklist's texts.
#[derive(Debug, Clone)]
pub struct BreachEngine {
    languages: Vec<LanguageRules>,
    categories: BreachCategoryFile,
    placeholder: Matcher,
    /// Reads the whole text: is it a notice? (None: rules alone.)
    model: Option<NoticeModel>,
}

/// One line of the checklist: a `breach_notice` finding and its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreachItem {
    /// The element.
    #[serde(skip)]
    pub element: BreachElement,
    /// present / vague / missing.
    pub status: Status,
    /// The finding (category `breach_<element>`; evidence and span the sentence, empty and
    /// null when missing).
    #[serde(flatten)]
    pub finding: Finding,
}

/// What the engine found in one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreachReport {
    /// Whether the text reads like a breach notice (the extension shows the checklist only then).
    pub notice: bool,
    /// The language the text was read in.
    #[serde(serialize_with = "lang_id")]
    pub lang: Lang,
    /// How many sentences were read.
    pub sentences: usize,
    /// The checklist, one item per element in checklist order (also for texts that are no
    /// notice: the command line shows it on request).
    pub findings: Vec<BreachItem>,
}

fn lang_id<S: serde::Serializer>(lang: &Lang, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(lang.as_str())
}

/// The best hit per element so far: status, rule, sentence.
#[derive(Clone, Copy)]
struct Best {
    status: Status,
    rule: &'static str,
    span: Span,
}

impl BreachEngine {
    /// Compiles the embedded rules.
    pub fn new() -> Result<BreachEngine, String> {
        let languages = embedded::BREACH_FILES
            .iter()
            .map(LanguageRules::new)
            .collect::<Result<Vec<_>, _>>()?;
        let categories = embedded::breach_categories();
        for element in BreachElement::CHECKLIST {
            if !categories.element.iter().any(|e| e.id == element) {
                return Err(format!(
                    "rules/breach/categories.toml: element {:?} has no texts",
                    element.as_str()
                ));
            }
        }
        let placeholder = Matcher::new(&[&categories.notice.placeholder])
            .map_err(|e| format!("rules/breach/categories.toml: placeholder: {e}"))?;
        Ok(BreachEngine {
            languages,
            categories,
            placeholder,
            model: Some(NoticeModel::embedded()?),
        })
    }

    /// The same engine with another notice model, or none (rules alone): what the model's
    /// trainer measures with.
    pub fn with_model(mut self, model: Option<NoticeModel>) -> BreachEngine {
        self.model = model;
        self
    }

    /// The checklist's elements with their texts, in order.
    pub fn elements(&self) -> &[BreachElementSpec] {
        &self.categories.element
    }

    /// Reads `text` in `lang` (default: guessed) and writes messages in `msg_lang` (default:
    /// the text's language).
    pub fn check(&self, text: &str, lang: Option<Lang>, msg_lang: Option<Lang>) -> BreachReport {
        let lang = lang.unwrap_or_else(|| Lang::guess(&fold(head(text, GUESS_BYTES))));
        let msg_lang = msg_lang.unwrap_or(lang);
        let spans = sentences(text);
        let quotes = long_quotes(text);
        let mut best: Vec<(BreachElement, Best)> = Vec::new();
        let mut signals = 0usize;
        let mut placeholders = 0usize;
        let mut standing = 0usize;
        if let Some(rules) = self.languages.iter().find(|r| r.lang == lang) {
            for &span in &spans {
                let sentence = &text[span.start..span.end];
                // A line that is nothing but a placeholder ("[address]" under the name) is a
                // redaction by whoever saved the letter; a template leaves blanks in sentences.
                placeholders += usize::from(
                    self.placeholder.is_match(sentence) && !is_only_placeholder(sentence),
                );
                let prepared = prepare(sentence);
                standing += usize::from(rules.is_standing(&prepared));
                let mut aside = None;
                let hits = rules.hits(&prepared);
                // A notice signal inside a long quotation is reported words: it counts only if
                // it also fires on the sentence without its quoted part.
                let unquoted =
                    unquoted(text, span, &quotes).map(|rest| rules.hits(&prepare(&rest)));
                // "A technical error let other users see ..." names the event's cause only
                // vaguely: the vague rule's word stands.
                let vague_cause = hits
                    .iter()
                    .any(|h| h.element == BreachElement::Nature && h.status == Some(Status::Vague));
                for hit in hits {
                    let (element, status) = match hit.status {
                        Some(status) => (hit.element, status),
                        None => {
                            // News, reported speech or a general remark is no notice to the
                            // reader, and tells nothing about what happened to them; nor is a
                            // question ("Sind Ihre Daten betroffen?" in a warning or an FAQ).
                            if *aside.get_or_insert_with(|| {
                                rules.is_aside(&prepared) || is_question(sentence)
                            }) {
                                continue;
                            }
                            if unquoted
                                .as_ref()
                                .is_some_and(|rest| !rest.iter().any(|h| h.rule == hit.rule))
                            {
                                continue;
                            }
                            signals += 1;
                            if !hit.tells_nature || vague_cause {
                                continue;
                            }
                            (BreachElement::Nature, Status::Present)
                        }
                    };
                    let candidate = Best {
                        status,
                        rule: hit.rule,
                        span,
                    };
                    match best.iter_mut().find(|(e, _)| *e == element) {
                        // Present beats vague; the first sentence wins a tie.
                        Some((_, b)) if status < b.status => *b = candidate,
                        Some(_) => {}
                        None => best.push((element, candidate)),
                    }
                }
            }
        }
        let addressed = best.len();
        let spec = &self.categories.notice;
        // A text the model finds without any rule signal is held to the standing bound of one.
        let structure = addressed >= spec.min_elements
            && placeholders <= spec.max_placeholders
            && standing <= signals.max(1).saturating_mul(spec.max_standing_per_signal);
        let signalled = signals >= spec.min_signals;
        let notice = structure
            && match &self.model {
                None => signalled,
                Some(model) => {
                    let score = f64::from(model.score(text));
                    score > spec.model_alone || (signalled && score > spec.model_with_signal)
                }
            };
        let findings = self
            .categories
            .element
            .iter()
            .filter(|e| e.id != BreachElement::Notice)
            .map(|e| {
                let found = best.iter().find(|(id, _)| *id == e.id).map(|(_, b)| *b);
                item(text, e, found, msg_lang)
            })
            .collect();
        BreachReport {
            notice,
            lang,
            sentences: spans.len(),
            findings,
        }
    }
}

fn item(text: &str, e: &BreachElementSpec, found: Option<Best>, lang: Lang) -> BreachItem {
    let status = found.map_or(Status::Missing, |b| b.status);
    let (message, severity) = match status {
        Status::Present => (&e.present, Severity::Info),
        Status::Vague => (&e.vague, e.severity),
        Status::Missing => (&e.missing, e.severity),
    };
    let rule = found.map_or_else(
        || format!("breach.{}.missing", e.id.as_str()),
        |b| b.rule.to_string(),
    );
    BreachItem {
        element: e.id,
        status,
        finding: Finding {
            kind: Kind::BreachNotice,
            category: e.id.category().to_string(),
            severity,
            rule,
            message: message.get(lang).to_string(),
            evidence: found.map_or_else(String::new, |b| {
                truncate_chars(
                    &collapse_whitespace(&text[b.span.start..b.span.end]),
                    MAX_EVIDENCE,
                )
            }),
            element: None,
            span: found.map(|b| b.span),
            flags: Vec::new(),
            related: Vec::new(),
        },
    }
}

/// The byte ranges of `text` inside double quotation marks ("...", \u{201c}...\u{201d},
/// \u{201e}...\u{201c}, \u{ab}...\u{bb}) at least [`MIN_QUOTE`] long. A quotation may run over
/// several sentences but not over a blank line: an unclosed mark there is a stray one.
pub fn long_quotes(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut open: Option<usize> = None;
    let mut newline = false;
    for (i, c) in text.char_indices() {
        match c {
            '\n' if newline => open = None,
            '\n' => newline = true,
            c if c.is_whitespace() => {}
            _ => newline = false,
        }
        let (opens, closes) = match c {
            '\u{201e}' => (true, false),
            '\u{201d}' => (false, true),
            '"' | '\u{201c}' | '\u{ab}' | '\u{bb}' => (open.is_none(), open.is_some()),
            _ => (false, false),
        };
        if opens {
            open = Some(i + c.len_utf8());
        } else if closes {
            if let Some(start) = open.take() {
                if i - start >= MIN_QUOTE {
                    ranges.push((start, i));
                }
            }
        }
    }
    ranges
}

/// The sentence at `span` without the parts inside `quotes`, or `None` when it has none.
pub fn unquoted(text: &str, span: Span, quotes: &[(usize, usize)]) -> Option<String> {
    let inside: Vec<_> = quotes
        .iter()
        .filter(|(s, e)| *s < span.end && *e > span.start)
        .collect();
    if inside.is_empty() {
        return None;
    }
    let mut rest = String::new();
    let mut at = span.start;
    for &&(s, e) in &inside {
        let s = s.max(span.start);
        if s > at {
            rest.push_str(&text[at..s]);
            rest.push(' ');
        }
        at = at.max(e.min(span.end));
    }
    if at < span.end {
        rest.push_str(&text[at..span.end]);
    }
    Some(rest)
}

/// Whether `sentence` is one bracketed placeholder and nothing else ("[address]").
fn is_only_placeholder(sentence: &str) -> bool {
    let t = sentence.trim();
    (3..=40).contains(&t.len())
        && t.starts_with('[')
        && t.ends_with(']')
        && t[1..t.len() - 1]
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
}

/// Whether a sentence asks (ends with a question mark, closing quotes and brackets aside).
fn is_question(sentence: &str) -> bool {
    sentence
        .trim_end_matches(|c: char| c.is_whitespace() || "\"'»«“”„)]".contains(c))
        .ends_with(['?', '？'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_is_told_from_a_statement() {
        assert!(is_question("Sind Ihre Daten betroffen?"));
        assert!(is_question("Was bedeutet das für mich?“ "));
        assert!(!is_question("Ihre Daten sind betroffen."));
    }

    fn engine() -> BreachEngine {
        BreachEngine::new().expect("embedded breach rules compile")
    }

    /// An engine whose notice model scores every text `score` (its bias alone).
    fn scoring(score: f32) -> BreachEngine {
        let rows = [(crate::linear::fnv1a("bias"), [score])];
        let model = NoticeModel::from_bytes(&crate::linear::SparseWeights::to_bytes(&rows));
        engine().with_model(Some(model.unwrap()))
    }

    #[test]
    fn the_notice_model_decides_with_the_rules() {
        // Two elements, no notice rule: a notice only when the model reads one on its own.
        let plain = "Hallo Frau Berger, am Montag, 30. November, ging die Liste mit Namen und \
                     Telefonnummern aller Mitglieder an den ganzen Verteiler. Fragen bitte an \
                     verein@example.org.";
        let rules_alone = engine().with_model(None).check(plain, None, None);
        assert!(!rules_alone.notice);
        assert!(scoring(5.0).check(plain, None, None).notice);
        assert!(!scoring(0.0).check(plain, None, None).notice);
        // A notice rule's signal counts unless the model reads no notice at all.
        let told = "We are writing to tell you about a data breach. On 3 March an attacker \
                    copied names and e-mail addresses from our shop. Questions: \
                    privacy@example.com.";
        assert!(engine().with_model(None).check(told, None, None).notice);
        assert!(scoring(0.0).check(told, None, None).notice);
        assert!(!scoring(-5.0).check(told, None, None).notice);
        // Never without enough elements, whatever the model says.
        assert!(!scoring(9.0).check("Hallo.", None, None).notice);
    }

    fn statuses(report: &BreachReport) -> Vec<(&'static str, &'static str)> {
        report
            .findings
            .iter()
            .map(|i| (i.element.as_str(), i.status.as_str()))
            .collect()
    }

    #[test]
    fn a_technical_error_is_vague_and_the_rest_missing() {
        let r = engine().check(
            "Dear customer, our website inadvertently disclosed your name and email address \
             due to a technical error. The issue has been fixed.",
            None,
            None,
        );
        assert_eq!(r.lang.as_str(), "en");
        assert_eq!(
            statuses(&r),
            [
                ("nature", "vague"),
                ("data", "present"),
                ("when", "missing"),
                ("contact", "missing"),
                ("consequences", "missing"),
                ("measures", "vague"),
            ]
        );
        assert!(r
            .findings
            .iter()
            .all(|i| i.finding.kind == Kind::BreachNotice));
        let missing = &r.findings[2].finding;
        assert_eq!(missing.rule, "breach.when.missing");
        assert!(missing.span.is_none() && missing.evidence.is_empty());
    }

    #[test]
    fn yesterday_is_a_vague_time_and_a_date_a_present_one() {
        let when = |text: &str, lang: &str| {
            let r = engine().check(text, Lang::from_tag(lang), None);
            statuses(&r)
                .into_iter()
                .find(|(e, _)| *e == "when")
                .map(|(_, s)| s)
        };
        assert_eq!(
            when(
                "Yesterday we emailed your quote to another customer by mistake.",
                "en"
            ),
            Some("vague")
        );
        assert_eq!(
            when(
                "Gestern haben wir Ihr Angebot versehentlich an einen anderen Kunden geschickt.",
                "de"
            ),
            Some("vague")
        );
        assert_eq!(
            when(
                "On 3 March we emailed your quote to another customer by mistake.",
                "en"
            ),
            Some("present")
        );
    }

    #[test]
    fn a_redacted_address_line_is_no_template_blank() {
        assert!(is_only_placeholder(" [address] "));
        assert!(is_only_placeholder("[Anschrift]"));
        assert!(!is_only_placeholder("Dear [Name],"));
        assert!(!is_only_placeholder("["));
        assert!(!is_only_placeholder("[]"));
    }

    #[test]
    fn a_policy_that_would_notify_is_no_notice() {
        let r = engine().check(
            "If a personal data breach is likely to result in a high risk to you, we will \
             notify you without undue delay. Contact our DPO at dpo@shop.example.",
            None,
            None,
        );
        assert!(!r.notice);
    }

    #[test]
    fn an_example_letter_in_quotes_is_no_notice() {
        let r = engine().check(
            "Which of these letters is good enough? Letter A: \"Dear customer, on 3 May we \
             sent your name and address to another customer by mistake. Call us on \
             01632 960 775.\" Answer: Letter A.",
            None,
            None,
        );
        assert!(!r.notice);
        let r = engine().check(
            "Dear customer, on 3 May we sent your name and address to another customer by \
             mistake: it went into the \"To\" field. Call us on 01632 960 775.",
            None,
            None,
        );
        assert!(r.notice);
    }

    #[test]
    fn a_supplier_breach_told_by_the_shop_is_a_notice_news_about_it_is_none() {
        let told = "Dear Sam, on 2 December our booking system's provider wrote to us. Between \
                    14 and 17 November somebody signed in to its servers and downloaded the \
                    customer records of every shop on the system, ours included. What was in \
                    that copy: your name, e-mail address and phone number. Call Dom on \
                    0113 496 0732 with any questions.";
        assert!(engine().check(told, None, None).notice);
        let news = "Between 14 and 17 November somebody signed in to its servers, the company \
                    said on Tuesday. It has not said how many people are affected.";
        assert!(!engine().check(news, None, None).notice);
    }

    #[test]
    fn a_lost_or_stolen_bag_reported_to_the_regulator_is_a_notice() {
        let r = engine().check(
            "Dear Mr Ashworth, I am writing because some of the notes our volunteer kept about \
             her visits have been lost. Her handbag was taken from her car; a notebook with \
             your name, address and telephone number was in it. We have also reported the \
             loss to the Information Commissioner's Office. Please telephone me on \
             0117 496 0358.",
            None,
            None,
        );
        assert!(r.notice);
    }

    #[test]
    fn a_german_notice_is_read_in_german() {
        let r = engine().check(
            "Leider ist es bei uns zu einem Sicherheitsvorfall gekommen. Am 3. März haben \
             Unbekannte auf unsere Kundendatenbank zugegriffen. Betroffen sind Name und \
             Anschrift. Fragen beantwortet unser Datenschutzbeauftragter unter \
             datenschutz@shop.example.",
            None,
            None,
        );
        assert!(r.notice);
        assert_eq!(r.lang.as_str(), "de");
        assert_eq!(r.findings[0].status, Status::Present);
        assert!(r.findings[0]
            .finding
            .message
            .starts_with("Die Benachrichtigung"));
    }
}
