//! The language messages are written in: chosen by the user, else the page's, else guessed.
//! Languages are data (`rules/languages.toml`): an id, a name and common words for guessing.

use crate::rules::spec::LanguageFile;
use std::sync::OnceLock;

/// A language haken writes messages in (one of `rules/languages.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(&'static str);

/// The embedded language table.
pub fn languages() -> &'static LanguageFile {
    static TABLE: OnceLock<LanguageFile> = OnceLock::new();
    TABLE.get_or_init(crate::rules::embedded_languages)
}

impl Default for Lang {
    /// The table's fallback language.
    fn default() -> Lang {
        let table = languages();
        Lang::find(&table.fallback).unwrap_or(Lang("en"))
    }
}

impl Lang {
    fn find(id: &str) -> Option<Lang> {
        languages()
            .language
            .iter()
            .find(|l| l.id.eq_ignore_ascii_case(id))
            .map(|l| Lang(l.id.as_str()))
    }

    /// Parses a BCP 47 tag such as `de`, `de-AT` or `en_GB`; `None` for languages not in the
    /// table.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::find(primary)
    }

    /// The id used in data files and `<html lang>`.
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// Every language, as a list for messages ("de, en").
    pub fn all_ids() -> String {
        let ids: Vec<&str> = languages().language.iter().map(|l| l.id.as_str()).collect();
        ids.join(", ")
    }

    /// Guesses the language of folded text by counting each language's common words; the
    /// fallback wins ties.
    pub fn guess(folded: &str) -> Lang {
        let mut best = (0usize, Lang::default());
        for (lang, hits) in votes(folded) {
            if hits > best.0 {
                best = (hits, lang);
            }
        }
        best.1
    }

    /// The language with at least `min_hits` common words and more than any other, if one is.
    pub fn guess_clearly(folded: &str, min_hits: usize) -> Option<Lang> {
        let votes = votes(folded);
        let top = votes.iter().map(|v| v.1).max()?;
        let mut winners = votes.iter().filter(|v| v.1 == top);
        match (winners.next(), winners.next()) {
            (Some(&(lang, _)), None) if top >= min_hits => Some(lang),
            _ => None,
        }
    }
}

/// Every language's common words in one sorted table of packed keys (see `word_key`), each
/// with a bit per language (in table order) it belongs to: counting is one integer binary
/// search per word, with no string comparison.
struct WordTable {
    langs: Vec<Lang>,
    /// Sorted by key.
    words: Vec<(u64, u32)>,
}

/// A word of at most eight bytes as one number (its bytes, little end first); longer words
/// have none: every common word is short.
fn word_key(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 8 {
        return None;
    }
    let mut bytes = [0u8; 8];
    bytes[..word.len()].copy_from_slice(word);
    Some(u64::from_le_bytes(bytes))
}

fn word_table() -> &'static WordTable {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = WordTable {
            langs: Vec::new(),
            words: Vec::new(),
        };
        for language in languages().language.iter().take(32) {
            let bit = 1u32 << table.langs.len();
            table.langs.push(Lang(language.id.as_str()));
            // A common word longer than eight bytes is never counted (see word_key).
            for key in language
                .function_words
                .iter()
                .filter_map(|w| word_key(w.as_bytes()))
            {
                match table.words.iter_mut().find(|(k, _)| *k == key) {
                    Some(entry) => entry.1 |= bit,
                    None => table.words.push((key, bit)),
                }
            }
        }
        table.words.sort_unstable_by_key(|w| w.0);
        table
    })
}

/// How many of each language's common words `folded` holds, in table order.
fn votes(folded: &str) -> Vec<(Lang, usize)> {
    let table = word_table();
    let mut counts: Vec<(Lang, usize)> = table.langs.iter().map(|&l| (l, 0)).collect();
    for word in folded.as_bytes().split(|&b| b == b' ') {
        let Some(key) = word_key(word) else {
            continue;
        };
        if let Ok(i) = table.words.binary_search_by_key(&key, |w| w.0) {
            let mask = table.words[i].1;
            for (n, count) in counts.iter_mut().enumerate() {
                if mask & (1 << n) != 0 {
                    count.1 += 1;
                }
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("de-AT").map(Lang::as_str), Some("de"));
        assert_eq!(Lang::from_tag("EN_gb").map(Lang::as_str), Some("en"));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::default().as_str(), "en");
    }

    #[test]
    fn guesses() {
        assert_eq!(
            Lang::guess("ich moechte den newsletter und angebote").as_str(),
            "de"
        );
        assert_eq!(Lang::guess("send me the offers and news").as_str(), "en");
        assert_eq!(Lang::guess("").as_str(), "en");
    }
}
