//! The breach rules of one language, compiled, and what they find in one sentence.

use super::spec::{BreachElement, StaticBreachFile, StaticBreachRule, Status};
use crate::lang::Lang;
use crate::matcher::Matcher;
use crate::text::fold;
use std::borrow::Cow;

/// One rule, compiled.
#[derive(Debug, Clone)]
struct Compiled {
    rule: &'static StaticBreachRule,
    pattern: Matcher,
    unless: Option<Matcher>,
    requires: Option<Matcher>,
}

/// The rules of one language file.
#[derive(Debug, Clone)]
pub struct LanguageRules {
    /// The file's language.
    pub lang: Lang,
    rules: Vec<Compiled>,
    aside: Option<Matcher>,
    own: Option<Matcher>,
    standing: Option<Matcher>,
}

/// A rule that fired on a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleHit {
    /// The rule's id.
    pub rule: &'static str,
    /// What it found.
    pub element: BreachElement,
    /// `None` for a `notice` rule.
    pub status: Option<Status>,
    /// A `notice` rule whose sentence also says what happened.
    pub tells_nature: bool,
}

impl LanguageRules {
    /// Compiles one embedded file; an error names the file and rule.
    pub fn new(file: &'static StaticBreachFile) -> Result<LanguageRules, String> {
        let lang = Lang::from_tag(file.lang).ok_or_else(|| {
            format!(
                "{}: language {:?} is not in languages.toml",
                file.file, file.lang
            )
        })?;
        let compile = |r: &StaticBreachRule, what: &str, p: &str| {
            Matcher::new(&[p]).map_err(|e| format!("{}: {}: {what}: {e}", file.file, r.id))
        };
        let rules = file
            .rules
            .iter()
            .map(|r| {
                Ok(Compiled {
                    rule: r,
                    pattern: compile(r, "pattern", r.pattern)?,
                    unless: r.unless.map(|p| compile(r, "unless", p)).transpose()?,
                    requires: r.requires.map(|p| compile(r, "requires", p)).transpose()?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let optional = |p: Option<&str>, what: &str| {
            p.map(|p| Matcher::new(&[p]).map_err(|e| format!("{}: {what}: {e}", file.file)))
                .transpose()
        };
        Ok(LanguageRules {
            lang,
            rules,
            aside: optional(file.aside, "aside")?,
            own: optional(file.own, "own")?,
            standing: optional(file.standing, "standing")?,
        })
    }

    /// Whether a prepared sentence tells of a breach without reporting one to the reader
    /// (see `BreachRuleFile::aside`).
    pub fn is_aside(&self, prepared: &str) -> bool {
        self.aside.as_ref().is_some_and(|m| m.is_match(prepared))
            && !self.own.as_ref().is_some_and(|m| m.is_match(prepared))
    }

    /// Whether a prepared sentence speaks in a standing policy's voice (see
    /// `BreachRuleFile::standing`).
    pub fn is_standing(&self, prepared: &str) -> bool {
        self.standing.as_ref().is_some_and(|m| m.is_match(prepared))
    }

    /// The rules that fire on one sentence (already prepared with [`prepare`]).
    pub fn hits(&self, prepared: &str) -> Vec<RuleHit> {
        self.rules
            .iter()
            .filter(|c| {
                c.pattern.is_match(prepared)
                    && c.requires.as_ref().is_none_or(|m| m.is_match(prepared))
                    && !c.unless.as_ref().is_some_and(|m| m.is_match(prepared))
            })
            .map(|c| RuleHit {
                rule: c.rule.id,
                element: c.rule.element,
                status: c.rule.status,
                tells_nature: c.rule.tells_nature,
            })
            .collect()
    }

    /// How many rules the file has.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether the file has no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

/// A sentence in the form the breach rules read: folded, words hyphenated across a line break
/// joined again, with an `@` between word characters (an e-mail address) spelled as the word
/// `atmark`, which folding would otherwise drop.
pub fn prepare(sentence: &str) -> String {
    let joined = join_broken_words(sentence);
    let sentence = joined.as_ref();
    if !sentence.contains('@') {
        return fold(sentence);
    }
    let mut marked = String::with_capacity(sentence.len() + 16);
    let mut prev: Option<char> = None;
    let mut chars = sentence.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        if c == '@' && word(prev) && word(next) {
            marked.push_str(" atmark ");
        } else {
            marked.push(c);
        }
        prev = Some(c);
    }
    fold(&marked)
}

/// Words a letter laid out in print split at the end of a line ("Mitarbeite-\nrin", "be-\n
/// nachrichtigen", as text copied out of a PDF keeps them) joined again: a hyphen after a letter,
/// then the line break, then a lower-case letter. Not a hyphen that stands for a repeated word
/// part ("Grabpflege-\nund Steinmetzbetriebe", "pre-\nand post-sale").
fn join_broken_words(sentence: &str) -> Cow<'_, str> {
    const KEPT: [&str; 10] = [
        "und ", "oder ", "bzw", "sowie ", "bis ", "and ", "or ", "to ", "nor ", "as ",
    ];
    if !sentence.contains("-\n") && !sentence.contains("-\r\n") {
        return Cow::Borrowed(sentence);
    }
    // One pass over the hyphens: what is before `copied` is in `out` already.
    let mut out = String::with_capacity(sentence.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(offset) = sentence[from..].find('-') {
        let at = from + offset;
        from = at + 1;
        let after_dash = &sentence[at + 1..];
        if !after_dash.starts_with('\n') && !after_dash.starts_with("\r\n") {
            continue;
        }
        let after = after_dash
            .trim_start_matches(['\r', '\n'])
            .trim_start_matches([' ', '\t']);
        let letter_before = sentence[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic);
        let lower_after = after.chars().next().is_some_and(char::is_lowercase);
        let kept = KEPT.iter().any(|w| after.starts_with(w));
        if letter_before && lower_after && !kept {
            out.push_str(&sentence[copied..at]);
            copied = sentence.len() - after.len();
            from = copied;
        }
    }
    out.push_str(&sentence[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_at_a_line_end_are_joined_again() {
        assert_eq!(
            prepare("eine Mitarbeite-\nrin hat uns zu be-\r\n  nachrichtigen"),
            "eine mitarbeiterin hat uns zu benachrichtigen"
        );
        assert_eq!(
            prepare("Grabpflege-\nund Steinmetzbetriebe, E-\nMail"),
            fold("Grabpflege- und Steinmetzbetriebe, E- Mail")
        );
    }

    #[test]
    fn an_address_keeps_its_at_sign_as_a_word() {
        assert_eq!(
            prepare("Write to DPO@Shop.example."),
            "write to dpo atmark shop example"
        );
        assert_eq!(prepare("@ home @"), "home");
    }
}
