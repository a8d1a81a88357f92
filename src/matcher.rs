//! Compiled patterns over folded text: regex-automata's lazy DFA, used directly.
//!
//! Rules are matched against short folded labels, many times per page. The lazy DFA answers
//! "does any pattern match" and "which patterns match" in one pass in time linear in the text,
//! and builds only the states the texts need. Using it directly (rather than the `regex` crate's
//! meta engine with its fallbacks) keeps the wasm inside its size budget. Patterns are compiled
//! without Unicode (folded text is ASCII where it matters), with size limits.

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, PatternSet};
use std::cell::RefCell;

/// Largest compiled NFA for one set of patterns.
const NFA_SIZE_LIMIT: usize = 8 << 20;
/// Memory the lazy DFA may use for its states before it clears and rebuilds them.
const CACHE_CAPACITY: usize = 2 << 20;

/// The syntax every rule pattern is read with: no Unicode (folded text), bytes allowed.
pub fn syntax_config() -> syntax::Config {
    syntax::Config::new().unicode(false).utf8(false)
}

/// A set of patterns compiled into one lazy DFA.
pub struct Matcher {
    dfa: DFA,
    cache: RefCell<Cache>,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Matcher({} patterns)", self.dfa.pattern_len())
    }
}

impl Clone for Matcher {
    fn clone(&self) -> Matcher {
        Matcher {
            cache: RefCell::new(self.dfa.create_cache()),
            dfa: self.dfa.clone(),
        }
    }
}

impl Matcher {
    /// Compiles `patterns`; pattern `i` is reported as `i`.
    pub fn new<P: AsRef<str>>(patterns: &[P]) -> Result<Matcher, String> {
        let dfa = DFA::builder()
            .syntax(syntax_config())
            .thompson(
                thompson::Config::new()
                    .utf8(false)
                    .nfa_size_limit(Some(NFA_SIZE_LIMIT)),
            )
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .cache_capacity(CACHE_CAPACITY),
            )
            .build_many(patterns)
            .map_err(|e| e.to_string())?;
        let cache = RefCell::new(dfa.create_cache());
        Ok(Matcher { dfa, cache })
    }

    /// Whether any pattern matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.earliest_end(text).is_some()
    }

    /// Where the earliest match of any pattern in `text` ends.
    pub fn earliest_end(&self, text: &str) -> Option<usize> {
        if self.dfa.pattern_len() == 0 {
            return None;
        }
        let input = Input::new(text).earliest(true);
        let mut cache = self.cache.borrow_mut();
        // The DFA has no quit bytes and never gives up, so search errors cannot happen.
        match self.dfa.try_search_fwd(&mut cache, &input) {
            Ok(Some(m)) => Some(m.offset()),
            _ => None,
        }
    }

    /// The indexes of every pattern that matches somewhere in `text`, ascending.
    pub fn matches(&self, text: &str) -> Vec<usize> {
        let mut set = PatternSet::new(self.dfa.pattern_len());
        if self.dfa.pattern_len() == 0 {
            return Vec::new();
        }
        let mut cache = self.cache.borrow_mut();
        if self
            .dfa
            .try_which_overlapping_matches(&mut cache, &Input::new(text), &mut set)
            .is_err()
        {
            return Vec::new();
        }
        set.iter().map(|p| p.as_usize()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Matcher;

    #[test]
    fn reports_every_matching_pattern() {
        let m = Matcher::new(&[r"\bnews\b", r"letter$", r"^x"]).unwrap();
        assert_eq!(m.matches("news letter"), vec![0, 1]);
        assert!(m.is_match("xyz"));
        assert!(!m.is_match("newsletters"));
        assert!(Matcher::new(&["(unclosed"]).is_err());
        assert_eq!(m.earliest_end("the news letter"), Some(8));
        assert_eq!(m.earliest_end("nothing"), None);
    }

    #[test]
    fn empty_set_matches_nothing() {
        let m = Matcher::new::<&str>(&[]).unwrap();
        assert!(!m.is_match("anything"));
        assert!(m.matches("anything").is_empty());
    }

    #[test]
    fn word_boundaries_are_ascii_and_bytes_pass_through() {
        let m = Matcher::new(&[r"\bshop\b"]).unwrap();
        assert!(m.is_match("日本 shop"));
        assert!(!m.is_match("eshop"));
    }
}
