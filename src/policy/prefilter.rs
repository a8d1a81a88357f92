//! A cheap first pass for the claim rules. Every match of most rules must begin with one of a
//! small set of words ("share", "disclose", "never", ...), which `regex-syntax` can list from
//! the pattern itself. One Aho-Corasick automaton over all those words tells in one pass which
//! rules could match a clause; only those run their full pattern. Rules whose matches can begin
//! anywhere (a leading `.{0,40}`) always run. Nothing is written twice: the word lists come
//! from the rule patterns.

use crate::matcher::syntax_config;
#[cfg(test)]
use crate::matcher::Matcher;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// Literal lists longer than this are not worth a prefilter (the rule always runs).
const MAX_LITERALS: usize = 400;

/// Which rules could match a text.
#[derive(Debug, Clone)]
pub struct Prefilter {
    /// Every filtered rule's possible first words.
    triggers: Option<AhoCorasick>,
    /// `rules_of[k]`: the rules (bits) whose word lists include word `k`.
    rules_of: Vec<u128>,
    /// Rules (bits) without a word list: they always run.
    always: u128,
}

impl Prefilter {
    /// Builds the prefilter for `patterns` (rule `i` is `patterns[i]`; at most 128 rules).
    pub fn new(patterns: &[&str]) -> Result<Prefilter, String> {
        if patterns.len() > 128 {
            return Err(format!(
                "{} rules in one language; the prefilter takes at most 128",
                patterns.len()
            ));
        }
        let mut words: Vec<Vec<u8>> = Vec::new();
        let mut rules_of: Vec<u128> = Vec::new();
        let mut always = 0u128;
        for (i, pattern) in patterns.iter().enumerate() {
            match first_words(pattern)? {
                Some(list) => {
                    for word in list {
                        match words.iter().position(|w| *w == word) {
                            Some(k) => rules_of[k] |= 1 << i,
                            None => {
                                words.push(word);
                                rules_of.push(1 << i);
                            }
                        }
                    }
                }
                None => always |= 1 << i,
            }
        }
        let triggers = if words.is_empty() {
            None
        } else {
            // A full DFA: the word lists are small, and it is the fastest to run.
            Some(
                AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&words)
                    .map_err(|e| e.to_string())?,
            )
        };
        Ok(Prefilter {
            triggers,
            rules_of,
            always,
        })
    }

    /// Bit `i` is set when rule `i` could match `text`.
    pub fn candidates(&self, text: &str) -> u128 {
        let mut maybe = self.always;
        if let Some(triggers) = &self.triggers {
            for m in triggers.find_overlapping_iter(text) {
                maybe |= self.rules_of[m.pattern().as_usize()];
            }
        }
        maybe
    }
}

/// Literals one of which every match of `pattern` must contain: the words its matches begin
/// with, or those they end with, whichever list is more selective (longer shortest word, then
/// fewer words); `None` when neither can be listed (a match may begin and end with anything).
fn first_words(pattern: &str) -> Result<Option<Vec<Vec<u8>>>, String> {
    let hir = regex_automata::util::syntax::parse_with(pattern, &syntax_config())
        .map_err(|e| e.to_string())?;
    let list = |kind| -> Option<Vec<Vec<u8>>> {
        let seq = Extractor::new().kind(kind).extract(&hir);
        let literals = seq.literals()?;
        if literals.is_empty()
            || literals.len() > MAX_LITERALS
            || literals.iter().any(|l| l.as_bytes().len() < 2)
        {
            return None;
        }
        let mut words: Vec<Vec<u8>> = literals.iter().map(|l| l.as_bytes().to_vec()).collect();
        words.sort();
        words.dedup();
        Some(words)
    };
    let score = |w: &Vec<Vec<u8>>| {
        (
            w.iter().map(Vec::len).min().unwrap_or(0),
            usize::MAX - w.len(),
        )
    };
    Ok(
        match (list(ExtractKind::Prefix), list(ExtractKind::Suffix)) {
            (Some(p), Some(s)) => Some(if score(&s) > score(&p) { s } else { p }),
            (p, s) => p.or(s),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_first_words_and_never_misses_a_match() {
        let patterns = [
            r"\b(share|disclose)\w*\b.{0,20}\bpartners\b",
            r".{0,10}\bsell\b",
            r"\b(w|y)\w*\b.{0,10}",
            r"\bno (sale|selling) of\b",
        ];
        let p = Prefilter::new(&patterns).unwrap();
        // The second rule's matches end with "sell"; the third's can end with anything and
        // begins with a one-letter word: it always runs.
        assert_eq!(p.always, 1 << 2);
        for text in [
            "we share data with partners",
            "we sell it",
            "no selling of data",
            "nothing here",
        ] {
            let maybe = p.candidates(text);
            for (i, pattern) in patterns.iter().enumerate() {
                if Matcher::new(&[pattern]).unwrap().is_match(text) {
                    assert!(
                        maybe & (1 << i) != 0,
                        "rule {i} matches {text:?} but was filtered out"
                    );
                }
            }
        }
        assert_eq!(p.candidates("nothing here"), 1 << 2);
    }
}

#[cfg(test)]
mod report {
    #[test]
    fn print_embedded_coverage() {
        for file in crate::policy::embedded::CLAIM_FILES {
            for r in file.rules {
                let w = super::first_words(r.pattern).unwrap();
                println!(
                    "{:55} {}",
                    r.id,
                    w.map_or("ALWAYS".to_string(), |w| format!("{} words", w.len()))
                );
            }
        }
    }
}
